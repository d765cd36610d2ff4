import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Schemas } from '../../core/api/api-types';
import { MeasureSeries } from '../../core/api/dashboard-types';
import { csiSeries, dashboardFixture } from '../couple-dashboard/dashboard-fixture';
import { CoupleContext } from './couple-context';
import { CoupleReport } from './couple-report';
import { threadList } from '../../messages/messages-fixture';

/** Alex's PHQ-9 15 → 8: a reliable improvement by the published 6-point threshold. */
const phqSeries: MeasureSeries = {
  instrument: 'PHQ-9', title: 'Patient Health Questionnaire (PHQ-9)', subscale: 'total', label: 'Depression severity',
  lowerIsBetter: true, min: 0, max: 27, cutOff: { value: 10, clinicalSide: 'atOrAbove', label: '10 or more: clinical range' },
  bands: [
    { code: 'mild', label: 'Mild', min: 5, max: 9 },
    { code: 'moderately_severe', label: 'Moderately severe', min: 15, max: 19 },
  ],
  rule: 'fixedThreshold', ruleNote: 'A change of 6 or more points is reliable (a published threshold); smaller moves are noise.',
  points: [
    { assessmentId: 'p1', partnerId: 'pa', administeredOn: '2026-11-02', source: 'therapist', score: 15, band: 'moderately_severe', clinical: true, change: null },
    {
      assessmentId: 'p2', partnerId: 'pa', administeredOn: '2026-11-16', source: 'therapist', score: 8, band: 'mild', clinical: false,
      change: { change: -7, method: 'fixedThreshold', verdictAvailable: true, reliable: true, direction: 'improved', reading: '', trend: 'improving' },
    },
  ],
};

const report: Schemas['CoupleReportDto'] = {
  generatedAt: '2026-11-22T10:00:00Z',
  includesNotes: false,
  dashboard: dashboardFixture({ measures: [csiSeries(), phqSeries] }),
  sessions: [],
  closingSummary: {
    coupleId: 'c1', reason: 'goals_met', summary: 'Six sessions.\nBoth feel close again.', closedOn: '2026-11-20', safetyConfirmed: false,
    signedAt: '2026-11-20T16:00:00Z', signedByName: 'Ada Moss',
  },
  threads: [],
};

describe('CoupleReport', () => {
  async function setUp() {
    TestBed.configureTestingModule({
      imports: [CoupleReport],
      providers: [provideHttpClient(), provideHttpClientTesting(), CoupleContext],
    });
    URL.createObjectURL = vi.fn(() => 'blob:report');
    URL.revokeObjectURL = vi.fn();
    const backend = TestBed.inject(HttpTestingController);
    TestBed.inject(CoupleContext).id.set('c1');
    const fixture = TestBed.createComponent(CoupleReport);
    fixture.detectChanges();
    TestBed.tick();
    backend.expectOne((r) => r.url === '/api/couples/c1/report').flush(report);
    for (const read of backend.match('/api/couples/c1')) read.flush({ id: 'c1' });
    backend.expectOne('/api/couples/c1/threads').flush(threadList());
    await fixture.whenStable();
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const button = (text: string) => Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.includes(text))!;
    return { backend, fixture, element, button };
  }

  it('prints every measure, not only the ECR-RS, with its band and change verdict', async () => {
    const { element } = await setUp();
    const headings = Array.from(element.querySelectorAll('h3')).map((h) => h.textContent?.trim());
    expect(headings).toContain('Attachment (ECR-RS)');
    expect(headings).toContain('Relationship satisfaction (CSI-4)');
    expect(headings).toContain('Depression severity (PHQ-9)');
    const tables = Array.from(element.querySelectorAll<HTMLTableElement>('table.measure'));
    expect(tables).toHaveLength(2);
    const phq = tables[1].textContent ?? '';
    expect(phq).toContain('Moderately severe');
    expect(phq).toContain('-7, reliable improvement');
    const csi = tables[0].textContent ?? '';
    expect(csi).toContain('Below 13.5: notable relationship dissatisfaction');
    expect(csi).toContain('+4 (no reliable-change verdict)');
    expect(element.textContent).toContain('A change of 6 or more points is reliable');
  });

  it('prints the signed closing summary of a closed case, in the app date rule', async () => {
    const { element } = await setUp();
    const headings = Array.from(element.querySelectorAll('h3')).map((h) => h.textContent?.trim());
    expect(headings.at(-1)).toBe('Closing summary');
    expect(element.textContent).toContain('Closed on 20 Nov 2026 · reason: Goals met · signed by Ada Moss');
    expect(element.querySelector('.closing-summary')?.textContent).toBe('Six sessions.\nBoth feel close again.');
  });

  it('downloads the CSV under the name the API gives it (initials and date)', async () => {
    const { backend, fixture, element, button } = await setUp();
    button('Download CSV').click();
    const csv = backend.expectOne((r) => r.url === '/api/couples/c1/report.csv');
    expect(csv.request.params.get('includeNotes')).toBe('false');
    csv.flush(new Blob(['x']), { headers: { 'Content-Disposition': 'attachment; filename="progress-report-AS-2026-11-22.csv"' } });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(element.querySelector('[role=status]')?.textContent).toContain('The CSV has been downloaded.');
  });

  it('has a FHIR export button that downloads the couple\'s measures', async () => {
    const { backend, fixture, element, button } = await setUp();
    button('Export measures (FHIR)').click();
    const fhir = backend.expectOne((r) => r.url === '/api/couples/c1/fhir');
    expect(fhir.request.responseType).toBe('blob');
    fhir.flush(new Blob(['{}']), { headers: { 'Content-Disposition': 'attachment; filename="measures-AS-2026-11-22.fhir.json"' } });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(URL.createObjectURL).toHaveBeenCalled();
    expect(element.querySelector('[role=status]')?.textContent).toContain('The FHIR export has been downloaded.');
  });

  it('includes only the message threads the therapist ticks, in the report and its CSV', async () => {
    const { backend, fixture, element, button } = await setUp();
    const boxes = Array.from(element.querySelectorAll<HTMLElement>('.threads mat-checkbox'));
    expect(boxes.map((b) => b.textContent?.trim())).toEqual(['Joint thread', 'Alex (private)']);
    expect(element.textContent).not.toContain('Messages: ');

    boxes[1].querySelector('input')!.click();
    fixture.detectChanges();
    TestBed.tick();
    const read = backend.expectOne((r) => r.url === '/api/couples/c1/report');
    expect(read.request.params.getAll('threads')).toEqual(['mine']);
    read.flush({
      ...report,
      threads: [{
        threadId: 'mine', kind: 'private', partnerId: 'p1', partnerName: 'Alex',
        messages: [{ seq: 1, authorRole: 'partner', authorName: 'Alex', body: 'A hard week.', createdAt: '2026-11-18T09:00:00Z' }],
      }],
    });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(Array.from(element.querySelectorAll('h3')).map((h) => h.textContent?.trim())).toContain('Messages: Alex (private)');
    expect(element.querySelector('.messages')?.textContent).toContain('A hard week.');

    button('Download CSV').click();
    const csv = backend.expectOne((r) => r.url === '/api/couples/c1/report.csv');
    expect(csv.request.params.getAll('threads')).toEqual(['mine']);
    csv.flush(new Blob(['x']));
  });
});
