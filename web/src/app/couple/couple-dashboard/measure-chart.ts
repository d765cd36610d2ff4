import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { DashboardPartner, MeasurePoint, MeasureSeries } from '../../core/api/dashboard-types';
import { Chart } from '../../shared/chart/chart';
import { ChartModel, LegendEntry } from '../../shared/chart/chart-table';
import { axisDay, day, itemTooltip, longDate, partnerColour, partnerName, signed } from './chart-format';

const DAY = 24 * 60 * 60 * 1000;
const SYMBOLS = ['circle', 'diamond'] as const;
/** Severity bands from lightest to darkest grey: shade is a second cue beside the band's name, never the only one. */
const BAND_SHADES = ['#f4f4f4', '#ebebeb', '#e0e0e0', '#d4d4d4', '#c8c8c8'];

/** "+6, reliable deterioration" / "+4 (no verdict)" — the change in words for the table and the tooltip. */
export function changeText(point: MeasurePoint): string {
  const change = point.change;
  if (!change) return 'First score';
  const figure = `${signed(Math.round(change.change * 100) / 100)}`;
  // The API's one trend (ScoreTrend), as the assessment list, the caseload and the plan's goals read it.
  switch (change.trend) {
    case 'improving':
      return `${figure}, reliable improvement`;
    case 'worsening':
      return `${figure}, reliable deterioration`;
    case 'steady':
      return `${figure}, within measurement noise`;
    default:
      return `${figure} (no reliable-change verdict)`;
  }
}

/** Where a score sits: its band (PHQ-9, GAD-7) or its side of the cut-off (CSI). */
export function standing(series: MeasureSeries, point: MeasurePoint): string {
  const band = series.bands.find((b) => b.code === point.band);
  if (band) return band.label;
  if (series.cutOff && point.clinical !== null) {
    return point.clinical ? series.cutOff.label : `Not ${series.cutOff.clinicalSide === 'below' ? 'below' : 'at or above'} the ${series.cutOff.value} cut-off`;
  }
  return '';
}

/**
 * One measure over time for both partners: a line per partner (colour and marker shape differ),
 * the satisfaction cut-off as a shaded band under a line, or the severity bands behind the lines,
 * each named in the legend text, the table and the chart's summary.
 */
export function measureChart(series: MeasureSeries, partners: DashboardPartner[]): ChartModel {
  const byPartner = partners.map((p, i) => ({ partner: p, index: i, points: series.points.filter((x) => x.partnerId === p.id) }));
  const cut = series.cutOff;
  const shaded = cut?.clinicalSide === 'below'
    ? [[{ yAxis: series.min, name: cut.label, itemStyle: { color: 'rgba(194, 90, 0, 0.08)' } }, { yAxis: cut.value }]]
    : series.bands.map((b, i) => [
        { yAxis: b.min, name: b.label, itemStyle: { color: BAND_SHADES[i % BAND_SHADES.length] } },
        { yAxis: Math.min(series.max, b.max + 1) },
      ]);
  const option = {
    animation: false,
    tooltip: itemTooltip,
    // The key is HTML beside the chart (`legend` below).
    legend: { show: false },
    grid: { left: 56, right: 136, top: 16, bottom: 32 },
    xAxis: {
      type: 'time',
      min: (extent: { min: number }) => extent.min - 3 * DAY,
      max: (extent: { max: number }) => extent.max + 3 * DAY,
      axisLabel: { formatter: axisDay, hideOverlap: true },
    },
    yAxis: { type: 'value', name: series.instrument, nameLocation: 'middle', nameGap: 32, min: series.min, max: series.max },
    series: byPartner.map(({ partner, index, points }, i) => ({
      type: 'line',
      name: partnerName(partners, partner.id),
      color: partnerColour(partners, partner.id),
      symbol: SYMBOLS[index % SYMBOLS.length],
      symbolSize: 9,
      data: points.map((p) => ({
        value: [day(p.administeredOn), p.score],
        tip: `${partnerName(partners, p.partnerId)}, ${longDate(p.administeredOn)}\n${series.instrument} ${p.score}` +
          `${standing(series, p) ? ` · ${standing(series, p)}` : ''}\n${changeText(p)}`,
      })),
      // The background goes on the first series only, once.
      ...(i === 0 && shaded.length
        ? { markArea: { silent: true, label: { position: 'insideTopLeft', color: '#444', fontSize: 11 }, data: shaded } }
        : {}),
      ...(i === 0 && cut
        ? { markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#444' },
            label: { formatter: `Cut-off ${cut.value}`, position: 'insideEndTop' }, data: [{ yAxis: cut.value }] } }
        : {}),
    })),
  };
  const latest = byPartner
    .filter((b) => b.points.length)
    .map(({ partner, points }) => {
      const last = points[points.length - 1];
      const where = standing(series, last);
      return `${partnerName(partners, partner.id)} latest ${last.score} on ${longDate(last.administeredOn)}${where ? ` (${where})` : ''}`;
    });
  const label = series.points.length
    ? `${series.label} (${series.instrument}, ${series.min}–${series.max}) for both partners over ${series.points.length} scores: ${latest.join('; ')}.`
    : `${series.label} (${series.instrument}): no scores yet.`;
  const legend: LegendEntry[] = partners.map((p, i) => ({
    mark: (i === 0 ? 'circle' : 'diamond') as LegendEntry['mark'],
    colour: partnerColour(partners, p.id),
    label: partnerName(partners, p.id),
  }));
  return {
    option,
    label,
    legend,
    tables: [
      {
        caption: `${series.label} (${series.instrument}) by date and partner`,
        columns: ['Date', 'Partner', 'Score', series.bands.length ? 'Band' : 'Against the cut-off', 'Change since previous'],
        rows: [...series.points]
          .sort((a, b) => a.administeredOn.localeCompare(b.administeredOn))
          .map((p) => [longDate(p.administeredOn), partnerName(partners, p.partnerId), p.score, standing(series, p), changeText(p)]),
      },
    ],
  };
}

/** A measure's chart with its data table, its scale and its reliable-change rule in words. Self-contained for any section to host. */
@Component({
  selector: 'app-measure-chart',
  imports: [Chart],
  template: `
    <h4 [id]="headingId()">{{ series().label }} ({{ series().instrument }})</h4>
    <p class="key">{{ key() }} {{ series().ruleNote }}</p>
    @if (series().points.length) {
      <app-chart [option]="model().option" [label]="model().label" [tables]="model().tables" [legend]="model().legend" height="300px" />
    } @else {
      <p class="empty">No scores yet.</p>
    }
  `,
  styles: `.key { font-size: 0.875rem; color: var(--mat-sys-on-surface-variant); }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MeasureChart {
  readonly series = input.required<MeasureSeries>();
  readonly partners = input.required<DashboardPartner[]>();

  protected readonly model = computed(() => measureChart(this.series(), this.partners()));
  protected readonly headingId = computed(() => `measure-${this.series().instrument.toLowerCase()}-${this.series().subscale}`);
  protected readonly key = computed(() => {
    const s = this.series();
    const names = this.partners().map((p, i) => `${p.firstName || p.label} ${i === 0 ? '●' : '◆'}`).join(', ');
    if (s.cutOff?.clinicalSide === 'below')
      return `Scores run ${s.min}–${s.max}, higher is more satisfied. The shaded band under the dashed line is below the ${s.cutOff.value} cut-off: ${s.cutOff.label.replace(/^Below [\d.]+: /, '')}. Lines: ${names}.`;
    if (s.bands.length)
      return `Scores run ${s.min}–${s.max}, higher is more severe. Grey bands, lightest to darkest: ${s.bands.map((b) => `${b.label} ${b.min}–${b.max}`).join(', ')}. Lines: ${names}.`;
    return `Scores run ${s.min}–${s.max}. Lines: ${names}.`;
  });
}
