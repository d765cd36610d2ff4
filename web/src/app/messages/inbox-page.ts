import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { WhenPipe } from '../shared/ui/when';
import { MessageActivity } from './message-activity';
import { Inbox, InboxItem, threadLabel } from './messages-types';

/** The therapist's inbox: threads of the caseload with unread messages, the one waiting longest first. */
@Component({
  selector: 'app-inbox-page',
  imports: [RouterLink, WhenPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Inbox</h1>
    @if (inbox.error()) {
      <p role="alert">Could not load the inbox. Try again in a moment.</p>
    } @else if (!inbox.hasValue()) {
      <p role="status">Loading…</p>
    } @else if (inbox.value().items.length === 0) {
      <p role="status">No unread messages.</p>
    } @else {
      <p>{{ inbox.value().unreadCount }} unread {{ inbox.value().unreadCount === 1 ? 'message' : 'messages' }}, the longest waiting first.</p>
      <ul class="inbox">
        @for (item of inbox.value().items; track item.threadId) {
          <li>
            <a [routerLink]="['/couples', item.coupleId, 'messages']" [queryParams]="{ thread: item.threadId }">
              <span class="couple">{{ item.coupleName }}</span> — {{ label(item) }}
            </a>
            <span class="count">{{ item.unreadCount }} unread</span>
            <span class="since">waiting since {{ item.oldestUnreadAt | when: 'dateTime' }}</span>
            @if (item.safetyFlagOpen) {
              <span class="flag">Open safety flag</span>
            }
          </li>
        }
      </ul>
    }
  `,
  styles: `
    :host { display: block; max-width: 860px; }
    .inbox { list-style: none; padding: 0; }
    .inbox li { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; align-items: baseline; padding: 0.75rem 0; border-bottom: 1px solid rgba(0, 0, 0, 0.12); overflow-wrap: anywhere; }
    .inbox a { font-weight: 600; min-height: 24px; }
    .count { font-weight: 700; }
    .flag { color: #8c1d18; font-weight: 700; }
  `,
})
export class InboxPage {
  protected readonly inbox = httpResource<Inbox>(() => '/api/inbox');

  constructor() {
    inject(MessageActivity).events.pipe(takeUntilDestroyed()).subscribe(() => this.inbox.reload());
  }

  protected label(item: InboxItem): string {
    return threadLabel(item, false);
  }
}
