import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { Schemas } from './api-types';
import {
  Agreement,
  ConfidentialityPolicy,
  CoupleAgreements,
  CreateReleaseRequest,
  DocumentKind,
  FormAnswer,
  FormRequest,
  FormRequestSummary,
  IntakeForm,
  PortalAgreement,
  PortalIntakeForm,
  PortalRelease,
  PracticeDocument,
  Release,
} from './agreement-types';

const id = encodeURIComponent;

/** Writes for documents, agreements, intake forms and releases — the therapist's, the admin's and the partner's. */
@Injectable({ providedIn: 'root' })
export class AgreementsApi {
  private readonly http = inject(HttpClient);

  // --- admin --------------------------------------------------------------------------------

  createDocument(kind: DocumentKind, title: string, body: string): Observable<PracticeDocument> {
    const request: Schemas['CreateDocumentCommand'] = { kind, title, body };
    return this.http.post<PracticeDocument>('/api/admin/documents', request);
  }

  publishVersion(documentId: string, basedOnVersion: number, title: string, body: string): Observable<PracticeDocument> {
    const request: Schemas['PublishDocumentVersionCommand'] = { basedOnVersion, title, body };
    return this.http.post<PracticeDocument>(`/api/admin/documents/${id(documentId)}/versions`, request);
  }

  form(code: string): Observable<IntakeForm> {
    return this.http.get<IntakeForm>(`/api/forms/${id(code)}`);
  }

  createForm(request: Schemas['CreateFormCommand']): Observable<IntakeForm> {
    return this.http.post<IntakeForm>('/api/admin/forms', request);
  }

  // --- therapist ----------------------------------------------------------------------------

  send(coupleId: string, documentKind: DocumentKind, policy: ConfidentialityPolicy | null): Observable<Agreement> {
    const request: Schemas['SendAgreementCommand'] = { documentKind, policy };
    return this.http.post<Agreement>(`/api/couples/${id(coupleId)}/agreements`, request);
  }

  remind(coupleId: string, agreementId: string): Observable<Agreement> {
    return this.http.post<Agreement>(`/api/couples/${id(coupleId)}/agreements/${id(agreementId)}/remind`, null);
  }

  recordPaper(coupleId: string, agreementId: string, partnerId: string, signedOn: string, note: string | null): Observable<Agreement> {
    const request: Schemas['RecordPaperSignatureCommand'] = { partnerId, signedOn, note };
    return this.http.post<Agreement>(`/api/couples/${id(coupleId)}/agreements/${id(agreementId)}/paper`, request);
  }

  startIntake(coupleId: string, policy: ConfidentialityPolicy, includeTelehealth: boolean): Observable<CoupleAgreements> {
    const request: Schemas['StartIntakeCommand'] = { policy, includeTelehealth, formCode: null };
    return this.http.post<CoupleAgreements>(`/api/couples/${id(coupleId)}/intake`, request);
  }

  requestForm(coupleId: string, formCode: string, partnerId: string): Observable<FormRequestSummary> {
    const request: Schemas['RequestFormCommand'] = { formCode, partnerId };
    return this.http.post<FormRequestSummary>(`/api/couples/${id(coupleId)}/form-requests`, request);
  }

  createRelease(coupleId: string, request: CreateReleaseRequest): Observable<Release> {
    return this.http.post<Release>(`/api/couples/${id(coupleId)}/releases`, request);
  }

  /** A partner's form with their answers (read as a write would be: on demand, and audited by the API). */
  formRequest(coupleId: string, requestId: string): Observable<FormRequest> {
    return this.http.get<FormRequest>(`/api/couples/${id(coupleId)}/form-requests/${id(requestId)}`);
  }

  // --- portal -------------------------------------------------------------------------------

  sign(agreementId: string, typedName: string, textSha256: string): Observable<PortalAgreement> {
    const request: Schemas['SignMyAgreementCommand'] = { typedName, agreeToSignElectronically: true, textSha256 };
    return this.http.post<PortalAgreement>(`/api/portal/agreements/${id(agreementId)}/sign`, request);
  }

  decline(agreementId: string, reason: string): Observable<PortalAgreement> {
    const request: Schemas['DeclineMyAgreementCommand'] = { reason };
    return this.http.post<PortalAgreement>(`/api/portal/agreements/${id(agreementId)}/decline`, request);
  }

  signRelease(releaseId: string, typedName: string, textSha256: string): Observable<PortalRelease> {
    const request: Schemas['SignMyReleaseCommand'] = { typedName, agreeToSignElectronically: true, textSha256 };
    return this.http.post<PortalRelease>(`/api/portal/releases/${id(releaseId)}/sign`, request);
  }

  revokeRelease(releaseId: string, reason: string | null): Observable<PortalRelease> {
    const request: Schemas['RevokeMyReleaseCommand'] = { reason };
    return this.http.post<PortalRelease>(`/api/portal/releases/${id(releaseId)}/revoke`, request);
  }

  saveFormDraft(requestId: string, answers: Record<string, FormAnswer>): Observable<PortalIntakeForm> {
    return this.http.put<PortalIntakeForm>(`/api/portal/forms/${id(requestId)}/draft`, { answers });
  }

  submitForm(requestId: string, answers: Record<string, FormAnswer>): Observable<PortalIntakeForm> {
    return this.http.post<PortalIntakeForm>(`/api/portal/forms/${id(requestId)}`, { answers });
  }
}
