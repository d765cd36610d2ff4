import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { DraftStore, KeptDraft, removeLegacyLocalDrafts } from './draft-store';

const kept = (over: Partial<KeptDraft> = {}): KeptDraft => ({
  id: 'd1', coupleId: 'c1', coupleName: 'Alex & Sam', sessionId: null, note: 'Named the cycle.',
  savedAt: '2026-11-20T10:00:00Z', expiresAt: '2026-11-27T10:00:00Z', ...over,
});

describe('DraftStore', () => {
  let drafts: DraftStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    drafts = TestBed.inject(DraftStore);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('keeps a note on the server, never in the browser', async () => {
    const saved = drafts.save({ coupleId: 'c1', sessionId: 's1' }, 'Partner A named the cycle.');
    const request = backend.expectOne('/api/me/session-drafts');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({ coupleId: 'c1', sessionId: 's1', note: 'Partner A named the cycle.' });
    request.flush(kept({ sessionId: 's1', note: 'Partner A named the cycle.' }));
    await saved;

    expect(JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })).not.toContain('named the cycle');
  });

  it('saves every registered form with unsaved text, and only those', async () => {
    drafts.register({ coupleId: 'c1', sessionId: null }, () => 'New session note');
    drafts.register({ coupleId: 'c2', sessionId: 's9' }, () => null);
    const gone = drafts.register({ coupleId: 'c3', sessionId: null }, () => 'unregistered');
    gone();

    const all = drafts.saveAll();
    const requests = backend.match('/api/me/session-drafts');
    expect(requests.map((r) => r.request.body.coupleId)).toEqual(['c1']);
    requests[0].flush(kept());
    await all;
  });

  it('finds the kept note of what is being edited, and discards it by its id', async () => {
    const found = drafts.find({ coupleId: 'c1', sessionId: 's1' });
    backend.expectOne('/api/me/session-drafts').flush([kept(), kept({ id: 'd2', sessionId: 's1', note: 'Revision' })]);
    expect((await found)?.note).toBe('Revision');

    const discarded = drafts.discard({ coupleId: 'c1', sessionId: 's1' });
    const request = backend.expectOne('/api/me/session-drafts/d2');
    expect(request.request.method).toBe('DELETE');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await discarded;

    await drafts.discard({ coupleId: 'c9', sessionId: null });
    backend.expectNone(() => true);
  });

  it('removes notes an earlier version left in localStorage, and nothing else', () => {
    localStorage.setItem('clinic.draft.u1./couples/c1/sessions/new', JSON.stringify({ text: 'private', savedAt: 'x' }));
    localStorage.setItem('unrelated', 'stays');

    removeLegacyLocalDrafts();

    expect(Object.keys(localStorage)).toEqual(['unrelated']);
  });
});
