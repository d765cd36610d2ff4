import { TitleCasePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { DescribeErrorPipe } from '../../core/api/describe-error-pipe';
import { SafetyBanner } from '../../safety/safety-banner';
import { CoupleContext } from './couple-context';

export interface WorkspaceSection {
  path: string;
  label: string;
}

/** The workspace's sections, each with a URL of its own so a therapist lands where they need to be. */
export const WORKSPACE_SECTIONS: readonly WorkspaceSection[] = [
  { path: '', label: 'Overview' },
  { path: 'appointments', label: 'Appointments' },
  { path: 'sessions', label: 'Sessions' },
  { path: 'plan', label: 'Plan' },
  { path: 'cycle-map', label: 'Cycle map' },
  { path: 'homework', label: 'Homework' },
  { path: 'assessments', label: 'Assessments' },
  { path: 'agreements', label: 'Agreements' },
  { path: 'intake', label: 'Intake' },
  { path: 'messages', label: 'Messages' },
  { path: 'safety', label: 'Safety' },
  { path: 'progress', label: 'Progress' },
  { path: 'conceptualisation', label: 'Conceptualisation' },
];

/**
 * The therapist's couple workspace: the couple's name, the safety banner and the section links
 * stay put; each section below is a route that loads only its own data.
 */
@Component({
  selector: 'app-couple-workspace',
  imports: [
    DescribeErrorPipe,
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatButtonModule,
    TitleCasePipe,
    SafetyBanner,
  ],
  providers: [CoupleContext],
  templateUrl: './couple-workspace.html',
  styleUrl: './couple-workspace.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CoupleWorkspace {
  protected readonly context = inject(CoupleContext);
  protected readonly sections = WORKSPACE_SECTIONS;

  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  constructor() {
    effect(() => this.context.id.set(this.id()));
  }

  protected link(section: WorkspaceSection): string[] {
    return section.path ? ['/couples', this.id(), section.path] : ['/couples', this.id()];
  }
}
