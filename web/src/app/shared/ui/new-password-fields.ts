import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

/**
 * The API's `PasswordPolicy` (api/Domain/Users/PasswordPolicy.cs): 12 to 256 characters. The web
 * checks the same bounds only to answer sooner; the API stays the judge and its 400 lands on the
 * `password` control through `applyServerErrors`.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export type NewPasswordForm = FormGroup<{ password: FormControl<string>; confirm: FormControl<string> }>;

function passwordsMatch(group: AbstractControl): ValidationErrors | null {
  const { password, confirm } = group.value as { password: string; confirm: string };
  return confirm && password !== confirm ? { mismatch: true } : null;
}

/** What the fields say: a page may keep words of its own (changing a password says "new"). */
export interface NewPasswordWording {
  confirmLabel: string;
  required: string;
  tooShort: string;
  tooLong: string;
  confirmRequired: string;
  mismatch: string;
}

/** The words of the "choose a password" pages (accepting an invitation, resetting a password). */
export const CHOOSE_PASSWORD_WORDING: NewPasswordWording = {
  confirmLabel: 'Confirm password',
  required: 'Enter a password.',
  tooShort: `Use at least ${MIN_PASSWORD_LENGTH} characters.`,
  tooLong: `Use at most ${MAX_PASSWORD_LENGTH} characters.`,
  confirmRequired: 'Enter the password again.',
  mismatch: 'Error: the two passwords do not match.',
};

/** The "choose a password" form: a new password within the policy, typed twice. */
export function newPasswordForm(): NewPasswordForm {
  return new FormGroup(
    {
      password: new FormControl('', {
        nonNullable: true,
        validators: [
          Validators.required,
          Validators.minLength(MIN_PASSWORD_LENGTH),
          Validators.maxLength(MAX_PASSWORD_LENGTH),
        ],
      }),
      confirm: new FormControl('', { nonNullable: true, validators: Validators.required }),
    },
    { validators: passwordsMatch },
  );
}

/**
 * The two password inputs of a `newPasswordForm()`, with their messages. The page around it keeps
 * its own `<form>`, submit button and API call (accepting an invitation, resetting a password,
 * changing a password).
 */
@Component({
  selector: 'app-new-password-fields',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule],
  template: `
    <mat-form-field appearance="outline">
      <mat-label>New password</mat-label>
      <input matInput type="password" [formControl]="form().controls.password" autocomplete="new-password" required />
      <mat-hint>At least {{ minLength }} characters.</mat-hint>
      @if (form().controls.password.hasError('required')) {
        <mat-error>{{ wording().required }}</mat-error>
      } @else if (form().controls.password.hasError('minlength')) {
        <mat-error>{{ wording().tooShort }}</mat-error>
      } @else if (form().controls.password.hasError('maxlength')) {
        <mat-error>{{ wording().tooLong }}</mat-error>
      } @else if (form().controls.password.hasError('server')) {
        <mat-error>{{ form().controls.password.getError('server') }}</mat-error>
      }
    </mat-form-field>
    <mat-form-field appearance="outline">
      <mat-label>{{ wording().confirmLabel }}</mat-label>
      <input matInput type="password" [formControl]="form().controls.confirm" autocomplete="new-password" required />
      @if (form().controls.confirm.hasError('required')) {
        <mat-error>{{ wording().confirmRequired }}</mat-error>
      }
    </mat-form-field>
    @if (form().hasError('mismatch') && form().controls.confirm.touched) {
      <p class="mismatch" role="alert">{{ wording().mismatch }}</p>
    }
  `,
  styles: `:host { display: flex; flex-direction: column; gap: 0.25rem; }`,
  // Control errors and touched state are not signals, and the page's submit (markAllAsTouched)
  // happens outside this view: checked with the (OnPush) page on every pass, as FieldError is.
  changeDetection: ChangeDetectionStrategy.Default,
})
export class NewPasswordFields {
  readonly form = input.required<NewPasswordForm>();
  readonly wording = input<NewPasswordWording>(CHOOSE_PASSWORD_WORDING);
  protected readonly minLength = MIN_PASSWORD_LENGTH;
  protected readonly maxLength = MAX_PASSWORD_LENGTH;
}
