import { DatePipe, TitleCasePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { Couple, COUPLE_STATUSES, CoupleStatus, Invitation, Paged, Partner, SessionSummary } from '../core/api/api-types';
import { ClinicApi } from '../core/api/clinic-api';
import { describeError } from '../core/api/problem-details';
import { CoupleDashboardPanel } from './couple-dashboard/couple-dashboard';
import { CopyLink, invitationUrl } from '../shared/ui/copy-link';
import { ATTENDANCE_LABELS, FORMAT_LABELS, PORTAL_STATUS_LABELS } from '../shared/ui/labels';
import { CoupleAssessments } from '../assessments/couple-assessments';
import { CoupleAppointments } from '../appointments/couple-appointments';
import { HomeworkPanel } from '../homework/homework-panel';
import { SafetyBanner } from '../safety/safety-banner';
import { SafetyPanel } from '../safety/safety-panel';

@Component({
  selector: 'app-couple-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    DatePipe,
    TitleCasePipe,
    CopyLink,
    SafetyBanner,
    SafetyPanel,
    CoupleAssessments,
    HomeworkPanel,
    CoupleDashboardPanel,
    CoupleAppointments,
  ],
  templateUrl: './couple-page.html',
  styleUrl: './couple-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CouplePage {
  private readonly api = inject(ClinicApi);

  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  protected readonly couple = httpResource<Couple>(() => `/api/couples/${encodeURIComponent(this.id())}`);
  protected readonly sessionsPage = httpResource<Paged<SessionSummary>>(() => ({
    url: `/api/couples/${encodeURIComponent(this.id())}/sessions`,
    params: { page: 1, pageSize: 100 },
  }));
  /** Oldest first, whatever order the API sends, because the cycle is read as a story. */
  protected readonly sessions = computed(() =>
    this.sessionsPage.hasValue()
      ? [...this.sessionsPage.value().items].sort((a, b) =>
          `${a.date}T${a.startTime}`.localeCompare(`${b.date}T${b.startTime}`),
        )
      : [],
  );

  protected readonly statuses = COUPLE_STATUSES;
  protected readonly statusControl = new FormControl<CoupleStatus>('intake', { nonNullable: true });
  /** A group, so the form gets a FormGroupDirective and (ngSubmit) fires. */
  protected readonly statusForm = new FormGroup({ status: this.statusControl });
  protected readonly statusMessage = signal('');
  protected readonly savingStatus = signal(false);
  protected readonly invitations = signal<Record<string, Invitation>>({});
  protected readonly inviteErrors = signal<Record<string, string>>({});
  protected readonly formatLabels = FORMAT_LABELS;
  protected readonly attendanceLabels = ATTENDANCE_LABELS;
  protected readonly portalLabels = PORTAL_STATUS_LABELS;

  constructor() {
    effect(() => {
      if (this.couple.hasValue()) this.statusControl.setValue(this.couple.value().status);
    });
  }

  protected invitationLink(invitation: Invitation): string {
    return invitationUrl(invitation.invitationToken);
  }

  protected async invite(partner: Partner): Promise<void> {
    this.inviteErrors.update(({ [partner.id]: _, ...rest }) => rest);
    try {
      const invitation = await firstValueFrom(this.api.invitePartner(this.id(), partner.id));
      this.invitations.update((all) => ({ ...all, [partner.id]: invitation }));
      this.couple.reload();
    } catch (error) {
      this.inviteErrors.update((all) => ({ ...all, [partner.id]: describeError(error) }));
    }
  }

  protected async changeStatus(): Promise<void> {
    if (!this.couple.hasValue()) return;
    const { version, status } = this.couple.value();
    const next = this.statusControl.value;
    if (next === status) return;
    this.savingStatus.set(true);
    try {
      const updated = await firstValueFrom(this.api.updateCouple(this.id(), { version, status: next }));
      this.couple.set(updated);
      this.statusMessage.set(`Status changed to ${next}.`);
    } catch (error) {
      this.statusMessage.set(`Status not changed. ${describeError(error)}`);
      this.couple.reload();
    } finally {
      this.savingStatus.set(false);
    }
  }

  protected errorText(error: unknown): string {
    return describeError(error);
  }
}
