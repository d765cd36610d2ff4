import { AuditEvent } from '../core/api/api-types';

/** The actions an admin looks for most, in words; any other is written from its code ("couple.fhir_export" → "Couple fhir export"). */
const ACTION_WORDS: Record<string, string> = {
  'auth.login': 'Sign-in',
  'auth.login_second_step_pending': 'Password accepted, second step pending',
  'auth.logout': 'Sign-out',
  'auth.refresh': 'Token refresh',
  'auth.refresh_reuse': 'Reused sign-in token (session ended)',
  'auth.session_end': 'Session ended by its owner',
  'auth.password_change': 'Password changed',
  'auth.password_forgot': 'Password reset asked for',
  'auth.password_reset_link': 'Password reset link sent',
  'auth.password_reset': 'Password reset',
  'auth.invitation_accept': 'Invitation accepted',
  'admin.audit_read': 'Audit log read',
  'admin.audit_export': 'Audit log exported',
  'admin.audit_lookup': 'Audit log filter look-up',
  'admin.therapist_create': 'Therapist invited',
  'admin.therapist_deactivate': 'Therapist deactivated',
  'admin.mfa_reset': 'Two-step sign-in reset',
  'admin.sessions_revoke': 'Sessions ended by an admin',
  'mfa.enable': 'Two-step sign-in turned on',
  'mfa.disable': 'Two-step sign-in turned off',
  'mfa.recovery_code_used': 'Recovery code used',
  'couple.create': 'Couple created',
  'couple.read': 'Couple opened',
  'couple.report': 'Progress report taken',
  'couple.fhir_export': 'Measures exported (FHIR)',
  'safety.flag_raise': 'Safety flag raised',
  'safety.flag_resolve': 'Safety flag resolved',
};

export function actionWords(action: string): string {
  const known = ACTION_WORDS[action];
  if (known) return known;
  // Denied requests record their route ("GET /api/couples/{id}"): shown as they are.
  if (action.includes('/')) return action;
  const words = action.replace(/[._]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The outcome in words, never colour alone. */
export function outcomeWords(event: Pick<AuditEvent, 'outcome'>): string {
  return event.outcome === 'denied' ? '✕ Denied' : 'Allowed';
}

const ROLE_WORDS: Record<string, string> = { admin: 'admin', therapist: 'therapist', client: 'client' };

/** "Ada Moss (therapist)", or the id when the person is no longer on record, or "—" for none. */
export function personWords(event: Pick<AuditEvent, 'userId' | 'userName' | 'role'>): string {
  if (!event.userId) return '—';
  const name = event.userName?.trim() || `Unknown person ${event.userId.slice(0, 8)}`;
  return event.role ? `${name} (${ROLE_WORDS[event.role] ?? event.role})` : name;
}

export function coupleWords(event: Pick<AuditEvent, 'coupleId' | 'coupleName'>): string {
  if (!event.coupleId) return '—';
  return event.coupleName ?? `Couple ${event.coupleId.slice(0, 8)} (no longer on record)`;
}
