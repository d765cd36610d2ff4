import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { CoupleWorkspace } from './couple-workspace';
import { couple } from './workspace-fixture';

@Component({ template: '<h2>section</h2>' })
class SectionStub {}

describe('CoupleWorkspace', () => {
  it('offers every section as a link with its own URL, the current one marked, and loads the couple once', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'couples/:id', component: CoupleWorkspace, children: [{ path: '', component: SectionStub }, { path: '**', component: SectionStub }] },
        ], withComponentInputBinding()),
      ],
    });
    const backend = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    const navigation = harness.navigateByUrl('/couples/c1/cycle-map');
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
    backend.expectOne('/api/couples/c1').flush(couple);
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
    backend.match(() => true).forEach((r) => r.flush({ coupleId: 'c1', summary: { hasOpenFlag: false, jointSessionsPaused: false, needsJointConfirmation: false }, flags: [], checks: [], riskRecords: [] }));
    await navigation;
    harness.detectChanges();
    const element: HTMLElement = harness.routeNativeElement!;

    expect(element.querySelector('h1')?.textContent).toBe('Alex & Sam');
    const nav = element.querySelector('nav[aria-label="Couple sections"]')!;
    const links = Array.from(nav.querySelectorAll('a')).map((a) => [a.textContent?.trim(), a.getAttribute('href'), a.getAttribute('role')]);
    expect(links).toEqual([
      ['Overview', '/couples/c1', null],
      ['Appointments', '/couples/c1/appointments', null],
      ['Sessions', '/couples/c1/sessions', null],
      ['Plan', '/couples/c1/plan', null],
      ['Cycle map', '/couples/c1/cycle-map', null],
      ['Homework', '/couples/c1/homework', null],
      ['Assessments', '/couples/c1/assessments', null],
      ['Agreements', '/couples/c1/agreements', null],
      ['Intake', '/couples/c1/intake', null],
      ['Messages', '/couples/c1/messages', null],
      ['Safety', '/couples/c1/safety', null],
      ['Progress', '/couples/c1/progress', null],
      ['Conceptualisation', '/couples/c1/conceptualisation', null],
    ]);
    expect(nav.querySelector('a[aria-current="page"]')?.textContent?.trim()).toBe('Cycle map');
    backend.verify();
  });
});
