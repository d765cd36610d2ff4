import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter, Router } from '@angular/router';
import { MySession } from '../core/api/account-types';
import { devicesOf, MySessions } from './my-sessions';

const sessions: MySession[] = [
  {
    id: 's-here',
    createdAt: '2026-11-22T09:00:00Z',
    lastRefreshedAt: '2026-11-22T09:40:00Z',
    expiresAt: '2026-11-22T21:00:00Z',
    clientAddress: '10.0.0.5',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
    current: true,
  },
  {
    id: 's-other',
    createdAt: '2026-11-21T18:00:00Z',
    lastRefreshedAt: '2026-11-21T18:20:00Z',
    expiresAt: '2026-11-22T06:00:00Z',
    clientAddress: '192.0.2.7',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile Safari/604.1',
    current: false,
  },
];

describe('MySessions', () => {
  let fixture: ComponentFixture<MySessions>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [MySessions],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MySessions);
    element = fixture.nativeElement;
    fixture.detectChanges();
    await answerSessions(sessions);
  });

  async function answerSessions(body: MySession[]): Promise<void> {
    TestBed.tick();
    backend.expectOne('/api/me/sessions').flush(body);
    await settle();
  }

  afterEach(() => {
    backend.verify();
    TestBed.inject(MatDialog).closeAll();
  });

  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };
  const rows = () => Array.from(element.querySelectorAll<HTMLElement>('tr.mat-mdc-row'));
  /** The confirmation opens in Material's overlay, outside the component. */
  const dialogText = () => document.querySelector('mat-dialog-container')?.textContent ?? '';
  async function answerDialog(choice: 'Sign out' | 'Sign out everywhere else' | 'Cancel'): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const buttons = Array.from(document.querySelectorAll<HTMLButtonElement>('mat-dialog-container button'));
    buttons.find((b) => b.textContent?.trim() === choice)!.click();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  it('lists one row per device, browser and system in words, with "This device" on the current one', () => {
    expect(rows()).toHaveLength(2);
    expect(rows()[0].textContent).toContain('Firefox on Linux');
    expect(rows()[0].textContent).toContain('This device');
    expect(rows()[0].textContent).toContain('Now');
    expect(rows()[0].textContent).toContain('10.0.0.5');
    expect(rows()[0].textContent).not.toContain('Mozilla');
    expect(rows()[1].textContent).toContain('Safari on iOS');
    expect(rows()[1].textContent).not.toContain('This device');
    const headers = Array.from(element.querySelectorAll('th')).map((th) => th.textContent?.trim());
    expect(headers).toEqual(['Device', 'Last active', 'Address', 'Actions']);
  });

  it('scrolls the table inside its own box, so a phone never scrolls the whole page sideways', () => {
    expect(element.querySelector('table')!.parentElement!.classList).toContain('scroll');
  });

  it('signs out another device after confirming, then lists the rest', async () => {
    rows()[1].querySelector('button')!.click();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(dialogText()).toContain('Sign out on Safari on iOS (192.0.2.7)?');
    await answerDialog('Sign out');
    const request = backend.expectOne('/api/me/sessions/s-other');
    expect(request.request.method).toBe('DELETE');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await new Promise((resolve) => setTimeout(resolve));
    await answerSessions([sessions[0]]);
    expect(element.querySelector('[role=status]')?.textContent).toContain('Signed out on Safari on iOS.');
    expect(rows()).toHaveLength(1);
  });

  it('does nothing when the user cancels', async () => {
    rows()[1].querySelector('button')!.click();
    await answerDialog('Cancel');
    await settle();
    backend.expectNone('/api/me/sessions/s-other');
    expect(rows()).toHaveLength(2);
  });

  it('signs out when this device is signed out', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    rows()[0].querySelector('button')!.click();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(dialogText()).toContain('You will be signed out here');
    await answerDialog('Sign out');
    backend.expectOne('/api/me/sessions/s-here').flush(null, { status: 204, statusText: 'No Content' });
    await new Promise((resolve) => setTimeout(resolve));
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { reason: 'session-ended' } });
    backend.expectNone('/api/auth/logout');
  });

  it('signs out everywhere else in one step, keeping this device', async () => {
    const button = Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Sign out everywhere else')!;
    button.click();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(dialogText()).toContain('You stay signed in here.');
    await answerDialog('Sign out everywhere else');
    const request = backend.expectOne('/api/me/sessions/end-others');
    expect(request.request.method).toBe('POST');
    request.flush({ ended: 1 });
    await new Promise((resolve) => setTimeout(resolve));
    await answerSessions([sessions[0]]);
    expect(element.querySelector('[role=status]')?.textContent).toContain('Signed out of 1 other session.');
    expect(rows()).toHaveLength(1);
    expect(Array.from(element.querySelectorAll('button')).some((b) => b.textContent?.includes('everywhere else'))).toBe(false);
  });
});

describe('devicesOf', () => {
  const at = (id: string, agent: string, lastRefreshedAt: string, current = false): MySession => ({
    id, createdAt: lastRefreshedAt, lastRefreshedAt, expiresAt: '2026-11-23T00:00:00Z', clientAddress: null, userAgent: agent, current,
  });

  it('makes one row of the sessions one browser opened, this device first, then the most recently active', () => {
    const firefox = sessions[0].userAgent!;
    const rows = devicesOf([
      at('a', 'Agent/1 (Windows) Chrome/130', '2026-11-22T08:00:00Z'),
      at('b', firefox, '2026-11-22T07:00:00Z', true),
      at('c', firefox, '2026-11-22T09:00:00Z'),
      at('d', 'Agent/1 (Windows) Chrome/130', '2026-11-21T08:00:00Z'),
    ]);
    expect(rows.map((r) => [r.device, r.sessions.map((s) => s.id), r.current])).toEqual([
      ['Firefox on Linux', ['b', 'c'], true],
      ['Chrome on Windows', ['a', 'd'], false],
    ]);
    expect(rows[0].lastActive).toBe('2026-11-22T09:00:00Z');
  });

  it('keeps the last ten devices', () => {
    const many = Array.from({ length: 12 }, (_, i) => at(`s${i}`, `Agent/${i}`, `2026-11-${String(10 + i).padStart(2, '0')}T08:00:00Z`));
    const rows = devicesOf(many);
    expect(rows).toHaveLength(10);
    expect(rows[0].key).toBe('Agent/11');
    expect(rows.map((r) => r.key)).not.toContain('Agent/0');
  });
});
