import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { CoupleAppointments } from '../../appointments/couple-appointments';
import { CoupleAssessments } from '../../assessments/couple-assessments';
import { HomeworkPanel } from '../../homework/homework-panel';
import { SafetyPanel } from '../../safety/safety-panel';
import { CoupleDashboardPanel } from '../couple-dashboard/couple-dashboard';
import { CoupleContext } from './couple-context';

/*
 * The sections that host a panel of their own feature: each is a route of the workspace and
 * loads only what its panel reads. Measures (CSI, PHQ-9, GAD-7) join the assessments and
 * progress sections as their panels arrive.
 */

@Component({
  selector: 'app-appointments-section',
  imports: [CoupleAppointments],
  template: `
    <h2 id="appointments-heading">Appointments</h2>
    @if (context.value(); as c) {
      <app-couple-appointments [coupleId]="c.id" [closed]="c.status === 'closed'" />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AppointmentsSection {
  protected readonly context = inject(CoupleContext);
}

@Component({
  selector: 'app-homework-section',
  imports: [HomeworkPanel],
  template: `
    <h2 id="homework-heading">Homework</h2>
    @if (context.value(); as c) {
      <app-homework-panel [coupleId]="c.id" [partners]="c.partners" />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HomeworkSection {
  protected readonly context = inject(CoupleContext);
}

@Component({
  selector: 'app-assessments-section',
  imports: [CoupleAssessments],
  template: `
    <h2 id="assessments-heading">Assessments</h2>
    @if (context.value(); as c) {
      <app-couple-assessments [coupleId]="c.id" [partners]="c.partners" />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AssessmentsSection {
  protected readonly context = inject(CoupleContext);
}

@Component({
  selector: 'app-safety-section',
  imports: [SafetyPanel],
  template: `
    <h2 id="safety-heading">Safety</h2>
    @if (context.value(); as c) {
      <app-safety-panel [coupleId]="c.id" [partners]="c.partners" />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SafetySection {
  protected readonly context = inject(CoupleContext);
}

@Component({
  selector: 'app-progress-section',
  imports: [CoupleDashboardPanel, RouterLink, MatButtonModule],
  template: `
    <div class="section-heading">
      <h2 id="progress-heading">Progress</h2>
      <div class="page-actions">
        <button mat-stroked-button type="button" (click)="print()">Print</button>
        <a mat-stroked-button [routerLink]="['/couples', context.id(), 'report']">Progress report (print or CSV)</a>
      </div>
    </div>
    <app-couple-dashboard [coupleId]="context.id()" />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProgressSection {
  protected readonly context = inject(CoupleContext);

  protected print(): void {
    window.print();
  }
}
