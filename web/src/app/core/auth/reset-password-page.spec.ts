import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { ResetPasswordPage } from './reset-password-page';

describe('ResetPasswordPage', () => {
  let fixture: ComponentFixture<ResetPasswordPage>;
  let backend: HttpTestingController;
  let element: HTMLElement;
  let navigate: ReturnType<typeof vi.spyOn>;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    backend = TestBed.inject(HttpTestingController);
    navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    fixture = TestBed.createComponent(ResetPasswordPage);
    fixture.componentRef.setInput('token', 'reset-tok');
    element = fixture.nativeElement;
    fixture.detectChanges();
    TestBed.tick();
  });

  /** The page checks the link as it opens; a working one answers with the account's email. */
  async function linkWorks(): Promise<void> {
    const check = backend.expectOne({ method: 'POST', url: '/api/auth/password/reset/check' });
    expect(check.request.body).toEqual({ token: 'reset-tok' });
    check.flush({ email: 'ada@clinic.test' });
    await fixture.whenStable();
  }

  function fill(password: string, confirm: string): void {
    const [first, second] = Array.from(element.querySelectorAll<HTMLInputElement>('input[type=password]'));
    first.value = password;
    first.dispatchEvent(new Event('input'));
    second.value = confirm;
    second.dispatchEvent(new Event('input'));
    element.querySelector('form')!.dispatchEvent(new Event('submit'));
    fixture.detectChanges();
  }

  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };

  it('sets the new password from the link and sends the user to sign in with the email filled in', async () => {
    await linkWorks();
    expect(element.textContent).toContain('For ada@clinic.test.');
    fill('a brand new password', 'a brand new password');
    const request = backend.expectOne({ method: 'POST', url: '/api/auth/password/reset' });
    expect(request.request.body).toEqual({ token: 'reset-tok', password: 'a brand new password' });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { reason: 'password-reset' }, state: { email: 'ada@clinic.test' } });
  });

  it('says a used link is used before any password is typed, and offers a new one', async () => {
    expect(element.textContent).toContain('Checking the link…');
    backend.expectOne('/api/auth/password/reset/check').flush(
      { title: 'Invalid request', status: 400, errors: { token: ['This reset link has already been used, or a newer link replaced it.'] } },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(element.querySelector('[role=alert]')!.textContent).toContain('This reset link has already been used');
    expect(element.querySelector('input[type=password]')).toBeNull();
    expect(element.querySelector('a[href="/forgot-password"]')).toBeTruthy();
  });

  it('explains a link spent meanwhile, and refuses mismatched passwords without calling the API', async () => {
    await linkWorks();
    fill('a brand new password', 'a different password');
    await fixture.whenStable();
    expect(element.textContent).toContain('the two passwords do not match');
    backend.expectNone('/api/auth/password/reset');

    fill('a brand new password', 'a brand new password');
    backend.expectOne('/api/auth/password/reset').flush(
      { title: 'Invalid request', status: 400, errors: { token: ['This reset link is not valid any more.'] } },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(element.querySelector('[role=alert]')!.textContent).toContain('This reset link is not valid any more.');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('disables the button while the new password is sent, and enables it again after a refusal', async () => {
    await linkWorks();
    const button = () => element.querySelector<HTMLButtonElement>('button[type=submit]')!;
    expect(button().disabled).toBe(false);
    fill('a brand new password', 'a brand new password');
    await fixture.whenStable();
    expect(button().disabled).toBe(true);
    backend
      .expectOne('/api/auth/password/reset')
      .flush({ title: 'Server error', status: 500, correlationId: 'abc-1' }, { status: 500, statusText: 'Server Error' });
    await settle();
    expect(button().disabled).toBe(false);
    expect(element.querySelector('[role=alert]')!.textContent).toContain('abc-1');
    expect(navigate).not.toHaveBeenCalled();
  });
});
