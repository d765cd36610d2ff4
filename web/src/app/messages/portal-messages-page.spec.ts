import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Message, ThreadList } from './messages-types';
import { PortalMessagesPage } from './portal-messages-page';

const list: ThreadList = {
  coupleId: 'c1', coupleName: 'Alex & Sam', messagingEnabled: true, coupleClosed: false,
  notice: 'Messages are read on weekdays. Not for emergencies.',
  crisisResources: { markdown: 'Call 999', html: '<p>Call 999</p>' },
  items: [
    { id: 'joint', coupleId: 'c1', kind: 'joint', partnerId: null, partnerName: null, unreadCount: 1, lastMessageAt: null, lastSeq: 2, readUpTo: 0, safetyFlagOpen: null },
    { id: 'mine', coupleId: 'c1', kind: 'private', partnerId: 'p1', partnerName: 'Alex', unreadCount: 0, lastMessageAt: null, lastSeq: 0, readUpTo: 0, safetyFlagOpen: null },
  ],
};
const message = (seq: number, body: string, mine = false): Message => ({
  id: `m${seq}`, seq, threadId: 'joint', coupleId: 'c1', authorRole: mine ? 'partner' : 'therapist', authorPartnerId: null,
  authorName: mine ? 'Alex' : 'Robin Hale', mine, body, createdAt: '2026-12-07T10:00:00Z',
});

describe('PortalMessagesPage', () => {
  async function setUp() {
    TestBed.configureTestingModule({ imports: [PortalMessagesPage], providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(PortalMessagesPage);
    fixture.detectChanges();
    TestBed.tick();
    backend.expectOne('/api/portal/threads').flush(list);
    await fixture.whenStable();
    fixture.detectChanges();
    backend.expectOne('/api/portal/threads/joint/messages').flush({ threadId: 'joint', items: [message(2, 'Second'), message(1, 'First')], nextBefore: null, nextAfter: null, readMarkers: [] });
    await fixture.whenStable();
    const read = backend.expectOne('/api/portal/threads/joint/read');
    expect(read.request.body).toEqual({ upTo: 2 });
    read.flush({ threadId: 'joint', upToSeq: 2, unreadCount: 0 });
    await fixture.whenStable();
    fixture.detectChanges();
    return { backend, fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('shows the notice and crisis contacts, both threads as tabs, and the thread oldest first, then marks it read', async () => {
    const { element } = await setUp();
    expect(element.textContent).toContain('Not for emergencies');
    expect(element.textContent).toContain('Call 999');
    expect([...element.querySelectorAll('[role=tab]')].map((t) => t.textContent!.trim())).toEqual(['All of us 1 new', 'Just me and my therapist']);
    expect([...element.querySelectorAll('.body')].map((b) => b.textContent)).toEqual(['First', 'Second']);
  });

  it('sends with an Idempotency-Key, shows the message and announces it politely', async () => {
    const { backend, fixture, element } = await setUp();
    const box = element.querySelector<HTMLTextAreaElement>('textarea')!;
    box.value = 'A hard week.';
    box.dispatchEvent(new Event('input'));
    element.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    const post = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/portal/threads/joint/messages');
    expect(post.request.body).toEqual({ body: 'A hard week.' });
    expect(post.request.headers.get('Idempotency-Key')).toBeTruthy();
    post.flush(message(3, 'A hard week.', true));
    await fixture.whenStable();
    fixture.detectChanges();
    expect([...element.querySelectorAll('.body')].map((b) => b.textContent)).toEqual(['First', 'Second', 'A hard week.']);
    expect(element.querySelector('[aria-live=polite]')!.textContent).toContain('Message sent.');
    expect(box.value).toBe('');
  });
});
