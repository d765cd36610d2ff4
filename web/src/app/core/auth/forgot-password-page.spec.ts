import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ForgotPasswordPage } from './forgot-password-page';

describe('ForgotPasswordPage', () => {
  it('sends the address and says the same thing whether or not it has an account', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ForgotPasswordPage);
    const element: HTMLElement = fixture.nativeElement;
    await fixture.whenStable();

    const input = element.querySelector<HTMLInputElement>('input[type=email]')!;
    input.value = 'someone@example.test';
    input.dispatchEvent(new Event('input'));
    element.querySelector('form')!.dispatchEvent(new Event('submit'));
    const request = backend.expectOne({ method: 'POST', url: '/api/auth/password/forgot' });
    expect(request.request.body).toEqual({ email: 'someone@example.test' });
    request.flush(null, { status: 202, statusText: 'Accepted' });
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();

    const status = element.querySelector('[role=status]')!.textContent!;
    expect(status).toContain('If there is an account for someone@example.test');
    expect(status).toContain('one hour');
    backend.verify();
  });

  it('does not call the API without a valid address', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ForgotPasswordPage);
    const element: HTMLElement = fixture.nativeElement;
    await fixture.whenStable();

    element.querySelector('form')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();

    expect(element.textContent).toContain('Enter your email address.');
    backend.expectNone('/api/auth/password/forgot');
  });
});
