import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { firstValueFrom } from 'rxjs';
import { ClosingReason, ClosingSummaryDraft, Couple } from '../../core/api/api-types';
import { ClinicApi } from '../../core/api/clinic-api';
import { describeError } from '../../core/api/problem-details';
import { CoupleContext } from './couple-context';

export const CLOSING_REASONS: readonly { value: ClosingReason; label: string }[] = [
  { value: 'goals_met', label: 'Goals met' },
  { value: 'mutual_decision', label: 'Mutual decision' },
  { value: 'client_withdrew', label: 'Client withdrew' },
  { value: 'referred', label: 'Referred on' },
  { value: 'no_contact', label: 'No contact' },
  { value: 'other', label: 'Other' },
];

/**
 * Closing a case (issue 29): the draft written from the record is loaded only when the therapist opens the form; they
 * edit it, give a reason, confirm an open safety item if there is one, and sign — which closes the couple.
 */
@Component({
  selector: 'app-close-case',
  imports: [ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  template: `
    @if (!open()) {
      <button mat-stroked-button type="button" (click)="open.set(true)">Close the case…</button>
    } @else {
      <form class="close-form" [formGroup]="form" (ngSubmit)="close()" aria-labelledby="close-heading">
        <h4 id="close-heading">Close the case</h4>
        @if (draft.isLoading()) {
          <p role="status">Drafting the summary from the record…</p>
        }
        <mat-form-field>
          <mat-label>Reason</mat-label>
          <mat-select formControlName="reason" required>
            @for (reason of reasons; track reason.value) {
              <mat-option [value]="reason.value">{{ reason.label }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field class="summary">
          <mat-label>Closing summary</mat-label>
          <textarea matInput formControlName="summary" rows="12" required></textarea>
          <mat-hint>Drafted from the record: check and edit it before you sign.</mat-hint>
        </mat-form-field>
        @if (needsSafety()) {
          <mat-checkbox formControlName="confirmSafety">A safety item is still open: I have reviewed it and closing is right.</mat-checkbox>
        }
        <div class="actions">
          <button mat-flat-button type="submit" [disabled]="saving() || form.invalid || (needsSafety() && !form.value.confirmSafety)">
            Sign and close
          </button>
          <button mat-button type="button" (click)="open.set(false)">Cancel</button>
        </div>
        <p role="status">{{ message() }}</p>
      </form>
    }
  `,
  styles: `.close-form { display: grid; gap: 8px; } .summary { width: 100%; } .actions { display: flex; gap: 8px; flex-wrap: wrap; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CloseCase {
  private readonly api = inject(ClinicApi);
  private readonly context = inject(CoupleContext);
  readonly couple = input.required<Couple>();

  protected readonly reasons = CLOSING_REASONS;
  protected readonly open = signal(false);
  protected readonly saving = signal(false);
  protected readonly message = signal('');
  protected readonly draft = httpResource<ClosingSummaryDraft>(() =>
    this.open() ? `/api/couples/${encodeURIComponent(this.couple().id)}/closing-summary/draft` : undefined,
  );
  protected readonly needsSafety = () => this.draft.hasValue() && this.draft.value().openSafetyItems;
  protected readonly form = new FormGroup({
    reason: new FormControl<ClosingReason | null>(null, Validators.required),
    summary: new FormControl('', { nonNullable: true, validators: Validators.required }),
    confirmSafety: new FormControl(false, { nonNullable: true }),
  });

  constructor() {
    effect(() => {
      if (this.draft.hasValue() && !this.form.controls.summary.value) this.form.controls.summary.setValue(this.draft.value().text);
    });
  }

  protected async close(): Promise<void> {
    const couple = this.couple();
    const { reason, summary, confirmSafety } = this.form.getRawValue();
    if (!reason) return;
    this.saving.set(true);
    try {
      const closed = await firstValueFrom(
        this.api.closeCouple(couple.id, { version: couple.version, reason, summary, confirmSafety: this.needsSafety() ? confirmSafety : null }),
      );
      this.context.replace(closed);
      this.message.set('The case is closed and the summary signed.');
      this.open.set(false);
    } catch (error) {
      this.message.set(`Not closed. ${describeError(error)}`);
    } finally {
      this.saving.set(false);
    }
  }
}
