import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import {
  AnswerQuestionnaireRequest,
  Assessment,
  PortalQuestionnaire,
  QuestionnaireRequest,
  RecordAssessmentRequest,
  RequestQuestionnaireRequest,
} from './assessment-types';

const id = encodeURIComponent;

/** Assessment writes, therapist and portal. */
@Injectable({ providedIn: 'root' })
export class AssessmentsApi {
  private readonly http = inject(HttpClient);

  record(coupleId: string, body: RecordAssessmentRequest): Observable<Assessment> {
    return this.http.post<Assessment>(`/api/couples/${id(coupleId)}/assessments`, body);
  }

  requestQuestionnaire(coupleId: string, body: RequestQuestionnaireRequest): Observable<QuestionnaireRequest> {
    return this.http.post<QuestionnaireRequest>(`/api/couples/${id(coupleId)}/questionnaire-requests`, body);
  }

  answer(questionnaireId: string, body: AnswerQuestionnaireRequest): Observable<PortalQuestionnaire> {
    return this.http.post<PortalQuestionnaire>(`/api/portal/questionnaires/${id(questionnaireId)}`, body);
  }
}
