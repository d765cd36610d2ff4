import { Schemas } from './api-types';

/* Generated from api/Features/Agreements, Documents, Forms and Releases (see api-types.ts). */

export type DocumentKind = Schemas['DocumentKind'];
export type ConfidentialityPolicy = Schemas['ConfidentialityPolicy'];
export type AgreementStatus = Schemas['AgreementStatus'];
export type SignatureMethod = Schemas['SignatureMethod'];

export type PracticeDocument = Schemas['DocumentDto'];
export type DocumentList = Schemas['DocumentListDto'];

export type Agreement = Schemas['AgreementDto'];
export type PartnerSignature = Schemas['PartnerSignatureDto'];
export type CoupleAgreements = Schemas['CoupleAgreementsDto'];

export type PortalAgreementList = Schemas['PortalAgreementListDto'];
export type PortalAgreement = Schemas['PortalAgreementDto'];

export type IntakeForm = Schemas['IntakeFormDto'];
export type IntakeFormSection = Schemas['FormSection'];
export type IntakeFormSummary = Schemas['IntakeFormSummaryDto'];
export type IntakeFormList = Schemas['IntakeFormListDto'];
export type FormRequestSummary = Schemas['FormRequestSummaryDto'];
export type FormRequestList = Schemas['FormRequestListDto'];
export type FormRequest = Schemas['FormRequestDto'];
export type PortalIntakeForm = Schemas['PortalIntakeFormDto'];
export type PortalIntakeFormList = Schemas['PortalIntakeFormListDto'];

export type ReleaseContent = Schemas['ReleaseContent'];
export type ReleaseStatus = Schemas['ReleaseStatus'];
export type Release = Schemas['ReleaseDto'];
export type ReleaseList = Schemas['ReleaseListDto'];
export type PortalRelease = Schemas['PortalReleaseDto'];
export type PortalReleaseList = Schemas['PortalReleaseListDto'];
export type CreateReleaseRequest = Schemas['CreateReleaseCommand'];

/** An answer as a form keeps it: text, a number, yes/no or a choice's value. */
export type FormAnswer = string | number | boolean | null;

export const POLICY_LABELS: Record<ConfidentialityPolicy, string> = {
  no_secrets: 'No secrets',
  limited_secrets: 'Limited secrets',
  individual_confidentiality: 'Individual confidentiality',
};

/** One sentence per policy, as the practice's policy document explains them. */
export const POLICY_EXPLANATIONS: Record<ConfidentialityPolicy, string> = {
  no_secrets: 'What one partner tells the therapist alone may be brought into joint sessions.',
  limited_secrets: 'The therapist may hold something for a while and encourages the partner to tell the other.',
  individual_confidentiality: 'What one partner says alone stays between them and the therapist.',
};

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  consent: 'Consent to therapy',
  confidentiality_policy: 'Confidentiality policy',
  telehealth_consent: 'Telehealth consent',
  release: 'Release of information',
};

export const RELEASE_CONTENT_LABELS: Record<ReleaseContent, string> = {
  sessions: 'Sessions',
  measures: 'Questionnaire scores',
  homework: 'Homework',
  cycle_map: 'Cycle map',
  messages: 'Messages',
};
