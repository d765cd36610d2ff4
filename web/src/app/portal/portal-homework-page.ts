import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Paged } from '../core/api/api-types';
import { PortalAssignment, PortalEntry } from '../core/api/homework-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { EntryForm } from '../homework/entry-form';
import { EntryHistory } from '../homework/entry-history';
import { progressText } from './portal-home';
import { WhenPipe } from '../shared/ui/when';

/** One exercise in the portal: what to do, a form to log it, and the history. */
@Component({
  selector: 'app-portal-homework-page',
  imports: [DescribeErrorPipe, WhenPipe, RouterLink, EntryForm, EntryHistory],
  template: `
    <p><a routerLink="/portal">← Back to my portal</a></p>
    <h1>{{ assignment()?.title ?? 'Exercise' }}</h1>
    @if (list.error(); as error) {
      <p role="alert">Could not load this exercise: {{ error | describeError }}</p>
    } @else if (list.isLoading() && !list.hasValue()) {
      <p role="status">Loading…</p>
    } @else if (!assignment()) {
      <p role="alert">This exercise is not available.</p>
    }
    @if (assignment(); as a) {
      <section aria-labelledby="about-heading">
        <h2 id="about-heading">What to do</h2>
        <p>{{ a.instructions.summary }}</p>
        <ol>
          @for (step of a.instructions.steps; track $index) {
            <li>{{ step }}</li>
          }
        </ol>
        @if (a.noteToClients) {
          <p><strong>Note from your therapist:</strong> {{ a.noteToClients }}</p>
        }
        <p>{{ progress(a) }} · until {{ a.dueOn | when }}</p>
      </section>

      <section aria-labelledby="log-heading">
        <h2 id="log-heading">Log how it went</h2>
        @if (a.acceptsEntriesToday) {
          <app-entry-form [exercise]="a" (saved)="reload()" />
        } @else if (a.status !== 'active') {
          <p>This exercise is finished, so it takes no new entries.</p>
        } @else {
          <p>You can log entries from {{ a.startsOn | when }}.</p>
        }
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        @if (entries.error(); as error) {
          <p role="alert">Could not load the entries: {{ error | describeError }}</p>
        }
        <app-entry-history [exercise]="a" [entries]="entries.hasValue() ? entries.value() : []" (changed)="reload()" />
      </section>
    }
  `,
  styles: `
    section { margin-bottom: 2rem; }
    h2 { font-size: 1.25rem; font-weight: 500; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalHomeworkPage {
  /** Route parameter `:id`, the assignment. */
  readonly id = input.required<string>();

  protected readonly list = httpResource<Paged<PortalAssignment>>(() => ({
    url: '/api/portal/homework',
    params: { page: 1, pageSize: 100 },
  }));
  protected readonly entries = httpResource<PortalEntry[]>(
    () => `/api/portal/homework/${encodeURIComponent(this.id())}/entries`,
  );
  protected readonly assignment = computed(() =>
    this.list.hasValue() ? (this.list.value().items.find((a) => a.id === this.id()) ?? null) : null,
  );

  protected progress(a: PortalAssignment): string {
    return progressText(a.thisWeek);
  }

  protected reload(): void {
    this.list.reload();
    this.entries.reload();
  }
}
