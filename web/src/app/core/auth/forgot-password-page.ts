import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { AppointmentsApi } from '../api/appointments-api';
import { applyServerErrors } from '../api/problem-details';
import { FormMessages } from '../../shared/ui/form-messages';

/**
 * "Forgot password?": the answer is the same whatever the address, so the page says what happens
 * if there is an account, never whether there is one.
 */
@Component({
  selector: 'app-forgot-password-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, RouterLink, FormMessages],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section>
      <h1>Forgot your password?</h1>
      @if (sent()) {
        <p role="status" class="sent">
          If there is an account for <strong>{{ sentTo() }}</strong>, we have emailed it a link to choose a new password.
          The link works once, for one hour. Check your spam folder if nothing arrives in a few minutes.
        </p>
        <p><a routerLink="/login">Back to sign in</a></p>
      } @else {
        <p>Enter the email address you sign in with. We will email you a link to choose a new password.</p>
        <app-form-messages [messages]="errors()" heading="Could not send the link" />
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label>Email</mat-label>
            <input matInput formControlName="email" type="email" autocomplete="username" required />
            @if (form.controls.email.hasError('required')) {
              <mat-error>Enter your email address.</mat-error>
            } @else if (form.controls.email.hasError('email')) {
              <mat-error>Enter a valid email address.</mat-error>
            } @else if (form.controls.email.hasError('server')) {
              <mat-error>{{ form.controls.email.getError('server') }}</mat-error>
            }
          </mat-form-field>
          <button mat-flat-button type="submit" [disabled]="submitting()">Email me a link</button>
        </form>
        <p><a routerLink="/login">Back to sign in</a></p>
      }
    </section>
  `,
  styles: `
    section { max-width: 460px; margin: 2rem auto; }
    form { display: flex; flex-direction: column; gap: 0.25rem; }
  `,
})
export class ForgotPasswordPage {
  private readonly api = inject(AppointmentsApi);
  protected readonly form = inject(FormBuilder).nonNullable.group({ email: ['', [Validators.required, Validators.email]] });
  protected readonly errors = signal<string[]>([]);
  protected readonly submitting = signal(false);
  protected readonly sent = signal(false);
  protected readonly sentTo = signal('');

  protected async submit(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.submitting.set(true);
    this.errors.set([]);
    try {
      const email = this.form.getRawValue().email.trim();
      await firstValueFrom(this.api.forgotPassword(email));
      this.sentTo.set(email);
      this.sent.set(true);
    } catch (error) {
      this.errors.set(applyServerErrors(error, this.form).formMessages);
    } finally {
      this.submitting.set(false);
    }
  }
}
