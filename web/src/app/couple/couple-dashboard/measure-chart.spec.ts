import { TestBed } from '@angular/core/testing';
import { MeasureSeries } from '../../core/api/dashboard-types';
import { CHART_FACTORY } from '../../shared/chart/echarts';
import { csiSeries, dashboardFixture } from './dashboard-fixture';
import { changeText, MeasureChart, measureChart } from './measure-chart';

const partners = dashboardFixture().partners;

function phqSeries(): MeasureSeries {
  return {
    instrument: 'PHQ-9', title: 'Patient Health Questionnaire (PHQ-9)', subscale: 'total', label: 'Depression severity',
    lowerIsBetter: true, min: 0, max: 27,
    cutOff: { value: 10, clinicalSide: 'atOrAbove', label: '10 or more: clinical range' },
    bands: [
      { code: 'minimal', label: 'Minimal', min: 0, max: 4 }, { code: 'mild', label: 'Mild', min: 5, max: 9 },
      { code: 'moderate', label: 'Moderate', min: 10, max: 14 }, { code: 'moderately_severe', label: 'Moderately severe', min: 15, max: 19 },
      { code: 'severe', label: 'Severe', min: 20, max: 27 },
    ],
    rule: 'fixedThreshold', ruleNote: 'A change of 6 or more points is reliable (a published threshold); smaller moves are noise.',
    points: [
      { assessmentId: 'b1', partnerId: 'pb', administeredOn: '2026-11-02', source: 'portal', score: 8, band: 'mild', clinical: false, change: null },
      {
        assessmentId: 'b2', partnerId: 'pb', administeredOn: '2026-11-16', source: 'portal', score: 14, band: 'moderate', clinical: true,
        change: { change: 6, method: 'fixedThreshold', verdictAvailable: true, reliable: true, direction: 'deteriorated', reading: '', trend: 'worsening' },
      },
    ],
  };
}

describe('measureChart', () => {
  it('draws the satisfaction line per partner over the shaded band below the cut-off, and says where each stands', () => {
    const chart = measureChart(csiSeries(), partners);
    const series = chart.option['series'] as { name: string; data: unknown[]; markArea?: unknown; markLine?: { data: { yAxis: number }[] } }[];

    expect(series.map((s) => s.name)).toEqual(['Alex', 'Sam']);
    expect(series[0].data).toHaveLength(2);
    expect(series[0].markLine?.data[0].yAxis).toBe(13.5);
    expect(series[0].markArea).toBeDefined();
    expect(chart.label).toContain('Alex latest 16 on 16 Nov 2026 (Not below the 13.5 cut-off)');
    expect(chart.label).toContain('Sam latest 15');
    expect(chart.tables[0].rows[0]).toEqual(['2 Nov 2026', 'Alex', 12, 'Below 13.5: notable relationship dissatisfaction', 'First score']);
    expect(chart.tables[0].rows[2][4]).toBe('+4 (no reliable-change verdict)');
  });

  it('puts the severity bands behind the PHQ-9 line and names a reliable deterioration in the table', () => {
    const chart = measureChart(phqSeries(), partners);
    const first = (chart.option['series'] as { markArea: { data: unknown[] } }[])[0];

    expect(first.markArea.data).toHaveLength(5);
    expect(chart.tables[0].columns[3]).toBe('Band');
    expect(chart.tables[0].rows[1]).toEqual(['16 Nov 2026', 'Sam', 14, 'Moderate', '+6, reliable deterioration']);
    expect(changeText(phqSeries().points[0])).toBe('First score');
  });

  it("words the API's one trend, not its own reading of the figures", () => {
    const point = phqSeries().points[1];
    const as = (trend: 'improving' | 'worsening' | 'steady' | 'unknown') => changeText({ ...point, change: { ...point.change!, trend } });

    expect(as('steady')).toBe('+6, within measurement noise');
    expect(as('improving')).toBe('+6, reliable improvement');
    expect(as('unknown')).toBe('+6 (no reliable-change verdict)');
  });
});

describe('MeasureChart', () => {
  it('shows the heading, the key in words with the rule, and the chart with a table view', async () => {
    TestBed.configureTestingModule({
      providers: [{ provide: CHART_FACTORY, useValue: () => ({ setOption: () => {}, resize: () => {}, dispose: () => {} }) }],
    });
    const fixture = TestBed.createComponent(MeasureChart);
    fixture.componentRef.setInput('series', csiSeries());
    fixture.componentRef.setInput('partners', partners);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;

    expect(element.querySelector('h4')?.textContent).toBe('Relationship satisfaction (CSI-4)');
    expect(element.textContent).toContain('below the 13.5 cut-off: notable relationship dissatisfaction');
    expect(element.textContent).toContain('No reliable-change verdict');
    expect(element.querySelector('[role=img]')?.getAttribute('aria-label')).toContain('Relationship satisfaction (CSI-4, 0–21)');
    expect(element.querySelector('table caption')?.textContent).toContain('Relationship satisfaction (CSI-4) by date and partner');
  });
});
