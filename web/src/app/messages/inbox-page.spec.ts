import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { InboxPage } from './inbox-page';
import { Inbox } from './messages-types';

const inbox: Inbox = {
  unreadCount: 3,
  items: [
    { threadId: 'pa', coupleId: 'c1', coupleName: 'Alex & Sam', kind: 'private', partnerId: 'p1', partnerName: 'Alex', unreadCount: 2, oldestUnreadAt: '2026-12-05T10:00:00Z', lastMessageAt: '2026-12-06T10:00:00Z', safetyFlagOpen: true },
    { threadId: 'j2', coupleId: 'c2', coupleName: 'Kim & Lee', kind: 'joint', partnerId: null, partnerName: null, unreadCount: 1, oldestUnreadAt: '2026-12-06T12:00:00Z', lastMessageAt: '2026-12-06T12:00:00Z', safetyFlagOpen: false },
  ],
};

describe('InboxPage', () => {
  async function render(body: Inbox) {
    TestBed.configureTestingModule({ imports: [InboxPage], providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    const fixture = TestBed.createComponent(InboxPage);
    fixture.detectChanges();
    TestBed.tick();
    TestBed.inject(HttpTestingController).expectOne('/api/inbox').flush(body);
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('lists the threads in the order the API gives (the longest waiting first), each linking to its thread in the workspace', async () => {
    const element = await render(inbox);
    expect(element.textContent).toContain('3 unread messages, the longest waiting first.');
    const links = [...element.querySelectorAll('li a')];
    expect(links.map((a) => a.textContent!.trim())).toEqual(['Alex & Sam — Alex (private)', 'Kim & Lee — Joint thread']);
    expect(links[0].getAttribute('href')).toBe('/couples/c1/messages?thread=pa');
    const items = [...element.querySelectorAll('li')];
    expect(items[0].textContent).toContain('Open safety flag');
    expect(items[1].textContent).not.toContain('safety flag');
  });

  it('says when nothing is unread', async () => {
    const element = await render({ unreadCount: 0, items: [] });
    expect(element.textContent).toContain('No unread messages.');
  });
});
