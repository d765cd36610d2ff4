import { Attendance, ChangeMarker, CyclePosition, isChangeMarker, PortalStatus, SessionFormat, TangoMove } from '../../core/api/api-types';

/** Human wording for the API's enum values, in one place. */
export const FORMAT_LABELS: Record<SessionFormat, string> = { in_person: 'In person', video: 'Video' };

export const ATTENDANCE_LABELS: Record<Attendance, string> = {
  both: 'Both partners',
  partner_a: 'Partner A only',
  partner_b: 'Partner B only',
  cancelled: 'Cancelled',
  no_show: 'No show',
};

export const POSITION_LABELS: Record<CyclePosition, string> = {
  pursue: 'Pursue',
  withdraw: 'Withdraw',
  mixed: 'Mixed',
  not_observed: 'Not observed',
};

export const MARKER_LABELS: Record<ChangeMarker, string> = {
  cycleNamedByCouple: 'Couple named the cycle',
  repairAttempt: 'Repair attempt',
  withdrawerReengagement: 'Withdrawer re-engagement',
  blamerSoftening: 'Blamer softening',
  attachmentInjuryRaised: 'Attachment injury raised',
};

/** The API sends markers as strings: one this app has no words for is shown as sent. */
export function markerLabel(marker: string): string {
  return isChangeMarker(marker) ? MARKER_LABELS[marker] : marker;
}

export const PORTAL_STATUS_LABELS: Record<PortalStatus, string> = {
  none: 'No portal account',
  invited: 'Invited to the portal',
  active: 'Portal account active',
};

/** The EFT Tango's moves as a therapist names them. */
export const TANGO_MOVE_LABELS: Record<TangoMove, string> = {
  mirroring_present_process: 'Mirroring present process',
  affect_assembly_and_deepening: 'Affect assembly and deepening',
  choreographing_engaged_encounters: 'Choreographing engaged encounters',
  processing_the_encounter: 'Processing the encounter',
  integrating_and_validating: 'Integrating and validating',
};
