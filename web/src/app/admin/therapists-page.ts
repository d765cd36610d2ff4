import { TitleCasePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormBuilder, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import { firstValueFrom } from 'rxjs';
import { AdminApi } from '../core/api/admin-api';
import { InvitedTherapist, Paged, Therapist } from '../core/api/api-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { applyServerErrors, describeError } from '../core/api/problem-details';
import { ConfirmDialog } from '../shared/ui/confirm-dialog';
import { CopyLink, invitationUrl } from '../shared/ui/copy-link';
import { FormMessages } from '../shared/ui/form-messages';
import { PageState } from '../shared/ui/page-state';
import { WhenPipe } from '../shared/ui/when';

@Component({
  selector: 'app-therapists-page',
  imports: [
    DescribeErrorPipe,
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatTableModule,
    MatPaginatorModule,
    WhenPipe,
    TitleCasePipe,
    CopyLink,
    FormMessages,
  ],
  templateUrl: './therapists-page.html',
  styleUrl: './therapists-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TherapistsPage {
  private readonly api = inject(AdminApi);
  private readonly dialog = inject(MatDialog);

  protected readonly paging = new PageState(25);
  protected readonly therapists = httpResource<Paged<Therapist>>(() => ({
    url: '/api/admin/therapists',
    params: this.paging.params(),
  }));
  protected readonly rows = computed(() => (this.therapists.hasValue() ? this.therapists.value().items : []));
  protected readonly total = computed(() => (this.therapists.hasValue() ? this.therapists.value().total : 0));
  protected readonly columns = ['name', 'email', 'status', 'createdAt', 'actions'];

  protected readonly form = inject(FormBuilder).nonNullable.group({
    firstName: ['', [Validators.required, Validators.maxLength(100)]],
    lastName: ['', [Validators.required, Validators.maxLength(100)]],
    email: ['', [Validators.required, Validators.email]],
  });
  protected readonly inviteErrors = signal<string[]>([]);
  protected readonly invited = signal<InvitedTherapist | null>(null);
  protected readonly inviteUrl = computed(() => {
    const invited = this.invited();
    return invited ? invitationUrl(invited.invitationToken) : '';
  });
  protected readonly submitting = signal(false);
  protected readonly rowMessage = signal('');

  protected async invite(directive: FormGroupDirective): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.submitting.set(true);
    this.inviteErrors.set([]);
    this.invited.set(null);
    try {
      this.invited.set(await firstValueFrom(this.api.inviteTherapist(this.form.getRawValue())));
      // resetForm() also clears "submitted", so the emptied fields do not show as errors.
      directive.resetForm();
      this.therapists.reload();
    } catch (error) {
      this.inviteErrors.set(applyServerErrors(error, this.form).formMessages);
    } finally {
      this.submitting.set(false);
    }
  }

  protected async deactivate(therapist: Therapist): Promise<void> {
    const confirmed = await ConfirmDialog.ask(this.dialog, {
      title: `Deactivate ${therapist.displayName}?`,
      paragraphs: ['They will be signed out at once and cannot sign in again.'],
      confirm: 'Deactivate',
    });
    if (!confirmed) return;
    try {
      await firstValueFrom(this.api.deactivateTherapist(therapist.id));
      this.rowMessage.set(`${therapist.displayName} was deactivated.`);
      this.therapists.reload();
    } catch (error) {
      this.rowMessage.set(describeError(error));
    }
  }
}
