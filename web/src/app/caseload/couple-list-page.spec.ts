import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { CoupleSummary, Paged } from '../core/api/api-types';
import { CoupleListPage } from './couple-list-page';

const couple = (n: number, overrides: Partial<CoupleSummary> = {}): CoupleSummary => ({
  id: `c${n}`,
  displayName: `Couple ${n}`,
  status: 'active',
  startedOn: '2026-10-01',
  sessionCount: n,
  lastSessionOn: n > 1 ? '2026-11-02' : null,
  ...overrides,
});

const page = (items: CoupleSummary[], total = items.length, pageNumber = 1): Paged<CoupleSummary> => ({
  items,
  page: pageNumber,
  pageSize: 25,
  total,
});

describe('CoupleListPage', () => {
  let fixture: ComponentFixture<CoupleListPage>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [CoupleListPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(CoupleListPage);
    element = fixture.nativeElement;
    // Not whenStable(): an open request keeps the fixture unstable until it is answered.
    fixture.detectChanges();
  });

  afterEach(() => backend.verify());

  function expectCouplesRequest(): TestRequest {
    TestBed.tick();
    return backend.expectOne((request) => request.url === '/api/couples');
  }

  async function respond(request: TestRequest, body: Paged<CoupleSummary>): Promise<void> {
    request.flush(body);
    await fixture.whenStable();
  }

  it('loads the first page and renders each couple as a link row', async () => {
    const request = expectCouplesRequest();
    expect(request.request.params.get('page')).toBe('1');
    expect(request.request.params.get('pageSize')).toBe('25');
    expect(request.request.params.has('search')).toBe(false);
    expect(request.request.params.has('status')).toBe(false);
    await respond(request, page([couple(1), couple(2, { status: 'paused' })], 2));

    const rows = element.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(2);
    const link = rows[0].querySelector('a') as HTMLAnchorElement;
    expect(link.textContent?.trim()).toBe('Couple 1');
    expect(link.getAttribute('href')).toBe('/couples/c1');
    expect(rows[0].textContent).toContain('None yet');
    expect(rows[1].textContent).toContain('Paused');
    expect(element.querySelector('[role=status]')?.textContent).toContain('2 couples');
  });

  it('searches on submit, back on page 1', async () => {
    await respond(expectCouplesRequest(), page([couple(1)]));
    const input = element.querySelector('input[type=search]') as HTMLInputElement;
    input.value = '  Reed ';
    input.dispatchEvent(new Event('input'));
    (element.querySelector('form[role=search]') as HTMLFormElement).dispatchEvent(new Event('submit'));

    const request = expectCouplesRequest();
    expect(request.request.params.get('search')).toBe('Reed');
    expect(request.request.params.get('page')).toBe('1');
    await respond(request, page([]));
    expect(element.textContent).toContain('No couples match');
  });

  it('filters by status', async () => {
    await respond(expectCouplesRequest(), page([couple(1)]));
    const component = fixture.componentInstance as unknown as { statusControl: { setValue(v: string): void } };
    component.statusControl.setValue('paused');

    const request = expectCouplesRequest();
    expect(request.request.params.get('status')).toBe('paused');
    expect(request.request.params.get('page')).toBe('1');
    await respond(request, page([couple(3, { status: 'paused' })]));
    expect(element.querySelectorAll('tbody tr')).toHaveLength(1);
  });

  it('pages through the caseload with the paginator', async () => {
    await respond(expectCouplesRequest(), page([couple(1)], 60));
    const next = element.querySelector('button.mat-mdc-paginator-navigation-next') as HTMLButtonElement;
    expect(next.disabled).toBe(false);
    next.click();

    const request = expectCouplesRequest();
    expect(request.request.params.get('page')).toBe('2');
    expect(request.request.params.get('pageSize')).toBe('25');
    await respond(request, page([couple(26)], 60, 2));
    expect(element.querySelector('tbody a')?.textContent).toContain('Couple 26');
  });

  it('moves between row links with the arrow keys', async () => {
    await respond(expectCouplesRequest(), page([couple(1), couple(2)]));
    const links = element.querySelectorAll<HTMLAnchorElement>('tbody a');
    links[0].focus();
    links[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    expect(document.activeElement).toBe(links[1]);
  });
});
