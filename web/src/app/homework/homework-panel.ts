import { PercentPipe } from '@angular/common';
import { HttpErrorResponse, httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { firstValueFrom } from 'rxjs';
import { IsoDate, Paged, Partner } from '../core/api/api-types';
import { HomeworkApi } from '../core/api/homework-api';
import {
  Assignee,
  Assignment,
  AssignHomeworkRequest,
  Exercise,
  PartnerAdherence,
  rationaleOf,
  SAFETY_CONFIRMATION_FIELD,
} from '../core/api/homework-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { applyServerErrors, describeError, problemOf } from '../core/api/problem-details';
import { ConfirmDialog, ConfirmDialogData } from '../shared/ui/confirm-dialog';
import { addDays, practiceToday } from '../shared/ui/dates';
import { FieldError } from '../shared/ui/field-error';
import { FormMessages } from '../shared/ui/form-messages';
import { SafetyRefresh } from '../safety/safety-refresh';
import { AssignmentEntriesView } from './assignment-entries';
import { WhenPipe } from '../shared/ui/when';

/** True when a 409 is the safety gate asking for confirmation, not a stale write. */
export function needsSafetyConfirmation(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 409 && problemOf(error)?.['requiresSafetyConfirmation'] === true;
}

export function buildAssignForm(today: IsoDate = practiceToday()) {
  return new FormGroup({
    exerciseCode: new FormControl<string | null>(null, Validators.required),
    assignedTo: new FormControl<Assignee | null>(null, Validators.required),
    startsOn: new FormControl(today, { nonNullable: true, validators: Validators.required }),
    dueOn: new FormControl(addDays(today, 14), { nonNullable: true, validators: Validators.required }),
    targetPerWeek: new FormControl<number | null>(3, [Validators.required, Validators.min(1), Validators.max(14)]),
    note: new FormControl('', { nonNullable: true, validators: Validators.maxLength(2000) }),
  });
}

/**
 * Joint homework while a safety concern is open or joint sessions are paused: the therapist confirms
 * explicitly, and the API records the confirmation in the audit log.
 */
export function jointWorkQuestion(exerciseTitle: string, detail: string | null): ConfirmDialogData {
  return {
    title: 'Confirm joint homework',
    paragraphs: [
      'A safety concern is open for this couple, or joint sessions are paused. Conjoint work can put a partner at risk ' +
        `while one of them is not safe, so “${exerciseTitle}” for both partners needs your explicit confirmation.`,
      ...(detail ? [detail] : []),
      'Your confirmation is recorded in the audit log.',
    ],
    confirm: 'I have considered safety — assign to both',
    cancel: "Don't assign",
  };
}

/** The couple page's homework: assign from the catalogue, adherence per partner, close, and read entries. */
@Component({
  selector: 'app-homework-panel',
  imports: [
    DescribeErrorPipe,
    WhenPipe,
    PercentPipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    FieldError,
    FormMessages,
    AssignmentEntriesView,
  ],
  templateUrl: './homework-panel.html',
  styleUrl: './homework-panel.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HomeworkPanel {
  private readonly api = inject(HomeworkApi);
  private readonly dialog = inject(MatDialog);
  private readonly safetyRefresh = inject(SafetyRefresh);

  readonly coupleId = input.required<string>();
  readonly partners = input.required<Partner[]>();

  protected readonly exercises = httpResource<Exercise[]>(() => '/api/exercises');
  protected readonly list = httpResource<Paged<Assignment>>(() => ({
    url: `/api/couples/${encodeURIComponent(this.coupleId())}/homework`,
    params: { page: 1, pageSize: 100 },
  }));
  protected readonly assignments = computed(() => (this.list.hasValue() ? this.list.value().items : []));
  protected readonly form = buildAssignForm();
  private readonly chosenCode = toSignal(this.form.controls.exerciseCode.valueChanges, { initialValue: null });
  protected readonly chosen = computed(() => this.exerciseOf(this.chosenCode()));
  protected readonly chosenRationale = computed(() => {
    const exercise = this.chosen();
    return exercise ? rationaleOf(exercise) : null;
  });
  protected readonly showForm = signal(false);
  protected readonly saving = signal(false);
  protected readonly messages = signal<string[]>([]);
  protected readonly status = signal('');
  protected readonly rowMessages = signal<Record<string, string>>({});
  protected readonly openEntries = signal<string | null>(null);

  constructor() {
    // The catalogue's suggested frequency is a sensible default target.
    this.form.controls.exerciseCode.valueChanges.subscribe((code) => {
      const exercise = this.exerciseOf(code);
      if (exercise && !this.form.controls.targetPerWeek.dirty) this.form.controls.targetPerWeek.setValue(exercise.suggestedPerWeek);
    });
  }

  protected exerciseOf(code: string | null | undefined): Exercise | null {
    return (this.exercises.hasValue() ? this.exercises.value().find((e) => e.code === code) : null) ?? null;
  }

  protected partnerName(label: string): string {
    const partner = this.partners().find((p) => p.label === label);
    return partner ? partner.firstName : label === 'partner_a' ? 'Partner A' : 'Partner B';
  }

  protected assigneeText(assignedTo: Assignee): string {
    return assignedTo === 'both' ? 'Both partners' : this.partnerName(assignedTo);
  }

  protected adherenceText(a: PartnerAdherence): string {
    const week = `${a.thisWeek.entries} this week`;
    const ratio = a.last14Days.ratio;
    return ratio === null ? `${week}; not started in the last 14 days` : `${week}; ${Math.round(ratio * 100)}% of target over 14 days`;
  }

  protected async assign(confirmed = false): Promise<void> {
    this.messages.set([]);
    this.status.set('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.messages.set(['Choose an exercise, who it is for, the dates and a weekly target.']);
      return;
    }
    const value = this.form.getRawValue();
    const exerciseCode = value.exerciseCode!;
    const body: AssignHomeworkRequest = {
      exerciseCode,
      assignedTo: value.assignedTo!,
      startsOn: value.startsOn,
      dueOn: value.dueOn,
      targetPerWeek: Number(value.targetPerWeek),
      note: value.note.trim(),
      sessionId: null,
      ...(confirmed ? { [SAFETY_CONFIRMATION_FIELD]: true } : {}),
    };
    this.saving.set(true);
    try {
      const stored = await firstValueFrom(this.api.assign(this.coupleId(), body));
      this.status.set(`${stored.exerciseTitle} assigned to ${this.assigneeText(stored.assignedTo).toLowerCase()}.`);
      this.form.reset(buildAssignForm().getRawValue());
      this.showForm.set(false);
      this.list.reload();
    } catch (error) {
      if (!confirmed && needsSafetyConfirmation(error)) {
        this.saving.set(false);
        const question = jointWorkQuestion(this.chosen()?.title ?? exerciseCode, problemOf(error)?.detail ?? null);
        const ok = await ConfirmDialog.ask(this.dialog, question);
        if (ok) await this.assign(true);
        else this.status.set('Not assigned.');
        this.safetyRefresh.bump();
        return;
      }
      this.messages.set(applyServerErrors(error, this.form).formMessages);
    } finally {
      this.saving.set(false);
    }
  }

  protected async close(assignment: Assignment, status: 'completed' | 'cancelled'): Promise<void> {
    try {
      await firstValueFrom(this.api.update(assignment.id, { version: assignment.version, status }));
      this.say(assignment.id, `${assignment.exerciseTitle} marked ${status}.`);
      this.list.reload();
    } catch (error) {
      this.say(assignment.id, describeError(error));
      if (error instanceof HttpErrorResponse && error.status === 409) this.list.reload();
    }
  }

  private say(id: string, message: string): void {
    this.rowMessages.update((all) => ({ ...all, [id]: message }));
  }
}
