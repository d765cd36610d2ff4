// Browser journey for issue 32: partner A picks a joint time on a 390 px phone, partner B confirms it on theirs,
// and the therapist sees the appointment in the calendar. The therapist's working hours are set through the API.
// journeys.mjs runs it with its helpers (passed in as `h`).

import { widthProblems } from './page-checks.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

export function bookingJourneys(h) {
  const RUN = Date.now().toString(36);
  const tag = RUN.slice(-4).replace(/[0-9]/g, (d) => 'abcdefghij'[d]);
  const couple = {
    a: { firstName: `Mira${tag}`, lastName: 'Quinn', email: `mira.${RUN}@e2e.test`, password: `Mira-e2e-${RUN}-pw` },
    b: { firstName: `Theo${tag}`, lastName: 'Quinn', email: `theo.${RUN}@e2e.test`, password: `Theo-e2e-${RUN}-pw` },
  };

  async function fits(page, name) {
    for (const width of [320, 390]) {
      await page.setViewportSize({ width, height: 844 });
      await page.waitForTimeout(150);
      const problems = await widthProblems(page, width);
      if (problems.length) throw new Error(`${name} at ${width} px: ${problems.join('; ')}`);
    }
    await page.setViewportSize(PHONE.viewport);
  }

  async function partnerPage(partner) {
    const context = await h.newContext(PHONE);
    const page = await context.newPage();
    h.current.page = page;
    await h.signIn(page, partner.email, partner.password, '/portal');
    await h.go(page, '/portal/booking');
    await page.getByRole('heading', { level: 1, name: 'Book a session' }).waitFor();
    return { context, page };
  }

  /** Partner A asks for a joint time on a phone → partner B confirms → the therapist's calendar shows it. */
  async function bookingJourney() {
    h.need(h.state.therapistContext && h.state.therapistToken, 'a signed-in therapist');
    const token = h.state.therapistToken;
    // Working hours every day, short notice, booked as soon as both agree.
    const current = await h.api('GET', '/api/me/availability', { token });
    await h.api('PUT', '/api/me/availability', {
      token,
      body: { ...current, weekly: DAYS.map((day) => ({ day, start: '07:00', end: '21:00' })), minNoticeHours: 2, horizonDays: 14,
        bufferMinutes: 0, autoApprove: true },
    });
    const created = await h.api('POST', '/api/couples', {
      token,
      body: { partners: [couple.a, couple.b].map(({ firstName, lastName, email }) => ({ firstName, lastName, email, pronouns: null })),
        presentingConcerns: '', goals: '', startedOn: h.today() },
    });
    for (const [i, partner] of [couple.a, couple.b].entries()) {
      const invitation = await h.api('POST', `/api/couples/${created.id}/partners/${created.partners[i].id}/invitation`, { token });
      await h.api('POST', '/api/auth/invitations/accept', { body: { token: invitation.invitationToken, password: partner.password } });
    }

    // Partner A chooses the first free time for both of them.
    const a = await partnerPage(couple.a);
    await a.page.getByRole('heading', { name: 'Choose a time that works for you both' }).waitFor();
    const first = a.page.locator('button.slot').first();
    const time = (await first.textContent()).trim();
    await first.click();
    await h.keyScreen(a.page, 'portal-booking');
    await fits(a.page, 'portal-booking');
    await a.page.getByRole('button', { name: 'Ask for this time' }).click();
    await a.page.getByText('Your partner confirms it in their portal.').waitFor();
    await a.page.getByRole('heading', { name: 'Times you asked for' }).waitFor();
    await a.context.close();

    // Partner B confirms it on their phone.
    const b = await partnerPage(couple.b);
    const waiting = b.page.locator('section[aria-labelledby="waiting-heading"]');
    await waiting.getByText('Your partner chose this time for you both.').waitFor();
    await fits(b.page, 'portal-booking-confirm');
    await waiting.getByRole('button', { name: 'Confirm' }).click();
    await b.page.getByText(/^Booked: /).waitFor();
    await b.page.getByRole('heading', { name: 'Your booked sessions' }).waitFor();
    await b.context.close();

    // The therapist sees it in the calendar (this week's grid or next week's list).
    const page = await h.state.therapistContext.newPage();
    h.current.page = page;
    await h.go(page, '/calendar');
    await page.getByText(`${time} ${created.displayName}`).or(page.getByText(created.displayName)).first().waitFor();

    // The hours set through the API are on the therapist's account page, which fits a phone.
    await h.go(page, '/account');
    await page.getByRole('heading', { name: 'Working hours' }).waitFor();
    await page.getByLabel('Monday from').first().waitFor();
    await h.keyScreen(page, 'account-working-hours');
    await fits(page, 'account-working-hours');
    await page.close();
  }

  return [['booking', bookingJourney]];
}
