import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { Role } from '../core/api/api-types';
import { AuthStore } from '../core/auth/auth-store';
import { AccountPage } from './account-page';
import { TwoStepSetupPage } from './two-step-setup-page';

describe('AccountPage', () => {
  let backend: HttpTestingController;

  afterEach(() => backend.verify());

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [AccountPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  async function signIn(role: Role, mfaEnrolmentRequired = false): Promise<void> {
    const login = TestBed.inject(AuthStore).login('x@clinic.test', 'pw');
    backend
      .expectOne('/api/auth/login')
      .flush({ accessToken: 't', expiresIn: 600, user: { id: 'u', role, displayName: 'Someone' }, mfaEnrolmentRequired });
    await login;
  }

  const headings = (element: HTMLElement) => Array.from(element.querySelectorAll('h1, h2')).map((h) => h.textContent?.trim());

  it.each([
    ['therapist', ['Your account', 'Working hours', 'Two-step verification', 'Message emails', 'My sessions', 'Change password']],
    ['admin', ['Your account', 'Two-step verification', 'My sessions', 'Change password']],
    ['client', ['Your account', 'Email reminders', 'Your data', 'My sessions', 'Change password']],
  ] as const)('shows a %s the sections that apply', async (role, expected) => {
    await signIn(role);
    const fixture = TestBed.createComponent(AccountPage);
    fixture.detectChanges();
    TestBed.tick();
    expect(headings(fixture.nativeElement)).toEqual(expected);
    // Only staff load their two-step status.
    expect(backend.match('/api/me')).toHaveLength(role === 'client' ? 0 : 1);
    // Only clients choose email reminders (staff get no reminders).
    expect(backend.match('/api/portal/notification-preferences')).toHaveLength(role === 'client' ? 1 : 0);
    // Only therapists receive message emails (an admin reads no messages).
    expect(backend.match('/api/me/message-email')).toHaveLength(role === 'therapist' ? 1 : 0);
    // Only therapists keep working hours.
    expect(backend.match('/api/me/availability')).toHaveLength(role === 'therapist' ? 1 : 0);
    backend.expectOne('/api/me/sessions');
  });

  it('the enrolment screen asks for the password, starts enrolling, and goes home once the session is a full one', async () => {
    await signIn('therapist', true);
    const navigateByUrl = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const fixture = TestBed.createComponent(TwoStepSetupPage);
    fixture.detectChanges();
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('h1')?.textContent).toContain('Set up two-step verification');
    backend.expectNone('/api/me/mfa/enrolment');
    const password = element.querySelector('input[autocomplete="current-password"]') as HTMLInputElement;
    password.value = 'correct horse battery';
    password.dispatchEvent(new Event('input'));
    Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.includes('Set up two-step verification'))!.click();
    const start = backend.expectOne('/api/me/mfa/enrolment');
    expect(start.request.body).toEqual({ currentPassword: 'correct horse battery' });
    start.flush({ sharedKey: 'abcd', otpauthUri: 'otpauth://x', qrCodePngBase64: 'AA==' });

    // What the enrolment reports when the codes are saved and the session refreshed.
    const refreshed = TestBed.inject(AuthStore).refresh();
    backend
      .expectOne('/api/auth/refresh')
      .flush({ accessToken: 'full', expiresIn: 600, user: { id: 'u', role: 'therapist', displayName: 'Someone' } });
    await refreshed;
    fixture.debugElement.query((d) => d.name === 'app-mfa-enrolment').componentInstance.finished.emit();
    await new Promise((resolve) => setTimeout(resolve));
    expect(navigateByUrl).toHaveBeenCalledWith('/dashboard');
  });
});
