import { signal } from '@angular/core';

/**
 * The practice's locale and time zone: the one place every date and time on every screen takes them
 * from (see `shared/ui/when.ts`). The locale is the practice's (British English day–month–year, a
 * 24-hour clock); the time zone arrives with the session (`practice.timeZone` in the sign-in answer,
 * from the practice's settings), and until then instants are shown in the browser's own zone.
 */
export interface PracticeFormat {
  readonly locale: string;
  /** An IANA zone ("Europe/London"); undefined: the browser's own. */
  readonly timeZone: string | undefined;
}

export const PRACTICE_LOCALE = 'en-GB';

export const practiceFormat = signal<PracticeFormat>({ locale: PRACTICE_LOCALE, timeZone: undefined });

/** Called with what the API says about the practice; an unknown zone keeps the browser's. */
export function usePracticeTimeZone(timeZone: string | null | undefined): void {
  const zone = timeZone && isKnownZone(timeZone) ? timeZone : undefined;
  if (zone !== practiceFormat().timeZone) practiceFormat.set({ ...practiceFormat(), timeZone: zone });
}

function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
