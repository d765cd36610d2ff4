import { CoupleDashboard } from '../../core/api/dashboard-types';
import { ChartModel, LegendEntry } from '../../shared/chart/chart-table';
import { percent } from '../../shared/ui/dashboard-labels';
import { itemTooltip, longDate, partnerColour, partnerName, shortDate } from './chart-format';

/** Entries against target per week and partner: filled bars are entries, outlined bars the target. */
export function adherenceChart(d: CoupleDashboard): ChartModel {
  const weeks = [...new Set(d.weeklyAdherence.map((w) => w.weekStart))].sort();
  const week = (partnerId: string, weekStart: string) =>
    d.weeklyAdherence.find((w) => w.partnerId === partnerId && w.weekStart === weekStart);
  const option = {
    animation: false,
    tooltip: itemTooltip,
    // The key is HTML beside the chart (`legend` below).
    legend: { show: false },
    grid: { left: 56, right: 16, top: 16, bottom: 48 },
    // Axis names along their axes, clear of the bars and of each other.
    xAxis: { type: 'category', name: 'Week of', nameLocation: 'middle', nameGap: 28, data: weeks.map(shortDate), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', name: 'Entries', nameLocation: 'middle', nameGap: 32, minInterval: 1 },
    series: d.partners.flatMap((partner) => {
      const name = partnerName(d.partners, partner.id);
      const colour = partnerColour(d.partners, partner.id);
      return [
        {
          type: 'bar',
          name: `${name}: entries`,
          color: colour,
          data: weeks.map((w) => {
            const x = week(partner.id, w);
            return { value: x?.entries ?? 0, tip: `${name}, week of ${shortDate(w)}\n${x?.entries ?? 0} entries of ${x?.expected ?? 0} expected` };
          }),
        },
        {
          type: 'bar',
          name: `${name}: target`,
          color: colour,
          // Outlined, not filled: the target reads apart from the entries without relying on colour.
          itemStyle: { color: 'rgba(255,255,255,0)', borderColor: colour, borderWidth: 2, borderType: 'dashed' },
          data: weeks.map((w) => ({ value: week(partner.id, w)?.expected ?? 0, tip: `${name}, week of ${shortDate(w)}\ntarget ${week(partner.id, w)?.expected ?? 0}` })),
        },
      ];
    }),
  };
  const totals = d.partners.map((p) => {
    const rows = d.weeklyAdherence.filter((w) => w.partnerId === p.id);
    const entries = rows.reduce((sum, w) => sum + w.entries, 0);
    const expected = rows.reduce((sum, w) => sum + w.expected, 0);
    return `${partnerName(d.partners, p.id)} ${entries} entries against a target of ${Math.round(expected * 10) / 10}`;
  });
  const legend: LegendEntry[] = d.partners.flatMap((p) => [
    { mark: 'bar' as const, colour: partnerColour(d.partners, p.id), label: `${partnerName(d.partners, p.id)}: entries` },
    { mark: 'outlined-bar' as const, colour: partnerColour(d.partners, p.id), label: `${partnerName(d.partners, p.id)}: target` },
  ]);
  return {
    option,
    legend,
    label: weeks.length
      ? `Homework entries against target per week, ${longDate(weeks[0])} to ${longDate(weeks[weeks.length - 1])}: ${totals.join('; ')}.`
      : 'Homework: nothing assigned yet.',
    tables: [
      {
        caption: 'Homework entries against target per week',
        columns: ['Week of', ...d.partners.flatMap((p) => [`${partnerName(d.partners, p.id)}: entries`, `${partnerName(d.partners, p.id)}: target`, `${partnerName(d.partners, p.id)}: adherence`])],
        rows: weeks.map((w) => [
          longDate(w),
          ...d.partners.flatMap((p) => {
            const x = week(p.id, w);
            return [x?.entries ?? 0, x?.expected ?? 0, percent(x?.ratio ?? null)];
          }),
        ]),
      },
    ],
  };
}

/** Needing share per partner in the Taking Turns exercise; 0.5 means the partners take turns evenly. */
export function turnBalanceChart(d: CoupleDashboard): ChartModel {
  const shares = d.turnBalance.filter((t) => t.needingShare !== null);
  const names = shares.map((t) => partnerName(d.partners, t.partnerId));
  const option = {
    animation: false,
    tooltip: itemTooltip,
    grid: { left: 96, right: 24, top: 16, bottom: 40 },
    xAxis: { type: 'value', min: 0, max: 100, interval: 25, name: 'Share of turns spent needing', nameLocation: 'middle', nameGap: 26, axisLabel: { formatter: '{value} %' } },
    yAxis: { type: 'category', data: names, inverse: true },
    series: [
      {
        type: 'bar',
        name: 'Needing share',
        barMaxWidth: 24,
        data: shares.map((t) => ({
          value: Math.round(t.needingShare! * 100),
          itemStyle: { color: partnerColour(d.partners, t.partnerId) },
          tip: `${partnerName(d.partners, t.partnerId)}: needing ${t.needing}, supporting ${t.supporting}`,
        })),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: '#424242', type: 'dashed' },
          // The category axis is inverted, so the line's start is at the top.
          label: { formatter: 'Balanced (50 %)', position: 'start' },
          data: [{ xAxis: 50 }],
        },
      },
    ],
  };
  const text = d.turnBalance
    .map((t) => `${partnerName(d.partners, t.partnerId)} needing in ${percent(t.needingShare)} of turns (${t.needing} needing, ${t.supporting} supporting)`)
    .join('; ');
  return {
    option,
    label: `Turn balance since ${longDate(d.homeworkWindowFrom)}, 50 % is balanced: ${text}.`,
    tables: [
      {
        caption: `Turn balance since ${longDate(d.homeworkWindowFrom)} (50 % is balanced)`,
        columns: ['Partner', 'Turns needing', 'Turns supporting', 'Needing share'],
        rows: d.turnBalance.map((t) => [partnerName(d.partners, t.partnerId), t.needing, t.supporting, percent(t.needingShare)]),
      },
    ],
  };
}
