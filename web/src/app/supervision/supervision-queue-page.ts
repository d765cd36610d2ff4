import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { SupervisedCouple, SupervisionQueueItem } from '../core/api/supervision-api';
import { WhenPipe } from '../shared/ui/when';

/**
 * `/supervision`: the supervisor's queue — the supervisees' sessions awaiting co-signature or flagged to discuss, oldest
 * first — and the couples they may read today. A therapist who supervises nobody sees two empty lists and the log.
 */
@Component({
  selector: 'app-supervision-queue-page',
  imports: [RouterLink, DescribeErrorPipe, WhenPipe, MatButtonModule],
  template: `
    <h1>Supervision</h1>
    <p><a mat-stroked-button routerLink="/supervision/log">Supervision log</a></p>

    <section aria-labelledby="queue-heading">
      <h2 id="queue-heading">Waiting for you</h2>
      @if (queue.error(); as e) {
        <p role="alert">Could not load the queue: {{ e | describeError }}</p>
      } @else if (!queue.hasValue()) {
        <p role="status">Loading…</p>
      } @else if (items().length === 0) {
        <p class="empty">Nothing is waiting: no session awaits your co-signature or is flagged to discuss.</p>
      } @else {
        <ul class="queue">
          @for (item of items(); track item.sessionId) {
            <li>
              <a [routerLink]="['/supervision/sessions', item.sessionId]">
                {{ item.date | when: 'weekday' }} — {{ item.coupleDisplayName }}
              </a>
              <span class="who">{{ item.superviseeName }} · stage {{ item.eftStage }}, step {{ item.eftStep }}</span>
              <span class="why">
                @if (item.awaitingCosignature) { <span class="tag">Awaiting co-signature</span> }
                @if (item.discussInSupervision) { <span class="tag">To discuss</span> }
                @if (item.comments) { <span>{{ item.comments }} comment{{ item.comments === 1 ? '' : 's' }}</span> }
              </span>
            </li>
          }
        </ul>
      }
    </section>

    <section aria-labelledby="couples-heading">
      <h2 id="couples-heading">Couples you supervise</h2>
      @if (couples.hasValue()) {
        @if (couples.value().length === 0) {
          <p class="empty">No supervision link is active for you today.</p>
        } @else {
          <ul class="couples">
            @for (c of couples.value(); track c.coupleId) {
              <li>
                <a [routerLink]="['/supervision/couples', c.coupleId]">{{ c.displayName }}</a>
                <span class="who">{{ c.superviseeName }}{{ c.trainee ? ' (trainee)' : '' }}</span>
              </li>
            }
          </ul>
        }
      }
    </section>
  `,
  styles: `
    ul.queue, ul.couples { list-style: none; padding: 0; }
    ul.queue li, ul.couples li {
      display: flex; flex-wrap: wrap; gap: var(--space-1) var(--space-3); align-items: baseline;
      padding: var(--space-2) 0; border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .who { color: var(--mat-sys-on-surface-variant); }
    .why { display: flex; flex-wrap: wrap; gap: var(--space-2); }
    .tag { border: 1px solid var(--mat-sys-outline); border-radius: 4px; padding: 0 var(--space-1); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SupervisionQueuePage {
  protected readonly queue = httpResource<SupervisionQueueItem[]>(() => '/api/supervision/queue');
  protected readonly couples = httpResource<SupervisedCouple[]>(() => '/api/supervision/couples');
  protected readonly items = computed(() => (this.queue.hasValue() ? this.queue.value() : []));
}
