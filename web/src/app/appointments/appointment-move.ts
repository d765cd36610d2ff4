import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { Appointment, appointmentWhen, AppointmentsApi } from '../core/api/appointments-api';
import { applyServerErrors, problemOf } from '../core/api/problem-details';
import { ConfirmDialog } from '../shared/ui/confirm-dialog';
import { FormMessages } from '../shared/ui/form-messages';
import { confirmationsNeeded } from './appointment-form';

/**
 * Moves a booked appointment to another time (and optionally another length) in the practice's zone. The
 * time comes from the fields, a free cell chosen in the week's grid, or an appointment dropped on a cell.
 * The API answers a double booking or a joint session while a safety concern is open with a 409 naming
 * what to confirm; each is asked in a dialog (the safety one is recorded) and the move is sent again.
 * Anything else refused — a stale version, a time the clocks skip — is said in words.
 */
@Component({
  selector: 'app-appointment-move',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, FormMessages],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <app-form-messages [messages]="errors()" heading="The appointment was not moved" />
    <p class="hint">Type the new time, or choose a free hour in the week's grid.</p>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate class="move">
      <mat-form-field appearance="outline">
        <mat-label>New date</mat-label>
        <input matInput type="date" formControlName="date" required />
        @if (form.controls.date.hasError('required')) { <mat-error>Give the new date.</mat-error> }
        @if (form.controls.date.hasError('server')) { <mat-error>{{ form.controls.date.getError('server') }}</mat-error> }
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>New start time</mat-label>
        <input matInput type="time" formControlName="time" required />
        @if (form.controls.time.hasError('required')) { <mat-error>Give the new start time.</mat-error> }
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Minutes</mat-label>
        <input matInput type="number" min="15" max="240" step="5" formControlName="durationMinutes" required />
        @if (form.controls.durationMinutes.invalid) { <mat-error>15 to 240 minutes.</mat-error> }
        @if (form.controls.durationMinutes.hasError('server')) { <mat-error>{{ form.controls.durationMinutes.getError('server') }}</mat-error> }
      </mat-form-field>
      <div class="actions">
        <button mat-flat-button type="submit" [disabled]="submitting()">Move appointment</button>
        <button mat-button type="button" (click)="cancelled.emit()">Keep it where it is</button>
      </div>
    </form>
  `,
  styles: `
    .move { display: flex; flex-wrap: wrap; gap: 0 1rem; align-items: baseline; }
    .move mat-form-field { max-width: 100%; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; flex-basis: 100%; }
    .hint { margin: 0 0 0.5rem; }
  `,
})
export class AppointmentMove {
  private readonly api = inject(AppointmentsApi);
  private readonly dialog = inject(MatDialog);
  readonly appointment = input.required<Appointment>();
  /** A new time chosen in the grid or by dropping: "YYYY-MM-DDTHH:mm". */
  readonly slot = input<string>('');
  readonly moved = output<Appointment>();
  readonly cancelled = output<void>();

  protected readonly form = inject(FormBuilder).nonNullable.group({
    date: ['', Validators.required],
    time: ['', Validators.required],
    durationMinutes: [50, [Validators.required, Validators.min(15), Validators.max(240)]],
  });
  protected readonly errors = signal<string[]>([]);
  protected readonly submitting = signal(false);

  constructor() {
    effect(() => {
      const a = this.appointment();
      this.form.reset({ date: a.startsAt.slice(0, 10), time: a.startsAt.slice(11, 16), durationMinutes: a.durationMinutes });
      this.errors.set([]);
    });
    effect(() => {
      const slot = this.slot();
      if (slot) this.form.patchValue({ date: slot.slice(0, 10), time: slot.slice(11, 16) });
    });
  }

  protected async submit(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const v = this.form.getRawValue();
    const a = this.appointment();
    const startsAt = `${v.date}T${v.time}`;
    this.submitting.set(true);
    this.errors.set([]);
    let confirmOverlap = false;
    let confirmSafety = false;
    try {
      // At most one round per confirmation the API can ask for.
      for (let round = 0; round < 3; round++) {
        try {
          const moved = await firstValueFrom(
            this.api.change(a.id, { version: a.version, startsAt, durationMinutes: v.durationMinutes, confirmOverlap, confirmSafety }),
          );
          this.moved.emit(moved);
          return;
        } catch (error) {
          const needs = confirmationsNeeded(error);
          const detail = (problemOf(error)?.detail as string | undefined) ?? '';
          if (needs.overlap && !confirmOverlap) {
            if (!(await this.ask('This time overlaps another of your appointments', detail, `Move to ${appointmentWhen(startsAt)} anyway`))) {
              this.errors.set(['Not moved: the new time overlaps another appointment.']);
              return;
            }
            confirmOverlap = true;
          } else if (needs.safety && !confirmSafety) {
            const question = 'A safety concern is open or joint sessions are paused';
            const paragraphs = `${detail} Going ahead records that you confirmed a joint session is appropriate.`;
            if (!(await this.ask(question, paragraphs, 'Confirm and move'))) {
              this.errors.set(['Not moved: the joint session was not confirmed.']);
              return;
            }
            confirmSafety = true;
          } else {
            // A stale version (409) or a refused time (400 on startsAt, durationMinutes) is said in words.
            const applied = applyServerErrors(error, this.form, { startsAt: 'date' });
            this.errors.set(applied.formMessages.length ? applied.formMessages : ['Check the field marked below.']);
            return;
          }
        }
      }
    } finally {
      this.submitting.set(false);
    }
  }

  private ask(title: string, detail: string, confirm: string): Promise<boolean> {
    return ConfirmDialog.ask(this.dialog, { title: `${title}. Move it anyway?`, paragraphs: detail ? [detail] : [], confirm, cancel: 'Do not move' });
  }
}
