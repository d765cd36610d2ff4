import { computed, signal } from '@angular/core';
import { PageEvent } from '@angular/material/paginator';

/**
 * Where a paginated list stands: the API counts pages from 1, mat-paginator from 0, and a new search
 * or filter starts again on the first page. One definition for every list page, so they cannot drift.
 */
export class PageState {
  readonly page = signal(1);
  readonly pageSize;
  /** The query parameters the list endpoints take. */
  readonly params = computed(() => ({ page: this.page(), pageSize: this.pageSize() }));
  /** For mat-paginator's [pageIndex]. */
  readonly pageIndex = computed(() => this.page() - 1);

  constructor(pageSize: number) {
    this.pageSize = signal(pageSize);
  }

  /** mat-paginator's (page) output. */
  onPage(event: PageEvent): void {
    this.page.set(event.pageIndex + 1);
    this.pageSize.set(event.pageSize);
  }

  /** Back to the first page, for a new search or filter. */
  restart(): void {
    this.page.set(1);
  }
}
