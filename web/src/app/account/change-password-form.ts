import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { AbstractControl, FormBuilder, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { AccountApi } from '../core/api/account-api';
import { applyServerErrors } from '../core/api/problem-details';
import { AuthStore } from '../core/auth/auth-store';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../shared/ui/new-password-fields';
import { FieldError } from '../shared/ui/field-error';
import { FormMessages } from '../shared/ui/form-messages';

function confirmationMatches(group: AbstractControl): ValidationErrors | null {
  const { newPassword, confirm } = group.value as { newPassword: string; confirm: string };
  return confirm && newPassword !== confirm ? { mismatch: true } : null;
}

/**
 * A new password ends every session, this one included (whoever knew the old password may hold
 * one), so success leads to the sign-in page with a notice.
 */
@Component({
  selector: 'app-change-password-form',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, FieldError, FormMessages],
  templateUrl: './change-password-form.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `form { max-width: 420px; }`,
})
export class ChangePasswordForm {
  private readonly api = inject(AccountApi);
  private readonly auth = inject(AuthStore);

  protected readonly minLength = MIN_PASSWORD_LENGTH;
  protected readonly form = inject(FormBuilder).nonNullable.group(
    {
      currentPassword: ['', Validators.required],
      newPassword: ['', [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH), Validators.maxLength(MAX_PASSWORD_LENGTH)]],
      confirm: ['', Validators.required],
    },
    { validators: confirmationMatches },
  );
  protected readonly errors = signal<string[]>([]);
  protected readonly submitting = signal(false);

  protected async submit(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.submitting.set(true);
    this.errors.set([]);
    try {
      await firstValueFrom(this.api.changePassword({ currentPassword, newPassword }));
    } catch (error) {
      this.errors.set(applyServerErrors(error, this.form).formMessages);
      this.submitting.set(false);
      return;
    }
    await this.auth.signedOutByServer('password-changed');
  }
}
