import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { LoginPage } from './login-page';

describe('LoginPage', () => {
  let fixture: ComponentFixture<LoginPage>;
  let backend: HttpTestingController;
  let element: HTMLElement;
  let navigateByUrl: ReturnType<typeof vi.spyOn>;

  async function create(url = '/login', state?: Record<string, unknown>): Promise<void> {
    TestBed.configureTestingModule({
      imports: [LoginPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([{ path: '**', component: LoginPage }])],
    });
    await TestBed.inject(Router).navigateByUrl(url, { state });
    backend = TestBed.inject(HttpTestingController);
    navigateByUrl = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    fixture = TestBed.createComponent(LoginPage);
    element = fixture.nativeElement;
    await fixture.whenStable();
  }

  function type(selector: string, value: string): void {
    const input = element.querySelector(selector) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  async function submit(): Promise<void> {
    (element.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await settle();
  }

  /** The sign-in promise settles outside Angular's pending tasks; let it run, then render. */
  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  afterEach(() => backend.verify());

  it('after a password reset, has the account\'s email filled in (from the navigation, not the address bar)', async () => {
    await create('/login?reason=password-reset', { email: 'ada@clinic.test' });
    fixture.detectChanges();
    expect((element.querySelector('input[type=email]') as HTMLInputElement).value).toBe('ada@clinic.test');
    expect(element.textContent).toContain('Your new password is set');
  });

  it('labels every field and hides the code field until the API asks for it', async () => {
    await create();
    const labels = Array.from(element.querySelectorAll('mat-label')).map((l) => l.textContent?.trim());
    expect(labels).toEqual(['Email', 'Password']);
    expect(element.querySelector('input[autocomplete="one-time-code"]')).toBeNull();
  });

  it('asks for a TOTP code when the API says MFA is required, then sends it', async () => {
    await create();
    type('input[type=email]', 'ada@clinic.test');
    type('input[type=password]', 'correct horse battery');
    await submit();
    backend
      .expectOne('/api/auth/login')
      .flush({ title: 'Sign-in failed', status: 401, mfaRequired: true }, { status: 401, statusText: 'Unauthorized' });
    await settle();

    const code = element.querySelector('input[autocomplete="one-time-code"]') as HTMLInputElement;
    expect(code).not.toBeNull();
    expect(element.querySelector('[role=alert]')?.textContent?.trim()).toBe('');

    type('input[autocomplete="one-time-code"]', '123456');
    await submit();
    const request = backend.expectOne('/api/auth/login');
    expect(request.request.body).toEqual({ email: 'ada@clinic.test', password: 'correct horse battery', totpCode: '123456' });
    request.flush({ accessToken: 't', expiresIn: 600, user: { id: 'u', role: 'therapist', displayName: 'Ada' } });
    await settle();
    expect(navigateByUrl).toHaveBeenCalledWith('/dashboard');
  });

  it('says only that sign-in failed, whatever the reason', async () => {
    await create();
    type('input[type=email]', 'ada@clinic.test');
    type('input[type=password]', 'wrong');
    await submit();
    backend.expectOne('/api/auth/login').flush({ title: 'Sign-in failed', status: 401 }, { status: 401, statusText: 'Unauthorized' });
    await settle();
    expect(element.querySelector('app-form-messages')?.textContent).toContain('Sign-in failed. Check your email and password.');
  });

  it('returns to the page the user was on, but never to another site', async () => {
    await create('/login?reason=idle&returnUrl=%2Fsessions%2Fs1');
    expect(element.textContent).toContain('signed out after 15 minutes');
    type('input[type=email]', 'ada@clinic.test');
    type('input[type=password]', 'pw');
    await submit();
    backend.expectOne('/api/auth/login').flush({ accessToken: 't', expiresIn: 600, user: { id: 'u', role: 'therapist', displayName: 'Ada' } });
    await settle();
    expect(navigateByUrl).toHaveBeenCalledWith('/sessions/s1');
  });

  it('ignores an off-site return URL', async () => {
    await create('/login?returnUrl=%2F%2Fevil.example');
    type('input[type=email]', 'ada@clinic.test');
    type('input[type=password]', 'pw');
    await submit();
    backend.expectOne('/api/auth/login').flush({ accessToken: 't', expiresIn: 600, user: { id: 'u', role: 'admin', displayName: 'Ada' } });
    await settle();
    expect(navigateByUrl).toHaveBeenCalledWith('/admin/therapists');
  });

  async function reachCodeStep(): Promise<void> {
    type('input[type=email]', 'ada@clinic.test');
    type('input[type=password]', 'correct horse battery');
    await submit();
    backend
      .expectOne('/api/auth/login')
      .flush({ title: 'Sign-in failed', status: 401, mfaRequired: true }, { status: 401, statusText: 'Unauthorized' });
    await settle();
  }

  const labels = () => Array.from(element.querySelectorAll('mat-label')).map((l) => l.textContent?.trim());

  it('moves focus to the code field when the code is asked for', async () => {
    await create();
    await reachCodeStep();
    expect(document.activeElement).toBe(element.querySelector('input[autocomplete="one-time-code"]'));
  });

  it('takes a recovery code instead of the app code, in the format it was shown', async () => {
    await create();
    await reachCodeStep();
    const toggle = Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.includes('Use a recovery code instead'))!;
    toggle.click();
    await settle();
    expect(labels()).toEqual(['Email', 'Password', 'Recovery code']);
    const input = element.querySelector('input[autocomplete="off"]') as HTMLInputElement;
    expect(document.activeElement).toBe(input);

    type('input[autocomplete="off"]', 'ABCD');
    await submit();
    backend.expectNone('/api/auth/login');
    expect(element.querySelector('mat-error')?.textContent).toContain('ten letters and digits');

    type('input[autocomplete="off"]', ' abcde-fghjk ');
    await submit();
    const request = backend.expectOne('/api/auth/login');
    expect(request.request.body.totpCode).toBe('abcde-fghjk');
    request.flush({ title: 'Sign-in failed', status: 401, mfaRequired: true }, { status: 401, statusText: 'Unauthorized' });
    await settle();
    expect(element.querySelector('app-form-messages')?.textContent).toContain('That recovery code did not work');

    // And back to the app's code.
    Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.includes('authenticator app'))!.click();
    await settle();
    expect(labels()).toEqual(['Email', 'Password', 'Authentication code']);
  });

  it('takes a session that must enrol in two-step verification straight to the enrolment screen', async () => {
    await create('/login?returnUrl=%2Fcaseload');
    type('input[type=email]', 'ada@clinic.test');
    type('input[type=password]', 'pw');
    await submit();
    backend.expectOne('/api/auth/login').flush({
      accessToken: 't',
      expiresIn: 600,
      user: { id: 'u', role: 'therapist', displayName: 'Ada' },
      mfaEnrolmentRequired: true,
    });
    await settle();
    expect(navigateByUrl).toHaveBeenCalledWith('/account/two-step-setup');
  });

  it('explains a sign-out after a password change', async () => {
    await create('/login?reason=password-changed');
    expect(element.querySelector('[role=status]')?.textContent).toContain('Your password was changed');
  });
});
