import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { firstValueFrom } from 'rxjs';
import { HomeworkApi } from '../core/api/homework-api';
import { FieldDefinition, PortalEntry } from '../core/api/homework-types';
import { describeError } from '../core/api/problem-details';
import { answerOf, displayValue, VISIBILITY_LABELS } from './entry-fields';
import { EntryExercise, EntryForm } from './entry-form';
import { WhenPipe } from '../shared/ui/when';

/** My entries and my partner's shared ones for one assignment; mine can be changed for 24 hours. */
@Component({
  selector: 'app-entry-history',
  imports: [WhenPipe, MatButtonModule, EntryForm],
  templateUrl: './entry-history.html',
  styleUrl: './entry-history.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EntryHistory {
  private readonly api = inject(HomeworkApi);

  readonly exercise = input.required<EntryExercise>();
  readonly entries = input.required<PortalEntry[]>();
  /** Fired after an edit or withdrawal so the owner reloads the list and progress. */
  readonly changed = output<void>();

  protected readonly editing = signal<string | null>(null);
  protected readonly confirmingWithdraw = signal<string | null>(null);
  protected readonly message = signal('');
  protected readonly mine = computed(() => this.entries().filter((e) => e.mine));
  protected readonly partners = computed(() => this.entries().filter((e) => !e.mine && !e.withdrawn));
  protected readonly visibilityLabels = VISIBILITY_LABELS;

  protected fieldOf(name: string): FieldDefinition | undefined {
    return this.exercise().fields.find((f) => f.name === name);
  }

  protected answers(entry: PortalEntry): { label: string; value: string }[] {
    return this.exercise().fields.map((field) => ({
      label: field.label,
      value: displayValue(field, answerOf(entry.fields, field.name)),
    }));
  }

  protected canChange(entry: PortalEntry, now = Date.now()): boolean {
    return entry.mine && !entry.withdrawn && !!entry.editableUntil && Date.parse(entry.editableUntil) > now;
  }

  protected edited(): void {
    this.editing.set(null);
    this.message.set('Your entry was updated.');
    this.changed.emit();
  }

  protected async withdraw(entry: PortalEntry): Promise<void> {
    try {
      await firstValueFrom(this.api.withdrawEntry(entry.id));
      this.confirmingWithdraw.set(null);
      this.message.set('Your entry was withdrawn.');
      this.changed.emit();
    } catch (error) {
      this.message.set(`Not withdrawn. ${describeError(error)}`);
    }
  }
}
