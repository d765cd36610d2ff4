import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { Role } from '../api/api-types';
import { AuthStore } from '../auth/auth-store';
import { IdleLogout } from '../auth/idle-logout';
import { MessageActivity } from '../../messages/message-activity';
import { AppShell, currentNavPath } from './app-shell';

@Component({ template: '' })
class Blank {}

describe('AppShell', () => {
  let fixture: ComponentFixture<AppShell>;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [AppShell],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([{ path: 'portal', component: Blank, children: [{ path: '', component: Blank }, { path: '**', component: Blank }] }]), { provide: MessageActivity, useValue: activity }],
    });
    activity.started = null;
    activity.unread.set(0);
  });

  const activity = {
    started: null as string | null,
    unread: signal(0),
    start(role: string) { this.started = role; },
    stop() { this.started = null; },
  };

  afterEach(() => TestBed.inject(IdleLogout).stop());

  async function render(role?: Role, mfaEnrolmentRequired = false): Promise<HTMLElement> {
    if (role) {
      const login = TestBed.inject(AuthStore).login('x@clinic.test', 'pw');
      TestBed.inject(HttpTestingController)
        .expectOne('/api/auth/login')
        .flush({ accessToken: 't', expiresIn: 600, user: { id: 'u', role, displayName: 'Someone' }, mfaEnrolmentRequired });
      await login;
    }
    fixture = TestBed.createComponent(AppShell);
    await fixture.whenStable();
    return fixture.nativeElement;
  }

  const navLinks = (element: HTMLElement) =>
    Array.from(element.querySelectorAll('nav a')).map((a) => [a.textContent?.trim(), a.getAttribute('href')]);

  it('shows no navigation when signed out', async () => {
    const element = await render();
    expect(element.querySelector('nav')).toBeNull();
    expect(element.textContent).not.toContain('Sign out');
  });

  it.each([
    ['therapist', [['Caseload', '/dashboard'], ['All couples', '/caseload'], ['Calendar', '/calendar'], ['Supervision', '/supervision'], ['Inbox', '/inbox']]],
    ['client', [['My portal', '/portal'], ['Messages', '/portal/messages']]],
    [
      'admin',
      [
        ['Therapists', '/admin/therapists'],
        ['Documents', '/admin/documents'],
        ['Forms', '/admin/forms'],
        ['Audit log', '/admin/audit'],
        ['Email log', '/admin/deliveries'],
        ['Practice', '/admin/practice'],
        ['Retention', '/admin/retention'],
        ['Backups', '/admin/backups'],
      ],
    ],
  ] as const)('shows the %s their own navigation', async (role, links) => {
    const element = await render(role);
    expect(navLinks(element)).toEqual(links);
    expect(element.querySelector('button')?.textContent).toContain('Sign out');
    expect(element.querySelector('a.account')?.getAttribute('href')).toBe('/account');
  });

  it.each([
    ['therapist', 'Inbox'],
    ['client', 'Messages'],
  ] as const)('starts the %s message activity and shows its unread count beside %s', async (role, label) => {
    const element = await render(role);
    expect(activity.started).toBe(role);
    activity.unread.set(3);
    await fixture.whenStable();
    const link = Array.from(element.querySelectorAll('nav a')).find((a) => a.textContent?.includes(label))!;
    expect(link.querySelector('.unread-badge')?.textContent?.trim()).toBe('3 unread');
  });

  it('starts no message activity for an admin', async () => {
    await render('admin');
    expect(activity.started).toBeNull();
    expect(TestBed.inject(HttpTestingController).match('/api/inbox')).toEqual([]);
  });

  it('shows a session limited to two-step enrolment no navigation, only signing out', async () => {
    const element = await render('therapist', true);
    expect(element.querySelector('nav')).toBeNull();
    expect(element.querySelector('a.account')).toBeNull();
    expect(element.querySelector('a.brand')?.getAttribute('href')).toBe('/account/two-step-setup');
    expect(element.querySelector('button')?.textContent).toContain('Sign out');
  });

  it('shows the idle warning with a focused "Stay signed in" button', async () => {
    const element = await render('therapist');
    const idle = TestBed.inject(IdleLogout);
    (idle.warningVisible as unknown as { set(v: boolean): void }).set(true);
    await fixture.whenStable();

    const dialog = element.querySelector('[role=alertdialog]') as HTMLElement;
    expect(dialog.textContent).toContain('You will be signed out in 60 s');
    const stay = dialog.querySelector('button') as HTMLButtonElement;
    expect(stay.textContent).toContain('Stay signed in');
    expect(document.activeElement).toBe(stay);

    stay.click();
    await fixture.whenStable();
    expect(element.querySelector('[role=alertdialog]')).toBeNull();
  });

  it.each([
    ['/portal', 'My portal'],
    ['/portal/messages', 'Messages'],
    ['/portal/plan', 'My portal'],
  ])('marks one link current on %s: %s', async (url, label) => {
    const element = await render('client');
    await TestBed.inject(Router).navigateByUrl(url);
    await fixture.whenStable();
    const current = Array.from(element.querySelectorAll('nav a[aria-current="page"]')).map((a) => a.textContent?.trim());
    expect(current).toEqual([label]);
    expect(Array.from(element.querySelectorAll('nav a.active')).map((a) => a.textContent?.trim())).toEqual([label]);
  });

  it('takes the most specific link for a URL, ignoring query and fragment, and none for an unrelated one', () => {
    const links = [{ path: '/portal', label: 'My portal' }, { path: '/portal/messages', label: 'Messages' }];
    expect(currentNavPath(links, '/portal/messages?thread=t1')).toBe('/portal/messages');
    expect(currentNavPath(links, '/portal/messages-old')).toBe('/portal');
    expect(currentNavPath(links, '/portal#top')).toBe('/portal');
    expect(currentNavPath(links, '/portals')).toBeNull();
    expect(currentNavPath(links, '/account')).toBeNull();
  });
});
