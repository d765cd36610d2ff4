import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Paged } from '../core/api/api-types';
import { Delivery } from '../core/api/appointments-api';
import { DeliveriesPage } from './deliveries-page';

const empty: Paged<Delivery> = { items: [], page: 1, pageSize: 25, total: 0 };

describe('DeliveriesPage', () => {
  async function setUp() {
    TestBed.configureTestingModule({
      imports: [DeliveriesPage],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(DeliveriesPage);
    fixture.detectChanges();
    TestBed.tick();
    const next = (): TestRequest => {
      TestBed.tick();
      return backend.expectOne((r) => r.url === '/api/admin/deliveries');
    };
    return { backend, fixture, element: fixture.nativeElement as HTMLElement, next };
  }

  it('pages through the log, and a new filter starts again on the first page', async () => {
    const { backend, fixture, element, next } = await setUp();
    const first = next();
    expect(first.request.params.get('page')).toBe('1');
    expect(first.request.params.get('pageSize')).toBe('25');
    first.flush({ ...empty, total: 120 });
    await fixture.whenStable();

    (fixture.componentInstance as unknown as { paging: { onPage(e: object): void } }).paging.onPage({ pageIndex: 2, pageSize: 25, length: 120 });
    const third = next();
    expect(third.request.params.get('page')).toBe('3');
    third.flush({ ...empty, page: 3, total: 120 });
    await fixture.whenStable();

    const recipient = element.querySelector<HTMLInputElement>('input[name=recipient]')!;
    recipient.value = 'alex@';
    recipient.dispatchEvent(new Event('input'));
    const filtered = next();
    expect(filtered.request.params.get('page')).toBe('1');
    expect(filtered.request.params.get('recipient')).toBe('alex@');
    filtered.flush(empty);
    backend.verify();
  });

  it('says why the log could not be loaded, in the one error sentence', async () => {
    const { fixture, element, next } = await setUp();
    next().flush({ title: 'Forbidden', status: 403, detail: 'Only an administrator reads the delivery log.' }, { status: 403, statusText: 'Forbidden' });
    await fixture.whenStable();
    expect(element.querySelector('[role=alert]')?.textContent).toBe(
      'Could not load the log: Only an administrator reads the delivery log.',
    );
  });
});
