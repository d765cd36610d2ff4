import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { AppointmentsApi, NotificationPreferences } from '../core/api/appointments-api';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { applyServerErrors } from '../core/api/problem-details';
import { FormMessages } from '../shared/ui/form-messages';

/** A partner's reminders and quiet hours (the portal's account page). Invitation and password emails always come. */
@Component({
  selector: 'app-notification-preferences',
  imports: [DescribeErrorPipe, ReactiveFormsModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, MatButtonModule, FormMessages],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="reminders-heading">
      <h2 id="reminders-heading">Email reminders</h2>
      @if (preferences.error(); as error) {
        <p role="alert">Could not load your reminders: {{ error | describeError }}</p>
      }
      <app-form-messages [messages]="errors()" heading="Could not save your reminders" />
      <form [formGroup]="form" (ngSubmit)="save()" novalidate>
        <fieldset>
          <legend>Send me</legend>
          <mat-checkbox formControlName="appointmentReminders">Appointment reminders (the day before)</mat-checkbox>
          <mat-checkbox formControlName="homeworkNudges">Gentle nudges when a few days pass without practice</mat-checkbox>
          <mat-checkbox formControlName="questionnaireReminders">Reminders of something waiting in my portal</mat-checkbox>
          <mat-checkbox formControlName="messages">An email when my therapist or my partner sends me a message (it never contains the message)</mat-checkbox>
        </fieldset>
        <fieldset>
          <legend>Quiet hours (optional, {{ zone() }} time): no reminders between</legend>
          <mat-form-field appearance="outline">
            <mat-label>From</mat-label>
            <input matInput type="time" formControlName="quietHoursStart" />
            @if (form.controls.quietHoursStart.hasError('server')) {
              <mat-error>{{ form.controls.quietHoursStart.getError('server') }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Until</mat-label>
            <input matInput type="time" formControlName="quietHoursEnd" />
            @if (form.controls.quietHoursEnd.hasError('server')) {
              <mat-error>{{ form.controls.quietHoursEnd.getError('server') }}</mat-error>
            }
          </mat-form-field>
        </fieldset>
        <p class="hint">Invitation and password emails always come: they only arrive when someone asks for them.</p>
        <button mat-flat-button type="submit" [disabled]="saving()">Save reminders</button>
        <p role="status">{{ saved() }}</p>
      </form>
    </section>
  `,
  styles: `
    fieldset { border: 0; padding: 0; margin: 0 0 1rem; display: flex; flex-direction: column; gap: 0.25rem; }
    legend { font-weight: 600; margin-bottom: 0.25rem; }
    .hint { color: var(--mat-sys-on-surface-variant); }
  `,
})
export class NotificationPreferencesForm {
  private readonly api = inject(AppointmentsApi);
  protected readonly preferences = httpResource<NotificationPreferences>(() => '/api/portal/notification-preferences');
  protected readonly form = inject(FormBuilder).nonNullable.group({
    appointmentReminders: true,
    homeworkNudges: true,
    questionnaireReminders: true,
    messages: true,
    quietHoursStart: '',
    quietHoursEnd: '',
  });
  protected readonly zone = signal('the practice');
  protected readonly errors = signal<string[]>([]);
  protected readonly saving = signal(false);
  protected readonly saved = signal('');

  constructor() {
    effect(() => {
      if (!this.preferences.hasValue()) return;
      const p = this.preferences.value();
      this.zone.set(p.timeZone);
      this.form.setValue({
        appointmentReminders: p.appointmentReminders,
        homeworkNudges: p.homeworkNudges,
        questionnaireReminders: p.questionnaireReminders,
        messages: p.messages,
        quietHoursStart: p.quietHoursStart ?? '',
        quietHoursEnd: p.quietHoursEnd ?? '',
      });
    });
  }

  protected async save(): Promise<void> {
    this.saving.set(true);
    this.errors.set([]);
    this.saved.set('');
    const v = this.form.getRawValue();
    try {
      await firstValueFrom(
        this.api.savePreferences({
          appointmentReminders: v.appointmentReminders,
          homeworkNudges: v.homeworkNudges,
          questionnaireReminders: v.questionnaireReminders,
          messages: v.messages,
          quietHoursStart: v.quietHoursStart || null,
          quietHoursEnd: v.quietHoursEnd || null,
        }),
      );
      this.saved.set('Your reminders are saved.');
    } catch (error) {
      this.errors.set(applyServerErrors(error, this.form).formMessages);
    } finally {
      this.saving.set(false);
    }
  }
}
