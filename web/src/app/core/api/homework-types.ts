import { Schemas } from './api-types';

/* Generated from api/Features/Homework and api/Features/Portal (see api-types.ts). */

export type FieldType = Schemas['FieldType'];
export type ChoiceOption = Schemas['ChoiceOption'];
/** One thing a client answers: a homework entry field or a check-in question. */
export type FieldDefinition = Schemas['FieldDefinition'];

export type ExerciseFamily = Schemas['ExerciseFamily'];
export type EntryRole = Schemas['EntryRole'];
export type EntryVisibility = Schemas['EntryVisibility'];
export type Assignee = Schemas['Assignee'];
export type AssignmentStatus = Schemas['AssignmentStatus'];
export type PerceptionGapKind = Schemas['PerceptionGapKind'];

export type ExerciseInstructions = Schemas['ExerciseInstructions'];

/** `GET /api/exercises`: therapists get the rationale; clients get the same exercise without it. */
export type Exercise = Schemas['ExerciseDto'] | Schemas['ClientExerciseDto'];

export function rationaleOf(exercise: Exercise): string | null {
  return 'rationale' in exercise ? exercise.rationale : null;
}

export type PartnerAdherence = Schemas['PartnerAdherenceDto'];
export type Assignment = Schemas['AssignmentDto'];

/** `confirmSafety` (the one name on every route) is sent only after the therapist confirms joint work while a safety concern is open. */
export type AssignHomeworkRequest = Schemas['AssignHomeworkCommand'];

/** The request member that confirms joint work past the safety gate (api/Features/Homework). */
export const SAFETY_CONFIRMATION_FIELD = 'confirmSafety' satisfies keyof AssignHomeworkRequest;

export type UpdateHomeworkRequest = Schemas['UpdateHomeworkCommand'];

/**
 * One answer in an entry's `fields`. The API's document says only "any JSON value" (it checks each
 * against the exercise's field definitions), so the form's narrower value type lives here.
 */
export type FieldValue = string | number | boolean | null;

export type AssignmentEntries = Schemas['AssignmentEntriesDto'];

// --- portal -----------------------------------------------------------------------------

export type WeekProgress = Schemas['WeekProgressDto'];
export type PortalAssignment = Schemas['PortalAssignmentDto'];
export type PortalEntry = Schemas['PortalEntryDto'];
export type LogEntryRequest = Schemas['LogEntryCommand'];
export type ReviseEntryRequest = Schemas['ReviseEntryCommand'];
export type PortalMe = Schemas['PortalMeDto'];
