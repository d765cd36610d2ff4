import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { Schemas } from './api-types';
import { PlanReview, PortalPlan, SavePlanRequest, TreatmentPlan } from './plan-types';

const id = encodeURIComponent;

/** Writes of the treatment plan: the therapist's saves and reviews, a partner's agreement. */
@Injectable({ providedIn: 'root' })
export class PlanApi {
  private readonly http = inject(HttpClient);

  save(coupleId: string, body: SavePlanRequest): Observable<TreatmentPlan> {
    return this.http.put<TreatmentPlan>(`/api/couples/${id(coupleId)}/treatment-plan`, body);
  }

  review(coupleId: string, summary: string, changes: string): Observable<PlanReview> {
    const body: Schemas['ReviewTreatmentPlanCommand'] = { summary, changes };
    return this.http.post<PlanReview>(`/api/couples/${id(coupleId)}/treatment-plan/reviews`, body);
  }

  agree(version: number, typedName: string, textSha256: string): Observable<PortalPlan> {
    const body: Schemas['AgreeToTreatmentPlanCommand'] = { version, typedName, agreeToSignElectronically: true, textSha256 };
    return this.http.post<PortalPlan>('/api/portal/treatment-plan/agreement', body);
  }
}
