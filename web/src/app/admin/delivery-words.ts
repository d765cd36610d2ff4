import { formatWhen } from '../shared/ui/when';
import { Delivery } from '../core/api/appointments-api';

/** Each kind of email in words (the API's MessageKinds); an unknown kind is written from its code. */
const KIND_WORDS: Record<string, string> = {
  portal_invitation: 'Portal invitation',
  therapist_invitation: 'Therapist invitation',
  password_reset: 'Password reset link',
  sign_in_email_changed: 'Sign-in email changed (to the old address)',
  sign_in_email_confirm: 'Confirm the new sign-in email',
  sign_in_email_taken: 'Sign-in email already in use',
  appointment_booked: 'Appointment booked',
  appointment_moved: 'Appointment moved',
  appointment_cancelled: 'Appointment cancelled',
  appointment_reminder: 'Appointment reminder',
  homework_nudge: 'Homework reminder',
  questionnaire_reminder: 'Questionnaire reminder',
  client_booked: 'A client booked (to the therapist)',
  client_moved: 'A client moved a time (to the therapist)',
  client_cancelled: 'A client cancelled (to the therapist)',
  booking_request: 'Booking request to approve',
  waitlist_offer: 'Waitlist offer',
  portal_news: 'Something new in the portal',
};

export function kindWords(kind: string): string {
  const known = KIND_WORDS[kind];
  if (known) return known;
  const words = kind.replace(/_+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const STATUS_WORDS: Record<Delivery['status'], string> = {
  pending: 'Waiting',
  sent: 'Sent',
  failed: 'Failed',
  cancelled: 'Cancelled',
  skipped: 'Skipped',
};

/**
 * The status in words; a message still waiting says when it goes ("due 8 Dec 09:00"), so a reminder
 * written days ahead does not look stuck.
 */
export function statusWords(delivery: Pick<Delivery, 'status' | 'nextAttemptAt'>, now: Date = new Date()): string {
  const words = STATUS_WORDS[delivery.status] ?? delivery.status;
  if (delivery.status !== 'pending' || !delivery.nextAttemptAt) return words;
  if (new Date(delivery.nextAttemptAt).getTime() <= now.getTime()) return `${words}, going out now`;
  return `${words}, due ${formatWhen(delivery.nextAttemptAt, 'short', now)} ${formatWhen(delivery.nextAttemptAt, 'time', now)}`;
}
