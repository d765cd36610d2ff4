import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { firstValueFrom } from 'rxjs';
import { Partner } from '../core/api/api-types';
import { Instrument, MeasureSchedule } from '../core/api/assessment-types';
import { AssessmentsApi } from '../core/api/assessments-api';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { applyServerErrors, describeError } from '../core/api/problem-details';
import { practiceToday } from '../shared/ui/dates';
import { FieldError } from '../shared/ui/field-error';
import { FormMessages } from '../shared/ui/form-messages';
import { latestByCode } from './instrument-format';
import { WhenPipe } from '../shared/ui/when';

const BOTH = 'both';

/**
 * Questionnaire schedules for a couple: what each partner is asked for and how often, the requests
 * made so far, a form to schedule one instrument for one partner or both, and Stop (a soft end).
 * Self-contained, so a workspace section can host it as is.
 */
@Component({
  selector: 'app-measure-schedules',
  imports: [DescribeErrorPipe, WhenPipe, ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatRadioModule, MatSelectModule, FieldError, FormMessages],
  templateUrl: './measure-schedules.html',
  styles: `
    .schedules { list-style: none; padding: 0; }
    .schedules li { border-bottom: 1px solid var(--mat-sys-outline-variant); padding: 0.5rem 0; }
    .row { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 0 1rem; }
    .options { display: flex; flex-direction: column; }
    form { max-width: 760px; }
    .muted { color: var(--mat-sys-on-surface-variant); font-size: 0.875rem; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MeasureSchedules {
  private readonly api = inject(AssessmentsApi);

  readonly coupleId = input.required<string>();
  readonly partners = input.required<Partner[]>();
  /** Emitted after a schedule is made or stopped, so the owner can reload its lists. */
  readonly changed = output<void>();

  protected readonly refresh = signal(0);
  protected readonly schedules = httpResource<MeasureSchedule[]>(() => {
    this.refresh();
    return `/api/couples/${encodeURIComponent(this.coupleId())}/measure-schedules`;
  });
  protected readonly instruments = httpResource<Instrument[]>(() => '/api/instruments');
  protected readonly choices = computed(() =>
    this.instruments.hasValue() ? [...latestByCode(this.instruments.value()).values()].sort((a, b) => a.code.localeCompare(b.code)) : [],
  );
  protected readonly both = BOTH;

  protected readonly form = new FormGroup({
    partner: new FormControl<string>(BOTH, { nonNullable: true, validators: Validators.required }),
    instrument: new FormControl('CSI-4', { nonNullable: true, validators: Validators.required }),
    everyWeeks: new FormControl(2, { nonNullable: true, validators: [Validators.required, Validators.min(1), Validators.max(12)] }),
    startsOn: new FormControl(practiceToday(), { nonNullable: true, validators: Validators.required }),
    ends: new FormControl<'count' | 'until'>('count', { nonNullable: true }),
    count: new FormControl<number | null>(6, [Validators.min(1), Validators.max(260)]),
    until: new FormControl<string | null>(null),
  });
  protected readonly messages = signal<string[]>([]);
  protected readonly status = signal('');
  protected readonly saving = signal(false);

  protected partnerName(id: string): string {
    return this.partners().find((p) => p.id === id)?.firstName ?? 'Unknown partner';
  }

  protected async submit(): Promise<void> {
    this.messages.set([]);
    this.status.set('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const partnerIds = v.partner === BOTH ? this.partners().map((p) => p.id) : [v.partner];
    this.saving.set(true);
    const made: string[] = [];
    try {
      for (const partnerId of partnerIds) {
        await firstValueFrom(
          this.api.schedule(this.coupleId(), {
            partnerId,
            instrument: v.instrument,
            everyWeeks: v.everyWeeks,
            startsOn: v.startsOn,
            count: v.ends === 'count' ? v.count : null,
            until: v.ends === 'until' ? v.until : null,
          }),
        );
        made.push(this.partnerName(partnerId));
      }
      this.status.set(`${v.instrument} every ${v.everyWeeks} week${v.everyWeeks === 1 ? '' : 's'} scheduled for ${made.join(' and ')}.`);
    } catch (error) {
      const done = made.length ? `Scheduled for ${made.join(' and ')}; ` : '';
      this.messages.set([done + applyServerErrors(error, this.form, { partnerId: 'partner' }).formMessages.join(' ')].filter((m) => m.trim()));
    } finally {
      this.saving.set(false);
      if (made.length) {
        this.refresh.update((n) => n + 1);
        this.changed.emit();
      }
    }
  }

  protected async stop(schedule: MeasureSchedule): Promise<void> {
    this.status.set('');
    try {
      await firstValueFrom(this.api.stopSchedule(this.coupleId(), schedule.id));
      this.status.set(`Stopped ${schedule.instrument} for ${this.partnerName(schedule.partnerId)}. The answers so far are kept.`);
      this.refresh.update((n) => n + 1);
      this.changed.emit();
    } catch (error) {
      this.messages.set([describeError(error)]);
    }
  }
}
