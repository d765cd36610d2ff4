import { attachmentChart, attachmentMoves, labelSide, NOISE_LABEL } from './attachment-chart';
import { dashboardFixture } from './dashboard-fixture';

interface Series {
  type: string;
  name: string;
  symbol?: string | string[];
  markLine?: { data: unknown[] };
  data: { coords?: number[][]; lineStyle?: { type: string }; name?: string }[];
}

describe('attachmentChart', () => {
  const d = dashboardFixture();
  const { option, label, tables, legend } = attachmentChart(d);
  const series = option['series'] as Series[];
  const named = (name: string) => series.find((s) => s.name === name)!;

  it('joins each partner’s assessments in time order', () => {
    expect(attachmentMoves(d.attachment).map((m) => [m.partnerId, m.from.assessmentId, m.to.assessmentId, m.reliable])).toEqual([
      ['pa', 'a1', 'a2', true],
      ['pb', 'b1', 'b2', false],
    ]);
  });

  it('draws a reliable move solid with an arrow and noise dashed without one', () => {
    const reliable = named('Reliable move');
    expect(reliable.symbol).toEqual(['none', 'arrow']);
    expect(reliable.data).toHaveLength(1);
    expect(reliable.data[0].coords).toEqual([[2.1, 5.8], [2.0, 3.9]]);
    expect(reliable.data[0].lineStyle?.type).toBe('solid');

    const noise = named(`Move ${NOISE_LABEL}`);
    expect(noise.symbol).toEqual(['none', 'none']);
    expect(noise.data[0].coords).toEqual([[5.5, 2.5], [5.2, 2.6]]);
    expect(noise.data[0].lineStyle?.type).toBe('dashed');
  });

  it('marks the midlines at 4 and labels the quadrants as a convention', () => {
    const quadrants = named('Quadrants (convention)');
    expect(quadrants.markLine?.data).toEqual([{ xAxis: 4 }, { yAxis: 4 }]);
    expect(quadrants.data.map((q) => q.name)).toEqual([
      'Preoccupied (convention)',
      'Fearful (convention)',
      'Secure (convention)',
      'Dismissing (convention)',
    ]);
  });

  it('tabulates each assessment with its change in words', () => {
    expect(label).toContain('Alex: 2 assessments, latest avoidance 2, anxiety 3.9, 1 of 1 moves reliable');
    expect(tables[0].rows[1]).toEqual([
      'Alex', '15 Nov 2026', 'Portal', 2.0, 3.9, 'Secure',
      'avoidance -0.1 (RCI -0.2): within measurement error; anxiety -1.9 (RCI -3.1): reliable improvement',
    ]);
  });

  it('keys each shape once beside the chart, and writes each date clear of the path', () => {
    expect((option['legend'] as { show: boolean }).show).toBe(false);
    expect(legend!.map((e) => [e.mark, e.label])).toEqual([
      ['circle', 'Alex'], ['square', 'Sam'], ['arrow', 'Reliable move'], ['dashed-arrow', `Move ${NOISE_LABEL}`],
    ]);
    const alex = d.attachment.filter((p) => p.partnerId === 'pa'); // moved up and down: dates to the right
    const sideways = [{ ...alex[0], avoidance: 2, anxiety: 2 }, { ...alex[0], avoidance: 6, anxiety: 2.2 }];
    expect([labelSide(alex, 0), labelSide(alex, 1)]).toEqual(['right', 'right']);
    expect([labelSide(sideways, 0), labelSide(sideways, 1)]).toEqual(['top', 'top']);
    const points = named('Alex') as unknown as { labelLayout: { hideOverlap: boolean } };
    expect(points.labelLayout.hideOverlap).toBe(true);
  });
});
