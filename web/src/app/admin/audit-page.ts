import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import { AuditEvent, Paged } from '../core/api/api-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { describeError } from '../core/api/problem-details';
import { FileDownload } from '../shared/ui/download';
import { PageState } from '../shared/ui/page-state';
import { WhenPipe } from '../shared/ui/when';

type Filters = { userId: string; coupleId: string; action: string; from: string; to: string };

@Component({
  selector: 'app-audit-page',
  imports: [
    DescribeErrorPipe,
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatTableModule,
    MatPaginatorModule,
    WhenPipe,
  ],
  templateUrl: './audit-page.html',
  styles: `
    .filters { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 0 1rem; align-items: start; }
    .denied { font-weight: 600; }
    td.mono { font-family: ui-monospace, monospace; font-size: 0.8rem; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditPage {
  protected readonly filtersForm = inject(FormBuilder).nonNullable.group({
    userId: [''],
    coupleId: [''],
    action: [''],
    from: [''],
    to: [''],
  });
  private readonly filters = signal<Filters>(this.filtersForm.getRawValue());
  /** The filters as the API reads them: trimmed, blank ones left out. The list and the CSV both use these. */
  private readonly applied = computed(() => {
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(this.filters())) {
      if (value.trim()) params[key] = value.trim();
    }
    return params;
  });
  protected readonly paging = new PageState(50);

  protected readonly events = httpResource<Paged<AuditEvent>>(() => ({
    url: '/api/admin/audit',
    params: { ...this.paging.params(), ...this.applied() },
  }));
  protected readonly rows = computed(() => (this.events.hasValue() ? this.events.value().items : []));
  protected readonly total = computed(() => (this.events.hasValue() ? this.events.value().total : 0));
  protected readonly columns = ['occurredAt', 'action', 'outcome', 'role', 'userId', 'resource', 'coupleId', 'clientAddress'];

  private readonly download = inject(FileDownload);
  protected readonly exporting = signal(false);
  protected readonly exportMessage = signal('');

  /** The CSV holds what the filters applied on screen select, every page of it. */
  protected async exportCsv(): Promise<void> {
    const params = this.applied();
    this.exporting.set(true);
    this.exportMessage.set('Preparing the CSV…');
    try {
      await this.download.save('/api/admin/audit.csv', params, 'audit.csv');
      this.exportMessage.set('The CSV has been downloaded.');
    } catch (error) {
      this.exportMessage.set(`The CSV could not be exported. ${describeError(error)}`);
    } finally {
      this.exporting.set(false);
    }
  }

  protected apply(): void {
    this.paging.restart();
    this.filters.set(this.filtersForm.getRawValue());
  }
}
