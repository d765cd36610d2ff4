import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { SafetyOverview, SafetySummary } from '../core/api/safety-types';
import { SafetyRefresh } from './safety-refresh';

/** What raised the open flags, as the API names them ("PHQ-9 item 9", "Check-in"), in a sentence's subject. */
function raisedBy(sources: readonly string[] | null | undefined): string {
  const named = (sources ?? []).map((s) =>
    s === 'Check-in' ? 'a partner\'s check-in' : s.startsWith('PHQ-9') ? `a partner's answer to ${s}` : s,
  );
  if (named.length === 0) return 'Something';
  const text = named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The sentences the banner shows, naming what raised each open flag, so the wording is one tested thing. */
export function safetyBannerLines(summary: SafetySummary | null | undefined): string[] {
  if (!summary) return [];
  const lines: string[] = [];
  if (summary.hasOpenFlag) lines.push(`${raisedBy(summary.openFlagSources)} raised a safety concern that is still open.`);
  if (summary.jointSessionsPaused) lines.push('Joint sessions are paused in a partner\'s risk record.');
  if (lines.length) lines.push('Review the safety section before any joint work; assigning a joint exercise will ask you to confirm.');
  return lines;
}

/** Shown at the top of the couple page while a safety flag is open or joint sessions are paused. */
@Component({
  selector: 'app-safety-banner',
  imports: [RouterLink],
  template: `
    @if (lines().length) {
      <section class="banner" aria-labelledby="safety-banner-heading">
        <h2 id="safety-banner-heading"><span aria-hidden="true">⚠ </span>Safety first</h2>
        @for (line of lines(); track $index) {
          <p>{{ line }}</p>
        }
        <a class="go" [routerLink]="['/couples', coupleId(), 'safety']">Go to the safety section</a>
      </section>
    }
  `,
  styles: `
    .banner {
      border: 2px solid var(--mat-sys-error);
      border-left-width: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      border-radius: 8px;
      padding: 0.75rem 1rem;
      margin: 0 0 1.5rem;
    }
    h2 { font-size: 1.15rem; font-weight: 600; margin: 0 0 0.5rem; }
    p { margin: 0 0 0.5rem; }
    .go { display: inline-flex; align-items: center; min-height: 44px; font-weight: 500; color: inherit; border: 1px solid currentColor; border-radius: 4px; padding: 0 0.75rem; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SafetyBanner {
  private readonly refresh = inject(SafetyRefresh);

  readonly coupleId = input.required<string>();

  protected readonly safety = httpResource<SafetyOverview>(() => {
    this.refresh.version();
    return `/api/couples/${encodeURIComponent(this.coupleId())}/safety`;
  });
  protected readonly lines = computed(() => safetyBannerLines(this.safety.hasValue() ? this.safety.value().summary : null));
}
