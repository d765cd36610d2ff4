import { Schemas } from './api-types';

/* Generated from api/Features/Dashboard (see api-types.ts). */

export type CycleTrend = Schemas['CycleTrendDirection'];
export type AlertSeverity = Schemas['AlertSeverity'];

/** Every alert code the API can send, generated from the API's `CaseloadAlertCode`: a new code without a label does not compile. */
export type AlertCode = Schemas['CaseloadAlertCode'];

export type CaseloadAlert = Schemas['CaseloadAlert'];
/** `GET /api/dashboard/caseload` row; `recentMeanIntensities`: the last (up to) three rated sessions, oldest first. */
export type CaseloadRow = Schemas['CaseloadRowDto'];
/** `GET /api/dashboard/caseload`: rows come sorted with the couples needing attention first. */
export type CaseloadDashboard = Schemas['CaseloadDashboardDto'];

export type DashboardPartner = Schemas['DashboardPartnerDto'];
/** One session on the pursue–withdraw chart. */
export type CycleSession = Schemas['CycleSessionDto'];
/** A point on the attachment plane; the move from the partner's previous point is reliable only when a change is. */
export type AttachmentPoint = Schemas['AttachmentPointDto'];
/** One instrument's scores over time for both partners, with its cut-off or bands and its reliable-change rule. */
export type MeasureSeries = Schemas['MeasureSeriesDto'];
export type MeasurePoint = Schemas['MeasurePointDto'];
/** `GET /api/couples/{id}/dashboard`: the series behind the couple's four charts. */
export type CoupleDashboard = Schemas['CoupleDashboardDto'];
