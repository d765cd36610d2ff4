import { WhenPipe } from '../shared/ui/when';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { POLICY_EXPLANATIONS, POLICY_LABELS, PortalAgreement } from '../core/api/agreement-types';
import { AgreementsApi } from '../core/api/agreements-api';
import { PortalMe } from '../core/api/homework-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { applyServerErrors } from '../core/api/problem-details';
import { FieldError } from '../shared/ui/field-error';
import { buildSignForm, SignFormComponent } from './sign-form';

/**
 * One agreement in the portal: the text to read (made for a phone), then the signature step, or — once
 * signed — what was signed, when, and the fingerprint of the exact text. A partner may decline with a reason
 * only their therapist sees.
 */
@Component({
  selector: 'app-portal-agreement-page',
  imports: [DescribeErrorPipe, WhenPipe, ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, FieldError, SignFormComponent],
  templateUrl: './portal-agreement-page.html',
  styleUrl: './portal-document.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalAgreementPage {
  private readonly api = inject(AgreementsApi);

  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  protected readonly agreement = httpResource<PortalAgreement>(() => `/api/portal/agreements/${encodeURIComponent(this.id())}`);
  protected readonly me = httpResource<PortalMe>(() => '/api/portal/me');
  protected readonly value = computed(() => (this.agreement.hasValue() ? this.agreement.value() : null));
  protected readonly fullName = computed(() => (this.me.hasValue() ? `${this.me.value().firstName} ${this.me.value().lastName}` : 'your name'));
  protected readonly signForm = buildSignForm();
  protected readonly reason = new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(2000)] });
  protected readonly busy = signal(false);
  protected readonly messages = signal<string[]>([]);
  protected readonly declining = signal(false);
  protected readonly status = signal('');
  protected readonly policyLabels = POLICY_LABELS;
  protected readonly policyExplanations = POLICY_EXPLANATIONS;

  protected async sign(typedName: string): Promise<void> {
    const agreement = this.value();
    if (!agreement) return;
    await this.run(async () => {
      this.agreement.set(await firstValueFrom(this.api.sign(agreement.id, typedName, agreement.textSha256)));
      this.status.set('Signed. Thank you — your therapist can see it now.');
    }, this.signForm);
  }

  protected async decline(): Promise<void> {
    const agreement = this.value();
    this.reason.markAsTouched();
    if (!agreement || this.reason.invalid) return;
    await this.run(async () => {
      this.agreement.set(await firstValueFrom(this.api.decline(agreement.id, this.reason.value.trim())));
      this.declining.set(false);
      this.status.set('Your answer was sent to your therapist.');
    }, this.reason);
  }

  private async run(action: () => Promise<void>, form: import('@angular/forms').AbstractControl): Promise<void> {
    this.busy.set(true);
    this.messages.set([]);
    try {
      await action();
    } catch (error) {
      const { formMessages, fieldCount } = applyServerErrors(error, form, { reason: '' });
      this.messages.set(fieldCount && !formMessages.length ? [] : formMessages);
    } finally {
      this.busy.set(false);
    }
  }
}
