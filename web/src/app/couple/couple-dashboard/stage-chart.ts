import { CoupleDashboard } from '../../core/api/dashboard-types';
import { ChartModel } from '../../shared/chart/chart-table';
import { EFT_STAGE_NAMES } from '../../shared/ui/dashboard-labels';
import { axisDay, day, itemTooltip, longDate } from './chart-format';

const DAY = 24 * 60 * 60 * 1000;

export function stageName(stage: number): string {
  return EFT_STAGE_NAMES[stage] ?? `Stage ${stage}`;
}

/** A y-axis tick: a stage by number and name; the axis's 0 (no stage) unlabelled. */
export function stageTick(value: number): string {
  return value >= 1 && Number.isInteger(value) ? `${value} · ${stageName(value)}` : '';
}

/** The EFT stage over session dates as a step line, stages 1–3 named on the axis. */
export function stageChart(d: CoupleDashboard): ChartModel {
  const points = d.stageTimeline;
  const option = {
    animation: false,
    tooltip: itemTooltip,
    grid: { left: 120, right: 24, top: 16, bottom: 32 },
    xAxis: {
      type: 'time',
      // Two days either side so the first and last sessions do not sit on the chart's edges.
      min: (extent: { min: number }) => extent.min - 2 * DAY,
      max: (extent: { max: number }) => extent.max + 2 * DAY,
      axisLabel: { formatter: axisDay, hideOverlap: true } },
    // A stage of room below stage 1: drawn on the x-axis, its name sat beside the first date label, and the two overlapped
    // whenever a tick fell near the chart's left edge. The axis's 0 is left unnamed.
    yAxis: {
      type: 'value',
      min: 0,
      max: 3,
      interval: 1,
      axisLabel: { formatter: stageTick },
    },
    series: [
      {
        type: 'line',
        name: 'EFT stage',
        step: 'end',
        symbolSize: 8,
        color: '#4a4a8a',
        data: points.map((p) => ({
          value: [day(p.date), p.eftStage],
          tip: `${longDate(p.date)}\nStage ${p.eftStage} (${stageName(p.eftStage)}), step ${p.eftStep}`,
        })),
      },
    ],
  };
  const last = points[points.length - 1];
  const label = last
    ? `EFT stage over ${points.length} sessions from ${longDate(points[0].date)}: now stage ${last.eftStage}, ${stageName(last.eftStage)}, step ${last.eftStep}.`
    : 'EFT stage timeline: no sessions yet.';
  return {
    option,
    label,
    tables: [
      {
        caption: 'EFT stage by session',
        columns: ['Session', 'Stage', 'Step'],
        rows: points.map((p) => [longDate(p.date), `${p.eftStage} · ${stageName(p.eftStage)}`, p.eftStep]),
      },
    ],
  };
}
