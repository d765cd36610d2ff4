import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AuditCouple, AuditEvent, AuditPerson } from '../core/api/api-types';
import { usePracticeTimeZone } from '../core/practice/practice-format';
import { AuditPage } from './audit-page';
import { actionWords, coupleWords, personWords } from './audit-words';

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
const empty = { items: [], page: 1, pageSize: 50, total: 0 };
const ada: AuditPerson = { id: 'u1', name: 'Ada Moss', role: 'therapist' };
const alexAndSam: AuditCouple = { id: 'c9', displayName: 'Alex & Sam', therapistName: 'Ada Moss' };
const pause = () => new Promise((resolve) => setTimeout(resolve, 350));

describe('audit words', () => {
  it('names the person with their role and the couple, or says the record is gone', () => {
    expect(personWords(event({}))).toBe('Ada Moss (therapist)');
    expect(personWords(event({ userId: null }))).toBe('—');
    expect(coupleWords(event({}))).toBe('Alex & Sam');
    expect(coupleWords(event({ coupleId: 'c1234567-x', coupleName: null }))).toBe('Couple c1234567 (no longer on record)');
  });

  it('writes actions in words, the password step of a two-step sign-in as pending', () => {
    expect(actionWords('auth.login_second_step_pending')).toBe('Password accepted, second step pending');
    expect(actionWords('cycle_map.share')).toBe('Cycle map share');
    expect(actionWords('GET /api/couples/{id}')).toBe('GET /api/couples/{id}');
  });
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
    backend.expectOne('/api/admin/audit/actions').flush(['auth.login', 'auth.login_second_step_pending', 'couple.read']);
    return fixture;
  }

  function form(fixture: { componentInstance: AuditPage }) {
    return (fixture.componentInstance as unknown as { filtersForm: { controls: Record<string, { setValue(v: unknown): void }> } }).filtersForm;
  }

  function submit(element: HTMLElement) {
    element.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    TestBed.tick();
  }

  it('lists events in names and words, denials marked in words, not colour alone', async () => {
    const fixture = await render();
    const first = backend.expectOne((r) => r.url === '/api/admin/audit' && r.params.get('page') === '1');
    expect(first.request.params.has('includeRefreshes')).toBe(false);
    first.flush({
      items: [
        event({}),
        event({ id: 2, outcome: 'denied', action: 'GET /api/couples/{id}' }),
        event({ id: 3, action: 'auth.login_second_step_pending', coupleId: null, coupleName: null }),
      ],
      page: 1,
      pageSize: 50,
      total: 3,
    });
    await fixture.whenStable();
    fixture.detectChanges();
    const rows = Array.from(fixture.nativeElement.querySelectorAll('tr[mat-row]')) as HTMLElement[];
    expect(rows).toHaveLength(3);
    expect(rows[0].textContent).toContain('Couple opened');
    expect(rows[0].textContent).toContain('Ada Moss (therapist)');
    expect(rows[0].textContent).toContain('Alex & Sam');
    expect(rows[0].textContent).not.toContain('u1');
    expect(rows[1].textContent).toContain('✕ Denied');
    expect(rows[2].textContent).toContain('Password accepted, second step pending');
    expect(rows[2].textContent).toContain('Allowed');
  });

  it('finds a person by name as one types, and filters by the one chosen', async () => {
    const fixture = await render();
    backend.expectOne((r) => r.url === '/api/admin/audit').flush(empty);
    const element: HTMLElement = fixture.nativeElement;
    const person = element.querySelector<HTMLInputElement>('input[formcontrolname="person"]')!;
    person.value = 'ada';
    person.dispatchEvent(new Event('input'));
    await pause();
    TestBed.tick();
    backend.expectOne((r) => r.url === '/api/admin/audit/people' && r.params.get('search') === 'ada').flush([ada]);
    fixture.detectChanges();
    expect(element.textContent).toContain('Choose a person from the list.');

    form(fixture).controls['person'].setValue(ada);
    await pause();
    fixture.detectChanges();
    expect(element.textContent).not.toContain('Choose a person from the list.');
    expect(person.value).toBe('Ada Moss');
    submit(element);
    const request = backend.expectOne((r) => r.url === '/api/admin/audit');
    expect(request.request.params.get('userId')).toBe('u1');
    expect(request.request.params.get('page')).toBe('1');
    request.flush(empty);
    await fixture.whenStable();
    fixture.detectChanges();
    expect(element.textContent).toContain('No audit events match these filters.');
  });

  it('offers the trail\'s actions in words, and shows token refreshes only when ticked', async () => {
    const fixture = await render();
    backend.expectOne((r) => r.url === '/api/admin/audit').flush(empty);
    const element: HTMLElement = fixture.nativeElement;
    form(fixture).controls['action'].setValue('auth.login_second_step_pending');
    form(fixture).controls['includeRefreshes'].setValue(true);
    submit(element);
    const request = backend.expectOne((r) => r.url === '/api/admin/audit');
    expect(request.request.params.get('action')).toBe('auth.login_second_step_pending');
    expect(request.request.params.get('includeRefreshes')).toBe('true');
    request.flush(empty);
    expect(element.querySelector('mat-checkbox')?.textContent).toContain('Show token refreshes');
  });

  it('reads the date pickers as whole days in the practice\'s zone: "to" takes in the last minute of its day', async () => {
    usePracticeTimeZone('Europe/London');
    try {
      const fixture = await render();
      backend.expectOne((r) => r.url === '/api/admin/audit').flush(empty);
      const element: HTMLElement = fixture.nativeElement;
      form(fixture).controls['from'].setValue('2026-07-01');
      form(fixture).controls['to'].setValue('2026-07-01');
      submit(element);
      const request = backend.expectOne((r) => r.url === '/api/admin/audit');
      // British Summer Time: the 1st of July starts at 23:00 UTC on the 30th of June.
      expect(request.request.params.get('from')).toBe('2026-06-30T23:00:00.000Z');
      expect(request.request.params.get('to')).toBe('2026-07-01T22:59:59.999Z');
      request.flush(empty);
    } finally {
      usePracticeTimeZone(undefined);
    }
  });

  it('exports the filtered trail as CSV with the filters applied on screen', async () => {
    const fixture = await render();
    backend.expectOne((r) => r.url === '/api/admin/audit').flush(empty);
    const element: HTMLElement = fixture.nativeElement;
    form(fixture).controls['couple'].setValue(alexAndSam);
    await pause();
    submit(element);
    backend.expectOne((r) => r.url === '/api/admin/audit').flush(empty);

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
    backend.expectOne((r) => r.url === '/api/admin/audit').flush(empty);
    const element: HTMLElement = fixture.nativeElement;
    Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.includes('Export CSV'))!.click();
    backend.expectOne((r) => r.url === '/api/admin/audit.csv').flush(null, { status: 500, statusText: 'Server error' });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(element.querySelector('[role="status"]')?.textContent).toContain('The CSV could not be exported.');
  });
});
