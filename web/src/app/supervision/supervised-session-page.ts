import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { Couple, Session } from '../core/api/api-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { describeError } from '../core/api/problem-details';
import { SupervisionApi } from '../core/api/supervision-api';
import { SignedSession } from '../sessions/signed-session';
import { WhenPipe } from '../shared/ui/when';
import { SupervisingBanner } from './supervising-banner';
import { SupervisionComments } from './supervision-comments';

/**
 * `/supervision/sessions/:sessionId`: a supervisee's session as their supervisor reads it — the record without any way to
 * change it, the comments beside it, and the co-sign action while a trainee's signed session awaits it.
 */
@Component({
  selector: 'app-supervised-session-page',
  imports: [RouterLink, DescribeErrorPipe, WhenPipe, MatButtonModule, SignedSession, SupervisingBanner, SupervisionComments],
  template: `
    @if (session.hasValue()) {
      <app-supervising-banner [coupleId]="session.value().coupleId" />
    }
    <h1>Session{{ session.hasValue() ? ' of ' + (session.value().date | when) : '' }}{{ couple.hasValue() ? ' — ' + couple.value().displayName : '' }}</h1>
    @if (couple.hasValue()) {
      <p><a [routerLink]="['/supervision/couples', couple.value().id]">Back to {{ couple.value().displayName }}</a></p>
    }
    @if (error(); as e) {
      <p role="alert">Could not load the session: {{ e | describeError }}</p>
    } @else if (session.hasValue() && couple.hasValue()) {
      @let s = session.value();
      @if (canCosign()) {
        <section class="cosign" aria-labelledby="cosign-heading">
          <h2 id="cosign-heading">Co-signature</h2>
          <p>Co-sign when you have reviewed this signed session. The record stays as the therapist signed it.</p>
          <button mat-flat-button type="button" (click)="cosign()" [disabled]="cosigning()">Co-sign</button>
        </section>
      }
      <p role="status">{{ status() }}</p>
      <app-signed-session [session]="s" [couple]="couple.value()" [readOnly]="true" />
      <app-supervision-comments [sessionId]="s.id" />
    } @else {
      <p role="status">Loading…</p>
    }
  `,
  styles: `
    .cosign { border: 1px solid var(--mat-sys-outline-variant); padding: var(--space-2) var(--space-4); margin-bottom: var(--space-4); }
    h2 { font-size: 1.25rem; font-weight: 500; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SupervisedSessionPage {
  private readonly api = inject(SupervisionApi);

  /** Route parameter `:sessionId`. */
  readonly sessionId = input.required<string>();

  protected readonly session = httpResource<Session>(() => `/api/sessions/${encodeURIComponent(this.sessionId())}`);
  /** A string, so a co-signed session (the same couple) does not read the couple again. */
  private readonly coupleId = computed(() => (this.session.hasValue() ? this.session.value().coupleId : undefined));
  protected readonly couple = httpResource<Couple>(() => {
    const id = this.coupleId();
    return id ? `/api/couples/${encodeURIComponent(id)}` : undefined;
  });
  protected readonly error = computed(() => this.session.error() ?? this.couple.error());
  protected readonly canCosign = computed(
    () => this.session.hasValue() && !!this.session.value().signedAt && this.session.value().coSignature?.status === 'awaiting',
  );
  protected readonly cosigning = signal(false);
  protected readonly status = signal('');

  protected async cosign(): Promise<void> {
    if (!this.session.hasValue()) return;
    const current = this.session.value();
    this.cosigning.set(true);
    this.status.set('');
    try {
      const saved = await firstValueFrom(this.api.cosign(current.id, current.version));
      this.session.set(saved);
      this.status.set('Co-signed.');
    } catch (error) {
      this.status.set(`The session was not co-signed. ${describeError(error)}`);
    } finally {
      this.cosigning.set(false);
    }
  }
}
