import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { CoupleDashboard } from '../../core/api/dashboard-types';
import { PerceptionGapKind } from '../../core/api/homework-types';
import { DescribeErrorPipe } from '../../core/api/describe-error-pipe';
import { Chart } from '../../shared/chart/chart';
import { attachmentChart } from './attachment-chart';
import { longDate } from './chart-format';
import { cycleChart } from './cycle-chart';
import { MeasureChart } from './measure-chart';
import { adherenceChart, turnBalanceChart } from './homework-chart';
import { stageChart } from './stage-chart';

const GAP_LABELS: Record<PerceptionGapKind, string> = {
  unmatched_need: 'Need without a response',
  response_mismatch: 'Seen differently',
};

/**
 * The couple's charts (DESIGN §5, §11): the pursue–withdraw cycle, the attachment plane, the
 * measures (relationship satisfaction, depression, anxiety) once there are any, homework and the EFT stage. The API computes every number; the builders here only shape them for ECharts.
 */
@Component({
  selector: 'app-couple-dashboard',
  imports: [DescribeErrorPipe, Chart, MeasureChart],
  templateUrl: './couple-dashboard.html',
  styleUrl: './couple-dashboard.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CoupleDashboardPanel {
  readonly coupleId = input.required<string>();

  protected readonly dashboard = httpResource<CoupleDashboard>(() => `/api/couples/${encodeURIComponent(this.coupleId())}/dashboard`);
  private readonly data = computed(() => (this.dashboard.hasValue() ? this.dashboard.value() : null));

  protected readonly cycle = computed(() => {
    const d = this.data();
    return d && d.cycle.some((s) => s.partners.length > 0 || s.episodesSinceLastSession !== null) ? cycleChart(d) : null;
  });
  protected readonly attachment = computed(() => {
    const d = this.data();
    return d && d.attachment.length > 0 ? attachmentChart(d) : null;
  });
  protected readonly adherence = computed(() => {
    const d = this.data();
    return d && d.weeklyAdherence.length > 0 ? adherenceChart(d) : null;
  });
  protected readonly turnBalance = computed(() => {
    const d = this.data();
    return d && d.turnBalance.some((t) => t.needingShare !== null) ? turnBalanceChart(d) : null;
  });
  protected readonly stages = computed(() => {
    const d = this.data();
    return d && d.stageTimeline.length > 0 ? stageChart(d) : null;
  });
  protected readonly gaps = computed(() => this.data()?.perceptionGaps ?? []);
  /** Satisfaction (CSI) first, then PHQ-9 and GAD-7, in the API's order. */
  protected readonly measures = computed(() => this.data()?.measures ?? []);
  protected readonly partners = computed(() => this.data()?.partners ?? []);
  protected readonly attachmentNote = computed(() => this.data()?.attachmentNote ?? '');
  protected readonly windowFrom = computed(() => {
    const d = this.data();
    return d ? longDate(d.homeworkWindowFrom) : '';
  });

  protected readonly longDate = longDate;

  protected gapLabel(kind: PerceptionGapKind): string {
    return GAP_LABELS[kind] ?? kind;
  }
}
