import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Mock } from 'vitest';
import { Chart } from './chart';
import { ChartTable, tableFromOption } from './chart-table';
import { CHART_FACTORY, ChartHandle, EChartsCoreOption } from './echarts';

const weekly: EChartsCoreOption = {
  xAxis: { type: 'category', name: 'Week', data: ['3 Nov', '10 Nov'] },
  yAxis: { type: 'value' },
  series: [
    { type: 'bar', name: 'Ana', data: [3, 5] },
    { type: 'line', name: 'Ben', data: [{ value: 2 }, null] },
  ],
};

@Component({
  imports: [Chart],
  template: `@if (shown()) {
    <app-chart [option]="option()" label="Homework entries per week for Ana and Ben" [tables]="tables()" />
  }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly shown = signal(true);
  readonly option = signal<EChartsCoreOption>(weekly);
  readonly tables = signal<ChartTable[] | null>(null);
}

describe('Chart', () => {
  let fixture: ComponentFixture<Host>;
  let element: HTMLElement;
  let created: HTMLElement[];
  let handle: { setOption: Mock<ChartHandle['setOption']>; resize: Mock<() => void>; dispose: Mock<() => void> };

  beforeEach(async () => {
    created = [];
    handle = { setOption: vi.fn<ChartHandle['setOption']>(), resize: vi.fn(), dispose: vi.fn() };
    TestBed.configureTestingModule({
      imports: [Host],
      providers: [
        {
          provide: CHART_FACTORY,
          useValue: (el: HTMLElement): ChartHandle => {
            created.push(el);
            return handle;
          },
        },
      ],
    });
    fixture = TestBed.createComponent(Host);
    element = fixture.nativeElement;
    await fixture.whenStable();
  });

  const toggle = () => element.querySelector('button') as HTMLButtonElement;
  const tables = () => element.querySelector('.tables') as HTMLElement;
  const image = () => element.querySelector('[role=img]') as HTMLElement;

  it('gives the chart an accessible name and hands ECharts the option', () => {
    expect(image().getAttribute('aria-label')).toBe('Homework entries per week for Ana and Ben');
    expect(created).toEqual([image()]);
    expect(handle.setOption).toHaveBeenCalledWith(weekly, { notMerge: true });
  });

  it('renders a table row per category with a column per series', () => {
    const headings = Array.from(element.querySelectorAll('thead th')).map((th) => th.textContent?.trim());
    expect(headings).toEqual(['Week', 'Ana', 'Ben']);
    const rows = Array.from(element.querySelectorAll('tbody tr')).map((tr) =>
      Array.from(tr.children).map((cell) => cell.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['3 Nov', '3', '2'],
      ['10 Nov', '5', '—'],
    ]);
    expect(element.querySelector('tbody th')?.getAttribute('scope')).toBe('row');
    expect(element.querySelector('caption')?.textContent).toContain('Homework entries per week');
  });

  it('swaps chart and table with the "Show as table" toggle', async () => {
    expect(toggle().textContent?.trim()).toBe('Show as table');
    expect(toggle().getAttribute('aria-expanded')).toBe('false');
    expect(toggle().getAttribute('aria-controls')).toBe(tables().id);
    expect(tables().classList).toContain('hidden');
    expect(image().classList).not.toContain('hidden');

    toggle().click();
    await fixture.whenStable();
    expect(toggle().textContent?.trim()).toBe('Show as chart');
    expect(toggle().getAttribute('aria-expanded')).toBe('true');
    expect(tables().classList).not.toContain('hidden');
    expect(image().classList).toContain('hidden');

    toggle().click();
    await fixture.whenStable();
    expect(tables().classList).toContain('hidden');
  });

  it('uses tables the caller gives instead of the derived one', async () => {
    fixture.componentInstance.tables.set([
      { caption: 'Turn balance', columns: ['Partner', 'Needing share'], rows: [['Ana', 0.5]] },
      { caption: 'Entries', columns: ['Partner', 'Entries'], rows: [['Ben', 4]] },
    ]);
    await fixture.whenStable();
    expect(Array.from(element.querySelectorAll('caption')).map((c) => c.textContent)).toEqual(['Turn balance', 'Entries']);
    expect(element.querySelector('tbody td')?.classList).toContain('num');
  });

  it('passes a new option to the same chart and disposes it when destroyed', async () => {
    const next = { ...weekly, series: [] };
    fixture.componentInstance.option.set(next);
    await fixture.whenStable();
    expect(handle.setOption).toHaveBeenLastCalledWith(next, { notMerge: true });
    expect(created).toHaveLength(1);

    fixture.componentInstance.shown.set(false);
    await fixture.whenStable();
    expect(handle.dispose).toHaveBeenCalledTimes(1);
  });
});

describe('tableFromOption', () => {
  it('lists points by series when the x axis is not a category axis', () => {
    const table = tableFromOption(
      {
        xAxis: { type: 'value', name: 'Avoidance' },
        yAxis: { type: 'value', name: 'Anxiety' },
        series: [{ type: 'scatter', name: 'Ana', data: [[2.5, 4.1], { value: [3, 3.5] }] }],
      },
      'Attachment plane',
    );
    expect(table).toEqual({
      caption: 'Attachment plane',
      columns: ['Series', 'Avoidance', 'Anxiety'],
      rows: [
        ['Ana', 2.5, 4.1],
        ['Ana', 3, 3.5],
      ],
    });
  });
});
