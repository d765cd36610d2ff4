import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { Schemas } from './api-types';
import { ChangePasswordRequest, DisableMfaRequest, MfaEnrolment, MfaRecoveryCodes } from './account-types';

const id = encodeURIComponent;

/** Writes to the signed-in user's own account; reads (me, sessions) go through httpResource. */
@Injectable({ providedIn: 'root' })
export class AccountApi {
  private readonly http = inject(HttpClient);

  /** The current password proves it is the user: a token alone never receives a key. */
  startMfaEnrolment(currentPassword: string): Observable<MfaEnrolment> {
    const body: Schemas['StartMfaEnrolmentCommand'] = { currentPassword };
    return this.http.post<MfaEnrolment>('/api/me/mfa/enrolment', body);
  }

  confirmMfaEnrolment(code: string): Observable<MfaRecoveryCodes> {
    const body: Schemas['ConfirmMfaEnrolmentCommand'] = { code };
    return this.http.post<MfaRecoveryCodes>('/api/me/mfa/enrolment/confirm', body);
  }

  disableMfa(body: DisableMfaRequest): Observable<void> {
    return this.http.delete<void>('/api/me/mfa', { body });
  }

  endSession(sessionId: string): Observable<void> {
    return this.http.delete<void>(`/api/me/sessions/${id(sessionId)}`);
  }

  /** Sign out everywhere else: every session of mine but this one. */
  endOtherSessions(): Observable<Schemas['EndedSessionsDto']> {
    return this.http.post<Schemas['EndedSessionsDto']>('/api/me/sessions/end-others', null);
  }

  changePassword(body: ChangePasswordRequest): Observable<void> {
    return this.http.post<void>('/api/me/password', body);
  }
}
