import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { groupKey, MfaEnrolment } from './mfa-enrolment';

const enrolment = {
  sharedKey: 'abcd efgh ijkl mnop qrst uvwx yz23 4567',
  otpauthUri: 'otpauth://totp/Clinic:ada%40clinic.test?secret=ABCD&issuer=Clinic&digits=6&period=30',
  qrCodePngBase64: 'iVBORw0KGgo=',
};
const codes = Array.from({ length: 10 }, (_, i) => `AAAA${i}-BBBB${i}`);

describe('MfaEnrolment', () => {
  let fixture: ComponentFixture<MfaEnrolment>;
  let backend: HttpTestingController;
  let element: HTMLElement;
  let finished: number;

  async function create(): Promise<void> {
    TestBed.configureTestingModule({
      imports: [MfaEnrolment],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MfaEnrolment);
    finished = 0;
    fixture.componentInstance.finished.subscribe(() => finished++);
    element = fixture.nativeElement;
    await fixture.whenStable();
  }

  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };
  const button = (text: string) =>
    Array.from(element.querySelectorAll<HTMLButtonElement>('button')).find((b) => b.textContent?.includes(text))!;

  function typeCode(value: string): void {
    const input = element.querySelector('input[autocomplete="one-time-code"]') as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    (element.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
  }

  function typePassword(value: string): void {
    const input = element.querySelector('input[autocomplete="current-password"]') as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  async function startEnrolment(): Promise<void> {
    typePassword('correct horse battery');
    button('Set up two-step verification').click();
    const request = backend.expectOne('/api/me/mfa/enrolment');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ currentPassword: 'correct horse battery' });
    request.flush(enrolment);
    await settle();
  }

  afterEach(() => backend.verify());

  it('shows the QR code with a text alternative and the key in groups of four, then focuses the step', async () => {
    await create();
    await startEnrolment();
    const img = element.querySelector('img') as HTMLImageElement;
    expect(img.getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(img.alt).toContain('QR code');
    expect(element.querySelector('[data-testid=shared-key]')?.textContent?.trim()).toBe('ABCD EFGH IJKL MNOP QRST UVWX YZ23 4567');
    expect(document.activeElement?.textContent).toContain('Add Clinic to your authenticator app');
  });

  it('asks for the current password before any key is made, and shows a wrong one on the field', async () => {
    await create();
    button('Set up two-step verification').click();
    await settle();
    backend.expectNone('/api/me/mfa/enrolment');
    expect(element.querySelector('img')).toBeNull();

    typePassword('not my password');
    button('Set up two-step verification').click();
    backend
      .expectOne('/api/me/mfa/enrolment')
      .flush(
        { title: 'Invalid request', status: 400, errors: { currentPassword: ['The current password is not right. No key was issued.'] } },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle();
    expect(element.querySelector('img')).toBeNull();
    expect(element.querySelector('mat-error')?.textContent).toContain('The current password is not right');
    expect(element.querySelector('input[autocomplete="current-password"]')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('checks the code is 6 digits before asking the API, and shows the API refusal on the field', async () => {
    await create();
    await startEnrolment();
    typeCode('12345');
    await settle();
    backend.expectNone('/api/me/mfa/enrolment/confirm');
    expect(element.querySelector('mat-error')?.textContent).toContain('Enter the 6 digits');

    typeCode('123456');
    backend
      .expectOne('/api/me/mfa/enrolment/confirm')
      .flush(
        { title: 'Validation failed', status: 400, errors: { code: ['This code does not match. Check the time on your device.'] } },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle();
    expect(element.querySelector('mat-error')?.textContent).toContain('This code does not match');
    expect(element.querySelector('input[autocomplete="one-time-code"]')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('shows the ten recovery codes once confirmed, and refreshes the session after they are saved', async () => {
    await create();
    await startEnrolment();
    typeCode('123456');
    const confirm = backend.expectOne('/api/me/mfa/enrolment/confirm');
    expect(confirm.request.body).toEqual({ code: '123456' });
    confirm.flush({ recoveryCodes: codes });
    await settle();

    expect(element.querySelectorAll('ol.codes li')).toHaveLength(10);
    expect(element.querySelector('img')).toBeNull();
    button('Continue').click();
    await settle();
    backend.expectNone('/api/auth/refresh');
    expect(element.textContent).toContain('Confirm that you saved the codes');

    (element.querySelector('mat-checkbox input') as HTMLInputElement).click();
    await settle();
    button('Continue').click();
    backend
      .expectOne('/api/auth/refresh')
      .flush({ accessToken: 'full', expiresIn: 600, user: { id: 'u', role: 'therapist', displayName: 'Ada' }, mfaEnrolmentRequired: false });
    await settle();
    expect(finished).toBe(1);
  });

  it('sends the user to sign in when the session cannot be refreshed', async () => {
    await create();
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    await startEnrolment();
    typeCode('123456');
    backend.expectOne('/api/me/mfa/enrolment/confirm').flush({ recoveryCodes: codes });
    await settle();
    (element.querySelector('mat-checkbox input') as HTMLInputElement).click();
    await settle();
    button('Continue').click();
    backend.expectOne('/api/auth/refresh').flush(null, { status: 401, statusText: 'Unauthorized' });
    await settle();
    expect(finished).toBe(0);
    expect(navigate).toHaveBeenCalledWith(['/login'], expect.objectContaining({ queryParams: expect.objectContaining({ reason: 'expired' }) }));
  });
});

describe('groupKey', () => {
  it('upper-cases and regroups a key in fours for typing by hand', () => {
    expect(groupKey('abcd efgh ijkl mnop qrst uvwx yz23 4567')).toBe('ABCD EFGH IJKL MNOP QRST UVWX YZ23 4567');
    expect(groupKey('abcdefghij')).toBe('ABCD EFGH IJ');
  });
});
