import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import { RouterLink } from '@angular/router';
import { KeptDraft } from '../core/auth/draft-store';
import { WhenPipe } from '../shared/ui/when';

/**
 * Session notes kept on the server before they were saved (an idle sign-out, a closed tab), shown
 * on the therapist's home after signing in, on any device: each opens its session form, which
 * offers the note back. Nothing shows when there are none.
 */
@Component({
  selector: 'app-kept-notes',
  imports: [RouterLink, WhenPipe],
  template: `
    @if (drafts().length) {
      <section class="kept" aria-labelledby="kept-notes-heading">
        <h2 id="kept-notes-heading">Unsaved session notes kept for you</h2>
        <ul>
          @for (draft of drafts(); track draft.id) {
            <li>
              <a [routerLink]="link(draft)">{{ draft.coupleName }}: {{ draft.sessionId ? 'a recorded session' : 'a new session' }}</a>
              — kept {{ draft.savedAt | when: 'dateTime' }}, until {{ draft.expiresAt | when }}
            </li>
          }
        </ul>
      </section>
    }
  `,
  styles: `
    .kept {
      border-left: 4px solid var(--mat-sys-primary);
      padding: 0.25rem 1rem;
      margin: 1rem 0;
      background: var(--mat-sys-surface-container);
    }
    h2 {
      font-size: 1.125rem;
      font-weight: 500;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class KeptNotes {
  private readonly resource = httpResource<KeptDraft[]>(() => '/api/me/session-drafts');
  protected readonly drafts = computed(() => (this.resource.hasValue() ? this.resource.value() : []));

  protected link(draft: KeptDraft): string[] {
    return draft.sessionId ? ['/sessions', draft.sessionId] : ['/couples', draft.coupleId, 'sessions', 'new'];
  }
}
