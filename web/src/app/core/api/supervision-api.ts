import { HttpClient, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { Schemas, Session } from './api-types';

export type SupervisionQueueItem = Schemas['SupervisionQueueItemDto'];
export type SupervisedCouple = Schemas['SupervisedCoupleDto'];
export type SupervisionComment = Schemas['SupervisionCommentDto'];
export type SupervisionLog = Schemas['SupervisionLogDto'];
export type SupervisionMeeting = Schemas['SupervisionMeetingDto'];
export type LogSupervisionMeeting = Schemas['LogSupervisionMeetingCommand'];
export type Conceptualisation = Schemas['ConceptualisationDto'];
export type ConceptualisationSections = Schemas['ConceptualisationSections'];
export type ConceptualisationVersion = Schemas['ConceptualisationVersionDto'];

const id = encodeURIComponent;

/** Supervision's writes (DESIGN §18): comments, the co-signature, the log, the case conceptualisation. Reads go through httpResource. */
@Injectable({ providedIn: 'root' })
export class SupervisionApi {
  private readonly http = inject(HttpClient);

  /** `key`: one per submission, reused on its retries, so a comment is stored once. */
  addComment(sessionId: string, text: string, key: string): Observable<SupervisionComment> {
    const body: Schemas['AddSupervisionCommentCommand'] = { text };
    return this.http.post<SupervisionComment>(`/api/sessions/${id(sessionId)}/supervision-comments`, body, {
      headers: new HttpHeaders({ 'Idempotency-Key': key }),
    });
  }

  cosign(sessionId: string, version: number): Observable<Session> {
    const body: Schemas['CosignSessionCommand'] = { version };
    return this.http.post<Session>(`/api/sessions/${id(sessionId)}/cosign`, body);
  }

  flagForSupervision(sessionId: string, discuss: boolean): Observable<Session> {
    const body: Schemas['FlagForSupervisionCommand'] = { discuss };
    return this.http.post<Session>(`/api/sessions/${id(sessionId)}/discuss-in-supervision`, body);
  }

  logMeeting(body: LogSupervisionMeeting, key: string): Observable<SupervisionMeeting> {
    return this.http.post<SupervisionMeeting>('/api/supervision/meetings', body, { headers: new HttpHeaders({ 'Idempotency-Key': key }) });
  }

  saveConceptualisation(coupleId: string, version: number, sections: ConceptualisationSections): Observable<Conceptualisation> {
    const body: Schemas['SaveConceptualisationCommand'] = { version, sections };
    return this.http.put<Conceptualisation>(`/api/couples/${id(coupleId)}/conceptualisation`, body);
  }
}
