import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AuditEvent } from '../core/api/api-types';
import { AuditPage } from './audit-page';

const event = (overrides: Partial<AuditEvent>): AuditEvent => ({
  id: 1,
  occurredAt: '2026-11-20T10:00:00Z',
  userId: 'u1',
  role: 'therapist',
  action: 'couple.read',
  resourceType: 'couple',
  resourceId: 'c1',
  coupleId: 'c1',
  clientAddress: '10.0.0.1',
  outcome: 'allowed',
  detail: null,
  userName: 'Ada Moss',
  coupleName: 'Alex & Sam',
  ...overrides,
});

describe('AuditPage', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [AuditPage],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    URL.createObjectURL = vi.fn(() => 'blob:audit');
    URL.revokeObjectURL = vi.fn();
  });

  afterEach(() => backend.verify());

  async function render() {
    const fixture = TestBed.createComponent(AuditPage);
    fixture.detectChanges();
    TestBed.tick();
    return fixture;
  }

  it('lists events with denials marked in words, not colour alone', async () => {
    const fixture = await render();
    backend.expectOne((r) => r.url === '/api/admin/audit' && r.params.get('page') === '1').flush({
      items: [event({}), event({ id: 2, outcome: 'denied', action: 'GET /api/couples/{id}' })],
      page: 1,
      pageSize: 50,
      total: 2,
    });
    await fixture.whenStable();
    fixture.detectChanges();
    const rows = Array.from(fixture.nativeElement.querySelectorAll('tr[mat-row]')) as HTMLElement[];
    expect(rows).toHaveLength(2);
    expect(rows[1].textContent).toContain('✕ Denied');
    expect(rows[0].textContent).toContain('Allowed');
  });

  it('applies the filters as query parameters, from the first page', async () => {
    const fixture = await render();
    backend.expectOne((r) => r.url === '/api/admin/audit').flush({ items: [], page: 1, pageSize: 50, total: 0 });
    const element: HTMLElement = fixture.nativeElement;
    const action = element.querySelector<HTMLInputElement>('input[formcontrolname="action"]')!;
    action.value = 'cycle_map.share';
    action.dispatchEvent(new Event('input'));
    element.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    TestBed.tick();
    const request = backend.expectOne((r) => r.url === '/api/admin/audit');
    expect(request.request.params.get('action')).toBe('cycle_map.share');
    expect(request.request.params.get('page')).toBe('1');
    request.flush({ items: [], page: 1, pageSize: 50, total: 0 });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(element.textContent).toContain('No audit events match these filters.');
  });

  it('exports the filtered trail as CSV with the filters applied on screen', async () => {
    const fixture = await render();
    backend.expectOne((r) => r.url === '/api/admin/audit').flush({ items: [], page: 1, pageSize: 50, total: 0 });
    const element: HTMLElement = fixture.nativeElement;
    const couple = element.querySelector<HTMLInputElement>('input[formcontrolname="coupleId"]')!;
    couple.value = 'c9';
    couple.dispatchEvent(new Event('input'));
    element.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    TestBed.tick();
    backend.expectOne((r) => r.url === '/api/admin/audit').flush({ items: [], page: 1, pageSize: 50, total: 0 });

    const exportButton = Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.includes('Export CSV'))!;
    exportButton.click();
    const csv = backend.expectOne((r) => r.url === '/api/admin/audit.csv');
    expect(csv.request.params.get('coupleId')).toBe('c9');
    expect(csv.request.responseType).toBe('blob');
    csv.flush(new Blob(['id,occurredAt\r\n']), { headers: { 'Content-Disposition': 'attachment; filename="audit-1.csv"' } });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(URL.createObjectURL).toHaveBeenCalled();
    expect(element.querySelector('[role="status"]')?.textContent).toContain('The CSV has been downloaded.');
  });

  it('says so when the export fails', async () => {
    const fixture = await render();
    backend.expectOne((r) => r.url === '/api/admin/audit').flush({ items: [], page: 1, pageSize: 50, total: 0 });
    const element: HTMLElement = fixture.nativeElement;
    Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.includes('Export CSV'))!.click();
    backend.expectOne((r) => r.url === '/api/admin/audit.csv').flush(null, { status: 500, statusText: 'Server error' });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(element.querySelector('[role="status"]')?.textContent).toContain('The CSV could not be exported.');
  });
});
