import { HttpErrorResponse, httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { buildSignForm, SignFormComponent } from '../agreements/sign-form';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { PortalMe } from '../core/api/homework-types';
import { PlanApi } from '../core/api/plan-api';
import { PortalGoal, PortalPlan } from '../core/api/plan-types';
import { applyServerErrors } from '../core/api/problem-details';
import { WhenPipe } from '../shared/ui/when';
import { portalProgressRatio, portalProgressText } from './plan-labels';

/**
 * The couple's plan on a partner's phone: the goals they share and their own (never the other partner's), each
 * with its progress in plain words and a simple bar where their own answers measure it, and "I agree to this plan"
 * — a typed-name signature, as for agreements — for the version they read.
 */
@Component({
  selector: 'app-portal-plan-page',
  imports: [DescribeErrorPipe, WhenPipe, RouterLink, MatButtonModule, SignFormComponent],
  template: `
    <h1>Our plan</h1>
    @if (missing()) {
      <p class="empty">Your therapist has not written your plan yet. When they do, it appears here.</p>
    } @else if (plan.error(); as error) {
      <p role="alert">Could not load your plan: {{ error | describeError }}</p>
    } @else if (plan.hasValue()) {
      @let p = plan.value();
      <p class="intro">What you are working towards with your therapist. Progress shows from your own answers.</p>
      @for (group of groups(); track group.title) {
        @if (group.goals.length) {
          <section [attr.aria-labelledby]="group.id">
            <h2 [id]="group.id">{{ group.title }}</h2>
            <ul class="goals">
              @for (goal of group.goals; track goal.id) {
                <li>
                  <p class="statement">{{ goal.statement }}</p>
                  @if (goal.targetDate) {
                    <p class="meta">Aiming for {{ goal.targetDate | when }}</p>
                  }
                  @if (goal.status === 'met') {
                    <p class="done">Done — your therapist marked this goal as met.</p>
                  } @else if (goal.progress; as progress) {
                    <div class="meter" aria-hidden="true"><span [style.width.%]="100 * ratio(goal)"></span></div>
                    <p>{{ progressWords(goal) }}</p>
                  }
                </li>
              }
            </ul>
          </section>
        }
      }
      <p class="meta">Version {{ p.version }}, written {{ p.savedAt | when }}.</p>
      <div role="status" aria-live="polite" class="status">{{ status() }}</div>
      @if (p.agreedVersion === p.version) {
        <p class="agreed">You agreed to this plan on {{ p.agreedAt | when }}.</p>
      } @else {
        @if (p.agreedVersion) {
          <p class="meta">You agreed to an earlier version. Your therapist has changed the plan since.</p>
        }
        <h2>I agree to this plan</h2>
        <p>If this is what you want to work on, sign below. You can talk it over with your therapist first.</p>
        <app-sign-form [form]="signForm" [fullName]="fullName()" [busy]="busy()" [messages]="messages()" (signed)="agree($event)" />
      }
    } @else {
      <p role="status">Loading…</p>
    }
    <a mat-button routerLink="/portal">Back to my portal</a>
  `,
  styles: `
    :host { display: block; max-width: 40rem; }
    .intro { margin: 0 0 1rem; }
    .goals { list-style: none; padding: 0; margin: 0; }
    .goals li { border: 1px solid var(--mat-sys-outline-variant); border-radius: 8px; padding: 0.5rem 1rem; margin: 0 0 0.75rem; overflow-wrap: anywhere; }
    .statement { font-weight: 500; margin: 0.25rem 0; }
    .meta { font-size: 0.875rem; color: var(--mat-sys-on-surface-variant); }
    .meter { height: 8px; border-radius: 4px; background: var(--mat-sys-surface-container-high); overflow: hidden; }
    .meter span { display: block; height: 100%; background: var(--mat-sys-primary); }
    .done, .agreed { font-weight: 500; }
    .done::before, .agreed::before { content: '✓ '; }
    .status:empty { display: none; }
    a[mat-button] { min-height: 44px; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalPlanPage {
  private readonly api = inject(PlanApi);
  protected readonly plan = httpResource<PortalPlan>(() => '/api/portal/treatment-plan');
  protected readonly me = httpResource<PortalMe>(() => '/api/portal/me');
  protected readonly missing = computed(() => {
    const error = this.plan.error();
    return error instanceof HttpErrorResponse && error.status === 404;
  });
  protected readonly groups = computed(() => {
    const goals = this.plan.hasValue() ? this.plan.value().goals : [];
    return [
      { id: 'shared-heading', title: 'Our goals as a couple', goals: goals.filter((g) => g.shared) },
      { id: 'own-heading', title: 'My own goals', goals: goals.filter((g) => !g.shared) },
    ];
  });
  protected readonly fullName = computed(() => (this.me.hasValue() ? `${this.me.value().firstName} ${this.me.value().lastName}` : 'your name'));
  protected readonly signForm = buildSignForm();
  protected readonly busy = signal(false);
  protected readonly messages = signal<string[]>([]);
  protected readonly status = signal('');

  protected ratio(goal: PortalGoal): number {
    return goal.progress ? portalProgressRatio(goal.progress) : 0;
  }

  protected progressWords(goal: PortalGoal): string {
    return goal.progress ? portalProgressText(goal.progress) : '';
  }

  protected async agree(typedName: string): Promise<void> {
    if (!this.plan.hasValue()) return;
    const { version, textSha256 } = this.plan.value();
    this.busy.set(true);
    this.messages.set([]);
    try {
      this.plan.set(await firstValueFrom(this.api.agree(version, typedName, textSha256)));
      this.status.set('Thank you — your therapist can see that you agreed.');
    } catch (error) {
      const { formMessages, fieldCount } = applyServerErrors(error, this.signForm);
      this.messages.set(fieldCount && !formMessages.length ? [] : formMessages);
      if (error instanceof HttpErrorResponse && error.status === 409) this.plan.reload();
    } finally {
      this.busy.set(false);
    }
  }
}
