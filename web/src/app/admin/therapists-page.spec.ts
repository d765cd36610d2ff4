import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { of } from 'rxjs';
import { Paged, Therapist } from '../core/api/api-types';
import { ConfirmDialog } from '../shared/ui/confirm-dialog';
import { TherapistsPage } from './therapists-page';

const therapist: Therapist = {
  id: 't1',
  firstName: 'Robin',
  lastName: 'Hale',
  displayName: 'Robin Hale',
  email: 'robin@example.test',
  status: 'active',
  mfaEnabled: false,
  createdAt: '2026-10-01T09:00:00Z',
  supervisor: false,
};
const list = (items: Therapist[]): Paged<Therapist> => ({ items, page: 1, pageSize: 25, total: items.length });

describe('TherapistsPage', () => {
  it('asks in a dialog before deactivating, and deactivates only when the admin confirms', async () => {
    const answers = [false, true];
    const open = vi.fn(() => ({ afterClosed: () => of(answers.shift()) }));
    TestBed.configureTestingModule({
      imports: [TherapistsPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: MatDialog, useValue: { open } }],
    });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(TherapistsPage);
    const element: HTMLElement = fixture.nativeElement;
    fixture.detectChanges();
    TestBed.tick();
    backend.expectOne((r) => r.url === '/api/admin/therapists').flush(list([therapist]));
    await fixture.whenStable();
    const deactivate = () =>
      Array.from(element.querySelectorAll<HTMLButtonElement>('td button')).find((b) => b.textContent?.includes('Deactivate'))!;

    deactivate().click();
    await fixture.whenStable();
    expect((open.mock.calls[0] as unknown[])[0]).toBe(ConfirmDialog);
    expect((open.mock.calls[0] as unknown[])[1]).toMatchObject({
      data: { title: 'Deactivate Robin Hale?', confirm: 'Deactivate' },
    });
    backend.expectNone('/api/admin/therapists/t1/deactivate');

    deactivate().click();
    await fixture.whenStable();
    backend.expectOne({ method: 'POST', url: '/api/admin/therapists/t1/deactivate' }).flush(null);
    await fixture.whenStable();
    TestBed.tick();
    backend.expectOne((r) => r.url === '/api/admin/therapists').flush(list([{ ...therapist, status: 'deactivated' }]));
    await fixture.whenStable();
    expect(element.querySelector('[role=status]')?.textContent).toContain('Robin Hale was deactivated.');
    backend.verify();
  });
});
