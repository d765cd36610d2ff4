/*
 * The Clinic API's types, generated from its OpenAPI document: schema.d.ts is made from
 * openapi.json by `npm run api:types`; the API's contract test keeps openapi.json equal to what the
 * API serves, and schema.spec.ts keeps schema.d.ts equal to openapi.json. The names below are the
 * web app's names for those schemas. Only what the document cannot say is written by hand here.
 */
import type { components } from './schema';

/** Every schema in the API's document, by its C# name (`CoupleDto`, `CreateSessionCommand`, …). */
export type Schemas = components['schemas'];

export type Guid = string;
/** `YYYY-MM-DD` */
export type IsoDate = string;

/** The API's page envelope (`…DtoPaged`) around items of one type. */
export type Paged<T> = Omit<Schemas['CoupleSummaryDtoPaged'], 'items'> & { items: T[] };

// --- auth -------------------------------------------------------------------------------

/** The API sends roles as plain strings (`MeDto.role`); these are the three it issues. */
export type Role = 'admin' | 'therapist' | 'client';
const ROLES: readonly string[] = ['admin', 'therapist', 'client'] satisfies Role[];

export function isRole(role: string | null | undefined): role is Role {
  return role != null && ROLES.includes(role);
}

export type SessionUser = Schemas['UserSummaryDto'];
export type LoginRequest = Schemas['LoginCommand'];
/**
 * `mfaEnrolmentRequired`: the practice requires two-step verification and this user has not
 * enrolled; the token opens only `/api/me`, logout and the enrolment endpoints (account-types.ts).
 */
export type TokenResponse = Schemas['AccessTokenDto'];
export type AcceptInvitationRequest = Schemas['AcceptInvitationCommand'];
export type Invitation = Schemas['PartnerInvitationDto'];

// --- admin ------------------------------------------------------------------------------

export type Therapist = Schemas['TherapistDto'];
export type InviteTherapistRequest = Schemas['CreateTherapistCommand'];
export type InvitedTherapist = Schemas['TherapistInvitationDto'];
export type AuditEvent = Schemas['AuditEventDto'];
export type AuditPerson = Schemas['AuditPersonDto'];
export type AuditCouple = Schemas['AuditCoupleDto'];


// --- couples ----------------------------------------------------------------------------

export type CoupleStatus = Schemas['CoupleStatus'];
export const COUPLE_STATUSES: readonly CoupleStatus[] = ['intake', 'active', 'paused', 'closed'];

export type CoupleSummary = Schemas['CoupleSummaryDto'];

export type PartnerLabel = Schemas['PartnerLabel'];
export type PortalStatus = Schemas['PortalStatus'];
export type Partner = Schemas['PartnerDto'];
export type Couple = Schemas['CoupleDto'];
export type NewPartner = Schemas['NewPartner'];
export type CreateCoupleRequest = Schemas['CreateCoupleCommand'];
export type UpdateCoupleRequest = Schemas['UpdateCoupleCommand'];
export type CloseCoupleRequest = Schemas['CloseCoupleCommand'];
export type ClosingReason = Schemas['ClosingReason'];
export type ClosingSummaryDraft = Schemas['ClosingSummaryDraftDto'];

// --- sessions ---------------------------------------------------------------------------

export type SessionFormat = Schemas['SessionFormat'];
export type Attendance = Schemas['Attendance'];
export type CyclePosition = Schemas['CyclePosition'];

/** The API checks markers against its own list (CycleMarkers) but sends them as strings. */
export type ChangeMarker =
  | 'cycleNamedByCouple'
  | 'repairAttempt'
  | 'withdrawerReengagement'
  | 'blamerSoftening'
  | 'attachmentInjuryRaised';

export const CHANGE_MARKERS: readonly ChangeMarker[] = [
  'cycleNamedByCouple',
  'repairAttempt',
  'withdrawerReengagement',
  'blamerSoftening',
  'attachmentInjuryRaised',
];

export function isChangeMarker(marker: string): marker is ChangeMarker {
  return (CHANGE_MARKERS as readonly string[]).includes(marker);
}

/** The five moves of the EFT Tango (DESIGN §18), in the order a session walks them. */
export type TangoMove =
  | 'mirroring_present_process'
  | 'affect_assembly_and_deepening'
  | 'choreographing_engaged_encounters'
  | 'processing_the_encounter'
  | 'integrating_and_validating';

export const TANGO_MOVES: readonly TangoMove[] = [
  'mirroring_present_process',
  'affect_assembly_and_deepening',
  'choreographing_engaged_encounters',
  'processing_the_encounter',
  'integrating_and_validating',
];

export type ExcerptCandidate = Schemas['ExcerptCandidateDto'];

/** The cycle record as the API sends it; null on a session recorded without one. */
export type CycleRecord = Schemas['CycleDto'];
export type CycleInput = Schemas['CycleInput'];

export type SessionBody = Schemas['CreateSessionCommand'];
export type UpdateSessionRequest = Schemas['UpdateSessionCommand'];
export type Amendment = Schemas['AmendmentDto'];
export type Session = Schemas['SessionDto'];
export type SessionSummary = Schemas['SessionSummaryDto'];

// --- errors -----------------------------------------------------------------------------

/** RFC 9457 problem details as the API sends them (its OpenAPI document describes only successful answers). */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]>;
  correlationId?: string;
  mfaRequired?: boolean;
  [extension: string]: unknown;
}
