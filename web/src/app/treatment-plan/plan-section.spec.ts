import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { CoupleContext } from '../couple/workspace/couple-context';
import { couple } from '../couple/workspace/workspace-fixture';
import { TreatmentPlan } from '../core/api/plan-types';
import { planFixture } from './plan-fixture';
import { PlanSection } from './plan-section';

describe('PlanSection', () => {
  let fixture: ComponentFixture<PlanSection>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    fixture.detectChanges();
  };

  async function load(plan: TreatmentPlan) {
    TestBed.inject(CoupleContext).id.set('c1');
    fixture = TestBed.createComponent(PlanSection);
    element = fixture.nativeElement;
    fixture.detectChanges();
    TestBed.tick();
    backend.expectOne('/api/couples/c1').flush(couple);
    backend.expectOne('/api/couples/c1/treatment-plan').flush(plan);
    backend.expectOne('/api/couples/c1/treatment-plan/reviews').flush([]);
    await settle();
  }

  const button = (name: string) =>
    Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === name) as HTMLButtonElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [PlanSection],
      providers: [provideHttpClient(), provideHttpClientTesting(), CoupleContext],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('shows each goal with its measure, value, "target reached on …" or no evidence yet, and a sparkline', async () => {
    await load(planFixture());

    const goals = Array.from(element.querySelectorAll('li.goal'));
    expect(goals[0].textContent).toContain('CSI-4 total ≥ 14 (Sam)');
    expect(goals[0].textContent).toContain('Now: 16');
    expect(goals[0].textContent).toContain('Target reached on 1 Dec 2026');
    expect(goals[0].querySelector('svg[role="img"]')?.getAttribute('aria-label')).toBe('2 values from 10 on 1 Nov 2026 to 16 on 1 Dec 2026');
    expect(goals[1].textContent).toContain('Alex');
    expect(goals[1].textContent).toContain('No evidence yet: the cycle needs 3 sessions with a rating.');
    expect(element.textContent).toContain('Sam agreed to version 1 on 2 Nov 2026');
    expect(element.textContent).toContain('next review by 13 Dec 2026');
    expect(element.textContent).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('confirms a reached target as met by saving the plan with that goal met', async () => {
    await load(planFixture());

    button('Confirm the goal is met').click();
    const request = backend.expectOne({ method: 'PUT', url: '/api/couples/c1/treatment-plan' });
    expect(request.request.body.version).toBe(2);
    expect(request.request.body.goals.map((g: { id: string; status: string }) => [g.id, g.status])).toEqual([['g1', 'met'], ['g2', 'active']]);
    request.flush(planFixture({ version: 3, goals: [{ ...planFixture().goals[0], status: 'met' }, planFixture().goals[1]] }));
    await settle();
    expect(element.textContent).toContain('marked met (version 3)');
    expect(button('Confirm the goal is met')).toBeUndefined();
  });

  it('writes a first plan from an empty one, and records a review', async () => {
    await load(planFixture({ version: 0, goals: [], problemStatements: [], agreements: [], savedAt: null, savedByName: null, reviewDueOn: null }));
    expect(element.textContent).toContain('No treatment plan yet');

    button('Write the plan').click();
    fixture.detectChanges();
    TestBed.tick();
    backend.expectOne('/api/instruments').flush([]);
    await settle();
    const statement = element.querySelector('textarea[formcontrolname="statement"]') as HTMLTextAreaElement;
    statement.value = 'Name the cycle together';
    statement.dispatchEvent(new Event('input'));
    (element.querySelector('form.editor') as HTMLFormElement).dispatchEvent(new Event('submit'));
    const save = backend.expectOne({ method: 'PUT', url: '/api/couples/c1/treatment-plan' });
    expect(save.request.body).toEqual({
      version: 0, problemStatements: [], reviewEvery: 6,
      goals: [{ id: null, owner: 'couple', statement: 'Name the cycle together', targetDate: null, status: 'active', interventions: [], measure: null }],
    });
    save.flush(planFixture({ version: 1, goals: [], agreements: [] }));
    await settle();
    expect(element.textContent).toContain('Plan saved as version 1.');

    const summary = element.querySelector('form.review textarea') as HTMLTextAreaElement;
    summary.value = 'On track';
    summary.dispatchEvent(new Event('input'));
    (element.querySelector('form.review') as HTMLFormElement).dispatchEvent(new Event('submit'));
    const review = backend.expectOne({ method: 'POST', url: '/api/couples/c1/treatment-plan/reviews' });
    expect(review.request.body).toEqual({ summary: 'On track', changes: '' });
    review.flush({ id: 'r1', planVersion: 1, reviewedOn: '2026-12-07', reviewedAt: '2026-12-07T10:00:00Z', reviewedByName: 'Ada Moss', summary: 'On track', changes: '' });
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
    backend.expectOne('/api/couples/c1/treatment-plan/reviews').flush([]);
    backend.expectOne('/api/couples/c1/treatment-plan').flush(planFixture({ version: 1 }));
    await settle();
    expect(element.textContent).toContain('Review recorded.');
  });
});
