import { BreakpointObserver } from '@angular/cdk/layout';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { map } from 'rxjs';
import { CoupleContext } from '../couple/workspace/couple-context';
import { MessageActivity } from './message-activity';
import { Thread, ThreadList, threadLabel, tabAfterKey } from './messages-types';
import { ThreadView } from './thread-view';

/** Wide enough for the three threads side by side (a 1440 px screen); narrower shows them as tabs. */
export const SIDE_BY_SIDE = '(min-width: 1100px)';

/**
 * The workspace's Messages section: the couple's joint thread and each partner's private thread — side by side on a
 * wide screen, as tabs on a narrow one — under the practice's notice, with an open safety flag shown beside that
 * partner's private thread.
 */
@Component({
  selector: 'app-couple-messages',
  imports: [ThreadView],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2>Messages</h2>
    @if (threads.error()) {
      <p role="alert">Could not load the messages. Try again in a moment.</p>
    } @else if (!threads.hasValue()) {
      <p role="status">Loading…</p>
    } @else {
      @let list = threads.value();
      <p class="notice"><strong>Shown to the couple above every thread:</strong> {{ list.notice }}</p>
      @if (!wide()) {
        <div role="tablist" aria-label="Threads" (keydown)="onTabKey($event)">
          @for (t of list.items; track t.id) {
            <button role="tab" type="button" [id]="'tab-' + t.id" [attr.aria-controls]="'panel-' + t.id"
              [attr.aria-selected]="t.id === selected()?.id" [tabIndex]="t.id === selected()?.id ? 0 : -1" (click)="select(t)">
              {{ label(t) }}
              @if (t.safetyFlagOpen) { <span class="flag">Safety flag</span> }
              @if (t.unreadCount > 0 && t.id !== selected()?.id) { <span class="badge">{{ t.unreadCount }} new</span> }
            </button>
          }
        </div>
      }
      <div class="threads" [class.side-by-side]="wide()">
        @for (t of list.items; track t.id) {
          @if (wide() || t.id === selected()?.id) {
            <section [id]="'panel-' + t.id" [attr.role]="wide() ? 'region' : 'tabpanel'"
              [attr.aria-labelledby]="wide() ? 'heading-' + t.id : 'tab-' + t.id">
              @if (wide()) {
                <h3 [id]="'heading-' + t.id">{{ label(t) }}</h3>
              }
              @if (t.safetyFlagOpen) {
                <p class="flag-note" role="note">{{ t.partnerName }} has an open safety flag: see the Safety section.</p>
              }
              <app-thread-view api="/api/threads" [threadId]="t.id" [label]="label(t)" [composerLabel]="'Reply in ' + label(t)"
                [closedReason]="closedReason()" />
            </section>
          }
        }
      </div>
    }
  `,
  styles: `
    :host { display: block; }
    .notice { border-left: 4px solid currentColor; padding-left: 0.75rem; overflow-wrap: anywhere; }
    [role='tablist'] { display: flex; gap: 0.5rem; flex-wrap: wrap; margin: 1rem 0; }
    [role='tab'] { min-height: 44px; padding: 0 0.75rem; font: inherit; background: none; border: 1px solid currentColor; border-radius: 6px; cursor: pointer; color: inherit; }
    [role='tab'][aria-selected='true'] { font-weight: 700; text-decoration: underline; text-underline-offset: 4px; }
    .badge { font-weight: 700; margin-left: 0.25rem; }
    .flag, .flag-note { color: #8c1d18; font-weight: 700; }
    .flag { margin-left: 0.25rem; }
    .threads.side-by-side { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 1rem; align-items: start; }
    h3 { margin: 0 0 0.5rem; font-size: 1.05rem; }
  `,
})
export class CoupleMessages {
  private readonly context = inject(CoupleContext, { optional: true });
  private readonly activity = inject(MessageActivity);
  /** Route parameter of the workspace (`:id`), or the context's couple. */
  readonly coupleId = input<string>('');
  /** `?thread=` from the inbox: the thread to open first on a narrow screen. */
  readonly thread = input<string>('');

  private readonly id = computed(() => this.coupleId() || this.context?.id() || '');
  protected readonly threads = httpResource<ThreadList>(() => (this.id() ? `/api/couples/${encodeURIComponent(this.id())}/threads` : undefined));
  protected readonly wide = toSignal(inject(BreakpointObserver).observe(SIDE_BY_SIDE).pipe(map((s) => s.matches)), { initialValue: false });
  private readonly selectedId = signal<string | null>(null);
  protected readonly selected = computed(() => {
    if (!this.threads.hasValue()) return null;
    const items = this.threads.value().items;
    return items.find((t) => t.id === (this.selectedId() ?? this.thread())) ?? items[0] ?? null;
  });
  protected readonly closedReason = computed(() => {
    const list = this.threads.hasValue() ? this.threads.value() : null;
    if (!list) return '';
    if (list.coupleClosed) return 'This case is closed: its threads take no new messages.';
    return list.messagingEnabled ? '' : 'Messaging is turned off for the practice.';
  });

  constructor() {
    this.activity.events.pipe(takeUntilDestroyed()).subscribe((e) => {
      if (e.type === 'message' && e.coupleId === this.id() && !this.wide() && e.threadId !== this.selected()?.id) this.threads.reload();
    });
  }

  protected label(thread: Thread): string {
    return threadLabel(thread, false);
  }

  protected select(thread: Thread): void {
    this.selectedId.set(thread.id);
  }

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
