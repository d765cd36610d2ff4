import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ConfirmEmailPage } from './confirm-email-page';

describe('ConfirmEmailPage', () => {
  it('confirms the new sign-in address only when the partner presses the button', async () => {
    TestBed.configureTestingModule({ imports: [ConfirmEmailPage], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    const fixture = TestBed.createComponent(ConfirmEmailPage);
    fixture.componentRef.setInput('token', 'tok-1');
    await fixture.whenStable();
    const backend = TestBed.inject(HttpTestingController);
    const element = fixture.nativeElement as HTMLElement;
    backend.expectNone('/api/auth/email-change/confirm');

    element.querySelector('button')!.click();
    const request = backend.expectOne({ method: 'POST', url: '/api/auth/email-change/confirm' });
    expect(request.request.body).toEqual({ token: 'tok-1' });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();

    expect(element.querySelector('[role="status"]')?.textContent).toContain('From now on you sign in with this address');
  });
});
