import { Schemas } from './api-types';

/* Generated from api/Features/Assessments (see api-types.ts). */

export type AssessmentSource = Schemas['AssessmentSource'];
export type AttachmentQuadrant = Schemas['AttachmentQuadrant'];
export type QuestionnaireStatus = Schemas['QuestionnaireStatus'];
export type ChangeDirection = Schemas['ChangeDirection'];

export type ScaleAnchor = Schemas['ScaleAnchor'];
export type ResponseScale = Schemas['ResponseScale'];
export type InstrumentItem = Schemas['InstrumentItem'];
export type Instrument = Schemas['InstrumentDefinition'];
/** Subscale code → score: `{ total: 14 }` for the sum instruments, ECR-RS `{ avoidance, anxiety }`. */
export type Scores = Record<string, number>;
export type SubscaleDefinition = Schemas['SubscaleDefinition'];
export type ScoreBand = Schemas['ScoreBand'];
export type CutOff = Schemas['CutOff'];
export type ReliableChangeMethod = Schemas['ReliableChangeMethod'];
export type SubscaleChange = Schemas['SubscaleChangeDto'];
export type Assessment = Schemas['AssessmentDto'];

export type RecordAssessmentRequest = Schemas['RecordAssessmentCommand'];
export type RequestQuestionnaireRequest = Schemas['RequestQuestionnaireCommand'];
export type QuestionnaireRequest = Schemas['QuestionnaireRequestDto'];

// --- portal -----------------------------------------------------------------------------

export type PortalQuestionnaire = Schemas['PortalQuestionnaireDto'];
export type AnsweredQuestionnaire = Schemas['AnsweredQuestionnaireDto'];
export type AnswerQuestionnaireRequest = Schemas['AnswerQuestionnaireCommand'];
export type SaveQuestionnaireDraftRequest = Schemas['SaveQuestionnaireDraftCommand'];
export type QuestionnaireDraft = Schemas['QuestionnaireDraftDto'];

// --- schedules --------------------------------------------------------------------------

export type MeasureSchedule = Schemas['MeasureScheduleDto'];
export type CreateMeasureScheduleRequest = Schemas['CreateMeasureScheduleCommand'];
