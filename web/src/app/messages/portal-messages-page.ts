import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MessageActivity } from './message-activity';
import { Thread, ThreadList, threadLabel, tabAfterKey } from './messages-types';
import { ThreadView } from './thread-view';

/**
 * The portal's messages, phone first: the joint thread and my private one as two tabs, the practice's notice and
 * crisis contacts above, and the selected thread (see {@link ThreadView}) with its composer.
 */
@Component({
  selector: 'app-portal-messages-page',
  imports: [ThreadView],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Messages</h1>
    @if (threads.error()) {
      <p role="alert">Could not load your messages. Try again in a moment.</p>
    } @else if (!threads.hasValue()) {
      <p role="status">Loading…</p>
    } @else {
      @let list = threads.value();
      <section class="notice" aria-label="Before you write">
        <p>{{ list.notice }}</p>
        <div [innerHTML]="list.crisisResources.html"></div>
      </section>
      <div role="tablist" aria-label="Threads" (keydown)="onTabKey($event)">
        @for (t of list.items; track t.id) {
          <button role="tab" type="button" [id]="'tab-' + t.id" [attr.aria-controls]="'panel-' + t.id"
            [attr.aria-selected]="t.id === selected()?.id" [tabIndex]="t.id === selected()?.id ? 0 : -1" (click)="select(t)">
            {{ label(t) }}
            @if (t.unreadCount > 0 && t.id !== selected()?.id) { <span class="badge">{{ t.unreadCount }} new</span> }
          </button>
        }
      </div>
      @if (selected(); as t) {
        <section role="tabpanel" [id]="'panel-' + t.id" [attr.aria-labelledby]="'tab-' + t.id">
          <app-thread-view api="/api/portal/threads" [threadId]="t.id" [label]="label(t)" [closedReason]="closedReason()" />
        </section>
      }
    }
  `,
  styles: `
    :host { display: block; max-width: 720px; }
    .notice { border-left: 4px solid currentColor; padding-left: 0.75rem; overflow-wrap: anywhere; }
    [role='tablist'] { display: flex; gap: 0.5rem; flex-wrap: wrap; margin: 1rem 0; }
    [role='tab'] { min-height: 44px; padding: 0 0.75rem; font: inherit; background: none; border: 1px solid currentColor; border-radius: 6px; cursor: pointer; color: inherit; }
    [role='tab'][aria-selected='true'] { font-weight: 700; text-decoration: underline; text-underline-offset: 4px; }
    .badge { font-weight: 700; margin-left: 0.25rem; }
  `,
})
export class PortalMessagesPage {
  private readonly activity = inject(MessageActivity);
  protected readonly threads = httpResource<ThreadList>(() => '/api/portal/threads');
  private readonly selectedId = signal<string | null>(null);
  protected readonly selected = computed(() => {
    if (!this.threads.hasValue()) return null;
    const items = this.threads.value().items;
    return items.find((t) => t.id === this.selectedId()) ?? items[0] ?? null;
  });
  protected readonly closedReason = computed(() => {
    const list = this.threads.hasValue() ? this.threads.value() : null;
    if (!list) return '';
    if (list.coupleClosed) return 'This case is closed: no new messages can be sent.';
    return list.messagingEnabled ? '' : 'Messaging is turned off by your practice.';
  });

  constructor() {
    // New messages in the other tab show as its badge.
    this.activity.events.pipe(takeUntilDestroyed()).subscribe((e) => {
      if (e.type !== 'read' && !(e.type === 'message' && e.threadId === this.selected()?.id)) this.threads.reload();
    });
  }

  protected label(thread: Thread): string {
    return threadLabel(thread, true);
  }

  protected select(thread: Thread): void {
    this.selectedId.set(thread.id);
  }

  /** Arrow keys move between the tabs, as a tab list does. */
  protected onTabKey(event: KeyboardEvent): void {
    if (!this.threads.hasValue()) return;
    const items = this.threads.value().items;
    const next = tabAfterKey(event.key, items.findIndex((t) => t.id === this.selected()?.id), items.length);
    if (next === null) return;
    event.preventDefault();
    this.select(items[next]);
    document.getElementById(`tab-${items[next].id}`)?.focus();
  }
}
