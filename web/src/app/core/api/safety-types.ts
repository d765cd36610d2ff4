import { Schemas } from './api-types';

/* Generated from api/Features/Safety (see api-types.ts). */

export type SafetyCheckReason = Schemas['SafetyCheckReason'];
export type SafetyCheckStatus = Schemas['SafetyCheckStatus'];
export type SafetyFlagStatus = Schemas['SafetyFlagStatus'];
export type ViolenceLevel = Schemas['ViolenceLevel'];
export type SelfHarmRisk = Schemas['SelfHarmRisk'];

export type SafetySummary = Schemas['SafetySummaryDto'];
export type SafetyCheck = Schemas['SafetyCheckDto'];
export type SafetyFlagReason = Schemas['SafetyFlagReason'];
export type SafetyFlag = Schemas['SafetyFlagDto'];
export type RiskRecord = Schemas['RiskRecordDto'];
export type UpdateRiskRecordRequest = Schemas['UpdateRiskRecordCommand'];
export type SafetyOverview = Schemas['SafetyOverviewDto'];

// --- portal -----------------------------------------------------------------------------

export type PortalCheckInItem = Schemas['PortalCheckInItemDto'];
export type PortalCheckIn = Schemas['PortalCheckInDto'];
export type AnswerCheckInRequest = Schemas['AnswerCheckInCommand'];
