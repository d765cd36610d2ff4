import { HttpClient, httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { Schemas } from '../core/api/api-types';
import { appointmentWhen, ATTENDEE_LABELS } from '../core/api/appointments-api';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { describeError, problemOf } from '../core/api/problem-details';
import { ConfirmDialog } from '../shared/ui/confirm-dialog';
import { WhenPipe } from '../shared/ui/when';
import { confirmationsNeeded } from './appointment-form';

export type BookingRequest = Schemas['BookingRequestDto'];

/**
 * The times partners agreed to that wait for the therapist (when the therapist approves bookings): approve
 * books it — asking first, in a dialog, when the API says it overlaps or needs the recorded safety
 * confirmation — and decline tells the partners in their portal.
 */
@Component({
  selector: 'app-booking-requests',
  imports: [MatButtonModule, DescribeErrorPipe, WhenPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="requests-heading" class="requests">
      <h2 id="requests-heading">Requests waiting for your approval</h2>
      @if (requests.error(); as error) {
        <p role="alert">Could not load the requests: {{ error | describeError }}</p>
      }
      <p role="status">{{ message() }}</p>
      <ul>
        @for (r of items(); track r.id) {
          <li>
            <strong>{{ when(r.startsAt) }}</strong>–{{ r.endsAt | when: 'time' }} · {{ r.coupleDisplayName }} · {{ attendees[r.attendees] }}
            · {{ r.kind === 'move' ? 'to move an appointment' : 'new appointment' }}
            <span class="actions">
              <button mat-flat-button type="button" [disabled]="busy() === r.id" (click)="approve(r)"
                [attr.aria-label]="'Approve ' + r.coupleDisplayName + ', ' + when(r.startsAt)">Approve</button>
              <button mat-stroked-button type="button" [disabled]="busy() === r.id" (click)="decline(r)"
                [attr.aria-label]="'Decline ' + r.coupleDisplayName + ', ' + when(r.startsAt)">Decline</button>
            </span>
          </li>
        } @empty {
          @if (requests.hasValue()) {
            <li>Nothing waits for your approval.</li>
          }
        }
      </ul>
    </section>
  `,
  styles: `
    .requests ul { list-style: none; padding: 0; }
    .requests li { padding: 0.4rem 0; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .actions { display: inline-flex; flex-wrap: wrap; gap: 0.5rem; margin-left: 0.5rem; }
  `,
})
export class BookingRequests {
  private readonly http = inject(HttpClient);
  private readonly dialog = inject(MatDialog);
  /** A request was approved (an appointment booked or moved) or declined: the calendar reloads. */
  readonly changed = output<void>();

  protected readonly requests = httpResource<BookingRequest[]>(() => ({
    url: '/api/booking/requests',
    params: { status: 'awaiting_therapist' },
  }));
  readonly items = computed(() => (this.requests.hasValue() ? this.requests.value() : []));
  protected readonly busy = signal('');
  protected readonly message = signal('');
  protected readonly when = appointmentWhen;
  protected readonly attendees = ATTENDEE_LABELS;

  protected async approve(request: BookingRequest): Promise<void> {
    this.busy.set(request.id);
    this.message.set('');
    let confirmOverlap = false;
    let confirmSafety = false;
    try {
      for (let round = 0; round < 3; round++) {
        try {
          await firstValueFrom(
            this.http.post<BookingRequest>(`/api/booking/requests/${encodeURIComponent(request.id)}/approve`, {
              confirmOverlap,
              confirmSafety,
            } satisfies Schemas['ApproveBookingRequestCommand']),
          );
          this.done(`Approved: ${request.coupleDisplayName}, ${appointmentWhen(request.startsAt)}. The partners get an email.`);
          return;
        } catch (error) {
          const needs = confirmationsNeeded(error);
          const detail = (problemOf(error)?.detail as string | undefined) ?? '';
          if (needs.overlap && !confirmOverlap) {
            if (!(await this.ask('This time overlaps another of your appointments. Book it anyway?', [detail], 'Book it anyway'))) return;
            confirmOverlap = true;
          } else if (needs.safety && !confirmSafety) {
            const paragraphs = [detail, 'Going ahead records that you confirmed a joint session is appropriate.'];
            if (!(await this.ask('A safety concern is open or joint sessions are paused. Book it anyway?', paragraphs, 'Confirm and book'))) return;
            confirmSafety = true;
          } else {
            this.message.set(`Not approved: ${describeError(error)}`);
            this.requests.reload();
            return;
          }
        }
      }
    } finally {
      this.busy.set('');
    }
  }

  protected async decline(request: BookingRequest): Promise<void> {
    const sure = await this.ask(`Decline ${request.coupleDisplayName}'s request for ${appointmentWhen(request.startsAt)}?`,
      ['The partners see in their portal that it was declined, and may choose another time.'], 'Decline request');
    if (!sure) return;
    this.busy.set(request.id);
    try {
      await firstValueFrom(this.http.post<BookingRequest>(`/api/booking/requests/${encodeURIComponent(request.id)}/decline`, null));
      this.done(`Declined: ${request.coupleDisplayName}, ${appointmentWhen(request.startsAt)}.`);
    } catch (error) {
      this.message.set(`Not declined: ${describeError(error)}`);
    } finally {
      this.busy.set('');
    }
  }

  private done(message: string): void {
    this.message.set(message);
    this.requests.reload();
    this.changed.emit();
  }

  private ask(title: string, paragraphs: string[], confirm: string): Promise<boolean> {
    return ConfirmDialog.ask(this.dialog, { title, paragraphs: paragraphs.filter((p) => p), confirm, cancel: 'Not now' });
  }
}
