import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { Me } from '../core/api/account-types';
import { TwoStepSection } from './two-step-section';

const me = (mfaEnabled: boolean): Me => ({
  id: 'u',
  email: 'ada@clinic.test',
  role: 'therapist',
  displayName: 'Ada Moss',
  mfaEnabled,
  mfaEnrolmentRequired: false,
});
const tokens = { accessToken: 't2', expiresIn: 600, user: { id: 'u', role: 'therapist', displayName: 'Ada Moss' } };

describe('TwoStepSection', () => {
  let fixture: ComponentFixture<TwoStepSection>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  async function create(enabled: boolean): Promise<void> {
    TestBed.configureTestingModule({
      imports: [TwoStepSection],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(TwoStepSection);
    element = fixture.nativeElement;
    // Not whenStable() while a request is open: it keeps the fixture unstable until answered.
    fixture.detectChanges();
    await answerMe(me(enabled));
  }

  async function answerMe(body: Me): Promise<void> {
    TestBed.tick();
    backend.expectOne('/api/me').flush(body);
    await settle();
  }

  /** Lets promise chains run (a write, then the refresh it leads to). */
  const tick = () => new Promise((resolve) => setTimeout(resolve));
  const settle = async () => {
    await tick();
    await fixture.whenStable();
  };
  const button = (text: string) =>
    Array.from(element.querySelectorAll<HTMLButtonElement>('button')).find((b) => b.textContent?.includes(text))!;

  async function turnOff(password: string): Promise<void> {
    button('Turn off two-step verification').click();
    await settle();
    const input = element.querySelector('input[type=password]') as HTMLInputElement;
    expect(document.activeElement).toBe(input);
    input.value = password;
    input.dispatchEvent(new Event('input'));
    (element.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
  }

  afterEach(() => backend.verify());

  it('offers to set up two-step verification when it is off', async () => {
    await create(false);
    expect(element.querySelector('.status')?.textContent).toContain('Off');
    expect(button('Set up two-step verification')).toBeDefined();
  });

  it('turns it off with the current password and says so', async () => {
    await create(true);
    expect(element.querySelector('.status')?.textContent).toContain('On');
    await turnOff('correct horse battery');
    const request = backend.expectOne('/api/me/mfa');
    expect(request.request.method).toBe('DELETE');
    expect(request.request.body).toEqual({ currentPassword: 'correct horse battery', code: null });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await tick();
    backend.expectOne('/api/auth/refresh').flush(tokens);
    await tick();
    await answerMe(me(false));
    expect(element.querySelector('[role=status]')?.textContent).toContain('Two-step verification is off');
    expect(element.querySelector('.status')?.textContent).toContain('Off');
  });

  it('shows a wrong password on the field and keeps it on', async () => {
    await create(true);
    await turnOff('wrong password');
    backend
      .expectOne('/api/me/mfa')
      .flush(
        { title: 'Validation failed', status: 400, errors: { currentPassword: ['This does not match. Nothing was changed.'] } },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle();
    expect(element.querySelector('mat-error')?.textContent).toContain('This does not match');
    backend.expectNone('/api/auth/refresh');
  });

  it('signs out when the practice requires two-step verification and turning it off ended the session', async () => {
    await create(true);
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    await turnOff('correct horse battery');
    backend.expectOne('/api/me/mfa').flush(null, { status: 204, statusText: 'No Content' });
    await tick();
    backend.expectOne('/api/auth/refresh').flush(null, { status: 401, statusText: 'Unauthorized' });
    await tick();
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { reason: 'two-step-off' } });
  });
});
