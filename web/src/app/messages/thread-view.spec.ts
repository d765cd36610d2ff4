import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import { MessageActivity } from './message-activity';
import { message, page } from './messages-fixture';
import { StreamEvent } from './messages-types';
import { DRAFT_SAVE_MS, ThreadView } from './thread-view';

/** Lets the component's awaited requests (not tracked as pending tasks) run on, then waits for the view. */
const settle = async (fixture: { whenStable(): Promise<unknown> }) => {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await fixture.whenStable();
};

describe('ThreadView', () => {
  const events = new Subject<StreamEvent>();
  const activity = { events: events.asObservable(), recount: vi.fn(async () => undefined) };

  async function setUp(draft = '') {
    TestBed.configureTestingModule({
      imports: [ThreadView],
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: MessageActivity, useValue: activity }],
    });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ThreadView);
    fixture.componentRef.setInput('api', '/api/threads');
    fixture.componentRef.setInput('threadId', 't1');
    fixture.detectChanges();
    backend.expectOne('/api/threads/t1/messages').flush(page('t1', [message(2, 'Second', false, 't1'), message(1, 'First', true, 't1')], 1));
    backend.expectOne('/api/threads/t1/draft').flush({ threadId: 't1', body: draft, savedAt: draft ? '2026-12-07T09:00:00Z' : null });
    await settle(fixture);
    backend.expectOne('/api/threads/t1/read').flush({ threadId: 't1', upToSeq: 2, unreadCount: 0 });
    await settle(fixture);
    fixture.detectChanges();
    return { backend, fixture, element: fixture.nativeElement as HTMLElement };
  }

  const type = (element: HTMLElement, text: string) => {
    const box = element.querySelector('textarea')!;
    box.value = text;
    box.dispatchEvent(new Event('input'));
  };

  afterEach(() => vi.useRealTimers());

  it('keeps the unsent text on the server as a draft after typing rests, never in browser storage', async () => {
    const { backend, fixture, element } = await setUp('Earlier words');
    expect(element.querySelector('textarea')!.value).toBe('Earlier words');
    expect(element.textContent).toContain('Unsent draft kept.');
    vi.useFakeTimers();
    type(element, 'Earlier words and more');
    backend.expectNone('/api/threads/t1/draft');
    vi.advanceTimersByTime(DRAFT_SAVE_MS);
    const put = backend.expectOne((r) => r.method === 'PUT' && r.url === '/api/threads/t1/draft');
    expect(put.request.body).toEqual({ body: 'Earlier words and more' });
    put.flush({ threadId: 't1', body: 'Earlier words and more', savedAt: '2026-12-07T10:00:00Z' });
    vi.useRealTimers();
    await settle(fixture);
    fixture.detectChanges();
    expect(element.textContent).toContain('Draft saved.');
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
  });

  it('saves a pending draft when the thread view goes away', async () => {
    const { backend, fixture, element } = await setUp();
    type(element, 'Not finished');
    fixture.destroy();
    expect(backend.expectOne((r) => r.method === 'PUT' && r.url === '/api/threads/t1/draft').request.body).toEqual({ body: 'Not finished' });
  });

  it('shows nothing of the previous thread while the next one loads, and keeps words typed meanwhile over the stored draft', async () => {
    const { backend, fixture, element } = await setUp();
    fixture.componentRef.setInput('threadId', 't2');
    fixture.detectChanges();
    expect(element.querySelectorAll('.body').length).toBe(0);
    expect(element.textContent).not.toContain('No messages yet.');
    expect(element.querySelector('textarea')!.value).toBe('');
    vi.useFakeTimers();
    type(element, 'Typed at once');
    backend.expectOne('/api/threads/t2/messages').flush(page('t2', []));
    backend.expectOne('/api/threads/t2/draft').flush({ threadId: 't2', body: '', savedAt: null });
    await vi.advanceTimersByTimeAsync(0);
    fixture.detectChanges();
    expect(element.querySelector('textarea')!.value).toBe('Typed at once');
    expect(element.textContent).toContain('No messages yet.');
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_MS);
    const put = backend.expectOne((r) => r.method === 'PUT' && r.url === '/api/threads/t2/draft');
    expect(put.request.body).toEqual({ body: 'Typed at once' });
    backend.expectNone('/api/threads/t1/draft');
  });

  it('sends with an Idempotency-Key (Ctrl+Enter works too), shows the message and announces it politely', async () => {
    const { backend, fixture, element } = await setUp();
    type(element, 'A hard week.');
    element.querySelector('textarea')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true }));
    const post = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/threads/t1/messages');
    expect(post.request.body).toEqual({ body: 'A hard week.' });
    expect(post.request.headers.get('Idempotency-Key')).toBeTruthy();
    post.flush(message(3, 'A hard week.', true, 't1'));
    await settle(fixture);
    fixture.detectChanges();
    expect([...element.querySelectorAll('.body')].map((b) => b.textContent)).toEqual(['First', 'Second', 'A hard week.']);
    expect(element.querySelector('[aria-live=polite]')!.textContent).toContain('Message sent.');
    expect(element.querySelector('textarea')!.value).toBe('');
    backend.expectNone('/api/threads/t1/draft');
  });

  it('catches up by cursor when the stream says a message came, announces it and marks it read', async () => {
    const { backend, fixture, element } = await setUp();
    events.next({ type: 'message', threadId: 't1', coupleId: 'c1', seq: 5, messageId: 'm5', mine: false });
    const after = backend.expectOne((r) => r.url === '/api/threads/t1/messages');
    expect(after.request.params.get('after')).toBe('2');
    after.flush(page('t1', [message(5, 'Are you free Tuesday?', false, 't1')]));
    await settle(fixture);
    expect(backend.expectOne('/api/threads/t1/read').request.body).toEqual({ upTo: 5 });
    fixture.detectChanges();
    expect(element.querySelector('[aria-live=polite]')!.textContent).toContain('New message from Robin Hale.');
    expect([...element.querySelectorAll('.body')].map((b) => b.textContent)).toEqual(['First', 'Second', 'Are you free Tuesday?']);
  });

  it('shows older messages by cursor on request', async () => {
    const { backend, fixture, element } = await setUp();
    element.querySelector<HTMLButtonElement>('button.older')!.click();
    const older = backend.expectOne((r) => r.url === '/api/threads/t1/messages');
    expect(older.request.params.get('before')).toBe('1');
    older.flush(page('t1', [message(0.5, 'Zeroth', false, 't1')]));
    await settle(fixture);
    fixture.detectChanges();
    expect(element.querySelector('.body')!.textContent).toBe('Zeroth');
    expect(element.querySelector('button.older')).toBeNull();
  });
});
