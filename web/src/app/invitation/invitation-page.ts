import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ClinicApi } from '../core/api/clinic-api';
import { applyServerErrors } from '../core/api/problem-details';
import { MIN_PASSWORD_LENGTH, NewPasswordFields, newPasswordForm } from '../shared/ui/new-password-fields';
import { FormMessages } from '../shared/ui/form-messages';

@Component({
  selector: 'app-invitation-page',
  imports: [ReactiveFormsModule, MatButtonModule, FormMessages, NewPasswordFields],
  templateUrl: './invitation-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    section { max-width: 460px; margin: 2rem auto; }
    form { display: flex; flex-direction: column; gap: 0.25rem; }
  `,
})
export class InvitationPage {
  private readonly api = inject(ClinicApi);
  private readonly router = inject(Router);

  /** From `?token=` via component input binding. */
  readonly token = input<string>();
  protected readonly minLength = MIN_PASSWORD_LENGTH;
  protected readonly form = newPasswordForm();
  protected readonly errors = signal<string[]>([]);
  protected readonly submitting = signal(false);

  protected async submit(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || !this.token()) return;
    this.submitting.set(true);
    this.errors.set([]);
    try {
      await firstValueFrom(this.api.acceptInvitation({ token: this.token()!, password: this.form.getRawValue().password }));
      await this.router.navigate(['/login'], { queryParams: { reason: 'welcome' } });
    } catch (error) {
      this.errors.set(applyServerErrors(error, this.form).formMessages);
    } finally {
      this.submitting.set(false);
    }
  }
}
