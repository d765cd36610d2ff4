import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Partner } from '../core/api/api-types';
import { Assessment, Instrument, SubscaleChange } from '../core/api/assessment-types';
import { AssessmentList } from './assessment-list';
import { changeFigures, changeReading, changeVerdict } from './change-reading';

function change(over: Partial<SubscaleChange>): SubscaleChange {
  return {
    previous: 3,
    current: 3.5,
    change: 0.5,
    rci: 0.94,
    reliable: false,
    direction: 'none',
    reading: '',
    standardErrorOfDifference: 0.53,
    provisionalParameters: false,
    method: 'rci',
    verdictAvailable: true,
    thresholdPoints: 1.04,
    trend: 'steady',
    ...over,
  };
}

describe('change reading', () => {
  it("shows the API's own sentence and never works out reliability from the RCI itself", () => {
    const reading = 'A change this size is within measurement noise. The reliable-change parameters are not yet fully sourced, so treat this as provisional.';
    expect(changeReading(change({ reading }))).toBe(reading);
    // An RCI beyond 1.96 that the API judged steady stays steady here: the verdict is the API's.
    const judged = change({ change: 1.5, rci: 2.83, reliable: false, trend: 'steady', reading: 'A change this size is within measurement noise.' });
    expect(changeReading(judged)).toBe('A change this size is within measurement noise.');
    expect(changeVerdict(judged)).toBe('No reliable change');
    expect(changeFigures(change({}))).toBe('+0.50 (RCI +0.94)');
  });

  it("names the API's trend in words", () => {
    const drop = change({ change: -1.5, rci: -2.83, reliable: true, direction: 'improved', trend: 'improving' });
    expect(changeVerdict(drop)).toBe('Reliable improvement');
    expect(changeFigures(drop)).toBe('−1.50 (RCI −2.83)');
    expect(changeVerdict(change({ rci: 2.5, reliable: true, direction: 'deteriorated', trend: 'worsening' }))).toBe('Reliable deterioration');
  });
});

describe('change reading by the instrument\'s rule', () => {
  it('gives points and the published threshold, not an RCI, for PHQ-9 and GAD-7', () => {
    const worse = change({ change: 6, rci: null, reliable: true, direction: 'deteriorated', method: 'fixedThreshold', thresholdPoints: 6, trend: 'worsening' });
    expect(changeFigures(worse)).toBe('+6 points (6 or more is reliable)');
    expect(changeVerdict(worse)).toBe('Reliable deterioration');
  });

  it('gives no verdict, only the raw change, where the instrument has no sourced basis (CSI)', () => {
    const reading = 'No reliable-change verdict: no sourced reference SD for the CSI is configured. Raw change: +8.';
    const csi = change({ change: 8, rci: null, reliable: false, method: 'none', verdictAvailable: false, thresholdPoints: null, trend: 'unknown', reading });
    expect(changeVerdict(csi)).toBe('No verdict available');
    expect(changeFigures(csi)).toBe('+8 points (raw change)');
    expect(changeReading(csi)).toBe(reading);
  });
});

describe('AssessmentList', () => {
  const partners = [
    { id: 'pa', label: 'partner_a', firstName: 'Alex' },
    { id: 'pb', label: 'partner_b', firstName: 'Sam' },
  ] as Partner[];

  it('shows continuous scores before the soft quadrant label, and the change in plain language', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(AssessmentList);
    fixture.componentRef.setInput('coupleId', 'c1');
    fixture.componentRef.setInput('partners', partners);
    fixture.detectChanges();
    const assessment: Assessment = {
      id: 'a2',
      coupleId: 'c1',
      partnerId: 'pa',
      instrument: 'ECR-RS',
      instrumentVersion: 1,
      administeredOn: '2026-12-01',
      source: 'portal',
      responses: {},
      scores: { avoidance: 2.5, anxiety: 5 },
      band: null,
      bandLabel: null,
      quadrant: 'preoccupied',
      quadrantNote: null,
      change: {
        previousAssessmentId: 'a1',
        previousAdministeredOn: '2026-11-01',
        subscales: {
          avoidance: change({ reading: 'A change this size is within measurement noise.' }),
          anxiety: change({ change: -1.5, rci: -2.83, reliable: true, direction: 'improved', trend: 'improving', reading: 'This is a reliable decrease in attachment anxiety (RCI -2.83).' }),
        },
      },
      questionnaireRequestId: null,
      createdAt: '2026-12-01T10:00:00Z',
      clinical: {},
    };
    backend.expectOne((r) => r.url === '/api/couples/c1/assessments').flush({ items: [assessment], page: 1, pageSize: 100, total: 1 });
    backend.expectOne((r) => r.url === '/api/couples/c1/questionnaire-requests').flush({ items: [], page: 1, pageSize: 100, total: 0 });
    backend.expectOne('/api/instruments').flush([]);
    await fixture.whenStable();
    const text = (fixture.nativeElement as HTMLElement).textContent ?? '';
    expect(text).toContain('Alex');
    expect(text.indexOf('2.50')).toBeLessThan(text.indexOf('Preoccupied'));
    expect(text).toContain('(a convention, not a diagnosis)');
    expect(text).toContain('A change this size is within measurement noise.');
    expect(text).toContain('No reliable change');
    expect(text).toContain('Reliable improvement');
    expect(text).toContain('RCI −2.83');
    backend.verify();
  });

  it('words each score against its cut-off as the API judged it (clinical), without comparing it again', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(AssessmentList);
    fixture.componentRef.setInput('coupleId', 'c1');
    fixture.componentRef.setInput('partners', partners);
    fixture.detectChanges();
    const csi = (id: string, partnerId: string, total: number, clinical: boolean): Assessment => ({
      id, coupleId: 'c1', partnerId, instrument: 'CSI-4', instrumentVersion: 1, administeredOn: '2026-12-01', source: 'therapist',
      responses: {}, scores: { total }, band: null, bandLabel: null, quadrant: null, quadrantNote: null, change: null,
      questionnaireRequestId: null, createdAt: '2026-12-01T10:00:00Z', clinical: { total: clinical },
    });
    const instrument = {
      code: 'CSI-4', version: 1, name: 'CSI-4', scoring: 'sum',
      subscales: [{ code: 'total', label: 'Satisfaction', cutOff: { value: 13.5, clinicalSide: 'below', label: 'Below 13.5: notable relationship dissatisfaction' } }],
    } as unknown as Instrument;
    backend.expectOne((r) => r.url === '/api/couples/c1/assessments')
      .flush({ items: [csi('a1', 'pa', 12, true), csi('a2', 'pb', 15, false)], page: 1, pageSize: 100, total: 2 });
    backend.expectOne((r) => r.url === '/api/couples/c1/questionnaire-requests').flush({ items: [], page: 1, pageSize: 100, total: 0 });
    backend.expectOne('/api/instruments').flush([instrument]);
    await fixture.whenStable();
    fixture.detectChanges();

    const cuts = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('.cut-off')).map((e) => e.textContent?.trim());
    expect(cuts.sort()).toEqual(['(At or above the 13.5 cut-off)', '(Below 13.5: notable relationship dissatisfaction)']);
    backend.verify();
  });
});
