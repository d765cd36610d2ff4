import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { TokenResponse } from '../api/api-types';
import { AuthStore } from './auth-store';
import { practiceFormat, usePracticeTimeZone, usePracticeToday } from '../practice/practice-format';
import { practiceToday } from '../../shared/ui/dates';
import { formatWhen } from '../../shared/ui/when';

const tokens: TokenResponse = {
  accessToken: 'access-1',
  expiresIn: 600,
  user: { id: 'u1', role: 'therapist', displayName: 'Ada Moss' },
  mfaEnrolmentRequired: false,
  practiceTimeZone: 'Europe/London',
  practiceToday: '2026-12-07',
};

describe('AuthStore', () => {
  let store: AuthStore;
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    store = TestBed.inject(AuthStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('signs in, holding the token in memory only', async () => {
    const login = store.login('ada@clinic.test', 'correct horse battery', null);
    const request = http.expectOne('/api/auth/login');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ email: 'ada@clinic.test', password: 'correct horse battery', totpCode: null });
    expect(request.request.withCredentials).toBe(true);
    request.flush(tokens);

    await expect(login).resolves.toEqual(tokens.user);
    expect(store.accessToken()).toBe('access-1');
    expect(store.isAuthenticated()).toBe(true);
    expect(store.role()).toBe('therapist');
    expect(store.homeUrl()).toBe('/dashboard');
    const stored = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
    expect(stored).not.toContain('access-1');
    expect(document.cookie).not.toContain('access-1');
  });

  it('takes the practice time zone from the sign-in, so every screen writes times in it', async () => {
    const login = store.login('ada@clinic.test', 'correct horse battery', null);
    http.expectOne('/api/auth/login').flush({ ...tokens, practiceTimeZone: 'Australia/Sydney' });
    await login;

    expect(practiceFormat().timeZone).toBe('Australia/Sydney');
    expect(formatWhen('2026-12-07T23:30:00Z', 'dateTime')).toBe('8 Dec 2026, 10:30');
    usePracticeTimeZone(undefined);
  });

  it("takes the app's one today from the sign-in and each refresh: the practice's date as the API says it", async () => {
    const login = store.login('ada@clinic.test', 'correct horse battery', null);
    http.expectOne('/api/auth/login').flush({ ...tokens, practiceToday: '2031-01-02' });
    await login;
    expect(practiceToday()).toBe('2031-01-02');

    const refresh = store.refresh();
    http.expectOne('/api/auth/refresh').flush({ ...tokens, practiceToday: '2031-01-03' });
    await refresh;
    expect(practiceToday()).toBe('2031-01-03');
    usePracticeToday(null);
  });

  it('treats a role the app does not know as no role: it opens no home', async () => {
    const login = store.login('ada@clinic.test', 'pw', null);
    http.expectOne('/api/auth/login').flush({ ...tokens, user: { ...tokens.user, role: 'auditor' } });
    await login;

    expect(store.role()).toBeNull();
    expect(store.homeUrl()).toBe('/login');
  });

  it('passes the TOTP code when one is given', async () => {
    const login = store.login('ada@clinic.test', 'pw', '123456');
    const request = http.expectOne('/api/auth/login');
    expect(request.request.body).toEqual({ email: 'ada@clinic.test', password: 'pw', totpCode: '123456' });
    request.flush(tokens);
    await login;
  });

  it('rejects with the HTTP error and stays signed out when the credentials are wrong', async () => {
    const login = store.login('ada@clinic.test', 'wrong');
    http
      .expectOne('/api/auth/login')
      .flush({ title: 'Sign-in failed', status: 401, mfaRequired: true }, { status: 401, statusText: 'Unauthorized' });
    await expect(login).rejects.toMatchObject({ status: 401, error: { mfaRequired: true } });
    expect(store.isAuthenticated()).toBe(false);
  });

  it('refreshes with the cookie and replaces the token', async () => {
    const refreshed = store.refresh();
    const request = http.expectOne('/api/auth/refresh');
    expect(request.request.withCredentials).toBe(true);
    expect(request.request.body).toBeNull();
    request.flush({ ...tokens, accessToken: 'access-2' });
    await expect(refreshed).resolves.toBe(true);
    expect(store.accessToken()).toBe('access-2');
  });

  it('shares one refresh between concurrent callers', async () => {
    const first = store.refresh();
    const second = store.refresh();
    http.expectOne('/api/auth/refresh').flush(tokens);
    await expect(Promise.all([first, second])).resolves.toEqual([true, true]);
  });

  it('clears the session when the refresh is refused', async () => {
    const login = store.login('ada@clinic.test', 'pw');
    http.expectOne('/api/auth/login').flush(tokens);
    await login;

    const refreshed = store.refresh();
    http.expectOne('/api/auth/refresh').flush(null, { status: 401, statusText: 'Unauthorized' });
    await expect(refreshed).resolves.toBe(false);
    expect(store.accessToken()).toBeNull();
    expect(store.user()).toBeNull();
  });

  it('takes a 204 without a body (no refresh cookie: a first visit) as nobody signed in, without an error', async () => {
    const refreshed = store.refresh();
    http.expectOne('/api/auth/refresh').flush(null, { status: 204, statusText: 'No Content' });
    await expect(refreshed).resolves.toBe(false);
    expect(store.accessToken()).toBeNull();
    expect(store.user()).toBeNull();
  });

  it('logs out on the server, forgets the session and shows the sign-in page', async () => {
    const router = TestBed.inject(Router);
    const navigate = vi.spyOn(router, 'navigate').mockResolvedValue(true);
    const login = store.login('ada@clinic.test', 'pw');
    http.expectOne('/api/auth/login').flush(tokens);
    await login;

    const logout = store.logout();
    const request = http.expectOne('/api/auth/logout');
    expect(request.request.withCredentials).toBe(true);
    request.flush(null, { status: 204, statusText: 'No Content' });
    await logout;

    expect(store.isAuthenticated()).toBe(false);
    expect(store.accessToken()).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: {} });
  });

  it('still signs out locally when the logout call fails', async () => {
    vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const login = store.login('ada@clinic.test', 'pw');
    http.expectOne('/api/auth/login').flush(tokens);
    await login;

    const logout = store.logout('idle');
    http.expectOne('/api/auth/logout').flush(null, { status: 500, statusText: 'Server Error' });
    await logout;
    expect(store.isAuthenticated()).toBe(false);
  });

  it('keeps a session limited to two-step enrolment at the enrolment screen until a refresh lifts the limit', async () => {
    const login = store.login('ada@clinic.test', 'pw');
    http.expectOne('/api/auth/login').flush({ ...tokens, mfaEnrolmentRequired: true });
    await login;
    expect(store.mfaEnrolmentRequired()).toBe(true);
    expect(store.homeUrl()).toBe('/account/two-step-setup');

    const refreshed = store.refresh();
    http.expectOne('/api/auth/refresh').flush({ ...tokens, accessToken: 'access-2', mfaEnrolmentRequired: false });
    await refreshed;
    expect(store.mfaEnrolmentRequired()).toBe(false);
    expect(store.homeUrl()).toBe('/dashboard');
  });

  it('asks the server to end the session even with no access token in memory (the refresh cookie names it)', async () => {
    vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);

    const logout = store.logout('idle');
    const request = http.expectOne('/api/auth/logout');
    expect(request.request.withCredentials).toBe(true);
    request.flush(null, { status: 204, statusText: 'No Content' });
    await logout;

    expect(store.isAuthenticated()).toBe(false);
  });

  it('after the server ended the session, forgets it without calling logout and explains why', async () => {
    const router = TestBed.inject(Router);
    vi.spyOn(router, 'url', 'get').mockReturnValue('/account');
    const navigate = vi.spyOn(router, 'navigate').mockResolvedValue(true);
    const login = store.login('ada@clinic.test', 'pw');
    http.expectOne('/api/auth/login').flush(tokens);
    await login;

    await store.signedOutByServer('password-changed');
    http.expectNone('/api/auth/logout');
    expect(store.isAuthenticated()).toBe(false);
    // A chosen ending starts again from home: no way back to the account page.
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { reason: 'password-changed' } });
  });

  it('brings the user back after an involuntary sign-out', async () => {
    const router = TestBed.inject(Router);
    vi.spyOn(router, 'url', 'get').mockReturnValue('/sessions/s1');
    const navigate = vi.spyOn(router, 'navigate').mockResolvedValue(true);
    await store.goToLogin('expired');
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { reason: 'expired', returnUrl: '/sessions/s1' } });
  });
});
