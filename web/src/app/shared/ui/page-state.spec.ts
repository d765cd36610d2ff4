import { PageState } from './page-state';

describe('PageState', () => {
  it('asks the API for 1-based pages and gives mat-paginator its 0-based index', () => {
    const paging = new PageState(25);
    expect(paging.params()).toEqual({ page: 1, pageSize: 25 });
    expect(paging.pageIndex()).toBe(0);

    paging.onPage({ pageIndex: 2, pageSize: 50, length: 300 });
    expect(paging.params()).toEqual({ page: 3, pageSize: 50 });
    expect(paging.pageIndex()).toBe(2);
  });

  it('starts again on the first page, keeping the page size', () => {
    const paging = new PageState(25);
    paging.onPage({ pageIndex: 4, pageSize: 100, length: 1000 });
    paging.restart();
    expect(paging.params()).toEqual({ page: 1, pageSize: 100 });
  });
});
