import { COMMA, ENTER } from '@angular/cdk/keycodes';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, OnInit, output, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatChipInputEvent, MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSliderModule } from '@angular/material/slider';

import { debounceTime, firstValueFrom, Observable } from 'rxjs';
import { CHANGE_MARKERS, Couple, Session, TANGO_MOVES } from '../core/api/api-types';
import { ClinicApi } from '../core/api/clinic-api';
import { applyServerErrors, problemOf } from '../core/api/problem-details';
import { PolicyNote } from '../agreements/policy-note';
import { DraftKey, DraftStore, KeptDraft } from '../core/auth/draft-store';
import { ConfirmDialog, ConfirmDialogData } from '../shared/ui/confirm-dialog';
import { HttpErrorResponse } from '@angular/common/http';
import { FieldError } from '../shared/ui/field-error';
import { FormMessages } from '../shared/ui/form-messages';
import { ATTENDANCE_LABELS, FORMAT_LABELS, MARKER_LABELS, POSITION_LABELS, TANGO_MOVE_LABELS } from '../shared/ui/labels';
import { buildSessionForm, EFT_STAGES, patchSessionForm, stepsOfStage, toSessionBody } from './session-form';
import { SessionDraft } from '../core/api/appointments-api';
import { WhenPipe } from '../shared/ui/when';

/** True when a 409 is the consent gate asking for a paper consent to be confirmed, not a stale write. */
export function needsConsentConfirmation(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 409 && problemOf(error)?.['requiresConsentConfirmation'] === true;
}

export function consentQuestion(detail: string | null): ConfirmDialogData {
  return {
    title: 'Consent is not on record',
    paragraphs: [
      ...(detail ? [detail] : []),
      'Work starts once both partners have consented. If you hold their signed consent on paper, confirm it to record this session; ' +
        'your confirmation is recorded in the audit log. Otherwise send the consent from the Agreements section first.',
    ],
    confirm: 'I hold a paper consent — record the session',
    cancel: "Don't record",
  };
}

/** How long typing pauses before the note is kept on the server. */
export const DRAFT_SAVE_DELAY_MS = 2_000;

/** Creates or edits an unsigned session with its cycle record. */
@Component({
  selector: 'app-session-editor',
  imports: [
    ReactiveFormsModule,
    PolicyNote,
    WhenPipe,
    MatButtonModule,
    MatButtonToggleModule,
    MatCheckboxModule,
    MatChipsModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatSliderModule,
    FieldError,
    FormMessages,
  ],
  templateUrl: './session-editor.html',
  styleUrl: './session-editor.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionEditor implements OnInit {
  private readonly api = inject(ClinicApi);
  private readonly dialog = inject(MatDialog);
  private readonly drafts = inject(DraftStore);
  private readonly fb = inject(FormBuilder);
  private readonly destroyRef = inject(DestroyRef);

  readonly couple = input.required<Couple>();
  /** Absent when recording a new session. */
  readonly session = input<Session | null>(null);
  /** A held appointment's prefilled session: date, time, length, format and who attended; it keeps the appointment's id. */
  readonly draft = input<SessionDraft | null>(null);
  readonly saved = output<Session>();

  // Built in ngOnInit, because its partner rows come from the `couple` input.
  protected form!: ReturnType<typeof buildSessionForm>;
  protected readonly stage = signal<number | null>(1);
  protected readonly steps = computed(() => stepsOfStage(this.stage()));
  protected readonly errors = signal<string[]>([]);
  protected readonly saving = signal(false);
  protected readonly status = signal('');
  protected readonly offeredDraft = signal<KeptDraft | null>(null);
  /** Who attended; a one-partner session shows the couple's confidentiality policy. */
  protected readonly attendance = signal<string | null>(null);

  protected readonly stages = ([1, 2, 3] as const).map((n) => ({ value: n, ...EFT_STAGES[n] }));
  protected readonly markers = CHANGE_MARKERS.map((key) => ({ key, label: MARKER_LABELS[key] }));
  protected readonly tangoMoves = TANGO_MOVES.map((key) => ({ key, label: TANGO_MOVE_LABELS[key] }));
  protected readonly positions = Object.entries(POSITION_LABELS).map(([value, label]) => ({ value, label }));
  protected readonly formats = Object.entries(FORMAT_LABELS).map(([value, label]) => ({ value, label }));
  protected readonly attendances = Object.entries(ATTENDANCE_LABELS).map(([value, label]) => ({ value, label }));
  protected readonly separatorKeys = [ENTER, COMMA] as const;
  private draftKey!: DraftKey;

  ngOnInit(): void {
    this.form = buildSessionForm(this.fb, this.couple());
    const session = this.session();
    if (session) patchSessionForm(this.form, session);
    const fromAppointment = this.draft();
    if (!session && fromAppointment) {
      this.form.patchValue({
        date: fromAppointment.date,
        startTime: fromAppointment.startTime.slice(0, 5),
        durationMinutes: fromAppointment.durationMinutes,
        format: fromAppointment.format,
        attendance: fromAppointment.attendance,
      });
    }
    this.stage.set(this.form.controls.eftStage.value);
    this.attendance.set(this.form.controls.attendance.value);
    this.form.controls.attendance.valueChanges
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((attendance) => this.attendance.set(attendance));
    this.form.controls.eftStage.valueChanges
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((stage) => this.stage.set(stage));
    this.draftKey = { coupleId: this.couple().id, sessionId: session?.id ?? null };
    const unsavedNote = () => (this.form.controls.note.dirty ? this.form.controls.note.value : null);
    this.destroyRef.onDestroy(this.drafts.register(this.draftKey, unsavedNote));
    // Kept on the server as it is typed, so whatever ends the session (idle, expiry, a closed tab)
    // the note is there to offer back, on any device; nothing is written to this browser.
    this.form.controls.note.valueChanges
      .pipe(debounceTime(DRAFT_SAVE_DELAY_MS), takeUntilDestroyed(this.destroyRef))
      .subscribe(() => {
        const note = unsavedNote();
        if (note) void this.drafts.save(this.draftKey, note);
      });
    void this.offerKeptNote();
  }

  private async offerKeptNote(): Promise<void> {
    const draft = await this.drafts.find(this.draftKey);
    if (draft && draft.note !== this.form.controls.note.value) this.offeredDraft.set(draft);
  }

  protected partnerName(index: number): string {
    const id = this.form.controls.cycle.controls.partners.at(index).controls.partnerId.value;
    const partner = this.couple().partners.find((p) => p.id === id);
    return partner ? partner.firstName : `Partner ${index === 0 ? 'A' : 'B'}`;
  }

  protected restoreDraft(): void {
    const draft = this.offeredDraft();
    if (!draft) return;
    this.form.controls.note.markAsDirty();
    this.form.controls.note.setValue(draft.note);
    this.offeredDraft.set(null);
    this.status.set('The kept note was restored. Save the session to keep it.');
  }

  protected discardDraft(): void {
    void this.drafts.discard(this.draftKey);
    this.offeredDraft.set(null);
  }

  protected addTrigger(event: MatChipInputEvent): void {
    const tag = event.value.trim();
    const triggers = this.form.controls.cycle.controls.triggers;
    if (tag && !triggers.value.includes(tag)) {
      triggers.setValue([...triggers.value, tag]);
      triggers.markAsDirty();
    }
    event.chipInput.clear();
  }

  protected removeTrigger(tag: string): void {
    const triggers = this.form.controls.cycle.controls.triggers;
    triggers.setValue(triggers.value.filter((t) => t !== tag));
    triggers.markAsDirty();
    this.status.set(`Trigger “${tag}” removed.`);
  }

  protected async save(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.errors.set(['Some fields need attention; each is marked below.']);
      return;
    }
    const body = toSessionBody(this.form);
    const existing = this.session();
    if (existing) {
      await this.submit(this.api.updateSession(existing.id, { ...body, version: existing.version }), 'Session saved.');
      return;
    }
    const record = (confirmConsent: boolean) =>
      this.api.createSession(this.couple().id, { ...body, appointmentId: this.draft()?.appointmentId ?? null, confirmConsent });
    await this.submit(record(false), 'Session recorded.', async (error) => {
      // DESIGN §13: consent gates the work, as safety does (§4a) — the therapist may confirm a paper consent, audited.
      if (!needsConsentConfirmation(error)) return false;
      const confirmed = await ConfirmDialog.ask(this.dialog, consentQuestion(problemOf(error)?.detail ?? null));
      if (confirmed) await this.submit(record(true), 'Session recorded on your confirmation of a paper consent.');
      else this.errors.set(['Not recorded: consent is missing.']);
      return true;
    });
  }

  protected async sign(): Promise<void> {
    const existing = this.session();
    if (!existing || this.form.dirty) return;
    const confirmed = await ConfirmDialog.ask(this.dialog, {
      title: 'Sign this session?',
      paragraphs: ['Signing locks this session. Later changes can only be added as amendments.'],
      confirm: 'Sign',
    });
    if (!confirmed) return;
    await this.submit(this.api.signSession(existing.id, existing.version), 'Session signed.');
  }

  private async submit(request: Observable<Session>, done: string, handle?: (error: unknown) => Promise<boolean>): Promise<void> {
    this.saving.set(true);
    this.errors.set([]);
    this.status.set('');
    try {
      const session = await firstValueFrom(request);
      void this.drafts.discard(this.draftKey);
      this.form.markAsPristine();
      this.status.set(done);
      this.saved.emit(session);
    } catch (error) {
      if (handle) {
        this.saving.set(false);
        if (await handle(error)) return;
      }
      const { formMessages, fieldCount } = applyServerErrors(error, this.form);
      this.errors.set(fieldCount && !formMessages.length ? ['Some fields need attention; each is marked below.'] : formMessages);
    } finally {
      this.saving.set(false);
    }
  }
}
