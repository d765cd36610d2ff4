import { PartnerLabel } from '../core/api/api-types';
import {
  GoalMeasure,
  GoalOwner,
  GoalProgress,
  GoalStatus,
  MeasureComparison,
  MeasureKind,
  MeasurePartner,
  PlanGoal,
  PlanGoalInput,
  PortalGoalProgress,
  ProgressPoint,
  SavePlanRequest,
  TreatmentPlan,
} from '../core/api/plan-types';
import { formatWhen } from '../shared/ui/when';

/*
 * The plan's words and the pure rules of its screens: how a measure and its progress read, the sparkline's
 * geometry, and the body a save sends. Dates go through formatWhen (the app's one date rule), never the API's
 * `reading`, which writes ISO dates.
 */

export const OWNER_LABELS: Record<GoalOwner, string> = { couple: 'Shared', partner_a: 'Partner A', partner_b: 'Partner B' };
export const STATUS_LABELS: Record<GoalStatus, string> = { active: 'Active', met: 'Met', revised: 'Revised', dropped: 'Dropped' };
export const KIND_LABELS: Record<MeasureKind, string> = {
  instrument: 'A questionnaire score',
  cycle: 'Cycle intensity (mean of the last 3 rated sessions)',
  stage: 'EFT stage reached',
  homework: 'Homework adherence over 4 weeks (%)',
};
export const COMPARISON_SIGNS: Record<MeasureComparison, string> = { at_least: '≥', at_most: '≤' };
export const COMPARISON_WORDS: Record<MeasureComparison, string> = { at_least: 'at least', at_most: 'at most' };

export interface PartnerNames {
  partner_a: string;
  partner_b: string;
}

/** Whose goal, by the partners' first names. */
export function ownerLabel(owner: GoalOwner, names: PartnerNames): string {
  return owner === 'couple' ? 'Shared' : names[owner];
}

function partnerWord(partner: MeasurePartner, names: PartnerNames): string {
  return partner === 'both' ? '' : ` (${names[partner]})`;
}

function number(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
}

/** `CSI-4 total ≥ 14`, `Cycle intensity ≤ 3`, `EFT stage ≥ 2`, `Homework adherence ≥ 60 %`. */
export function measureLabel(m: GoalMeasure, names: PartnerNames): string {
  const target = `${COMPARISON_SIGNS[m.comparison]} ${number(m.target)}`;
  switch (m.kind) {
    case 'instrument':
      return `${m.instrument} ${m.subscale} ${target}${partnerWord(m.partner, names)}`;
    case 'cycle':
      return `Cycle intensity over the last 3 sessions ${target}${partnerWord(m.partner, names)}`;
    case 'stage':
      return `EFT stage ${target}`;
    case 'homework':
      return `Homework adherence ${target} % over 4 weeks${partnerWord(m.partner, names)}`;
  }
}

/** The value now: one number, or each partner's where the measure is per partner ("Alex 15, Sam 12"). */
export function valueText(progress: GoalProgress, kind: MeasureKind, names: PartnerNames): string {
  const unit = kind === 'homework' ? ' %' : '';
  if (progress.partners.length > 1) {
    return progress.partners
      .map((p) => `${names[p.partner]} ${p.value === null ? '—' : number(p.value) + unit}`)
      .join(', ');
  }
  return progress.value === null ? '—' : number(progress.value) + unit;
}

/** "Target reached on 7 Dec 2026", "Not reached yet (evidence of …)", or the API's reason there is none yet. */
export function progressText(progress: Pick<GoalProgress, 'achieved' | 'evidenceOn' | 'reading'>): string {
  if (progress.achieved === null) return progress.reading;
  const on = formatWhen(progress.evidenceOn);
  return progress.achieved ? `Target reached on ${on}` : `Not reached yet (latest evidence ${on})`;
}

/** A reached target the therapist has not yet confirmed: the plan asks them to. */
export function awaitsConfirmation(goal: Pick<PlanGoal, 'status' | 'progress'>): boolean {
  return goal.status === 'active' && goal.progress?.achieved === true;
}

/** The partner's plain words for their progress (portal). */
export function portalProgressText(progress: PortalGoalProgress): string {
  if (progress.achieved === null) return 'No answers yet — your progress shows here once you have answered.';
  const target = `${COMPARISON_WORDS[progress.comparison]} ${number(progress.target)}`;
  const now = progress.value === null ? '' : `Your latest is ${number(progress.value)}; the aim is ${target}. `;
  return progress.achieved
    ? `${now}You reached it on ${formatWhen(progress.history.at(-1)?.on ?? null)}.`
    : `${now}Not there yet — keep going.`;
}

/** How far along, 0–1, for a simple bar: the share of the way from nothing to the target ("at most" counts down from twice it). */
export function portalProgressRatio(progress: PortalGoalProgress): number {
  if (progress.value === null) return 0;
  if (progress.achieved) return 1;
  if (progress.comparison === 'at_least') return progress.target > 0 ? Math.max(0, Math.min(1, progress.value / progress.target)) : 0;
  const ceiling = progress.target * 2 || 1;
  return Math.max(0, Math.min(1, (ceiling - progress.value) / (ceiling - progress.target || 1)));
}

export interface Sparkline {
  lines: { partner: PartnerLabel | null; points: string }[];
  /** The target's height, where it falls inside the drawing. */
  targetY: number | null;
}

/**
 * The sparkline's polylines (one per partner for a per-partner measure) in a width × height box, the target drawn as
 * a level line. The scale spans the values and the target; one point draws as a short level stroke.
 */
export function sparkline(history: readonly ProgressPoint[], target: number, width = 96, height = 24): Sparkline {
  if (!history.length) return { lines: [], targetY: null };
  const days = history.map((p) => Date.parse(p.on));
  const first = Math.min(...days);
  const last = Math.max(...days);
  const values = [...history.map((p) => p.value), target];
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = 2;
  const y = (v: number) => (high === low ? height / 2 : pad + ((high - v) / (high - low)) * (height - 2 * pad));
  const x = (day: number) => (last === first ? width / 2 : pad + ((day - first) / (last - first)) * (width - 2 * pad));
  const groups = new Map<PartnerLabel | null, ProgressPoint[]>();
  for (const p of history) groups.set(p.partner, [...(groups.get(p.partner) ?? []), p]);
  const round = (n: number) => Math.round(n * 10) / 10;
  const lines = [...groups.entries()].map(([partner, points]) => {
    const coords = points.map((p) => [round(x(Date.parse(p.on))), round(y(p.value))]);
    if (coords.length === 1) coords.unshift([Math.max(0, coords[0][0] - 4), coords[0][1]]);
    return { partner, points: coords.map(([a, b]) => `${a},${b}`).join(' ') };
  });
  return { lines, targetY: round(y(target)) };
}

/** What a sparkline says to a screen reader: how many points, first and last value. */
export function sparklineLabel(history: readonly ProgressPoint[]): string {
  if (!history.length) return 'No history yet';
  const first = history[0];
  const last = history[history.length - 1];
  return history.length === 1
    ? `One value, ${number(first.value)}, on ${formatWhen(first.on)}`
    : `${history.length} values from ${number(first.value)} on ${formatWhen(first.on)} to ${number(last.value)} on ${formatWhen(last.on)}`;
}

/** The editor's value for one goal (flat, so a form can hold it). */
export interface GoalFormValue {
  id: string | null;
  owner: GoalOwner;
  statement: string;
  targetDate: string;
  status: GoalStatus;
  measureKind: MeasureKind | '';
  instrument: string;
  subscale: string;
  partner: MeasurePartner;
  comparison: MeasureComparison;
  target: number | null;
  interventions: { stage: number | null; step: number | null; text: string }[];
}

export function emptyGoal(): GoalFormValue {
  return {
    id: null, owner: 'couple', statement: '', targetDate: '', status: 'active', measureKind: '', instrument: '', subscale: '',
    partner: 'both', comparison: 'at_least', target: null, interventions: [],
  };
}

export function goalFormValue(goal: PlanGoal): GoalFormValue {
  const m = goal.measure;
  return {
    id: goal.id,
    owner: goal.owner,
    statement: goal.statement,
    targetDate: goal.targetDate ?? '',
    status: goal.status,
    measureKind: m?.kind ?? '',
    instrument: m?.instrument ?? '',
    subscale: m?.subscale ?? '',
    partner: m?.partner ?? 'both',
    comparison: m?.comparison ?? 'at_least',
    target: m?.target ?? null,
    interventions: goal.interventions.map((i) => ({ stage: i.stage ?? null, step: i.step ?? null, text: i.text })),
  };
}

/** The PUT's body: the version read and what the therapist wrote (the GET's computed members are not sent). */
export function saveBody(plan: Pick<TreatmentPlan, 'version'>, problems: string, goals: GoalFormValue[], reviewEvery: number): SavePlanRequest {
  return {
    version: plan.version,
    problemStatements: problems.split('\n').map((p) => p.trim()).filter((p) => p.length > 0),
    reviewEvery,
    goals: goals.map((g): PlanGoalInput => ({
      id: g.id,
      owner: g.owner,
      statement: g.statement.trim(),
      targetDate: g.targetDate || null,
      status: g.status,
      interventions: g.interventions
        .filter((i) => i.text.trim() || i.stage !== null)
        .map((i) => ({ stage: i.stage, step: i.stage === null ? null : i.step, text: i.text.trim() })),
      measure: g.measureKind
        ? {
            kind: g.measureKind,
            instrument: g.measureKind === 'instrument' ? g.instrument : null,
            subscale: g.measureKind === 'instrument' ? g.subscale : null,
            partner: g.measureKind === 'stage' ? 'both' : g.partner,
            comparison: g.comparison,
            target: g.target,
          }
        : null,
    })),
  };
}

/** The same plan with one goal's status changed, as a save body (confirming "met" from the goal's row). */
export function withStatus(plan: TreatmentPlan, goalId: string, status: GoalStatus): SavePlanRequest {
  return saveBody(
    plan,
    plan.problemStatements.join('\n'),
    plan.goals.map((g) => ({ ...goalFormValue(g), status: g.id === goalId ? status : g.status })),
    plan.reviewEvery,
  );
}

/** Who agreed to which version, newest first, in words ("Alex agreed to version 2 on …"). */
export function agreementText(a: { firstName: string; version: number; signedAt: string }, current: number): string {
  const which = a.version === current ? `the current version (${a.version})` : `version ${a.version}`;
  return `${a.firstName} agreed to ${which} on ${formatWhen(a.signedAt)}`;
}

/**
 * The overview's counts: active and met goals, reached targets awaiting confirmation, who agreed to the current version,
 * and who agreed only to an earlier one ("Alex to version 2": the plan changed since, and they have not agreed again).
 */
export function planSummary(plan: TreatmentPlan): { active: number; met: number; toConfirm: number; agreedBy: string; agreedEarlier: string } {
  const latest = new Map<string, { firstName: string; version: number }>();
  for (const a of plan.agreements) {
    const seen = latest.get(a.partnerId);
    if (!seen || a.version > seen.version) latest.set(a.partnerId, a);
  }
  const partners = [...latest.values()];
  const current = partners.filter((a) => a.version === plan.version).map((a) => a.firstName);
  const earlier = partners.filter((a) => a.version < plan.version).map((a) => `${a.firstName} to version ${a.version}`);
  return {
    active: plan.goals.filter((g) => g.status === 'active').length,
    met: plan.goals.filter((g) => g.status === 'met').length,
    toConfirm: plan.goals.filter((g) => awaitsConfirmation(g)).length,
    agreedBy: current.length === 0 ? 'no one yet' : current.join(' and '),
    agreedEarlier: earlier.join(' and '),
  };
}
