import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { SupervisedCouple } from '../core/api/supervision-api';

/**
 * The mark on every page a supervisor reads under a link (DESIGN §18): whose couple this is and that nothing here can be
 * changed. The supervisee's name comes from the supervisor's own list of supervised couples.
 */
@Component({
  selector: 'app-supervising-banner',
  template: `
    <p class="read-only" role="note">
      <strong>Read-only — supervising {{ name() }}</strong>
      <span>You can read this record, comment and co-sign; only {{ name() }} can change it.</span>
    </p>
  `,
  styles: `
    .read-only {
      display: flex; flex-wrap: wrap; gap: var(--space-1) var(--space-3);
      border-left: 6px solid var(--mat-sys-tertiary);
      background: var(--mat-sys-tertiary-container); color: var(--mat-sys-on-tertiary-container);
      padding: var(--space-2) var(--space-4); margin: 0 0 var(--space-4);
    }
    @media print { .read-only { border: 1px solid; } }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SupervisingBanner {
  readonly coupleId = input.required<string>();

  private readonly couples = httpResource<SupervisedCouple[]>(() => '/api/supervision/couples');
  protected readonly name = computed(
    () => (this.couples.hasValue() ? this.couples.value().find((c) => c.coupleId === this.coupleId())?.superviseeName : undefined) ?? 'a supervisee',
  );
}
