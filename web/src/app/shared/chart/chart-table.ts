import { EChartsCoreOption } from 'echarts/core';

export type ChartCell = string | number | null;

/** The data-table alternative of a chart: what a screen reader or a printout gets. */
export interface ChartTable {
  caption: string;
  /** Column headings; the first column heads each row. */
  columns: string[];
  rows: ChartCell[][];
}

interface SeriesLike {
  name?: string;
  data?: unknown[];
}

interface AxisLike {
  type?: string;
  name?: string;
  data?: unknown[];
}

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** The y value of one data item, whichever shape ECharts was given (number, [x, y], { value }). */
function yValue(item: unknown): ChartCell {
  if (item === null || item === undefined || item === '-') return null;
  if (typeof item === 'number' || typeof item === 'string') return item;
  if (Array.isArray(item)) return yValue(item[item.length - 1]);
  if (typeof item === 'object' && 'value' in item) return yValue((item as { value: unknown }).value);
  return null;
}

function point(item: unknown): ChartCell[] {
  const value = typeof item === 'object' && item !== null && !Array.isArray(item) && 'value' in item
    ? (item as { value: unknown }).value
    : item;
  return Array.isArray(value) ? value.map((v) => yValue(v)) : [yValue(value)];
}

/**
 * A table built from the option's series, for charts that pass none of their own: on a category
 * x axis one row per category and one column per named series; otherwise one row per point.
 */
export function tableFromOption(option: EChartsCoreOption, caption: string): ChartTable {
  const series = asArray(option['series'] as SeriesLike | SeriesLike[]).filter((s) => s.name && Array.isArray(s.data));
  const xAxis = asArray(option['xAxis'] as AxisLike | AxisLike[])[0];
  if (xAxis?.type === 'category' && Array.isArray(xAxis.data)) {
    return {
      caption,
      columns: [xAxis.name ?? '', ...series.map((s) => s.name!)],
      rows: xAxis.data.map((category, i) => [String(yValue(category) ?? ''), ...series.map((s) => yValue(s.data![i]))]),
    };
  }
  const rows = series.flatMap((s) => s.data!.map((item) => [s.name!, ...point(item)]));
  const width = Math.max(1, ...rows.map((r) => r.length - 1));
  const yAxis = asArray(option['yAxis'] as AxisLike | AxisLike[])[0];
  const names =
    width === 1 ? [yAxis?.name ?? 'Value']
    : width === 2 ? [xAxis?.name ?? 'x', yAxis?.name ?? 'y']
    : Array.from({ length: width }, (_, i) => `Value ${i + 1}`);
  return { caption, columns: ['Series', ...names], rows };
}

/** How a legend entry is drawn: the same shape and colour as on the chart. */
export type LegendMark =
  | 'line'
  | 'dashed-line'
  | 'triangle'
  | 'triangle-down'
  | 'diamond'
  | 'circle'
  | 'ring'
  | 'square'
  | 'bar'
  | 'outlined-bar'
  | 'pin'
  | 'arrow'
  | 'dashed-arrow'
  | 'band';

/** One entry of a chart's legend; each shape appears once. */
export interface LegendEntry {
  mark: LegendMark;
  colour: string;
  label: string;
}

/** A numbered mark on the chart (a change-event pin) and what it stands for, listed under the chart. */
export interface ChartNote {
  number: number;
  text: string;
}

/**
 * What a chart component needs: the option, its accessible summary and its tables; the legend and
 * the numbered notes are HTML beside the drawing, so they wrap on a phone and never sit on the data.
 */
export interface ChartModel {
  option: EChartsCoreOption;
  label: string;
  tables: ChartTable[];
  legend?: LegendEntry[];
  notes?: { heading: string; items: ChartNote[] };
}
