import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthStore } from './auth-store';
import { DraftStore } from './draft-store';

describe('DraftStore', () => {
  let drafts: DraftStore;
  let auth: AuthStore;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    drafts = TestBed.inject(DraftStore);
    auth = TestBed.inject(AuthStore);
    const login = auth.login('ada@clinic.test', 'pw');
    TestBed.inject(HttpTestingController)
      .expectOne('/api/auth/login')
      .flush({ accessToken: 'secret-token', expiresIn: 600, user: { id: 'u1', role: 'therapist', displayName: 'Ada' } });
    await login;
  });

  it('saves registered drafts for the same user only, and never the token', () => {
    let note = 'Partner A named the cycle.';
    drafts.register('/sessions/1', () => note);
    note = 'Partner A named the cycle. Partner B softened.';
    drafts.saveAll();

    expect(drafts.peek('/sessions/1')?.text).toBe('Partner A named the cycle. Partner B softened.');
    expect(JSON.stringify({ ...localStorage })).not.toContain('secret-token');

    auth.clearSession();
    expect(drafts.peek('/sessions/1')).toBeNull();
  });

  it('skips empty drafts and forgets unregistered and discarded ones', () => {
    const unregister = drafts.register('/a', () => 'text');
    drafts.register('/b', () => '   ');
    unregister();
    drafts.saveAll();
    expect(drafts.peek('/a')).toBeNull();
    expect(drafts.peek('/b')).toBeNull();

    drafts.register('/c', () => 'kept');
    drafts.saveAll();
    drafts.discard('/c');
    expect(drafts.peek('/c')).toBeNull();
  });
});
