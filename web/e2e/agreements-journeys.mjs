// Browser journey for issue 28: the therapist starts intake for a new couple; both partners sign the consent
// and the confidentiality policy on a 390 px phone and answer the intake form one section at a time; the
// therapist then records the first session — with no consent question, since both consented.
// journeys.mjs runs it with its helpers (passed in as `h`).

import { widthProblems } from './page-checks.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

export function agreementsJourneys(h) {
  const RUN = Date.now().toString(36);
  const couple = {
    a: { firstName: 'Jordan', lastName: 'Ortiz', email: `jordan.${RUN}@e2e.test`, password: `Jordan-e2e-${RUN}-pw` },
    b: { firstName: 'Renée', lastName: 'Ortiz', email: `renee.${RUN}@e2e.test`, password: `Renee-e2e-${RUN}-pw` },
  };

  /** The page is never wider than the phone, and every link and button in the portal is a 44 px target. */
  async function phoneChecks(page, name) {
    for (const width of [320, 390, 430]) {
      await page.setViewportSize({ width, height: 844 });
      await page.waitForTimeout(150);
      // As drawn and with each field focused: a focused field whose long floating label stretched the page
      // to 469 px left the intake form's Save out of reach.
      const problems = await widthProblems(page, width);
      if (problems.length) throw new Error(`${name} at ${width} px: ${problems.join('; ')}`);
    }
    await page.setViewportSize(PHONE.viewport);
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('app-portal-shell a, app-portal-shell button')]
        .map((e) => ({ e, r: e.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && r.height > 0 && r.height < 43.5)
        .map(({ e, r }) => `"${(e.textContent || e.getAttribute('aria-label') || e.tagName).trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`),
    );
    if (small.length) throw new Error(`${name}: touch targets under 44 px: ${small.join(', ')}`);
  }

  /** Makes sure the practice has a consent and a confidentiality policy to send (the admin publishes them). */
  async function documents(adminToken) {
    const { items } = await h.api('GET', '/api/admin/documents', { token: adminToken });
    for (const kind of ['consent', 'confidentiality_policy']) {
      if (items.some((d) => d.kind === kind)) continue;
      await h.api('POST', '/api/admin/documents', {
        token: adminToken,
        body: { kind, title: kind === 'consent' ? 'Consent to couples therapy' : 'What happens to things one of you tells me alone',
          body: `# ${kind === 'consent' ? 'Consent' : 'Confidentiality'}\n\nPlain words for this journey (${RUN}).\n` },
      });
    }
  }

  /** One partner on a phone: signs what is waiting, then answers the intake form part by part. */
  async function partnerOnPhone(partner, screens) {
    const context = await h.newContext(PHONE);
    const page = await context.newPage();
    h.current.page = page;
    await h.signIn(page, partner.email, partner.password, '/portal');
    const toSign = page.locator('section[aria-labelledby="to-sign-heading"]');
    await toSign.getByRole('heading', { name: 'To sign and fill in' }).waitFor();
    if (screens) await h.keyScreen(page, 'portal-to-sign');
    if (screens) await phoneChecks(page, 'portal-to-sign');

    for (const title of ['Consent to couples therapy', 'What happens to things one of you tells me alone']) {
      await h.go(page, '/portal');
      await toSign.getByRole('link', { name: title }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      if (title.startsWith('What happens')) await page.getByText('The policy chosen for you: Limited secrets.').waitFor();
      // A name that is not the partner's own is refused on the field, by the API.
      await page.getByLabel('Your full name').fill('Someone Else');
      await page.getByLabel(/I agree to sign electronically/).check();
      await page.getByRole('button', { name: 'Sign', exact: true }).click();
      const refused = page.locator('mat-error', { hasText: 'Type your own full name' });
      await refused.waitFor();
      // Material fades the error in: axe (in keyScreen) judges its contrast only once it is fully drawn.
      await refused.evaluate((e) => Promise.all(e.closest('mat-form-field').getAnimations({ subtree: true }).map((a) => a.finished)));
      if (screens && title.startsWith('Consent')) {
        await h.keyScreen(page, 'portal-agreement-sign');
        await phoneChecks(page, 'portal-agreement-sign');
      }
      // Case and accents aside, the partner's own name signs.
      await page.getByLabel('Your full name').fill(`${partner.firstName.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase()} ${partner.lastName}`);
      await page.getByRole('button', { name: 'Sign', exact: true }).click();
      await page.getByRole('heading', { name: 'You signed this' }).waitFor();
    }
    if (screens) await h.keyScreen(page, 'portal-agreement-signed');

    await h.go(page, '/portal');
    await toSign.getByRole('link', { name: /Before we start/ }).click();
    await page.getByText('Part 1 of 5').waitFor();
    if (screens) {
      await h.keyScreen(page, 'portal-intake-form');
      await phoneChecks(page, 'portal-intake-form');
    }
    const next = () => page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByLabel('How many years have you been together?').fill('6');
    await page.getByRole('group', { name: 'Do you live together?' }).getByLabel('Yes').check();
    await page.getByLabel('How did you meet, and what have been the big moments or changes since?').fill('Met at work; moved cities twice.');
    await next();
    await page.getByText('Part 2 of 5').waitFor();
    await page.getByLabel('What brings you to couples therapy now?').fill('We keep having the same fight.');
    await page.getByLabel('If therapy helps, what would be different between you?').fill('We would talk instead of shutting down.');
    await page.getByRole('group', { name: /How committed do you feel/ }).getByLabel('Mostly committed').check();
    await next();
    await page.getByText('Part 3 of 5').waitFor();
    await page.getByRole('group', { name: /Have you had therapy or counselling before/ }).getByLabel('No').check();
    await next();
    await page.getByText('Part 4 of 5').waitFor();
    await next();
    await page.getByText('Part 5 of 5').waitFor();
    await page.getByLabel('Name', { exact: true }).fill(`${partner.firstName}'s sister`);
    await page.getByLabel('Phone number').fill('+44 20 7946 0123');
    await page.getByRole('button', { name: 'Send to my therapist' }).click();
    await page.getByText('You sent this form to your therapist.').waitFor();
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    if (stored.includes('same fight') || stored.includes('Met at work')) throw new Error('intake answers were written to browser storage');
    await context.close();
  }

  /** Therapist starts intake → both partners sign on a phone and answer the intake → the therapist records the first session. */
  async function intakeJourney() {
    h.need(h.state.therapistContext && h.state.therapistToken, 'a signed-in therapist');
    const adminToken = await h.apiLogin(h.ADMIN_EMAIL, h.ADMIN_PASSWORD);
    await documents(adminToken);
    const token = h.state.therapistToken;
    const created = await h.api('POST', '/api/couples', {
      token,
      body: { partners: [couple.a, couple.b].map(({ firstName, lastName, email }) => ({ firstName, lastName, email, pronouns: null })),
        presentingConcerns: 'Distance since the move.', goals: 'Feel close again.', startedOn: h.today() },
    });
    for (const [i, partner] of [couple.a, couple.b].entries()) {
      const invitation = await h.api('POST', `/api/couples/${created.id}/partners/${created.partners[i].id}/invitation`, { token });
      await h.api('POST', '/api/auth/invitations/accept', { body: { token: invitation.invitationToken, password: partner.password } });
    }

    // The therapist starts intake from the couple's Intake section.
    const page = await h.state.therapistContext.newPage();
    h.current.page = page;
    await h.go(page, `/couples/${created.id}/intake`);
    await page.getByRole('heading', { level: 2, name: 'Intake' }).waitFor();
    await page.getByRole('radio', { name: /Limited secrets/ }).check();
    await h.keyScreen(page, 'workspace-intake-start');
    await page.getByRole('button', { name: 'Start intake' }).click();
    await page.getByText('Intake started: both partners have').waitFor();
    await page.getByRole('navigation', { name: 'Couple sections' }).getByRole('link', { name: 'Agreements', exact: true }).click();
    await page.getByText('Consent missing').waitFor();

    // Both partners, each on a phone.
    await partnerOnPhone(couple.a, true);
    await partnerOnPhone(couple.b, false);

    // The therapist sees both signatures and reads each partner's answers.
    h.current.page = page;
    await h.go(page, `/couples/${created.id}/agreements`);
    await page.getByText('Both partners have consented.').waitFor();
    await h.keyScreen(page, 'workspace-agreements');
    await h.go(page, `/couples/${created.id}/intake`);
    await page.getByRole('button', { name: `Read ${couple.a.firstName}'s answers` }).click();
    await page.getByText('We keep having the same fight.').waitFor();
    await h.keyScreen(page, 'workspace-intake-answers');

    // The first session: no consent question now.
    await h.go(page, `/couples/${created.id}/sessions/new`);
    await page.getByRole('heading', { name: /New session/ }).waitFor();
    await page.getByLabel('Start time').fill('09:00');
    await page.getByLabel('Typical repair time (minutes)').fill('60');
    await page.getByLabel('Private note').fill('First session: both named the distance since the move.');
    await page.getByRole('button', { name: 'Record session' }).click();
    await page.waitForURL(/\/sessions\/[0-9a-f-]{36}$/, { timeout: h.NAV_TIMEOUT });
    const sessions = await h.api('GET', `/api/couples/${created.id}/sessions`, { token });
    if ((sessions.items ?? sessions).length !== 1) throw new Error('the first session was not recorded');
    const audit = await h.api('GET', `/api/admin/audit?coupleId=${created.id}&action=session.create.consent_confirmed`, { token: adminToken });
    if (audit.items.length) throw new Error('a consent confirmation was audited although both partners had signed');
    await page.close();
  }

  return [['intake-sign-on-phone-then-first-session', intakeJourney]];
}
