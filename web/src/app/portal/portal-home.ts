import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ToSignCard } from '../agreements/to-sign-card';
import { NextSessionCard } from '../appointments/next-session-card';
import { Paged } from '../core/api/api-types';
import { PortalQuestionnaire } from '../core/api/assessment-types';
import { PortalAssignment, PortalMe, WeekProgress } from '../core/api/homework-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { PortalCheckIn } from '../core/api/safety-types';
import { WhenPipe } from '../shared/ui/when';

/** "2 of 3 this week", or a gentle note when the week's target is already met. */
/** "2 of 3 this week", and "done for this week" when the API says the week's target is logged. */
export function progressText(week: WeekProgress): string {
  const text = `${week.entries} of ${week.target} this week`;
  return week.doneForTheWeek ? `${text} — done for this week` : text;
}

@Component({
  selector: 'app-portal-home',
  imports: [DescribeErrorPipe, WhenPipe, RouterLink, NextSessionCard, ToSignCard],
  templateUrl: './portal-home.html',
  styleUrl: './portal-home.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalHome {
  protected readonly me = httpResource<PortalMe>(() => '/api/portal/me');
  protected readonly homeworkPage = httpResource<Paged<PortalAssignment>>(() => ({
    url: '/api/portal/homework',
    params: { page: 1, pageSize: 100 },
  }));
  protected readonly questionnairesPage = httpResource<Paged<PortalQuestionnaire>>(() => ({
    url: '/api/portal/questionnaires',
    params: { page: 1, pageSize: 100 },
  }));
  protected readonly checkInsPage = httpResource<Paged<PortalCheckIn>>(() => ({
    url: '/api/portal/check-ins',
    params: { page: 1, pageSize: 100 },
  }));

  protected readonly name = computed(() => (this.me.hasValue() ? this.me.value().firstName : null));
  protected readonly activeHomework = computed(() =>
    this.homeworkPage.hasValue() ? this.homeworkPage.value().items.filter((a) => a.status === 'active') : [],
  );
  protected readonly pendingQuestionnaires = computed(() =>
    this.questionnairesPage.hasValue() ? this.questionnairesPage.value().items.filter((q) => q.status === 'pending') : [],
  );
  protected readonly answeredQuestionnaires = computed(() =>
    this.questionnairesPage.hasValue() ? this.questionnairesPage.value().items.filter((q) => q.status === 'completed') : [],
  );
  protected readonly checkIns = computed(() => (this.checkInsPage.hasValue() ? this.checkInsPage.value().items : []));
  protected readonly progressText = progressText;
}
