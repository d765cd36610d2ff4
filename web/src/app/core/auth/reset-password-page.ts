import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { Schemas } from '../api/api-types';
import { problemOf } from '../api/problem-details';
import { AppointmentsApi } from '../api/appointments-api';
import { MIN_PASSWORD_LENGTH, NewPasswordFields, newPasswordForm } from '../../shared/ui/new-password-fields';
import { FormMessages } from '../../shared/ui/form-messages';
import { FormSubmission } from '../../shared/form-submission';

/**
 * The page a reset link opens: the link is checked first, so a used, replaced or expired one says so before
 * anyone types a new password; then choose a new password (every session of the account ends) and sign in
 * with the email already filled in.
 */
@Component({
  selector: 'app-reset-password-page',
  imports: [ReactiveFormsModule, MatButtonModule, RouterLink, FormMessages, NewPasswordFields],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section>
      <h1>Choose a new password</h1>
      @if (!token()) {
        <p role="alert">This link has no reset token. Open the full link from the email, or <a routerLink="/forgot-password">ask for a new one</a>.</p>
      } @else if (link.isLoading()) {
        <p role="status">Checking the link…</p>
      } @else if (linkProblem(); as problem) {
        <p role="alert">{{ problem }}</p>
        <p><a routerLink="/forgot-password">Ask for a new link</a></p>
      } @else if (link.hasValue()) {
        <p>For {{ link.value().email }}. Use at least {{ minLength }} characters; a few unrelated words work well. You will be signed out everywhere and can sign in with the new password.</p>
        <app-form-messages [messages]="submission.errors()" heading="The password could not be changed" />
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <app-new-password-fields [form]="form" />
          <button mat-flat-button type="submit" [disabled]="submission.submitting()">Set new password</button>
        </form>
        <p><a routerLink="/forgot-password">Ask for a new link</a></p>
      }
    </section>
  `,
  styles: `
    section { max-width: 460px; margin: 2rem auto; }
    form { display: flex; flex-direction: column; gap: 0.25rem; }
  `,
})
export class ResetPasswordPage {
  private readonly api = inject(AppointmentsApi);
  private readonly router = inject(Router);

  /** From `?token=` via component input binding. */
  readonly token = input<string>();
  protected readonly minLength = MIN_PASSWORD_LENGTH;
  protected readonly form = newPasswordForm();
  protected readonly submission = new FormSubmission();
  protected readonly link = httpResource<Schemas['PasswordResetLinkDto']>(() =>
    this.token()
      ? { url: '/api/auth/password/reset/check', method: 'POST', body: { token: this.token() } satisfies Schemas['CheckPasswordResetCommand'] }
      : undefined,
  );
  /** Why the link does not work, in the API's words (used, replaced, expired). */
  protected readonly linkProblem = computed(() => {
    const error = this.link.error();
    if (!error) return null;
    return problemOf(error)?.errors?.['token']?.[0] ?? 'This link could not be checked. Reload the page to try again.';
  });

  protected async submit(): Promise<void> {
    // The form shows only with a token, so there is nothing to submit without one.
    const token = this.token();
    if (!token) return;
    await this.submission.run(this.form, async () => {
      await firstValueFrom(this.api.resetPassword(token, this.form.getRawValue().password));
      // The email rides in the navigation's state (never the address bar), so sign-in has it filled in.
      const email = this.link.hasValue() ? this.link.value().email : undefined;
      await this.router.navigate(['/login'], { queryParams: { reason: 'password-reset' }, state: { email } });
    });
  }
}
