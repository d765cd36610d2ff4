import { Attendance, ChangeMarker, CyclePosition, isChangeMarker, PortalStatus, SessionFormat } from '../../core/api/api-types';

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
