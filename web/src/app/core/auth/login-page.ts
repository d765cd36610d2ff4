import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, Router } from '@angular/router';
import { describeError, problemOf } from '../api/problem-details';
import { HttpErrorResponse } from '@angular/common/http';
import { FormMessages } from '../../shared/ui/form-messages';
import { AuthStore } from './auth-store';

@Component({
  selector: 'app-login-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, FormMessages],
  templateUrl: './login-page.html',
  styleUrl: './login-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly query = toSignal(inject(ActivatedRoute).queryParamMap);

  protected readonly form = inject(FormBuilder).nonNullable.group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
    totpCode: ['', Validators.pattern(/^\d{6}$/)],
  });
  protected readonly mfaRequired = signal(false);
  protected readonly submitting = signal(false);
  protected readonly errors = signal<string[]>([]);
  protected readonly notice = computed(() => {
    switch (this.query()?.get('reason')) {
      case 'idle':
        return 'You were signed out after 15 minutes without activity. Any unsaved session note was kept and will be offered back.';
      case 'welcome':
        return 'Your password is set. Sign in to continue.';
      case 'expired':
        return 'Your session ended. Sign in again to continue; any unsaved session note was kept.';
      default:
        return null;
    }
  });

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { email, password, totpCode } = this.form.getRawValue();
    this.submitting.set(true);
    this.errors.set([]);
    try {
      await this.auth.login(email, password, this.mfaRequired() ? totpCode : null);
      await this.router.navigateByUrl(this.returnUrl() ?? this.auth.homeUrl());
    } catch (error) {
      this.handleFailure(error);
    } finally {
      this.submitting.set(false);
    }
  }

  private handleFailure(error: unknown): void {
    const problem = problemOf(error);
    if (problem?.mfaRequired) {
      const alreadyAsked = this.mfaRequired();
      this.mfaRequired.set(true);
      this.form.controls.totpCode.setValidators([Validators.required, Validators.pattern(/^\d{6}$/)]);
      this.form.controls.totpCode.updateValueAndValidity();
      this.errors.set(alreadyAsked ? ['That code did not work. Enter the current code from your authenticator app.'] : []);
      return;
    }
    const status = error instanceof HttpErrorResponse ? error.status : 0;
    // The API deliberately does not say whether the email, the password or a lock was at fault.
    this.errors.set([status === 401 ? 'Sign-in failed. Check your email and password.' : describeError(error)]);
  }

  /** Only same-app paths, so a crafted link cannot bounce the user to another site. */
  private returnUrl(): string | null {
    const url = this.query()?.get('returnUrl');
    return url && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/login') ? url : null;
  }
}
