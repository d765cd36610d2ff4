import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { CaseloadDashboard, CaseloadRow } from '../core/api/dashboard-types';
import { CaseloadDashboardPage } from './caseload-dashboard-page';

const row = (name: string, overrides: Partial<CaseloadRow> = {}): CaseloadRow => ({
  coupleId: `id-${name}`,
  displayName: name,
  status: 'active',
  startedOn: '2026-09-01',
  sessionCount: 4,
  lastSessionOn: '2026-11-10',
  nextSessionOn: null,
  currentEftStage: 1,
  currentEftStep: 2,
  cycleTrend: 'flat',
  recentMeanIntensities: [5, 5, 5],
  adherence14Days: 0.5,
  pendingQuestionnaires: 0,
  alerts: [],
  unreadMessages: 0,
  ...overrides,
});

// The API's order: alerts first (safety flag above all), then the rest.
const body: CaseloadDashboard = {
  today: '2026-11-22',
  waitlist: { count: 0, oldestAddedAt: null, oldestWaitDays: null, url: '/waitlist' },
  rows: [
    row('Reed & Kim', {
      sessionCount: 9,
      cycleTrend: 'rising',
      recentMeanIntensities: [4, 5.5, 7.25],
      alerts: [
        { code: 'safety_flag', severity: 'critical', message: 'An open safety flag: review before the next joint session.' },
        { code: 'cycle_rising', severity: 'warning', message: 'Mean intensity rose over the last three sessions.' },
      ],
    }),
    row('Alvarez', {
      sessionCount: 2,
      adherence14Days: null,
      alerts: [{ code: 'no_recent_session', severity: 'warning', message: 'No session for 24 days.' }],
    }),
    row('Baker', { sessionCount: 12, cycleTrend: 'falling', adherence14Days: 0.857, nextSessionOn: '2026-11-25' }),
  ],
};

describe('CaseloadDashboardPage', () => {
  let fixture: ComponentFixture<CaseloadDashboardPage>;
  let element: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [CaseloadDashboardPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(CaseloadDashboardPage);
    element = fixture.nativeElement;
    fixture.detectChanges();
    TestBed.tick();
    backend.expectOne('/api/dashboard/caseload').flush(body);
    backend.expectOne('/api/me/session-drafts').flush([]); // no kept notes to offer
    await fixture.whenStable();
  });

  const names = () => Array.from(element.querySelectorAll('tbody tr a.row-link')).map((a) => a.textContent?.trim());
  const header = (text: string) =>
    Array.from(element.querySelectorAll<HTMLElement>('thead th')).find((th) => th.textContent?.includes(text))!;
  async function clickHeader(text: string): Promise<void> {
    header(text).click();
    await fixture.whenStable();
  }

  it('keeps the API order by default: couples with alerts first', () => {
    expect(names()).toEqual(['Reed & Kim', 'Alvarez', 'Baker']);
    expect(element.querySelector('[role=status]')?.textContent).toContain('3 couples, 2 needing attention');
  });

  it('sorts by a column when its header is clicked, and back to the API order on the third click', async () => {
    await clickHeader('Couple');
    expect(names()).toEqual(['Alvarez', 'Baker', 'Reed & Kim']);
    expect(header('Couple').getAttribute('aria-sort')).toBe('ascending');

    await clickHeader('Couple');
    expect(names()).toEqual(['Reed & Kim', 'Baker', 'Alvarez']);

    await clickHeader('Couple');
    expect(names()).toEqual(['Reed & Kim', 'Alvarez', 'Baker']);
  });

  it('sorts numbers as numbers and puts missing values first ascending', async () => {
    await clickHeader('Sessions');
    expect(names()).toEqual(['Alvarez', 'Reed & Kim', 'Baker']);
    await clickHeader('Homework');
    expect(names()).toEqual(['Alvarez', 'Reed & Kim', 'Baker']);
  });

  it('shows alerts as badges with text and an icon, never colour alone', () => {
    const badges = Array.from(element.querySelectorAll('tbody tr')[0].querySelectorAll('.badge'));
    expect(badges.map((b) => b.firstElementChild?.getAttribute('aria-hidden'))).toEqual(['true', 'true']);
    expect(badges[0].textContent).toContain('Safety check-in');
    expect(badges[0].textContent).toContain('An open safety flag');
    expect(badges[0].querySelector('.icon')?.textContent).toBe('⚠');
    expect(badges[1].textContent).toContain('Cycle rising');
    expect(element.querySelectorAll('tbody tr')[2].textContent).toContain('None');
  });

  it('shows the cycle trend as an arrow and a word, and adherence as a percentage', () => {
    const [first, second, third] = Array.from(element.querySelectorAll('tbody tr')).map((tr) => tr.textContent ?? '');
    expect(first).toContain('↑ Rising');
    expect(first).toContain('mean intensity 4 → 5.5 → 7.3');
    expect(third).toContain('↓ Falling');
    expect(third).toContain('86 %');
    expect(second).toContain('None set');
    expect(first).toContain('De-escalation (step 2)');
  });

  it('opens the couple from a click anywhere on the row, and links the name for the keyboard', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const second = element.querySelectorAll('tbody tr')[1] as HTMLElement;
    (second.querySelector('td') as HTMLElement).click();
    expect(navigate).toHaveBeenCalledWith(['/couples', 'id-Alvarez']);
    expect(second.querySelector('a')?.getAttribute('href')).toBe('/couples/id-Alvarez');
  });
});

describe('CaseloadDashboardPage while loading', () => {
  it('says the caseload is loading until it arrives, and marks the table busy', async () => {
    TestBed.configureTestingModule({
      imports: [CaseloadDashboardPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(CaseloadDashboardPage);
    const element: HTMLElement = fixture.nativeElement;
    fixture.detectChanges();
    TestBed.tick();
    fixture.detectChanges();
    expect(element.querySelector('[role=status]')?.textContent).toContain('Loading your caseload…');
    expect(element.querySelector('table')?.getAttribute('aria-busy')).toBe('true');
    expect(element.textContent).not.toContain('Your caseload is empty');

    backend.expectOne('/api/dashboard/caseload').flush({ ...body, rows: [] });
    backend.expectOne('/api/me/session-drafts').flush([]);
    await fixture.whenStable();
    fixture.detectChanges();
    expect(element.querySelector('[role=status]')?.textContent).not.toContain('Loading');
    expect(element.textContent).toContain('Your caseload is empty');
  });
});
