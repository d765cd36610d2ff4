import { HttpClient } from '@angular/common/http';
import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom, Subject } from 'rxjs';
import { AuthStore } from '../core/auth/auth-store';
import { Inbox, StreamEvent, ThreadList } from './messages-types';

/** Polling while the live stream is down: the fallback of DESIGN §15. */
export const POLL_MS = 30_000;
/** First wait before opening the stream again; doubles up to {@link MAX_RETRY_MS}. */
export const RETRY_MS = 3_000;
export const MAX_RETRY_MS = 60_000;

/** One Server-Sent Event block ("event: …" and "data: …" lines) read into its event, or null for a comment or keep-alive. */
export function parseEventBlock(block: string): StreamEvent | null {
  let type = '';
  let data = '';
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) type = line.slice(6).trim();
    else if (line.startsWith('data:')) data += line.slice(5).trim();
  }
  if (!type || type === 'ping') return null;
  try {
    return { ...(data ? (JSON.parse(data) as StreamEvent) : {}), type } as StreamEvent;
  } catch {
    return null;
  }
}

/**
 * The signed-in user's message activity: the unread count the navigation shows, and the live events pages listen to.
 * It holds GET /api/messages/stream open (a fetch, so the bearer token goes in a header as for every API call) and
 * counts unread again when an event says something changed; while the stream is down it polls every
 * {@link POLL_MS} and tries the stream again, backing off. No text is ever held here, only counts and ids.
 */
@Injectable({ providedIn: 'root' })
export class MessageActivity {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthStore);
  private readonly events$ = new Subject<StreamEvent>();

  /** Unread messages across my threads (the caseload's for a therapist). */
  readonly unread = signal(0);
  /** The stream is open (false: polling). */
  readonly live = signal(false);
  /** Events of my threads: message, read, resync. */
  readonly events = this.events$.asObservable();

  private role: 'therapist' | 'client' | null = null;
  private abort: AbortController | null = null;
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private recountTimer: ReturnType<typeof setTimeout> | null = null;
  private retryMs = RETRY_MS;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  /** Starts for a therapist or a partner (an admin reads no messages); calling again for the same role does nothing. */
  start(role: 'therapist' | 'client'): void {
    if (this.role === role) return;
    this.stop();
    this.role = role;
    void this.recount();
    void this.connect();
  }

  stop(): void {
    this.role = null;
    this.abort?.abort();
    this.abort = null;
    this.live.set(false);
    this.unread.set(0);
    this.stopPolling();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.recountTimer) clearTimeout(this.recountTimer);
    this.retryTimer = this.recountTimer = null;
  }

  /** Counts unread again now (a page that just marked a thread read calls this). */
  async recount(): Promise<void> {
    const role = this.role;
    if (!role) return;
    try {
      const count =
        role === 'therapist'
          ? (await firstValueFrom(this.http.get<Inbox>('/api/inbox'))).unreadCount
          : (await firstValueFrom(this.http.get<ThreadList>('/api/portal/threads'))).items.reduce((sum, t) => sum + t.unreadCount, 0);
      if (this.role === role) this.unread.set(count);
    } catch {
      // The next event or poll counts again.
    }
  }

  private soonRecount(): void {
    if (this.recountTimer) return;
    this.recountTimer = setTimeout(() => {
      this.recountTimer = null;
      void this.recount();
    }, 300);
  }

  private async connect(): Promise<void> {
    const role = this.role;
    if (!role) return;
    const abort = new AbortController();
    this.abort = abort;
    try {
      const token = this.auth.accessToken();
      const response = await fetch('/api/messages/stream', {
        // ngsw-bypass: the service worker (app shell only) stays out of a response that never ends.
        headers: { Accept: 'text/event-stream', 'ngsw-bypass': 'true', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        signal: abort.signal,
        cache: 'no-store',
      });
      if (response.status === 401) await this.auth.refresh();
      if (!response.ok || !response.body) throw new Error(`stream ${response.status}`);
      await this.read(response.body, abort.signal);
    } catch {
      // Dropped, refused or never opened: poll meanwhile and try again.
    }
    if (abort.signal.aborted || this.role !== role) return;
    this.live.set(false);
    this.startPolling();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }

  private async read(body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    while (!signal.aborted) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer = (buffer + decoder.decode(value, { stream: true })).replace(/\r\n?/g, '\n');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = parseEventBlock(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (event) this.handle(event);
      }
    }
  }

  private handle(event: StreamEvent): void {
    if (event.type === 'ready') {
      const wasPolling = this.pollTimer !== null;
      this.live.set(true);
      this.retryMs = RETRY_MS;
      this.stopPolling();
      // What came while the stream was down: count again and let open threads catch up by cursor.
      if (wasPolling) {
        this.soonRecount();
        this.events$.next({ type: 'resync', threadId: null, coupleId: null, seq: null, messageId: null, mine: null });
      }
      return;
    }
    this.soonRecount();
    this.events$.next(event);
  }

  private startPolling(): void {
    if (this.pollTimer) return;
    this.pollTimer = setInterval(() => {
      void this.recount();
      this.events$.next({ type: 'resync', threadId: null, coupleId: null, seq: null, messageId: null, mine: null });
    }, POLL_MS);
  }

  private stopPolling(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
  }
}
