import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { firstValueFrom } from 'rxjs';
import { Session } from '../core/api/api-types';
import { describeError } from '../core/api/problem-details';
import { SupervisionApi } from '../core/api/supervision-api';

/** The therapist marks their own signed session to discuss in supervision (it joins the supervisor's queue), or clears the mark. */
@Component({
  selector: 'app-discuss-toggle',
  imports: [MatButtonModule],
  template: `
    <p class="discuss">
      @if (session().discussInSupervision) {
        <span>Marked to discuss in supervision.</span>
        <button mat-button type="button" (click)="set(false)" [disabled]="saving()">Clear the mark</button>
      } @else {
        <button mat-stroked-button type="button" (click)="set(true)" [disabled]="saving()">Discuss in supervision</button>
      }
      <span role="status">{{ status() }}</span>
    </p>
  `,
  styles: `.discuss { display: flex; flex-wrap: wrap; gap: var(--space-2) var(--space-3); align-items: center; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DiscussToggle {
  private readonly api = inject(SupervisionApi);

  readonly session = input.required<Session>();
  readonly changed = output<Session>();

  protected readonly saving = signal(false);
  protected readonly status = signal('');

  protected async set(discuss: boolean): Promise<void> {
    this.saving.set(true);
    this.status.set('');
    try {
      const saved = await firstValueFrom(this.api.flagForSupervision(this.session().id, discuss));
      this.changed.emit(saved);
      this.status.set(discuss ? 'Your supervisor will see it in their queue.' : 'The mark is cleared.');
    } catch (error) {
      this.status.set(`The mark was not changed. ${describeError(error)}`);
    } finally {
      this.saving.set(false);
    }
  }
}
