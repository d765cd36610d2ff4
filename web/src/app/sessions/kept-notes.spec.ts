import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { KeptNotes } from './kept-notes';

describe('KeptNotes', () => {
  async function render(drafts: unknown[]) {
    TestBed.configureTestingModule({
      imports: [KeptNotes],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const fixture = TestBed.createComponent(KeptNotes);
    fixture.detectChanges();
    TestBed.inject(HttpTestingController).expectOne('/api/me/session-drafts').flush(drafts);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('lists each kept note with a link to its session form', async () => {
    const element = await render([
      { id: 'd1', coupleId: 'c1', coupleName: 'Alex & Sam', sessionId: null, note: 'x', savedAt: '2026-11-20T10:00:00Z', expiresAt: '2026-11-27T10:00:00Z' },
      { id: 'd2', coupleId: 'c2', coupleName: 'Jo & Kim', sessionId: 's7', note: 'y', savedAt: '2026-11-21T10:00:00Z', expiresAt: '2026-11-28T10:00:00Z' },
    ]);

    expect(element.querySelector('h2')?.textContent).toContain('Unsaved session notes kept for you');
    const links = Array.from(element.querySelectorAll('a')).map((a) => [a.textContent?.trim(), a.getAttribute('href')]);
    expect(links).toEqual([
      ['Alex & Sam: a new session', '/couples/c1/sessions/new'],
      ['Jo & Kim: a recorded session', '/sessions/s7'],
    ]);
    expect(element.textContent).not.toContain('x\n');
  });

  it('shows nothing when no note is kept', async () => {
    const element = await render([]);
    expect(element.querySelector('section')).toBeNull();
  });
});
