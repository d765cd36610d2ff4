import { TitleCasePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { COUPLE_STATUSES, CoupleStatus, CoupleSummary, Paged } from '../core/api/api-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { PageState } from '../shared/ui/page-state';
import { WhenPipe } from '../shared/ui/when';

@Component({
  selector: 'app-couple-list-page',
  imports: [
    DescribeErrorPipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatPaginatorModule,
    WhenPipe,
    TitleCasePipe,
  ],
  templateUrl: './couple-list-page.html',
  styleUrl: './couple-list-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CoupleListPage {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly statuses = COUPLE_STATUSES;
  protected readonly searchForm = new FormGroup({ search: new FormControl('', { nonNullable: true }) });
  protected readonly statusControl = new FormControl<CoupleStatus | ''>('', { nonNullable: true });

  // Search applies on submit rather than per keystroke: results do not shift under a screen
  // reader user mid-word, and the API is not queried for every letter.
  protected readonly search = signal('');
  protected readonly status = signal<CoupleStatus | ''>('');
  protected readonly paging = new PageState(25);

  protected readonly couples = httpResource<Paged<CoupleSummary>>(() => {
    const params: Record<string, string | number> = { ...this.paging.params() };
    if (this.search()) params['search'] = this.search();
    if (this.status()) params['status'] = this.status();
    return { url: '/api/couples', params };
  });
  protected readonly rows = computed(() => (this.couples.hasValue() ? this.couples.value().items : []));
  protected readonly total = computed(() => (this.couples.hasValue() ? this.couples.value().total : 0));
  protected readonly summary = computed(() => {
    if (!this.couples.hasValue()) return this.couples.isLoading() ? 'Loading your couples…' : '';
    const total = this.total();
    return `${total} ${total === 1 ? 'couple' : 'couples'}${this.search() || this.status() ? ' match' : ''}`;
  });

  constructor() {
    this.statusControl.valueChanges.subscribe((status) => {
      this.paging.restart();
      this.status.set(status);
    });
  }

  protected applySearch(): void {
    this.paging.restart();
    this.search.set(this.searchForm.controls.search.value.trim());
  }

  /** Arrow keys move between the rows' links, like a list; Tab still works as usual. */
  protected onRowKeydown(event: KeyboardEvent): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const links = Array.from(this.host.nativeElement.querySelectorAll<HTMLAnchorElement>('tbody a.row-link'));
    const index = links.indexOf(event.target as HTMLAnchorElement);
    if (index < 0) return;
    const next = links[index + (event.key === 'ArrowDown' ? 1 : -1)];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  }
}
