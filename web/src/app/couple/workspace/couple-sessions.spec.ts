import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { CoupleContext } from './couple-context';
import { CoupleSessions } from './couple-sessions';

describe('CoupleSessions', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [CoupleSessions],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), CoupleContext],
    });
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(CoupleContext).id.set('c1');
  });

  afterEach(() => backend.verify());

  async function render(items: unknown[]) {
    const fixture = TestBed.createComponent(CoupleSessions);
    fixture.detectChanges();
    TestBed.tick();
    backend.expectOne('/api/couples/c1').flush({ id: 'c1', partners: [] });
    backend.expectOne((r) => r.url === '/api/couples/c1/sessions').flush({ items, page: 1, pageSize: 100, total: items.length });
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('lists sessions newest first, says so, with dates and times by the one rule and signed state in words, and loads only sessions', async () => {
    const element = await render([
      { id: 's1', date: '2026-11-09', startTime: '17:00:00', durationMinutes: 50, format: 'in_person', attendance: 'both', eftStage: 1, eftStep: 2, signedAt: '2026-11-09T18:00:00Z' },
      { id: 's2', date: '2026-11-16', startTime: '17:00:00', durationMinutes: 50, format: 'video', attendance: 'both', eftStage: 1, eftStep: 3, signedAt: null },
    ]);
    const rows = Array.from(element.querySelectorAll('table.sessions tbody tr'));
    expect(rows.map((r) => r.querySelector('a')?.getAttribute('href'))).toEqual(['/sessions/s2', '/sessions/s1']);
    expect(element.querySelector('.order')?.textContent).toContain('Newest first');
    expect(rows[0].textContent).toContain('16 Nov 2026');
    expect(rows[0].textContent).toContain('17:00');
    expect(rows[0].textContent).not.toContain('17:00:00');
    expect(rows[1].textContent).toContain('✓ Signed');
    expect(rows[0].textContent).toContain('Draft');
    expect(element.querySelector('a[href="/couples/c1/sessions/new"]')?.textContent).toContain('New session');
    backend.expectNone((r) => r.url.includes('/dashboard') || r.url.includes('/homework') || r.url.includes('/safety'));
  });

  it('says what to do when there are no sessions yet', async () => {
    const element = await render([]);
    expect(element.querySelector('.empty')?.textContent).toContain('New session');
  });
});
