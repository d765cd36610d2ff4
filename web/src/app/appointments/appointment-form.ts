import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { firstValueFrom } from 'rxjs';
import { CoupleSummary } from '../core/api/api-types';
import { Appointment, AppointmentsApi } from '../core/api/appointments-api';
import { applyServerErrors, problemOf } from '../core/api/problem-details';
import { FormMessages } from '../shared/ui/form-messages';

/** What a 409 asks the therapist to confirm before booking again. */
export interface BookingConfirmations {
  overlap: boolean;
  safety: boolean;
}

/** Which confirmations a refused booking needs, read from the problem's extension members. */
export function confirmationsNeeded(error: unknown): BookingConfirmations {
  const problem = problemOf(error);
  return { overlap: problem?.['requiresOverlapConfirmation'] === true, safety: problem?.['requiresSafetyConfirmation'] === true };
}

/**
 * Books an appointment: local date and time in the practice's zone, length, who attends, how. A
 * double booking or joint work while a safety concern is open comes back as a 409 that names what
 * to confirm; the form then asks for that confirmation (the safety one is recorded) and tries again.
 */
@Component({
  selector: 'app-appointment-form',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatCheckboxModule, MatButtonModule, FormMessages],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <app-form-messages [messages]="errors()" heading="The appointment was not booked" />
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate class="booking">
      @if (couples().length) {
        <mat-form-field appearance="outline">
          <mat-label>Couple</mat-label>
          <mat-select formControlName="coupleId" required>
            @for (c of couples(); track c.id) { <mat-option [value]="c.id">{{ c.displayName }}</mat-option> }
          </mat-select>
          @if (form.controls.coupleId.hasError('required')) { <mat-error>Choose a couple.</mat-error> }
        </mat-form-field>
      }
      <mat-form-field appearance="outline">
        <mat-label>Date</mat-label>
        <input matInput type="date" formControlName="date" required />
        @if (form.controls.date.hasError('server')) { <mat-error>{{ form.controls.date.getError('server') }}</mat-error> }
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Start time</mat-label>
        <input matInput type="time" formControlName="time" required />
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Minutes</mat-label>
        <input matInput type="number" min="15" max="240" step="5" formControlName="durationMinutes" required />
        @if (form.controls.durationMinutes.invalid) { <mat-error>15 to 240 minutes.</mat-error> }
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Who attends</mat-label>
        <mat-select formControlName="attendees">
          <mat-option value="both">Both partners</mat-option>
          <mat-option value="partner_a">Partner A only</mat-option>
          <mat-option value="partner_b">Partner B only</mat-option>
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Format</mat-label>
        <mat-select formControlName="format">
          <mat-option value="in_person">In person</mat-option>
          <mat-option value="video">Video</mat-option>
        </mat-select>
      </mat-form-field>
      @if (form.controls.format.value === 'video') {
        <mat-form-field appearance="outline">
          <mat-label>Video link (https)</mat-label>
          <input matInput type="url" formControlName="videoLink" />
          @if (form.controls.videoLink.hasError('server')) { <mat-error>{{ form.controls.videoLink.getError('server') }}</mat-error> }
        </mat-form-field>
      }
      <mat-form-field appearance="outline" class="wide">
        <mat-label>Note to the clients (no clinical content)</mat-label>
        <input matInput formControlName="noteToClients" maxlength="500" />
      </mat-form-field>
      @if (needs().overlap) {
        <mat-checkbox formControlName="confirmOverlap">This time overlaps another of my appointments — book it anyway</mat-checkbox>
      }
      @if (needs().safety) {
        <mat-checkbox formControlName="confirmSafety">
          A safety concern is open or joint sessions are paused. I confirm a joint appointment is appropriate (this is recorded).
        </mat-checkbox>
      }
      <div class="actions">
        <button mat-flat-button type="submit" [disabled]="submitting()">Book appointment</button>
        <button mat-button type="button" (click)="cancelled.emit()">Cancel</button>
      </div>
    </form>
  `,
  styles: `
    .booking { display: flex; flex-wrap: wrap; gap: 0 1rem; align-items: baseline; }
    .wide { flex-basis: 100%; }
    .actions { display: flex; gap: 0.5rem; flex-basis: 100%; }
  `,
})
export class AppointmentForm {
  private readonly api = inject(AppointmentsApi);
  /** The couple being booked; empty when the form offers a choice from <code>couples</code>. */
  readonly coupleId = input<string>('');
  readonly couples = input<CoupleSummary[]>([]);
  /** A slot chosen on the calendar: "YYYY-MM-DDTHH:mm". */
  readonly slot = input<string>('');
  readonly booked = output<Appointment>();
  readonly cancelled = output<void>();

  protected readonly form = inject(FormBuilder).nonNullable.group({
    coupleId: [''],
    date: ['', Validators.required],
    time: ['17:00', Validators.required],
    durationMinutes: [50, [Validators.required, Validators.min(15), Validators.max(240)]],
    attendees: ['both' as 'both' | 'partner_a' | 'partner_b'],
    format: ['in_person' as 'in_person' | 'video'],
    videoLink: [''],
    noteToClients: [''],
    confirmOverlap: [false],
    confirmSafety: [false],
  });
  protected readonly needs = signal<BookingConfirmations>({ overlap: false, safety: false });
  protected readonly errors = signal<string[]>([]);
  protected readonly submitting = signal(false);

  constructor() {
    effect(() => {
      const slot = this.slot();
      if (slot) this.form.patchValue({ date: slot.slice(0, 10), time: slot.slice(11, 16) });
    });
    effect(() => {
      if (this.couples().length) this.form.controls.coupleId.setValidators(Validators.required);
    });
  }

  protected async submit(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const v = this.form.getRawValue();
    const coupleId = this.coupleId() || v.coupleId;
    this.submitting.set(true);
    this.errors.set([]);
    try {
      const appointment = await firstValueFrom(
        this.api.book(coupleId, {
          startsAt: `${v.date}T${v.time}`,
          durationMinutes: v.durationMinutes,
          attendees: v.attendees,
          format: v.format,
          videoLink: v.format === 'video' && v.videoLink ? v.videoLink : null,
          noteToClients: v.noteToClients,
          confirmOverlap: v.confirmOverlap,
          confirmSafety: v.confirmSafety,
        }),
      );
      this.needs.set({ overlap: false, safety: false });
      this.form.patchValue({ confirmOverlap: false, confirmSafety: false, noteToClients: '' });
      this.booked.emit(appointment);
    } catch (error) {
      const needs = confirmationsNeeded(error);
      if (needs.overlap || needs.safety) {
        this.needs.update((n) => ({ overlap: n.overlap || needs.overlap, safety: n.safety || needs.safety }));
        this.errors.set([(problemOf(error)?.detail as string) ?? 'Please confirm to go ahead.']);
      } else {
        this.errors.set(applyServerErrors(error, this.form, { startsAt: 'date' }).formMessages);
      }
    } finally {
      this.submitting.set(false);
    }
  }
}
