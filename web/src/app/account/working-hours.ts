import { httpResource, HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { FormBuilder, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { firstValueFrom } from 'rxjs';
import { Schemas } from '../core/api/api-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { FieldError } from '../shared/ui/field-error';
import { FormMessages } from '../shared/ui/form-messages';
import { FormSubmission } from '../shared/form-submission';

export type Availability = Schemas['AvailabilityDto'];
type Day = Schemas['DayOfWeek'];

export const DAYS: readonly { value: Day; label: string }[] = [
  { value: 'monday', label: 'Monday' },
  { value: 'tuesday', label: 'Tuesday' },
  { value: 'wednesday', label: 'Wednesday' },
  { value: 'thursday', label: 'Thursday' },
  { value: 'friday', label: 'Friday' },
  { value: 'saturday', label: 'Saturday' },
  { value: 'sunday', label: 'Sunday' },
];

/** "09:00:00" (the API's time of day) → "09:00" (an <input type="time">). */
export function hhmm(time: string): string {
  return time.slice(0, 5);
}

function rangeGroup(fb: NonNullableFormBuilder, start = '09:00', end = '17:00') {
  return fb.group({ start: [start, Validators.required], end: [end, Validators.required] });
}

function weeklyGroup(fb: NonNullableFormBuilder, day: Day, start: string, end: string) {
  return fb.group({ day: fb.control<Day>(day), start: [start, Validators.required], end: [end, Validators.required] });
}

function dateGroup(fb: NonNullableFormBuilder, date: string, hours: { start: string; end: string }[]) {
  return fb.group({ date: [date, Validators.required], hours: fb.array(hours.map((h) => rangeGroup(fb, hhmm(h.start), hhmm(h.end)))) });
}

function timeOffGroup(fb: NonNullableFormBuilder, from: string, to: string, note: string) {
  return fb.group({ from: [from, Validators.required], to: [to, Validators.required], note: [note, Validators.maxLength(100)] });
}

/** A row's or a date's own refusal from the API (overlapping hours, too many ranges), which no single field shows. */
function ownServerError(control: { errors: Record<string, unknown> | null }): string {
  return control.errors?.['server'] ? String(control.errors['server']) : '';
}

/**
 * The therapist's working hours and booking rules (`GET/PUT /api/me/availability`), in the practice's zone:
 * weekly hours (a day may have several ranges), dates with other hours, time off, and the rules clients book
 * by. The API's refusals land on the field they name (`weekly[2].end`), a day's own on its row.
 */
@Component({
  selector: 'app-working-hours',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatCheckboxModule, MatButtonModule, FieldError,
    FormMessages, DescribeErrorPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="hours-heading">
      <h2 id="hours-heading">Working hours</h2>
      @if (availability.error(); as error) {
        <p role="alert">Could not load your working hours: {{ error | describeError }}</p>
      }
      <p id="hours-help">
        Clients choose their own times from these hours. Times are {{ zone() }} time, the practice's zone.
      </p>
      <app-form-messages [messages]="submission.errors()" heading="Your working hours were not saved" />
      <p role="status">{{ saved() }}</p>
      <form [formGroup]="form" (ngSubmit)="save()" novalidate aria-describedby="hours-help">
        <fieldset>
          <legend>Every week</legend>
          @for (row of form.controls.weekly.controls; track row; let i = $index) {
            <div class="row" [formGroup]="row">
              <mat-form-field appearance="outline">
                <mat-label>Day</mat-label>
                <mat-select formControlName="day">
                  @for (d of days; track d.value) { <mat-option [value]="d.value">{{ d.label }}</mat-option> }
                </mat-select>
              </mat-form-field>
              <mat-form-field appearance="outline" class="time">
                <mat-label>{{ dayLabel(row.controls.day.value) }} from</mat-label>
                <input matInput type="time" formControlName="start" required />
                <mat-error><app-field-error [control]="row.controls.start" [label]="dayLabel(row.controls.day.value) + ' from'" /></mat-error>
              </mat-form-field>
              <mat-form-field appearance="outline" class="time">
                <mat-label>{{ dayLabel(row.controls.day.value) }} until</mat-label>
                <input matInput type="time" formControlName="end" required />
                <mat-error><app-field-error [control]="row.controls.end" [label]="dayLabel(row.controls.day.value) + ' until'" /></mat-error>
              </mat-form-field>
              <button mat-button type="button" (click)="form.controls.weekly.removeAt(i)"
                [attr.aria-label]="'Remove ' + dayLabel(row.controls.day.value) + ' hours ' + (i + 1)">Remove</button>
              @if (rowError(row); as message) { <p class="row-error" role="alert">{{ dayLabel(row.controls.day.value) }}: {{ message }}</p> }
            </div>
          } @empty {
            <p>No weekly hours: clients cannot book yet.</p>
          }
          <button mat-stroked-button type="button" (click)="addWeekly()">Add hours</button>
        </fieldset>

        <fieldset>
          <legend>Dates with other hours</legend>
          <p class="help">A date with no hours is a day you are not working.</p>
          @for (date of form.controls.exceptions.controls; track date; let i = $index) {
            <div class="date" [formGroup]="date">
              <mat-form-field appearance="outline">
                <mat-label>Date</mat-label>
                <input matInput type="date" formControlName="date" required />
                <mat-error><app-field-error [control]="date.controls.date" label="The date" /></mat-error>
              </mat-form-field>
              @for (range of date.controls.hours.controls; track range; let j = $index) {
                <div class="row" [formGroup]="range">
                  <mat-form-field appearance="outline" class="time">
                    <mat-label>From</mat-label>
                    <input matInput type="time" formControlName="start" required />
                    <mat-error><app-field-error [control]="range.controls.start" label="From" /></mat-error>
                  </mat-form-field>
                  <mat-form-field appearance="outline" class="time">
                    <mat-label>Until</mat-label>
                    <input matInput type="time" formControlName="end" required />
                    <mat-error><app-field-error [control]="range.controls.end" label="Until" /></mat-error>
                  </mat-form-field>
                  <button mat-button type="button" (click)="date.controls.hours.removeAt(j)">Remove these hours</button>
                </div>
              } @empty {
                <p>Not working that day.</p>
              }
              @if (rowError(date.controls.hours); as message) { <p class="row-error" role="alert">{{ message }}</p> }
              <div class="actions">
                <button mat-button type="button" (click)="date.controls.hours.push(range())">Add hours on this date</button>
                <button mat-button type="button" (click)="form.controls.exceptions.removeAt(i)">Remove this date</button>
              </div>
            </div>
          }
          <button mat-stroked-button type="button" (click)="addException()">Add a date</button>
        </fieldset>

        <fieldset>
          <legend>Time off</legend>
          @for (away of form.controls.timeOff.controls; track away; let i = $index) {
            <div class="row" [formGroup]="away">
              <mat-form-field appearance="outline">
                <mat-label>Away from</mat-label>
                <input matInput type="date" formControlName="from" required />
                <mat-error><app-field-error [control]="away.controls.from" label="Away from" /></mat-error>
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>Back after</mat-label>
                <input matInput type="date" formControlName="to" required />
                <mat-error><app-field-error [control]="away.controls.to" label="Back after" /></mat-error>
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>Note (for you; no client detail)</mat-label>
                <input matInput formControlName="note" maxlength="100" />
                <mat-error><app-field-error [control]="away.controls.note" label="The note" /></mat-error>
              </mat-form-field>
              <button mat-button type="button" (click)="form.controls.timeOff.removeAt(i)">Remove</button>
            </div>
          }
          <button mat-stroked-button type="button" (click)="addTimeOff()">Add time off</button>
        </fieldset>

        <fieldset>
          <legend>How clients book</legend>
          <div class="rules">
            <mat-form-field appearance="outline">
              <mat-label>Buffer between appointments (minutes)</mat-label>
              <input matInput type="number" min="0" max="60" formControlName="bufferMinutes" required />
              <mat-error><app-field-error [control]="form.controls.bufferMinutes" label="The buffer" /></mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Clients book up to (days ahead)</mat-label>
              <input matInput type="number" min="1" max="90" formControlName="horizonDays" required />
              <mat-error><app-field-error [control]="form.controls.horizonDays" label="Days ahead" /></mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Minimum notice (hours)</mat-label>
              <input matInput type="number" min="2" max="168" formControlName="minNoticeHours" required />
              <mat-error><app-field-error [control]="form.controls.minNoticeHours" label="The minimum notice" /></mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Joint session (minutes)</mat-label>
              <input matInput type="number" min="15" max="240" formControlName="jointMinutes" required />
              <mat-error><app-field-error [control]="form.controls.jointMinutes" label="A joint session" /></mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Individual session (minutes)</mat-label>
              <input matInput type="number" min="15" max="240" formControlName="individualMinutes" required />
              <mat-error><app-field-error [control]="form.controls.individualMinutes" label="An individual session" /></mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Late cancellation within (hours)</mat-label>
              <input matInput type="number" min="0" max="168" formControlName="cancellationWindowHours" required />
              <mat-error><app-field-error [control]="form.controls.cancellationWindowHours" label="The cancellation window" /></mat-error>
            </mat-form-field>
          </div>
          <mat-checkbox formControlName="autoApprove">Book a time the partners agreed at once, without my approval</mat-checkbox>
        </fieldset>
        <button mat-flat-button type="submit" [disabled]="submission.submitting() || !availability.hasValue()">Save working hours</button>
      </form>
    </section>
  `,
  styles: `
    fieldset { border: 1px solid var(--mat-sys-outline-variant); margin: 0 0 1rem; padding: 0.5rem 0.75rem; min-width: 0; }
    legend { font-weight: 500; padding: 0 0.25rem; }
    .row, .rules, .actions { display: flex; flex-wrap: wrap; gap: 0 0.75rem; align-items: baseline; }
    .row mat-form-field, .rules mat-form-field { flex: 1 1 10rem; min-width: 0; max-width: 100%; }
    /* The booking rules' labels are long ("Buffer between appointments (minutes)"): one per line on a phone, not cut. */
    .rules mat-form-field { flex-basis: 17rem; }
    .row mat-form-field.time { flex-basis: 7rem; }
    .date { border-top: 1px solid var(--mat-sys-outline-variant); padding-top: 0.5rem; }
    .row-error { flex-basis: 100%; color: var(--mat-sys-error); margin: 0 0 0.5rem; }
    .help { margin-top: 0; }
  `,
})
export class WorkingHours {
  private readonly http = inject(HttpClient);
  private readonly fb = inject(FormBuilder).nonNullable;

  protected readonly availability = httpResource<Availability>(() => '/api/me/availability');
  protected readonly days = DAYS;
  protected readonly zone = signal('the practice');
  protected readonly saved = signal('');
  protected readonly submission = new FormSubmission();
  private version: number | null = null;

  protected readonly form = this.fb.group({
    weekly: this.fb.array<ReturnType<typeof weeklyGroup>>([]),
    exceptions: this.fb.array<ReturnType<typeof dateGroup>>([]),
    timeOff: this.fb.array<ReturnType<typeof timeOffGroup>>([]),
    bufferMinutes: [10, [Validators.required, Validators.min(0), Validators.max(60)]],
    horizonDays: [28, [Validators.required, Validators.min(1), Validators.max(90)]],
    minNoticeHours: [24, [Validators.required, Validators.min(2), Validators.max(168)]],
    jointMinutes: [50, [Validators.required, Validators.min(15), Validators.max(240)]],
    individualMinutes: [50, [Validators.required, Validators.min(15), Validators.max(240)]],
    cancellationWindowHours: [24, [Validators.required, Validators.min(0), Validators.max(168)]],
    autoApprove: [false],
  });

  constructor() {
    effect(() => {
      if (this.availability.hasValue()) this.load(this.availability.value());
    });
  }

  protected dayLabel(day: Day): string {
    return DAYS.find((d) => d.value === day)?.label ?? 'Day';
  }

  protected rowError(control: { errors: Record<string, unknown> | null }): string {
    return ownServerError(control);
  }

  protected range() {
    return rangeGroup(this.fb);
  }

  protected addWeekly(): void {
    const last = this.form.controls.weekly.at(this.form.controls.weekly.length - 1)?.getRawValue();
    const next = last ? DAYS[(DAYS.findIndex((d) => d.value === last.day) + 1) % 7].value : 'monday';
    this.form.controls.weekly.push(weeklyGroup(this.fb, next, last?.start ?? '09:00', last?.end ?? '17:00'));
  }

  protected addException(): void {
    this.form.controls.exceptions.push(dateGroup(this.fb, '', []));
  }

  protected addTimeOff(): void {
    this.form.controls.timeOff.push(timeOffGroup(this.fb, '', '', ''));
  }

  private load(a: Availability): void {
    this.zone.set(a.timeZone);
    this.version = a.version ?? null;
    const { weekly, exceptions, timeOff } = this.form.controls;
    weekly.clear();
    a.weekly.forEach((w) => weekly.push(weeklyGroup(this.fb, w.day, hhmm(w.start), hhmm(w.end))));
    exceptions.clear();
    a.exceptions.forEach((e) => exceptions.push(dateGroup(this.fb, e.date, e.hours)));
    timeOff.clear();
    a.timeOff.forEach((t) => timeOff.push(timeOffGroup(this.fb, t.from, t.to, t.note ?? '')));
    this.form.patchValue({
      bufferMinutes: a.bufferMinutes,
      horizonDays: a.horizonDays,
      minNoticeHours: a.minNoticeHours,
      jointMinutes: a.jointMinutes,
      individualMinutes: a.individualMinutes,
      cancellationWindowHours: a.cancellationWindowHours,
      autoApprove: a.autoApprove,
    });
  }

  protected async save(): Promise<void> {
    this.saved.set('');
    await this.submission.run(this.form, async () => {
      const v = this.form.getRawValue();
      const body: Schemas['UpdateMyAvailabilityCommand'] = {
        ...v,
        version: this.version,
        timeOff: v.timeOff.map((t) => ({ ...t, note: t.note.trim() || null })),
      };
      const saved = await firstValueFrom(this.http.put<Availability>('/api/me/availability', body));
      // The form already shows what was saved; only the version moves on (rebuilding the rows would lose focus).
      this.version = saved.version ?? null;
      this.saved.set('Working hours saved.');
    });
  }
}
