import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { firstValueFrom } from 'rxjs';
import { appointmentWhen, AppointmentsApi, PortalAppointment } from '../core/api/appointments-api';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { describeError } from '../core/api/problem-details';

/**
 * A link to a name reserved for examples and tests (RFC 2606 and 6761: .test, .example, .invalid, .localhost,
 * example.com/net/org) — the demo practice's video rooms — which no real call can be on.
 */
export function isExampleLink(link: string): boolean {
  let host: string;
  try {
    host = new URL(link).hostname.toLowerCase();
  } catch {
    return false;
  }
  return /\.(test|example|invalid|localhost)$/.test(host) || /(^|\.)example\.(com|net|org)$/.test(host);
}

/** The portal's "Your next session": when, how long, in person or by video, and "Add to calendar". */
@Component({
  selector: 'app-next-session-card',
  imports: [DescribeErrorPipe, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="next-session-heading" class="next-session">
      <h2 id="next-session-heading">Your next session</h2>
      @if (appointments.error(); as error) {
        <p role="alert">Could not load your appointments: {{ error | describeError }}</p>
      } @else if (next(); as a) {
        <p class="when">{{ when(a.startsAt) }}</p>
        <p>
          {{ a.durationMinutes }} minutes, {{ a.format === 'video' ? 'by video' : 'in person' }}
          @if (a.timeZone !== 'UTC') { <span>({{ a.timeZone }} time)</span> }
        </p>
        @if (a.format === 'video' && a.videoLink) {
          <p>
            <a [href]="a.videoLink" target="_blank" rel="noopener noreferrer">Join the video call</a>
            @if (isExampleLink(a.videoLink)) { <em class="example">(an example link: no call opens there)</em> }
          </p>
        }
        @if (a.noteToClients) {
          <p>Note from your therapist: {{ a.noteToClients }}</p>
        }
        <button mat-stroked-button type="button" (click)="addToCalendar(a)">Add to calendar</button>
        <p role="status" class="status">{{ message() }}</p>
        @if (later().length) {
          <h3>Later</h3>
          <ul>
            @for (other of later(); track other.id) {
              <li>{{ when(other.startsAt) }}{{ other.status === 'booked' ? '' : ' — cancelled' }}</li>
            }
          </ul>
        }
      } @else if (appointments.hasValue()) {
        <p class="empty">No session booked yet. Your therapist will let you know.</p>
      }
    </section>
  `,
  styles: `
    .when { font-size: 1.25rem; font-weight: 600; margin: 0.25rem 0; }
    .status:empty { display: none; }
  `,
})
export class NextSessionCard {
  protected readonly isExampleLink = isExampleLink;
  private readonly api = inject(AppointmentsApi);
  protected readonly appointments = httpResource<PortalAppointment[]>(() => '/api/portal/appointments');
  protected readonly next = computed(() =>
    // The API marks the next one (booked, starting after now): one under way is listed but not next.
    this.appointments.hasValue() ? (this.appointments.value().find((a) => a.isNext) ?? null) : null,
  );
  protected readonly later = computed(() => {
    const next = this.next();
    return this.appointments.hasValue() && next ? this.appointments.value().filter((a) => a.id !== next.id) : [];
  });
  protected readonly message = signal('');
  protected readonly when = appointmentWhen;

  protected async addToCalendar(appointment: PortalAppointment): Promise<void> {
    try {
      const file = await firstValueFrom(this.api.calendarFile(appointment.id));
      const url = URL.createObjectURL(file);
      const link = document.createElement('a');
      link.href = url;
      link.download = 'appointment.ics';
      link.click();
      URL.revokeObjectURL(url);
      this.message.set('Calendar file downloaded: open it to add the session to your calendar.');
    } catch (error) {
      this.message.set(`Could not get the calendar file: ${describeError(error)}`);
    }
  }
}
