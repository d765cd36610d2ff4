import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { RiskRecord } from '../core/api/safety-types';
import { riskRecord } from './safety-fixture';
import { RiskRecordForm } from './risk-record-form';


describe('RiskRecordForm', () => {
  let fixture: ComponentFixture<RiskRecordForm>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(RiskRecordForm);
    fixture.componentRef.setInput('coupleId', 'c1');
    fixture.componentRef.setInput('record', riskRecord());
    fixture.componentRef.setInput('partnerName', 'Sam');
    element = fixture.nativeElement;
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  const submit = () => (element.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));

  it('shows the stored record and its revision', () => {
    expect(element.querySelector<HTMLTextAreaElement>('textarea')!.value).toBe('Check in weekly.');
    expect(element.querySelector('mat-select')?.textContent).toContain('Situational');
    expect(element.querySelector('.meta')?.textContent).toContain('Revision 2');
    expect(element.querySelector('button[type="submit"]')?.textContent).toContain('for Sam');
  });

  it('saves every field with the version it read, then says so', async () => {
    const paused = Array.from(element.querySelectorAll('mat-checkbox')).find((c) => c.textContent?.includes('Joint sessions paused'))!;
    (paused.querySelector('input') as HTMLInputElement).click();
    submit();
    const request = backend.expectOne({ method: 'PUT', url: '/api/couples/c1/partners/pb/risk-record' });
    expect(request.request.body).toEqual({
      violence: 'situational', substanceMisuse: false, selfHarmRisk: 'none', jointSessionsPaused: true, planNotes: 'Check in weekly.', version: 41,
    });
    let saved: RiskRecord | undefined;
    fixture.componentInstance.saved.subscribe((r) => (saved = r));
    request.flush(riskRecord({ jointSessionsPaused: true, revision: 3, version: 42 }));
    await fixture.whenStable();
    expect(element.querySelector('[role="status"]')?.textContent).toBe('Risk record saved.');
    expect(saved?.revision).toBe(3);
  });

  it('puts a stale-version conflict in words and does not claim success', async () => {
    submit();
    backend
      .expectOne({ method: 'PUT', url: '/api/couples/c1/partners/pb/risk-record' })
      .flush({ detail: 'This risk record was changed since you read it.' }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(element.textContent).toContain('changed since you read it');
    expect(element.querySelector('[role="status"]')?.textContent).toBe('');
  });

  it('maps a field error from the API onto the plan notes', async () => {
    submit();
    backend
      .expectOne({ method: 'PUT', url: '/api/couples/c1/partners/pb/risk-record' })
      .flush({ errors: { planNotes: ['Plan notes are too long.'] } }, { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(element.textContent).toContain('Plan notes are too long.');
  });
});
