import { WhenPipe } from '../shared/ui/when';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { firstValueFrom } from 'rxjs';
import {
  ConfidentialityPolicy,
  CoupleAgreements,
  FormRequest,
  FormRequestList,
  IntakeFormList,
  POLICY_EXPLANATIONS,
  POLICY_LABELS,
} from '../core/api/agreement-types';
import { AgreementsApi } from '../core/api/agreements-api';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { applyServerErrors, describeError } from '../core/api/problem-details';
import { FieldDefinition } from '../core/api/homework-types';
import { CoupleContext } from '../couple/workspace/couple-context';
import { FieldError } from '../shared/ui/field-error';
import { FormMessages } from '../shared/ui/form-messages';

/** How a submitted answer reads: yes/no, a choice's label, or the text as written. */
export function answerText(field: FieldDefinition, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field.type === 'boolean') return value ? 'Yes' : 'No';
  if (field.type === 'choice') return field.options?.find((o) => o.value === value)?.label ?? String(value);
  return String(value);
}

/**
 * The couple's *Intake* section: "Start intake" (consent, the confidentiality policy and the intake form in one
 * step, with the safety check-in), each partner's form and where it stands, and the answers once sent — private to
 * that partner and the therapist; every read is audited.
 */
@Component({
  selector: 'app-intake-section',
  imports: [DescribeErrorPipe, WhenPipe, ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatRadioModule, MatSelectModule, FieldError, FormMessages],
  templateUrl: './intake-section.html',
  styleUrl: './agreements-section.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IntakeSection {
  private readonly api = inject(AgreementsApi);
  protected readonly context = inject(CoupleContext);
  private readonly base = computed(() => `/api/couples/${encodeURIComponent(this.context.id())}`);

  protected readonly agreements = httpResource<CoupleAgreements>(() => (this.context.id() ? `${this.base()}/agreements` : undefined));
  protected readonly requests = httpResource<FormRequestList>(() => (this.context.id() ? `${this.base()}/form-requests` : undefined));
  protected readonly forms = httpResource<IntakeFormList>(() => '/api/forms');
  protected readonly opened = signal<FormRequest | null>(null);
  protected readonly policies = Object.keys(POLICY_LABELS) as ConfidentialityPolicy[];
  protected readonly policyLabels = POLICY_LABELS;
  protected readonly policyExplanations = POLICY_EXPLANATIONS;
  protected readonly answerText = answerText;

  protected readonly startForm = new FormGroup({
    policy: new FormControl<ConfidentialityPolicy | null>(null, Validators.required),
    includeTelehealth: new FormControl(false, { nonNullable: true }),
  });
  protected readonly requestForm = new FormGroup({
    formCode: new FormControl<string | null>(null, Validators.required),
    partnerId: new FormControl<string | null>(null, Validators.required),
  });
  protected readonly busy = signal(false);
  protected readonly messages = signal<string[]>([]);
  protected readonly status = signal('');

  protected fields(request: FormRequest, sectionIndex: number): FieldDefinition[] {
    return request.form.sections[sectionIndex].fields as FieldDefinition[];
  }

  protected async start(): Promise<void> {
    this.startForm.markAllAsTouched();
    const { policy, includeTelehealth } = this.startForm.getRawValue();
    if (!policy) return;
    await this.run(this.startForm, async () => {
      await firstValueFrom(this.api.startIntake(this.context.id(), policy, includeTelehealth));
      this.status.set('Intake started: both partners have the consent, the policy and the intake form in their portal.');
    });
  }

  protected async request(): Promise<void> {
    this.requestForm.markAllAsTouched();
    const { formCode, partnerId } = this.requestForm.getRawValue();
    if (!formCode || !partnerId) return;
    await this.run(this.requestForm, async () => {
      const made = await firstValueFrom(this.api.requestForm(this.context.id(), formCode, partnerId));
      this.status.set(`${made.title} sent to ${made.partnerFirstName}.`);
      this.requestForm.reset();
    });
  }

  protected async open(requestId: string): Promise<void> {
    try {
      const request = await firstValueFrom(this.api.formRequest(this.context.id(), requestId));
      this.opened.set(request);
    } catch (error) {
      this.messages.set([describeError(error)]);
    }
  }

  private async run(form: FormGroup, action: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.messages.set([]);
    this.status.set('');
    try {
      await action();
      this.agreements.reload();
      this.requests.reload();
    } catch (error) {
      this.messages.set(applyServerErrors(error, form).formMessages);
    } finally {
      this.busy.set(false);
    }
  }
}
