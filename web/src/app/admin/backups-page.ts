import { DecimalPipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { describeError } from '../core/api/problem-details';
import { BackupHealth, BackupStatus } from '../core/api/retention-api';
import { FileDownload } from '../shared/ui/download';
import { WhenPipe } from '../shared/ui/when';

export const HEALTH_LABELS: Record<BackupHealth, string> = {
  ok: 'Backups are working',
  warning: 'Backups need attention',
  failing: 'Backups are not working',
};

/** "1.2 MB": bytes in the units a person reads. */
export function size(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/**
 * The practice's backups (issue 33): the verdict first, with its reasons; the WAL archive's lag (read live from
 * PostgreSQL); the base backups pgBackRest holds; and the practice export — every couple as FHIR R4 NDJSON.
 */
@Component({
  selector: 'app-backups-page',
  imports: [WhenPipe, DecimalPipe, DescribeErrorPipe, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Backups</h1>
    @if (status.error(); as error) {
      <p role="alert">Could not read the backup status: {{ error | describeError }}</p>
    }
    @if (value(); as s) {
      <section class="verdict" [class]="s.health" aria-labelledby="verdict-heading">
        <h2 id="verdict-heading"><span aria-hidden="true">{{ s.health === 'ok' ? '✓' : '!' }}</span> {{ labels[s.health] }}</h2>
        @if (s.problems.length) {
          <ul>@for (p of s.problems; track p) { <li>{{ p }}</li> }</ul>
        }
        <dl>
          <dt>Last backup</dt>
          <dd>{{ s.lastBackupAt ? (s.lastBackupAt | when: 'dateTime') : 'None yet' }}</dd>
          <dt>Last full backup</dt>
          <dd>{{ s.lastFullBackupAt ? (s.lastFullBackupAt | when: 'dateTime') : 'None yet' }}</dd>
          <dt>Read from pgBackRest</dt>
          <dd>{{ s.infoReadAt ? (s.infoReadAt | when: 'dateTime') : (s.infoConfigured ? 'Not written yet' : 'Not configured') }}</dd>
        </dl>
      </section>

      <section aria-labelledby="archive-heading">
        <h2 id="archive-heading">WAL archive</h2>
        <p>Every change is written to the write-ahead log; each finished segment goes to the backup repository{{ s.archive.archiving && s.archive.archiveTimeoutSeconds > 0
          ? ', at least every ' + s.archive.archiveTimeoutSeconds + ' seconds' : '' }}. What is not archived yet would be lost with the disk.</p>
        <dl>
          <dt>Archiving</dt>
          <dd>{{ s.archive.archiving ? 'On' : 'Off' }}</dd>
          <dt>Waiting to be archived</dt>
          <dd>{{ s.archive.segmentsWaiting === null ? 'Unknown' : s.archive.segmentsWaiting + ' segment' + (s.archive.segmentsWaiting === 1 ? '' : 's') }}</dd>
          <dt>Lag</dt>
          <dd>{{ s.archive.lagSeconds === null ? 'Unknown' : (s.archive.lagSeconds | number: '1.0-1') + ' s' }}</dd>
          <dt>Last archived</dt>
          <dd>{{ s.archive.lastArchivedAt ? (s.archive.lastArchivedAt | when: 'dateTime') + ' (' + s.archive.lastArchivedWal + ')' : 'Never' }}</dd>
          @if (s.archive.lastFailedAt) {
            <dt>Last failure</dt>
            <dd>{{ s.archive.lastFailedAt | when: 'dateTime' }} ({{ s.archive.lastFailedWal }}, {{ s.archive.failedCount }} in all)</dd>
          }
          <dt>Restorable</dt>
          <dd>{{ s.oldestRestorableWal ? s.oldestRestorableWal + ' … ' + s.newestArchivedWal : '—' }}</dd>
        </dl>
      </section>

      <section aria-labelledby="backups-heading">
        <h2 id="backups-heading">Base backups</h2>
        <div class="scroll">
          <table class="data">
            <caption class="visually-hidden">Base backups, newest first</caption>
            <thead><tr><th scope="col">Finished</th><th scope="col">Type</th><th scope="col">Took</th><th scope="col">Database</th>
              <th scope="col">Added to the repository</th><th scope="col">Label</th></tr></thead>
            <tbody>
              @for (b of s.backups; track b.label) {
                <tr>
                  <td>{{ b.finishedAt | when: 'dateTime' }}</td>
                  <td>{{ b.type === 'full' ? 'Full' : b.type === 'diff' ? 'Differential' : 'Incremental' }}</td>
                  <td>{{ seconds(b.startedAt, b.finishedAt) }} s</td>
                  <td>{{ size(b.databaseBytes) }}</td>
                  <td>{{ size(b.repositoryBytes) }}</td>
                  <td><code>{{ b.label }}</code></td>
                </tr>
              } @empty {
                <tr><td colspan="6">No backup yet. Run <code>make backup</code> on the server.</td></tr>
              }
            </tbody>
          </table>
        </div>
        <p>Restoring is done on the server: <code>make restore AT="YYYY-MM-DD HH:MM:SS"</code> (see the README's Backups section).</p>
      </section>
    }

    <section aria-labelledby="export-heading">
      <h2 id="export-heading">Practice export</h2>
      <p>Every couple as a FHIR R4 Bundle, one per line (NDJSON): partners, therapist, sessions with the cycle record, measures and
        homework — to move the practice to another system. The export is recorded in the audit log.</p>
      <button mat-stroked-button type="button" (click)="exportPractice()" [disabled]="exporting()">Download the practice export</button>
      <p role="status">{{ exportMessage() }}</p>
    </section>
  `,
  styles: `
    .verdict { border-left: 6px solid var(--mat-sys-primary); padding: .5rem 1rem; margin-bottom: 2rem; }
    .verdict.warning { border-left-color: #b26a00; }
    .verdict.failing { border-left-color: var(--mat-sys-error); }
    dl { display: grid; grid-template-columns: minmax(10rem, max-content) 1fr; gap: .25rem 1rem; }
    dd { margin: 0; overflow-wrap: anywhere; }
    section { margin-bottom: 2rem; }
    button { min-height: 44px; }
  `,
})
export class BackupsPage {
  private readonly download = inject(FileDownload);
  protected readonly labels = HEALTH_LABELS;
  protected readonly size = size;
  protected readonly status = httpResource<BackupStatus>(() => '/api/admin/backups');
  protected readonly value = computed(() => (this.status.hasValue() ? this.status.value() : null));
  protected readonly exporting = signal(false);
  protected readonly exportMessage = signal('');

  protected seconds(start: string, stop: string): number {
    return Math.round((Date.parse(stop) - Date.parse(start)) / 1000);
  }

  protected async exportPractice(): Promise<void> {
    this.exporting.set(true);
    this.exportMessage.set('Preparing the export…');
    try {
      await this.download.save('/api/admin/export', {}, 'clinic-export.ndjson');
      this.exportMessage.set('The export was downloaded.');
    } catch (error) {
      this.exportMessage.set(`Could not export: ${describeError(error)}`);
    } finally {
      this.exporting.set(false);
    }
  }
}
