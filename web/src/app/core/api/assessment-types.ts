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
export type Scores = Schemas['ScoresDto'];
export type SubscaleChange = Schemas['SubscaleChangeDto'];
export type AssessmentChange = Schemas['ChangeDto'];
export type Assessment = Schemas['AssessmentDto'];

export type RecordAssessmentRequest = Schemas['RecordAssessmentCommand'];
export type RequestQuestionnaireRequest = Schemas['RequestQuestionnaireCommand'];
export type QuestionnaireRequest = Schemas['QuestionnaireRequestDto'];

// --- portal -----------------------------------------------------------------------------

export type PortalQuestionnaire = Schemas['PortalQuestionnaireDto'];
export type PortalForm = Schemas['PortalFormDto'];
export type PortalItem = Schemas['PortalItemDto'];
export type AnswerQuestionnaireRequest = Schemas['AnswerQuestionnaireCommand'];
