import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { Paged, Partner } from '../core/api/api-types';
import { Assessment, Instrument, QuestionnaireRequest, SubscaleChange, SubscaleDefinition } from '../core/api/assessment-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { QUADRANT_LABELS } from './assessment-labels';
import { changeFigures, changeReading, changeVerdict } from './change-reading';
import { cutOffText, formatScore, rangeText, scoreRows } from './instrument-format';
import { WhenPipe } from '../shared/ui/when';

/**
 * Both partners' assessments, newest first: each score with its range (and band or cut-off where
 * the instrument has one), then the soft label, then change judged by the instrument's own rule.
 */
@Component({
  selector: 'app-assessment-list',
  imports: [DescribeErrorPipe, WhenPipe],
  templateUrl: './assessment-list.html',
  styleUrl: './assessment-list.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AssessmentList {
  readonly coupleId = input.required<string>();
  readonly partners = input.required<Partner[]>();
  /** Bumped by the owner after a new assessment or request, to reload. */
  readonly refresh = input(0);

  protected readonly page = httpResource<Paged<Assessment>>(() => {
    this.refresh();
    return { url: `/api/couples/${encodeURIComponent(this.coupleId())}/assessments`, params: { page: 1, pageSize: 100 } };
  });
  protected readonly requests = httpResource<Paged<QuestionnaireRequest>>(() => {
    this.refresh();
    return {
      url: `/api/couples/${encodeURIComponent(this.coupleId())}/questionnaire-requests`,
      params: { page: 1, pageSize: 100 },
    };
  });
  protected readonly instruments = httpResource<Instrument[]>(() => '/api/instruments');
  protected readonly assessments = computed(() =>
    this.page.hasValue()
      ? [...this.page.value().items].sort((a, b) => b.administeredOn.localeCompare(a.administeredOn) || b.createdAt.localeCompare(a.createdAt))
      : [],
  );
  protected readonly pending = computed(() =>
    this.requests.hasValue() ? this.requests.value().items.filter((r) => r.status === 'pending') : [],
  );
  protected readonly quadrantLabels = QUADRANT_LABELS;

  protected partnerName(id: string): string {
    const partner = this.partners().find((p) => p.id === id);
    return partner ? partner.firstName : 'Unknown partner';
  }

  protected instrumentOf(a: Assessment): Instrument | undefined {
    return this.instruments.hasValue()
      ? this.instruments.value().find((i) => i.code === a.instrument && i.version === a.instrumentVersion)
      : undefined;
  }

  protected rows(a: Assessment) {
    return scoreRows(this.instrumentOf(a), a.scores as Record<string, number>);
  }

  protected changes(a: Assessment) {
    const instrument = this.instrumentOf(a);
    return Object.entries(a.change?.subscales ?? {}).map(([code, change]) => ({
      code,
      change,
      label: instrument?.subscales.find((s) => s.code === code)?.label ?? code,
    }));
  }

  protected score(a: Assessment, value: number): string {
    return formatScore(this.instrumentOf(a), value);
  }

  protected range(subscale: SubscaleDefinition | undefined): string {
    return rangeText(subscale);
  }

  protected cutOff(a: Assessment, subscale: SubscaleDefinition | undefined, code: string): string | null {
    return cutOffText(subscale, a.clinical[code]);
  }

  protected reading(change: SubscaleChange): string {
    return changeReading(change);
  }

  protected figures(change: SubscaleChange): string {
    return changeFigures(change);
  }

  protected verdict(change: SubscaleChange): string {
    return changeVerdict(change);
  }
}
