import { AbstractControl, FormBuilder, ValidationErrors, ValidatorFn, Validators } from '@angular/forms';
import {
  Attendance,
  CHANGE_MARKERS,
  ChangeMarker,
  Couple,
  CyclePosition,
  ExcerptCandidate,
  Session,
  SessionBody,
  SessionFormat,
  TANGO_MOVES,
  TangoMove,
} from '../core/api/api-types';
import { practiceToday } from '../shared/ui/dates';

export type EftStage = 1 | 2 | 3;

/** EFT's three stages and the steps each covers: de-escalation, restructuring, consolidation. */
export const EFT_STAGES: Record<EftStage, { name: string; first: number; last: number }> = {
  1: { name: 'De-escalation', first: 1, last: 4 },
  2: { name: 'Restructuring', first: 5, last: 7 },
  3: { name: 'Consolidation', first: 8, last: 9 },
};

export function stepsOfStage(stage: number | null | undefined): number[] {
  const range = EFT_STAGES[stage as EftStage];
  if (!range) return [];
  return Array.from({ length: range.last - range.first + 1 }, (_, i) => range.first + i);
}

/** The step control's validator: reads its sibling stage, so the error shows on the step field. */
export const stepInStage: ValidatorFn = (control: AbstractControl): ValidationErrors | null => {
  const step = control.value as number | null;
  const stage = control.parent?.get('eftStage')?.value as EftStage | null | undefined;
  const range = stage ? EFT_STAGES[stage] : undefined;
  if (step == null || !range) return null;
  return step >= range.first && step <= range.last
    ? null
    : { stepOutsideStage: { stage, first: range.first, last: range.last } };
};

export function buildSessionForm(fb: FormBuilder, couple: Pick<Couple, 'partners'>) {
  const nn = fb.nonNullable;
  const partners = [...couple.partners].sort((a, b) => a.label.localeCompare(b.label));
  const markers = Object.fromEntries(CHANGE_MARKERS.map((marker) => [marker, nn.control(false)])) as Record<
    ChangeMarker,
    ReturnType<typeof nn.control<boolean>>
  >;

  // One checkbox and a short note per Tango move; the body lists the moves ticked, in the Tango's order.
  const tangoMoveGroup = () => nn.group({ used: [false], note: ['', Validators.maxLength(500)] });
  const tango = Object.fromEntries(TANGO_MOVES.map((move) => [move, tangoMoveGroup()])) as Record<
    TangoMove,
    ReturnType<typeof tangoMoveGroup>
  >;

  const form = nn.group({
    date: [practiceToday(), Validators.required],
    startTime: ['', Validators.required],
    durationMinutes: [50, [Validators.required, Validators.min(1), Validators.max(480)]],
    format: nn.control<SessionFormat>('in_person', Validators.required),
    attendance: nn.control<Attendance>('both', Validators.required),
    eftStage: fb.control<number | null>(1, Validators.required),
    eftStep: fb.control<number | null>(1, [Validators.required, stepInStage]),
    note: ['', Validators.maxLength(20000)],
    cycle: nn.group({
      partners: nn.array(
        partners.map((partner) =>
          nn.group({
            partnerId: [partner.id],
            position: nn.control<CyclePosition>('not_observed', Validators.required),
            intensity: [0, [Validators.required, Validators.min(0), Validators.max(10)]],
          }),
        ),
      ),
      episodesSinceLastSession: [0, [Validators.required, Validators.min(0), Validators.max(1000)]],
      peakIntensity: [0, [Validators.required, Validators.min(0), Validators.max(10)]],
      // Required, as the API requires it (0 when the couple repaired at once); its upper bound (a week)
      // is the API's, whose message lands on the field.
      repairMinutes: fb.control<number | null>(null, [Validators.required, Validators.min(0), Validators.max(100000)]),
      triggers: nn.control<string[]>([]),
      markers: nn.group(markers),
    }),
    tangoMoves: nn.group(tango),
    // Not edited on this form yet: kept as read so a PUT sends them back unchanged.
    excerptCandidates: nn.control<ExcerptCandidate[]>([]),
  });

  // A new stage makes the chosen step meaningless unless it lies in that stage: clear it so the
  // therapist picks one deliberately rather than keeping a silently wrong step.
  form.controls.eftStage.valueChanges.subscribe((stage) => {
    const step = form.controls.eftStep.value;
    if (step != null && !stepsOfStage(stage).includes(step)) form.controls.eftStep.setValue(null);
    else form.controls.eftStep.updateValueAndValidity();
  });
  return form;
}

export type SessionForm = ReturnType<typeof buildSessionForm>;

export function toSessionBody(form: SessionForm): SessionBody {
  const value = form.getRawValue();
  const { markers, ...cycle } = value.cycle;
  return {
    ...value,
    tangoMoves: TANGO_MOVES.filter((move) => value.tangoMoves[move].used).map((move) => ({
      move,
      note: value.tangoMoves[move].note.trim(),
    })),
    eftStage: value.eftStage ?? 1,
    eftStep: value.eftStep ?? 1,
    cycle: {
      ...cycle,
      markers: CHANGE_MARKERS.filter((marker) => markers[marker]),
    },
  };
}

export function patchSessionForm(form: SessionForm, session: Session): void {
  const { cycle, tangoMoves, ...details } = session;
  form.patchValue(details, { emitEvent: false });
  const used = new Map(tangoMoves.map((m) => [m.move, m.note]));
  form.controls.tangoMoves.patchValue(
    Object.fromEntries(TANGO_MOVES.map((move) => [move, { used: used.has(move), note: used.get(move) ?? '' }])),
    { emitEvent: false },
  );
  // A session stored without a cycle record keeps the form's unrated defaults.
  if (cycle) {
    const markers = Object.fromEntries(CHANGE_MARKERS.map((m) => [m, cycle.markers.includes(m)]));
    const partners = form.controls.cycle.controls.partners.controls.map((group) => {
      const recorded = cycle.partners.find((p) => p.partnerId === group.controls.partnerId.value);
      return recorded ?? group.getRawValue();
    });
    form.controls.cycle.patchValue(
      { ...cycle, partners, markers: markers as Record<ChangeMarker, boolean> },
      { emitEvent: false },
    );
  }
  form.controls.eftStep.updateValueAndValidity();
  form.markAsPristine();
}
