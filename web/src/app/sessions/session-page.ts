import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Router, RouterLink } from '@angular/router';

import { Couple, Session } from '../core/api/api-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { SessionDraft } from '../core/api/appointments-api';
import { SessionEditor } from './session-editor';
import { SignedSession } from './signed-session';
import { SupervisionComments } from '../supervision/supervision-comments';
import { DiscussToggle } from '../supervision/discuss-toggle';
import { WhenPipe } from '../shared/ui/when';

/**
 * `/couples/:coupleId/sessions/new` and `/sessions/:sessionId`: loads what the session needs
 * and shows the editor, or the read-only record once it is signed.
 */
@Component({
  selector: 'app-session-page',
  imports: [DescribeErrorPipe, RouterLink, WhenPipe, SessionEditor, SignedSession, SupervisionComments, DiscussToggle],
  templateUrl: './session-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionPage {
  private readonly router = inject(Router);

  readonly coupleId = input<string>();
  readonly sessionId = input<string>();
  /** `?appointment=` — recording the session of a held appointment: holding it again returns the prefilled draft. */
  readonly appointment = input<string>();

  protected readonly session = httpResource<Session>(() => {
    const id = this.sessionId();
    return id ? `/api/sessions/${encodeURIComponent(id)}` : undefined;
  });
  private readonly resolvedCoupleId = computed(
    () => this.coupleId() ?? (this.session.hasValue() ? this.session.value().coupleId : undefined),
  );
  protected readonly couple = httpResource<Couple>(() => {
    const id = this.resolvedCoupleId();
    return id ? `/api/couples/${encodeURIComponent(id)}` : undefined;
  });

  protected readonly draft = httpResource<SessionDraft>(() => {
    const id = this.appointment();
    return id && !this.sessionId() ? { url: `/api/appointments/${encodeURIComponent(id)}/hold`, method: 'POST' } : undefined;
  });

  protected readonly isNew = computed(() => !this.sessionId());
  protected readonly ready = computed(
    () => this.couple.hasValue() && (this.isNew() || this.session.hasValue()) && (!this.appointment() || !this.isNew() || this.draft.hasValue()),
  );
  protected readonly error = computed(() => this.session.error() ?? this.couple.error() ?? this.draft.error());

  protected onSaved(saved: Session): void {
    if (this.isNew()) {
      void this.router.navigate(['/sessions', saved.id], { replaceUrl: true });
    } else {
      this.session.set(saved);
    }
  }
}
