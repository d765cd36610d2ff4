import { TitleCasePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatSort, MatSortModule } from '@angular/material/sort';
import { MatTableDataSource, MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import { COUPLE_STATUSES } from '../core/api/api-types';
import { CaseloadAlert, CaseloadDashboard, CaseloadRow, CycleTrend } from '../core/api/dashboard-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { KeptNotes } from '../sessions/kept-notes';
import { alertLabel, percent, SEVERITY_ICONS, SEVERITY_RANK, stageLabel, TREND_LABELS } from '../shared/ui/dashboard-labels';
import { WhenPipe } from '../shared/ui/when';

const TREND_RANK = { rising: 3, flat: 2, falling: 1 } as const;

/** What a column sorts by; nulls sort before any value, as MatTableDataSource does. */
export function caseloadSortValue(row: CaseloadRow, column: string): string | number | null {
  switch (column) {
    case 'name':
      return row.displayName.toLocaleLowerCase();
    case 'status':
      return COUPLE_STATUSES.indexOf(row.status);
    case 'sessions':
      return row.sessionCount;
    case 'last':
      return row.lastSessionOn;
    case 'next':
      return row.nextSessionOn;
    case 'stage':
      return row.currentEftStage === null ? null : row.currentEftStage * 10 + (row.currentEftStep ?? 0);
    case 'trend':
      return row.cycleTrend ? TREND_RANK[row.cycleTrend] : null;
    case 'adherence':
      return row.adherence14Days;
    case 'pending':
      return row.pendingQuestionnaires;
    case 'alerts':
      // Most severe first when descending, then by how many.
      return Math.max(0, ...row.alerts.map((a) => SEVERITY_RANK[a.severity] ?? 0)) * 100 + row.alerts.length;
    default:
      return null;
  }
}

/**
 * The therapist's home: every couple on the caseload with the signals that need attention.
 * Unsorted, rows keep the API's order (alerts first); a column header sorts, a third click restores it.
 */
@Component({
  selector: 'app-caseload-dashboard-page',
  imports: [DescribeErrorPipe, RouterLink, MatButtonModule, MatTableModule, MatSortModule, WhenPipe, TitleCasePipe, KeptNotes],
  templateUrl: './caseload-dashboard-page.html',
  styleUrl: './caseload-dashboard-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CaseloadDashboardPage {
  private readonly router = inject(Router);

  protected readonly columns = ['name', 'status', 'sessions', 'last', 'next', 'stage', 'trend', 'adherence', 'pending', 'alerts'];
  protected readonly dashboard = httpResource<CaseloadDashboard>(() => '/api/dashboard/caseload');
  protected readonly rows = computed(() => (this.dashboard.hasValue() ? this.dashboard.value().rows : []));
  protected readonly needingAttention = computed(() => this.rows().filter((r) => r.alerts.length > 0).length);
  protected readonly dataSource = new MatTableDataSource<CaseloadRow>([]);
  protected readonly alertLabel = alertLabel;
  protected readonly stageLabel = stageLabel;
  protected readonly percent = percent;

  private readonly sort = viewChild.required(MatSort);

  constructor() {
    // MatTableDataSource sorts null before any value; its type just does not say so.
    this.dataSource.sortingDataAccessor = caseloadSortValue as (row: CaseloadRow, column: string) => string | number;
    effect(() => (this.dataSource.data = this.rows()));
    effect(() => (this.dataSource.sort = this.sort()));
  }

  /** The whole row opens the couple; the name link inside stays the keyboard (Enter) target. */
  protected open(row: CaseloadRow, event: MouseEvent): void {
    if ((event.target as HTMLElement).closest('a')) return;
    void this.router.navigate(['/couples', row.coupleId]);
  }

  /** The last sessions' mean intensities, oldest first: the numbers behind the trend word. */
  protected intensities(row: CaseloadRow): string {
    return row.recentMeanIntensities.map((n) => Math.round(n * 10) / 10).join(' → ');
  }

  protected trendArrow(trend: CycleTrend): string {
    return TREND_LABELS[trend].arrow;
  }

  protected trendWord(trend: CycleTrend): string {
    return TREND_LABELS[trend].word;
  }

  protected severityIcon(alert: CaseloadAlert): string {
    return SEVERITY_ICONS[alert.severity] ?? 'i';
  }
}
