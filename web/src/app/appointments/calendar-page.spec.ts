import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Appointment } from '../core/api/appointments-api';
import { addDays } from '../shared/ui/dates';
import { CalendarPage, FIRST_HOUR, weekCells } from './calendar-page';

const appointment = (startsAt: string, coupleDisplayName = 'Alex & Sam') =>
  ({ id: startsAt, coupleId: 'c1', coupleDisplayName, startsAt, status: 'booked', durationMinutes: 50 }) as Appointment;

describe('weekCells', () => {
  it('puts each appointment in the cell of its day and starting hour, across a month end', () => {
    const cells = weekCells('2026-11-30', [appointment('2026-12-02T17:30:00'), appointment('2026-11-30T08:00:00')]);

    expect(addDays('2026-11-30', 2)).toBe('2026-12-02');
    expect(cells[17 - FIRST_HOUR][2].appointments.map((a) => a.startsAt)).toEqual(['2026-12-02T17:30:00']);
    expect(cells[0][0].appointments).toHaveLength(1);
    expect(cells[0][1].appointments).toHaveLength(0);
    expect(cells[9][3].slot).toBe('2026-12-03T17:00');
  });

  it('widens the rows to show an appointment of the week before or after the usual hours, and only for that week', () => {
    const early = [appointment('2026-12-01T07:00:00'), appointment('2026-12-04T21:10:00'), appointment('2026-12-09T06:00:00')];
    const cells = weekCells('2026-11-30', early);

    expect(cells[0][0].slot).toBe('2026-11-30T07:00');
    expect(cells[0][1].appointments.map((a) => a.startsAt)).toEqual(['2026-12-01T07:00:00']);
    expect(cells[cells.length - 1][4].slot).toBe('2026-12-04T21:00');
    expect(cells[cells.length - 1][4].appointments).toHaveLength(1);
    expect(cells.flat().flatMap((c) => c.appointments)).toHaveLength(2);
  });
});

describe('CalendarPage', () => {
  async function open() {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(CalendarPage);
    fixture.detectChanges();
    backend.expectOne('/api/appointments').flush({
      from: '2026-11-30', to: '2026-12-14', timeZone: 'Europe/London',
      items: [appointment('2026-12-01T17:00:00'), appointment('2026-12-08T10:00:00', 'Kim & Lee')],
    });
    backend.expectOne((r) => r.url === '/api/couples').flush({ items: [{ id: 'c1', displayName: 'Alex & Sam', status: 'active' }], page: 1, pageSize: 100, total: 1 });
    await fixture.whenStable();
    fixture.detectChanges();
    return { fixture, element: fixture.nativeElement as HTMLElement, backend };
  }

  it('shows this week as a grid with one tab stop and moves between cells with the arrow keys', async () => {
    const { fixture, element } = await open();
    const buttons = Array.from(element.querySelectorAll<HTMLButtonElement>('table.week button'));
    expect(buttons).toHaveLength(7 * 12);
    expect(buttons.filter((b) => b.tabIndex === 0)).toHaveLength(1);
    expect(element.querySelector('table.week')!.textContent).toContain('17:00 Alex & Sam');
    expect(element.textContent).toContain('Kim & Lee'); // next week at a glance

    const start = element.querySelector<HTMLButtonElement>('button[data-row="9"][data-col="0"]')!;
    start.focus();
    start.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    fixture.detectChanges();
    const right = element.querySelector<HTMLButtonElement>('button[data-row="9"][data-col="1"]')!;
    expect(document.activeElement).toBe(right);
    expect(right.tabIndex).toBe(0);
    right.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    fixture.detectChanges();
    expect(document.activeElement).toBe(element.querySelector('button[data-row="10"][data-col="1"]'));
  });

  it('opens the booking form for a free slot chosen with the keyboard and books it', async () => {
    const { fixture, element, backend } = await open();
    const free = element.querySelector<HTMLButtonElement>('button[data-row="2"][data-col="3"]')!;
    expect(free.getAttribute('aria-label')).toContain('free. Book this slot.');
    free.click();
    fixture.detectChanges();
    await fixture.whenStable();

    expect(element.querySelector('#book-heading')!.textContent).toMatch(/Thu,? 3 Dec 2026, 10:00/);
    const form = element.querySelector<HTMLFormElement>('form.booking')!;
    const page = fixture.debugElement.query((d) => d.name === 'app-appointment-form').componentInstance as {
      form: { patchValue: (v: object) => void };
    };
    page.form.patchValue({ coupleId: 'c1' });
    form.dispatchEvent(new Event('submit'));
    const post = backend.expectOne({ method: 'POST', url: '/api/couples/c1/appointments' });
    expect(post.request.body).toMatchObject({ startsAt: '2026-12-03T10:00', durationMinutes: 50, attendees: 'both', format: 'in_person' });
  });
});
