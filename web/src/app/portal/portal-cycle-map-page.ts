import { HttpErrorResponse, httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { PortalCycleMap } from '../core/api/cycle-map-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { CycleLoop, LoopSide } from '../cycle-map/cycle-loop';
import { WhenPipe } from '../shared/ui/when';

/** The couple's cycle map as both partners see it once the therapist has shared it. */
@Component({
  selector: 'app-portal-cycle-map-page',
  imports: [DescribeErrorPipe, WhenPipe, RouterLink, MatButtonModule, CycleLoop],
  template: `
    <h1>Our cycle</h1>
    @if (notShared()) {
      <p class="empty">Your therapist has not shared a cycle map with you. When they do, it appears here.</p>
    } @else if (map.error(); as error) {
      <p role="alert">Could not load the cycle map: {{ error | describeError }}</p>
    } @else if (map.hasValue()) {
      <p class="intro">
        The pattern you and your partner get caught in, as you mapped it with your therapist. Neither of you is the problem: the loop
        is.
      </p>
      <app-cycle-loop [sides]="sides()" [exit]="map.value().exit" />
      <p class="meta">Last updated {{ map.value().savedAt | when }}.</p>
    } @else {
      <p role="status">Loading…</p>
    }
    <a mat-button routerLink="/portal">Back to my portal</a>
  `,
  styles: `
    .intro { margin: 0 0 var(--space-4); }
    .meta { font: var(--type-small); color: var(--mat-sys-on-surface-variant); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalCycleMapPage {
  protected readonly map = httpResource<PortalCycleMap>(() => '/api/portal/cycle-map');
  protected readonly notShared = computed(() => {
    const error = this.map.error();
    return error instanceof HttpErrorResponse && error.status === 404;
  });
  protected readonly sides = computed<LoopSide[]>(() =>
    this.map.hasValue() ? this.map.value().partners.map((p) => ({ ...p, name: p.isMe ? 'You' : 'Your partner' })) : [],
  );
}
