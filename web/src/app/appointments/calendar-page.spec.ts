import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { Appointment } from '../core/api/appointments-api';
import { addDays } from '../shared/ui/dates';
import { CalendarPage, FIRST_HOUR, hoursWorked, moveTarget, weekCells, workingDuring, workingRanges } from './calendar-page';

const appointment = (startsAt: string, coupleDisplayName = 'Alex & Sam') =>
  ({ id: startsAt.replace(/:/g, ''), coupleId: 'c1', coupleDisplayName, startsAt, endsAt: startsAt, status: 'booked', durationMinutes: 50, version: 7 }) as Appointment;

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

  it('moves an appointment to a cell keeping its own minutes', () => {
    const cell = weekCells('2026-11-30', [])[3][4];
    expect(moveTarget(cell, appointment('2026-12-01T17:30:00'))).toBe('2026-12-04T11:30');
  });
});

describe('working hours', () => {
  const hours = {
    weekly: [
      { day: 'tuesday' as const, start: '09:00:00', end: '12:30:00' },
      { day: 'tuesday' as const, start: '14:00:00', end: '18:00:00' },
    ],
    exceptions: [{ date: '2026-12-08', hours: [{ start: '10:00:00', end: '11:00:00' }] }],
    timeOff: [{ from: '2026-12-15', to: '2026-12-16', note: null }],
  };

  it('reads a weekday, a dated exception and time off, and counts an hour partly worked as worked', () => {
    const tuesday = workingRanges(hours, '2026-12-01');
    expect(tuesday).toHaveLength(2);
    expect([8, 9, 12, 13, 14, 17, 18].map((h) => workingDuring(tuesday, h))).toEqual([false, true, true, false, true, true, false]);
    expect(workingRanges(hours, '2026-12-08')).toEqual([{ start: '10:00:00', end: '11:00:00' }]);
    expect(workingRanges(hours, '2026-12-15')).toEqual([]);
    expect(workingRanges(hours, '2026-12-02')).toEqual([]);
  });

  it('widens the grid to the hours worked that week', () => {
    const early = { ...hours, weekly: [{ day: 'monday' as const, start: '07:00:00', end: '21:30:00' }] };
    expect(hoursWorked(hours, '2026-11-30').sort((x, y) => x - y)).toEqual([9, 10, 11, 12, 14, 15, 16, 17]);
    const cells = weekCells('2026-11-30', [], hoursWorked(early, '2026-11-30'));
    expect(cells[0][0].slot).toBe('2026-11-30T07:00');
    expect(cells[cells.length - 1][0].slot).toBe('2026-11-30T21:00');
  });
});

describe('CalendarPage', () => {
  const request = {
    id: 'r1', coupleId: 'c2', coupleDisplayName: 'Kim & Lee', kind: 'new', startsAt: '2026-12-03T09:00:00', endsAt: '2026-12-03T09:50:00',
    attendees: 'both', status: 'awaiting_therapist',
  };

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
    backend.expectOne('/api/me/availability').flush({
      weekly: [{ day: 'tuesday', start: '09:00:00', end: '18:00:00' }], exceptions: [], timeOff: [], timeZone: 'Europe/London', version: 1,
    });
    backend.expectOne((r) => r.url === '/api/booking/requests' && r.params.get('status') === 'awaiting_therapist').flush([request]);
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

  it('shades the hours outside the working hours, says so in words, and shows a request waiting for approval in its cell', async () => {
    const { element } = await open();
    const cell = (row: number, col: number) => element.querySelector<HTMLButtonElement>(`button[data-row="${row}"][data-col="${col}"]`)!;
    expect(cell(1, 1).closest('td')!.classList).not.toContain('off'); // Tuesday 09:00 is worked
    expect(cell(1, 1).getAttribute('aria-label')).not.toContain('Outside');
    expect(cell(0, 1).closest('td')!.classList).toContain('off');
    expect(cell(0, 1).getAttribute('aria-label')).toContain('Outside your working hours.');
    expect(element.textContent).toContain('Hatched hours are outside your working hours.');
    expect(cell(1, 3).textContent).toContain('09:00 Kim & Lee: request');
    expect(cell(1, 3).getAttribute('aria-label')).toContain('Waiting for your approval: 09:00 Kim & Lee.');
    expect(element.querySelector('#requests-heading')!.textContent).toContain('Requests waiting for your approval');
  });

  it('approves a request, asking first when it overlaps, and reloads the calendar', async () => {
    const { fixture, element, backend } = await open();
    Array.from(element.querySelectorAll<HTMLButtonElement>('.requests button')).find((b) => b.textContent?.trim() === 'Approve')!.click();
    const first = backend.expectOne({ method: 'POST', url: '/api/booking/requests/r1/approve' });
    expect(first.request.body).toEqual({ confirmOverlap: false, confirmSafety: false });
    first.flush({ status: 409, detail: 'This time overlaps another of your appointments.', requiresOverlapConfirmation: true }, { status: 409, statusText: 'Conflict' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(document.querySelector('mat-dialog-container')!.textContent).toContain('This time overlaps another of your appointments. Book it anyway?');
    Array.from(document.querySelectorAll<HTMLButtonElement>('mat-dialog-container button')).find((b) => b.textContent?.trim() === 'Book it anyway')!.click();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = backend.expectOne({ method: 'POST', url: '/api/booking/requests/r1/approve' });
    expect(second.request.body).toEqual({ confirmOverlap: true, confirmSafety: false });
    second.flush({ ...request, status: 'booked' });
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
    TestBed.tick();
    expect(element.querySelector('.requests [role="status"]')!.textContent).toMatch(/Approved: Kim & Lee, Thu,? 3 Dec 2026, 09:00/);
    backend.expectOne((r) => r.url === '/api/booking/requests');
    backend.expectOne('/api/appointments');
    TestBed.inject(MatDialog).closeAll();
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

  describe('moving an appointment', () => {
    afterEach(() => TestBed.inject(MatDialog).closeAll());

    const pause = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
    const dialogText = () => document.querySelector('mat-dialog-container')?.textContent ?? '';
    async function answerDialog(choice: RegExp): Promise<void> {
      await pause(250);
      Array.from(document.querySelectorAll<HTMLButtonElement>('mat-dialog-container button')).find((b) => choice.test(b.textContent?.trim() ?? ''))!.click();
      await pause(250);
    }

    /** Opens the busy Tuesday 17:00 cell, presses Move, then chooses the free Friday 11:00 cell with the keyboard. */
    async function startMove() {
      const opened = await open();
      const { fixture, element } = opened;
      const busy = element.querySelector<HTMLButtonElement>('button[data-row="9"][data-col="1"]')!;
      expect(busy.getAttribute('aria-label')).toContain('17:00 Alex & Sam (booked). Show.');
      busy.click();
      fixture.detectChanges();
      await fixture.whenStable();
      Array.from(element.querySelectorAll<HTMLButtonElement>('section button')).find((b) => b.textContent?.trim() === 'Move')!.click();
      fixture.detectChanges();
      await fixture.whenStable();
      expect(element.querySelector('#move-heading')!.textContent).toMatch(/Move Alex & Sam from Tue,? 1 Dec 2026, 17:00/);
      const target = element.querySelector<HTMLButtonElement>('button[data-row="3"][data-col="4"]')!;
      expect(target.getAttribute('aria-label')).toContain('free. Move Alex & Sam here.');
      target.click();
      fixture.detectChanges();
      await fixture.whenStable();
      const date = element.querySelector<HTMLInputElement>('app-appointment-move input[type="date"]')!;
      const time = element.querySelector<HTMLInputElement>('app-appointment-move input[type="time"]')!;
      expect([date.value, time.value]).toEqual(['2026-12-04', '11:00']);
      const submit = () => {
        element.querySelector<HTMLFormElement>('form.move')!.dispatchEvent(new Event('submit'));
        fixture.detectChanges();
      };
      return { ...opened, submit };
    }

    it('sends the new time with the version read, asks before an overlap, and says it moved', async () => {
      const { fixture, element, backend, submit } = await startMove();
      submit();
      const first = backend.expectOne({ method: 'PATCH', url: '/api/appointments/2026-12-01T170000' });
      expect(first.request.body).toEqual({ version: 7, startsAt: '2026-12-04T11:00', durationMinutes: 50, confirmOverlap: false, confirmSafety: false });
      first.flush(
        { status: 409, detail: 'This time overlaps another of your appointments. Confirm to book it anyway.', requiresOverlapConfirmation: true },
        { status: 409, statusText: 'Conflict' },
      );
      await pause(50);
      expect(dialogText()).toContain('This time overlaps another of your appointments. Move it anyway?');
      await answerDialog(/^Move to Fri,? 4 Dec 2026, 11:00 anyway$/);
      const second = backend.expectOne({ method: 'PATCH', url: '/api/appointments/2026-12-01T170000' });
      expect(second.request.body).toMatchObject({ confirmOverlap: true, confirmSafety: false });
      second.flush({ ...appointment('2026-12-04T11:00:00'), id: '2026-12-01T170000', version: 8 });
      await pause();
      fixture.detectChanges();
      TestBed.tick();
      backend.expectOne('/api/appointments').flush({ from: '2026-11-30', to: '2026-12-14', timeZone: 'Europe/London', items: [] });
      await fixture.whenStable();
      fixture.detectChanges();
      expect(element.querySelector('[role="status"]')!.textContent).toMatch(/Moved Alex & Sam to Fri,? 4 Dec 2026, 11:00/);
      expect(element.querySelector('#move-heading')).toBeNull();
    });

    it('asks the recorded safety confirmation for a joint session, and moves nothing when the therapist declines', async () => {
      const { fixture, element, backend, submit } = await startMove();
      submit();
      backend.expectOne({ method: 'PATCH', url: '/api/appointments/2026-12-01T170000' }).flush(
        { status: 409, detail: 'A safety concern is open for this couple.', requiresSafetyConfirmation: true },
        { status: 409, statusText: 'Conflict' },
      );
      await pause(50);
      expect(dialogText()).toContain('A safety concern is open or joint sessions are paused. Move it anyway?');
      expect(dialogText()).toContain('Going ahead records that you confirmed a joint session is appropriate.');
      await answerDialog(/^Do not move$/);
      fixture.detectChanges();
      backend.expectNone({ method: 'PATCH' });
      expect(element.querySelector('app-form-messages')!.textContent).toContain('Not moved: the joint session was not confirmed.');
    });

    it('says a stale version and a refused time in words', async () => {
      const { fixture, element, backend, submit } = await startMove();
      submit();
      backend.expectOne({ method: 'PATCH' }).flush(
        { status: 409, detail: 'The appointment was changed by someone else.' },
        { status: 409, statusText: 'Conflict' },
      );
      await pause();
      fixture.detectChanges();
      expect(element.querySelector('app-form-messages')!.textContent).toContain('The appointment was changed by someone else. Reload to see the latest version.');

      submit();
      backend.expectOne({ method: 'PATCH' }).flush(
        { status: 400, errors: { startsAt: ['2027-03-28 01:30 does not exist in Europe/London: the clocks go forward then. Choose another time.'] } },
        { status: 400, statusText: 'Bad Request' },
      );
      await pause();
      fixture.detectChanges();
      expect(element.querySelector('app-appointment-move mat-error')!.textContent).toContain('the clocks go forward then');
    });
  });
});
