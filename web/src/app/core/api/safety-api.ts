import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { Schemas } from './api-types';
import { AnswerCheckInRequest, RiskRecord, SafetyCheck, SafetyFlag, UpdateRiskRecordRequest } from './safety-types';

const id = encodeURIComponent;

/** Safety writes: therapist requests, flags and risk records; the client's check-in answer. */
@Injectable({ providedIn: 'root' })
export class SafetyApi {
  private readonly http = inject(HttpClient);

  requestCheckIn(coupleId: string, partnerId: string): Observable<SafetyCheck> {
    const body: Schemas['RequestSafetyCheckCommand'] = { partnerId };
    return this.http.post<SafetyCheck>(`/api/couples/${id(coupleId)}/safety-checks`, body);
  }

  resolveFlag(flagId: string, note: string): Observable<SafetyFlag> {
    const body: Schemas['ResolveSafetyFlagCommand'] = { note };
    return this.http.post<SafetyFlag>(`/api/safety-flags/${id(flagId)}/resolve`, body);
  }

  saveRiskRecord(coupleId: string, partnerId: string, body: UpdateRiskRecordRequest): Observable<RiskRecord> {
    return this.http.put<RiskRecord>(`/api/couples/${id(coupleId)}/partners/${id(partnerId)}/risk-record`, body);
  }

  /** The answer is the same whatever was said: where to get help now. */
  answerCheckIn(checkInId: string, answers: Record<string, string>): Observable<Schemas['CheckInAnsweredDto']> {
    const body: AnswerCheckInRequest = { answers };
    return this.http.post<Schemas['CheckInAnsweredDto']>(`/api/portal/check-ins/${id(checkInId)}`, body);
  }
}
