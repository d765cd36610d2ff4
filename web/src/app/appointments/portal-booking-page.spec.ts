import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { PortalAppointment } from '../core/api/appointments-api';
import { usePracticeTimeZone } from '../core/practice/practice-format';
import { BookingSlots, LATE_WARNING, PortalBookingPage, PortalBookingRequest, slotsByDay } from './portal-booking-page';

const slots = (available = true): BookingSlots => ({
  from: '2027-02-01', to: '2027-02-15', timeZone: 'Europe/London', attendees: 'both', durationMinutes: 50, available,
  message: available ? null : 'Please contact your therapist to book.',
  slots: available
    ? [
        { startsAt: '2027-02-01T09:00:00', endsAt: '2027-02-01T09:50:00', startsAtUtc: '2027-02-01T09:00:00Z' },
        { startsAt: '2027-02-01T10:00:00', endsAt: '2027-02-01T10:50:00', startsAtUtc: '2027-02-01T10:00:00Z' },
        { startsAt: '2027-02-02T09:00:00', endsAt: '2027-02-02T09:50:00', startsAtUtc: '2027-02-02T09:00:00Z' },
      ]
    : [],
});

const request = (over: Partial<PortalBookingRequest>): PortalBookingRequest => ({
  id: 'r1', kind: 'new', startsAt: '2027-02-03T11:00:00', endsAt: '2027-02-03T11:50:00', startsAtUtc: '2027-02-03T11:00:00Z',
  timeZone: 'Europe/London', durationMinutes: 50, attendees: 'both', status: 'awaiting_partner', partnerAConfirmed: true,
  partnerBConfirmed: false, waitingForMe: true, requestedByMe: false, appointmentId: null, expiresAt: '2027-02-03T08:00:00Z',
  createdAt: '2027-02-01T08:00:00Z', ...over,
});

const appointment = (changeableUntil: string): PortalAppointment => ({
  id: 'a1', startsAt: '2027-02-05T17:00:00', endsAt: '2027-02-05T17:50:00', startsAtUtc: '2027-02-05T17:00:00Z', timeZone: 'Europe/London',
  durationMinutes: 50, attendees: 'both', format: 'in_person', videoLink: null, status: 'booked', noteToClients: '', changeableUntil, isNext: true,
});

describe('PortalBookingPage', () => {
  beforeEach(() => usePracticeTimeZone('Europe/London'));

  async function setUp(free: BookingSlots, requests: PortalBookingRequest[] = [], appointments: PortalAppointment[] = []) {
    TestBed.configureTestingModule({
      imports: [PortalBookingPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(PortalBookingPage);
    fixture.detectChanges();
    TestBed.tick();
    backend.expectOne('/api/portal/booking/slots?attendees=both').flush(free);
    backend.expectOne('/api/portal/booking/requests').flush(requests);
    backend.expectOne('/api/portal/appointments').flush(appointments);
    await fixture.whenStable();
    fixture.detectChanges();
    return { backend, fixture, element: fixture.nativeElement as HTMLElement };
  }

  /** After a write the page reloads its three reads: answer them, then let the view settle. */
  async function settle(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }) {
    const backend = TestBed.inject(HttpTestingController);
    await new Promise((resolve) => setTimeout(resolve, 0));
    TestBed.tick();
    for (const read of backend.match((r) => r.method === 'GET')) read.flush(read.request.url.includes('slots') ? slots() : []);
    await fixture.whenStable();
    fixture.detectChanges();
  }

  it('groups free times by day', () => {
    expect(slotsByDay(slots().slots).map((d) => [d.day, d.slots.length])).toEqual([['2027-02-01', 2], ['2027-02-02', 1]]);
  });

  it('offers the free times under "choose a time that works for you both" and asks for one with an Idempotency-Key', async () => {
    const { backend, fixture, element } = await setUp(slots());
    expect(element.textContent).toContain('Choose a time that works for you both');
    expect(element.textContent).toContain('Europe/London time');
    const buttons = [...element.querySelectorAll<HTMLButtonElement>('button.slot')];
    expect(buttons.map((b) => b.textContent!.trim())).toEqual(['09:00', '10:00', '09:00']);

    buttons[1].click();
    fixture.detectChanges();
    expect(buttons[1].getAttribute('aria-pressed')).toBe('true');
    [...element.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.includes('Ask for this time'))!.click();
    const post = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/portal/booking/requests');
    expect(post.request.body).toEqual({ startsAt: '2027-02-01T10:00:00Z', attendees: 'both' });
    expect(post.request.headers.get('Idempotency-Key')).toBeTruthy();
    post.flush(request({ startsAt: '2027-02-01T10:00:00', waitingForMe: false, requestedByMe: true }));
    await settle(fixture);
    expect(element.querySelector('[role=status]')!.textContent).toContain('Your partner confirms it in their portal');
  });

  it('says only "please contact your therapist to book" when joint times cannot be booked', async () => {
    const { element } = await setUp(slots(false));
    expect(element.textContent).toContain('Please contact your therapist to book.');
    expect(element.querySelectorAll('button.slot').length).toBe(0);
  });

  it('lets the other partner confirm or decline a time waiting for them', async () => {
    const { backend, fixture, element } = await setUp(slots(), [request({})]);
    expect(element.textContent).toContain('Waiting for your answer');
    [...element.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === 'Confirm')!.click();
    const confirm = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/portal/booking/requests/r1/confirm');
    confirm.flush(request({ status: 'booked', waitingForMe: false }));
    await settle(fixture);
    expect(element.querySelector('[role=status]')!.textContent).toContain('Booked');
  });

  it('warns that a cancellation inside the window is late before sending it, then sends acceptLate', async () => {
    const { backend, fixture, element } = await setUp(slots(), [], [appointment('2020-01-01T00:00:00Z')]);
    [...element.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === 'Cancel')!.click();
    fixture.detectChanges();
    backend.expectNone('/api/portal/appointments/a1/cancel');
    expect(element.querySelector('[role=alert]')!.textContent).toContain(LATE_WARNING);

    [...element.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.includes('Cancel anyway'))!.click();
    const cancel = backend.expectOne('/api/portal/appointments/a1/cancel');
    expect(cancel.request.body).toEqual({ acceptLate: true });
    cancel.flush({ ...appointment('2020-01-01T00:00:00Z'), status: 'late_cancelled' });
    await settle(fixture);
    expect(element.querySelector('[role=status]')!.textContent).toContain('late cancellation');
  });

  it('moves a booked session to a chosen free time', async () => {
    const { backend, fixture, element } = await setUp(slots(), [], [appointment('2030-01-01T00:00:00Z')]);
    [...element.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === 'Move')!.click();
    fixture.detectChanges();
    expect(element.textContent).toContain('Choose a new time');
    element.querySelector<HTMLButtonElement>('button.slot')!.click();
    fixture.detectChanges();
    [...element.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.includes('Ask to move'))!.click();
    const move = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/portal/appointments/a1/move');
    expect(move.request.body).toEqual({ startsAt: '2027-02-01T09:00:00Z' });
  });
});
