import { InjectionToken } from '@angular/core';
import { BarChart, LineChart, LinesChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, MarkPointComponent, TooltipComponent } from 'echarts/components';
import { EChartsCoreOption, init, use } from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { SVGRenderer } from 'echarts/renderers';

// Only the parts the dashboards draw, so the lazy chunk stays small. SVG rather than canvas:
// crisp when printed, selectable text, and nothing to fake in jsdom. LabelLayout makes `hideOverlap`
// and `moveOverlap` work (without it ECharts ignores them, and axis dates were drawn on top of each other).
use([LineChart, BarChart, ScatterChart, LinesChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent,
  MarkPointComponent, MarkAreaComponent, LabelLayout, SVGRenderer]);

/** The few calls the wrapper makes on a chart instance. */
export interface ChartHandle {
  setOption(option: EChartsCoreOption, opts?: { notMerge?: boolean }): void;
  resize(): void;
  dispose(): void;
}

/** Creates a chart in an element; a token so specs can replace ECharts (jsdom has no layout). */
export const CHART_FACTORY = new InjectionToken<(element: HTMLElement) => ChartHandle>('CHART_FACTORY', {
  providedIn: 'root',
  factory: () => (element) => init(element, undefined, { renderer: 'svg' }),
});

export type { EChartsCoreOption };
