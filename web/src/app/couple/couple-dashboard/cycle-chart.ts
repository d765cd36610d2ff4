import { CyclePosition } from '../../core/api/api-types';
import { CoupleDashboard, CycleSession, DashboardPartner } from '../../core/api/dashboard-types';
import { ChartModel, ChartTable, LegendEntry } from '../../shared/chart/chart-table';
import { ATTENDANCE_LABELS, markerLabel, POSITION_LABELS } from '../../shared/ui/labels';
import { TREND_LABELS } from '../../shared/ui/dashboard-labels';
import { addDays } from '../../shared/ui/dates';
import { axisDay, day, itemTooltip, longDate, NEUTRAL, partnerColour, partnerName, shortDate } from './chart-format';

/** Marker shape per position: pursue ▲, withdraw ▼, mixed ◆, not observed ○. */
export const POSITION_SYMBOLS: Record<CyclePosition, string> = {
  pursue: 'triangle',
  // ECharts has no downward triangle; this path is one (drawn in a unit box, scaled to symbolSize).
  withdraw: 'path://M0,0 L10,0 L5,10 Z',
  mixed: 'diamond',
  not_observed: 'emptyCircle',
};

const POSITIONS: CyclePosition[] = ['pursue', 'withdraw', 'mixed', 'not_observed'];

/** The position a partner took most often (not counting "not observed"), for the summary sentence. */
function usualPosition(sessions: CycleSession[], partnerId: string): CyclePosition | null {
  const counts = new Map<CyclePosition, number>();
  for (const s of sessions)
    for (const p of s.partners)
      if (p.partnerId === partnerId && p.position !== 'not_observed') counts.set(p.position, (counts.get(p.position) ?? 0) + 1);
  let best: CyclePosition | null = null;
  for (const [position, n] of counts) if (best === null || n > counts.get(best)!) best = position;
  return best;
}

function summary(d: CoupleDashboard): string {
  const rated = d.cycle.filter((s) => s.partners.length > 0);
  if (rated.length === 0) return 'Pursue–withdraw cycle: no session has a cycle record yet.';
  const people = d.partners.map((partner) => {
    const points = rated.flatMap((s) => s.partners.filter((p) => p.partnerId === partner.id));
    const usual = usualPosition(rated, partner.id);
    const range = points.length ? `intensity ${points[0].intensity} to ${points[points.length - 1].intensity}` : 'not rated';
    return `${partnerName(d.partners, partner.id)} mostly ${usual ? POSITION_LABELS[usual].toLowerCase() : 'not observed'}, ${range}`;
  });
  const trend = d.cycleTrend ? `; trend ${TREND_LABELS[d.cycleTrend].word.toLowerCase()}` : '';
  return `Pursue–withdraw cycle over ${rated.length} sessions, ${longDate(rated[0].date)} to ${longDate(rated[rated.length - 1].date)}: ${people.join('; ')}${trend}.`;
}

function sessionsTable(d: CoupleDashboard): ChartTable {
  return {
    caption: 'Pursue–withdraw cycle by session',
    columns: [
      'Session',
      'Attendance',
      'EFT stage / step',
      ...d.partners.flatMap((p) => [`${partnerName(d.partners, p.id)}: position`, `${partnerName(d.partners, p.id)}: intensity`]),
      'Escalation episodes since previous session',
      'Peak intensity',
      'Change events',
      'Corrected',
    ],
    rows: d.cycle.map((s) => [
      longDate(s.date),
      ATTENDANCE_LABELS[s.attendance] ?? s.attendance,
      `${s.eftStage} / ${s.eftStep}`,
      ...d.partners.flatMap((partner) => {
        const point = s.partners.find((p) => p.partnerId === partner.id);
        return point ? [POSITION_LABELS[point.position], point.intensity] : ['Not recorded', null];
      }),
      s.episodesSinceLastSession,
      s.peakIntensity,
      s.markers.map((m) => markerLabel(m)).join('; ') || 'None',
      s.corrected ? 'Yes, by an amendment' : 'No',
    ]),
  };
}

function adherenceTable(d: CoupleDashboard): ChartTable {
  const weeks = [...new Set(d.weeklyAdherence.map((w) => w.weekStart))].sort();
  return {
    caption: 'Homework adherence by week',
    columns: ['Week of', ...d.partners.map((p) => `${partnerName(d.partners, p.id)}: entries / expected (adherence)`)],
    rows: weeks.map((week) => [
      longDate(week),
      ...d.partners.map((p) => {
        const w = d.weeklyAdherence.find((x) => x.weekStart === week && x.partnerId === p.id);
        if (!w || w.expected === 0) return 'Nothing set';
        return `${w.entries} / ${w.expected} (${w.ratio === null ? '—' : Math.round(w.ratio * 100) + ' %'})`;
      }),
    ]),
  };
}

function partnerLine(d: CoupleDashboard, partner: DashboardPartner, index: number) {
  const name = partnerName(d.partners, partner.id);
  return {
    type: 'line',
    name,
    xAxisIndex: 0,
    yAxisIndex: 0,
    color: partnerColour(d.partners, partner.id),
    // A second cue besides colour: partner B's line is dashed.
    lineStyle: { width: 2, type: index === 0 ? 'solid' : 'dashed' },
    symbolSize: 14,
    z: 3,
    data: d.cycle.flatMap((s) =>
      s.partners
        .filter((p) => p.partnerId === partner.id)
        .map((p) => ({
          value: [day(s.date), p.intensity],
          symbol: POSITION_SYMBOLS[p.position],
          position: p.position,
          tip: `${name}, ${longDate(s.date)}\n${POSITION_LABELS[p.position]}, intensity ${p.intensity}${s.corrected ? '\nCorrected by an amendment' : ''}`,
          // A corrected value is drawn hollow (and says so in the tooltip and the table).
          ...(s.corrected ? { itemStyle: { color: '#ffffff', borderWidth: 2, borderColor: partnerColour(d.partners, partner.id) } } : {}),
        })),
    ),
  };
}

/** The legend's mark for a position: the same shape as the chart's marker. */
const POSITION_MARKS: Record<CyclePosition, LegendEntry['mark']> = {
  pursue: 'triangle',
  withdraw: 'triangle-down',
  mixed: 'diamond',
  not_observed: 'ring',
};

const PIN_COLOUR = '#2e7d32';

/**
 * The change-event pins, numbered in date order, with where each stands: a pin closer than `near` days
 * to the one before it is stacked below it rather than drawn on top of it. The numbers are explained in
 * a list under the chart, so no text sits on the plot but the pins' own numbers.
 */
export function changeEventPins(cycle: CycleSession[], near: number): { date: string; number: number; level: number; markers: string[] }[] {
  const pins: { date: string; number: number; level: number; markers: string[] }[] = [];
  for (const s of cycle.filter((x) => x.markers.length > 0)) {
    const previous = pins[pins.length - 1];
    const close = previous && (day(s.date) - day(previous.date)) / 86_400_000 < near;
    pins.push({ date: s.date, number: pins.length + 1, level: close ? (previous.level + 1) % 3 : 0, markers: s.markers.map((m) => markerLabel(m)) });
  }
  return pins;
}

/** The pursue–withdraw chart: intensity lines with position markers, episode bars, change events, adherence band. */
export function cycleChart(d: CoupleDashboard): ChartModel {
  const dates = [...d.cycle.map((s) => s.date), ...d.weeklyAdherence.flatMap((w) => [w.weekStart, addDays(w.weekStart, 6)])].sort();
  // Both grids share one date range so the adherence band lines up under the sessions.
  const range = dates.length ? { min: day(addDays(dates[0], -3)), max: day(addDays(dates[dates.length - 1], 3)) } : {};
  const spanDays = dates.length ? (day(dates[dates.length - 1]) - day(dates[0])) / 86_400_000 + 6 : 1;
  const xAxis = (gridIndex: number) => ({
    type: 'time',
    gridIndex,
    ...range,
    axisLabel: { formatter: axisDay, hideOverlap: true },
  });
  const withEpisodes = d.cycle.filter((s) => s.episodesSinceLastSession !== null);
  // Pins closer than 1/25 of the span (about 50 px on a wide screen) stack, up to three deep.
  const pins = changeEventPins(d.cycle, Math.max(1, spanDays / 25));
  const names = d.partners.map((p) => partnerName(d.partners, p.id));

  const option = {
    animation: false,
    tooltip: itemTooltip,
    // The key is HTML beside the chart (see `legend` below): it wraps on a phone and never covers the data.
    legend: { show: false },
    grid: [
      { left: 64, right: 64, top: 28, bottom: '30%' },
      { left: 64, right: 64, height: '14%', bottom: 28 },
    ],
    xAxis: [xAxis(0), xAxis(1)],
    // Axis names run along their axes, clear of the pins at the top and of the dates below.
    yAxis: [
      { type: 'value', gridIndex: 0, min: 0, max: 10, interval: 2, name: 'Intensity (0–10)', nameLocation: 'middle', nameGap: 32 },
      { type: 'value', gridIndex: 0, min: 0, minInterval: 1, name: 'Escalation episodes', nameLocation: 'middle', nameGap: 32,
        position: 'right', splitLine: { show: false } },
      // The adherence strip is short: its "0 %" sat on the first date label, so only "100 %" is written (0 is the axis line).
      { type: 'value', gridIndex: 1, min: 0, max: 100, interval: 100, axisLabel: { formatter: '{value} %', showMinLabel: false } },
    ],
    series: [
      ...d.partners.map((p, i) => partnerLine(d, p, i)),
      {
        type: 'bar',
        name: 'Escalation episodes',
        xAxisIndex: 0,
        yAxisIndex: 1,
        barMaxWidth: 10,
        color: '#9e9e9e',
        itemStyle: { opacity: 0.6 },
        z: 1,
        data: withEpisodes.map((s) => ({
          value: [day(s.date), s.episodesSinceLastSession],
          tip: `${s.episodesSinceLastSession} escalation episodes before ${longDate(s.date)}`,
        })),
      },
      {
        type: 'scatter',
        name: 'Change events',
        xAxisIndex: 0,
        yAxisIndex: 0,
        symbol: 'pin',
        symbolSize: 24,
        color: PIN_COLOUR,
        z: 4,
        // Only the pin's number is written on the chart; the list under it says what each one was.
        label: { show: true, position: 'inside', offset: [0, -2], formatter: '{b}', fontSize: 11, fontWeight: 'bold', color: '#ffffff' },
        data: pins.map((pin) => ({
          value: [day(pin.date), 10 - pin.level * 1.4],
          name: String(pin.number),
          tip: `${pin.number} · ${longDate(pin.date)}\n${pin.markers.join('\n')}`,
        })),
      },
      ...d.partners.map((p) => ({
        type: 'bar',
        name: `${partnerName(d.partners, p.id)}: homework %`,
        xAxisIndex: 1,
        yAxisIndex: 2,
        barMaxWidth: 12,
        color: partnerColour(d.partners, p.id),
        data: d.weeklyAdherence
          .filter((w) => w.partnerId === p.id && w.ratio !== null)
          .map((w) => ({
            value: [day(addDays(w.weekStart, 3)), Math.round(w.ratio! * 100)],
            tip: `${partnerName(d.partners, p.id)}, week of ${shortDate(w.weekStart)}\n${w.entries} of ${w.expected} entries (${Math.round(w.ratio! * 100)} %)`,
          })),
      })),
    ],
  };
  const legend: LegendEntry[] = [
    ...d.partners.map((p, i) => ({ mark: (i === 0 ? 'line' : 'dashed-line') as LegendEntry['mark'], colour: partnerColour(d.partners, p.id), label: names[i] })),
    ...POSITIONS.map((position) => ({ mark: POSITION_MARKS[position], colour: NEUTRAL, label: POSITION_LABELS[position] })),
    { mark: 'bar', colour: '#9e9e9e', label: 'Escalation episodes (right axis)' },
    { mark: 'pin', colour: PIN_COLOUR, label: 'Change event (numbered below)' },
    ...d.partners.map((p) => ({ mark: 'square' as const, colour: partnerColour(d.partners, p.id), label: `${partnerName(d.partners, p.id)}: homework % (beneath)` })),
  ];
  return {
    option,
    label: summary(d),
    tables: [sessionsTable(d), adherenceTable(d)],
    legend,
    notes: { heading: 'Change events', items: pins.map((pin) => ({ number: pin.number, text: `${longDate(pin.date)}: ${pin.markers.join(', ')}` })) },
  };
}
