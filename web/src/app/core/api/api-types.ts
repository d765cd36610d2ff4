/*
 * Hand-written mirror of the Clinic API contract. A later step generates these from the
 * OpenAPI document; until then every API type lives here so that swap touches one folder.
 */

export type Guid = string;
/** `YYYY-MM-DD` */
export type IsoDate = string;
/** `HH:mm` */
export type LocalTime = string;

export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

// --- auth -------------------------------------------------------------------------------

export type Role = 'admin' | 'therapist' | 'client';

export interface SessionUser {
  id: Guid;
  role: Role;
  displayName: string;
}

export interface LoginRequest {
  email: string;
  password: string;
  totpCode?: string | null;
}

export interface TokenResponse {
  accessToken: string;
  expiresIn: number;
  user: SessionUser;
  /**
   * The practice requires two-step verification and this user has not enrolled: the token opens
   * only `/api/me`, logout and the enrolment endpoints (see account-types.ts).
   */
  mfaEnrolmentRequired?: boolean;
}

export interface AcceptInvitationRequest {
  token: string;
  password: string;
}

export interface Invitation {
  invitationToken: string;
  invitationExpiresAt: string;
}

// --- admin ------------------------------------------------------------------------------

export type TherapistStatus = 'invited' | 'active' | 'deactivated';

export interface Therapist {
  id: Guid;
  email: string;
  firstName: string;
  lastName: string;
  displayName: string;
  status: TherapistStatus;
  createdAt: string;
}

export interface InviteTherapistRequest {
  email: string;
  firstName: string;
  lastName: string;
}

export interface InvitedTherapist extends Invitation {
  id: Guid;
  email: string;
}

export interface AuditEvent {
  id: Guid;
  occurredAt: string;
  userId: Guid | null;
  role: Role | null;
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  coupleId: Guid | null;
  clientAddress: string | null;
  outcome: 'allowed' | 'denied';
}

export interface AuditQuery {
  page: number;
  pageSize: number;
  userId?: string;
  coupleId?: string;
  action?: string;
  from?: IsoDate;
  to?: IsoDate;
}

// --- couples ----------------------------------------------------------------------------

export type CoupleStatus = 'intake' | 'active' | 'paused' | 'closed';
export const COUPLE_STATUSES: readonly CoupleStatus[] = ['intake', 'active', 'paused', 'closed'];

export interface CoupleSummary {
  id: Guid;
  displayName: string;
  status: CoupleStatus;
  startedOn: IsoDate;
  sessionCount: number;
  lastSessionOn: IsoDate | null;
}

export interface CoupleQuery {
  search?: string;
  status?: CoupleStatus | '';
  page: number;
  pageSize: number;
}

export type PartnerLabel = 'partner_a' | 'partner_b';
export type PortalStatus = 'none' | 'invited' | 'active';

export interface Partner {
  id: Guid;
  label: PartnerLabel;
  firstName: string;
  lastName: string;
  pronouns: string | null;
  email: string;
  portalStatus: PortalStatus;
}

export interface Couple {
  id: Guid;
  displayName: string;
  status: CoupleStatus;
  startedOn: IsoDate;
  closedOn: IsoDate | null;
  presentingConcerns: string | null;
  goals: string | null;
  version: number;
  partners: Partner[];
}

export interface NewPartner {
  firstName: string;
  lastName: string;
  email: string;
  pronouns: string;
}

export interface CreateCoupleRequest {
  partners: [NewPartner, NewPartner];
  presentingConcerns: string;
  goals: string;
  startedOn: IsoDate;
}

export interface UpdateCoupleRequest {
  version: number;
  status?: CoupleStatus;
  goals?: string;
  presentingConcerns?: string;
}

// --- sessions ---------------------------------------------------------------------------

export type SessionFormat = 'in_person' | 'video';
export type Attendance = 'both' | 'partner_a' | 'partner_b' | 'cancelled' | 'no_show';
export type CyclePosition = 'pursue' | 'withdraw' | 'mixed' | 'not_observed';
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

export interface CyclePartner {
  partnerId: Guid;
  position: CyclePosition;
  intensity: number;
}

export interface CycleRecord {
  partners: CyclePartner[];
  episodesSinceLastSession: number;
  peakIntensity: number;
  repairMinutes: number | null;
  triggers: string[];
  markers: ChangeMarker[];
}

export interface SessionBody {
  date: IsoDate;
  startTime: LocalTime;
  durationMinutes: number;
  format: SessionFormat;
  attendance: Attendance;
  eftStage: number;
  eftStep: number;
  note: string;
  cycle: CycleRecord;
}

export interface UpdateSessionRequest extends SessionBody {
  version: number;
}

export interface Amendment {
  id: Guid;
  text: string;
  authorName: string;
  createdAt: string;
}

export interface Session extends SessionBody {
  id: Guid;
  coupleId: Guid;
  version: number;
  signedAt: string | null;
  signedByName: string | null;
  amendments: Amendment[];
}

export interface SessionSummary {
  id: Guid;
  date: IsoDate;
  startTime: LocalTime;
  durationMinutes: number;
  format: SessionFormat;
  attendance: Attendance;
  eftStage: number;
  eftStep: number;
  signedAt: string | null;
}

// --- portal (shapes not yet fixed by the API: render defensively) -----------------------

export interface PortalListItem {
  id?: Guid;
  title?: string;
  name?: string;
  instrument?: string;
  exerciseCode?: string;
  status?: string;
  dueOn?: IsoDate;
  [extra: string]: unknown;
}

// --- errors -----------------------------------------------------------------------------

/** RFC 9457 problem details as the API sends them. */
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
