import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { Couple, Paged, SessionSummary } from '../core/api/api-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { WhenPipe } from '../shared/ui/when';
import { SupervisingBanner } from './supervising-banner';

/** `/supervision/couples/:id`: a supervisee's couple, read-only — who they are, the sessions, the case conceptualisation. */
@Component({
  selector: 'app-supervised-couple-page',
  imports: [RouterLink, DescribeErrorPipe, WhenPipe, MatButtonModule, SupervisingBanner],
  template: `
    <app-supervising-banner [coupleId]="id()" />
    @if (couple.error(); as e) {
      <h1>Couple</h1>
      <p role="alert">Could not load the couple: {{ e | describeError }}</p>
    } @else if (couple.hasValue()) {
      @let c = couple.value();
      <h1>{{ c.displayName }}</h1>
      <p><a routerLink="/supervision">Back to supervision</a></p>
      <dl>
        <dt>Partners</dt>
        <dd>{{ partnerNames() }}</dd>
        <dt>Started</dt>
        <dd>{{ c.startedOn | when }}</dd>
        <dt>Presenting concerns</dt>
        <dd class="text">{{ c.presentingConcerns || 'None written.' }}</dd>
      </dl>
      <p><a mat-stroked-button [routerLink]="['/supervision/couples', id(), 'conceptualisation']">Case conceptualisation</a></p>

      <h2>Sessions</h2>
      @if (sessions.hasValue()) {
        @if (sessions.value().items.length === 0) {
          <p class="empty">No sessions recorded.</p>
        } @else {
          <ul class="sessions">
            @for (s of sessions.value().items; track s.id) {
              <li>
                <a [routerLink]="['/supervision/sessions', s.id]">{{ s.date | when: 'weekday' }}</a>
                <span>stage {{ s.eftStage }}, step {{ s.eftStep }}</span>
                <span>{{ s.signedAt ? 'Signed' : 'Not signed' }}{{ s.awaitingCosignature ? ' · awaiting co-signature' : '' }}</span>
              </li>
            }
          </ul>
        }
      }
    } @else {
      <p role="status">Loading…</p>
    }
  `,
  styles: `
    dl { display: grid; grid-template-columns: fit-content(40%) minmax(0, 1fr); gap: var(--space-1) var(--space-4); }
    dt { font-weight: 500; }
    dd { margin: 0; overflow-wrap: anywhere; }
    .text { white-space: pre-wrap; }
    ul.sessions { list-style: none; padding: 0; }
    ul.sessions li { display: flex; flex-wrap: wrap; gap: var(--space-1) var(--space-3); padding: var(--space-2) 0; border-bottom: 1px solid var(--mat-sys-outline-variant); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SupervisedCouplePage {
  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  protected readonly couple = httpResource<Couple>(() => `/api/couples/${encodeURIComponent(this.id())}`);
  protected readonly sessions = httpResource<Paged<SessionSummary>>(() => ({
    url: `/api/couples/${encodeURIComponent(this.id())}/sessions`,
    params: { pageSize: 100 },
  }));
  protected readonly partnerNames = computed(() =>
    this.couple.hasValue() ? this.couple.value().partners.map((p) => p.firstName).join(' and ') : '',
  );
}
