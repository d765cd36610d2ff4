import { signal } from '@angular/core';
import { AbstractControl } from '@angular/forms';
import { applyServerErrors } from '../core/api/problem-details';

/**
 * The submit flow a simple form shares with its neighbours: touch every field so its messages show,
 * stop if the form is invalid, otherwise run the action (the API call and whatever follows it)
 * with the button disabled, and put the API's refusal on the fields it names, the rest above the
 * form. One per form (or per group of forms sharing one message area), created as a field.
 */
export class FormSubmission {
  private readonly busy = signal(false);
  private readonly messages = signal<string[]>([]);

  /** True while the action runs: the submit button's `[disabled]`. */
  readonly submitting = this.busy.asReadonly();
  /** What the last refusal said that no field could show: for `<app-form-messages>`. */
  readonly errors = this.messages.asReadonly();

  /** `aliases` maps API field paths onto differently shaped form paths (see `applyServerErrors`). */
  constructor(private readonly aliases: Record<string, string> = {}) {}

  /** Resolves true when the action succeeded, false when the form was invalid or the action failed. */
  async run(form: AbstractControl, action: () => Promise<unknown>): Promise<boolean> {
    form.markAllAsTouched();
    if (form.invalid) return false;
    this.busy.set(true);
    this.messages.set([]);
    try {
      await action();
      return true;
    } catch (error) {
      this.messages.set(applyServerErrors(error, form, this.aliases).formMessages);
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}
