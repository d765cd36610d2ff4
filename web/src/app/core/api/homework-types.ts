import { Guid, IsoDate, PartnerLabel } from './api-types';

/* Mirrors api/Features/Homework (DTO records; camelCase, snake_case enum words). */

export type FieldType = 'text' | 'boolean' | 'integer' | 'choice';

export interface ChoiceOption {
  value: string;
  label: string;
}

/** One thing a client answers: a homework entry field or a check-in question. */
export interface FieldDefinition {
  name: string;
  label: string;
  type: FieldType;
  required: boolean;
  min?: number | null;
  max?: number | null;
  maxLength?: number | null;
  options?: ChoiceOption[] | null;
  hint?: string | null;
}

export type ExerciseFamily = 'effective_dependence' | 'taking_turns';
export type EntryRole = 'needing' | 'supporting';
export type EntryVisibility = 'private' | 'shared';
export type Assignee = 'partner_a' | 'partner_b' | 'both';
export type AssignmentStatus = 'active' | 'completed' | 'cancelled';
export type PerceptionGapKind = 'unmatched_need' | 'response_mismatch';

export interface ExerciseInstructions {
  summary: string;
  steps: string[];
}

/** `GET /api/exercises` as a therapist sees it (clients get no rationale). */
export interface Exercise {
  code: string;
  version: number;
  family: ExerciseFamily;
  title: string;
  instructions: ExerciseInstructions;
  rationale?: string;
  roles: EntryRole[];
  suggestedPerWeek: number;
  fields: FieldDefinition[];
}

export interface AdherencePeriod {
  from: IsoDate;
  to: IsoDate;
  entries: number;
  expected: number;
  ratio: number | null;
}

export interface PartnerAdherence {
  partnerId: Guid;
  label: PartnerLabel;
  thisWeek: AdherencePeriod;
  last14Days: AdherencePeriod;
}

export interface EntryCounts {
  total: number;
  shared: number;
  private: number;
  withdrawn: number;
}

export interface TurnShare {
  partnerId: Guid;
  label: PartnerLabel;
  needing: number;
  supporting: number;
  needingShare: number | null;
}

export interface Assignment {
  id: Guid;
  coupleId: Guid;
  exerciseCode: string;
  exerciseVersion: number;
  exerciseTitle: string;
  family: ExerciseFamily;
  assignedTo: Assignee;
  startsOn: IsoDate;
  dueOn: IsoDate;
  targetPerWeek: number;
  note: string;
  status: AssignmentStatus;
  sessionId: Guid | null;
  createdAt: string;
  version: number;
  entryCounts: EntryCounts;
  adherence: PartnerAdherence[];
  turnBalance: { from: IsoDate; to: IsoDate; partners: TurnShare[] } | null;
}

export interface AssignHomeworkRequest {
  exerciseCode: string;
  assignedTo: Assignee;
  startsOn: IsoDate;
  dueOn: IsoDate;
  targetPerWeek: number;
  note: string;
  sessionId: Guid | null;
  /** Sent only after the therapist confirms joint work while a safety concern is open. */
  [SAFETY_CONFIRMATION_FIELD]?: boolean;
}

/** The request member that confirms joint work past the safety gate (api/Features/Homework). */
export const SAFETY_CONFIRMATION_FIELD = 'safetyConfirmed';

export interface UpdateHomeworkRequest {
  version: number;
  status?: 'completed' | 'cancelled';
  note?: string;
}

export type FieldValue = string | number | boolean | null;

export interface TherapistEntry {
  id: Guid;
  authorPartnerId: Guid;
  authorLabel: PartnerLabel;
  occurredOn: IsoDate;
  role: EntryRole | null;
  visibility: EntryVisibility;
  fields: Record<string, FieldValue>;
  createdAt: string;
  updatedAt: string | null;
  withdrawn: boolean;
  withdrawnAt: string | null;
}

export interface AssignmentEntries {
  assignmentId: Guid;
  exerciseCode: string;
  assignedTo: Assignee;
  entries: TherapistEntry[];
  pairs: { occurredOn: IsoDate; needingEntryId: Guid; supportingEntryId: Guid }[];
  gaps: { kind: PerceptionGapKind; occurredOn: IsoDate; needingEntryId: Guid; supportingEntryId: Guid | null }[];
}

// --- portal -----------------------------------------------------------------------------

export interface WeekProgress {
  from: IsoDate;
  to: IsoDate;
  entries: number;
  target: number;
  expected: number;
  ratio: number | null;
}

export interface PortalAssignment {
  id: Guid;
  exerciseCode: string;
  exerciseVersion: number;
  title: string;
  family: ExerciseFamily;
  instructions: ExerciseInstructions;
  roles: EntryRole[];
  fields: FieldDefinition[];
  assignedTo: Assignee;
  startsOn: IsoDate;
  dueOn: IsoDate;
  targetPerWeek: number;
  note: string;
  status: AssignmentStatus;
  acceptsEntriesToday: boolean;
  thisWeek: WeekProgress;
}

export interface PortalEntry {
  id: Guid;
  assignmentId: Guid;
  authorPartnerId: Guid;
  authorFirstName: string;
  mine: boolean;
  occurredOn: IsoDate;
  role: EntryRole | null;
  visibility: EntryVisibility;
  fields: Record<string, FieldValue>;
  createdAt: string;
  updatedAt: string | null;
  editableUntil: string | null;
  withdrawn: boolean;
}

export interface LogEntryRequest {
  occurredOn: IsoDate;
  role: EntryRole | null;
  visibility: EntryVisibility;
  fields: Record<string, FieldValue>;
}

export interface ReviseEntryRequest {
  occurredOn?: IsoDate;
  visibility?: EntryVisibility;
  fields?: Record<string, FieldValue>;
}

export interface PortalMe {
  id: Guid;
  firstName: string;
  lastName: string;
  pronouns: string | null;
  label: PartnerLabel;
}
