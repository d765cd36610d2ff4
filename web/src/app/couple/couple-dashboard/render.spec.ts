import { init, setPlatformAPI } from 'echarts/core';
import '../../shared/chart/echarts';
import { ChartModel } from '../../shared/chart/chart-table';
import { attachmentChart } from './attachment-chart';
import { cycleChart } from './cycle-chart';
import { dashboardFixture } from './dashboard-fixture';
import { adherenceChart, turnBalanceChart } from './homework-chart';
import { stageChart, stageTick } from './stage-chart';

// jsdom has no canvas to measure text with; an estimate is enough to lay the chart out.
setPlatformAPI({ measureText: (text: string) => ({ width: text.length * 6.5 }) });

/** Draws an option with the real ECharts (server-side SVG, no DOM layout needed) to prove it renders. */
function render(model: ChartModel): string {
  const chart = init(null, undefined, { renderer: 'svg', ssr: true, width: 900, height: 460 });
  try {
    chart.setOption(model.option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

describe('dashboard options drawn by ECharts', () => {
  const d = dashboardFixture();

  it('draws the pursue–withdraw chart with its numbered events, both axes and both grids (the key is HTML beside it)', () => {
    const svg = render(cycleChart(d));
    for (const text of ['Intensity (0–10)', 'Escalation episodes', '>1<', '>2<', '100 %'])
      expect(svg).toContain(text);
    expect(svg).not.toContain('Repair attempt'); // listed under the chart, not written on it
  });

  it('draws the attachment plane with quadrant labels and the noise note', () => {
    const svg = render(attachmentChart(d));
    for (const text of ['Preoccupied (convention)', 'Avoidance', 'Anxiety'])
      expect(svg).toContain(text);
  });

  it('draws homework, turn balance and the stage timeline', () => {
    expect(render(adherenceChart(d))).toContain('Week of');
    expect(render(turnBalanceChart(d))).toContain('Balanced (50 %)');
    expect(render(stageChart(d))).toContain('Restructuring');
  });

  it('keeps stage 1 off the x-axis, so its name never meets the first date label, and names whole stages only', () => {
    const option = stageChart(d).option as { yAxis: { min: number; max: number } };
    expect(option.yAxis.min).toBeLessThan(1);
    expect(option.yAxis.max).toBe(3);
    expect([0, 1, 2, 3].map(stageTick)).toEqual(['', '1 · De-escalation', '2 · Restructuring', '3 · Consolidation']);
    const svg = render(stageChart(d));
    expect(svg).toContain('1 · De-escalation');
    expect(svg).toContain('3 · Consolidation');
    expect(svg).not.toMatch(/>0 ·/);
  });
});
