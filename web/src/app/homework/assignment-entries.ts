import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { Partner } from '../core/api/api-types';
import { AssignmentEntries, Exercise } from '../core/api/homework-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { answerOf, displayValue } from './entry-fields';
import { WhenPipe } from '../shared/ui/when';

/** The therapist's view of one assignment's entries: private, shared and withdrawn, with perception gaps. */
@Component({
  selector: 'app-assignment-entries',
  imports: [DescribeErrorPipe, WhenPipe],
  template: `
    @if (data.error(); as error) {
      <p role="alert">Could not load entries: {{ error | describeError }}</p>
    } @else if (data.hasValue()) {
      @let d = data.value();
      @if (d.gaps.length) {
        <p><strong>Perception gaps:</strong> {{ d.gaps.length }} (a reach-out one partner logged that the other did not log or rated low).</p>
      }
      @if (d.entries.length) {
        <p class="order">Newest first.</p>
        <ul class="entries">
          @for (e of d.entries; track e.id) {
            <li [class.withdrawn]="e.withdrawn">
              <p>
                <strong>{{ partnerName(e.authorPartnerId) }}</strong> — {{ e.occurredOn | when }}
                · {{ e.visibility === 'shared' ? 'Shared' : 'Private' }}
                @if (e.role) { · {{ e.role }} }
                @if (e.withdrawn) { · <strong>Withdrawn</strong> {{ e.withdrawnAt | when }} }
                @if (isGap(e.id)) { · <strong>Perception gap</strong> }
              </p>
              <dl>
                @for (field of exercise()?.fields ?? []; track field.name) {
                  <dt>{{ field.label }}</dt>
                  <dd>{{ display(field.name, e.fields) }}</dd>
                }
              </dl>
            </li>
          }
        </ul>
      } @else {
        <p class="empty">No entries yet.</p>
      }
    } @else {
      <p role="status">Loading…</p>
    }
  `,
  styles: `
    ul.entries { list-style: none; padding: 0; }
    .entries li { border-top: 1px solid var(--mat-sys-outline-variant); padding: 0.5rem 0; }
    .entries li.withdrawn { color: var(--mat-sys-on-surface-variant); }
    dl { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 0.25rem 1rem; margin: 0; }
    dt { font-size: 0.875rem; }
    dd { margin: 0; white-space: pre-wrap; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AssignmentEntriesView {
  readonly assignmentId = input.required<string>();
  readonly exercise = input<Exercise | null>(null);
  readonly partners = input.required<Partner[]>();

  protected readonly data = httpResource<AssignmentEntries>(() => `/api/homework/${encodeURIComponent(this.assignmentId())}/entries`);
  private readonly gapIds = computed(() => {
    const gaps = this.data.hasValue() ? this.data.value().gaps : [];
    return new Set(gaps.flatMap((g) => [g.needingEntryId, g.supportingEntryId].filter((id): id is string => !!id)));
  });

  protected isGap(id: string): boolean {
    return this.gapIds().has(id);
  }

  protected partnerName(id: string): string {
    return this.partners().find((p) => p.id === id)?.firstName ?? 'Partner';
  }

  protected display(name: string, fields: Record<string, unknown>): string {
    return displayValue(this.exercise()?.fields.find((f) => f.name === name), answerOf(fields, name));
  }
}
