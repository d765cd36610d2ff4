import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { CrisisResources, PracticeSettings, UpdatePracticeSettingsRequest } from './practice-types';

@Injectable({ providedIn: 'root' })
export class PracticeApi {
  private readonly http = inject(HttpClient);

  settings(): Observable<PracticeSettings> {
    return this.http.get<PracticeSettings>('/api/admin/practice');
  }

  save(body: UpdatePracticeSettingsRequest): Observable<PracticeSettings> {
    return this.http.put<PracticeSettings>('/api/admin/practice', body);
  }

  crisisResources(): Observable<CrisisResources> {
    return this.http.get<CrisisResources>('/api/portal/crisis-resources');
  }
}
