import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ClosingSummaryDraft } from '../../core/api/api-types';
import { CloseCase } from './close-case';
import { CoupleContext } from './couple-context';
import { couple } from './workspace-fixture';

const draft = (openSafetyItems = false): ClosingSummaryDraft => ({
  text: 'Alex & Sam: treatment from 2026-10-01 to 2026-12-07.\nSessions held: 6; missed or cancelled: 1.\n',
  startedOn: '2026-10-01', firstSessionOn: '2026-10-05', lastSessionOn: '2026-11-30', sessionsHeld: 6, sessionsMissed: 1, stageReached: 2,
  cycleFirstThree: 6.5, cycleLastThree: 3, homeworkAdherence: 72.5, measures: [], openSafetyItems,
});

describe('CloseCase', () => {
  let fixture: ComponentFixture<CloseCase>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    fixture.detectChanges();
  };

  async function openWith(body: ClosingSummaryDraft) {
    (element.querySelector('button') as HTMLButtonElement).click();
    fixture.detectChanges();
    TestBed.tick();
    backend.expectOne('/api/couples/c1/closing-summary/draft').flush(body);
    await settle();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [CloseCase],
      providers: [provideHttpClient(), provideHttpClientTesting(), CoupleContext],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(CloseCase);
    fixture.componentRef.setInput('couple', couple);
    element = fixture.nativeElement;
    fixture.detectChanges();
  });

  afterEach(() => backend.verify());

  it('loads the draft only when opened, puts it in the summary, and signs and closes with the reason', async () => {
    backend.expectNone('/api/couples/c1/closing-summary/draft');
    await openWith(draft());

    const summary = element.querySelector('textarea') as HTMLTextAreaElement;
    expect(summary.value).toContain('Sessions held: 6; missed or cancelled: 1.');
    expect(element.textContent).not.toContain('A safety item is still open');
    (fixture.componentInstance as unknown as { form: { controls: { reason: { setValue(v: string): void } } } }).form.controls.reason.setValue('goals_met');
    fixture.detectChanges();
    (element.querySelector('button[type="submit"]') as HTMLButtonElement).click();

    const request = backend.expectOne('/api/couples/c1/close');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ version: couple.version, reason: 'goals_met', summary: summary.value, confirmSafety: null });
    request.flush({ ...couple, status: 'closed', closedOn: '2026-12-07' });
    await settle();
    expect(TestBed.inject(CoupleContext).value()?.status).toBe('closed');
  });

  it('asks to confirm an open safety item before it can sign', async () => {
    await openWith(draft(true));
    (fixture.componentInstance as unknown as { form: { controls: { reason: { setValue(v: string): void } } } }).form.controls.reason.setValue('referred');
    fixture.detectChanges();

    const sign = element.querySelector('button[type="submit"]') as HTMLButtonElement;
    expect(element.textContent).toContain('A safety item is still open');
    expect(sign.disabled).toBe(true);
    (element.querySelector('mat-checkbox input') as HTMLInputElement).click();
    fixture.detectChanges();
    expect(sign.disabled).toBe(false);
  });
});
