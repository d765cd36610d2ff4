import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
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
    fixture.detectChanges();
    backend.expectOne('/api/me/session-drafts').flush([]); // no kept note to offer
    await fixture.whenStable();
  }, 30_000); // the first editor of a run compiles its whole template tree, which a busy machine takes past 10 s to do

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
    fixture.detectChanges();
    backend.expectOne('/api/me/session-drafts').flush([]);
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
    fixture.detectChanges();
    backend.expectOne('/api/me/session-drafts').flush([]); // no kept note to offer
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
  let backend: HttpTestingController;

  beforeEach(() => {
    // Date too: debounceTime measures the pause with the scheduler's clock.
    vi.useFakeTimers();
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [SessionEditor],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    vi.useRealTimers();
    backend.verify();
  });

  async function editor(kept: unknown[]) {
    const fixture = TestBed.createComponent(SessionEditor);
    fixture.componentRef.setInput('couple', couple);
    fixture.detectChanges();
    backend.expectOne('/api/me/session-drafts').flush(kept);
    await vi.advanceTimersByTimeAsync(0);
    fixture.detectChanges();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('offers back a note kept on the server (from any device) and restores it on request', async () => {
    const { fixture, element } = await editor([
      { id: 'd1', coupleId: 'c1', coupleName: 'Alex & Sam', sessionId: null, note: 'Sam softened when Alex named the fear.',
        savedAt: '2026-11-20T10:00:00Z', expiresAt: '2026-11-27T10:00:00Z' },
      { id: 'd2', coupleId: 'c1', coupleName: 'Alex & Sam', sessionId: 'another-session', note: 'Not this one.',
        savedAt: '2026-11-20T10:00:00Z', expiresAt: '2026-11-27T10:00:00Z' },
    ]);
    expect(element.querySelector('#draft-heading')?.textContent).toContain('Unsaved note kept');

    const restore = Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.includes('Restore note'))!;
    restore.click();
    fixture.detectChanges();
    expect((element.querySelector('textarea') as HTMLTextAreaElement).value).toBe('Sam softened when Alex named the fear.');
    expect(element.querySelector('#draft-heading')).toBeNull();

    // The restored note is unsaved again, so it is kept again once typing pauses.
    await vi.advanceTimersByTimeAsync(2_000);
    const kept = backend.expectOne('/api/me/session-drafts');
    expect(kept.request.method).toBe('PUT');
    kept.flush({ id: 'd1' });
  });

  it('keeps the note on the server a moment after typing stops, never in browser storage', async () => {
    const { element } = await editor([]);
    const note = element.querySelector('textarea') as HTMLTextAreaElement;
    note.value = 'Alex named the pursuit.';
    note.dispatchEvent(new Event('input'));
    await vi.advanceTimersByTimeAsync(1_000);
    backend.expectNone('/api/me/session-drafts');

    await vi.advanceTimersByTimeAsync(1_000);
    const request = backend.expectOne('/api/me/session-drafts');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({ coupleId: 'c1', sessionId: null, note: 'Alex named the pursuit.' });
    request.flush({ id: 'd9' });
    await vi.advanceTimersByTimeAsync(0);
    expect(JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })).not.toContain('pursuit');
  });
});

describe('the consent gate', () => {
  it('asks only for a 409 that carries requiresConsentConfirmation', async () => {
    const { HttpErrorResponse } = await import('@angular/common/http');
    const { needsConsentConfirmation, consentQuestion } = await import('./session-editor');
    const gate = new HttpErrorResponse({ status: 409, error: { status: 409, requiresConsentConfirmation: true } });
    const stale = new HttpErrorResponse({ status: 409, error: { status: 409, detail: 'Changed since you read it.' } });
    expect(needsConsentConfirmation(gate)).toBe(true);
    expect(needsConsentConfirmation(stale)).toBe(false);
    const question = consentQuestion('Consent is missing from Sam.');
    expect(question.paragraphs[0]).toBe('Consent is missing from Sam.');
    expect(question.confirm).toBe('I hold a paper consent — record the session');
  });
});
