import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { CoupleAgreements, POLICY_EXPLANATIONS, POLICY_LABELS } from '../core/api/agreement-types';

/**
 * The couple's confidentiality policy, where it matters most: beside anything one partner does alone with the
 * therapist (an individual appointment or session) and on the couple's overview.
 */
@Component({
  selector: 'app-policy-note',
  template: `
    @if (policy(); as p) {
      <p class="policy-note" [class.compact]="compact()">
        <strong>Confidentiality policy: {{ labels[p] }}.</strong> {{ explanations[p] }}
      </p>
    } @else if (agreements.hasValue()) {
      <p class="policy-note missing" [class.compact]="compact()">No confidentiality policy has been chosen for this couple yet.</p>
    }
  `,
  styles: `
    .policy-note { margin: 0.5rem 0; padding: 0.5rem 0.75rem; border-left: 4px solid var(--mat-sys-primary); background: var(--mat-sys-surface-container); }
    .policy-note.missing { border-left-color: var(--mat-sys-error); }
    .compact { font-size: 0.875rem; padding: 0.25rem 0.5rem; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PolicyNote {
  readonly coupleId = input.required<string>();
  readonly compact = input(false);
  protected readonly agreements = httpResource<CoupleAgreements>(() => `/api/couples/${encodeURIComponent(this.coupleId())}/agreements`);
  protected readonly policy = computed(() => (this.agreements.hasValue() ? this.agreements.value().policy : null));
  protected readonly labels = POLICY_LABELS;
  protected readonly explanations = POLICY_EXPLANATIONS;
}
