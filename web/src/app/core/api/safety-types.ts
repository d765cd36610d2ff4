import { Guid, PartnerLabel } from './api-types';
import { ChoiceOption, FieldType } from './homework-types';

/* Mirrors api/Features/Safety (DTO records; camelCase, snake_case enum words). */

export type SafetyCheckReason = 'intake' | 'therapist_request';
export type SafetyCheckStatus = 'pending' | 'answered';
export type SafetyFlagStatus = 'open' | 'resolved';
export type ViolenceLevel = 'none' | 'situational' | 'coercive_control_suspected';
export type SelfHarmRisk = 'none' | 'low' | 'moderate' | 'high';

export interface SafetySummary {
  hasOpenFlag: boolean;
  jointSessionsPaused: boolean;
  needsJointConfirmation: boolean;
}

export interface SafetyAnswer {
  item: string;
  question: string;
  answer: string;
  answerLabel: string;
  flagged: boolean;
}

export interface SafetyCheck {
  id: Guid;
  partnerId: Guid;
  partnerLabel: PartnerLabel;
  reason: SafetyCheckReason;
  status: SafetyCheckStatus;
  requestedAt: string;
  requestedBy: Guid;
  answeredAt: string | null;
  answers: SafetyAnswer[] | null;
  flagId: Guid | null;
}

export interface SafetyFlagReason {
  item: string;
  answer: string;
  answerLabel: string;
  reason: string;
}

export interface SafetyFlag {
  id: Guid;
  partnerId: Guid;
  partnerLabel: PartnerLabel;
  safetyCheckId: Guid;
  raisedAt: string;
  reasons: SafetyFlagReason[];
  freeText: string | null;
  status: SafetyFlagStatus;
  resolvedAt: string | null;
  resolvedBy: Guid | null;
  resolutionNote: string | null;
}

export interface RiskState {
  violence: ViolenceLevel;
  substanceMisuse: boolean;
  selfHarmRisk: SelfHarmRisk;
  jointSessionsPaused: boolean;
  planNotes: string;
}

export interface RiskRecord extends RiskState {
  partnerId: Guid;
  partnerLabel: PartnerLabel;
  recorded: boolean;
  updatedAt: string | null;
  updatedBy: Guid | null;
  revision: number;
  version: number | null;
  history: (RiskState & { revision: number; updatedAt: string; updatedBy: Guid })[];
}

export interface UpdateRiskRecordRequest extends RiskState {
  version: number | null;
}

export interface SafetyOverview {
  coupleId: Guid;
  summary: SafetySummary;
  flags: SafetyFlag[];
  checks: SafetyCheck[];
  riskRecords: RiskRecord[];
}

// --- portal -----------------------------------------------------------------------------

export interface PortalCheckInItem {
  name: string;
  label: string;
  type: FieldType;
  required: boolean;
  options: ChoiceOption[] | null;
  maxLength: number | null;
  hint: string | null;
}

export interface PortalCheckIn {
  id: Guid;
  title: string;
  introduction: string;
  requestedAt: string;
  items: PortalCheckInItem[];
}
