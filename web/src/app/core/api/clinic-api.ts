import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import {
  AcceptInvitationRequest,
  CloseCoupleRequest,
  Couple,
  CreateCoupleRequest,
  Invitation,
  Schemas,
  Session,
  SessionBody,
  UpdateCoupleRequest,
  UpdateSessionRequest,
} from './api-types';

const id = encodeURIComponent;

/** Clinical writes (couples, sessions, invitations); reads go through httpResource in pages. */
@Injectable({ providedIn: 'root' })
export class ClinicApi {
  private readonly http = inject(HttpClient);

  createCouple(body: CreateCoupleRequest): Observable<Couple> {
    return this.http.post<Couple>('/api/couples', body);
  }

  updateCouple(coupleId: string, body: UpdateCoupleRequest): Observable<Couple> {
    return this.http.patch<Couple>(`/api/couples/${id(coupleId)}`, body);
  }

  /** Closes the case with a reason and the signed closing summary (the update route no longer closes). */
  closeCouple(coupleId: string, body: CloseCoupleRequest): Observable<Couple> {
    return this.http.post<Couple>(`/api/couples/${id(coupleId)}/close`, body);
  }

  invitePartner(coupleId: string, partnerId: string): Observable<Invitation> {
    return this.http.post<Invitation>(`/api/couples/${id(coupleId)}/partners/${id(partnerId)}/invitation`, null);
  }

  createSession(coupleId: string, body: SessionBody): Observable<Session> {
    return this.http.post<Session>(`/api/couples/${id(coupleId)}/sessions`, body);
  }

  updateSession(sessionId: string, body: UpdateSessionRequest): Observable<Session> {
    return this.http.put<Session>(`/api/sessions/${id(sessionId)}`, body);
  }

  signSession(sessionId: string, version: number): Observable<Session> {
    const body: Schemas['SignSessionCommand'] = { version };
    return this.http.post<Session>(`/api/sessions/${id(sessionId)}/sign`, body);
  }

  amendSession(sessionId: string, text: string): Observable<Session> {
    const body: Schemas['AmendSessionCommand'] = { text };
    return this.http.post<Session>(`/api/sessions/${id(sessionId)}/amendments`, body);
  }

  acceptInvitation(body: AcceptInvitationRequest): Observable<void> {
    return this.http.post<void>('/api/auth/invitations/accept', body);
  }
}
