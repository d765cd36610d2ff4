import { BreakpointObserver } from '@angular/cdk/layout';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { BehaviorSubject } from 'rxjs';
import { CoupleMessages } from './couple-messages';
import { page, threadList } from './messages-fixture';
import { ThreadList } from './messages-types';

const threads: ThreadList = threadList({
  items: [
    { id: 'joint', coupleId: 'c1', kind: 'joint', partnerId: null, partnerName: null, unreadCount: 0, lastMessageAt: null, lastSeq: 0, readUpTo: 0, safetyFlagOpen: false },
    { id: 'pa', coupleId: 'c1', kind: 'private', partnerId: 'p1', partnerName: 'Alex', unreadCount: 2, lastMessageAt: null, lastSeq: 0, readUpTo: 0, safetyFlagOpen: true },
    { id: 'pb', coupleId: 'c1', kind: 'private', partnerId: 'p2', partnerName: 'Sam', unreadCount: 0, lastMessageAt: null, lastSeq: 0, readUpTo: 0, safetyFlagOpen: false },
  ],
});

describe('CoupleMessages', () => {
  async function setUp(wide: boolean, thread = '') {
    const breakpoint = new BehaviorSubject({ matches: wide, breakpoints: {} });
    TestBed.configureTestingModule({
      imports: [CoupleMessages],
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: BreakpointObserver, useValue: { observe: () => breakpoint } }],
    });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(CoupleMessages);
    fixture.componentRef.setInput('coupleId', 'c1');
    if (thread) fixture.componentRef.setInput('thread', thread);
    fixture.detectChanges();
    TestBed.tick();
    backend.expectOne('/api/couples/c1/threads').flush(threads);
    await fixture.whenStable();
    fixture.detectChanges();
    // Every thread view shown reads its messages and its draft.
    for (const r of backend.match((r) => r.url.endsWith('/messages'))) r.flush(page(r.request.url.split('/')[3], []));
    for (const r of backend.match((r) => r.url.endsWith('/draft'))) r.flush({ threadId: 'x', body: '', savedAt: null });
    await fixture.whenStable();
    fixture.detectChanges();
    return { backend, fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('shows the three threads side by side on a wide screen, the notice above, the safety flag beside the flagged partner', async () => {
    const { element } = await setUp(true);
    expect(element.querySelector('[role=tablist]')).toBeNull();
    expect([...element.querySelectorAll('.side-by-side h3')].map((h) => h.textContent!.trim())).toEqual(['Joint thread', 'Alex (private)', 'Sam (private)']);
    expect(element.querySelectorAll('app-thread-view')).toHaveLength(3);
    expect(element.textContent).toContain('Not for emergencies');
    const flagged = element.querySelector('#panel-pa')!;
    expect(flagged.textContent).toContain('Alex has an open safety flag');
    expect(element.querySelector('#panel-pb')!.textContent).not.toContain('safety flag');
  });

  it('shows tabs on a narrow screen, opening the thread the inbox named, with unread and flag on the tabs', async () => {
    const { element } = await setUp(false, 'pa');
    const tabs = [...element.querySelectorAll('[role=tab]')].map((t) => t.textContent!.replace(/\s+/g, ' ').trim());
    expect(tabs).toEqual(['Joint thread', 'Alex (private) Safety flag', 'Sam (private)']);
    expect(element.querySelector('[role=tab][aria-selected=true]')!.id).toBe('tab-pa');
    expect(element.querySelectorAll('app-thread-view')).toHaveLength(1);
    expect(element.querySelector('[role=tabpanel]')!.id).toBe('panel-pa');
  });
});
