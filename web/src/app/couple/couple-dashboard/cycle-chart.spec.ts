import { day } from './chart-format';
import { changeEventPins, cycleChart, POSITION_SYMBOLS } from './cycle-chart';
import { dashboardFixture } from './dashboard-fixture';

interface Series {
  type: string;
  name: string;
  xAxisIndex?: number;
  yAxisIndex?: number;
  symbol?: string;
  data: { value: [number, number]; symbol?: string; name?: string }[];
}

const seriesOf = (option: Record<string, unknown>) => option['series'] as Series[];
const named = (option: Record<string, unknown>, name: string) => seriesOf(option).find((s) => s.name === name)!;

describe('cycleChart', () => {
  const { option, label, tables, legend, notes } = cycleChart(dashboardFixture());

  it('draws a line per partner in date order with a marker shape per position', () => {
    const alex = named(option, 'Alex');
    expect(alex.type).toBe('line');
    expect(alex.data.map((p) => p.value)).toEqual([
      [day('2026-11-02'), 8],
      [day('2026-11-09'), 6],
      [day('2026-11-16'), 4],
    ]);
    expect(alex.data.map((p) => p.symbol)).toEqual(['triangle', 'diamond', 'triangle']);

    const sam = named(option, 'Sam');
    expect(sam.data.map((p) => p.symbol)).toEqual([POSITION_SYMBOLS.withdraw, 'emptyCircle']);
    expect(POSITION_SYMBOLS.withdraw).toMatch(/^path:\/\//); // the ▼ shape
  });

  it('explains each shape once, in a key beside the chart rather than a legend drawn on it', () => {
    expect((option['legend'] as { show: boolean }).show).toBe(false);
    expect(legend!.map((e) => e.label)).toEqual([
      'Alex', 'Sam', 'Pursue', 'Withdraw', 'Mixed', 'Not observed', 'Escalation episodes (right axis)', 'Change event (numbered below)',
      'Alex: homework % (beneath)', 'Sam: homework % (beneath)',
    ]);
    expect(legend!.map((e) => e.mark)).toEqual(['line', 'dashed-line', 'triangle', 'triangle-down', 'diamond', 'ring', 'bar', 'pin', 'square', 'square']);
    expect(new Set(legend!.slice(2, 6).map((e) => e.mark)).size).toBe(4);
  });

  it('puts escalation episodes on the secondary axis, events as numbered pins listed under the chart, adherence in the band beneath', () => {
    const episodes = named(option, 'Escalation episodes');
    expect(episodes).toMatchObject({ type: 'bar', xAxisIndex: 0, yAxisIndex: 1 });
    expect(episodes.data.map((p) => p.value)).toEqual([
      [day('2026-11-09'), 3],
      [day('2026-11-16'), 1],
    ]);

    const events = named(option, 'Change events');
    expect(events.data.map((p) => p.name)).toEqual(['1', '2']);
    expect(notes).toEqual({
      heading: 'Change events',
      items: [
        { number: 1, text: '9 Nov 2026: Couple named the cycle' },
        { number: 2, text: '16 Nov 2026: Repair attempt, Blamer softening' },
      ],
    });

    const band = named(option, 'Sam: homework %');
    expect(band).toMatchObject({ type: 'bar', xAxisIndex: 1, yAxisIndex: 2 });
    expect(band.data.map((p) => p.value)).toEqual([[day('2026-11-12'), 33]]); // mid-week; the null week is left out
  });

  it('stacks pins that would sit on each other, and only those', () => {
    const session = (date: string, markers: string[]) => ({ date, markers }) as unknown as Parameters<typeof changeEventPins>[0][number];
    const pins = changeEventPins(
      [session('2026-11-02', ['repairAttempt']), session('2026-11-03', ['blamerSoftening']), session('2026-11-04', ['cycleNamedByCouple']),
        session('2026-11-05', []), session('2026-11-30', ['repairAttempt'])],
      3,
    );
    expect(pins.map((p) => [p.number, p.level])).toEqual([[1, 0], [2, 1], [3, 2], [4, 0]]);
  });

  it('aligns both grids on one date range', () => {
    const [top, bottom] = option['xAxis'] as { min: number; max: number }[];
    expect(top.min).toBe(bottom.min);
    expect(top.max).toBe(bottom.max);
    expect(top.min).toBe(day('2026-10-30'));
    expect(top.max).toBe(day('2026-11-25'));
  });

  it('summarises the chart in words and tabulates every session', () => {
    expect(label).toContain('3 sessions');
    expect(label).toContain('Alex mostly pursue, intensity 8 to 4');
    expect(label).toContain('Sam mostly withdraw');
    expect(label).toContain('trend falling');
    expect(tables[0].rows[1]).toEqual(['9 Nov 2026', 'Both partners', '1 / 3', 'Mixed', 6, 'Not observed', 5, 3, 8, 'Couple named the cycle', 'No']);
    expect(tables[0].rows[2]).toContain('Not recorded');
    expect(tables[1].rows).toEqual([
      ['9 Nov 2026', '3 / 3 (100 %)', '1 / 3 (33 %)'],
      ['16 Nov 2026', '2 / 3 (67 %)', 'Nothing set'],
    ]);
  });

  it('marks a value corrected by an amendment: hollow point, a tooltip line and a table column', () => {
    const fixture = dashboardFixture();
    fixture.cycle[1] = { ...fixture.cycle[1], corrected: true };
    const model = cycleChart(fixture);
    const series = (model.option as { series: { name: string; data: { tip?: string; itemStyle?: { color: string } }[] }[] }).series;
    const alex = series.find((x) => x.name === 'Alex')!;
    expect(alex.data[1].tip).toContain('Corrected by an amendment');
    expect(alex.data[1].itemStyle?.color).toBe('#ffffff');
    expect(alex.data[0].itemStyle).toBeUndefined();
    expect(model.tables[0].columns).toContain('Corrected');
    expect(model.tables[0].rows[1].at(-1)).toBe('Yes, by an amendment');
  });
});
