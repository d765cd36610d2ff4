// Browser journeys for issue 26: what a partner in crisis sees. On a 390×844 phone, a partner answers a
// PHQ-9 with item 9 = 1; the practice's crisis text is then on the screen, first, without scrolling.
// "Need help now?" opens the same text from any portal page in one tap. journeys.mjs runs them with its
// helpers (`h`); each arranges its own therapist, couple and partner through the API.

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const PHQ9 = 'Patient Health Questionnaire (PHQ-9)';

export function crisisJourneys(h) {
  const RUN = Date.now().toString(36);

  async function partnerWithPhq9() {
    const therapist = { email: `noor.${RUN}@e2e.test`, password: `Noor-e2e-${RUN}-password` };
    const client = { email: `rae.${RUN}@e2e.test`, password: `Rae-e2e-${RUN}-password` };
    const adminToken = await h.apiLogin(h.ADMIN_EMAIL, h.ADMIN_PASSWORD);
    // The practice's own crisis text, as its admin writes it.
    const settings = await h.api('GET', '/api/admin/practice', { token: adminToken });
    await h.api('PUT', '/api/admin/practice', {
      token: adminToken,
      body: {
        version: settings.version,
        crisisResources: '**If you are in danger now, call your local emergency number.**\n\n' +
          '- US: call or text [988](tel:988), the 988 Suicide & Crisis Lifeline.\n- UK: Samaritans on [116 123](tel:116123).',
      },
    });
    const invited = await h.api('POST', '/api/admin/therapists', {
      token: adminToken, body: { email: therapist.email, firstName: 'Noor', lastName: 'Aziz' },
    });
    await h.api('POST', '/api/auth/invitations/accept', { body: { token: invited.invitationToken, password: therapist.password } });
    const token = await h.apiLogin(therapist.email, therapist.password);
    const couple = await h.api('POST', '/api/couples', {
      token,
      body: {
        partners: [
          { firstName: 'Rae', lastName: 'Lund', email: client.email, pronouns: null },
          { firstName: 'Tom', lastName: 'Lund', email: `tom.${RUN}@e2e.test`, pronouns: null },
        ],
        presentingConcerns: 'Distance.', goals: 'Closeness.', startedOn: new Date().toISOString().slice(0, 10),
      },
    });
    const partner = couple.partners.find((p) => p.label === 'partner_a');
    const invitation = await h.api('POST', `/api/couples/${couple.id}/partners/${partner.id}/invitation`, { token });
    await h.api('POST', '/api/auth/invitations/accept', { body: { token: invitation.invitationToken, password: client.password } });
    await h.api('POST', `/api/couples/${couple.id}/questionnaire-requests`, {
      token, body: { partnerId: partner.id, instrument: 'PHQ-9', shareResultsWithClient: false },
    });
    return { client, token, couple };
  }

  async function phq9CrisisJourney() {
    const { client, token, couple } = await partnerWithPhq9();
    const phone = await h.newContext(PHONE);
    const page = await phone.newPage();
    h.current.page = page;
    await h.signIn(page, client.email, client.password, '/portal');
    await page.getByRole('link', { name: PHQ9 }).click();
    await page.waitForURL(/\/portal\/questionnaires\//);
    const review = page.getByRole('button', { name: 'Review my answers' });
    for (let i = 0; i < 9; i++) {
      const group = page.locator('mat-radio-group').first();
      await group.waitFor();
      // "Several days" (1) for every item, item 9 included.
      await group.getByRole('radio').nth(1).check();
      if (await review.count()) break;
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByText(`${i + 2} of 9`).waitFor();
    }
    await review.click();
    await page.getByRole('heading', { name: 'Check your answers' }).waitFor();
    await page.getByRole('button', { name: 'Send my answers' }).click();

    const heading = page.getByRole('heading', { name: 'If you need help now' });
    await heading.waitFor();
    const panel = page.locator('app-crisis-resources');
    await panel.getByText('If you are in danger now, call your local emergency number.').waitFor();
    await panel.getByRole('link', { name: '988' }).waitFor();
    // Visible without scrolling: the whole panel inside the 844 px viewport, above the thanks.
    const box = await panel.boundingBox();
    const view = page.viewportSize();
    if (!box || box.y < 0 || box.y + box.height > view.height)
      throw new Error(`the crisis text is not on the screen without scrolling: ${JSON.stringify(box)} in ${JSON.stringify(view)}`);
    const thanks = await page.getByRole('heading', { name: /your answers are saved/ }).boundingBox();
    if (!thanks || thanks.y < box.y) throw new Error('the crisis text is not before anything else in the answer');
    const link = await panel.getByRole('link', { name: '988' }).getAttribute('href');
    if (link !== 'tel:988') throw new Error(`the 988 link goes to ${link}`);
    const { doc, width } = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, width: window.innerWidth }));
    if (doc > width) throw new Error(`the crisis screen is ${doc} px wide on a ${width} px phone`);
    await h.keyScreen(page, 'portal-crisis-after-phq9');

    // The therapist's flag names its real source.
    const safety = await h.api('GET', `/api/couples/${couple.id}/safety`, { token });
    if (!safety.flags.some((f) => f.sourceLabel === 'PHQ-9 item 9')) throw new Error(`no flag from PHQ-9 item 9: ${JSON.stringify(safety.flags)}`);

    // "Need help now?" on another portal page: one tap, the same text, focus on it.
    await page.getByRole('link', { name: /Back to my portal/ }).first().click();
    await page.waitForURL(/\/portal$/);
    await page.getByRole('button', { name: 'Need help now?' }).click();
    await page.locator('#portal-help').getByRole('link', { name: '116 123' }).waitFor();
    const focused = await page.evaluate(() => document.activeElement?.id);
    if (focused !== 'portal-help-heading') throw new Error(`focus is on ${focused}, not the help heading`);
    const size = await page.getByRole('button', { name: 'Need help now?' }).boundingBox();
    if (!size || size.height < 44) throw new Error(`"Need help now?" is ${size?.height} px tall, under the 44 px touch target`);
    await h.keyScreen(page, 'portal-need-help');
    await phone.close();
  }

  return [['portal-crisis-after-phq9', phq9CrisisJourney]];
}
