import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { Invitation, Partner } from '../../core/api/api-types';
import { ClinicApi } from '../../core/api/clinic-api';
import { CoupleApi } from '../../core/api/couple-api';
import { applyServerErrors, describeError } from '../../core/api/problem-details';
import { CopyLink, invitationUrl } from '../../shared/ui/copy-link';
import { FieldError } from '../../shared/ui/field-error';
import { FormMessages } from '../../shared/ui/form-messages';
import { PORTAL_STATUS_LABELS } from '../../shared/ui/labels';
import { CoupleContext } from './couple-context';

/** The two partners: portal invitations and corrections of a mistyped name or email. */
@Component({
  selector: 'app-partners-panel',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, CopyLink, FieldError, FormMessages],
  templateUrl: './partners-panel.html',
  styles: `
    .partners { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 280px), 1fr)); gap: var(--space-4); }
    .partner { border: 1px solid var(--mat-sys-outline-variant); border-radius: var(--radius); padding: var(--space-4); }
    .partner p { margin: 0 0 var(--space-2); overflow-wrap: anywhere; }
    .label { font-weight: 400; color: var(--mat-sys-on-surface-variant); }
    h3 { font: var(--type-title); margin: 0 0 var(--space-2); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PartnersPanel {
  private readonly clinic = inject(ClinicApi);
  private readonly api = inject(CoupleApi);
  protected readonly context = inject(CoupleContext);
  protected readonly portalLabels = PORTAL_STATUS_LABELS;

  protected readonly invitations = signal<Record<string, Invitation>>({});
  protected readonly inviteErrors = signal<Record<string, string>>({});
  protected readonly editing = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly errors = signal<string[]>([]);
  protected readonly message = signal('');
  protected readonly form = new FormGroup({
    firstName: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] }),
    lastName: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] }),
    pronouns: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(40)] }),
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email, Validators.maxLength(256)] }),
  });

  protected invitationLink(invitation: Invitation): string {
    return invitationUrl(invitation.invitationToken);
  }

  protected async invite(partner: Partner): Promise<void> {
    const couple = this.context.value();
    if (!couple) return;
    this.inviteErrors.update(({ [partner.id]: _, ...rest }) => rest);
    try {
      const invitation = await firstValueFrom(this.clinic.invitePartner(couple.id, partner.id));
      this.invitations.update((all) => ({ ...all, [partner.id]: invitation }));
      this.context.reload();
    } catch (error) {
      this.inviteErrors.update((all) => ({ ...all, [partner.id]: describeError(error) }));
    }
  }

  protected edit(partner: Partner): void {
    this.form.reset({ firstName: partner.firstName, lastName: partner.lastName, pronouns: partner.pronouns ?? '', email: partner.email });
    this.errors.set([]);
    this.message.set('');
    this.editing.set(partner.id);
  }

  protected async save(partner: Partner): Promise<void> {
    const couple = this.context.value();
    this.form.markAllAsTouched();
    if (!couple || this.form.invalid) return;
    const value = this.form.getRawValue();
    const emailChanged = value.email.trim().toLowerCase() !== partner.email;
    this.saving.set(true);
    this.errors.set([]);
    try {
      await firstValueFrom(
        this.api.correctPartner(couple.id, partner.id, {
          version: partner.version,
          firstName: value.firstName.trim(),
          lastName: value.lastName.trim(),
          pronouns: value.pronouns.trim(),
          email: value.email.trim(),
        }),
      );
      this.editing.set(null);
      this.message.set(
        emailChanged && partner.portalStatus === 'active'
          ? `${value.firstName.trim()}'s details are corrected. They keep signing in with ${partner.email} until they follow the link sent to ${value.email.trim()}.`
          : `${value.firstName.trim()}'s details are corrected.`,
      );
      this.context.reload();
    } catch (error) {
      this.errors.set(applyServerErrors(error, this.form).formMessages);
    } finally {
      this.saving.set(false);
    }
  }
}
