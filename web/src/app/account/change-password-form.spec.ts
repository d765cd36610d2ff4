import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { ChangePasswordForm } from './change-password-form';

describe('ChangePasswordForm', () => {
  let fixture: ComponentFixture<ChangePasswordForm>;
  let backend: HttpTestingController;
  let element: HTMLElement;
  let navigate: ReturnType<typeof vi.spyOn>;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ChangePasswordForm],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
    navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    fixture = TestBed.createComponent(ChangePasswordForm);
    element = fixture.nativeElement;
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };

  async function fill(current: string, next: string, confirm: string): Promise<void> {
    const inputs = Array.from(element.querySelectorAll<HTMLInputElement>('input[type=password]'));
    [current, next, confirm].forEach((value, i) => {
      inputs[i].value = value;
      inputs[i].dispatchEvent(new Event('input'));
    });
    (element.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await settle();
  }

  const errorOf = (label: string) =>
    Array.from(element.querySelectorAll('mat-form-field'))
      .find((f) => f.querySelector('mat-label')?.textContent?.trim() === label)
      ?.querySelector('mat-error')
      ?.textContent?.trim();

  it('labels the three fields', () => {
    const labels = Array.from(element.querySelectorAll('mat-label')).map((l) => l.textContent?.trim());
    expect(labels).toEqual(['Current password', 'New password', 'Confirm new password']);
  });

  it('checks length and confirmation before calling the API', async () => {
    await fill('old password here', 'short', 'short');
    expect(errorOf('New password')).toBe('The new password needs at least 12 characters.');
    await fill('old password here', 'long enough password', 'long enough passwerd');
    expect(element.querySelector('.mismatch')?.textContent).toContain('do not match');
    backend.expectNone('/api/me/password');
  });

  it('shows the API errors on their fields', async () => {
    await fill('wrong old password', 'long enough password', 'long enough password');
    backend
      .expectOne('/api/me/password')
      .flush(
        { title: 'Validation failed', status: 400, errors: { currentPassword: ['The current password is not right.'] } },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle();
    expect(errorOf('Current password')).toBe('The current password is not right.');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('changes the password and goes to sign in with a notice, every session being over', async () => {
    await fill('old password here', 'long enough password', 'long enough password');
    const request = backend.expectOne('/api/me/password');
    expect(request.request.body).toEqual({ currentPassword: 'old password here', newPassword: 'long enough password' });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { reason: 'password-changed' } });
    backend.expectNone('/api/auth/logout');
  });

  const button = () => element.querySelector<HTMLButtonElement>('button[type=submit]')!;

  it('asks for every field with its own words, and names the two new passwords when they differ', async () => {
    await fill('', '', '');
    expect(errorOf('Current password')).toBe('Your current password is required.');
    expect(errorOf('New password')).toBe('The new password is required.');
    expect(errorOf('Confirm new password')).toBe('The confirmation is required.');
    await fill('old password here', 'x'.repeat(257), 'x'.repeat(257));
    expect(errorOf('New password')).toBe('The new password allows at most 256 characters.');
    await fill('old password here', 'long enough password', 'long enough passwerd');
    expect(element.querySelector('[role=alert].mismatch')?.textContent?.trim()).toBe('Error: the two new passwords do not match.');
    backend.expectNone('/api/me/password');
  });

  it('keeps the inputs labelled for password managers', () => {
    const inputs = Array.from(element.querySelectorAll<HTMLInputElement>('input[type=password]'));
    expect(inputs.map((i) => i.getAttribute('autocomplete'))).toEqual(['current-password', 'new-password', 'new-password']);
    expect(inputs.every((i) => i.required)).toBe(true);
    expect(element.querySelector('form')?.getAttribute('aria-describedby')).toBe('password-help');
  });

  it("shows the API's word on the new password under the New password field", async () => {
    await fill('old password here', 'long enough password', 'long enough password');
    backend
      .expectOne('/api/me/password')
      .flush(
        { title: 'Validation failed', status: 400, errors: { newPassword: ['Passwords must not be the same as the old one.'] } },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle();
    expect(errorOf('New password')).toBe('Passwords must not be the same as the old one.');
    expect(element.querySelector('app-form-messages')?.textContent ?? '').not.toContain('same as the old one');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('disables the button while the change is sent, and enables it again after a refusal', async () => {
    expect(button().disabled).toBe(false);
    await fill('old password here', 'long enough password', 'long enough password');
    expect(button().disabled).toBe(true);
    backend
      .expectOne('/api/me/password')
      .flush({ title: 'Too many requests', status: 429 }, { status: 429, statusText: 'Too Many Requests' });
    await settle();
    expect(button().disabled).toBe(false);
    expect(element.querySelector('app-form-messages')?.textContent).toContain('Too many attempts.');
  });
});
