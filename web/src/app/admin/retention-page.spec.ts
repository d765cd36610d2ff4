import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Paged } from '../core/api/api-types';
import { RetentionCouple } from '../core/api/retention-api';
import { RetentionPage } from './retention-page';

const due: RetentionCouple = {
  coupleId: 'c1', displayName: 'Alex & Sam', therapistName: 'Ada Moss', status: 'closed', closedOn: '2018-03-01',
  retainUntil: '2025-03-01', legalHold: false, holdReason: null, holdChangedAt: null, purgeable: true,
};
const page = (items: RetentionCouple[]): Paged<RetentionCouple> => ({ items, page: 1, pageSize: 25, total: items.length });

describe('RetentionPage', () => {
  async function setUp(items: RetentionCouple[] = [due]) {
    TestBed.configureTestingModule({
      imports: [RetentionPage],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(RetentionPage);
    fixture.detectChanges();
    TestBed.tick();
    const list = (): TestRequest => {
      TestBed.tick();
      return backend.expectOne((r) => r.url === '/api/admin/retention');
    };
    const first = list();
    expect(first.request.params.get('scope')).toBe('due');
    first.flush(page(items));
    await fixture.whenStable();
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const button = (label: string) => Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === label)!;
    return { backend, fixture, element, list, button };
  }

  it('lists closed couples past their date with their dates, and asks for every closed couple on request', async () => {
    const { fixture, element, list, button } = await setUp();
    expect(element.querySelector('tbody th')?.textContent).toBe('Alex & Sam');
    expect(element.querySelector('tbody')?.textContent).toContain('Ada Moss');

    button('All closed couples').click();
    fixture.detectChanges();
    const all = list();
    expect(all.request.params.get('scope')).toBe('closed');
    expect(all.request.params.get('page')).toBe('1');
    all.flush(page([]));
  });

  it('purges only once the couple\'s name is typed exactly, then says what was removed', async () => {
    const { backend, fixture, element, list, button } = await setUp();
    button('Purge…').click();
    fixture.detectChanges();
    const confirm = element.querySelector<HTMLInputElement>('input[formcontrolname=confirm]')!;
    const purge = button('Purge permanently');
    expect(purge.disabled).toBe(true);

    confirm.value = 'Alex & Sam';
    confirm.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    expect(purge.disabled).toBe(false);
    purge.click();
    const request = backend.expectOne('/api/admin/retention/c1/purge');
    expect(request.request.body).toEqual({ confirm: 'Alex & Sam' });
    request.flush({ coupleId: 'c1', purgedAt: '2026-12-07T10:00:00Z', rowsDeleted: 412, accountsClosed: 2 });
    await new Promise((resolve) => setTimeout(resolve));
    list().flush(page([]));
    await fixture.whenStable();
    fixture.detectChanges();
    expect(element.querySelector('[role=status]')?.textContent).toBe('Alex & Sam purged: 412 records deleted, 2 portal accounts closed.');
  });

  it('needs a reason to place a hold, and shows the API\'s refusal of a purge', async () => {
    const { backend, fixture, element, list, button } = await setUp();
    button('Place hold').click();
    fixture.detectChanges();
    button('Place the hold').click();
    fixture.detectChanges();
    backend.expectNone('/api/admin/retention/c1/hold');
    expect(element.textContent).toContain('Say why the record is held.');

    const reason = element.querySelector<HTMLInputElement>('input[formcontrolname=reason]')!;
    reason.value = 'Court order';
    reason.dispatchEvent(new Event('input'));
    button('Place the hold').click();
    const hold = backend.expectOne('/api/admin/retention/c1/hold');
    expect(hold.request.body).toEqual({ hold: true, reason: 'Court order' });
    hold.flush({ ...due, legalHold: true, holdReason: 'Court order', purgeable: false });
    await new Promise((resolve) => setTimeout(resolve));
    list().flush(page([{ ...due, legalHold: true, holdReason: 'Court order', purgeable: false }]));
    await fixture.whenStable();
    fixture.detectChanges();
    expect(element.querySelector('tbody')?.textContent).toContain('Held: Court order');
    expect(element.querySelector('button[aria-label^="Purge"]')).toBeNull();
  });
});
