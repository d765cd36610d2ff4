import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { InvitationPage } from './invitation-page';

describe('InvitationPage', () => {
  let fixture: ComponentFixture<InvitationPage>;
  let backend: HttpTestingController;
  let element: HTMLElement;
  let navigate: ReturnType<typeof vi.spyOn>;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [InvitationPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
    navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    fixture = TestBed.createComponent(InvitationPage);
    fixture.componentRef.setInput('token', 'tok-123');
    element = fixture.nativeElement;
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  function fill(password: string, confirm: string): void {
    const [first, second] = Array.from(element.querySelectorAll<HTMLInputElement>('input[type=password]'));
    first.value = password;
    first.dispatchEvent(new Event('input'));
    second.value = confirm;
    second.dispatchEvent(new Event('input'));
    (element.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    fixture.detectChanges();
  }

  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };

  it('refuses passwords under 12 characters and mismatched confirmations without calling the API', async () => {
    fill('short', 'short');
    await fixture.whenStable();
    expect(element.textContent).toContain('Use at least 12 characters.');
    fill('long enough password', 'long enough passwork');
    await fixture.whenStable();
    expect(element.textContent).toContain('the two passwords do not match');
    backend.expectNone('/api/auth/invitations/accept');
  });

  it('accepts the invitation and goes to sign in', async () => {
    fill('long enough password', 'long enough password');
    const request = backend.expectOne('/api/auth/invitations/accept');
    expect(request.request.body).toEqual({ token: 'tok-123', password: 'long enough password' });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { reason: 'welcome' } });
  });

  it('explains a bad or expired token', async () => {
    fill('long enough password', 'long enough password');
    backend
      .expectOne('/api/auth/invitations/accept')
      .flush(
        { title: 'Validation failed', status: 400, errors: { token: ['This invitation has expired. Ask for a new one.'] } },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle();
    expect(element.querySelector('app-form-messages')?.textContent).toContain('This invitation has expired.');
    expect(navigate).not.toHaveBeenCalled();
  });

  const button = () => element.querySelector<HTMLButtonElement>('button[type=submit]')!;

  it('disables the button while the invitation is sent, and enables it again after a refusal', async () => {
    expect(button().disabled).toBe(false);
    fill('long enough password', 'long enough password');
    await fixture.whenStable();
    expect(button().disabled).toBe(true);
    backend
      .expectOne('/api/auth/invitations/accept')
      .flush({ title: 'Too many requests', status: 429 }, { status: 429, statusText: 'Too Many Requests' });
    await settle();
    expect(button().disabled).toBe(false);
    expect(element.querySelector('app-form-messages')?.textContent).toContain('Too many attempts.');
  });

  it("shows the API's word on the password under the password field, not above the form", async () => {
    fill('long enough password', 'long enough password');
    backend
      .expectOne('/api/auth/invitations/accept')
      .flush(
        { title: 'Validation failed', status: 400, errors: { password: ['Choose a password that is not in lists of breached ones.'] } },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle();
    expect(element.querySelector('mat-form-field mat-error')?.textContent).toContain('Choose a password that is not in lists of breached ones.');
    expect(element.querySelector('app-form-messages')?.textContent ?? '').not.toContain('breached');
    expect(navigate).not.toHaveBeenCalled();
  });
});
