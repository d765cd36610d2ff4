import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Paged } from '../core/api/api-types';
import { PortalQuestionnaire } from '../core/api/assessment-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { Questionnaire } from './questionnaire';

@Component({
  selector: 'app-questionnaire-page',
  imports: [DescribeErrorPipe, RouterLink, Questionnaire],
  template: `
    <p><a routerLink="/portal">← Back to my portal</a></p>
    <h1>{{ questionnaire()?.form?.title ?? 'Questionnaire' }}</h1>
    @if (list.error(); as error) {
      <p role="alert">Could not load this questionnaire: {{ error | describeError }}</p>
    } @else if (list.isLoading() && !list.hasValue()) {
      <p role="status">Loading…</p>
    } @else if (questionnaire(); as q) {
      @if (q.status === 'pending') {
        <app-questionnaire [questionnaire]="q" />
      } @else {
        <p>You have already answered this questionnaire. Thank you.</p>
        @if (q.results; as results) {
          <p>
            Your scores:
            @for (s of results.subscales; track s.code; let last = $last) {
              {{ s.label.toLowerCase() }} {{ q.form.scoring === 'sum' ? s.value : s.value.toFixed(2) }} (from {{ s.min }} to {{ s.max }}){{ last ? '.' : ',' }}
            }
            @if (results.bandLabel) {
              Range: {{ results.bandLabel }}.
            }
          </p>
        }
      }
    } @else {
      <p role="alert">This questionnaire is not available.</p>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuestionnairePage {
  /** Route parameter `:id`, the questionnaire request. */
  readonly id = input.required<string>();

  protected readonly list = httpResource<Paged<PortalQuestionnaire>>(() => ({
    url: '/api/portal/questionnaires',
    params: { page: 1, pageSize: 100 },
  }));
  protected readonly questionnaire = computed(() =>
    this.list.hasValue() ? (this.list.value().items.find((q) => q.id === this.id()) ?? null) : null,
  );
}
