import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { AbstractControl } from '@angular/forms';

/**
 * The message for a control's first error, for use inside `<mat-error>`. One vocabulary for
 * the built-in validators, the app's own (`stepOutsideStage`) and the API's (`server`).
 */
@Component({
  selector: 'app-field-error',
  template: '{{ message }}',
  // Control errors are not signals: checked with the (OnPush) parent form on every pass.
  changeDetection: ChangeDetectionStrategy.Default,
})
export class FieldError {
  readonly control = input.required<AbstractControl>();
  readonly label = input('This field');
  protected get message(): string {
    return fieldErrorMessage(this.control(), this.label());
  }
}

export function fieldErrorMessage(control: AbstractControl, label = 'This field'): string {
  const errors = control.errors;
  if (!errors) return '';
  if (errors['server']) return String(errors['server']);
  if (errors['required']) return `${label} is required.`;
  if (errors['email']) return 'Enter a valid email address.';
  if (errors['min']) return `${label} must be at least ${errors['min'].min}.`;
  if (errors['max']) return `${label} must be at most ${errors['max'].max}.`;
  if (errors['minlength']) return `${label} needs at least ${errors['minlength'].requiredLength} characters.`;
  if (errors['maxlength']) return `${label} allows at most ${errors['maxlength'].requiredLength} characters.`;
  if (errors['stepOutsideStage']) {
    const { stage, first, last } = errors['stepOutsideStage'];
    return `Stage ${stage} covers steps ${first}–${last}.`;
  }
  if (errors['pattern']) return `${label} is not in the expected format.`;
  return `${label} is not valid.`;
}
