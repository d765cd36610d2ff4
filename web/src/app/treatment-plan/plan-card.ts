import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TreatmentPlan } from '../core/api/plan-types';
import { WhenPipe } from '../shared/ui/when';
import { planSummary } from './plan-labels';

/** The plan on the couple's overview: how many goals, how many reached or met, when the next review falls due. */
@Component({
  selector: 'app-plan-card',
  imports: [RouterLink, WhenPipe, MatButtonModule],
  template: `
    <h3 id="plan-card-heading">Treatment plan</h3>
    @if (plan.hasValue()) {
      @let p = plan.value();
      @if (p.version === 0) {
        <p class="empty">No plan yet.</p>
      } @else {
        @let s = summary()!;
        <p>{{ s.active }} active goal{{ s.active === 1 ? '' : 's' }}, {{ s.met }} met.</p>
        @if (s.toConfirm) {
          <p><strong>{{ s.toConfirm }} target{{ s.toConfirm === 1 ? '' : 's' }} reached</strong>, waiting for you to confirm.</p>
        }
        <p [class.due]="p.reviewDue">{{ p.reviewDue ? 'Review due since' : 'Next review by' }} {{ p.reviewDueOn | when }}.</p>
        <p class="meta">Version {{ p.version }} · agreed by {{ s.agreedBy }}@if (s.agreedEarlier) { (earlier: {{ s.agreedEarlier }})}</p>
      }
    } @else if (plan.error()) {
      <p role="alert">Could not load the plan.</p>
    } @else {
      <p role="status">Loading…</p>
    }
    <a mat-button [routerLink]="['/couples', coupleId(), 'plan']">Go to the plan</a>
  `,
  styles: `.due { color: var(--mat-sys-error); font-weight: 500; } .meta { font-size: 0.875rem; color: var(--mat-sys-on-surface-variant); }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanCard {
  readonly coupleId = input.required<string>();
  protected readonly plan = httpResource<TreatmentPlan>(() => `/api/couples/${encodeURIComponent(this.coupleId())}/treatment-plan`);
  protected readonly summary = computed(() => (this.plan.hasValue() ? planSummary(this.plan.value()) : null));
}
