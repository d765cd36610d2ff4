import { formatWhen, WhenPipe } from '../shared/ui/when';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import {
  Agreement,
  ConfidentialityPolicy,
  CoupleAgreements,
  DOCUMENT_KIND_LABELS,
  DocumentKind,
  PartnerSignature,
  POLICY_EXPLANATIONS,
  POLICY_LABELS,
} from '../core/api/agreement-types';
import { AgreementsApi } from '../core/api/agreements-api';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { applyServerErrors, describeError } from '../core/api/problem-details';
import { CoupleContext } from '../couple/workspace/couple-context';
import { FieldError } from '../shared/ui/field-error';
import { FormMessages } from '../shared/ui/form-messages';
import { practiceToday } from '../shared/ui/dates';
import { signatureText, unsigned } from './agreement-labels';
import { ReleasesPanel } from './releases-panel';

/**
 * The couple's *Agreements* section: the policy and consent at a glance, every agreement with each partner's
 * answer, reminders and paper signatures, sending a document, and the releases of information.
 */
@Component({
  selector: 'app-agreements-section',
  imports: [DescribeErrorPipe, WhenPipe, ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, FieldError, FormMessages, ReleasesPanel],
  templateUrl: './agreements-section.html',
  styleUrl: './agreements-section.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgreementsSection {
  private readonly api = inject(AgreementsApi);
  protected readonly context = inject(CoupleContext);

  protected readonly list = httpResource<CoupleAgreements>(() =>
    this.context.id() ? `/api/couples/${encodeURIComponent(this.context.id())}/agreements` : undefined,
  );
  protected readonly value = computed(() => (this.list.hasValue() ? this.list.value() : null));
  protected readonly policyLabels = POLICY_LABELS;
  protected readonly policyExplanations = POLICY_EXPLANATIONS;
  protected readonly kindLabels = DOCUMENT_KIND_LABELS;
  protected readonly kinds = Object.keys(DOCUMENT_KIND_LABELS).filter((k) => k !== 'release') as DocumentKind[];
  protected readonly policies = Object.keys(POLICY_LABELS) as ConfidentialityPolicy[];
  protected readonly unsigned = unsigned;

  protected readonly sendForm = new FormGroup({
    documentKind: new FormControl<DocumentKind | null>(null, Validators.required),
    policy: new FormControl<ConfidentialityPolicy | null>(null),
  });
  protected readonly paperForm = new FormGroup({
    signedOn: new FormControl(practiceToday(), { nonNullable: true, validators: Validators.required }),
    note: new FormControl('', { nonNullable: true, validators: Validators.maxLength(2000) }),
  });
  /** The agreement and partner a paper signature is being recorded for. */
  protected readonly paperFor = signal<{ agreementId: string; partner: PartnerSignature } | null>(null);
  protected readonly busy = signal(false);
  protected readonly messages = signal<string[]>([]);
  protected readonly status = signal('');

  protected text(p: PartnerSignature): string {
    return signatureText(p, (iso) => formatWhen(iso));
  }

  protected async send(): Promise<void> {
    this.sendForm.markAllAsTouched();
    const { documentKind, policy } = this.sendForm.getRawValue();
    if (!documentKind) return;
    await this.run(this.sendForm, async () => {
      const agreement = await firstValueFrom(this.api.send(this.context.id(), documentKind, documentKind === 'confidentiality_policy' ? policy : null));
      this.status.set(`${agreement.title} sent to both partners' portals.`);
      this.sendForm.reset();
    });
  }

  protected async remind(agreement: Agreement): Promise<void> {
    await this.run(null, async () => {
      await firstValueFrom(this.api.remind(this.context.id(), agreement.id));
      this.status.set(`Reminder sent about ${agreement.title}.`);
    });
  }

  protected openPaper(agreement: Agreement, partner: PartnerSignature): void {
    this.paperForm.reset({ signedOn: practiceToday(), note: '' });
    this.paperFor.set({ agreementId: agreement.id, partner });
  }

  protected async recordPaper(): Promise<void> {
    const target = this.paperFor();
    this.paperForm.markAllAsTouched();
    if (!target || this.paperForm.invalid) return;
    const { signedOn, note } = this.paperForm.getRawValue();
    await this.run(this.paperForm, async () => {
      await firstValueFrom(this.api.recordPaper(this.context.id(), target.agreementId, target.partner.partnerId, signedOn, note.trim() || null));
      this.status.set(`${target.partner.firstName}'s paper signature recorded.`);
      this.paperFor.set(null);
    });
  }

  private async run(form: FormGroup | null, action: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.messages.set([]);
    this.status.set('');
    try {
      await action();
      this.list.reload();
    } catch (error) {
      this.messages.set(form ? applyServerErrors(error, form).formMessages : [describeError(error)]);
    } finally {
      this.busy.set(false);
    }
  }
}
