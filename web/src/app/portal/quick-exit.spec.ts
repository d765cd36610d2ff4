import { DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { AuthStore } from '../core/auth/auth-store';
import { QUICK_EXIT_URL, QuickExit } from './quick-exit';

describe('QuickExit', () => {
  it('forgets the session, tells the server and replaces the location', () => {
    const replace = vi.fn();
    const clearSession = vi.fn();
    const fetchSpy = vi.fn().mockResolvedValue(new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchSpy);
    TestBed.configureTestingModule({
      providers: [
        { provide: AuthStore, useValue: { accessToken: () => 'tok', clearSession } },
        { provide: DOCUMENT, useValue: { location: { replace } } },
      ],
    });

    TestBed.inject(QuickExit).leave();

    expect(clearSession).toHaveBeenCalled();
    expect(fetchSpy).toHaveBeenCalledWith(
      '/api/auth/logout',
      expect.objectContaining({ method: 'POST', keepalive: true, headers: { Authorization: 'Bearer tok' } }),
    );
    expect(replace).toHaveBeenCalledWith(QUICK_EXIT_URL);
    vi.unstubAllGlobals();
  });
});
