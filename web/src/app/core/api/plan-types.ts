import { Schemas } from './api-types';

/* Generated from api/Features/TreatmentPlans (see api-types.ts). */

export type TreatmentPlan = Schemas['TreatmentPlanDto'];
export type PlanGoal = Schemas['TreatmentPlanGoalDto'];
export type GoalMeasure = Schemas['GoalMeasure'];
export type GoalProgress = Schemas['GoalProgress'];
export type GoalIntervention = Schemas['GoalIntervention'];
export type ProgressPoint = Schemas['ProgressPoint'];
export type GoalOwner = Schemas['GoalOwner'];
export type GoalStatus = Schemas['GoalStatus'];
export type MeasureKind = Schemas['MeasureKind'];
export type MeasurePartner = Schemas['MeasurePartner'];
export type MeasureComparison = Schemas['MeasureComparison'];
export type PlanVersion = Schemas['TreatmentPlanVersionDto'];
export type PlanReview = Schemas['TreatmentPlanReviewDto'];
export type SavePlanRequest = Schemas['SaveTreatmentPlanCommand'];
export type PlanGoalInput = Schemas['PlanGoalInput'];
export type PortalPlan = Schemas['PortalTreatmentPlanDto'];
export type PortalGoal = Schemas['PortalGoalDto'];
export type PortalGoalProgress = Schemas['PortalGoalProgressDto'];
export type ClosingSummary = Schemas['ClosingSummaryDto'];
