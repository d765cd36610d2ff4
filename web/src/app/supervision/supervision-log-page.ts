import { DecimalPipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { CoupleSummary, Paged, Schemas } from '../core/api/api-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { applyServerErrors, describeError } from '../core/api/problem-details';
import { SupervisedCouple, SupervisionApi, SupervisionLog } from '../core/api/supervision-api';
import { practiceFormat } from '../core/practice/practice-format';
import { FileDownload } from '../shared/ui/download';
import { FieldError } from '../shared/ui/field-error';
import { FormMessages } from '../shared/ui/form-messages';
import { WhenPipe } from '../shared/ui/when';
import { practiceToday } from '../shared/ui/dates';

type MeetingFormat = Schemas['SupervisionMeetingFormat'];

/** "2026-11" as the practice writes a month: "November 2026". */
export function monthLabel(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  return new Intl.DateTimeFormat(practiceFormat().locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(+m[1], +m[2] - 1, 1)),
  );
}


/**
 * `/supervision/log`: the therapist's own supervision log — log a meeting (day, minutes, individual or group, couples
 * discussed, notes), the totals by month and overall in hours (what a certification application asks for), and the CSV.
 */
@Component({
  selector: 'app-supervision-log-page',
  imports: [ReactiveFormsModule, RouterLink, DecimalPipe, DescribeErrorPipe, WhenPipe, MatButtonModule, MatCheckboxModule,
    MatFormFieldModule, MatInputModule, MatSelectModule, FieldError, FormMessages],
  template: `
    <h1>Supervision log</h1>
    <p><a routerLink="/supervision">Back to supervision</a></p>

    <section aria-labelledby="log-form-heading">
      <h2 id="log-form-heading">Log a meeting</h2>
      <app-form-messages [messages]="errors()" heading="The meeting was not logged" />
      <form [formGroup]="form" (ngSubmit)="logMeeting()" novalidate class="meeting-form">
        <mat-form-field>
          <mat-label>Day</mat-label>
          <input matInput type="date" formControlName="metOn" required />
          <mat-error><app-field-error [control]="form.controls.metOn" label="Day" /></mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Minutes</mat-label>
          <input matInput type="number" min="1" max="600" formControlName="durationMinutes" required />
          <mat-error><app-field-error [control]="form.controls.durationMinutes" label="Minutes" /></mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Format</mat-label>
          <mat-select formControlName="format">
            <mat-option value="individual">Individual</mat-option>
            <mat-option value="group">Group</mat-option>
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Couples discussed</mat-label>
          <mat-select formControlName="coupleIds" multiple>
            @for (c of couples(); track c.id) {
              <mat-option [value]="c.id">{{ c.name }}</mat-option>
            }
          </mat-select>
          <mat-error><app-field-error [control]="form.controls.coupleIds" label="Couples" /></mat-error>
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>Notes</mat-label>
          <textarea matInput formControlName="notes" rows="3"></textarea>
          <mat-error><app-field-error [control]="form.controls.notes" label="Notes" /></mat-error>
        </mat-form-field>
        <div class="page-actions wide">
          <button mat-flat-button type="submit" [disabled]="saving()">Log meeting</button>
        </div>
      </form>
      <p role="status">{{ status() }}</p>
    </section>

    @if (log.error(); as e) {
      <p role="alert">Could not load the log: {{ e | describeError }}</p>
    } @else if (log.hasValue()) {
      @let l = log.value();
      <section aria-labelledby="totals-heading">
        <h2 id="totals-heading">Totals</h2>
        <p class="total">
          {{ l.total.hours | number: '1.0-2' }} hours in {{ l.total.meetings }} meeting{{ l.total.meetings === 1 ? '' : 's' }}
          ({{ l.total.individualMinutes / 60 | number: '1.0-2' }} h individual, {{ l.total.groupMinutes / 60 | number: '1.0-2' }} h group)
        </p>
        @if (l.byMonth.length) {
          <div class="scroll">
            <table class="months">
              <caption>By month</caption>
              <thead>
                <tr><th scope="col">Month</th><th scope="col">Meetings</th><th scope="col">Hours</th><th scope="col">Individual</th><th scope="col">Group</th></tr>
              </thead>
              <tbody>
                @for (m of l.byMonth; track m.month) {
                  <tr>
                    <th scope="row">{{ month(m.month) }}</th>
                    <td>{{ m.meetings }}</td>
                    <td>{{ m.hours | number: '1.0-2' }}</td>
                    <td>{{ m.individualMinutes / 60 | number: '1.0-2' }} h</td>
                    <td>{{ m.groupMinutes / 60 | number: '1.0-2' }} h</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
        <div class="page-actions">
          <mat-checkbox [checked]="includeNotes()" (change)="includeNotes.set($event.checked)">Include notes in the CSV</mat-checkbox>
          <button mat-stroked-button type="button" (click)="downloadCsv()">Download CSV</button>
        </div>
        <p role="status">{{ downloadStatus() }}</p>
      </section>

      <section aria-labelledby="meetings-heading">
        <h2 id="meetings-heading">Meetings</h2>
        @if (l.meetings.length === 0) {
          <p class="empty">No meetings logged yet.</p>
        } @else {
          <ul class="meetings">
            @for (m of l.meetings; track m.id) {
              <li>
                <p class="meta">{{ m.metOn | when: 'weekday' }} · {{ m.durationMinutes }} min · {{ m.format === 'group' ? 'Group' : 'Individual' }}</p>
                @if (m.couples.length) {
                  <p>Couples: {{ coupleNames(m.couples) }}</p>
                }
                @if (m.notes) {
                  <p class="notes">{{ m.notes }}</p>
                }
              </li>
            }
          </ul>
        }
      </section>
    }
  `,
  styles: `
    .meeting-form { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr)); gap: 0 var(--space-4); }
    .meeting-form .wide { grid-column: 1 / -1; }
    .scroll { overflow-x: auto; }
    table.months { border-collapse: collapse; margin-bottom: var(--space-4); }
    table.months caption { text-align: left; font-weight: 500; }
    table.months th, table.months td { text-align: left; padding: var(--space-1) var(--space-3) var(--space-1) 0; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .page-actions { display: flex; flex-wrap: wrap; gap: var(--space-2) var(--space-4); align-items: center; }
    ul.meetings { list-style: none; padding: 0; }
    ul.meetings li { border-bottom: 1px solid var(--mat-sys-outline-variant); padding: var(--space-2) 0; }
    ul.meetings p { margin: 0; overflow-wrap: anywhere; }
    .meta { font-weight: 500; }
    .notes { white-space: pre-wrap; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SupervisionLogPage {
  private readonly api = inject(SupervisionApi);
  private readonly download = inject(FileDownload);

  protected readonly log = httpResource<SupervisionLog>(() => '/api/supervision/meetings');
  private readonly own = httpResource<Paged<CoupleSummary>>(() => ({ url: '/api/couples', params: { pageSize: 100 } }));
  private readonly supervised = httpResource<SupervisedCouple[]>(() => '/api/supervision/couples');
  /** The couples a meeting may name: the caller's own, and their supervisees' while a link is active. */
  protected readonly couples = computed(() => [
    ...(this.own.hasValue() ? this.own.value().items.map((c) => ({ id: c.id, name: c.displayName })) : []),
    ...(this.supervised.hasValue() ? this.supervised.value().map((c) => ({ id: c.coupleId, name: `${c.displayName} (${c.superviseeName})` })) : []),
  ]);

  protected readonly form = new FormGroup({
    metOn: new FormControl(practiceToday(), { nonNullable: true, validators: [Validators.required] }),
    durationMinutes: new FormControl(60, { nonNullable: true, validators: [Validators.required, Validators.min(1), Validators.max(600)] }),
    format: new FormControl<MeetingFormat>('individual', { nonNullable: true }),
    coupleIds: new FormControl<string[]>([], { nonNullable: true }),
    notes: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(4000)] }),
  });
  protected readonly saving = signal(false);
  protected readonly errors = signal<string[]>([]);
  protected readonly status = signal('');
  protected readonly includeNotes = signal(false);
  protected readonly downloadStatus = signal('');
  protected readonly month = monthLabel;
  private key = crypto.randomUUID();

  protected coupleNames(couples: Schemas['DiscussedCoupleDto'][]): string {
    return couples.map((c) => c.displayName ?? c.initials).join(', ');
  }

  protected async logMeeting(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.saving.set(true);
    this.errors.set([]);
    this.status.set('');
    try {
      await firstValueFrom(this.api.logMeeting(this.form.getRawValue(), this.key));
      this.key = crypto.randomUUID();
      this.form.reset({ metOn: practiceToday(), durationMinutes: 60, format: 'individual', coupleIds: [], notes: '' });
      this.status.set('Meeting logged.');
      this.log.reload();
    } catch (error) {
      this.errors.set(applyServerErrors(error, this.form).formMessages);
    } finally {
      this.saving.set(false);
    }
  }

  protected async downloadCsv(): Promise<void> {
    this.downloadStatus.set('Preparing the CSV…');
    try {
      await this.download.save('/api/supervision/meetings.csv', { includeNotes: this.includeNotes() }, 'supervision-log.csv');
      this.downloadStatus.set('The CSV has been downloaded.');
    } catch (error) {
      this.downloadStatus.set(`The CSV could not be downloaded. ${describeError(error)}`);
    }
  }
}
