import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { ChartNote, ChartTable, LegendEntry, tableFromOption } from './chart-table';
import { CHART_FACTORY, ChartHandle, EChartsCoreOption } from './echarts';

let nextId = 0;

/**
 * One ECharts chart with its data-table alternative. The chart is an image with a summary for
 * assistive technology; "Show as table" swaps in the same numbers as a table, and a printout
 * always carries the table.
 */
@Component({
  selector: 'app-chart',
  imports: [MatButtonModule],
  templateUrl: './chart.html',
  styleUrl: './chart.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Chart {
  readonly option = input.required<EChartsCoreOption>();
  /** The accessible name: a sentence that says what the chart shows. */
  readonly label = input.required<string>();
  /** Tables of the chart's numbers; derived from the option's series when not given. */
  readonly tables = input<ChartTable[] | null>(null);
  readonly height = input('320px');
  /** The key, drawn as HTML above the chart (wraps on a phone, never covers the data). */
  readonly legend = input<LegendEntry[], LegendEntry[] | undefined>([], { transform: (entries) => entries ?? [] });
  /** Numbered marks on the chart and what each stands for, listed under it. */
  readonly notes = input<{ heading: string; items: ChartNote[] } | undefined>(undefined);

  protected readonly showTable = signal(false);
  protected readonly tableId = `chart-table-${nextId++}`;
  protected readonly resolvedTables = computed(() => this.tables() ?? [tableFromOption(this.option(), this.label())]);

  private readonly canvas = viewChild.required<ElementRef<HTMLElement>>('canvas');
  private readonly create = inject(CHART_FACTORY);
  private chart: ChartHandle | null = null;

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      const element = this.canvas().nativeElement;
      this.chart = this.create(element);
      this.chart.setOption(this.option(), { notMerge: true });
      const resize = () => this.chart?.resize();
      const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(resize);
      observer?.observe(element);
      // Print media has its own width: redraw at it so the SVG fits the page.
      const print = typeof matchMedia === 'function' ? matchMedia('print') : null;
      print?.addEventListener('change', resize);
      destroyRef.onDestroy(() => {
        observer?.disconnect();
        print?.removeEventListener('change', resize);
        this.chart?.dispose();
        this.chart = null;
      });
    });
    effect(() => {
      const option = this.option();
      this.chart?.setOption(option, { notMerge: true });
    });
  }

  protected toggle(): void {
    this.showTable.update((shown) => !shown);
  }

  protected isNumber(cell: unknown): boolean {
    return typeof cell === 'number';
  }
}
