// Browser journey for issue 29: the therapist writes a treatment plan with a CSI-4 goal; the partner answers a
// CSI-4 above the target on a 390 px phone and agrees to the plan there; the plan then shows "Target reached on …";
// the therapist confirms the goal, closes the case and signs the summary drafted from the record.
// journeys.mjs runs it with its helpers (passed in as `h`).

import { widthProblems } from './page-checks.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const CSI4 = 'Couples Satisfaction Index (CSI-4)';

export function planJourneys(h) {
  const RUN = Date.now().toString(36);
  const partner = { firstName: 'Ines', lastName: 'Alves', email: `ines.${RUN}@e2e.test`, password: `Ines-e2e-${RUN}-pw` };

  async function planJourney() {
    h.need(h.state.therapistContext && h.state.therapistToken, 'a signed-in therapist');
    const token = h.state.therapistToken;
    const created = await h.api('POST', '/api/couples', {
      token,
      body: {
        partners: [
          { firstName: partner.firstName, lastName: partner.lastName, email: partner.email, pronouns: null },
          { firstName: 'Rui', lastName: 'Alves', email: `rui.${RUN}@e2e.test`, pronouns: null },
        ],
        presentingConcerns: 'Feel like flatmates.', goals: 'Feel close again.', startedOn: h.today(),
      },
    });
    const ines = created.partners.find((p) => p.label === 'partner_a');
    const invitation = await h.api('POST', `/api/couples/${created.id}/partners/${ines.id}/invitation`, { token });
    await h.api('POST', '/api/auth/invitations/accept', { body: { token: invitation.invitationToken, password: partner.password } });

    // 1. The therapist writes the plan: one shared goal measured by Ines's CSI-4 total, at least 14.
    const page = await h.state.therapistContext.newPage();
    h.current.page = page;
    await h.go(page, `/couples/${created.id}/plan`);
    await page.getByRole('heading', { level: 2, name: 'Treatment plan' }).waitFor();
    await page.getByRole('button', { name: 'Write the plan' }).click();
    const editor = page.locator('form.editor');
    await editor.getByLabel('Goal, in plain words').fill('Feel satisfied with each other again');
    // By keyboard: an empty select's resting label lies over it, and Playwright will not click through it.
    const pick = async (label, option) => {
      await editor.getByRole('combobox', { name: label }).press('Enter');
      await page.getByRole('option', { name: option, exact: true }).click();
    };
    await pick('Measured by', 'A questionnaire score');
    await pick('Questionnaire', 'CSI-4');
    await editor.getByRole('combobox', { name: 'Score' }).press('Enter');
    await page.getByRole('option').first().click();
    await pick('For', partner.firstName);
    await editor.getByLabel('Target', { exact: true }).fill('14');
    await editor.getByRole('button', { name: 'Save the plan' }).click();
    await page.getByText('Plan saved as version 1.').waitFor();
    const goal = page.locator('li.goal').first();
    await goal.getByText(`CSI-4 total ≥ 14 (${partner.firstName})`).waitFor();
    await goal.getByText('No evidence yet.').waitFor();
    await h.keyScreen(page, 'workspace-plan');

    // 2. Ines answers a CSI-4 on her phone, every answer at the top of its scale (21 of 21), and agrees to the plan.
    await h.api('POST', `/api/couples/${created.id}/questionnaire-requests`, { token, body: { partnerId: ines.id, instrument: 'CSI-4', shareResultsWithClient: true } });
    const phone = await h.newContext(PHONE);
    const portal = await phone.newPage();
    h.current.page = portal;
    await h.signIn(portal, partner.email, partner.password, '/portal');
    await portal.getByRole('link', { name: CSI4 }).click();
    await portal.waitForURL(/\/portal\/questionnaires\//);
    const groups = portal.locator('mat-radio-group');
    await groups.first().waitFor();
    const review = portal.getByRole('button', { name: 'Review my answers' });
    for (let i = 0; i < 4; i++) {
      await groups.first().getByRole('radio').last().check();
      if (await review.count()) break;
      await portal.getByRole('button', { name: 'Next' }).click();
      await portal.getByText(`${i + 2} of 4`).waitFor();
    }
    await review.click();
    await portal.getByRole('button', { name: 'Send my answers' }).click();
    await portal.getByRole('heading', { name: /your answers are saved/ }).waitFor();

    await h.go(portal, '/portal');
    await portal.getByRole('link', { name: 'See our plan' }).click();
    await portal.getByRole('heading', { level: 1, name: 'Our plan' }).waitFor();
    await portal.getByRole('heading', { name: 'Our goals as a couple' }).waitFor();
    await portal.getByText(/Your latest is 21; the aim is at least 14\. You reached it on/).waitFor();
    for (const width of [320, 390]) {
      await portal.setViewportSize({ width, height: 844 });
      await portal.waitForTimeout(150);
      const problems = await widthProblems(portal, width);
      if (problems.length) throw new Error(`the portal plan at ${width} px: ${problems.join('; ')}`);
    }
    await portal.setViewportSize(PHONE.viewport);
    await h.keyScreen(portal, 'portal-plan');
    await portal.getByLabel('Your full name').fill(`${partner.firstName} ${partner.lastName}`);
    await portal.getByLabel(/I agree to sign electronically/).check();
    await portal.getByRole('button', { name: 'Sign', exact: true }).click();
    await portal.getByText('You agreed to this plan on').waitFor();
    await phone.close();

    // 3. The plan shows the target reached (not met: the therapist confirms), and who agreed to it.
    h.current.page = page;
    await h.go(page, `/couples/${created.id}/plan`);
    await goal.getByText(/^Target reached on \d{1,2} \w{3} \d{4}$/).waitFor();
    await page.getByText(`${partner.firstName} agreed to the current version (1)`).waitFor();
    await goal.getByRole('button', { name: 'Confirm the goal is met' }).click();
    await page.getByText('marked met (version 2)').waitFor();
    const plan = await h.api('GET', `/api/couples/${created.id}/treatment-plan`, { token });
    if (plan.goals[0].status !== 'met' || plan.goals[0].progress?.achieved !== true)
      throw new Error(`after confirming, the goal is ${plan.goals[0].status} (achieved ${plan.goals[0].progress?.achieved})`);

    // 4. Close the case from the overview: the draft comes from the record; the therapist adds a line and signs.
    await h.go(page, `/couples/${created.id}`);
    await page.getByRole('button', { name: 'Close the case…' }).click();
    const summary = page.getByLabel('Closing summary');
    await page.waitForFunction(() => (document.querySelector('.close-form textarea')?.value ?? '').includes('Sessions held'));
    if (!(await summary.inputValue()).includes('Feel satisfied with each other again [met]'))
      throw new Error(`the draft does not list the met goal: ${(await summary.inputValue()).slice(0, 400)}`);
    await summary.fill(`${await summary.inputValue()}\nBoth agree the work is done (${RUN}).`);
    await page.getByRole('combobox', { name: 'Reason' }).press('Enter');
    await page.getByRole('option', { name: 'Goals met' }).click();
    await page.getByRole('button', { name: 'Sign and close' }).click();
    await page.getByRole('link', { name: 'Read the signed closing summary' }).waitFor();
    const signed = await h.api('GET', `/api/couples/${created.id}/closing-summary`, { token });
    if (signed.reason !== 'goals_met' || !signed.summary.includes(`Both agree the work is done (${RUN}).`))
      throw new Error(`the signed summary is not what was written: ${JSON.stringify(signed).slice(0, 300)}`);
    await h.go(page, `/couples/${created.id}/plan`);
    await page.getByRole('heading', { name: 'Closing summary' }).waitFor();
    await page.getByText(`Both agree the work is done (${RUN}).`, { exact: false }).waitFor();
    await page.close();
  }

  return [['plan-goal-reached-then-close', planJourney]];
}
