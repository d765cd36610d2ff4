import { HttpClient, HttpErrorResponse, HttpHeaders, httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { describeError } from '../core/api/problem-details';
import { WhenPipe } from '../shared/ui/when';
import { Message, MessagePage, Thread, ThreadList } from './messages-types';

export const MESSAGE_MAX_LENGTH = 4000;
/** Polling while the page is open: the fallback the live stream will replace. */
export const POLL_MS = 30_000;

/**
 * The portal's messages, phone first: the joint thread and my private one as two tabs, the practice's notice and
 * crisis contacts above, the thread oldest to newest, and a composer. New messages are announced politely.
 */
@Component({
  selector: 'app-portal-messages-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, WhenPipe],
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
      <div role="tablist" aria-label="Threads">
        @for (t of list.items; track t.id) {
          <button role="tab" type="button" [attr.aria-selected]="t.id === selectedId()" (click)="select(t)">
            {{ t.kind === 'joint' ? 'All of us' : 'Just me and my therapist' }}
            @if (t.unreadCount > 0) { <span class="badge">{{ t.unreadCount }} new</span> }
          </button>
        }
      </div>
      <section role="tabpanel" [attr.aria-label]="selectedLabel()">
        <ol class="thread">
          @for (m of ordered(); track m.id) {
            <li [class.mine]="m.mine">
              <p class="meta">{{ m.mine ? 'You' : m.authorName }} · {{ m.createdAt | when: 'dateTime' }}</p>
              <p class="body">{{ m.body }}</p>
            </li>
          } @empty {
            <li class="empty">No messages yet.</li>
          }
        </ol>
        <p class="visually-hidden" aria-live="polite">{{ announcement() }}</p>
        @if (list.coupleClosed || !list.messagingEnabled) {
          <p role="status">{{ list.coupleClosed ? 'This case is closed: no new messages can be sent.' : 'Messaging is turned off by your practice.' }}</p>
        } @else {
          <form [formGroup]="composer" (ngSubmit)="send()" novalidate>
            <mat-form-field class="wide">
              <mat-label>Your message</mat-label>
              <textarea matInput rows="4" formControlName="body" [attr.maxlength]="maxLength"></textarea>
              <mat-hint align="end">{{ draft.value.length }} / {{ maxLength }}</mat-hint>
            </mat-form-field>
            @if (error()) { <p role="alert">{{ error() }}</p> }
            <button mat-flat-button type="submit" [disabled]="sending()">{{ sending() ? 'Sending…' : 'Send' }}</button>
          </form>
        }
      </section>
    }
  `,
  styles: `
    :host { display: block; max-width: 720px; }
    .notice { border-left: 4px solid currentColor; padding-left: 0.75rem; }
    [role='tablist'] { display: flex; gap: 0.5rem; flex-wrap: wrap; margin: 1rem 0; }
    [role='tab'][aria-selected='true'] { font-weight: 700; text-decoration: underline; }
    .thread { list-style: none; padding: 0; }
    .thread li { margin: 0.5rem 0; padding: 0.5rem; border-radius: 8px; background: rgba(0, 0, 0, 0.04); overflow-wrap: anywhere; }
    .thread li.mine { margin-left: 2rem; }
    .body { white-space: pre-wrap; margin: 0; }
    .meta { font-size: 0.85em; margin: 0 0 0.25rem; }
    .wide { width: 100%; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  `,
})
export class PortalMessagesPage {
  private readonly http = inject(HttpClient);
  protected readonly maxLength = MESSAGE_MAX_LENGTH;
  protected readonly threads = httpResource<ThreadList>(() => '/api/portal/threads');
  protected readonly selectedId = signal<string | null>(null);
  protected readonly messages = signal<Message[]>([]);
  protected readonly announcement = signal('');
  protected readonly error = signal('');
  protected readonly sending = signal(false);
  protected readonly draft = new FormControl('', { nonNullable: true, validators: [Validators.maxLength(MESSAGE_MAX_LENGTH)] });
  protected readonly composer = new FormGroup({ body: this.draft });
  /** Oldest first, as a conversation reads; the API pages newest first. */
  protected readonly ordered = computed(() => [...this.messages()].reverse());
  protected readonly selectedLabel = computed(() => {
    const t = this.threads.hasValue() ? this.threads.value().items.find((i) => i.id === this.selectedId()) : undefined;
    return t?.kind === 'joint' ? 'All of us' : 'Just me and my therapist';
  });
  private key = crypto.randomUUID();

  constructor() {
    effect(() => {
      if (this.threads.hasValue() && !this.selectedId() && this.threads.value().items.length > 0) {
        void this.select(this.threads.value().items[0]);
      }
    });
    const timer = setInterval(() => void this.refresh(), POLL_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected async select(thread: Thread): Promise<void> {
    this.selectedId.set(thread.id);
    this.messages.set([]);
    await this.refresh();
  }

  /** Reads the thread's newest page, announces what is new, and marks it read. */
  protected async refresh(): Promise<void> {
    const id = this.selectedId();
    if (!id) return;
    try {
      const page = await firstValueFrom(this.http.get<MessagePage>(`/api/portal/threads/${id}/messages`));
      if (id !== this.selectedId()) return;
      const known = new Set(this.messages().map((m) => m.id));
      const arrived = page.items.filter((m) => !known.has(m.id) && !m.mine);
      if (known.size > 0 && arrived.length > 0) {
        this.announcement.set(arrived.length === 1 ? `New message from ${arrived[0].authorName}.` : `${arrived.length} new messages.`);
      }
      this.messages.set(page.items);
      const newest = page.items[0];
      if (newest) await firstValueFrom(this.http.post(`/api/portal/threads/${id}/read`, { upTo: newest.seq }));
    } catch {
      // Polling is the fallback: the next round tries again.
    }
  }

  protected async send(): Promise<void> {
    const id = this.selectedId();
    const body = this.draft.value.trim();
    if (!id) return;
    if (!body) {
      this.error.set('Write a message before sending it.');
      return;
    }
    this.sending.set(true);
    this.error.set('');
    try {
      // One key per message: a retry of the same submission is stored once.
      const sent = await firstValueFrom(
        this.http.post<Message>(`/api/portal/threads/${id}/messages`, { body }, { headers: new HttpHeaders({ 'Idempotency-Key': this.key }) }),
      );
      this.key = crypto.randomUUID();
      this.draft.reset('');
      this.messages.update((list) => [sent, ...list.filter((m) => m.id !== sent.id)]);
      this.announcement.set('Message sent.');
    } catch (error) {
      this.error.set(error instanceof HttpErrorResponse && error.status === 409
        ? 'This message cannot be sent now: your practice has closed messaging for you.'
        : describeError(error));
    } finally {
      this.sending.set(false);
    }
  }
}
