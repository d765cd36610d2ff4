import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { of } from 'rxjs';
import { Partner } from '../core/api/api-types';
import { Assignment, Exercise } from '../core/api/homework-types';
import { ConfirmDialog, ConfirmDialogData } from '../shared/ui/confirm-dialog';
import { buildAssignForm, HomeworkPanel } from './homework-panel';

const partners = [
  { id: 'pa', label: 'partner_a', firstName: 'Alex' },
  { id: 'pb', label: 'partner_b', firstName: 'Sam' },
] as Partner[];

const exercise = {
  code: 'taking-turns',
  title: 'Taking turns',
  rationale: 'Builds the habit of alternating needing and supporting.',
  suggestedPerWeek: 2,
} as Exercise;

describe('HomeworkPanel', () => {
  it('asks to confirm joint work when the safety gate answers 409, then resends with the confirmation', async () => {
    const open = vi.fn().mockReturnValue({ afterClosed: () => of(true) });
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: MatDialog, useValue: { open } }],
    });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(HomeworkPanel);
    fixture.componentRef.setInput('coupleId', 'c1');
    fixture.componentRef.setInput('partners', partners);
    fixture.detectChanges();
    backend.expectOne('/api/exercises').flush([exercise]);
    backend.expectOne((r) => r.url === '/api/couples/c1/homework').flush({ items: [], page: 1, pageSize: 100, total: 0 });
    await fixture.whenStable();

    const panel = fixture.componentInstance as unknown as { form: ReturnType<typeof buildAssignForm>; assign: () => Promise<void> };
    panel.form.patchValue({ exerciseCode: 'taking-turns', assignedTo: 'both' });
    expect(panel.form.controls.targetPerWeek.value).toBe(2); // the catalogue's suggestion
    const done = panel.assign();

    const first = backend.expectOne({ method: 'POST', url: '/api/couples/c1/homework' });
    expect(first.request.body.confirmSafety).toBeUndefined();
    first.flush(
      { title: 'Conflict', status: 409, detail: 'A safety concern is open.', requiresSafetyConfirmation: true },
      { status: 409, statusText: 'Conflict' },
    );
    await new Promise((resolve) => setTimeout(resolve));
    expect(open).toHaveBeenCalledTimes(1);
    expect(open.mock.calls[0][0]).toBe(ConfirmDialog);
    const question = open.mock.calls[0][1].data as ConfirmDialogData;
    expect(question.paragraphs[0]).toContain('“Taking turns” for both partners');
    expect(question.paragraphs).toContain('A safety concern is open.');
    expect(question.confirm).toBe('I have considered safety — assign to both');

    const second = backend.expectOne({ method: 'POST', url: '/api/couples/c1/homework' });
    expect(second.request.body).toMatchObject({ exerciseCode: 'taking-turns', assignedTo: 'both', targetPerWeek: 2, confirmSafety: true });
    second.flush({ id: 'h1', exerciseTitle: 'Taking turns', assignedTo: 'both' });
    await done;
    backend.match(() => true); // list and safety reloads
    backend.verify();
  });

  it('sends nothing more when the therapist does not confirm joint work', async () => {
    const open = vi.fn().mockReturnValue({ afterClosed: () => of(false) });
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: MatDialog, useValue: { open } }],
    });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(HomeworkPanel);
    fixture.componentRef.setInput('coupleId', 'c1');
    fixture.componentRef.setInput('partners', partners);
    fixture.detectChanges();
    backend.match(() => true);
    const panel = fixture.componentInstance as unknown as { form: ReturnType<typeof buildAssignForm>; assign: () => Promise<void> };
    panel.form.patchValue({ exerciseCode: 'taking-turns', assignedTo: 'both' });
    const done = panel.assign();
    backend
      .expectOne({ method: 'POST', url: '/api/couples/c1/homework' })
      .flush(
        { title: 'Conflict', status: 409, detail: 'A safety concern is open.', requiresSafetyConfirmation: true },
        { status: 409, statusText: 'Conflict' },
      );
    await done;
    fixture.detectChanges();

    expect(open).toHaveBeenCalledTimes(1);
    backend.expectNone({ method: 'POST', url: '/api/couples/c1/homework' });
    expect(fixture.nativeElement.textContent).toContain('Not assigned.');
  });

  it('treats a 409 without the safety marker as an ordinary conflict, without a dialog', async () => {
    const open = vi.fn();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: MatDialog, useValue: { open } }],
    });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(HomeworkPanel);
    fixture.componentRef.setInput('coupleId', 'c1');
    fixture.componentRef.setInput('partners', partners);
    fixture.detectChanges();
    backend.match(() => true);
    const panel = fixture.componentInstance as unknown as { form: ReturnType<typeof buildAssignForm>; assign: () => Promise<void> };
    panel.form.patchValue({ exerciseCode: 'taking-turns', assignedTo: 'partner_a' });
    const done = panel.assign();
    backend
      .expectOne({ method: 'POST', url: '/api/couples/c1/homework' })
      .flush({ title: 'Conflict', status: 409, detail: 'This couple is closed.' }, { status: 409, statusText: 'Conflict' });
    await done;
    expect(open).not.toHaveBeenCalled();
  });

  it('marks overdue the homework the API says is overdue, and only that', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(HomeworkPanel);
    fixture.componentRef.setInput('coupleId', 'c1');
    fixture.componentRef.setInput('partners', partners);
    fixture.detectChanges();
    backend.expectOne('/api/exercises').flush([exercise]);
    const assignment = (id: string, exerciseTitle: string, overdue: boolean): Assignment => ({
      id, coupleId: 'c1', exerciseCode: 'taking-turns', exerciseVersion: 1, exerciseTitle, family: 'taking_turns', assignedTo: 'both',
      startsOn: '2026-11-02', dueOn: '2026-11-16', targetPerWeek: 2, note: '', status: 'active', sessionId: null,
      createdAt: '2026-11-02T09:00:00Z', version: 1, entryCounts: { total: 0, shared: 0, private: 0, withdrawn: 0 }, adherence: [],
      turnBalance: null, overdue,
    });
    backend.expectOne((r) => r.url === '/api/couples/c1/homework')
      .flush({ items: [assignment('h1', 'Late one', true), assignment('h2', 'On time', false)], page: 1, pageSize: 100, total: 2 });
    await fixture.whenStable();
    fixture.detectChanges();

    const items = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('ul.assignments > li'));
    expect(items.map((li) => li.querySelector('.overdue') !== null)).toEqual([true, false]);
    expect(items[0].textContent).toContain('Overdue: past its due date');
  });
});
