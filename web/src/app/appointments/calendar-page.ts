import { httpResource } from '@angular/common/http';
import { afterNextRender, ChangeDetectionStrategy, Component, computed, ElementRef, inject, Injector, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { CoupleSummary, Paged, Schemas } from '../core/api/api-types';
import { APPOINTMENT_STATUS_LABELS, Appointment, AppointmentCalendar, appointmentWhen } from '../core/api/appointments-api';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { AppointmentForm } from './appointment-form';
import { AppointmentMove } from './appointment-move';
import { BookingRequest, BookingRequests } from './booking-requests';
import { formatWhen, WhenPipe } from '../shared/ui/when';
import { addDays, practiceToday } from '../shared/ui/dates';

export const FIRST_HOUR = 8;
export const LAST_HOUR = 19;

export interface CalendarCell {
  date: string;
  hour: number;
  slot: string;
  appointments: Appointment[];
}

/**
 * The week's grid: one cell per day and hour, each with the appointments starting in it. The rows run from
 * FIRST_HOUR to LAST_HOUR, widened to take in any appointment of the week outside them (a client booked at 07:00
 * from the therapist's hours) — an appointment is never left out of its week — and any hour the therapist works
 * (<code>workedHours</code>), so hours clients may book are on the grid too.
 */
export function weekCells(monday: string, appointments: Appointment[], workedHours: number[] = []): CalendarCell[][] {
  const sunday = addDays(monday, 6);
  const startHours = appointments
    .filter((a) => a.startsAt.slice(0, 10) >= monday && a.startsAt.slice(0, 10) <= sunday)
    .map((a) => Number(a.startsAt.slice(11, 13)))
    .concat(workedHours);
  const first = Math.min(FIRST_HOUR, ...startHours);
  const last = Math.max(LAST_HOUR, ...startHours);
  const hours = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  return hours.map((hour) =>
    Array.from({ length: 7 }, (_, day) => {
      const date = addDays(monday, day);
      const prefix = `${date}T${String(hour).padStart(2, '0')}`;
      return { date, hour, slot: `${prefix}:00`, appointments: appointments.filter((a) => a.startsAt.startsWith(prefix)) };
    }),
  );
}

type WorkingTime = Pick<Schemas['AvailabilityDto'], 'weekly' | 'exceptions' | 'timeOff'>;
const WEEKDAYS: readonly Schemas['DayOfWeek'][] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const hhmm = (time: string) => time.slice(0, 5);

/** The therapist's hours on one practice date: none on time off, a dated exception's own, otherwise the weekday's. */
export function workingRanges(hours: WorkingTime, date: string): { start: string; end: string }[] {
  if (hours.timeOff.some((t) => t.from <= date && date <= t.to)) return [];
  const exception = hours.exceptions.find((e) => e.date === date);
  if (exception) return exception.hours;
  const weekday = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];
  return hours.weekly.filter((w) => w.day === weekday);
}

/** Whether any of the day's working hours falls within the hour starting at <code>hour</code>. */
export function workingDuring(ranges: { start: string; end: string }[], hour: number): boolean {
  const from = `${String(hour).padStart(2, '0')}:00`;
  const to = `${String(hour + 1).padStart(2, '0')}:00`;
  return ranges.some((r) => hhmm(r.start) < to && hhmm(r.end) > from);
}

/** The hours of the day (0–23) that some working range of the week's days touches: 09:00–12:30 touches 9, 10, 11 and 12. */
export function hoursWorked(hours: WorkingTime, monday: string): number[] {
  const touched = new Set<number>();
  for (let day = 0; day < 7; day++) {
    const ranges = workingRanges(hours, addDays(monday, day));
    for (let hour = 0; hour < 24; hour++) if (workingDuring(ranges, hour)) touched.add(hour);
  }
  return [...touched];
}

function dayLabel(isoDate: string): string {
  return formatWhen(isoDate, 'weekdayShort');
}

/** The new start when an appointment is moved to a cell: the cell's day and hour, the appointment's own minutes. */
export function moveTarget(cell: CalendarCell, appointment: Appointment): string {
  return `${cell.slot.slice(0, 14)}${appointment.startsAt.slice(14, 16)}`;
}

/**
 * The therapist's week: this week's grid with today marked, next week as a list, book by choosing a
 * free slot. Every cell is a button; the arrow keys move between cells (one tab stop for the grid).
 * Choosing a busy cell shows its appointments, each with Move: the new time is typed, or chosen as a free
 * cell of the grid (keyboard), or the appointment is dragged onto a cell (mouse) — the move is sent only
 * when the therapist presses Move appointment, and the API's overlap and safety questions are asked then.
 */
@Component({
  selector: 'app-calendar-page',
  imports: [DescribeErrorPipe, MatButtonModule, RouterLink, AppointmentForm, AppointmentMove, BookingRequests, WhenPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Calendar</h1>
    <div class="toolbar">
      <button mat-stroked-button type="button" (click)="move(-7)">Previous week</button>
      <button mat-stroked-button type="button" (click)="from.set(null)">This week</button>
      <button mat-stroked-button type="button" (click)="move(7)">Next week</button>
      <span>Times are {{ zone() }} time.</span>
    </div>
    @if (hoursSet()) {
      <p class="legend"><span class="swatch off" aria-hidden="true"></span> Hatched hours are outside your <a routerLink="/account">working hours</a>.</p>
    } @else if (availability.hasValue()) {
      <p class="legend">Set your <a routerLink="/account">working hours</a> so clients can choose times from them.</p>
    }
    @if (calendar.error(); as error) {
      <p role="alert">Could not load the calendar: {{ error | describeError }}</p>
    }
    <p role="status">{{ message() }}</p>
    @if (slot(); as chosen) {
      <section aria-labelledby="book-heading" class="book">
        <h2 id="book-heading">Book {{ when(chosen) }}</h2>
        <app-appointment-form [slot]="chosen" [couples]="couples()" (booked)="onBooked($event)" (cancelled)="closeForm()" />
      </section>
    }
    @if (moving(); as a) {
      <section aria-labelledby="move-heading" class="book">
        <h2 id="move-heading" tabindex="-1" #panelHeading>Move {{ a.coupleDisplayName }} from {{ when(a.startsAt) }}</h2>
        <app-appointment-move [appointment]="a" [slot]="moveSlot()" (moved)="onMoved($event)" (cancelled)="closeForm()" />
      </section>
    } @else if (opened().length) {
      <section aria-labelledby="opened-heading" class="book">
        <h2 id="opened-heading" tabindex="-1" #panelHeading>{{ when(opened()[0].startsAt) }}</h2>
        <ul class="opened">
          @for (a of opened(); track a.id) {
            <li>
              {{ a.startsAt | when: 'time' }}–{{ a.endsAt | when: 'time' }} · {{ a.coupleDisplayName }} · {{ statuses[a.status] }}
              <span class="actions">
                <a mat-button [routerLink]="['/couples', a.coupleId]">Open {{ a.coupleDisplayName }}</a>
                @if (a.status === 'booked') {
                  <button mat-stroked-button type="button" (click)="startMove(a)" [attr.aria-label]="'Move ' + a.coupleDisplayName + ' from ' + when(a.startsAt)">Move</button>
                }
              </span>
            </li>
          }
        </ul>
        <button mat-button type="button" (click)="closeForm()">Close</button>
      </section>
    }
    <app-booking-requests (changed)="calendar.reload()" />
    <table class="week" role="grid" aria-labelledby="week-caption" (keydown)="onKey($event)" #grid>
      <caption id="week-caption">Week of {{ label(monday()) }}</caption>
      <thead>
        <tr>
          <th scope="col"><span class="visually-hidden">Time</span></th>
          @for (day of days(); track day) {
            <th scope="col" [class.today]="day === today()" [attr.aria-current]="day === today() ? 'date' : null">{{ label(day) }}</th>
          }
        </tr>
      </thead>
      <tbody>
        @for (row of cells(); track row[0].hour; let r = $index) {
          <tr>
            <th scope="row">{{ row[0].slot | when: 'time' }}</th>
            @for (cell of row; track cell.slot; let c = $index) {
              <td [class.today]="cell.date === today()" [class.off]="offHours().has(cell.slot)" (dragover)="onDragOver($event)" (drop)="onDrop($event, cell)">
                <button type="button" class="cell" [class.busy]="cell.appointments.length"
                  [attr.data-row]="r" [attr.data-col]="c" [tabindex]="r === focus()[0] && c === focus()[1] ? 0 : -1"
                  (focus)="focus.set([r, c])" (click)="choose(cell)" [attr.aria-label]="cellLabel(cell)">
                  @for (a of cell.appointments; track a.id) {
                    <span class="appointment" [class.cancelled]="a.status !== 'booked' && a.status !== 'held'"
                      [attr.draggable]="a.status === 'booked' ? 'true' : null" (dragstart)="onDragStart($event, a)" (dragend)="dragged.set(null)">
                      {{ a.startsAt | when: 'time' }} {{ a.coupleDisplayName }}
                    </span>
                  }
                  @for (r of requestsIn(cell); track r.id) {
                    <span class="request">{{ r.startsAt | when: 'time' }} {{ r.coupleDisplayName }}: request</span>
                  }
                </button>
              </td>
            }
          </tr>
        }
      </tbody>
    </table>
    <section aria-labelledby="next-week-heading">
      <h2 id="next-week-heading">Next week at a glance</h2>
      <ul>
        @for (a of nextWeek(); track a.id) {
          <li>{{ when(a.startsAt) }} · {{ a.coupleDisplayName }} · {{ a.durationMinutes }} min{{ a.status === 'booked' ? '' : ' · ' + a.status }}</li>
        } @empty {
          <li>Nothing booked next week yet.</li>
        }
      </ul>
    </section>
  `,
  styles: `
    .toolbar { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; margin-bottom: 1rem; }
    table.week { border-collapse: collapse; width: 100%; table-layout: fixed; }
    .week th, .week td { border: 1px solid var(--mat-sys-outline-variant); padding: 0; vertical-align: top; }
    .week th[scope='row'] { width: 4rem; padding: 0.25rem; font-weight: normal; }
    .today { background: var(--mat-sys-secondary-container); }
    .cell { width: 100%; min-height: 2.5rem; border: 0; background: transparent; text-align: left; cursor: pointer; padding: 0.2rem; font: inherit; }
    .cell:focus-visible { outline: 3px solid var(--mat-sys-primary); outline-offset: -3px; }
    .cell.busy { background: var(--mat-sys-primary-container); }
    .appointment { display: block; font-size: 0.85rem; }
    .appointment.cancelled { text-decoration: line-through; }
    td.off, .swatch.off {
      background: repeating-linear-gradient(135deg, transparent 0 6px, var(--mat-sys-outline-variant) 6px 7px);
    }
    .swatch { display: inline-block; width: 1.5rem; height: 1rem; vertical-align: middle; border: 1px solid var(--mat-sys-outline); }
    .legend { margin: 0 0 0.5rem; }
    .request { display: block; font-size: 0.85rem; border: 1px dashed var(--mat-sys-primary); padding: 0 0.2rem; }
    .appointment[draggable='true'] { cursor: grab; }
    .opened { list-style: none; padding: 0; margin: 0; }
    .opened li { padding: 0.25rem 0; }
    .opened .actions { display: inline-flex; flex-wrap: wrap; gap: 0.25rem; }
    .book { border: 1px solid var(--mat-sys-outline-variant); padding: 0.5rem 1rem; margin-bottom: 1rem; }
  `,
})
export class CalendarPage {
  private readonly injector = inject(Injector);
  private readonly requestList = viewChild(BookingRequests);
  private readonly panelHeading = viewChild<ElementRef<HTMLElement>>('panelHeading');
  private readonly grid = viewChild<ElementRef<HTMLTableElement>>('grid');

  /** Monday of the week shown; null for this week (the API knows the practice's today). */
  protected readonly from = signal<string | null>(null);
  protected readonly calendar = httpResource<AppointmentCalendar>(() => {
    const from = this.from();
    return from ? { url: '/api/appointments', params: { from, to: addDays(from, 14) } } : { url: '/api/appointments' };
  });
  protected readonly couplesPage = httpResource<Paged<CoupleSummary>>(() => ({
    url: '/api/couples',
    params: { page: 1, pageSize: 100 },
  }));
  protected readonly couples = computed(() =>
    this.couplesPage.hasValue() ? this.couplesPage.value().items.filter((c) => c.status !== 'closed') : [],
  );
  protected readonly availability = httpResource<Schemas['AvailabilityDto']>(() => '/api/me/availability');
  /** Hours are shaded only once the therapist has saved some: before that, nothing is "outside" them. */
  protected readonly hoursSet = computed(() => this.availability.hasValue() && this.availability.value().version != null);
  /** The slots ("2026-12-01T07:00") of this week's grid outside the therapist's working hours. */
  protected readonly offHours = computed(() => {
    const off = new Set<string>();
    if (!this.hoursSet()) return off;
    const hours = this.availability.value()!;
    for (const cell of this.cells().flat()) if (!workingDuring(workingRanges(hours, cell.date), cell.hour)) off.add(cell.slot);
    return off;
  });
  protected readonly pendingRequests = computed(() => this.requestList()?.items() ?? []);
  protected readonly monday = computed(() => (this.calendar.hasValue() ? this.calendar.value().from : (this.from() ?? '')));
  protected readonly zone = computed(() => (this.calendar.hasValue() ? this.calendar.value().timeZone : 'the practice'));
  // The practice's today (not UTC's, which is yesterday or tomorrow for part of the day).
  protected readonly today = signal(practiceToday());
  protected readonly days = computed(() => (this.monday() ? Array.from({ length: 7 }, (_, i) => addDays(this.monday(), i)) : []));
  protected readonly items = computed(() => (this.calendar.hasValue() ? this.calendar.value().items : []));
  protected readonly cells = computed(() =>
    this.monday()
      ? weekCells(this.monday(), this.items(), this.hoursSet() ? hoursWorked(this.availability.value()!, this.monday()) : [])
      : [],
  );
  protected readonly nextWeek = computed(() => {
    if (!this.monday()) return [];
    const start = addDays(this.monday(), 7);
    const end = addDays(this.monday(), 14);
    return this.items().filter((a) => a.startsAt >= start && a.startsAt < end);
  });
  protected readonly focus = signal<[number, number]>([9, 0]);
  protected readonly slot = signal('');
  protected readonly message = signal('');
  /** The appointments of the busy cell chosen. */
  protected readonly opened = signal<Appointment[]>([]);
  /** The appointment being moved, and the new time chosen for it in the grid. */
  protected readonly moving = signal<Appointment | null>(null);
  protected readonly moveSlot = signal('');
  protected readonly dragged = signal<Appointment | null>(null);
  protected readonly statuses = APPOINTMENT_STATUS_LABELS;
  protected readonly when = appointmentWhen;
  protected readonly label = dayLabel;

  protected move(days: number): void {
    if (this.monday()) this.from.set(addDays(this.monday(), days));
  }

  protected cellLabel(cell: CalendarCell): string {
    const at = `${dayLabel(cell.date)}, ${String(cell.hour).padStart(2, '0')}:00`;
    const moving = this.moving();
    const requests = this.requestsIn(cell);
    const off = this.offHours().has(cell.slot) ? ' Outside your working hours.' : '';
    const waiting = requests.length
      ? ` Waiting for your approval: ${requests.map((r) => `${formatWhen(r.startsAt, 'time')} ${r.coupleDisplayName}`).join('; ')}.`
      : '';
    return this.cellText(cell, at, moving) + off + waiting;
  }

  protected requestsIn(cell: CalendarCell): BookingRequest[] {
    return this.pendingRequests().filter((r) => r.startsAt.startsWith(cell.slot.slice(0, 13)));
  }

  private cellText(cell: CalendarCell, at: string, moving: Appointment | null): string {
    if (!cell.appointments.length) return moving ? `${at}: free. Move ${moving.coupleDisplayName} here.` : `${at}: free. Book this slot.`;
    return `${at}: ${cell.appointments.map((a) => `${formatWhen(a.startsAt, 'time')} ${a.coupleDisplayName} (${a.status})`).join('; ')}. Show.`;
  }

  protected choose(cell: CalendarCell): void {
    const moving = this.moving();
    if (moving && !cell.appointments.length) {
      this.moveSlot.set(moveTarget(cell, moving));
      this.message.set(`New time chosen: ${appointmentWhen(moveTarget(cell, moving))}. Press Move appointment to move it.`);
      return;
    }
    this.closeForm();
    if (cell.appointments.length) {
      this.opened.set(cell.appointments);
      this.focusPanel();
      return;
    }
    this.slot.set(cell.slot);
  }

  protected startMove(appointment: Appointment): void {
    this.moving.set(appointment);
    this.moveSlot.set('');
    this.message.set('');
    this.focusPanel();
  }

  protected onDragStart(event: DragEvent, appointment: Appointment): void {
    if (appointment.status !== 'booked') return;
    this.dragged.set(appointment);
    event.dataTransfer?.setData('text/plain', appointment.id);
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
  }

  protected onDragOver(event: DragEvent): void {
    if (this.dragged()) event.preventDefault();
  }

  /** Dropping opens the move with the cell's time filled in; nothing is sent until Move appointment. */
  protected onDrop(event: DragEvent, cell: CalendarCell): void {
    const appointment = this.dragged();
    if (!appointment) return;
    event.preventDefault();
    this.dragged.set(null);
    this.closeForm();
    this.moving.set(appointment);
    this.moveSlot.set(moveTarget(cell, appointment));
    this.focusPanel();
  }

  protected onMoved(appointment: Appointment): void {
    this.message.set(`Moved ${appointment.coupleDisplayName} to ${appointmentWhen(appointment.startsAt)}. The partners who attend get an email.`);
    this.closeForm();
    this.calendar.reload();
  }

  protected onBooked(appointment: Appointment): void {
    this.message.set(`Booked ${appointmentWhen(appointment.startsAt)} for ${appointment.coupleDisplayName}.`);
    this.closeForm();
    this.calendar.reload();
  }

  protected closeForm(): void {
    this.slot.set('');
    this.opened.set([]);
    this.moving.set(null);
    this.moveSlot.set('');
  }

  /** Focus goes to the panel that just opened, so a keyboard or screen-reader user lands on it. */
  private focusPanel(): void {
    afterNextRender(() => this.panelHeading()?.nativeElement.focus(), { injector: this.injector });
  }

  /** Arrow keys, Home and End move between the grid's cells. */
  protected onKey(event: KeyboardEvent): void {
    const [r, c] = this.focus();
    const rows = this.cells().length;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [Math.max(0, r - 1), c],
      ArrowDown: [Math.min(rows - 1, r + 1), c],
      ArrowLeft: [r, Math.max(0, c - 1)],
      ArrowRight: [r, Math.min(6, c + 1)],
      Home: [r, 0],
      End: [r, 6],
    };
    const next = moves[event.key];
    if (!next) return;
    event.preventDefault();
    this.focus.set(next);
    this.grid()?.nativeElement.querySelector<HTMLButtonElement>(`button[data-row="${next[0]}"][data-col="${next[1]}"]`)?.focus();
  }
}
