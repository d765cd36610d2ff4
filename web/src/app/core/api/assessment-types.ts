import { Guid, IsoDate } from './api-types';

/* Mirrors api/Features/Assessments (DTO records; camelCase, snake_case enum words). */

export type AssessmentSource = 'portal' | 'therapist';
export type AttachmentQuadrant = 'secure' | 'preoccupied' | 'dismissing' | 'fearful';
export type QuestionnaireStatus = 'pending' | 'completed' | 'cancelled';
export type ChangeDirection = 'none' | 'improved' | 'deteriorated';

export interface ScaleAnchor {
  value: number;
  label: string;
}

export interface ResponseScale {
  min: number;
  max: number;
  anchors: ScaleAnchor[];
  note?: string | null;
}

export interface InstrumentItem {
  id: string;
  number: number;
  text: string;
  subscale?: string;
  reverse?: boolean;
}

export interface Instrument {
  code: string;
  version: number;
  title: string;
  citation: string;
  instructions: string;
  scale: ResponseScale;
  items: InstrumentItem[];
}

export interface Scores {
  avoidance: number;
  anxiety: number;
}

export interface SubscaleChange {
  previous: number;
  current: number;
  change: number;
  rci: number;
  reliable: boolean;
  direction: ChangeDirection;
  reading: string;
  standardErrorOfDifference: number;
  provisionalParameters: boolean;
}

export interface AssessmentChange {
  previousAssessmentId: Guid;
  previousAdministeredOn: IsoDate;
  avoidance: SubscaleChange;
  anxiety: SubscaleChange;
}

export interface Assessment {
  id: Guid;
  coupleId: Guid;
  partnerId: Guid;
  instrument: string;
  instrumentVersion: number;
  administeredOn: IsoDate;
  source: AssessmentSource;
  responses: Record<string, number>;
  scores: Scores;
  quadrant: AttachmentQuadrant | null;
  quadrantNote: string | null;
  change: AssessmentChange | null;
  questionnaireRequestId: Guid | null;
  createdAt: string;
}

export interface RecordAssessmentRequest {
  partnerId: Guid;
  instrument: string;
  administeredOn: IsoDate;
  responses: Record<string, number>;
}

export interface RequestQuestionnaireRequest {
  partnerId: Guid;
  instrument: string;
  shareResultsWithClient: boolean;
}

export interface QuestionnaireRequest {
  id: Guid;
  coupleId: Guid;
  partnerId: Guid;
  instrument: string;
  requestedAt: string;
  shareResultsWithClient: boolean;
  status: QuestionnaireStatus;
  completedAt: string | null;
  assessmentId: Guid | null;
}

// --- portal -----------------------------------------------------------------------------

export interface PortalQuestionnaire {
  id: Guid;
  instrument: string;
  status: QuestionnaireStatus;
  requestedAt: string;
  completedAt: string | null;
  resultsShared: boolean;
  form: {
    code: string;
    version: number;
    title: string;
    instructions: string;
    scale: ResponseScale;
    items: InstrumentItem[];
  };
  results: { scores: Scores; quadrant: AttachmentQuadrant | null; quadrantNote: string | null } | null;
}

export interface AnswerQuestionnaireRequest {
  responses: Record<string, number>;
}
