/*
 * The signed-in user's own account: two-step verification (TOTP), open sessions, password.
 * Generated from api/Features/Mfa, api/Features/Account and GetMe (api/Features/Auth/Me.cs).
 */
import { Schemas } from './api-types';

/** `GET /api/me`; `mfaEnrolmentRequired`: the practice requires two-step verification and this user has not enrolled yet. */
export type Me = Schemas['MeDto'];

/** `POST /api/me/mfa/enrolment`: a new authenticator key, not yet active; `sharedKey` is grouped in fours. */
export type MfaEnrolment = Schemas['MfaEnrolmentDto'];

/** `POST /api/me/mfa/enrolment/confirm` → ten one-time codes, shown once. */
export type MfaRecoveryCodes = Schemas['MfaRecoveryCodesDto'];

/** `DELETE /api/me/mfa`: the current password or a current code proves it is the user. */
export type DisableMfaRequest = Schemas['DisableMfaCommand'];

/** `GET /api/me/sessions`: one open sign-in, newest first; `current` is the one this browser uses. */
export type MySession = Schemas['MySessionDto'];

/** `POST /api/me/password` → 204, and every session ends, this one included. */
export type ChangePasswordRequest = Schemas['ChangePasswordCommand'];
