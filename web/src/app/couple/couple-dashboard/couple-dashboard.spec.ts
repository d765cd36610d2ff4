import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { CoupleDashboard } from '../../core/api/dashboard-types';
import { CHART_FACTORY } from '../../shared/chart/echarts';
import { CoupleDashboardPanel } from './couple-dashboard';
import { dashboardFixture } from './dashboard-fixture';

describe('CoupleDashboardPanel', () => {
  let fixture: ComponentFixture<CoupleDashboardPanel>;
  let element: HTMLElement;

  async function render(body: CoupleDashboard): Promise<void> {
    TestBed.configureTestingModule({
      imports: [CoupleDashboardPanel],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: CHART_FACTORY, useValue: () => ({ setOption: () => {}, resize: () => {}, dispose: () => {} }) },
      ],
    });
    const backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(CoupleDashboardPanel);
    fixture.componentRef.setInput('coupleId', 'c1');
    element = fixture.nativeElement;
    fixture.detectChanges();
    TestBed.tick();
    backend.expectOne('/api/couples/c1/dashboard').flush(body);
    await fixture.whenStable();
    backend.verify();
  }

  const charts = () => Array.from(element.querySelectorAll('[role=img]')).map((c) => c.getAttribute('aria-label') ?? '');

  it('shows the four charts of a couple with a history, each with a table view', async () => {
    await render(dashboardFixture());
    expect(Array.from(element.querySelectorAll('h3')).map((h) => h.textContent?.trim())).toEqual([
      'Pursue–withdraw across sessions',
      'Attachment plane',
      'Homework',
      'EFT stage timeline',
    ]);
    const labels = charts();
    expect(labels).toHaveLength(5); // cycle, attachment, adherence, turn balance, stage
    expect(labels[0]).toMatch(/^Pursue–withdraw cycle over 3 sessions/);
    expect(labels[3]).toContain('50 % is balanced');
    expect(element.querySelectorAll('app-chart table').length).toBeGreaterThanOrEqual(6);
    expect(element.textContent).toContain('Alex logged a need; their partner logged nothing that day.');
    expect(element.textContent).toContain('convention, not a diagnosis');
  });

  it('says plainly what is missing for a new couple', async () => {
    await render(
      dashboardFixture({ cycle: [], attachment: [], weeklyAdherence: [], turnBalance: [], perceptionGaps: [], stageTimeline: [], cycleTrend: null }),
    );
    expect(charts()).toEqual([]);
    expect(element.textContent).toContain('No session has a cycle record yet.');
    expect(element.textContent).toContain('No attachment assessment yet.');
    expect(element.textContent).toContain('No homework assigned yet.');
    expect(element.textContent).toContain('No perception gaps in the last four weeks.');
  });
});
