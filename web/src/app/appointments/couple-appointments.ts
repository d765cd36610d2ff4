import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { CoupleAgreements, POLICY_EXPLANATIONS, POLICY_LABELS } from '../core/api/agreement-types';
import { Paged } from '../core/api/api-types';
import {
  APPOINTMENT_STATUS_LABELS,
  Appointment,
  appointmentWhen,
  AppointmentsApi,
  ATTENDEE_LABELS,
} from '../core/api/appointments-api';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { describeError } from '../core/api/problem-details';
import { AppointmentForm } from './appointment-form';

/**
 * The couple workspace's appointments (its section supplies the heading): book one, see them all
 * (latest first), cancel or mark a no-show, and hold one — which opens the session form
 * prefilled from it.
 */
@Component({
  selector: 'app-couple-appointments',
  imports: [DescribeErrorPipe, MatButtonModule, RouterLink, AppointmentForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (booking()) {
      <app-appointment-form [coupleId]="coupleId()" (booked)="onBooked()" (cancelled)="booking.set(false)" />
    } @else if (!closed()) {
      <button mat-stroked-button type="button" (click)="booking.set(true)">Book an appointment</button>
    }
    <p role="status">{{ message() }}</p>
    @if (appointments.error(); as error) {
      <p role="alert">Could not load the appointments: {{ error | describeError }}</p>
    }
    <ul class="appointments">
      @for (a of rows(); track a.id) {
        <li>
          <strong>{{ when(a.startsAt) }}</strong> · {{ a.durationMinutes }} min · {{ a.format === 'video' ? 'Video' : 'In person' }}
          · {{ attendees[a.attendees] }} · <span class="status">{{ statuses[a.status] }}</span>
          @if (a.attendees !== 'both') {
            <span class="policy">{{ policyText() }}</span>
          }
          <span class="actions">
            @if (a.status === 'booked') {
              @if (a.canBeHeldToday) {
                <button mat-button type="button" (click)="hold(a)" [attr.aria-label]="'Record session from ' + when(a.startsAt)">Record session</button>
              }
              <button mat-button type="button" (click)="close(a, 'cancelled')" [attr.aria-label]="'Cancel ' + when(a.startsAt)">Cancel</button>
              <button mat-button type="button" (click)="close(a, 'late_cancelled')" [attr.aria-label]="'Late cancellation of ' + when(a.startsAt)">Late cancel</button>
              <button mat-button type="button" (click)="close(a, 'no_show')" [attr.aria-label]="'No-show on ' + when(a.startsAt)">No-show</button>
            } @else if (a.status === 'held') {
              @if (a.sessionId) {
                <a mat-button [routerLink]="['/sessions', a.sessionId]">Open session</a>
              } @else {
                <a mat-button [routerLink]="['/couples', coupleId(), 'sessions', 'new']" [queryParams]="{ appointment: a.id }">Record session</a>
              }
            }
          </span>
        </li>
      } @empty {
        @if (appointments.hasValue()) {
          <li>No appointments yet.</li>
        }
      }
    </ul>
    @if (appointments.isLoading() && !appointments.hasValue()) {
      <p role="status">Loading…</p>
    }
  `,
  styles: `
    .appointments { list-style: none; padding: 0; }
    .appointments li { padding: 0.4rem 0; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .policy { display: block; font-size: 0.875rem; color: var(--mat-sys-on-surface-variant); }
    .actions { display: inline-flex; flex-wrap: wrap; gap: 0.25rem; margin-left: 0.5rem; }
  `,
})
export class CoupleAppointments {
  private readonly api = inject(AppointmentsApi);
  private readonly router = inject(Router);
  readonly coupleId = input.required<string>();
  readonly closed = input(false);

  protected readonly appointments = httpResource<Paged<Appointment>>(() => ({
    url: `/api/couples/${encodeURIComponent(this.coupleId())}/appointments`,
    params: { page: 1, pageSize: 100 },
  }));
  protected readonly rows = computed(() => (this.appointments.hasValue() ? this.appointments.value().items : []));
  protected readonly booking = signal(false);
  protected readonly message = signal('');
  protected readonly when = appointmentWhen;
  protected readonly attendees = ATTENDEE_LABELS;
  /** An individual appointment shows the couple's confidentiality policy: what is said there may or may not stay there. */
  private readonly agreements = httpResource<CoupleAgreements>(() =>
    this.rows().some((a) => a.attendees !== 'both') ? `/api/couples/${encodeURIComponent(this.coupleId())}/agreements` : undefined,
  );
  protected readonly policyText = computed(() => {
    const policy = this.agreements.hasValue() ? this.agreements.value().policy : null;
    return policy ? `Confidentiality policy: ${POLICY_LABELS[policy]}. ${POLICY_EXPLANATIONS[policy]}` : 'No confidentiality policy chosen yet.';
  });
  protected readonly statuses = APPOINTMENT_STATUS_LABELS;

  protected onBooked(): void {
    this.booking.set(false);
    this.message.set('Booked. The partners who attend get an email with a calendar file.');
    this.appointments.reload();
  }

  /** Holding marks it held and opens the session form prefilled from it. */
  protected async hold(appointment: Appointment): Promise<void> {
    try {
      await firstValueFrom(this.api.hold(appointment.id));
      await this.router.navigate(['/couples', this.coupleId(), 'sessions', 'new'], { queryParams: { appointment: appointment.id } });
    } catch (error) {
      this.message.set(describeError(error));
    }
  }

  protected async close(appointment: Appointment, status: 'cancelled' | 'late_cancelled' | 'no_show'): Promise<void> {
    try {
      await firstValueFrom(this.api.change(appointment.id, { version: appointment.version, status }));
      this.message.set(`${this.statuses[status]} recorded for ${this.when(appointment.startsAt)}.`);
      this.appointments.reload();
    } catch (error) {
      this.message.set(describeError(error));
    }
  }
}
