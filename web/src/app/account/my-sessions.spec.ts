import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter, Router } from '@angular/router';
import { MySession } from '../core/api/account-types';
import { MySessions } from './my-sessions';

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
  async function answerDialog(choice: 'End session' | 'Cancel'): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const buttons = Array.from(document.querySelectorAll<HTMLButtonElement>('mat-dialog-container button'));
    buttons.find((b) => b.textContent?.trim() === choice)!.click();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  it('lists each session with device, address and a "This device" marker on the current one', () => {
    expect(rows()).toHaveLength(2);
    expect(rows()[0].textContent).toContain('Firefox on Linux');
    expect(rows()[0].textContent).toContain('This device');
    expect(rows()[0].textContent).toContain('10.0.0.5');
    expect(rows()[1].textContent).toContain('Safari on iOS');
    expect(rows()[1].textContent).not.toContain('This device');
    const headers = Array.from(element.querySelectorAll('th')).map((th) => th.textContent?.trim());
    expect(headers).toEqual(['Device', 'Address', 'Signed in', 'Last active', 'Actions']);
  });

  it('scrolls the table inside its own box, so a phone never scrolls the whole page sideways', () => {
    expect(element.querySelector('table')!.parentElement!.classList).toContain('scroll');
  });

  it('ends another session after confirming, then lists the rest', async () => {
    rows()[1].querySelector('button')!.click();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(dialogText()).toContain('End the session on Safari on iOS (192.0.2.7)?');
    await answerDialog('End session');
    const request = backend.expectOne('/api/me/sessions/s-other');
    expect(request.request.method).toBe('DELETE');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await new Promise((resolve) => setTimeout(resolve));
    await answerSessions([sessions[0]]);
    expect(element.querySelector('[role=status]')?.textContent).toContain('The session on Safari on iOS was ended.');
    expect(rows()).toHaveLength(1);
  });

  it('does nothing when the user cancels', async () => {
    rows()[1].querySelector('button')!.click();
    await answerDialog('Cancel');
    await settle();
    backend.expectNone('/api/me/sessions/s-other');
    expect(rows()).toHaveLength(2);
  });

  it('signs out when the current session is ended', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    rows()[0].querySelector('button')!.click();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(dialogText()).toContain('You will be signed out here');
    await answerDialog('End session');
    backend.expectOne('/api/me/sessions/s-here').flush(null, { status: 204, statusText: 'No Content' });
    await new Promise((resolve) => setTimeout(resolve));
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { reason: 'session-ended' } });
    backend.expectNone('/api/auth/logout');
  });
});
