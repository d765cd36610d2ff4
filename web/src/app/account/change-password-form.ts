import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { AccountApi } from '../core/api/account-api';
import { AuthStore } from '../core/auth/auth-store';
import {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  NewPasswordFields,
  NewPasswordWording,
  newPasswordForm,
} from '../shared/ui/new-password-fields';
import { FieldError } from '../shared/ui/field-error';
import { FormMessages } from '../shared/ui/form-messages';
import { FormSubmission } from '../shared/form-submission';

/** Beside the current password, the fields speak of the *new* one. */
const CHANGE_PASSWORD_WORDING: NewPasswordWording = {
  confirmLabel: 'Confirm new password',
  required: 'The new password is required.',
  tooShort: `The new password needs at least ${MIN_PASSWORD_LENGTH} characters.`,
  tooLong: `The new password allows at most ${MAX_PASSWORD_LENGTH} characters.`,
  confirmRequired: 'The confirmation is required.',
  mismatch: 'Error: the two new passwords do not match.',
};

/**
 * A new password ends every session, this one included (whoever knew the old password may hold
 * one), so success leads to the sign-in page with a notice.
 */
@Component({
  selector: 'app-change-password-form',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, FieldError, FormMessages, NewPasswordFields],
  templateUrl: './change-password-form.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `form { max-width: 420px; }`,
})
export class ChangePasswordForm {
  private readonly api = inject(AccountApi);
  private readonly auth = inject(AuthStore);

  protected readonly minLength = MIN_PASSWORD_LENGTH;
  protected readonly wording = CHANGE_PASSWORD_WORDING;
  protected readonly form = new FormGroup({
    currentPassword: new FormControl('', { nonNullable: true, validators: Validators.required }),
    newPassword: newPasswordForm(),
  });
  // The API names the new password `newPassword`; here that is the group's `password` control.
  protected readonly submission = new FormSubmission({ newPassword: 'newPassword.password' });

  protected async submit(): Promise<void> {
    await this.submission.run(this.form, async () => {
      const { currentPassword, newPassword } = this.form.getRawValue();
      await firstValueFrom(this.api.changePassword({ currentPassword, newPassword: newPassword.password }));
      // Inside the action, so the button stays disabled until the sign-in page is reached.
      await this.auth.signedOutByServer('password-changed');
    });
  }
}
