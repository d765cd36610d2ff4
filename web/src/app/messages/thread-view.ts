import { HttpClient, HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { describeError } from '../core/api/problem-details';
import { WhenPipe } from '../shared/ui/when';
import { MessageActivity } from './message-activity';
import { Message, MessageDraft, MessagePage, ThreadsApi } from './messages-types';

export const MESSAGE_MAX_LENGTH = 4000;
/** How long typing rests before the draft is saved on the server. */
export const DRAFT_SAVE_MS = 800;

let nextId = 0;

/**
 * One thread: its messages oldest to newest (older pages on request), a composer whose unsent text is kept on the
 * server as a draft (never in the browser's storage), new messages announced politely to a screen reader, and the
 * thread marked read as it is shown. Shared by the portal and the therapist's workspace (`api` picks the routes).
 */
@Component({
  selector: 'app-thread-view',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, WhenPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (loadError()) {
      <p role="alert">Could not load these messages. Try again in a moment.</p>
    }
    @if (olderCursor() !== null) {
      <button mat-button type="button" class="older" (click)="loadOlder()">Show older messages</button>
    }
    <ol class="thread" [attr.aria-label]="label()">
      @for (m of ordered(); track m.id) {
        <li [class.mine]="m.mine">
          <p class="meta">{{ m.mine ? 'You' : m.authorName }} · {{ m.createdAt | when: 'dateTime' }}</p>
          <p class="body">{{ m.body }}</p>
        </li>
      } @empty {
        @if (loaded()) {
          <li class="empty">No messages yet.</li>
        }
      }
    </ol>
    <p class="visually-hidden" aria-live="polite">{{ announcement() }}</p>
    @if (closedReason()) {
      <p role="status" class="closed">{{ closedReason() }}</p>
    } @else {
      <form [formGroup]="composer" (ngSubmit)="send()" novalidate>
        <mat-form-field class="wide" subscriptSizing="dynamic">
          <mat-label>{{ composerLabel() }}</mat-label>
          <textarea matInput rows="3" formControlName="body" [id]="fieldId" [attr.maxlength]="maxLength"
            (keydown.control.enter)="send()" (keydown.meta.enter)="send()"></textarea>
          <mat-hint>{{ draftState() }}</mat-hint>
          <mat-hint align="end">{{ draft.value.length }} / {{ maxLength }}</mat-hint>
        </mat-form-field>
        @if (error()) {
          <p role="alert">{{ error() }}</p>
        }
        <button mat-flat-button type="submit" [disabled]="sending()">{{ sending() ? 'Sending…' : 'Send' }}</button>
      </form>
    }
  `,
  styles: `
    :host { display: block; min-width: 0; }
    .thread { list-style: none; padding: 0; margin: 0 0 0.75rem; }
    .thread li { margin: 0.5rem 0; padding: 0.5rem 0.75rem; border-radius: 8px; background: rgba(0, 0, 0, 0.05); overflow-wrap: anywhere; }
    .thread li.mine { margin-left: 1.5rem; background: rgba(0, 80, 160, 0.08); }
    .thread li.empty { background: none; padding-left: 0; }
    .body { white-space: pre-wrap; margin: 0; }
    .meta { font-size: 0.85em; margin: 0 0 0.25rem; }
    .wide { width: 100%; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  `,
})
export class ThreadView {
  private readonly http = inject(HttpClient);
  private readonly activity = inject(MessageActivity);

  readonly api = input.required<ThreadsApi>();
  readonly threadId = input.required<string>();
  readonly label = input('Messages');
  readonly composerLabel = input('Your message');
  /** Why nothing can be sent (a closed case, messaging off); empty when the thread takes messages. */
  readonly closedReason = input('');

  protected readonly maxLength = MESSAGE_MAX_LENGTH;
  protected readonly fieldId = `message-body-${nextId++}`;
  protected readonly messages = signal<Message[]>([]);
  protected readonly olderCursor = signal<number | null>(null);
  protected readonly loaded = signal(false);
  protected readonly loadError = signal(false);
  protected readonly announcement = signal('');
  protected readonly error = signal('');
  protected readonly sending = signal(false);
  protected readonly draftState = signal('');
  protected readonly draft = new FormControl('', { nonNullable: true, validators: [Validators.maxLength(MESSAGE_MAX_LENGTH)] });
  protected readonly composer = new FormGroup({ body: this.draft });
  /** Oldest first, as a conversation reads; the API pages newest first. */
  protected readonly ordered = computed(() => [...this.messages()].sort((a, b) => a.seq - b.seq));

  private key = crypto.randomUUID();
  private readUpTo = 0;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private savedText = '';
  private loadedFor = '';
  /** The person typed in the composer since this thread began loading. */
  private typedSinceOpen = false;

  constructor() {
    effect(() => {
      const id = this.threadId();
      untracked(() => void this.open(id));
    });
    this.activity.events.pipe(takeUntilDestroyed()).subscribe((event) => {
      if (event.type === 'resync' || (event.type === 'message' && event.threadId === this.threadId())) void this.catchUp();
    });
    this.draft.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      this.typedSinceOpen = true;
      this.scheduleDraftSave();
    });
    inject(DestroyRef).onDestroy(() => void this.saveDraftNow());
  }

  private base(id = this.threadId()): string {
    return `${this.api()}/${encodeURIComponent(id)}`;
  }

  private async open(id: string): Promise<void> {
    // The thread shown before keeps its unsent text (saveDraftNow reads it now, before anything is reset).
    if (this.loadedFor && this.loadedFor !== id) void this.saveDraftNow(this.loadedFor);
    // Nothing of the previous thread stays on screen while this one loads: not its messages, not its "No messages
    // yet.", not its text in the composer.
    this.loadedFor = id;
    this.messages.set([]);
    this.loaded.set(false);
    this.loadError.set(false);
    this.olderCursor.set(null);
    this.readUpTo = 0;
    this.key = crypto.randomUUID();
    this.savedText = '';
    this.typedSinceOpen = false;
    this.draft.setValue('', { emitEvent: false });
    this.draftState.set('');
    try {
      const [page, saved] = await Promise.all([
        firstValueFrom(this.http.get<MessagePage>(`${this.base(id)}/messages`)),
        firstValueFrom(this.http.get<MessageDraft>(`${this.base(id)}/draft`)),
      ]);
      if (id !== this.threadId()) return;
      this.messages.set(page.items);
      this.olderCursor.set(page.nextBefore ?? null);
      this.savedText = saved.body;
      // Words typed while the thread loaded win over the stored draft (and are saved in its place as typing rests).
      if (!this.typedSinceOpen) {
        this.draft.setValue(saved.body, { emitEvent: false });
        this.draftState.set(saved.body ? 'Unsent draft kept.' : '');
      }
      this.loaded.set(true);
      this.loadError.set(false);
      await this.markRead();
    } catch {
      this.loadError.set(true);
    }
  }

  protected async loadOlder(): Promise<void> {
    const before = this.olderCursor();
    if (before === null) return;
    try {
      const page = await firstValueFrom(this.http.get<MessagePage>(`${this.base()}/messages`, { params: { before } }));
      const known = new Set(this.messages().map((m) => m.id));
      this.messages.update((list) => [...list, ...page.items.filter((m) => !known.has(m.id))]);
      this.olderCursor.set(page.nextBefore ?? null);
      this.announcement.set(`${page.items.length} older ${page.items.length === 1 ? 'message' : 'messages'} shown.`);
    } catch (error) {
      this.error.set(describeError(error));
    }
  }

  /** Fetches what came after the newest message shown (a live event, or a poll while the stream is down). */
  private async catchUp(): Promise<void> {
    if (!this.loaded()) return;
    const id = this.threadId();
    const after = this.messages().reduce((max, m) => Math.max(max, m.seq), 0);
    try {
      const page = await firstValueFrom(this.http.get<MessagePage>(`${this.base(id)}/messages`, { params: { after } }));
      if (id !== this.threadId() || page.items.length === 0) return;
      const known = new Set(this.messages().map((m) => m.id));
      const arrived = page.items.filter((m) => !known.has(m.id));
      this.messages.update((list) => [...arrived, ...list]);
      const fromOthers = arrived.filter((m) => !m.mine);
      if (fromOthers.length > 0) {
        this.announcement.set(fromOthers.length === 1 ? `New message from ${fromOthers[0].authorName}.` : `${fromOthers.length} new messages.`);
      }
      await this.markRead();
    } catch {
      // The next event or poll tries again.
    }
  }

  private async markRead(): Promise<void> {
    const newest = this.messages().reduce((max, m) => Math.max(max, m.seq), 0);
    if (newest <= this.readUpTo) return;
    const mineOnly = this.messages().filter((m) => m.seq > this.readUpTo).every((m) => m.mine);
    this.readUpTo = newest;
    if (mineOnly) return;
    try {
      await firstValueFrom(this.http.post(`${this.base()}/read`, { upTo: newest }));
      void this.activity.recount();
    } catch {
      this.readUpTo = 0;
    }
  }

  private scheduleDraftSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.draftState.set('');
    this.saveTimer = setTimeout(() => void this.saveDraftNow(), DRAFT_SAVE_MS);
  }

  /** Saves the composer's text as this thread's draft now, if it changed since the last save. */
  async saveDraftNow(id = this.loadedFor): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const text = this.draft.value;
    if (!id || text === this.savedText || text.length > MESSAGE_MAX_LENGTH) return;
    this.savedText = text;
    try {
      await firstValueFrom(this.http.put<MessageDraft>(`${this.base(id)}/draft`, { body: text }));
      if (id === this.loadedFor) this.draftState.set(text ? 'Draft saved.' : '');
    } catch {
      this.savedText = '';
      if (id === this.loadedFor) this.draftState.set('Draft not saved yet.');
    }
  }

  protected async send(): Promise<void> {
    if (this.sending()) return;
    const id = this.threadId();
    const body = this.draft.value.trim();
    if (!body) {
      this.error.set('Write a message before sending it.');
      return;
    }
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.sending.set(true);
    this.error.set('');
    try {
      // One key per message: a retry of the same submission is stored once.
      const sent = await firstValueFrom(
        this.http.post<Message>(`${this.base(id)}/messages`, { body }, { headers: new HttpHeaders({ 'Idempotency-Key': this.key }) }),
      );
      this.key = crypto.randomUUID();
      // Sending spent the server's draft.
      this.savedText = '';
      this.draft.reset('', { emitEvent: false });
      this.draftState.set('');
      this.messages.update((list) => [sent, ...list.filter((m) => m.id !== sent.id)]);
      this.readUpTo = Math.max(this.readUpTo, sent.seq);
      this.announcement.set('Message sent.');
    } catch (error) {
      this.error.set(
        error instanceof HttpErrorResponse && error.status === 409
          ? 'This message cannot be sent now: messaging is closed for this thread.'
          : error instanceof HttpErrorResponse && error.status === 429
            ? 'Too many messages in a short time. Wait a minute, then send again.'
            : describeError(error),
      );
    } finally {
      this.sending.set(false);
    }
  }
}
