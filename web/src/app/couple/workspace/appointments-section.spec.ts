import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { Appointment, appointmentWhen } from '../../core/api/appointments-api';
import { CoupleContext } from './couple-context';
import { AppointmentsSection } from './couple-sections';
import { couple } from './workspace-fixture';

@Component({ template: '' })
class SessionFormStub {}

/** The practice's (UTC here) date `days` from today, at 17:00 local. */
function at(days: number): string {
  const day = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return `${day}T17:00:00`;
}
const TODAY = at(0);

function appointment(overrides: Partial<Appointment>): Appointment {
  return {
    id: 'a1',
    coupleId: 'c1',
    coupleDisplayName: 'Alex & Sam',
    startsAt: TODAY,
    endsAt: TODAY.replace('17:00', '17:50'),
    startsAtUtc: `${TODAY}Z`,
    timeZone: 'UTC',
    durationMinutes: 50,
    attendees: 'both',
    format: 'in_person',
    videoLink: null,
    status: 'booked',
    noteToClients: '',
    sessionId: null,
    version: 4,
    createdAt: '2026-11-20T09:00:00Z',
    changedAt: '2026-11-20T09:00:00Z',
    canBeHeldToday: true,
    ...overrides,
  };
}

describe('AppointmentsSection (the couple workspace)', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [AppointmentsSection],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'couples/:coupleId/sessions/new', component: SessionFormStub }]),
        CoupleContext,
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(CoupleContext).id.set('c1');
  });

  afterEach(() => backend.verify());

  async function render(items: Appointment[], status = couple.status) {
    const fixture = TestBed.createComponent(AppointmentsSection);
    fixture.detectChanges();
    TestBed.tick();
    backend.expectOne('/api/couples/c1').flush({ ...couple, status });
    // The list is asked for once the couple is known (whenStable would wait on that request).
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
    backend.expectOne((r) => r.url === '/api/couples/c1/appointments').flush({ items, page: 1, pageSize: 100, total: items.length });
    await fixture.whenStable();
    fixture.detectChanges();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('lists the couple\'s appointments under its own heading, with the actions each status and day allow', async () => {
    const { element } = await render([
      appointment({ id: 'a3', startsAt: at(7), canBeHeldToday: false }),
      appointment({ id: 'a2' }),
      appointment({ id: 'a1', startsAt: at(-7), status: 'held', sessionId: 's1' }),
      appointment({ id: 'a0', startsAt: at(-14), status: 'held', sessionId: null }),
    ]);
    expect(element.querySelector('h2')?.textContent).toBe('Appointments');
    const rows = Array.from(element.querySelectorAll('ul.appointments li'));
    expect(rows.map((r) => r.querySelector('strong')?.textContent)).toEqual([at(7), TODAY, at(-7), at(-14)].map(appointmentWhen));
    const buttons = (row: Element) => Array.from(row.querySelectorAll('button')).map((b) => b.textContent?.trim());
    // Next week's cannot be held yet: the API says so (canBeHeldToday), as holding it would refuse.
    expect(buttons(rows[0])).toEqual(['Cancel', 'Late cancel', 'No-show']);
    expect(buttons(rows[1])).toEqual(['Record session', 'Cancel', 'Late cancel', 'No-show']);
    expect(rows[2].querySelector('a')?.getAttribute('href')).toBe('/sessions/s1');
    // Held but not yet written up: the session form opens prefilled from the appointment.
    expect(rows[3].querySelector('a')?.getAttribute('href')).toBe('/couples/c1/sessions/new?appointment=a0');
    expect(buttons(element).filter((b) => b === 'Book an appointment')).toHaveLength(1);
  });

  it('holds a booked appointment, then opens the session form prefilled from it', async () => {
    const { fixture, element } = await render([appointment({})]);
    const router = TestBed.inject(Router);
    element.querySelector<HTMLButtonElement>(`button[aria-label="Record session from ${appointmentWhen(TODAY)}"]`)!.click();
    backend.expectOne({ method: 'POST', url: '/api/appointments/a1/hold' }).flush({ appointmentId: 'a1' });
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(router.url).toBe('/couples/c1/sessions/new?appointment=a1');
  });

  it('cancels with the version it read and lists the appointments again', async () => {
    const { fixture, element } = await render([appointment({})]);
    element.querySelector<HTMLButtonElement>(`button[aria-label="Cancel ${appointmentWhen(TODAY)}"]`)!.click();
    const request = backend.expectOne({ method: 'PATCH', url: '/api/appointments/a1' });
    expect(request.request.body).toEqual({ version: 4, status: 'cancelled' });
    request.flush(appointment({ status: 'cancelled', version: 5 }));
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
    backend.expectOne((r) => r.url === '/api/couples/c1/appointments').flush({ items: [appointment({ status: 'cancelled', version: 5 })], page: 1, pageSize: 100, total: 1 });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(element.textContent).toContain(`Cancelled recorded for ${appointmentWhen(TODAY)}.`);
    expect(element.querySelector('ul.appointments li .status')?.textContent).toBe('Cancelled');
    expect(element.querySelector('ul.appointments li button')).toBeNull();
  });

  it('offers no booking for a closed couple', async () => {
    const { element } = await render([], 'closed');
    expect(element.textContent).toContain('No appointments yet.');
    expect(Array.from(element.querySelectorAll('button')).some((b) => b.textContent?.includes('Book an appointment'))).toBe(false);
  });
});
