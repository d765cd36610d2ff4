import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, DOCUMENT, inject, input } from '@angular/core';
import { SafetyOverview, SafetySummary } from '../core/api/safety-types';
import { SafetyRefresh } from './safety-refresh';

/** The sentences the banner shows, so the wording is one tested thing. */
export function safetyBannerLines(summary: SafetySummary | null | undefined): string[] {
  if (!summary) return [];
  const lines: string[] = [];
  if (summary.hasOpenFlag) lines.push('A partner\'s check-in raised a safety concern that is still open.');
  if (summary.jointSessionsPaused) lines.push('Joint sessions are paused in a partner\'s risk record.');
  if (lines.length) lines.push('Review the safety section before any joint work; assigning a joint exercise will ask you to confirm.');
  return lines;
}

/** Shown at the top of the couple page while a safety flag is open or joint sessions are paused. */
@Component({
  selector: 'app-safety-banner',
  template: `
    @if (lines().length) {
      <section class="banner" aria-labelledby="safety-banner-heading">
        <h2 id="safety-banner-heading"><span aria-hidden="true">⚠ </span>Safety first</h2>
        @for (line of lines(); track $index) {
          <p>{{ line }}</p>
        }
        <button type="button" class="go" (click)="goToPanel()">Go to the safety section</button>
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
    .go { font: inherit; font-weight: 500; color: inherit; background: none; border: 1px solid currentColor; border-radius: 4px; padding: 0.25rem 0.75rem; cursor: pointer; }
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
  private readonly document = inject(DOCUMENT);

  protected goToPanel(): void {
    const heading = this.document.getElementById('safety-heading');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.scrollIntoView?.({ block: 'start' });
    heading.focus();
  }
}
