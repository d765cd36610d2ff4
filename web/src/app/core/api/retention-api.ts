import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { Schemas } from './api-types';

export type RetentionCouple = Schemas['RetentionCoupleDto'];
export type SetLegalHoldRequest = Schemas['SetLegalHoldCommand'];
export type PurgeResult = Schemas['PurgeResultDto'];
export type BackupStatus = Schemas['BackupStatusDto'];
export type BackupHealth = Schemas['BackupHealth'];

const id = encodeURIComponent;

/** Retention (legal hold, purge): the writes; reads go through httpResource in the pages (DESIGN §17). */
@Injectable({ providedIn: 'root' })
export class RetentionApi {
  private readonly http = inject(HttpClient);

  /** The admin's hold on any couple. */
  setHold(coupleId: string, body: SetLegalHoldRequest): Observable<RetentionCouple> {
    return this.http.put<RetentionCouple>(`/api/admin/retention/${id(coupleId)}/hold`, body);
  }

  /** The therapist's hold on a couple of their caseload: the panel's record with legalHold and holdReason changed. */
  saveCoupleRetention(coupleId: string, body: Schemas['UpdateCoupleRetentionCommand']): Observable<RetentionCouple> {
    return this.http.put<RetentionCouple>(`/api/couples/${id(coupleId)}/retention`, body);
  }

  purge(coupleId: string, confirm: string): Observable<PurgeResult> {
    return this.http.post<PurgeResult>(`/api/admin/retention/${id(coupleId)}/purge`, { confirm } satisfies Schemas['PurgeCoupleCommand']);
  }
}
