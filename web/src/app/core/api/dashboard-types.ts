import { Attendance, ChangeMarker, CoupleStatus, CyclePosition, Guid, IsoDate, PartnerLabel } from './api-types';
import { AssessmentSource, AttachmentQuadrant, ChangeDirection } from './assessment-types';
import { PerceptionGapKind } from './homework-types';

/* Mirrors api/Features/Dashboard (DTO records; camelCase, snake_case enum words). */

export type CycleTrend = 'rising' | 'falling' | 'flat';
export type AlertSeverity = 'info' | 'warning' | 'critical';
export type AlertCode =
  | 'safety_flag'
  | 'no_recent_session'
  | 'cycle_rising'
  | 'homework_low_adherence'
  | 'reliable_deterioration'
  | 'questionnaire_pending';

export interface CaseloadAlert {
  /** One of {@link AlertCode}; typed as string so a new code from the API still renders. */
  code: string;
  severity: AlertSeverity;
  message: string;
}

/** `GET /api/dashboard/caseload` row. */
export interface CaseloadRow {
  coupleId: Guid;
  displayName: string;
  status: CoupleStatus;
  startedOn: IsoDate;
  sessionCount: number;
  lastSessionOn: IsoDate | null;
  nextSessionOn: IsoDate | null;
  currentEftStage: number | null;
  currentEftStep: number | null;
  cycleTrend: CycleTrend | null;
  /** Mean partner intensity of the last (up to) three rated sessions, oldest first. */
  recentMeanIntensities: number[];
  /** 0–1 over the last 14 days; null when nothing was expected. */
  adherence14Days: number | null;
  pendingQuestionnaires: number;
  alerts: CaseloadAlert[];
}

/** `GET /api/dashboard/caseload`: rows come sorted with the couples needing attention first. */
export interface CaseloadDashboard {
  today: IsoDate;
  rows: CaseloadRow[];
}

export interface DashboardPartner {
  id: Guid;
  label: PartnerLabel;
  firstName: string;
}

export interface CyclePoint {
  partnerId: Guid;
  position: CyclePosition;
  intensity: number;
}

/** One session on the pursue–withdraw chart. */
export interface CycleSession {
  sessionId: Guid;
  date: IsoDate;
  attendance: Attendance;
  eftStage: number;
  eftStep: number;
  partners: CyclePoint[];
  meanIntensity: number | null;
  episodesSinceLastSession: number | null;
  peakIntensity: number | null;
  repairMinutes: number | null;
  markers: ChangeMarker[];
}

export interface WeeklyAdherence {
  /** Monday of the week. */
  weekStart: IsoDate;
  partnerId: Guid;
  entries: number;
  expected: number;
  ratio: number | null;
}

export interface AttachmentChange {
  subscale: string;
  previous: number;
  current: number;
  change: number;
  rci: number;
  reliable: boolean;
  direction: ChangeDirection;
  reading: string;
}

/** A point on the attachment plane; the move from the partner's previous point is reliable only when a change is. */
export interface AttachmentPoint {
  assessmentId: Guid;
  partnerId: Guid;
  administeredOn: IsoDate;
  source: AssessmentSource;
  avoidance: number;
  anxiety: number;
  quadrant: AttachmentQuadrant | null;
  reliableMove: boolean;
  change: AttachmentChange[];
}

export interface TurnBalanceShare {
  partnerId: Guid;
  needing: number;
  supporting: number;
  /** needing ÷ (needing + supporting), 0–1; 0.5 is balanced. */
  needingShare: number | null;
}

export interface PerceptionGap {
  assignmentId: Guid;
  occurredOn: IsoDate;
  kind: PerceptionGapKind;
  needingPartnerId: Guid;
  supportingPartnerId: Guid | null;
  description: string;
}

export interface StagePoint {
  sessionId: Guid;
  date: IsoDate;
  eftStage: number;
  eftStep: number;
}

/** `GET /api/couples/{id}/dashboard`: the series behind the couple's four charts. */
export interface CoupleDashboard {
  coupleId: Guid;
  displayName: string;
  status: CoupleStatus;
  today: IsoDate;
  partners: DashboardPartner[];
  cycle: CycleSession[];
  cycleTrend: CycleTrend | null;
  weeklyAdherence: WeeklyAdherence[];
  attachment: AttachmentPoint[];
  attachmentNote: string;
  homeworkWindowFrom: IsoDate;
  turnBalance: TurnBalanceShare[];
  perceptionGaps: PerceptionGap[];
  stageTimeline: StagePoint[];
}
