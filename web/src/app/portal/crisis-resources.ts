import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { CrisisResources } from '../core/api/practice-types';

/**
 * Where to get help now, in the practice's own words. The HTML comes from the API already rendered
 * from Markdown with raw HTML disabled and sanitised (SafeMarkdown); Angular's [innerHTML] sanitiser
 * runs over it again. Shown first after a PHQ-9 with item 9 above 0, after a check-in, and behind
 * "Need help now?" on every portal page.
 */
@Component({
  selector: 'app-crisis-resources',
  template: `
    <section class="crisis" [attr.aria-labelledby]="headingId()">
      <h2 [id]="headingId()" class="crisis-heading" tabindex="-1">{{ heading() }}</h2>
      <div class="crisis-text" [innerHTML]="resources().html"></div>
    </section>
  `,
  styles: `
    .crisis {
      border: 2px solid var(--mat-sys-primary);
      border-radius: 8px;
      padding: 0.75rem 1rem;
      margin: 0 0 1rem;
      background: var(--mat-sys-surface-container-low, var(--mat-sys-surface));
      overflow-wrap: anywhere;
    }
    .crisis-heading { margin: 0 0 0.5rem; font-size: 1.25rem; }
    .crisis-text ::ng-deep p { margin: 0 0 0.5rem; }
    .crisis-text ::ng-deep ul { margin: 0 0 0.5rem; padding-left: 1.25rem; }
    .crisis-text ::ng-deep a {
      display: inline-flex;
      align-items: center;
      min-height: 44px;
      font-weight: 600;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CrisisResourcesPanel {
  readonly resources = input.required<CrisisResources>();
  readonly heading = input('If you need help now');
  readonly headingId = input('crisis-heading');
}
