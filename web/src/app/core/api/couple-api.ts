import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { CycleInput, Partner, Schemas, Session } from './api-types';
import { CycleMap, SaveCycleMapRequest } from './cycle-map-types';

const id = encodeURIComponent;

/** Writes of the couple workspace: partner corrections, the cycle map, cycle corrections. */
@Injectable({ providedIn: 'root' })
export class CoupleApi {
  private readonly http = inject(HttpClient);

  correctPartner(coupleId: string, partnerId: string, body: Schemas['CorrectPartnerCommand']): Observable<Partner> {
    return this.http.patch<Partner>(`/api/couples/${id(coupleId)}/partners/${id(partnerId)}`, body);
  }

  saveCycleMap(coupleId: string, body: SaveCycleMapRequest): Observable<CycleMap> {
    return this.http.put<CycleMap>(`/api/couples/${id(coupleId)}/cycle-map`, body);
  }

  shareCycleMap(coupleId: string): Observable<CycleMap> {
    return this.http.post<CycleMap>(`/api/couples/${id(coupleId)}/cycle-map/share`, null);
  }

  unshareCycleMap(coupleId: string): Observable<CycleMap> {
    return this.http.post<CycleMap>(`/api/couples/${id(coupleId)}/cycle-map/unshare`, null);
  }

  /** An amendment that corrects the signed cycle record; the text is the reason. */
  correctCycle(sessionId: string, text: string, cycle: CycleInput): Observable<Session> {
    const body: Schemas['AmendSessionCommand'] = { text, cycle };
    return this.http.post<Session>(`/api/sessions/${id(sessionId)}/amendments`, body);
  }
}
