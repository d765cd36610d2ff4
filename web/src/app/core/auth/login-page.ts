import { HttpErrorResponse } from '@angular/common/http';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, FormBuilder, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Location } from '@angular/common';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { FormMessages } from '../../shared/ui/form-messages';
import { describeError, problemOf } from '../api/problem-details';
import { AuthStore, TWO_STEP_SETUP_URL } from './auth-store';

const TOTP_PATTERN = /^\d{6}$/;

/** Recovery codes are shown as `XXXXX-XXXXX`; spaces, dashes and case do not matter (the API normalises). */
export function recoveryCodeFormat(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value.replace(/[\s-]/g, '');
  return value === '' || /^[A-Za-z0-9]{10}$/.test(value) ? null : { recoveryCode: true };
}

const NOTICES: Record<string, string> = {
  idle: 'You were signed out after 15 minutes without activity. Any unsaved session note was kept and will be offered back.',
  welcome: 'Your password is set. Sign in to continue.',
  expired: 'Your session ended. Sign in again to continue; any unsaved session note was kept.',
  'password-changed': 'Your password was changed and every session was signed out. Sign in with your new password.',
  'password-reset': 'Your new password is set and every earlier session was signed out. Sign in with it now.',
  'session-ended': 'You ended the session on this device. Sign in again to continue.',
  'two-step-off': 'Two-step verification is off. Your practice requires it: sign in and set it up again.',
};

@Component({
  selector: 'app-login-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, RouterLink, FormMessages],
  templateUrl: './login-page.html',
  styleUrl: './login-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly query = toSignal(inject(ActivatedRoute).queryParamMap);
  private readonly codeInput = viewChild<ElementRef<HTMLInputElement>>('codeInput');

  protected readonly form = inject(FormBuilder).nonNullable.group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
    totpCode: [''],
  });
  protected readonly mfaRequired = signal(false);

  constructor() {
    // After a password reset the reset page passes the account's email in the navigation's state.
    const state = inject(Location).getState() as { email?: unknown } | null;
    if (typeof state?.email === 'string' && state.email) this.form.controls.email.setValue(state.email);
  }

  /** The code step takes a recovery code instead of the authenticator's 6 digits. */
  protected readonly useRecoveryCode = signal(false);
  protected readonly submitting = signal(false);
  protected readonly errors = signal<string[]>([]);
  protected readonly notice = computed(() => NOTICES[this.query()?.get('reason') ?? ''] ?? null);

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { email, password, totpCode } = this.form.getRawValue();
    this.submitting.set(true);
    this.errors.set([]);
    try {
      await this.auth.login(email, password, this.mfaRequired() ? totpCode.trim() : null);
      // A session limited to enrolment opens nothing else, so no return URL applies.
      const target = this.auth.mfaEnrolmentRequired() ? TWO_STEP_SETUP_URL : (this.returnUrl() ?? this.auth.homeUrl());
      await this.router.navigateByUrl(target);
    } catch (error) {
      this.handleFailure(error);
    } finally {
      this.submitting.set(false);
    }
  }

  /** Switches the code step between the authenticator's code and a one-time recovery code. */
  protected toggleRecoveryCode(): void {
    this.useRecoveryCode.update((v) => !v);
    this.errors.set([]);
    this.askForCode();
  }

  private askForCode(): void {
    const control = this.form.controls.totpCode;
    control.setValidators([Validators.required, this.useRecoveryCode() ? recoveryCodeFormat : Validators.pattern(TOTP_PATTERN)]);
    control.reset('');
    afterNextRender({ write: () => this.codeInput()?.nativeElement.focus() }, { injector: this.injector });
  }

  private handleFailure(error: unknown): void {
    const problem = problemOf(error);
    if (problem?.mfaRequired) {
      const alreadyAsked = this.mfaRequired();
      if (!alreadyAsked) {
        this.mfaRequired.set(true);
        this.askForCode();
        this.errors.set([]);
        return;
      }
      this.errors.set([
        this.useRecoveryCode()
          ? 'That recovery code did not work. Each code works only once; check it and try another.'
          : 'That code did not work. Enter the current code from your authenticator app.',
      ]);
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
