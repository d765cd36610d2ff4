import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { usePracticeTimeZone } from '../core/practice/practice-format';
import { preferenceWords, WaitlistEntry, WaitlistPage } from './waitlist-page';

const entry = (over: Partial<WaitlistEntry> = {}): WaitlistEntry => ({
  id: 'w1',
  partnerA: { firstName: 'Robin', lastName: 'Hale', email: 'robin@example.org', phone: '+44 20 7946 0101' },
  partnerB: { firstName: 'Kai', lastName: 'Moreno', email: 'kai@example.org', phone: null },
  heardFrom: 'GP referral', preferredDays: ['tuesday', 'thursday'], preferredTimes: ['evening'], urgency: 'soon',
  reason: 'Communication', notes: 'Call after 18:00.', status: 'waiting', addedAt: '2026-11-20T10:00:00Z', waitingDays: 17,
  offer: null, coupleId: null, updatedAt: '2026-11-20T10:00:00Z', version: 7, ...over,
});

describe('WaitlistPage', () => {
  beforeEach(() => usePracticeTimeZone('Europe/London'));

  async function setUp(entries: WaitlistEntry[], availability: object = { timeZone: 'Europe/London' }) {
    TestBed.configureTestingModule({
      imports: [WaitlistPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(WaitlistPage);
    fixture.detectChanges();
    TestBed.tick();
    backend.expectOne('/api/waitlist').flush(entries);
    backend.expectOne('/api/me/availability').flush(availability);
    await fixture.whenStable();
    fixture.detectChanges();
    return { backend, fixture, element: fixture.nativeElement as HTMLElement };
  }

  function button(element: HTMLElement, text: string): HTMLButtonElement {
    return [...element.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.includes(text))!;
  }

  it('writes preferences in words', () => {
    expect(preferenceWords({ preferredDays: ['tuesday', 'thursday'], preferredTimes: ['evening'] })).toBe('Tuesday, Thursday; evenings');
    expect(preferenceWords({ preferredDays: [], preferredTimes: [] })).toBe('');
  });

  it('lists each couple with contact, urgency, wait and preferences', async () => {
    const { element } = await setUp([entry()]);
    const card = element.querySelector('.entries li')!;
    expect(card.querySelector('h2')!.textContent).toContain('Robin Hale & Kai Moreno');
    expect(card.textContent).toContain('Soon · waiting 17 days');
    expect(card.textContent).toContain('robin@example.org, +44 20 7946 0101');
    expect(card.textContent).toContain('Prefers Tuesday, Thursday; evenings');
    expect(card.textContent).toContain('Europe/London time');
  });

  it('offers a time as a local date-time and says both partners have the link', async () => {
    const { backend, fixture, element } = await setUp([entry()]);
    const time = element.querySelector<HTMLInputElement>('input[type=datetime-local]')!;
    time.value = '2026-12-10T18:00';
    button(element, 'Offer this time').click();
    const post = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/waitlist/w1/offer');
    expect(post.request.body).toEqual({ startsAt: '2026-12-10T18:00:00', policy: null, confirmOverlap: false });
    post.flush(entry({
      status: 'offered',
      offer: { startsAt: '2026-12-10T18:00:00', startsAtUtc: '2026-12-10T18:00:00Z', timeZone: 'Europe/London', durationMinutes: 50,
        format: 'in_person', policy: null, offeredAt: '2026-12-07T10:00:00Z', expiresAt: '2026-12-09T10:00:00Z', state: 'valid' },
    }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    TestBed.tick();
    for (const reload of backend.match('/api/waitlist')) reload.flush([entry()]);
    await fixture.whenStable();
    fixture.detectChanges();
    expect(element.querySelector('.status')!.textContent).toContain('both partners have the link by email');
  });

  it('says what the couple books under when offering, and asks before offering a time that overlaps', async () => {
    const { backend, fixture, element } = await setUp([entry()], { timeZone: 'Europe/London', jointMinutes: 60, cancellationWindowHours: 48 });
    expect(element.querySelector('.entries li')!.textContent).toContain(
      'The first session is a 60-minute joint session. Cancelling within 48 hours of it counts as a late cancellation.',
    );
    expect(element.querySelector('.entries li')!.textContent).toContain('Confidentiality policy for intake (optional)');
    element.querySelector<HTMLInputElement>('input[type=datetime-local]')!.value = '2026-12-10T18:00';
    button(element, 'Offer this time').click();
    backend.expectOne((r) => r.url === '/api/waitlist/w1/offer').flush(
      { status: 409, detail: 'This time overlaps another of your appointments.', requiresOverlapConfirmation: true },
      { status: 409, statusText: 'Conflict' },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    fixture.detectChanges();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(document.querySelector('mat-dialog-container')!.textContent).toContain('Offer it anyway?');
    [...document.querySelectorAll<HTMLButtonElement>('mat-dialog-container button')].find((b) => b.textContent!.trim() === 'Offer it anyway')!.click();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const again = backend.expectOne((r) => r.url === '/api/waitlist/w1/offer');
    expect(again.request.body).toMatchObject({ startsAt: '2026-12-10T18:00:00', confirmOverlap: true });
    TestBed.inject(MatDialog).closeAll();
    fixture.destroy();
  });

  it('edits an entry in the form below the list and sends it with the version read', async () => {
    const { backend, fixture, element } = await setUp([entry()]);
    button(element, 'Edit').click();
    fixture.detectChanges();
    await fixture.whenStable();
    expect(element.querySelector('#add-heading')!.textContent).toContain('Edit Robin Hale & Kai Moreno');
    const notes = element.querySelector<HTMLTextAreaElement>('textarea[formcontrolname=notes]')!;
    expect(notes.value).toBe('Call after 18:00.');
    notes.value = 'Call after 19:00.';
    notes.dispatchEvent(new Event('input'));
    button(element, 'Save changes').click();
    const patch = backend.expectOne((r) => r.method === 'PATCH' && r.url === '/api/waitlist/w1');
    expect(patch.request.body).toMatchObject({
      version: 7, notes: 'Call after 19:00.', urgency: 'soon', preferredDays: ['tuesday', 'thursday'],
      partnerA: { firstName: 'Robin', lastName: 'Hale', email: 'robin@example.org', phone: '+44 20 7946 0101' },
      partnerB: { firstName: 'Kai', lastName: 'Moreno', email: 'kai@example.org', phone: null },
    });
    patch.flush({ status: 409, detail: 'The waitlist entry was changed by someone else.' }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(element.textContent).toContain('The changes were not saved');
    expect(element.textContent).toContain('The waitlist entry was changed by someone else. Reload to see the latest version.');
  });

  it('takes an entry off the list with its version', async () => {
    const { backend, element } = await setUp([entry()]);
    button(element, 'Remove from the list').click();
    const patch = backend.expectOne((r) => r.method === 'PATCH' && r.url === '/api/waitlist/w1');
    expect(patch.request.body).toEqual({ version: 7, status: 'removed' });
  });

  it('adds a couple with an Idempotency-Key and shows the API’s field errors on the form', async () => {
    const { backend, fixture, element } = await setUp([]);
    expect(element.textContent).toContain('Nobody is waiting.');
    const type = (name: string, value: string, index = 0) => {
      const input = element.querySelectorAll<HTMLInputElement>(`input[formcontrolname=${name}]`)[index];
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    type('firstName', 'Robin'); type('lastName', 'Hale'); type('email', 'robin@example.org');
    type('firstName', 'Kai', 1); type('lastName', 'Moreno', 1); type('email', 'kai@example.org', 1);
    type('reason', 'Communication');
    button(element, 'Add to the waitlist').click();
    const post = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/waitlist');
    expect(post.request.headers.get('Idempotency-Key')).toBeTruthy();
    expect(post.request.body.partnerA).toEqual({ firstName: 'Robin', lastName: 'Hale', email: 'robin@example.org', phone: null });
    expect(post.request.body.urgency).toBe('routine');
    post.flush({ title: 'Bad', status: 400, errors: { 'partnerB.email': ['The two partners need different emails.'] } },
      { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(element.textContent).toContain('The two partners need different emails.');
  });
});
