import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import {
  AnsweredQuestionnaire,
  AnswerQuestionnaireRequest,
  Assessment,
  PortalQuestionnaire,
  CreateMeasureScheduleRequest,
  MeasureSchedule,
  QuestionnaireDraft,
  QuestionnaireRequest,
  RecordAssessmentRequest,
  RequestQuestionnaireRequest,
  SaveQuestionnaireDraftRequest,
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

  /** The stored questionnaire, and the crisis text when the answers reach a risk item (PHQ-9 item 9 above 0). */
  answer(questionnaireId: string, body: AnswerQuestionnaireRequest): Observable<AnsweredQuestionnaire> {
    return this.http.post<AnsweredQuestionnaire>(`/api/portal/questionnaires/${id(questionnaireId)}`, body);
  }

  schedule(coupleId: string, body: CreateMeasureScheduleRequest): Observable<MeasureSchedule> {
    return this.http.post<MeasureSchedule>(`/api/couples/${id(coupleId)}/measure-schedules`, body);
  }

  /** A soft end: no more requests; the schedule and its requests are kept. */
  stopSchedule(coupleId: string, scheduleId: string): Observable<MeasureSchedule> {
    return this.http.delete<MeasureSchedule>(`/api/couples/${id(coupleId)}/measure-schedules/${id(scheduleId)}`);
  }

  /** Keeps the answers so far on the server (never in the browser) until they are sent. */
  saveDraft(questionnaireId: string, body: SaveQuestionnaireDraftRequest): Observable<QuestionnaireDraft> {
    return this.http.put<QuestionnaireDraft>(`/api/portal/questionnaires/${id(questionnaireId)}/draft`, body);
  }
}
