/*
 * The signed-in user's own account: two-step verification (TOTP), open sessions, password.
 * Mirrors api/Features/Mfa, api/Features/Account and GetMe (api/Features/Auth/Me.cs).
 */
import { Guid, Role } from './api-types';

/** `GET /api/me` */
export interface Me {
  id: Guid;
  email: string;
  role: Role;
  displayName: string;
  mfaEnabled: boolean;
  /** The practice requires two-step verification and this user has not enrolled yet. */
  mfaEnrolmentRequired: boolean;
}

/** `POST /api/me/mfa/enrolment`: a new authenticator key, not yet active. */
export interface MfaEnrolment {
  /** Lower case, grouped in fours with spaces (`abcd efgh …`). */
  sharedKey: string;
  otpauthUri: string;
  qrCodePngBase64: string;
}

/** `POST /api/me/mfa/enrolment/confirm` → ten one-time codes, shown once. */
export interface MfaRecoveryCodes {
  recoveryCodes: string[];
}

/** `DELETE /api/me/mfa`: the current password or a current code proves it is the user. */
export interface DisableMfaRequest {
  currentPassword: string | null;
  code: string | null;
}

/** `GET /api/me/sessions`: one open sign-in, newest first. */
export interface MySession {
  id: Guid;
  createdAt: string;
  lastRefreshedAt: string;
  expiresAt: string;
  clientAddress: string | null;
  userAgent: string | null;
  /** The session this browser is using. */
  current: boolean;
}

/** `POST /api/me/password` → 204, and every session ends, this one included. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}
