import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { firstValueFrom } from 'rxjs';
import { Partner } from '../core/api/api-types';
import { AssessmentsApi } from '../core/api/assessments-api';
import { QuestionnaireRequest } from '../core/api/assessment-types';
import { applyServerErrors } from '../core/api/problem-details';
import { FieldError } from '../shared/ui/field-error';
import { FormMessages } from '../shared/ui/form-messages';
import { ECR_RS } from './assessment-entry';

/** Ask one partner to complete an instrument in the portal, and say whether they may see their scores. */
@Component({
  selector: 'app-questionnaire-request-form',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatRadioModule, MatSelectModule, FieldError, FormMessages],
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <app-form-messages [messages]="messages()" heading="Not sent:" />
      <mat-form-field>
        <mat-label>Partner</mat-label>
        <mat-select formControlName="partnerId" required>
          @for (p of partners(); track p.id) {
            <mat-option [value]="p.id">{{ p.firstName }} {{ p.lastName }}</mat-option>
          }
        </mat-select>
        @if (form.controls.partnerId.invalid) {
          <mat-error><app-field-error [control]="form.controls.partnerId" label="The partner" /></mat-error>
        }
      </mat-form-field>
      <fieldset>
        <legend id="share-results-legend">Show the partner their scores after they answer?</legend>
        <mat-radio-group formControlName="shareResultsWithClient" aria-labelledby="share-results-legend" class="options">
          <mat-radio-button [value]="false">No — I will discuss them in session</mat-radio-button>
          <mat-radio-button [value]="true">Yes — show their scores in the portal</mat-radio-button>
        </mat-radio-group>
      </fieldset>
      <button mat-stroked-button type="submit" [disabled]="sending()">Ask to complete in the portal</button>
      <p role="status">{{ status() }}</p>
    </form>
  `,
  styles: `
    form { max-width: 480px; }
    .options { display: flex; flex-direction: column; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuestionnaireRequestForm {
  private readonly api = inject(AssessmentsApi);

  readonly coupleId = input.required<string>();
  readonly partners = input.required<Partner[]>();
  /** The instrument's code ("CSI-4"). */
  readonly instrumentCode = input(ECR_RS);
  readonly requested = output<QuestionnaireRequest>();

  protected readonly form = new FormGroup({
    partnerId: new FormControl<string | null>(null, Validators.required),
    shareResultsWithClient: new FormControl(false, { nonNullable: true }),
  });
  protected readonly messages = signal<string[]>([]);
  protected readonly status = signal('');
  protected readonly sending = signal(false);

  protected async submit(): Promise<void> {
    this.messages.set([]);
    this.status.set('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { partnerId, shareResultsWithClient } = this.form.getRawValue();
    this.sending.set(true);
    try {
      const request = await firstValueFrom(
        this.api.requestQuestionnaire(this.coupleId(), { partnerId: partnerId!, instrument: this.instrumentCode(), shareResultsWithClient }),
      );
      const name = this.partners().find((p) => p.id === partnerId)?.firstName ?? 'The partner';
      this.status.set(`${name} will find the ${this.instrumentCode()} in the portal.`);
      this.form.reset({ partnerId: null, shareResultsWithClient: false });
      this.requested.emit(request);
    } catch (error) {
      this.messages.set(applyServerErrors(error, this.form).formMessages);
    } finally {
      this.sending.set(false);
    }
  }
}
