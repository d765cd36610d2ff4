import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { isRole, LoginRequest, Role, SessionUser, TokenResponse } from '../api/api-types';
import { usePracticeTimeZone, usePracticeToday } from '../practice/practice-format';
import { removeLegacyLocalDrafts } from './draft-store';

export const AUTH_API = '/api/auth';

/** Where each role lands after signing in. */
export const HOME_BY_ROLE: Record<Role, string> = {
  therapist: '/dashboard',
  client: '/portal',
  admin: '/admin/therapists',
};

/** Where a session limited to enrolling in two-step verification is kept. */
export const TWO_STEP_SETUP_URL = '/account/two-step-setup';

/**
 * Why the sign-in page is shown. `idle` and `expired` bring the user back where they were;
 * the others follow an ending the user chose or caused, so they start from home.
 */
export type SignOutReason = 'idle' | 'expired' | 'password-changed' | 'session-ended' | 'two-step-off';
const RETURNING_REASONS: ReadonlySet<SignOutReason> = new Set(['idle', 'expired']);

/**
 * The signed-in session. The access token lives only in this object's memory — never in
 * localStorage or sessionStorage — so a script injected into the page cannot lift it from
 * storage, and a reload recovers the session through the HttpOnly refresh cookie instead.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);

  private readonly token = signal<string | null>(null);
  private readonly currentUser = signal<SessionUser | null>(null);
  private readonly enrolmentOnly = signal(false);
  private refreshInFlight: Promise<boolean> | null = null;

  readonly user = this.currentUser.asReadonly();
  readonly isAuthenticated = computed(() => this.token() !== null && this.currentUser() !== null);
  /** A role this app does not know opens nothing: it counts as no role. */
  readonly role = computed<Role | null>(() => {
    const role = this.currentUser()?.role;
    return isRole(role) ? role : null;
  });
  /**
   * The practice requires two-step verification and this user has not enrolled: the session
   * opens nothing but the enrolment, so the app shows nothing else until a refresh lifts it.
   */
  readonly mfaEnrolmentRequired = this.enrolmentOnly.asReadonly();
  readonly homeUrl = computed(() => {
    const role = this.role();
    if (role && this.enrolmentOnly()) return TWO_STEP_SETUP_URL;
    return role ? HOME_BY_ROLE[role] : '/login';
  });

  accessToken(): string | null {
    return this.token();
  }

  /** Rejects with the HttpErrorResponse so the sign-in page can read `mfaRequired`. */
  async login(email: string, password: string, totpCode?: string | null): Promise<SessionUser> {
    const body: LoginRequest = { email, password, totpCode: totpCode || null };
    const response = await firstValueFrom(
      this.http.post<TokenResponse>(`${AUTH_API}/login`, body, { withCredentials: true }),
    );
    this.accept(response);
    return response.user;
  }

  /**
   * Exchanges the refresh cookie for a new access token. Concurrent callers share one request:
   * the refresh token rotates on every use, so a second parallel refresh would present an
   * already-used token and revoke the whole session.
   */
  refresh(): Promise<boolean> {
    this.refreshInFlight ??= firstValueFrom(
      this.http.post<TokenResponse | null>(`${AUTH_API}/refresh`, null, { withCredentials: true }),
    )
      .then((response) => {
        // 204 without a body: no refresh cookie, nobody signed in here (a first visit) — not a failure.
        if (!response) {
          this.clearSession();
          return false;
        }
        this.accept(response);
        return true;
      })
      .catch(() => {
        this.clearSession();
        return false;
      })
      .finally(() => (this.refreshInFlight = null));
    return this.refreshInFlight;
  }

  /**
   * Ends the session on the server, then locally, then shows the sign-in page. Always asks the
   * server, with or without a token in memory: the refresh cookie names the session even when the
   * access token has long expired (idle logout, Sign out after a quiet spell), and a session left
   * open there would sign the next person at this device straight back in.
   */
  async logout(reason?: SignOutReason): Promise<void> {
    try {
      await firstValueFrom(this.http.post<void>(`${AUTH_API}/logout`, null, { withCredentials: true }));
    } catch {
      // The server or the network failed; the session still ends here, and with it the in-memory token.
    }
    this.clearSession();
    await this.goToLogin(reason);
  }

  /** Forgets the session in this tab without calling the server, and any note an older version kept here. */
  clearSession(): void {
    this.token.set(null);
    this.currentUser.set(null);
    this.enrolmentOnly.set(false);
    removeLegacyLocalDrafts();
  }

  /** The server has already ended this session (password changed, session ended): sign in again. */
  async signedOutByServer(reason: SignOutReason): Promise<void> {
    this.clearSession();
    await this.goToLogin(reason);
  }

  /** After an involuntary sign-out the user is brought back to where they were. */
  goToLogin(reason?: SignOutReason): Promise<boolean> {
    const queryParams: Record<string, string> = {};
    const returnUrl = this.router.url;
    if (reason) queryParams['reason'] = reason;
    if (reason && RETURNING_REASONS.has(reason) && returnUrl && returnUrl !== '/' && !returnUrl.startsWith('/login')) {
      queryParams['returnUrl'] = returnUrl;
    }
    return this.router.navigate(['/login'], { queryParams });
  }

  private accept(response: TokenResponse): void {
    usePracticeTimeZone(response.practiceTimeZone);
    usePracticeToday(response.practiceToday);
    this.token.set(response.accessToken);
    this.currentUser.set(response.user);
    this.enrolmentOnly.set(response.mfaEnrolmentRequired === true);
  }
}
