import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ProgressPoint } from '../core/api/plan-types';
import { sparkline, sparklineLabel } from './plan-labels';

/**
 * A goal's history in 96 × 24 px: one line per partner (solid for partner A, dashed for partner B, so colour is never
 * the only signal) and the target as a dotted level. The label says the same in words.
 */
@Component({
  selector: 'app-goal-sparkline',
  template: `
    <svg [attr.width]="width" [attr.height]="height" [attr.viewBox]="'0 0 ' + width + ' ' + height" role="img" [attr.aria-label]="label()">
      @if (drawing().targetY !== null) {
        <line class="target" x1="0" [attr.y1]="drawing().targetY" [attr.x2]="width" [attr.y2]="drawing().targetY" />
      }
      @for (line of drawing().lines; track line.partner) {
        <polyline [class.partner-b]="line.partner === 'partner_b'" [attr.points]="line.points" />
      }
    </svg>
  `,
  styles: `
    :host { display: inline-block; vertical-align: middle; }
    svg { display: block; overflow: visible; }
    polyline { fill: none; stroke: var(--mat-sys-primary); stroke-width: 1.5; }
    polyline.partner-b { stroke: var(--mat-sys-tertiary); stroke-dasharray: 3 2; }
    .target { stroke: var(--mat-sys-outline); stroke-width: 1; stroke-dasharray: 1 2; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GoalSparkline {
  readonly history = input.required<readonly ProgressPoint[]>();
  readonly target = input.required<number>();
  protected readonly width = 96;
  protected readonly height = 24;
  protected readonly drawing = computed(() => sparkline(this.history(), this.target(), this.width, this.height));
  protected readonly label = computed(() => sparklineLabel(this.history()));
}
