import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { debounceTime, map } from 'rxjs';
import { AuditCouple, AuditEvent, AuditPerson, Paged } from '../core/api/api-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { describeError } from '../core/api/problem-details';
import { FileDownload } from '../shared/ui/download';
import { PageState } from '../shared/ui/page-state';
import { WhenPipe } from '../shared/ui/when';
import { nextDay, practiceFormat, startOfDay } from '../core/practice/practice-format';
import { actionWords, coupleWords, outcomeWords, personWords } from './audit-words';

/** What the person and couple boxes hold: the text typed so far, or the one chosen from the list. */
type Chosen<T> = string | T | null;

interface Filters {
  person: Chosen<AuditPerson>;
  couple: Chosen<AuditCouple>;
  action: string;
  from: string;
  to: string;
  includeRefreshes: boolean;
}

/** Searches once typing pauses: each look-up is on the audit trail. */
const SEARCH_PAUSE_MS = 300;

function typed<T>(value: Chosen<T>): string {
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * The audit trail in names: a person and a couple are chosen by name from a list (never an id pasted in),
 * an action from the actions the trail holds, dates from the date picker; token refreshes stay hidden
 * unless asked for.
 */
@Component({
  selector: 'app-audit-page',
  imports: [
    DescribeErrorPipe,
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
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
    person: [null as Chosen<AuditPerson>],
    couple: [null as Chosen<AuditCouple>],
    action: [''],
    from: [''],
    to: [''],
    includeRefreshes: [false],
  });
  private readonly filters = signal<Filters>(this.filtersForm.getRawValue());
  /** The filters as the API reads them: ids of what was chosen, blank ones left out. The list and the CSV both use these. */
  private readonly applied = computed(() => {
    const f = this.filters();
    const params: Record<string, string> = {};
    if (f.person && typeof f.person === 'object') params['userId'] = f.person.id;
    if (f.couple && typeof f.couple === 'object') params['coupleId'] = f.couple.id;
    if (f.action) params['action'] = f.action;
    // The pickers choose days in the practice's zone: "from" is the start of its day, "to" takes in the whole
    // of its day (up to the last millisecond before the next one starts).
    const zone = practiceFormat().timeZone;
    if (f.from) params['from'] = startOfDay(f.from, zone).toISOString();
    if (f.to) params['to'] = new Date(startOfDay(nextDay(f.to), zone).getTime() - 1).toISOString();
    if (f.includeRefreshes) params['includeRefreshes'] = 'true';
    return params;
  });
  protected readonly paging = new PageState(50);

  protected readonly events = httpResource<Paged<AuditEvent>>(() => ({
    url: '/api/admin/audit',
    params: { ...this.paging.params(), ...this.applied() },
  }));
  protected readonly rows = computed(() => (this.events.hasValue() ? this.events.value().items : []));
  protected readonly total = computed(() => (this.events.hasValue() ? this.events.value().total : 0));
  protected readonly columns = ['occurredAt', 'action', 'outcome', 'person', 'resource', 'couple', 'clientAddress'];

  private readonly personSearch = toSignal(
    this.filtersForm.controls.person.valueChanges.pipe(debounceTime(SEARCH_PAUSE_MS), map(typed<AuditPerson>)),
    { initialValue: '' },
  );
  private readonly coupleSearch = toSignal(
    this.filtersForm.controls.couple.valueChanges.pipe(debounceTime(SEARCH_PAUSE_MS), map(typed<AuditCouple>)),
    { initialValue: '' },
  );
  protected readonly people = httpResource<AuditPerson[]>(() =>
    this.personSearch() ? { url: '/api/admin/audit/people', params: { search: this.personSearch() } } : undefined,
  );
  protected readonly couples = httpResource<AuditCouple[]>(() =>
    this.coupleSearch() ? { url: '/api/admin/audit/couples', params: { search: this.coupleSearch() } } : undefined,
  );
  protected readonly actions = httpResource<string[]>(() => '/api/admin/audit/actions');
  protected readonly actionOptions = computed(() =>
    (this.actions.hasValue() ? this.actions.value() : [])
      .map((code) => ({ code, words: actionWords(code) }))
      .sort((a, b) => a.words.localeCompare(b.words)),
  );

  protected readonly personName = (p: Chosen<AuditPerson>): string => (p && typeof p === 'object' ? p.name : (p ?? ''));
  protected readonly coupleName = (c: Chosen<AuditCouple>): string => (c && typeof c === 'object' ? c.displayName : (c ?? ''));
  protected readonly actionWords = actionWords;
  protected readonly outcomeWords = outcomeWords;
  protected readonly personWords = personWords;
  protected readonly coupleWords = coupleWords;

  private readonly download = inject(FileDownload);
  protected readonly exporting = signal(false);
  protected readonly exportMessage = signal('');

  /** The CSV holds what the filters applied on screen select, every page of it (ids, and names beside them). */
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

  /** Text typed but not chosen from the list filters nothing: the hint under the box says so. */
  protected unchosen(name: 'person' | 'couple'): boolean {
    return typed(this.filtersForm.controls[name].value) !== '';
  }

  protected apply(): void {
    this.paging.restart();
    this.filters.set(this.filtersForm.getRawValue());
  }
}
