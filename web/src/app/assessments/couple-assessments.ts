import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { Partner } from '../core/api/api-types';
import { Instrument } from '../core/api/assessment-types';
import { AssessmentEntry, ECR_RS } from './assessment-entry';
import { AssessmentList } from './assessment-list';
import { latestByCode } from './instrument-format';
import { MeasureSchedules } from './measure-schedules';
import { QuestionnaireRequestForm } from './questionnaire-request-form';

/**
 * The couple page's assessment section: the list, then for the chosen instrument entering a
 * partner's answers, or asking for them in the portal. Self-contained, so a workspace section
 * (`/couples/:id/assessments`) can host it as is.
 */
@Component({
  selector: 'app-couple-assessments',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatSelectModule, AssessmentList, AssessmentEntry, QuestionnaireRequestForm, MeasureSchedules],
  template: `
    <app-assessment-list [coupleId]="coupleId()" [partners]="partners()" [refresh]="refresh()" />
    <mat-form-field class="instrument">
      <mat-label>Questionnaire</mat-label>
      <mat-select [ngModel]="code()" (ngModelChange)="code.set($event)">
        @for (i of choices(); track i.code) {
          <mat-option [value]="i.code">{{ i.title }}</mat-option>
        }
      </mat-select>
    </mat-form-field>
    <div class="actions">
      <button mat-stroked-button type="button" (click)="toggle('enter')" [attr.aria-expanded]="open() === 'enter'">Enter {{ code() }}</button>
      <button mat-stroked-button type="button" (click)="toggle('ask')" [attr.aria-expanded]="open() === 'ask'">
        Ask to complete in the portal
      </button>
    </div>
    @if (open() === 'enter') {
      <h3>Enter {{ code() }} answers</h3>
      <app-assessment-entry [coupleId]="coupleId()" [partners]="partners()" [instrumentCode]="code()" (recorded)="changed()" />
    } @else if (open() === 'ask') {
      <h3>Ask a partner to complete the {{ code() }}</h3>
      <app-questionnaire-request-form [coupleId]="coupleId()" [partners]="partners()" [instrumentCode]="code()" (requested)="changed()" />
    }
    <h3>Scheduled questionnaires</h3>
    <app-measure-schedules [coupleId]="coupleId()" [partners]="partners()" (changed)="changed()" />
  `,
  styles: `
    .actions { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 0 0 1rem; }
    .instrument { min-width: min(16rem, 100%); margin-top: 1rem; }
    h3 { font-size: 1.05rem; font-weight: 500; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CoupleAssessments {
  readonly coupleId = input.required<string>();
  readonly partners = input.required<Partner[]>();

  protected readonly instruments = httpResource<Instrument[]>(() => '/api/instruments');
  protected readonly choices = computed(() =>
    this.instruments.hasValue() ? [...latestByCode(this.instruments.value()).values()].sort((a, b) => a.code.localeCompare(b.code)) : [],
  );
  protected readonly code = signal(ECR_RS);
  protected readonly open = signal<'enter' | 'ask' | null>(null);
  protected readonly refresh = signal(0);

  protected toggle(panel: 'enter' | 'ask'): void {
    this.open.update((current) => (current === panel ? null : panel));
  }

  protected changed(): void {
    this.refresh.update((n) => n + 1);
  }
}
