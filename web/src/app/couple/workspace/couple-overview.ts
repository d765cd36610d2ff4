import { DecimalPipe, LowerCasePipe, TitleCasePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { COUPLE_STATUSES, CoupleStatus } from '../../core/api/api-types';
import { ClinicApi } from '../../core/api/clinic-api';
import { AttachmentPoint, CaseloadRow, CoupleDashboard, MeasurePoint } from '../../core/api/dashboard-types';
import { standing } from '../couple-dashboard/measure-chart';
import { describeError } from '../../core/api/problem-details';
import { alertLabel, percent, SEVERITY_ICONS, stageLabel, TREND_LABELS } from '../../shared/ui/dashboard-labels';
import { POSITION_LABELS } from '../../shared/ui/labels';
import { CoupleContext } from './couple-context';
import { PolicyNote } from '../../agreements/policy-note';
import { CoupleRetention } from './couple-retention';
import { PartnersPanel } from './partners-panel';
import { WhenPipe } from '../../shared/ui/when';
import { CloseCase } from './close-case';
import { PlanCard } from '../../treatment-plan/plan-card';

/**
 * The workspace's first screen: where the couple stands. The caseload row supplies status, next
 * session (the next booked appointment once appointments exist), alerts and adherence; the couple
 * dashboard supplies the last session's cycle and the latest scores.
 */
@Component({
  selector: 'app-couple-overview',
  imports: [ReactiveFormsModule, RouterLink, WhenPipe, DecimalPipe, LowerCasePipe, TitleCasePipe, MatButtonModule, MatFormFieldModule, MatSelectModule,
    PartnersPanel, PolicyNote, CoupleRetention, CloseCase, PlanCard],
  templateUrl: './couple-overview.html',
  styleUrl: './couple-overview.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CoupleOverview {
  private readonly api = inject(ClinicApi);
  protected readonly context = inject(CoupleContext);

  /** The couple's own caseload row (the caseload's statements limited to this couple; the audit records this couple only). */
  private readonly caseloadRow = httpResource<CaseloadRow>(() =>
    this.context.id() ? `/api/couples/${encodeURIComponent(this.context.id())}/caseload-row` : undefined,
  );
  protected readonly dashboard = httpResource<CoupleDashboard>(() =>
    this.context.id() ? `/api/couples/${encodeURIComponent(this.context.id())}/dashboard` : undefined,
  );
  protected readonly row = computed(() => (this.caseloadRow.hasValue() ? this.caseloadRow.value() : null));
  protected readonly caseloadLoaded = computed(() => this.caseloadRow.hasValue() || !!this.caseloadRow.error());
  protected readonly lastSession = computed(() => {
    const cycle = this.dashboard.hasValue() ? this.dashboard.value().cycle : [];
    const rated = cycle.filter((s) => s.partners.length > 0);
    return rated.length ? rated[rated.length - 1] : null;
  });
  /** Per measure (CSI-4, PHQ-9, GAD-7 …), each partner's latest score with its band or side of the cut-off. */
  protected readonly latestMeasures = computed(() => {
    if (!this.dashboard.hasValue()) return [];
    return this.dashboard.value().measures.map((series) => {
      const latest = new Map<string, MeasurePoint>();
      for (const point of series.points) {
        const seen = latest.get(point.partnerId);
        if (!seen || seen.administeredOn <= point.administeredOn) latest.set(point.partnerId, point);
      }
      return {
        key: `${series.instrument}/${series.subscale}`,
        name: `${series.instrument} ${series.label.toLowerCase()}`,
        scores: [...latest.values()].map((point) => ({ point, standing: standing(series, point) })),
      };
    });
  });
  /** Each partner's most recent attachment (ECR-RS) assessment. */
  protected readonly latestScores = computed(() => {
    if (!this.dashboard.hasValue()) return [];
    const latest = new Map<string, AttachmentPoint>();
    for (const point of this.dashboard.value().attachment) latest.set(point.partnerId, point);
    return [...latest.values()];
  });

  /** Closing has its own form (a reason and a signed summary); the status select never sends it. */
  protected readonly statuses = COUPLE_STATUSES.filter((s) => s !== 'closed');
  protected readonly statusControl = new FormControl<CoupleStatus>('intake', { nonNullable: true });
  /** A group, so the form gets a FormGroupDirective and (ngSubmit) fires. */
  protected readonly statusForm = new FormGroup({ status: this.statusControl });
  protected readonly statusMessage = signal('');
  protected readonly savingStatus = signal(false);
  protected readonly labels = { position: POSITION_LABELS, trend: TREND_LABELS, severity: SEVERITY_ICONS };
  protected readonly alertLabel = alertLabel;
  protected readonly percent = percent;
  protected readonly stageLabel = stageLabel;

  constructor() {
    effect(() => {
      const couple = this.context.value();
      if (couple) this.statusControl.setValue(couple.status);
    });
  }

  protected partnerName(partnerId: string): string {
    return this.context.partners().find((p) => p.id === partnerId)?.firstName ?? 'Partner';
  }

  protected async changeStatus(): Promise<void> {
    const couple = this.context.value();
    if (!couple) return;
    const next = this.statusControl.value;
    if (next === couple.status) return;
    this.savingStatus.set(true);
    try {
      const updated = await firstValueFrom(this.api.updateCouple(couple.id, { version: couple.version, status: next }));
      this.context.replace(updated);
      this.statusMessage.set(`Status changed to ${next}.`);
    } catch (error) {
      this.statusMessage.set(`Status not changed. ${describeError(error)}`);
      this.context.reload();
    } finally {
      this.savingStatus.set(false);
    }
  }
}
