import { AlertCode, AlertSeverity, CycleTrend } from '../../core/api/dashboard-types';

/** EFT's three stages by number. */
export const EFT_STAGE_NAMES: Record<number, string> = {
  1: 'De-escalation',
  2: 'Restructuring',
  3: 'Consolidation',
};

/** An arrow and a word: the arrow alone would be a shape-only signal. Rising intensity is the worrying one. */
export const TREND_LABELS: Record<CycleTrend, { arrow: string; word: string }> = {
  rising: { arrow: '↑', word: 'Rising' },
  falling: { arrow: '↓', word: 'Falling' },
  flat: { arrow: '→', word: 'Flat' },
};

/** Short badge text per alert code (one each, or this does not compile); the API's message gives the detail. */
export const ALERT_LABELS: Record<AlertCode, string> = {
  risk_item: 'Risk item',
  safety_flag: 'Safety check-in',
  joint_sessions_paused: 'Joint sessions paused',
  consent_missing: 'Consent missing',
  no_recent_session: 'No recent session',
  cycle_rising: 'Cycle rising',
  homework_low_adherence: 'Homework',
  reliable_deterioration: 'Reliable deterioration',
  partners_diverging: 'Partners diverging',
  both_below_cut_off: 'Both below cut-off',
  questionnaire_missed: 'Missed twice',
  plan_review_due: 'Plan review due',
  no_plan: 'No plan',
  questionnaire_pending: 'Questionnaire pending',
  unread_messages: 'Unread messages',
};

export const SEVERITY_ICONS: Record<AlertSeverity, string> = { critical: '⚠', warning: '!', info: 'i' };
export const SEVERITY_RANK: Record<AlertSeverity, number> = { critical: 3, warning: 2, info: 1 };

/** A code from a newer API than this build still renders, as its words. */
export function alertLabel(code: AlertCode): string {
  return ALERT_LABELS[code] ?? code.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

export function stageLabel(stage: number | null, step: number | null): string {
  if (stage === null) return 'Not started';
  const name = EFT_STAGE_NAMES[stage] ?? `Stage ${stage}`;
  return step === null ? `${stage} · ${name}` : `${stage} · ${name} (step ${step})`;
}

/** 0–1 as a whole percentage, e.g. 0.456 → "46 %". */
export function percent(ratio: number | null): string {
  return ratio === null ? '—' : `${Math.round(ratio * 100)} %`;
}
