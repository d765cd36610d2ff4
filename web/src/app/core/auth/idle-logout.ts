import { DestroyRef, DOCUMENT, inject, Injectable, signal } from '@angular/core';
import { AuthStore } from './auth-store';
import { DraftStore } from './draft-store';

export const IDLE_LIMIT_MS = 15 * 60_000;
export const IDLE_WARNING_MS = 60_000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'mousemove'] as const;
/** Activity is noticed at most this often, so mouse movement does not reset timers per pixel. */
const ACTIVITY_THROTTLE_MS = 1_000;

/**
 * Signs the user out after 15 minutes without activity (a therapist's screen left open in a
 * shared room), warning one minute before. Unsaved notes are kept on the server so they survive.
 */
@Injectable({ providedIn: 'root' })
export class IdleLogout {
  private readonly auth = inject(AuthStore);
  private readonly drafts = inject(DraftStore);
  private readonly document = inject(DOCUMENT);

  private warningTimer: ReturnType<typeof setTimeout> | null = null;
  private logoutTimer: ReturnType<typeof setTimeout> | null = null;
  private countdownTimer: ReturnType<typeof setInterval> | null = null;
  private lastActivity = 0;
  private running = false;

  readonly warningVisible = signal(false);
  readonly secondsLeft = signal(IDLE_WARNING_MS / 1000);

  private readonly onActivity = () => {
    const now = Date.now();
    if (now - this.lastActivity < ACTIVITY_THROTTLE_MS) return;
    this.lastActivity = now;
    this.arm();
  };

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const type of ACTIVITY_EVENTS) {
      this.document.addEventListener(type, this.onActivity, { passive: true, capture: true });
    }
    this.lastActivity = Date.now();
    this.arm();
  }

  stop(): void {
    this.running = false;
    for (const type of ACTIVITY_EVENTS) {
      this.document.removeEventListener(type, this.onActivity, { capture: true });
    }
    this.clearTimers();
    this.warningVisible.set(false);
  }

  /** The "stay signed in" answer to the warning. */
  staySignedIn(): void {
    if (!this.running) return;
    this.lastActivity = Date.now();
    this.arm();
  }

  private arm(): void {
    this.clearTimers();
    this.warningVisible.set(false);
    this.warningTimer = setTimeout(() => this.warn(), IDLE_LIMIT_MS - IDLE_WARNING_MS);
    this.logoutTimer = setTimeout(() => void this.signOut(), IDLE_LIMIT_MS);
  }

  private warn(): void {
    this.secondsLeft.set(IDLE_WARNING_MS / 1000);
    this.warningVisible.set(true);
    this.countdownTimer = setInterval(() => this.secondsLeft.update((s) => Math.max(0, s - 1)), 1000);
  }

  private async signOut(): Promise<void> {
    this.stop();
    // Open notes go to the server first (the note typed in the last seconds included), then the
    // session ends there too.
    await this.drafts.saveAll();
    await this.auth.logout('idle');
  }

  private clearTimers(): void {
    if (this.warningTimer) clearTimeout(this.warningTimer);
    if (this.logoutTimer) clearTimeout(this.logoutTimer);
    if (this.countdownTimer) clearInterval(this.countdownTimer);
    this.warningTimer = this.logoutTimer = this.countdownTimer = null;
  }
}
