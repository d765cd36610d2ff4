import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { Paged, SessionSummary } from '../../core/api/api-types';
import { DescribeErrorPipe } from '../../core/api/describe-error-pipe';
import { ATTENDANCE_LABELS, FORMAT_LABELS } from '../../shared/ui/labels';
import { CoupleContext } from './couple-context';
import { WhenPipe } from '../../shared/ui/when';

/** The workspace's sessions section: every session, newest first (the one a therapist opens next is at the top); the charts tell the story in date order. */
@Component({
  selector: 'app-couple-sessions',
  imports: [DescribeErrorPipe, RouterLink, WhenPipe, MatButtonModule],
  template: `
    <div class="section-heading">
      <h2 id="sessions-heading">Sessions</h2>
      <a mat-flat-button [routerLink]="['/couples', context.id(), 'sessions', 'new']">New session</a>
    </div>
    @if (sessionsPage.error(); as error) {
      <p role="alert">Could not load sessions: {{ error | describeError }}</p>
    }
    @if (sessions().length) {
      <p class="order" id="sessions-order">Newest first.</p>
      <div class="scroll">
        <table class="data sessions" aria-describedby="sessions-order">
          <caption class="visually-hidden">Sessions, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Time</th>
              <th scope="col">Length</th>
              <th scope="col">Format</th>
              <th scope="col">Attendance</th>
              <th scope="col">EFT stage / step</th>
              <th scope="col">Record</th>
            </tr>
          </thead>
          <tbody>
            @for (s of sessions(); track s.id) {
              <tr>
                <th scope="row"><a [routerLink]="['/sessions', s.id]">{{ s.date | when }}</a></th>
                <td>{{ s.startTime | when: 'time' }}</td>
                <td>{{ s.durationMinutes }} min</td>
                <td>{{ formatLabels[s.format] }}</td>
                <td>{{ attendanceLabels[s.attendance] }}</td>
                <td>{{ s.eftStage }} / {{ s.eftStep }}</td>
                <td>{{ s.signedAt ? '✓ Signed' : 'Draft' }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    } @else if (sessionsPage.hasValue()) {
      <p class="empty">No sessions recorded yet. Use <strong>New session</strong> to record the first one with its cycle.</p>
    } @else {
      <p role="status">Loading…</p>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CoupleSessions {
  protected readonly context = inject(CoupleContext);
  protected readonly sessionsPage = httpResource<Paged<SessionSummary>>(() =>
    this.context.id()
      ? { url: `/api/couples/${encodeURIComponent(this.context.id())}/sessions`, params: { page: 1, pageSize: 100 } }
      : undefined,
  );
  protected readonly sessions = computed(() =>
    this.sessionsPage.hasValue()
      ? [...this.sessionsPage.value().items].sort((a, b) => `${b.date}T${b.startTime}`.localeCompare(`${a.date}T${a.startTime}`))
      : [],
  );
  protected readonly formatLabels = FORMAT_LABELS;
  protected readonly attendanceLabels = ATTENDANCE_LABELS;
}
