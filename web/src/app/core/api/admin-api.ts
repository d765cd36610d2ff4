import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { InvitedTherapist, InviteTherapistRequest } from './api-types';

/** Admin writes; reads go through httpResource in the pages. */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);

  inviteTherapist(body: InviteTherapistRequest): Observable<InvitedTherapist> {
    return this.http.post<InvitedTherapist>('/api/admin/therapists', body);
  }

  deactivateTherapist(id: string): Observable<void> {
    return this.http.post<void>(`/api/admin/therapists/${encodeURIComponent(id)}/deactivate`, null);
  }
}
