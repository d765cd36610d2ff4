import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { TokenResponse } from '../api/api-types';
import { authInterceptor } from './auth-interceptor';
import { AuthStore } from './auth-store';

const tokens = (accessToken: string): TokenResponse => ({
  accessToken,
  expiresIn: 600,
  user: { id: 'u1', role: 'therapist', displayName: 'Ada Moss' },
  mfaEnrolmentRequired: false,
  practiceTimeZone: 'Europe/London',
  practiceToday: '2026-12-07',
});

/** Lets the interceptor's promise-based refresh settle between expectations. */
const settle = () => new Promise((resolve) => setTimeout(resolve));

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let auth: AuthStore;
  let navigate: ReturnType<typeof vi.spyOn>;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthStore);
    navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);

    const login = auth.login('ada@clinic.test', 'pw');
    backend.expectOne('/api/auth/login').flush(tokens('old'));
    await login;
  });

  afterEach(() => backend.verify());

  it('adds the bearer token to API calls', async () => {
    const response = firstValueFrom(http.get('/api/couples'));
    const request = backend.expectOne('/api/couples');
    expect(request.request.headers.get('Authorization')).toBe('Bearer old');
    expect(request.request.withCredentials).toBe(false);
    request.flush({ items: [] });
    await response;
  });

  it('leaves other origins and paths alone', async () => {
    const response = firstValueFrom(http.get('https://example.org/api/x'));
    const request = backend.expectOne('https://example.org/api/x');
    expect(request.request.headers.has('Authorization')).toBe(false);
    request.flush({});
    await response;
  });

  it('sends cookies to auth endpoints', async () => {
    const response = firstValueFrom(http.post('/api/auth/logout', null));
    const request = backend.expectOne('/api/auth/logout');
    expect(request.request.withCredentials).toBe(true);
    expect(request.request.headers.get('Authorization')).toBe('Bearer old');
    request.flush(null);
    await response;
  });

  it('refreshes once on a 401 and retries with the new token', async () => {
    const response = firstValueFrom(http.get('/api/me'));
    backend.expectOne('/api/me').flush(null, { status: 401, statusText: 'Unauthorized' });

    backend.expectOne('/api/auth/refresh').flush(tokens('new'));
    await settle();

    const retry = backend.expectOne('/api/me');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer new');
    retry.flush({ id: 'u1' });
    await expect(response).resolves.toEqual({ id: 'u1' });
  });

  it('shares one refresh between concurrent 401s', async () => {
    const first = firstValueFrom(http.get('/api/couples'));
    const second = firstValueFrom(http.get('/api/me'));
    backend.expectOne('/api/couples').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/me').flush(null, { status: 401, statusText: 'Unauthorized' });

    const refreshes = backend.match('/api/auth/refresh');
    expect(refreshes).toHaveLength(1);
    refreshes[0].flush(tokens('new'));
    await settle();

    backend.expectOne('/api/couples').flush({ items: [] });
    backend.expectOne('/api/me').flush({ id: 'u1' });
    await expect(Promise.all([first, second])).resolves.toEqual([{ items: [] }, { id: 'u1' }]);
  });

  it('does not refresh twice when the retried call is refused again', async () => {
    const response = firstValueFrom(http.get('/api/me'));
    backend.expectOne('/api/me').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/auth/refresh').flush(tokens('new'));
    await settle();
    backend.expectOne('/api/me').flush(null, { status: 401, statusText: 'Unauthorized' });

    await expect(response).rejects.toMatchObject({ status: 401 });
    backend.expectNone('/api/auth/refresh');
  });

  it('clears the session and goes to sign in when the refresh fails, writing nothing to browser storage', async () => {
    const response = firstValueFrom(http.get('/api/me'));
    backend.expectOne('/api/me').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/auth/refresh').flush(null, { status: 401, statusText: 'Unauthorized' });

    await expect(response).rejects.toMatchObject({ status: 401 });
    expect(auth.isAuthenticated()).toBe(false);
    expect(auth.accessToken()).toBeNull();
    expect(localStorage.length + sessionStorage.length).toBe(0);
    expect(navigate).toHaveBeenCalledWith(['/login'], expect.objectContaining({ queryParams: expect.objectContaining({ reason: 'expired' }) }));
  });

  it('does not refresh when sign-in itself answers 401', async () => {
    const response = firstValueFrom(http.post('/api/auth/login', {}));
    backend.expectOne('/api/auth/login').flush({ title: 'Sign-in failed' }, { status: 401, statusText: 'Unauthorized' });
    await expect(response).rejects.toMatchObject({ status: 401 });
    backend.expectNone('/api/auth/refresh');
  });

  it('passes other errors through untouched', async () => {
    const response = firstValueFrom(http.get('/api/couples/x'));
    backend.expectOne('/api/couples/x').flush(null, { status: 404, statusText: 'Not Found' });
    await expect(response).rejects.toMatchObject({ status: 404 });
    backend.expectNone('/api/auth/refresh');
  });
});
