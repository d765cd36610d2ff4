// Browser journeys for the couple workspace (sections with their own URLs, Back, the cycle map,
// corrections, sign and amend) and for the portal on a phone (390×844, with axe, no sideways
// scrolling at 320–430 px, 44 px touch targets, installable). journeys.mjs runs them after its own
// journeys, with its helpers and what they arranged (passed in as `h`).

import { overlappingChartText, widthProblems } from './page-checks.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const QUICK_EXIT = 'https://www.bbc.co.uk/weather';

export function workspaceJourneys(h) {
  const { state } = h;

  /**
   * The page is never wider than the screen, at every phone width from 320 to 430 px, as drawn and with
   * each field focused in turn (the check-in's text field once stretched the page to 473 px when focused).
   */
  async function noSidewaysScroll(page, name) {
    for (const width of [320, 390, 430]) {
      await page.setViewportSize({ width, height: 844 });
      await page.waitForTimeout(150);
      const problems = await widthProblems(page, width);
      if (problems.length) throw new Error(`${name} at ${width} px: ${problems.slice(0, 4).join('; ')}`);
    }
    await page.setViewportSize(PHONE.viewport);
  }

  /** Every link and button a thumb might need is at least 44 px tall and wide. */
  async function touchTargets(page, name) {
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('app-portal-shell a, app-portal-shell button, app-shell mat-toolbar a, app-shell mat-toolbar button')]
        .map((e) => ({ e, r: e.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && r.height > 0 && (r.height < 43.5 || r.width < 43.5))
        .map(({ e, r }) => `"${(e.textContent || e.getAttribute('aria-label') || e.tagName).trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`),
    );
    if (small.length) throw new Error(`${name}: touch targets under 44 px: ${small.join(', ')}`);
  }

  async function phoneScreen(page, name) {
    await h.keyScreen(page, name);
    await noSidewaysScroll(page, name);
    await touchTargets(page, name);
  }

  async function therapistPage() {
    h.need(state.therapistContext && state.coupleId, 'a couple');
    const page = await state.therapistContext.newPage();
    h.current.page = page;
    return page;
  }

  const sectionLink = (page, name) => page.getByRole('navigation', { name: 'Couple sections' }).getByRole('link', { name, exact: true });

  /** The overview first; each section its own URL; Back returns to the last section; focus moves to the page heading. */
  async function workspaceJourney() {
    const page = await therapistPage();
    await h.go(page, `/couples/${state.coupleId}`);
    await page.getByRole('heading', { name: 'Last session\'s cycle' }).waitFor();
    await h.keyScreen(page, 'couple-overview');

    await sectionLink(page, 'Cycle map').click();
    await page.waitForURL(/\/cycle-map$/, { timeout: h.NAV_TIMEOUT });
    await page.getByRole('heading', { name: 'Cycle map', level: 2 }).waitFor();
    const focused = await page.evaluate(() => document.activeElement?.tagName);
    if (focused !== 'H1') throw new Error(`after moving to a section, focus is on ${focused}, not the page heading`);

    // Build the map with the couple: each side, then the way out.
    const sides = page.locator('app-cycle-map-editor form fieldset:not(.moves)');
    const fill = async (i, label, text) => sides.nth(i).getByLabel(label, { exact: false }).first().fill(text);
    await fill(0, 'What sets', 'Sam goes quiet after work');
    await sides.nth(0).getByRole('checkbox', { name: 'Criticise' }).check();
    await sides.nth(0).getByRole('checkbox', { name: 'Chase' }).check();
    await fill(0, 'Feeling underneath', 'alone, panicky');
    await fill(0, 'Attachment fear', "I don't matter to you");
    await fill(0, 'Attachment need', "to know you're still there");
    await fill(1, 'What sets', "Alex's raised voice");
    await sides.nth(1).getByRole('checkbox', { name: 'Shut down' }).check();
    await fill(1, 'Feeling underneath', 'flooded');
    await fill(1, 'Attachment fear', "I'm failing you");
    await fill(1, 'Attachment need', 'to be enough as I am');
    await page.getByRole('textbox', { name: /What we do instead/ }).fill('We say "the chase is starting", sit down side by side, and each says what is underneath.');
    await page.getByRole('button', { name: 'Save a new version' }).click();
    await page.getByText('Saved as version 1.').waitFor();
    await page.getByRole('button', { name: 'Share with the couple' }).click();
    await page.getByText('Shared: both partners see the map in their portal.').waitFor();
    await h.keyScreen(page, 'cycle-map-editor');
    const map = await h.api('GET', `/api/couples/${state.coupleId}/cycle-map`, { token: state.therapistToken });
    if (map.version !== 1 || !map.shared) throw new Error(`the map is not saved and shared: ${JSON.stringify(map).slice(0, 200)}`);

    await sectionLink(page, 'Safety').click();
    await page.waitForURL(/\/safety$/, { timeout: h.NAV_TIMEOUT });
    await page.getByRole('heading', { name: 'Safety', level: 2 }).waitFor();
    await page.goBack();
    await page.waitForURL(/\/cycle-map$/, { timeout: h.NAV_TIMEOUT });
    await page.getByRole('heading', { name: 'Cycle map', level: 2 }).waitFor();
    await page.goBack();
    await page.waitForURL((url) => url.pathname === `/couples/${state.coupleId}`, { timeout: h.NAV_TIMEOUT });
    await page.getByRole('heading', { name: 'Last session\'s cycle' }).waitFor();
    state.mapShared = true;
    await page.close();
  }

  /** A mistyped email is corrected from the overview; the API stores the new address. */
  async function correctionJourney() {
    const page = await therapistPage();
    await h.go(page, `/couples/${state.coupleId}`);
    await page.getByRole('button', { name: `Correct details of ${h.PARTNER_B.firstName}` }).click();
    const email = `sam.corrected.${Date.now().toString(36)}@e2e.test`;
    await page.locator('article.partner form').getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Save correction' }).click();
    await page.getByText(`${h.PARTNER_B.firstName}'s details are corrected.`).waitFor();
    const couple = await h.api('GET', `/api/couples/${state.coupleId}`, { token: state.therapistToken });
    const sam = couple.partners.find((p) => p.label === 'partner_b');
    if (sam.email !== email) throw new Error(`the email was not corrected: ${sam.email}`);
    await page.close();
  }

  /** Sign a session, then amend it to correct a cycle value with a reason; the dashboard uses and marks it. */
  async function signAndAmendJourney() {
    h.need(state.sessionRecorded, 'a recorded session');
    const page = await therapistPage();
    const sessions = await h.api('GET', `/api/couples/${state.coupleId}/sessions`, { token: state.therapistToken });
    const session = (sessions.items ?? sessions)[0];
    await h.go(page, `/sessions/${session.id}`);
    await page.getByRole('button', { name: 'Sign session' }).waitFor();
    await page.getByRole('button', { name: 'Sign session' }).click();
    await page.getByRole('alertdialog', { name: 'Sign this session?' }).getByRole('button', { name: 'Sign', exact: true }).click();
    await page.getByText(/Signed by/).first().waitFor();
    await page.getByRole('button', { name: 'Amend', exact: true }).click();
    await page.getByRole('checkbox', { name: 'Correct the cycle values' }).check();
    await page.getByLabel(`${h.PARTNER_A.firstName}: intensity (0–10)`).fill('4');
    await page.getByLabel('Reason for the correction').fill('Typed 7 for Alex; the rating agreed in session was 4.');
    await h.keyScreen(page, 'amend-correction');
    await page.getByRole('button', { name: 'Add amendment' }).click();
    await page.getByText('Amendment added; the cycle values are corrected.').waitFor();
    await page.getByText(`${h.PARTNER_A.firstName} intensity 7 → 4`).waitFor();
    const stored = await h.api('GET', `/api/sessions/${session.id}`, { token: state.therapistToken });
    const alex = stored.cycle.partners.find((p) => p.partnerId === state.partnerAId);
    if (alex.intensity !== 4 || !stored.cycleCorrectedAt) throw new Error(`not corrected: ${JSON.stringify(stored.cycle)}`);
    const dashboard = await h.api('GET', `/api/couples/${state.coupleId}/dashboard`, { token: state.therapistToken });
    if (!dashboard.cycle[0].corrected) throw new Error('the dashboard does not mark the corrected session');
    await page.close();
  }

  /** The portal on a 390×844 phone: home, cycle map, homework entry, questionnaire, check-in, then Leave this page. */
  async function phonePortalJourney() {
    h.need(state.partnerReady, 'partner A with a portal account');
    // A fresh questionnaire to answer on the phone.
    await h.api('POST', `/api/couples/${state.coupleId}/questionnaire-requests`, {
      token: state.therapistToken,
      body: { partnerId: state.partnerAId, instrument: 'ECR-RS', shareResultsWithClient: false },
    });
    const context = await h.newContext(PHONE);
    const page = await context.newPage();
    h.current.page = page;
    await h.signIn(page, h.PARTNER_A.email, h.PARTNER_A.password, '/portal');
    await page.getByRole('heading', { level: 1, name: /Welcome|My portal/ }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await phoneScreen(page, 'phone-portal-home');

    // Installable: the manifest with its icons, and the service worker (app shell only).
    const manifest = await page.evaluate(async () => {
      const href = document.querySelector('link[rel="manifest"]')?.getAttribute('href');
      return href ? (await fetch(href)).json() : null;
    });
    if (!manifest || manifest.display !== 'standalone' || !manifest.icons?.some((i) => i.sizes === '512x512'))
      throw new Error(`no usable web manifest: ${JSON.stringify(manifest)}`);
    const worker = await page.evaluate(async () => {
      const registration = await Promise.race([navigator.serviceWorker.ready, new Promise((r) => setTimeout(() => r(null), 40_000))]);
      return registration ? registration.active?.scriptURL ?? registration.installing?.scriptURL ?? 'registered' : null;
    });
    if (!worker || !String(worker).includes('ngsw-worker.js')) throw new Error(`the service worker did not register: ${worker}`);

    if (state.mapShared) {
      await page.getByRole('link', { name: 'See the cycle map' }).click();
      await page.getByRole('heading', { level: 1, name: 'Our cycle' }).waitFor();
      await page.getByText('What we do instead').waitFor();
      await phoneScreen(page, 'phone-cycle-map');
      await page.getByRole('link', { name: 'Back to my portal' }).click();
      await page.waitForURL((url) => url.pathname === '/portal');
    }

    // Homework entry.
    await page.getByRole('link', { name: 'Reach out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reach out' }).waitFor();
    await phoneScreen(page, 'phone-homework-form');
    const form = page.locator('app-entry-form form');
    // A scale nobody has answered shows no chosen value.
    const unanswered = await form.locator('mat-slider.unanswered').count();
    if (unanswered !== 5) throw new Error(`expected the 5 unanswered scales drawn as unchosen, found ${unanswered}`);
    await form.getByLabel('What did you need from your partner?', { exact: false }).first().fill('A hug after a long day');
    await form.locator('mat-radio-group').first().getByRole('radio').first().check();
    for (const name of ['fearBefore', 'understood', 'validated', 'caredFor', 'feltSecurityAfter']) {
      await form.locator(`input[id$="${name}"]`).focus();
      await page.keyboard.press('End');
    }
    await form.getByRole('button', { name: 'Save entry' }).click();
    await page.locator('app-entry-history').getByText('A hug after a long day').waitFor();
    // The form starts afresh, without calling its empty answers wrong.
    await page.getByText('Saved. Thank you for logging this.').waitFor();
    const complaints = await form.locator('mat-error, .field-error').count();
    if (complaints) throw new Error(`after saving, the fresh form shows ${complaints} error message(s): ${await form.locator('mat-error, .field-error').first().innerText()}`);
    await page.getByRole('link', { name: /Back to my portal/ }).click();
    await page.waitForURL((url) => url.pathname === '/portal');

    // Questionnaire.
    await page.locator('section[aria-labelledby="questionnaires-heading"] ul.cards a').first().click();
    await page.waitForURL(/\/portal\/questionnaires\//);
    const groups = page.locator('mat-radio-group');
    await groups.first().waitFor();
    await phoneScreen(page, 'phone-questionnaire');
    // On a phone the statements come one at a time, with Next.
    const review = page.getByRole('button', { name: 'Review my answers' });
    for (let i = 0; i < 9 && !(await review.count()); i++) {
      await groups.first().getByRole('radio').nth(3).check();
      if (await review.count()) break;
      await page.getByRole('button', { name: 'Next' }).click();
    }
    if (await groups.count()) await groups.last().getByRole('radio').nth(3).check();
    await review.click();
    await page.getByRole('heading', { name: 'Check your answers' }).waitFor();
    await noSidewaysScroll(page, 'phone-questionnaire-review');
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByRole('heading', { name: /your answers are saved/ }).waitFor();
    await h.go(page, '/portal');

    // Check-in (asked at intake).
    await page.locator('section[aria-labelledby="checkins-heading"] ul.cards a').first().click();
    await page.waitForURL(/\/portal\/check-ins\//);
    await page.locator('form').waitFor();
    await phoneScreen(page, 'phone-check-in');
    const choices = page.locator('form mat-radio-group');
    for (let i = 0; i < (await choices.count()); i++) await choices.nth(i).getByRole('radio').first().check();
    await page.getByRole('button', { name: 'Send to my therapist' }).click();
    await page.getByText('Thank you. Your answers went to your therapist only.').waitFor();

    // Leave this page: straight to a neutral site, and Back does not bring the portal back.
    await page.route(`${QUICK_EXIT}**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Weather</title>' }));
    await page.getByRole('button', { name: 'Leave this page' }).click();
    await page.waitForURL((url) => url.href.startsWith(QUICK_EXIT), { timeout: h.NAV_TIMEOUT });
    await h.go(page, '/portal');
    await page.waitForURL((url) => url.pathname === '/login', { timeout: h.NAV_TIMEOUT });
    await context.close();
  }

  /**
   * At 1440 px, the progress charts of a couple whose record crowds them (change events on eight sessions
   * in eight days, assessments days apart) draw no text label on top of another.
   */
  async function chartsJourney() {
    h.need(state.therapistContext && h.THERAPIST, 'a signed-in therapist');
    const token = await h.apiLogin(h.THERAPIST.email, h.THERAPIST.password);
    const run = Date.now().toString(36);
    const daysAgo = (n) => {
      const d = new Date(Date.now() - n * 86_400_000);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    const couple = await h.api('POST', '/api/couples', {
      token,
      body: {
        partners: [
          { firstName: 'Bernadette', lastName: 'Crowded', email: `bernadette.${run}@e2e.test`, pronouns: 'she/her' },
          { firstName: 'Maximilian', lastName: 'Crowded', email: `maximilian.${run}@e2e.test`, pronouns: 'he/him' },
        ],
        presentingConcerns: 'Charts journey', goals: 'Read cleanly', startedOn: daysAgo(60),
      },
    });
    const [a, b] = couple.partners.map((p) => p.id);
    const markers = ['cycleNamedByCouple', 'repairAttempt', 'withdrawerReengagement', 'blamerSoftening', 'attachmentInjuryRaised'];
    for (let i = 0; i < 8; i++) {
      await h.api('POST', `/api/couples/${couple.id}/sessions`, {
        token,
        body: {
          date: daysAgo(9 - i), startTime: '17:00', durationMinutes: 50, format: 'in_person', attendance: 'both', eftStage: 1, eftStep: 2,
          // This couple signed nothing in Clinic: the therapist holds their paper consent (issue 28's gate).
          confirmConsent: true,
          note: '', cycle: {
            partners: [{ partnerId: a, position: 'pursue', intensity: 9 - (i % 3) }, { partnerId: b, position: 'withdraw', intensity: 8 - (i % 4) }],
            episodesSinceLastSession: i % 4, peakIntensity: 9, repairMinutes: 60, triggers: ['chores'],
            markers: [markers[i % 5], markers[(i + 2) % 5]],
          },
        },
      });
    }
    // Two assessments each, a day or two apart: their dates would sit on each other.
    const assessments = [
      [a, 20, [6, 6, 5, 6, 2, 2, 6, 6, 6]], [a, 18, [6, 5, 5, 6, 2, 3, 6, 5, 6]],
      [b, 20, [2, 2, 3, 2, 6, 6, 2, 2, 2]], [b, 19, [3, 2, 3, 2, 6, 5, 2, 2, 3]],
    ];
    for (const [partnerId, ago, answers] of assessments) {
      await h.api('POST', `/api/couples/${couple.id}/assessments`, {
        token,
        body: { partnerId, instrument: 'ECR-RS', administeredOn: daysAgo(ago), responses: Object.fromEntries(answers.map((v, i) => [`ecrrs-${i + 1}`, v])) },
      });
    }
    const page = await state.therapistContext.newPage();
    h.current.page = page;
    await page.setViewportSize({ width: 1440, height: 900 });
    await h.go(page, `/couples/${couple.id}/progress`);
    await page.locator('app-chart .canvas svg text').first().waitFor();
    await page.waitForTimeout(500);
    const overlaps = await overlappingChartText(page);
    if (overlaps.length) throw new Error(`chart labels overlap at 1440 px: ${overlaps.slice(0, 6).join('; ')}`);
    const events = await page.locator('app-chart .notes li').count();
    if (events !== 8) throw new Error(`expected the 8 change events listed under the chart, found ${events}`);
    const headings = await page.getByRole('heading', { name: 'Progress', exact: true }).count();
    if (headings !== 1) throw new Error(`the Progress heading appears ${headings} times`);
    await h.keyScreen(page, 'progress-crowded');
    await page.close();
  }

  return [
    ['workspace-sections-and-cycle-map', workspaceJourney],
    ['charts-read-cleanly', chartsJourney],
    ['partner-email-correction', correctionJourney],
    ['sign-and-amend', signAndAmendJourney],
    ['phone-portal', phonePortalJourney],
  ];
}
