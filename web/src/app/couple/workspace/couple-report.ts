import { DecimalPipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, DOCUMENT, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { Schemas } from '../../core/api/api-types';
import { describeError } from '../../core/api/problem-details';
import { FileDownload } from '../../shared/ui/download';
import { percent } from '../../shared/ui/dashboard-labels';
import { ATTENDANCE_LABELS, markerLabel, POSITION_LABELS } from '../../shared/ui/labels';
import { CoupleContext } from './couple-context';
import { WhenPipe } from '../../shared/ui/when';
import { changeText, standing } from '../couple-dashboard/measure-chart';
import { CLOSING_REASONS } from './close-case';
import { threadLabel, ThreadList } from '../../messages/messages-types';

type CoupleReportData = Schemas['CoupleReportDto'];
type Param = string | number | boolean | readonly string[];

/**
 * The couple's progress report as a print view, with the same content as its CSV: the dashboard's
 * tables — every measure with its band and change verdict, worded as the dashboard's charts word them —
 * and the signed sessions. The couple's measures also leave as FHIR from here. Private notes appear only when the therapist ticks them,
 * message threads only those the therapist ticks (each whole), and the API records which kind of report was taken and each thread read.
 */
@Component({
  selector: 'app-couple-report',
  imports: [WhenPipe, DecimalPipe, MatButtonModule, MatCheckboxModule],
  templateUrl: './couple-report.html',
  styles: `
    .scroll { overflow-x: auto; }
    table.data { border-collapse: collapse; margin-bottom: var(--space-5); }
    table.data th, table.data td { text-align: left; padding: var(--space-1) var(--space-2); border-bottom: 1px solid var(--mat-sys-outline-variant); vertical-align: top; }
    .note, .closing-summary { white-space: pre-wrap; }
    h3 { font: var(--type-title); }
    .threads { border: 0; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 0 1rem; align-items: center; }
    .threads legend { font-weight: 500; }
    .messages { list-style: none; padding: 0; margin: 0 0 var(--space-5); }
    .messages li { padding: var(--space-1) 0; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .messages .meta { font-size: 0.875rem; color: var(--mat-sys-on-surface-variant); }
    .messages .body { white-space: pre-wrap; margin: 0.25rem 0 0; }
    @media print { .no-print { display: none !important; } }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CoupleReport {
  protected readonly context = inject(CoupleContext);
  private readonly download = inject(FileDownload);
  private readonly document = inject(DOCUMENT);

  protected readonly includeNotes = signal(false);
  /** Ids of the message threads to include; none until the therapist ticks one. */
  protected readonly chosenThreads = signal<readonly string[]>([]);
  protected readonly threads = httpResource<ThreadList>(() =>
    this.context.id() ? `/api/couples/${encodeURIComponent(this.context.id())}/threads` : undefined,
  );
  protected readonly threadLabel = threadLabel;
  private readonly params = computed(() => {
    const params: Record<string, Param> = { includeNotes: this.includeNotes() };
    if (this.chosenThreads().length) params['threads'] = this.chosenThreads();
    return params;
  });
  protected readonly report = httpResource<CoupleReportData>(() =>
    this.context.id() ? { url: `/api/couples/${encodeURIComponent(this.context.id())}/report`, params: this.params() } : undefined,
  );
  protected readonly data = computed(() => (this.report.hasValue() ? this.report.value() : null));
  protected readonly message = signal('');
  protected readonly labels = { position: POSITION_LABELS, attendance: ATTENDANCE_LABELS };
  protected readonly markerLabel = markerLabel;
  protected readonly percent = percent;
  protected readonly changeText = changeText;
  protected readonly standing = standing;

  protected reasonLabel(reason: string): string {
    return CLOSING_REASONS.find((r) => r.value === reason)?.label ?? reason;
  }

  protected chooseThread(id: string, chosen: boolean): void {
    this.chosenThreads.update((ids) => (chosen ? [...ids.filter((i) => i !== id), id] : ids.filter((i) => i !== id)));
  }

  protected partnerName(partnerId: string): string {
    return this.data()?.dashboard.partners.find((p) => p.id === partnerId)?.firstName ?? 'Partner';
  }

  protected rating(session: Schemas['ReportSessionDto'], index: number): string {
    const partner = this.data()?.dashboard.partners[index];
    const r = session.partners.find((p) => p.partnerId === partner?.id);
    return r ? `${this.labels.position[r.position]} ${r.intensity}` : '—';
  }

  protected print(): void {
    this.document.defaultView?.print();
  }

  /** The file is named by the API: the couple's initials and the date (progress-report-AS-2026-12-07.csv). */
  protected csv(): Promise<void> {
    return this.save('The CSV', `report.csv`, this.params(), 'progress-report.csv');
  }

  /** The couple's measures as a FHIR R4 Bundle, audited by the API like the report. */
  protected fhir(): Promise<void> {
    return this.save('The FHIR export', 'fhir', {}, 'measures.fhir.json');
  }

  private async save(what: string, path: string, params: Record<string, Param>, fallbackName: string): Promise<void> {
    this.message.set(`Preparing ${what.replace(/^The /, 'the ')}…`);
    try {
      await this.download.save(`/api/couples/${encodeURIComponent(this.context.id())}/${path}`, params, fallbackName);
      this.message.set(`${what} has been downloaded.`);
    } catch (error) {
      this.message.set(`${what} could not be downloaded. ${describeError(error)}`);
    }
  }
}
