import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { Schemas } from './api-types';
import { formatWhen } from '../../shared/ui/when';

export type Appointment = Schemas['AppointmentDto'];
export type PortalAppointment = Schemas['PortalAppointmentDto'];
export type BookAppointmentRequest = Schemas['BookAppointmentCommand'];
export type ChangeAppointmentRequest = Schemas['ChangeAppointmentCommand'];
export type SessionDraft = Schemas['SessionDraftDto'];
export type AppointmentCalendar = Schemas['CalendarDto'];
export type NotificationPreferences = Schemas['NotificationPreferencesDto'];
export type Delivery = Schemas['DeliveryDto'];

const id = encodeURIComponent;

/** Appointments, email preferences, password reset and the delivery log: writes here, reads through httpResource in pages. */
@Injectable({ providedIn: 'root' })
export class AppointmentsApi {
  private readonly http = inject(HttpClient);

  book(coupleId: string, body: BookAppointmentRequest): Observable<Appointment> {
    return this.http.post<Appointment>(`/api/couples/${id(coupleId)}/appointments`, body);
  }

  change(appointmentId: string, body: ChangeAppointmentRequest): Observable<Appointment> {
    return this.http.patch<Appointment>(`/api/appointments/${id(appointmentId)}`, body);
  }

  hold(appointmentId: string): Observable<SessionDraft> {
    return this.http.post<SessionDraft>(`/api/appointments/${id(appointmentId)}/hold`, null);
  }

  /** The .ics of one of my appointments, fetched with my token (a plain link would carry none). */
  calendarFile(appointmentId: string): Observable<Blob> {
    return this.http.get(`/api/portal/appointments/${id(appointmentId)}.ics`, { responseType: 'blob' });
  }

  savePreferences(body: Schemas['UpdateNotificationPreferencesCommand']): Observable<NotificationPreferences> {
    return this.http.put<NotificationPreferences>('/api/portal/notification-preferences', body);
  }

  unsubscribe(token: string): Observable<Schemas['UnsubscribedDto']> {
    return this.http.post<Schemas['UnsubscribedDto']>('/api/notifications/unsubscribe', null, { params: { token } });
  }

  forgotPassword(email: string): Observable<void> {
    return this.http.post<void>('/api/auth/password/forgot', { email } satisfies Schemas['ForgotPasswordCommand']);
  }

  resetPassword(token: string, password: string): Observable<void> {
    return this.http.post<void>('/api/auth/password/reset', { token, password } satisfies Schemas['ResetPasswordCommand']);
  }

  resend(deliveryId: string): Observable<Delivery> {
    return this.http.post<Delivery>(`/api/admin/deliveries/${id(deliveryId)}/resend`, null);
  }
}

/** "2026-11-09T17:00:00" → "Mon, 9 Nov 2026, 17:00" (the practice's local time, as the API sends it; the app's one date rule). */
export function appointmentWhen(localIso: string): string {
  return formatWhen(localIso, 'weekdayTime');
}

export const ATTENDEE_LABELS: Record<Schemas['Attendees'], string> = {
  both: 'Both partners',
  partner_a: 'Partner A only',
  partner_b: 'Partner B only',
};

export const APPOINTMENT_STATUS_LABELS: Record<Schemas['AppointmentStatus'], string> = {
  booked: 'Booked',
  held: 'Held',
  cancelled: 'Cancelled',
  late_cancelled: 'Late cancellation',
  no_show: 'No-show',
};
