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
});
