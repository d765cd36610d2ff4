import { httpResource } from '@angular/common/http';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import { FormBuilder, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { AccountApi } from '../core/api/account-api';
import { Me } from '../core/api/account-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { applyServerErrors } from '../core/api/problem-details';
import { AuthStore } from '../core/auth/auth-store';
import { FieldError } from '../shared/ui/field-error';
import { FormMessages } from '../shared/ui/form-messages';
import { MfaEnrolment } from './mfa-enrolment';

/** Two-step verification on the account page (therapists and admins): status, turn on, turn off. */
@Component({
  selector: 'app-two-step-section',
  imports: [
    DescribeErrorPipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    FieldError,
    FormMessages,
    MfaEnrolment,
  ],
  templateUrl: './two-step-section.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .status strong { font-weight: 600; }
    .disable { max-width: 360px; }
  `,
})
export class TwoStepSection {
  private readonly api = inject(AccountApi);
  private readonly auth = inject(AuthStore);
  private readonly injector = inject(Injector);
  private readonly passwordInput = viewChild<ElementRef<HTMLInputElement>>('passwordInput');

  protected readonly me = httpResource<Me>(() => '/api/me');
  protected readonly message = signal('');
  protected readonly disabling = signal(false);
  protected readonly busy = signal(false);
  protected readonly errors = signal<string[]>([]);
  protected readonly disableForm = inject(FormBuilder).nonNullable.group({
    currentPassword: ['', Validators.required],
  });

  protected enrolled(): void {
    this.message.set('Two-step verification is on. You will be asked for a code from your app each time you sign in.');
    this.me.reload();
  }

  protected askToDisable(): void {
    this.message.set('');
    this.errors.set([]);
    this.disabling.set(true);
    afterNextRender({ write: () => this.passwordInput()?.nativeElement.focus() }, { injector: this.injector });
  }

  protected cancelDisable(directive: FormGroupDirective): void {
    directive.resetForm();
    this.disabling.set(false);
  }

  protected async disable(directive: FormGroupDirective): Promise<void> {
    this.disableForm.markAllAsTouched();
    if (this.disableForm.invalid) return;
    this.busy.set(true);
    this.errors.set([]);
    try {
      await firstValueFrom(this.api.disableMfa({ currentPassword: this.disableForm.getRawValue().currentPassword, code: null }));
    } catch (error) {
      this.errors.set(applyServerErrors(error, this.disableForm).formMessages);
      this.busy.set(false);
      return;
    }
    // Where the practice requires two-step verification, turning it off ends every session.
    if (!(await this.auth.refresh())) {
      await this.auth.signedOutByServer('two-step-off');
      return;
    }
    this.busy.set(false);
    directive.resetForm();
    this.disabling.set(false);
    this.message.set('Two-step verification is off. Signing in now needs only your password.');
    this.me.reload();
  }
}
