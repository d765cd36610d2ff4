import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { message, page, threadList } from './messages-fixture';
import { PortalMessagesPage } from './portal-messages-page';

/** Lets the component's awaited requests (not tracked as pending tasks) run on, then waits for the view. */
const settle = async (fixture: { whenStable(): Promise<unknown> }) => {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await fixture.whenStable();
};

describe('PortalMessagesPage', () => {
  async function setUp() {
    TestBed.configureTestingModule({ imports: [PortalMessagesPage], providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(PortalMessagesPage);
    fixture.detectChanges();
    TestBed.tick();
    backend.expectOne('/api/portal/threads').flush(threadList());
    await settle(fixture);
    fixture.detectChanges();
    backend.expectOne('/api/portal/threads/joint/messages').flush(page('joint', [message(2, 'Second'), message(1, 'First')]));
    backend.expectOne('/api/portal/threads/joint/draft').flush({ threadId: 'joint', body: 'Half a thought', savedAt: '2026-12-07T09:00:00Z' });
    await settle(fixture);
    const read = backend.expectOne('/api/portal/threads/joint/read');
    expect(read.request.body).toEqual({ upTo: 2 });
    read.flush({ threadId: 'joint', upToSeq: 2, unreadCount: 0 });
    await settle(fixture);
    fixture.detectChanges();
    return { backend, fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('shows the notice and crisis contacts, both threads as tabs, the thread oldest first and the kept draft', async () => {
    const { element } = await setUp();
    expect(element.textContent).toContain('Not for emergencies');
    expect(element.textContent).toContain('Call 999');
    const tabs = [...element.querySelectorAll<HTMLElement>('[role=tab]')];
    expect(tabs.map((t) => t.textContent!.trim())).toEqual(['All of us', 'Just me and my therapist']);
    expect(tabs.map((t) => t.tabIndex)).toEqual([0, -1]);
    expect([...element.querySelectorAll('.body')].map((b) => b.textContent)).toEqual(['First', 'Second']);
    expect(element.querySelector('textarea')!.value).toBe('Half a thought');
    expect(element.querySelector('[role=tabpanel]')!.getAttribute('aria-labelledby')).toBe('tab-joint');
  });

  it('moves between the tabs with the arrow keys and opens the other thread', async () => {
    const { backend, fixture, element } = await setUp();
    element.querySelector('[role=tablist]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    fixture.detectChanges();
    await settle(fixture);
    backend.expectOne('/api/portal/threads/mine/messages').flush(page('mine', []));
    backend.expectOne('/api/portal/threads/mine/draft').flush({ threadId: 'mine', body: '', savedAt: null });
    await settle(fixture);
    fixture.detectChanges();
    expect(element.querySelector('[role=tab][aria-selected=true]')!.textContent).toContain('Just me and my therapist');
    expect(element.textContent).toContain('No messages yet.');
  });

  it('says a closed case takes no new messages, with no composer', async () => {
    TestBed.configureTestingModule({ imports: [PortalMessagesPage], providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(PortalMessagesPage);
    fixture.detectChanges();
    TestBed.tick();
    backend.expectOne('/api/portal/threads').flush(threadList({ coupleClosed: true }));
    await settle(fixture);
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.textContent).toContain('This case is closed: no new messages can be sent.');
    expect(element.querySelector('textarea')).toBeNull();
  });
});
