import { TestBed } from '@angular/core/testing';
import { AuthStore } from './auth-store';
import { DraftStore } from './draft-store';
import { IdleLogout } from './idle-logout';

const MINUTE = 60_000;

describe('IdleLogout', () => {
  let idle: IdleLogout;
  let logout: ReturnType<typeof vi.fn>;
  let saveAll: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    vi.useFakeTimers();
    logout = vi.fn().mockResolvedValue(undefined);
    saveAll = vi.fn().mockResolvedValue(undefined);
    TestBed.configureTestingModule({
      providers: [
        { provide: AuthStore, useValue: { logout } },
        { provide: DraftStore, useValue: { saveAll } },
      ],
    });
    idle = TestBed.inject(IdleLogout);
    idle.start();
  });

  afterEach(() => {
    // Real timers first, so a failure here cannot leak fake timers into other spec files.
    vi.useRealTimers();
    idle.stop();
  });

  it('warns at 14 minutes without activity', () => {
    vi.advanceTimersByTime(14 * MINUTE - 1);
    expect(idle.warningVisible()).toBe(false);
    vi.advanceTimersByTime(1);
    expect(idle.warningVisible()).toBe(true);
    expect(idle.secondsLeft()).toBe(60);
    vi.advanceTimersByTime(15_000);
    expect(idle.secondsLeft()).toBe(45);
    expect(logout).not.toHaveBeenCalled();
  });

  it('keeps drafts and signs out at 15 minutes', async () => {
    vi.advanceTimersByTime(15 * MINUTE - 1);
    expect(logout).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(saveAll).toHaveBeenCalledTimes(1);
    expect(logout).toHaveBeenCalledWith('idle');
    expect(saveAll.mock.invocationCallOrder[0]).toBeLessThan(logout.mock.invocationCallOrder[0]);
    expect(idle.warningVisible()).toBe(false);
  });

  it('starts the 15 minutes again on user activity', async () => {
    vi.advanceTimersByTime(10 * MINUTE);
    document.dispatchEvent(new KeyboardEvent('keydown'));
    vi.advanceTimersByTime(14 * MINUTE - 1);
    expect(idle.warningVisible()).toBe(false);
    await vi.advanceTimersByTimeAsync(MINUTE + 1);
    expect(logout).toHaveBeenCalledTimes(1);
  });

  it('"stay signed in" dismisses the warning and resets the clock', () => {
    vi.advanceTimersByTime(14 * MINUTE + 30_000);
    expect(idle.warningVisible()).toBe(true);
    idle.staySignedIn();
    expect(idle.warningVisible()).toBe(false);
    vi.advanceTimersByTime(14 * MINUTE);
    expect(logout).not.toHaveBeenCalled();
    expect(idle.warningVisible()).toBe(true);
  });

  it('does nothing once stopped (signed out)', () => {
    idle.stop();
    document.dispatchEvent(new KeyboardEvent('keydown'));
    vi.advanceTimersByTime(30 * MINUTE);
    expect(logout).not.toHaveBeenCalled();
    expect(idle.warningVisible()).toBe(false);
  });
});
