import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { firstValueFrom } from 'rxjs';
import { applyServerErrors } from '../core/api/problem-details';
import { SafetyApi } from '../core/api/safety-api';
import { RiskRecord, SelfHarmRisk, ViolenceLevel } from '../core/api/safety-types';
import { FieldError } from '../shared/ui/field-error';
import { FormMessages } from '../shared/ui/form-messages';
import { WhenPipe } from '../shared/ui/when';

export const VIOLENCE_LABELS: Record<ViolenceLevel, string> = {
  none: 'None known',
  situational: 'Situational',
  coercive_control_suspected: 'Coercive control suspected',
};

export const SELF_HARM_LABELS: Record<SelfHarmRisk, string> = {
  none: 'None known',
  low: 'Low',
  moderate: 'Moderate',
  high: 'High',
};

/** One partner's risk record; saving sends the version read, and every saved state is kept. */
@Component({
  selector: 'app-risk-record-form',
  imports: [WhenPipe, ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, MatSelectModule, FieldError, FormMessages],
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <app-form-messages [messages]="messages()" heading="Not saved:" />
      <mat-form-field>
        <mat-label>Violence</mat-label>
        <mat-select formControlName="violence">
          @for (v of violenceLevels; track v) {
            <mat-option [value]="v">{{ violenceLabels[v] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Self-harm risk</mat-label>
        <mat-select formControlName="selfHarmRisk">
          @for (r of selfHarmLevels; track r) {
            <mat-option [value]="r">{{ selfHarmLabels[r] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <p><mat-checkbox formControlName="substanceMisuse">Substance misuse</mat-checkbox></p>
      <p><mat-checkbox formControlName="jointSessionsPaused">Joint sessions paused</mat-checkbox></p>
      <mat-form-field>
        <mat-label>Plan notes</mat-label>
        <textarea matInput rows="3" formControlName="planNotes" maxlength="8000"></textarea>
        @if (form.controls.planNotes.invalid) {
          <mat-error><app-field-error [control]="form.controls.planNotes" label="Plan notes" /></mat-error>
        }
      </mat-form-field>
      <button mat-stroked-button type="submit" [disabled]="saving()">
        Save risk record<span class="visually-hidden"> for {{ partnerName() }}</span>
      </button>
      <p role="status">{{ status() }}</p>
      @if (record().recorded) {
        <p class="meta">Revision {{ record().revision }}, saved {{ record().updatedAt | when: 'dateTime' }}.</p>
      } @else {
        <p class="meta">No risk record saved yet.</p>
      }
    </form>
  `,
  styles: `.meta { font-size: 0.875rem; color: var(--mat-sys-on-surface-variant); }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RiskRecordForm {
  private readonly api = inject(SafetyApi);

  readonly coupleId = input.required<string>();
  readonly record = input.required<RiskRecord>();
  readonly partnerName = input('this partner');
  readonly saved = output<RiskRecord>();

  protected readonly violenceLevels = Object.keys(VIOLENCE_LABELS) as ViolenceLevel[];
  protected readonly selfHarmLevels = Object.keys(SELF_HARM_LABELS) as SelfHarmRisk[];
  protected readonly violenceLabels = VIOLENCE_LABELS;
  protected readonly selfHarmLabels = SELF_HARM_LABELS;
  protected readonly form = new FormGroup({
    violence: new FormControl<ViolenceLevel>('none', { nonNullable: true, validators: Validators.required }),
    substanceMisuse: new FormControl(false, { nonNullable: true }),
    selfHarmRisk: new FormControl<SelfHarmRisk>('none', { nonNullable: true, validators: Validators.required }),
    jointSessionsPaused: new FormControl(false, { nonNullable: true }),
    planNotes: new FormControl('', { nonNullable: true, validators: Validators.maxLength(8000) }),
  });
  protected readonly messages = signal<string[]>([]);
  protected readonly status = signal('');
  protected readonly saving = signal(false);

  constructor() {
    effect(() => {
      const record = this.record();
      untracked(() => this.form.reset(record));
    });
  }

  protected async submit(): Promise<void> {
    this.messages.set([]);
    this.status.set('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    try {
      const stored = await firstValueFrom(
        this.api.saveRiskRecord(this.coupleId(), this.record().partnerId, { ...this.form.getRawValue(), version: this.record().version }),
      );
      this.status.set('Risk record saved.');
      this.saved.emit(stored);
    } catch (error) {
      this.messages.set(applyServerErrors(error, this.form).formMessages);
    } finally {
      this.saving.set(false);
    }
  }
}
