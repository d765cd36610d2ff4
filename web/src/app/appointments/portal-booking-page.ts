import { HttpClient, HttpErrorResponse, HttpHeaders, httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { Schemas } from '../core/api/api-types';
import { appointmentWhen, PortalAppointment } from '../core/api/appointments-api';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { describeError } from '../core/api/problem-details';
import { formatWhen } from '../shared/ui/when';

export type BookingSlots = Schemas['BookingSlotsDto'];
export type BookingSlot = Schemas['BookingSlotDto'];
export type PortalBookingRequest = Schemas['PortalBookingRequestDto'];

export const LATE_WARNING =
  "This is within your therapist's cancellation window: cancelling now is recorded as a late cancellation.";

/** Free times grouped by their practice day, in order. */
export function slotsByDay(slots: readonly BookingSlot[]): { day: string; slots: BookingSlot[] }[] {
  const days = new Map<string, BookingSlot[]>();
  for (const slot of slots) {
    const day = slot.startsAt.slice(0, 10);
    days.set(day, [...(days.get(day) ?? []), slot]);
  }
  return [...days].map(([day, daySlots]) => ({ day, slots: daySlots }));
}

/**
 * The portal's booking page, phone first (DESIGN §16): "choose a time that works for you both" from the therapist's
 * free times; a joint time waits for the other partner, who confirms or declines it here; each partner moves or cancels
 * their booked appointments (a cancellation inside the therapist's window is said to be late before it is sent). While
 * joint times cannot be booked by the couple, the page says only "please contact your therapist to book".
 */
@Component({
  selector: 'app-portal-booking-page',
  imports: [DescribeErrorPipe, MatButtonModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Book a session</h1>
    <div role="status" aria-live="polite" class="status">{{ status() }}</div>

    @if (waitingForMe().length) {
      <section aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">Waiting for your answer</h2>
        <ul class="cards">
          @for (r of waitingForMe(); track r.id) {
            <li>
              <p class="when">{{ when(r.startsAt) }}</p>
              <p>Your partner {{ r.kind === 'move' ? 'asked to move your session to this time' : 'chose this time for you both' }}.</p>
              <div class="actions">
                <button mat-flat-button type="button" [disabled]="busy()" (click)="answer(r, 'confirm')">Confirm</button>
                <button mat-stroked-button type="button" [disabled]="busy()" (click)="answer(r, 'decline')">Decline</button>
              </div>
            </li>
          }
        </ul>
      </section>
    }

    @if (mine().length) {
      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading">Times you asked for</h2>
        <ul class="cards">
          @for (r of mine(); track r.id) {
            <li>
              <p class="when">{{ when(r.startsAt) }}</p>
              <p>{{ r.status === 'awaiting_partner' ? 'Waiting for your partner to confirm.' : 'Waiting for your therapist to approve.' }}</p>
              <button mat-stroked-button type="button" [disabled]="busy()" (click)="answer(r, 'decline')">Take back</button>
            </li>
          }
        </ul>
      </section>
    }

    @if (booked().length) {
      <section aria-labelledby="booked-heading">
        <h2 id="booked-heading">Your booked sessions</h2>
        <ul class="cards">
          @for (a of booked(); track a.id) {
            <li>
              <p class="when">{{ when(a.startsAt) }}</p>
              <p>{{ a.durationMinutes }} minutes, {{ a.format === 'video' ? 'by video' : 'in person' }}</p>
              @if (lateWarning()?.id === a.id) {
                <p role="alert" class="warning">{{ lateWarning()!.message }}</p>
                <div class="actions">
                  <button mat-flat-button type="button" [disabled]="busy()" (click)="cancel(a, true)">Cancel anyway (late)</button>
                  <button mat-stroked-button type="button" (click)="lateWarning.set(null)">Keep it</button>
                </div>
              } @else {
                <div class="actions">
                  <button mat-stroked-button type="button" [disabled]="busy()" (click)="moving.set(a)">Move</button>
                  <button mat-stroked-button type="button" [disabled]="busy()" (click)="cancel(a, false)">Cancel</button>
                </div>
              }
            </li>
          }
        </ul>
      </section>
    }

    <section aria-labelledby="choose-heading">
      @if (moving(); as m) {
        <h2 id="choose-heading">Choose a new time</h2>
        <p>Moving your session of {{ when(m.startsAt) }}. <button mat-button type="button" (click)="moving.set(null); chosen.set(null)">Keep the time</button></p>
      } @else {
        <h2 id="choose-heading">Choose a time that works for you both</h2>
      }
      @if (slots.error(); as error) {
        <p role="alert">Could not load the free times: {{ error | describeError }}</p>
      } @else if (slots.hasValue()) {
        @let s = slots.value();
        @if (!s.available) {
          <p class="contact">{{ s.message || 'Please contact your therapist to book.' }}</p>
        } @else if (!s.slots.length) {
          <p class="empty">No free times in the next two weeks. Please contact your therapist.</p>
        } @else {
          <p class="meta">{{ s.durationMinutes }} minutes. Times are {{ s.timeZone }} time.</p>
          @for (group of days(); track group.day) {
            <h3>{{ dayWords(group.day) }}</h3>
            <div class="slots" role="group" [attr.aria-label]="dayWords(group.day)">
              @for (slot of group.slots; track slot.startsAtUtc) {
                <button type="button" class="slot" [attr.aria-pressed]="chosen() === slot" (click)="chosen.set(slot)">
                  {{ time(slot.startsAt) }}
                </button>
              }
            </div>
          }
          @if (chosen(); as c) {
            <div class="confirm">
              <p>{{ when(c.startsAt) }}</p>
              <button mat-flat-button type="button" [disabled]="busy()" (click)="ask(c)">
                {{ moving() ? 'Ask to move to this time' : 'Ask for this time' }}
              </button>
            </div>
          }
        }
      } @else {
        <p role="status">Loading…</p>
      }
    </section>
    <a mat-button routerLink="/portal">Back to my portal</a>
  `,
  styles: `
    :host { display: block; max-width: 40rem; }
    .cards { list-style: none; padding: 0; margin: 0; }
    .cards li { border: 1px solid var(--mat-sys-outline-variant); border-radius: 8px; padding: 0.5rem 1rem; margin: 0 0 0.75rem; }
    .when { font-weight: 600; margin: 0.25rem 0; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    .slots { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    .slot { min-height: 44px; min-width: 5rem; border-radius: 8px; border: 1px solid var(--mat-sys-outline); background: var(--mat-sys-surface);
            color: var(--mat-sys-on-surface); font: inherit; cursor: pointer; }
    .slot[aria-pressed='true'] { background: var(--mat-sys-primary); color: var(--mat-sys-on-primary); border-color: var(--mat-sys-primary); }
    .confirm { position: sticky; bottom: 0; background: var(--mat-sys-surface); padding: 0.5rem 0; }
    .meta { font-size: 0.875rem; color: var(--mat-sys-on-surface-variant); }
    .warning { font-weight: 500; }
    .status:empty { display: none; }
    button[mat-flat-button], button[mat-stroked-button], a[mat-button] { min-height: 44px; }
  `,
})
export class PortalBookingPage {
  private readonly http = inject(HttpClient);
  protected readonly slots = httpResource<BookingSlots>(() => '/api/portal/booking/slots?attendees=both');
  protected readonly requests = httpResource<PortalBookingRequest[]>(() => '/api/portal/booking/requests');
  protected readonly appointments = httpResource<PortalAppointment[]>(() => '/api/portal/appointments');
  protected readonly chosen = signal<BookingSlot | null>(null);
  protected readonly moving = signal<PortalAppointment | null>(null);
  protected readonly lateWarning = signal<{ id: string; message: string } | null>(null);
  protected readonly busy = signal(false);
  protected readonly status = signal('');
  private key = crypto.randomUUID();

  protected readonly days = computed(() => (this.slots.hasValue() ? slotsByDay(this.slots.value().slots) : []));
  private readonly pending = computed(() =>
    this.requests.hasValue() ? this.requests.value().filter((r) => r.status === 'awaiting_partner' || r.status === 'awaiting_therapist') : [],
  );
  protected readonly waitingForMe = computed(() => this.pending().filter((r) => r.waitingForMe));
  protected readonly mine = computed(() => this.pending().filter((r) => r.requestedByMe));
  protected readonly booked = computed(() =>
    this.appointments.hasValue() ? this.appointments.value().filter((a) => a.status === 'booked') : [],
  );

  protected readonly when = appointmentWhen;
  protected time(localIso: string): string {
    return formatWhen(localIso, 'time');
  }
  protected dayWords(day: string): string {
    return formatWhen(day, 'weekday');
  }

  protected async ask(slot: BookingSlot): Promise<void> {
    const moving = this.moving();
    await this.run(async () => {
      const request = moving
        ? await firstValueFrom(this.http.post<PortalBookingRequest>(`/api/portal/appointments/${encodeURIComponent(moving.id)}/move`,
            { startsAt: slot.startsAtUtc } satisfies Schemas['MoveMyAppointmentCommand']))
        : await firstValueFrom(this.http.post<PortalBookingRequest>('/api/portal/booking/requests',
            { startsAt: slot.startsAtUtc, attendees: 'both' } satisfies Schemas['AskForTimeCommand'],
            { headers: new HttpHeaders({ 'Idempotency-Key': this.key }) }));
      this.key = crypto.randomUUID();
      this.chosen.set(null);
      this.moving.set(null);
      this.status.set(request.status === 'booked' ? `Booked: ${this.when(request.startsAt)}.`
        : request.status === 'awaiting_partner' ? `Asked for ${this.when(request.startsAt)}. Your partner confirms it in their portal.`
        : `Asked for ${this.when(request.startsAt)}. Your therapist approves it.`);
    });
  }

  protected async answer(request: PortalBookingRequest, how: 'confirm' | 'decline'): Promise<void> {
    await this.run(async () => {
      const answered = await firstValueFrom(this.http.post<PortalBookingRequest>(
        `/api/portal/booking/requests/${encodeURIComponent(request.id)}/${how}`, null));
      this.status.set(how === 'decline' ? 'Declined.' : answered.status === 'booked'
        ? `Booked: ${this.when(answered.startsAt)}.` : 'Confirmed. Your therapist approves it.');
    });
  }

  protected async cancel(appointment: PortalAppointment, acceptLate: boolean, now = new Date()): Promise<void> {
    // Inside the therapist's window the page says so before anything is sent.
    if (!acceptLate && now > new Date(appointment.changeableUntil)) {
      this.lateWarning.set({ id: appointment.id, message: LATE_WARNING });
      return;
    }
    this.busy.set(true);
    try {
      await firstValueFrom(this.http.post(`/api/portal/appointments/${encodeURIComponent(appointment.id)}/cancel`,
        { acceptLate } satisfies Schemas['CancelMyAppointmentCommand']));
      this.lateWarning.set(null);
      this.status.set(acceptLate ? 'Cancelled (recorded as a late cancellation).' : 'Cancelled.');
      this.reload();
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 409 && error.error?.lateCancellation) {
        this.lateWarning.set({ id: appointment.id, message: error.error.detail ?? 'Cancelling now is recorded as a late cancellation.' });
      } else {
        this.status.set(describeError(error));
      }
    } finally {
      this.busy.set(false);
    }
  }

  private async run(write: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    try {
      await write();
    } catch (error) {
      this.status.set(describeError(error));
    } finally {
      this.busy.set(false);
      this.reload();
    }
  }

  private reload(): void {
    this.slots.reload();
    this.requests.reload();
    this.appointments.reload();
  }
}
