import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { log, supervisedCouple } from './supervision-fixture';
import { monthLabel, SupervisionLogPage } from './supervision-log-page';

describe('SupervisionLogPage', () => {
  let fixture: ComponentFixture<SupervisionLogPage>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    fixture.detectChanges();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [SupervisionLogPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SupervisionLogPage);
    element = fixture.nativeElement;
    fixture.detectChanges();
    TestBed.tick();
    backend.expectOne('/api/supervision/meetings').flush(log);
    backend.expectOne((r) => r.url === '/api/couples').flush({ items: [], page: 1, pageSize: 100, total: 0 });
    backend.expectOne('/api/supervision/couples').flush([supervisedCouple]);
    await settle();
  });

  afterEach(() => backend.verify());

  it('shows the totals in hours and each month by name', () => {
    expect(element.querySelector('.total')?.textContent).toContain('2.5 hours in 2 meetings');
    expect(Array.from(element.querySelectorAll('table.months tbody th')).map((th) => th.textContent?.trim())).toEqual(['October 2026', 'November 2026']);
    expect(element.textContent).toContain('Couples: Alex & Sam');
  });

  it('logs a meeting with an Idempotency-Key and reloads the log', async () => {
    const minutes = element.querySelector('input[type="number"]') as HTMLInputElement;
    minutes.value = '45';
    minutes.dispatchEvent(new Event('input'));
    Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Log meeting')!.click();

    const request = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/supervision/meetings');
    expect(request.request.body).toMatchObject({ durationMinutes: 45, format: 'individual', coupleIds: [], notes: '' });
    expect(request.request.headers.get('Idempotency-Key')).toBeTruthy();
    request.flush(log.meetings[0]);
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
    backend.expectOne((r) => r.method === 'GET' && r.url === '/api/supervision/meetings').flush(log);
    await settle();
    expect(element.textContent).toContain('Meeting logged.');
  });

  it('writes a month the practice way', () => {
    expect(monthLabel('2026-02')).toBe('February 2026');
    expect(monthLabel('not a month')).toBe('not a month');
  });
});
