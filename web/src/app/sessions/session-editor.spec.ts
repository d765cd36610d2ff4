import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
import { AuthStore } from '../core/auth/auth-store';
import { DraftStore } from '../core/auth/draft-store';
import { ConfirmDialog } from '../shared/ui/confirm-dialog';
import { SessionEditor } from './session-editor';
import { couple, session } from './session-fixture';

describe('SessionEditor', () => {
  let fixture: ComponentFixture<SessionEditor>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [SessionEditor],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SessionEditor);
    fixture.componentRef.setInput('couple', couple);
    element = fixture.nativeElement;
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  function setInput(selector: string, value: string): void {
    const input = element.querySelector(selector) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  function submit(): void {
    (element.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
  }

  it('shows both partners side by side with position toggles and intensity sliders', () => {
    const legends = Array.from(element.querySelectorAll('fieldset.partner legend')).map((l) => l.textContent?.trim());
    expect(legends).toEqual(['Alex', 'Sam']);
    expect(element.querySelectorAll('mat-button-toggle-group')).toHaveLength(3); // format + 2 positions
    expect(element.querySelectorAll('input[matSliderThumb]')).toHaveLength(2);
    expect(element.querySelector('label[for="intensity-0"]')?.textContent).toContain('Intensity');
  });

  it('does not call the API while the form is invalid', async () => {
    submit();
    await fixture.whenStable();
    backend.expectNone('/api/couples/c1/sessions');
    expect(element.textContent).toContain('Start time is required.');
    expect(element.textContent).toContain('Repair time is required.');
  });

  it('posts the session and lands API validation errors on the matching fields', async () => {
    setInput('input[type=time]', '17:00');
    setInput('input[formcontrolname=repairMinutes]', '30');
    submit();

    const request = backend.expectOne('/api/couples/c1/sessions');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toMatchObject({
      startTime: '17:00',
      eftStage: 1,
      eftStep: 1,
      cycle: { partners: [{ partnerId: 'pa' }, { partnerId: 'pb' }], markers: [] },
    });
    request.flush(
      {
        type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
        title: 'One or more validation errors occurred.',
        status: 400,
        errors: {
          durationMinutes: ['Duration must be between 1 and 480 minutes.'],
          'cycle.peakIntensity': ['Peak intensity cannot be below either partner’s intensity.'],
          'cycle.partners[1].intensity': ['Intensity must be between 0 and 10.'],
          coupleId: ['This couple is closed.'],
        },
      },
      { status: 400, statusText: 'Bad Request', headers: { 'Content-Type': 'application/problem+json' } },
    );
    await fixture.whenStable();

    const errors = Array.from(element.querySelectorAll('mat-error')).map((e) => e.textContent?.trim());
    expect(errors).toContain('Duration must be between 1 and 480 minutes.');
    expect(errors).toContain('Peak intensity cannot be below either partner’s intensity.');
    expect(element.querySelectorAll('.slider-field')[1].textContent).toContain('Intensity must be between 0 and 10.');
    expect(element.querySelector('app-form-messages')?.textContent).toContain('This couple is closed.');
  });

  it('saves an existing session with its version via PUT', async () => {
    const saved = vi.fn();
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      imports: [SessionEditor],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SessionEditor);
    fixture.componentRef.setInput('couple', couple);
    fixture.componentRef.setInput('session', session);
    fixture.componentInstance.saved.subscribe(saved);
    element = fixture.nativeElement;
    await fixture.whenStable();

    expect(element.querySelector('mat-chip-row')?.textContent).toContain('chores');
    submit();
    const request = backend.expectOne('/api/sessions/s1');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toMatchObject({ version: 4, eftStage: 2, eftStep: 6, cycle: { markers: ['repairAttempt'] } });
    request.flush({ ...session, version: 5 });
    await fixture.whenStable();
    expect(saved).toHaveBeenCalledWith(expect.objectContaining({ version: 5 }));
  });

  it('asks in a dialog before signing, and signs with the version only when the therapist confirms', async () => {
    const answers = [false, true];
    const open = vi.fn(() => ({ afterClosed: () => of(answers.shift()) }));
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      imports: [SessionEditor],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), { provide: MatDialog, useValue: { open } }],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SessionEditor);
    fixture.componentRef.setInput('couple', couple);
    fixture.componentRef.setInput('session', session);
    element = fixture.nativeElement;
    await fixture.whenStable();
    const signButton = () =>
      Array.from(element.querySelectorAll<HTMLButtonElement>('button')).find((b) => b.textContent?.trim() === 'Sign session')!;

    signButton().click();
    await fixture.whenStable();
    expect(open).toHaveBeenCalledTimes(1);
    expect((open.mock.calls[0] as unknown[])[0]).toBe(ConfirmDialog);
    expect((open.mock.calls[0] as unknown[])[1]).toMatchObject({ data: { title: 'Sign this session?', confirm: 'Sign' } });
    backend.expectNone('/api/sessions/s1/sign');

    signButton().click();
    await fixture.whenStable();
    const request = backend.expectOne('/api/sessions/s1/sign');
    expect(request.request.body).toEqual({ version: 4 });
    request.flush({ ...session, version: 5, signedAt: '2026-11-09T18:00:00Z', signedByName: 'Dr Reed' });
    await fixture.whenStable();
  });
});

describe('SessionEditor drafts', () => {
  it('offers back a note kept at sign-out and restores it on request', async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [SessionEditor],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const login = TestBed.inject(AuthStore).login('ada@clinic.test', 'pw');
    TestBed.inject(HttpTestingController)
      .expectOne('/api/auth/login')
      .flush({ accessToken: 't', expiresIn: 600, user: { id: 'u1', role: 'therapist', displayName: 'Ada' } });
    await login;

    // What the idle logout leaves behind for this route.
    const drafts = TestBed.inject(DraftStore);
    const unregister = drafts.register('/', () => 'Sam softened when Alex named the fear.');
    drafts.saveAll();
    unregister();

    const fixture = TestBed.createComponent(SessionEditor);
    fixture.componentRef.setInput('couple', couple);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('#draft-heading')?.textContent).toContain('Unsaved note kept');

    const restore = Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.includes('Restore note'))!;
    restore.click();
    await fixture.whenStable();
    expect((element.querySelector('textarea') as HTMLTextAreaElement).value).toBe('Sam softened when Alex named the fear.');
    expect(element.querySelector('#draft-heading')).toBeNull();
    expect(drafts.peek('/')).toBeNull();
  });
});
