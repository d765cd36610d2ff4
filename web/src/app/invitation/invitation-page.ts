import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ClinicApi } from '../core/api/clinic-api';
import { MIN_PASSWORD_LENGTH, NewPasswordFields, newPasswordForm } from '../shared/ui/new-password-fields';
import { FormMessages } from '../shared/ui/form-messages';
import { FormSubmission } from '../shared/form-submission';

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
  protected readonly submission = new FormSubmission();

  protected async submit(): Promise<void> {
    // The form shows only with a token, so there is nothing to submit without one.
    const token = this.token();
    if (!token) return;
    await this.submission.run(this.form, async () => {
      await firstValueFrom(this.api.acceptInvitation({ token, password: this.form.getRawValue().password }));
      await this.router.navigate(['/login'], { queryParams: { reason: 'welcome' } });
    });
  }
}
