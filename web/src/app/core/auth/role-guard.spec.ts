import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRouteSnapshot, provideRouter, Router, RouterStateSnapshot, UrlTree } from '@angular/router';
import { Role } from '../api/api-types';
import { AuthStore } from './auth-store';
import { enrolmentOnlyGuard, roleGuard, signedOutOnly } from './role-guard';

describe('roleGuard', () => {
  let auth: AuthStore;
  let router: Router;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    auth = TestBed.inject(AuthStore);
    router = TestBed.inject(Router);
  });

  async function signIn(role: Role, mfaEnrolmentRequired = false): Promise<void> {
    const login = auth.login('someone@clinic.test', 'pw');
    TestBed.inject(HttpTestingController)
      .expectOne('/api/auth/login')
      .flush({ accessToken: 't', expiresIn: 600, user: { id: 'u', role, displayName: 'Someone' }, mfaEnrolmentRequired });
    await login;
  }

  function run(guard: ReturnType<typeof roleGuard>, url = '/caseload') {
    return TestBed.runInInjectionContext(() =>
      guard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot),
    );
  }

  it('sends a signed-out visitor to sign in with a way back', () => {
    const result = run(roleGuard('therapist'), '/couples/42');
    expect(result).toBeInstanceOf(UrlTree);
    expect(router.serializeUrl(result as UrlTree)).toBe('/login?returnUrl=%2Fcouples%2F42');
  });

  it('lets the right role through', async () => {
    await signIn('therapist');
    expect(run(roleGuard('therapist'))).toBe(true);
  });

  it('allows any of several roles', async () => {
    await signIn('admin');
    expect(run(roleGuard('therapist', 'admin'))).toBe(true);
  });

  it.each([
    ['client', '/portal'],
    ['admin', '/admin/therapists'],
  ] as const)('sends a %s away from therapist pages to their own home', async (role, home) => {
    await signIn(role);
    const result = run(roleGuard('therapist'));
    expect(router.serializeUrl(result as UrlTree)).toBe(home);
  });

  it('keeps a signed-in user off the sign-in page', async () => {
    const guard = () => TestBed.runInInjectionContext(() => signedOutOnly({} as ActivatedRouteSnapshot, {} as RouterStateSnapshot));
    expect(guard()).toBe(true);
    await signIn('client');
    expect(router.serializeUrl(guard() as UrlTree)).toBe('/portal');
  });

  it('keeps a session limited to two-step enrolment on the enrolment screen, whatever it asks for', async () => {
    await signIn('therapist', true);
    for (const guard of [roleGuard('therapist'), roleGuard('therapist', 'admin', 'client')]) {
      expect(router.serializeUrl(run(guard) as UrlTree)).toBe('/account/two-step-setup');
    }
  });

  it('opens the enrolment screen only to a session that must enrol', async () => {
    const guard = () =>
      TestBed.runInInjectionContext(() =>
        enrolmentOnlyGuard({} as ActivatedRouteSnapshot, { url: '/account/two-step-setup' } as RouterStateSnapshot),
      );
    expect(router.serializeUrl(guard() as UrlTree)).toBe('/login?returnUrl=%2Faccount%2Ftwo-step-setup');
    await signIn('therapist');
    expect(router.serializeUrl(guard() as UrlTree)).toBe('/dashboard');
    await signIn('therapist', true);
    expect(guard()).toBe(true);
  });
});
