import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { AccountApi } from '../core/api/account-api';
import { MfaEnrolment as Enrolment } from '../core/api/account-types';
import { applyServerErrors } from '../core/api/problem-details';
import { AuthStore } from '../core/auth/auth-store';
import { FieldError } from '../shared/ui/field-error';
import { FormMessages } from '../shared/ui/form-messages';
import { RecoveryCodes } from './recovery-codes';

/** An authenticator key for typing by hand: upper case in groups of four. */
export function groupKey(key: string): string {
  return (key.replace(/\s+/g, '').toUpperCase().match(/.{1,4}/g) ?? []).join(' ');
}

type Step = 'start' | 'scan' | 'codes';

/**
 * Turning on two-step verification, start to finish: the current password (a signed-in tab alone
 * never receives a key), a new key (QR code and the key to type), a code from the app to prove it
 * works, the ten recovery codes, then a session refresh — a session that was limited to enrolment
 * becomes a full one. Used on the account page and on the enrolment screen a practice's
 * requirement leads to.
 */
@Component({
  selector: 'app-mfa-enrolment',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, FieldError, FormMessages, RecoveryCodes],
  templateUrl: './mfa-enrolment.html',
  styleUrl: './mfa-enrolment.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MfaEnrolment {
  private readonly api = inject(AccountApi);
  private readonly auth = inject(AuthStore);
  private readonly injector = inject(Injector);
  private readonly scanHeading = viewChild<ElementRef<HTMLElement>>('scanHeading');

  /** Two-step verification is on and the session refreshed. */
  readonly finished = output<void>();
  /** The user stepped back before confirming; the unconfirmed key is simply never used. */
  readonly cancelled = output<void>();

  protected readonly step = signal<Step>('start');
  protected readonly enrolment = signal<Enrolment | null>(null);
  protected readonly recoveryCodes = signal<string[]>([]);
  protected readonly errors = signal<string[]>([]);
  protected readonly busy = signal(false);
  protected readonly key = computed(() => groupKey(this.enrolment()?.sharedKey ?? ''));
  protected readonly qrSrc = computed(() => `data:image/png;base64,${this.enrolment()?.qrCodePngBase64 ?? ''}`);
  protected readonly passwordForm = inject(FormBuilder).nonNullable.group({
    currentPassword: ['', Validators.required],
  });
  protected readonly form = inject(FormBuilder).nonNullable.group({
    code: ['', [Validators.required, Validators.pattern(/^\d{6}$/)]],
  });

  protected async start(): Promise<void> {
    this.passwordForm.markAllAsTouched();
    if (this.passwordForm.invalid) return;
    this.busy.set(true);
    this.errors.set([]);
    try {
      this.enrolment.set(await firstValueFrom(this.api.startMfaEnrolment(this.passwordForm.getRawValue().currentPassword)));
      this.passwordForm.reset();
      this.form.reset();
      this.step.set('scan');
      afterNextRender({ write: () => this.scanHeading()?.nativeElement.focus() }, { injector: this.injector });
    } catch (error) {
      this.errors.set(applyServerErrors(error, this.passwordForm).formMessages);
    } finally {
      this.busy.set(false);
    }
  }

  protected async confirm(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.busy.set(true);
    this.errors.set([]);
    try {
      const { recoveryCodes } = await firstValueFrom(this.api.confirmMfaEnrolment(this.form.getRawValue().code.trim()));
      this.recoveryCodes.set(recoveryCodes);
      this.enrolment.set(null);
      this.step.set('codes');
    } catch (error) {
      this.errors.set(applyServerErrors(error, this.form).formMessages);
    } finally {
      this.busy.set(false);
    }
  }

  protected cancel(): void {
    this.enrolment.set(null);
    this.step.set('start');
    this.cancelled.emit();
  }

  /** The codes are saved: a new token without the enrolment limit, then the parent moves on. */
  protected async acknowledge(): Promise<void> {
    this.busy.set(true);
    const refreshed = await this.auth.refresh();
    this.busy.set(false);
    if (!refreshed) {
      await this.auth.goToLogin('expired');
      return;
    }
    this.recoveryCodes.set([]);
    this.finished.emit();
  }
}
