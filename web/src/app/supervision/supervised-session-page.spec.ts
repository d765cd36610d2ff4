import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { awaiting, couple, supervisedCouple } from './supervision-fixture';
import { SupervisedSessionPage } from './supervised-session-page';

describe('SupervisedSessionPage', () => {
  let fixture: ComponentFixture<SupervisedSessionPage>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  // Not whenStable: it would wait on the page's other reads, which each test flushes itself.
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
    TestBed.tick();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [SupervisedSessionPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SupervisedSessionPage);
    fixture.componentRef.setInput('sessionId', 's1');
    element = fixture.nativeElement;
    await settle();
    backend.expectOne('/api/sessions/s1').flush(awaiting);
    await settle();
    backend.expectOne('/api/couples/c1').flush(couple);
    backend.expectOne('/api/supervision/couples').flush([supervisedCouple]);
    await settle();
    backend.expectOne('/api/sessions/s1/supervision-comments').flush([
      { id: 'k1', sessionId: 's1', authorId: 't1', authorName: 'Tom Trainee', authorRole: 'supervisee', text: 'Unsure about step 2.', createdAt: '2026-11-09T19:00:00Z' },
    ]);
    await settle();
  });

  afterEach(() => backend.verify());

  it('is marked read-only with the supervisee named, and offers no way to amend', () => {
    expect(element.querySelector('[role="note"]')?.textContent).toContain('Read-only — supervising Tom Trainee');
    expect(Array.from(element.querySelectorAll('button')).map((b) => b.textContent?.trim())).not.toContain('Amend');
    expect(element.textContent).toContain('Awaiting the supervisor\'s co-signature.');
    expect(element.textContent).toContain('Unsure about step 2.');
  });

  it('co-signs from the version read and shows who co-signed', async () => {
    Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Co-sign')!.click();
    const request = backend.expectOne('/api/sessions/s1/cosign');
    expect(request.request.body).toEqual({ version: 7 });
    request.flush({ ...awaiting, version: 8, coSignature: { status: 'cosigned', by: 'Ada Moss', byId: 'u2', at: '2026-11-10T09:00:00Z' } });
    await settle();

    expect(element.textContent).toContain('Co-signed by Ada Moss');
    expect(Array.from(element.querySelectorAll('button')).map((b) => b.textContent?.trim())).not.toContain('Co-sign');
  });

  it('adds a comment with an Idempotency-Key and shows it in the thread', async () => {
    const box = element.querySelector('textarea') as HTMLTextAreaElement;
    box.value = 'Slow down at step 2.';
    box.dispatchEvent(new Event('input'));
    Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Add comment')!.click();
    const request = backend.expectOne('/api/sessions/s1/supervision-comments');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ text: 'Slow down at step 2.' });
    expect(request.request.headers.get('Idempotency-Key')).toBeTruthy();
    request.flush({ id: 'k2', sessionId: 's1', authorId: 'u2', authorName: 'Ada Moss', authorRole: 'supervisor', text: 'Slow down at step 2.', createdAt: '2026-11-10T09:00:00Z' });
    await settle();

    expect(element.querySelectorAll('.thread li').length).toBe(2);
    expect(element.textContent).toContain('Comment added.');
  });
});
