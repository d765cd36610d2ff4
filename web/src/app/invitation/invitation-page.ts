import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import {
  AbstractControl,
  FormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ClinicApi } from '../core/api/clinic-api';
import { applyServerErrors } from '../core/api/problem-details';
import { FormMessages } from '../shared/ui/form-messages';

export const MIN_PASSWORD_LENGTH = 12;

function passwordsMatch(group: AbstractControl): ValidationErrors | null {
  const { password, confirm } = group.value as { password: string; confirm: string };
  return confirm && password !== confirm ? { mismatch: true } : null;
}

@Component({
  selector: 'app-invitation-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, FormMessages],
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
  protected readonly form = inject(FormBuilder).nonNullable.group(
    {
      password: ['', [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH)]],
      confirm: ['', Validators.required],
    },
    { validators: passwordsMatch },
  );
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
