// Appointments and email in the browser: a therapist books from the week calendar with the keyboard,
// the partner sees "Your next session", the couple workspace's Appointments section records the
// session from it, and a forgotten password is reset from the emailed link.
// The app sends its email to tests/drills/smtp_sink.py, which keeps each message in CLINIC_E2E_MAIL_DIR.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const MAIL_DIR = process.env.CLINIC_E2E_MAIL_DIR ?? '';

/** The newest message to `to` whose text matches `pattern`, waiting for it to arrive; returns the decoded text. */
async function waitForMail(to, pattern, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const files = MAIL_DIR ? readdirSync(MAIL_DIR).filter((f) => f.endsWith('.eml')).sort().reverse() : [];
    for (const file of files) {
      // Quoted-printable: join soft line breaks, decode "=3D".
      const text = readFileSync(join(MAIL_DIR, file), 'latin1').replace(/=\r?\n/g, '').replace(/=3D/g, '=');
      if (new RegExp(`^To:.*${to.replace(/[.+]/g, '\\$&')}`, 'mi').test(text) && pattern.test(text)) return text;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`no email to ${to} matching ${pattern} within ${timeoutMs / 1000} s`);
}

export function appointmentJourneys(h) {
  const { state, PARTNER_A, NAV_TIMEOUT, current, need, api, newContext, go, settle, keyScreen, signIn } = h;

  /** (h) The therapist books from the week calendar, keyboard only; the partner sees it as their next session. */
  async function bookingJourney() {
    need(state.therapistContext && state.coupleId, 'a therapist with a couple');
    const page = await state.therapistContext.newPage();
    current.page = page;
    await go(page, '/calendar');
    await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
    await page.locator('table.week button[data-row="0"]').first().waitFor();
    // Next week, so the slot is in the future whatever the time now.
    await page.getByRole('button', { name: 'Next week' }).click();
    await settle(page);
    const first = page.locator('button[data-row="0"][data-col="0"]');
    await first.focus();
    for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowDown'); // 17:00
    for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowRight'); // Wednesday
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    if (!/17:00: free\. Book this slot\./.test(focused)) throw new Error(`keyboard focus is on "${focused}", expected a free 17:00 slot`);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^Book / }).waitFor();
    await page.getByRole('combobox', { name: 'Couple' }).click();
    await page.getByRole('option').first().click();
    await keyScreen(page, 'calendar-booking');
    await page.getByRole('button', { name: 'Book appointment' }).click();
    // A couple with an open safety concern: the 409 asks for the (audited) confirmation first.
    const confirm = page.getByRole('checkbox', { name: /I confirm a joint appointment is appropriate/ });
    const booked = page.getByText(/^Booked /);
    await Promise.race([booked.waitFor({ timeout: NAV_TIMEOUT }), confirm.waitFor({ timeout: NAV_TIMEOUT })]);
    if (await confirm.isVisible()) {
      await confirm.check();
      await page.getByRole('button', { name: 'Book appointment' }).click();
    }
    await booked.waitFor({ timeout: NAV_TIMEOUT });
    await page.locator('table.week').getByText('17:00').first().waitFor();
    state.appointmentBooked = true;

    // Move it a day later from the grid, keyboard only: open the busy cell, Move, choose the free cell to its right.
    const busy = page.locator('table.week button[aria-label*="17:00: 17:00"]').first();
    const [row, col] = [await busy.getAttribute('data-row'), Number(await busy.getAttribute('data-col'))];
    await busy.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /^Move .* from / }).first().click();
    await page.getByRole('heading', { name: /^Move / }).waitFor();
    await page.locator(`button[data-row="${row}"][data-col="${col + 1}"]`).focus();
    await page.keyboard.press('Enter');
    await page.getByText(/^New time chosen: /).waitFor();
    await keyScreen(page, 'calendar-move');
    await page.getByRole('button', { name: 'Move appointment' }).click();
    const moved = page.getByText(/^Moved /);
    const safety = page.getByRole('alertdialog');
    await Promise.race([moved.waitFor({ timeout: NAV_TIMEOUT }), safety.waitFor({ timeout: NAV_TIMEOUT })]);
    if (await safety.isVisible()) await safety.getByRole('button', { name: 'Confirm and move' }).click();
    await moved.waitFor({ timeout: NAV_TIMEOUT });
    await page.close();

    need(state.partnerReady, 'a partner in the portal');
    const portal = await state.partnerContext.newPage();
    current.page = portal;
    await go(portal, '/portal');
    await portal.getByRole('heading', { name: 'Your next session' }).waitFor();
    await portal.locator('.when').getByText(/17:00/).waitFor({ timeout: NAV_TIMEOUT });
    await portal.getByRole('button', { name: 'Add to calendar' }).waitFor();
    await keyScreen(portal, 'portal-next-session');
    await waitForMail(PARTNER_A.email, /BEGIN:VCALENDAR|Content-Type: text\/calendar/i);
    await portal.close();
  }

  /** (i) Forgot password: the sign-in page's link, the emailed reset link, the new password works, the old does not. */
  async function forgotPasswordJourney() {
    need(state.partnerReady, 'a partner with a portal account');
    const context = await newContext();
    const page = await context.newPage();
    current.page = page;
    await go(page, '/login');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Forgot your password?' }).waitFor();
    await page.getByLabel('Email').fill(PARTNER_A.email);
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await page.getByText(`If there is an account for ${PARTNER_A.email}`).waitFor({ timeout: NAV_TIMEOUT });
    await keyScreen(page, 'forgot-password-sent');

    const mail = await waitForMail(PARTNER_A.email, /reset-password\?token=/);
    const link = mail.match(/https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+/)?.[0];
    if (!link) throw new Error('the reset email has no link');
    const newPassword = `${PARTNER_A.password}-new`;
    await go(page, new URL(link).pathname + new URL(link).search);
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await page.getByLabel('New password').fill(newPassword);
    await page.getByLabel('Confirm password').fill(newPassword);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.waitForURL((url) => url.pathname === '/login', { timeout: NAV_TIMEOUT });
    await page.getByText('Your new password is set').waitFor();
    const filled = await page.getByLabel('Email').inputValue();
    if (filled !== PARTNER_A.email) throw new Error(`sign-in after the reset had "${filled}" in the email box, not the account's email`);
    await signIn(page, PARTNER_A.email, newPassword, '/portal');
    PARTNER_A.password = newPassword;
    await context.close();
  }

  /** The practice's local date and time ("2026-11-28T17:05") of an instant, in its IANA zone. */
  function practiceLocal(instant, zone) {
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
      timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(instant).map((p) => [p.type, p.value]));
    return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
  }

  /**
   * (j) The couple workspace's Appointments section lists today's booking; Record session holds it and opens
   * the session form prefilled from it. The API holds an appointment from its day on, so this one is booked
   * (through the API) a few minutes from now, after midnight if the practice's day is about to end.
   */
  async function recordFromAppointmentJourney() {
    need(state.therapistContext && state.therapistToken && state.coupleId, 'a therapist with a couple');
    const { timeZone } = await api('GET', '/api/appointments', { token: state.therapistToken });
    while (practiceLocal(new Date(), timeZone).slice(11) >= '23:45') await new Promise((resolve) => setTimeout(resolve, 30_000));
    const startsAt = practiceLocal(new Date(Date.now() + 5 * 60_000), timeZone);
    const booked = await api('POST', `/api/couples/${state.coupleId}/appointments`, {
      token: state.therapistToken,
      body: { startsAt, durationMinutes: 50, attendees: 'both', format: 'in_person', videoLink: null, noteToClients: '',
        confirmSafety: true, confirmOverlap: true },
    });

    const page = await state.therapistContext.newPage();
    current.page = page;
    await go(page, `/couples/${state.coupleId}`);
    await page.getByRole('navigation', { name: 'Couple sections' }).getByRole('link', { name: 'Appointments' }).click();
    await page.waitForURL((url) => url.pathname === `/couples/${state.coupleId}/appointments`, { timeout: NAV_TIMEOUT });
    await page.getByRole('heading', { level: 2, name: 'Appointments' }).waitFor();
    const record = page.getByRole('button', { name: new RegExp(`^Record session from .*${startsAt.slice(11)}$`) });
    await record.waitFor({ timeout: NAV_TIMEOUT });
    await keyScreen(page, 'workspace-appointments');
    await record.click();
    await page.waitForURL(
      (url) => url.pathname === `/couples/${state.coupleId}/sessions/new` && url.searchParams.get('appointment') === booked.id,
      { timeout: NAV_TIMEOUT },
    );
    const start = page.getByLabel('Start time');
    await start.waitFor({ timeout: NAV_TIMEOUT });
    for (let i = 0; i < 50 && (await start.inputValue()) !== startsAt.slice(11); i++) await page.waitForTimeout(100);
    const shown = await start.inputValue();
    if (shown !== startsAt.slice(11)) throw new Error(`the session form's start time is "${shown}", not the appointment's ${startsAt.slice(11)}`);
    const held = await api('GET', `/api/couples/${state.coupleId}/appointments`, { token: state.therapistToken });
    if (held.items.find((a) => a.id === booked.id)?.status !== 'held') throw new Error('Record session did not mark the appointment held');
    await page.close();
  }

  return [
    ['appointment-booking-keyboard', bookingJourney],
    ['appointment-record-session', recordFromAppointmentJourney],
    ['forgot-password-by-email', forgotPasswordJourney],
  ];
}
