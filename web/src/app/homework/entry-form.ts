import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked, viewChild } from '@angular/core';
import { FormControl, FormGroupDirective, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSliderModule } from '@angular/material/slider';
import { firstValueFrom } from 'rxjs';
import { HomeworkApi, newIdempotencyKey } from '../core/api/homework-api';
import { EntryRole, FieldDefinition, FieldValue, PortalEntry } from '../core/api/homework-types';
import { applyServerErrors } from '../core/api/problem-details';
import { FieldError } from '../shared/ui/field-error';
import { FormMessages } from '../shared/ui/form-messages';
import {
  buildEntryForm,
  EntryFormGroup,
  patchEntryForm,
  ROLE_LABELS,
  scaleEnds,
  toEntryRequest,
  VISIBILITY_LABELS,
  widgetOf,
} from './entry-fields';

const SLIDER_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

export interface EntryExercise {
  /** The assignment the entry is logged against. */
  id: string;
  fields: FieldDefinition[];
  roles: EntryRole[];
}

/**
 * A homework entry form generated from the exercise's fields. A new entry is posted with an
 * Idempotency-Key made once per submission and reused on every retry of it, so a flaky network
 * never stores the entry twice; an existing entry (within its 24 hours) is revised instead.
 */
@Component({
  selector: 'app-entry-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSliderModule,
    FieldError,
    FormMessages,
  ],
  templateUrl: './entry-form.html',
  styleUrl: './entry-form.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EntryForm {
  private static nextId = 0;
  private readonly api = inject(HomeworkApi);

  readonly exercise = input.required<EntryExercise>();
  /** When set, the form edits this entry of mine instead of logging a new one. */
  readonly entry = input<PortalEntry | null>(null);
  readonly saved = output<PortalEntry>();
  readonly cancelled = output<void>();

  protected readonly prefix = `entry-${EntryForm.nextId++}`;
  protected readonly form = computed(() => buildEntryForm(this.exercise()));
  protected readonly chooseRole = computed(() => this.exercise().roles.length > 1);
  protected readonly saving = signal(false);
  protected readonly messages = signal<string[]>([]);
  protected readonly status = signal('');
  protected readonly widgetOf = widgetOf;
  protected readonly scaleEnds = scaleEnds;
  protected readonly visibilityLabels = VISIBILITY_LABELS;
  protected readonly roleLabels = ROLE_LABELS;

  private readonly formDirective = viewChild(FormGroupDirective);

  /** The key of the submission in flight or last failed; cleared once the entry is stored. */
  private pendingKey: string | null = null;

  constructor() {
    effect(() => {
      const entry = this.entry();
      const form = this.form();
      untracked(() => {
        if (entry) patchEntryForm(form, entry);
        this.pendingKey = null;
      });
    });
  }

  protected control(form: EntryFormGroup, name: string): FormControl<FieldValue> {
    return form.controls.fields.controls[name];
  }

  protected fieldId(name: string): string {
    return `${this.prefix}-${name}`;
  }

  protected showError(control: FormControl<unknown>): boolean {
    return control.invalid && (control.touched || control.dirty);
  }

  /**
   * A tap on an unanswered slider chooses where it lands, even at the value the hidden thumb sits on
   * (the native range input sends no change when its value does not move).
   */
  protected chooseWhereItIs(control: FormControl<FieldValue>, event: Event): void {
    if (control.value !== null) return;
    const input = (event.currentTarget as HTMLElement | null)?.querySelector('input');
    if (input) control.setValue(Number(input.value));
    control.markAsDirty();
  }

  /** The same for the keyboard: Home, End or an arrow on an unanswered slider chooses. */
  protected chooseOnKey(control: FormControl<FieldValue>, event: KeyboardEvent): void {
    if (SLIDER_KEYS.has(event.key)) this.chooseWhereItIs(control, event);
  }

  protected async submit(): Promise<void> {
    const form = this.form();
    this.messages.set([]);
    this.status.set('');
    if (form.invalid) {
      form.markAllAsTouched();
      this.messages.set(['Some answers need attention; each one is marked below.']);
      return;
    }
    const body = toEntryRequest(form, this.exercise().fields);
    const editing = this.entry();
    this.saving.set(true);
    try {
      let stored: PortalEntry;
      if (editing) {
        stored = await firstValueFrom(
          this.api.reviseEntry(editing.id, { occurredOn: body.occurredOn, visibility: body.visibility, fields: body.fields }),
        );
      } else {
        this.pendingKey ??= newIdempotencyKey();
        stored = await firstValueFrom(this.api.logEntry(this.exercise().id, body, this.pendingKey));
        this.pendingKey = null;
        // Through the directive, so "submitted" goes too: a fresh form shows no "This answer is required".
        const fresh = buildEntryForm(this.exercise()).getRawValue();
        const directive = this.formDirective();
        if (directive) directive.resetForm(fresh);
        else form.reset(fresh);
      }
      this.status.set(editing ? 'Your changes are saved.' : 'Saved. Thank you for logging this.');
      this.saved.emit(stored);
    } catch (error) {
      const result = applyServerErrors(error, form);
      this.messages.set(
        result.fieldCount && !result.formMessages.length
          ? ['Some answers need attention; each one is marked below.']
          : result.formMessages,
      );
    } finally {
      this.saving.set(false);
    }
  }
}
