import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Partner } from '../core/api/api-types';
import { AssessmentEntry } from './assessment-entry';
import { AssessmentList } from './assessment-list';
import { QuestionnaireRequestForm } from './questionnaire-request-form';

/** The couple page's assessment section: the list, entering an ECR-RS, and asking for one in the portal. */
@Component({
  selector: 'app-couple-assessments',
  imports: [MatButtonModule, AssessmentList, AssessmentEntry, QuestionnaireRequestForm],
  template: `
    <app-assessment-list [coupleId]="coupleId()" [partners]="partners()" [refresh]="refresh()" />
    <div class="actions">
      <button mat-stroked-button type="button" (click)="toggle('enter')" [attr.aria-expanded]="open() === 'enter'">Enter ECR-RS</button>
      <button mat-stroked-button type="button" (click)="toggle('ask')" [attr.aria-expanded]="open() === 'ask'">
        Ask to complete in the portal
      </button>
    </div>
    @if (open() === 'enter') {
      <h3>Enter ECR-RS answers</h3>
      <app-assessment-entry [coupleId]="coupleId()" [partners]="partners()" (recorded)="changed()" />
    } @else if (open() === 'ask') {
      <h3>Ask a partner to complete the ECR-RS</h3>
      <app-questionnaire-request-form [coupleId]="coupleId()" [partners]="partners()" (requested)="changed()" />
    }
  `,
  styles: `
    .actions { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 1rem 0; }
    h3 { font-size: 1.05rem; font-weight: 500; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CoupleAssessments {
  readonly coupleId = input.required<string>();
  readonly partners = input.required<Partner[]>();

  protected readonly open = signal<'enter' | 'ask' | null>(null);
  protected readonly refresh = signal(0);

  protected toggle(panel: 'enter' | 'ask'): void {
    this.open.update((current) => (current === panel ? null : panel));
  }

  protected changed(): void {
    this.refresh.update((n) => n + 1);
  }
}
