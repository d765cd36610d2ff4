import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Paged } from '../core/api/api-types';
import { Delivery } from '../core/api/appointments-api';
import { practiceFormat } from '../core/practice/practice-format';
import { DeliveriesPage } from './deliveries-page';
import { kindWords, statusWords } from './delivery-words';

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

  it('writes kinds and statuses in words, and a waiting message with when it is due', async () => {
    practiceFormat.set({ locale: 'en-GB', timeZone: 'Europe/London' });
    const now = new Date('2026-12-07T12:00:00Z');
    expect(kindWords('portal_news')).toBe('Something new in the portal');
    expect(kindWords('some_new_kind')).toBe('Some new kind');
    expect(statusWords({ status: 'pending', nextAttemptAt: '2026-12-08T09:00:00Z' }, now)).toBe('Waiting, due 8 Dec 09:00');
    expect(statusWords({ status: 'pending', nextAttemptAt: '2026-12-07T11:59:00Z' }, now)).toBe('Waiting, going out now');
    expect(statusWords({ status: 'sent', nextAttemptAt: null }, now)).toBe('Sent');

    const { fixture, element, next } = await setUp();
    const reminder: Delivery = {
      id: 'd1', kind: 'appointment_reminder', recipient: 'alex@x.y', status: 'pending', attempts: 0, createdAt: '2026-12-07T08:00:00Z',
      dueAt: '2099-12-08T09:00:00Z', nextAttemptAt: '2099-12-08T09:00:00Z', lastAttemptAt: null, sentAt: null, lastError: null,
      resentFrom: null, canResend: false,
    };
    next().flush({ ...empty, items: [reminder], total: 1 });
    await fixture.whenStable();
    fixture.detectChanges();
    const row = element.querySelector('tbody tr')!.textContent ?? '';
    expect(row).toContain('Appointment reminder');
    expect(row).toContain('Waiting, due 8 Dec 09:00');
    expect(row).not.toContain('appointment_reminder');
    practiceFormat.set({ locale: 'en-GB', timeZone: undefined });
  });
});
