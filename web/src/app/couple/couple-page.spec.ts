import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, input } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { CoupleAppointments } from '../appointments/couple-appointments';
import { CoupleAssessments } from '../assessments/couple-assessments';
import { Couple, Partner } from '../core/api/api-types';
import { HomeworkPanel } from '../homework/homework-panel';
import { SafetyBanner } from '../safety/safety-banner';
import { SafetyPanel } from '../safety/safety-panel';
import { CoupleDashboardPanel } from './couple-dashboard/couple-dashboard';
import { CouplePage } from './couple-page';

// The embedded sections load their own data and have their own specs; here they are placeholders.
@Component({ selector: 'app-safety-banner', template: '' })
class SafetyBannerStub {
  readonly coupleId = input<string>();
}
@Component({ selector: 'app-safety-panel', template: '' })
class SafetyPanelStub {
  readonly coupleId = input<string>();
  readonly partners = input<Partner[]>();
}
@Component({ selector: 'app-couple-assessments', template: '' })
class CoupleAssessmentsStub {
  readonly coupleId = input<string>();
  readonly partners = input<Partner[]>();
}
@Component({ selector: 'app-homework-panel', template: '' })
class HomeworkPanelStub {
  readonly coupleId = input<string>();
  readonly partners = input<Partner[]>();
}
@Component({ selector: 'app-couple-dashboard', template: '' })
class CoupleDashboardStub {
  readonly coupleId = input<string>();
}
@Component({ selector: 'app-couple-appointments', template: '' })
class CoupleAppointmentsStub {
  readonly coupleId = input<string>();
  readonly closed = input<boolean>();
}

const couple: Couple = {
  id: 'c1',
  displayName: 'Alex & Sam',
  status: 'active',
  startedOn: '2026-10-01',
  closedOn: null,
  presentingConcerns: 'Arguments about chores',
  goals: 'Name the cycle',
  version: 3,
  partners: [
    { id: 'pa', label: 'partner_a', firstName: 'Alex', lastName: 'Reed', pronouns: 'he/him', email: 'a@x.y', portalStatus: 'none' },
    { id: 'pb', label: 'partner_b', firstName: 'Sam', lastName: 'Reed', pronouns: 'she/her', email: 's@x.y', portalStatus: 'active' },
  ],
};

describe('CouplePage', () => {
  let fixture: ComponentFixture<CouplePage>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [CouplePage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    TestBed.overrideComponent(CouplePage, {
      remove: { imports: [SafetyBanner, SafetyPanel, CoupleAssessments, HomeworkPanel, CoupleDashboardPanel, CoupleAppointments] },
      add: {
        imports: [SafetyBannerStub, SafetyPanelStub, CoupleAssessmentsStub, HomeworkPanelStub, CoupleDashboardStub, CoupleAppointmentsStub],
      },
    });
    await TestBed.compileComponents();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(CouplePage);
    fixture.componentRef.setInput('id', 'c1');
    element = fixture.nativeElement;
    fixture.detectChanges();
    TestBed.tick();
    backend.expectOne('/api/couples/c1').flush(couple);
    backend.expectOne((r) => r.url === '/api/couples/c1/sessions').flush({
      items: [
        { id: 's2', date: '2026-11-16', startTime: '17:00', durationMinutes: 50, format: 'video', attendance: 'both', eftStage: 1, eftStep: 3, signedAt: null },
        { id: 's1', date: '2026-11-09', startTime: '17:00', durationMinutes: 50, format: 'in_person', attendance: 'both', eftStage: 1, eftStep: 2, signedAt: '2026-11-09T18:00:00Z' },
      ],
      page: 1,
      pageSize: 100,
      total: 2,
    });
    await settle();
  });

  afterEach(() => backend.verify());

  it('lists sessions oldest first, with signed state in words', () => {
    const rows = Array.from(element.querySelectorAll('table.sessions tbody tr'));
    expect(rows.map((r) => r.querySelector('a')?.getAttribute('href'))).toEqual(['/sessions/s1', '/sessions/s2']);
    expect(rows[0].textContent).toContain('✓ Signed');
    expect(rows[1].textContent).toContain('Draft');
    expect(element.querySelector('a[href="/couples/c1/sessions/new"]')?.textContent).toContain('New session');
  });

  it('invites a partner to the portal and shows the link with its expiry', async () => {
    const buttons = Array.from(element.querySelectorAll<HTMLButtonElement>('article.partner button'));
    expect(buttons).toHaveLength(1); // Sam already has an active account
    buttons[0].click();

    backend.expectOne({ method: 'POST', url: '/api/couples/c1/partners/pa/invitation' }).flush({
      invitationToken: 'tok/1',
      invitationExpiresAt: '2026-11-25T10:00:00Z',
    });
    // Not whenStable(): the couple reload that follows stays open until flushed below.
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
    backend.expectOne('/api/couples/c1').flush({ ...couple, partners: [{ ...couple.partners[0], portalStatus: 'invited' }, couple.partners[1]] });
    await settle();

    const link = element.querySelector('app-copy-link input') as HTMLInputElement;
    expect(link.value).toBe(`${location.origin}/invite?token=tok%2F1`);
    expect(element.querySelector('app-copy-link')?.textContent).toContain('expires');
    expect(element.querySelector('app-copy-link button')?.textContent).toContain('Copy link');
  });

  it('changes the status with the version it read', async () => {
    const component = fixture.componentInstance as unknown as { statusControl: { setValue(v: string): void } };
    component.statusControl.setValue('paused');
    await settle();
    (element.querySelector('form.status-form') as HTMLFormElement).dispatchEvent(new Event('submit'));

    const request = backend.expectOne({ method: 'PATCH', url: '/api/couples/c1' });
    expect(request.request.body).toEqual({ version: 3, status: 'paused' });
    request.flush({ ...couple, status: 'paused', version: 4 });
    await settle();
    expect(element.textContent).toContain('Status changed to paused.');
  });
});
