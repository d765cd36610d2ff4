import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MessageActivity, parseEventBlock, POLL_MS } from './message-activity';
import { StreamEvent } from './messages-types';

/** A fetch answering with a stream the test writes Server-Sent Events into. */
function fakeStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => (controller = c) });
  const encoder = new TextEncoder();
  const fetch = vi.fn(async () => ({ ok: true, status: 200, body }) as unknown as Response);
  return {
    fetch,
    send: (type: string, data: object) => controller.enqueue(encoder.encode(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`)),
    end: () => controller.close(),
  };
}

const flushMicrotasks = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('parseEventBlock', () => {
  it('reads an event and its data, and skips keep-alives', () => {
    expect(parseEventBlock('event: message\ndata: {"threadId":"t1","seq":4}')).toEqual({ type: 'message', threadId: 't1', seq: 4 });
    expect(parseEventBlock('event: ping\ndata: {}')).toBeNull();
    expect(parseEventBlock(': comment')).toBeNull();
  });
});

describe('MessageActivity', () => {
  afterEach(() => {
    TestBed.inject(MessageActivity).stop();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  function setUp() {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    return { activity: TestBed.inject(MessageActivity), backend: TestBed.inject(HttpTestingController) };
  }

  it('counts the inbox for a therapist, holds the stream open, and counts again and passes on an event', async () => {
    const stream = fakeStream();
    vi.stubGlobal('fetch', stream.fetch);
    const { activity, backend } = setUp();
    const seen: StreamEvent[] = [];
    activity.events.subscribe((e) => seen.push(e));

    activity.start('therapist');
    backend.expectOne('/api/inbox').flush({ unreadCount: 2, items: [] });
    await flushMicrotasks();
    expect(activity.unread()).toBe(2);
    const [url, init] = stream.fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/messages/stream');
    expect((init.headers as Record<string, string>)['Accept']).toBe('text/event-stream');
    expect((init.headers as Record<string, string>)['ngsw-bypass']).toBe('true');

    stream.send('ready', { type: 'ready' });
    await flushMicrotasks();
    expect(activity.live()).toBe(true);
    stream.send('message', { type: 'message', threadId: 't1', coupleId: 'c1', seq: 9, messageId: 'm9', mine: false });
    await flushMicrotasks();
    expect(seen.map((e) => [e.type, e.threadId])).toEqual([['message', 't1']]);
    await new Promise((resolve) => setTimeout(resolve, 350));
    backend.expectOne('/api/inbox').flush({ unreadCount: 3, items: [] });
    await flushMicrotasks();
    expect(activity.unread()).toBe(3);
  });

  it('falls back to polling the portal threads when the stream cannot open', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => ({ ok: false, status: 503, body: null }) as unknown as Response));
    vi.useFakeTimers();
    const { activity, backend } = setUp();
    activity.start('client');
    backend.expectOne('/api/portal/threads').flush({ items: [{ unreadCount: 1 }, { unreadCount: 2 }] });
    await vi.advanceTimersByTimeAsync(0);
    expect(activity.unread()).toBe(3);
    expect(activity.live()).toBe(false);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    backend.expectOne('/api/portal/threads').flush({ items: [{ unreadCount: 0 }, { unreadCount: 0 }] });
    await vi.advanceTimersByTimeAsync(0);
    expect(activity.unread()).toBe(0);
  });
});
