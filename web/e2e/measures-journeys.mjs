// Browser journey for measurement-based care (issue 17's done-when path): the therapist schedules
// CSI-4 every two weeks for both partners from the assessments section; partner A answers it on a
// 390×844 phone, one statement at a time; the progress section draws the satisfaction line with its
// cut-off and data table; another couple's PHQ-9 deterioration is on the caseload dashboard; a
// schedule is stopped. journeys.mjs runs it after the workspace journeys, with its helpers (`h`).

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const CSI4 = 'Couples Satisfaction Index (CSI-4)';

function daysAgo(days) {
  const d = new Date(Date.now() - days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function measuresJourneys(h) {
  const { state } = h;

  async function scheduleAnswerAndChartJourney() {
    h.need(state.partnerReady && state.therapistContext && state.coupleId, 'a couple with partner A in the portal');
    const a = h.PARTNER_A.firstName;
    const b = h.PARTNER_B.firstName;

    // 1. Schedule CSI-4 every two weeks for both partners, starting today.
    const page = await state.therapistContext.newPage();
    h.current.page = page;
    await h.go(page, `/couples/${state.coupleId}/assessments`);
    const form = page.locator('app-measure-schedules form');
    await form.getByRole('button', { name: 'Schedule' }).waitFor();
    await form.getByRole('combobox', { name: 'For' }).click();
    await page.getByRole('option', { name: 'Both partners' }).click();
    await form.getByRole('combobox', { name: 'Questionnaire' }).click();
    await page.getByRole('option', { name: CSI4 }).click();
    await form.getByLabel('Every … weeks').fill('2');
    await form.getByRole('button', { name: 'Schedule' }).click();
    await page.getByText(`CSI-4 every 2 weeks scheduled for ${a} and ${b}.`).waitFor();
    await page.getByRole('button', { name: `Stop CSI-4 for ${b}` }).waitFor();
    await h.keyScreen(page, 'measure-schedules');
    const schedules = await h.api('GET', `/api/couples/${state.coupleId}/measure-schedules`, { token: state.therapistToken });
    const csi = schedules.filter((s) => s.instrument === 'CSI-4' && s.running);
    if (csi.length !== 2 || csi.some((s) => s.everyWeeks !== 2 || s.requests.length !== 1))
      throw new Error(`expected two running CSI-4 schedules with today's request each: ${JSON.stringify(schedules).slice(0, 300)}`);

    // 2. Partner A answers it on a phone, one statement at a time.
    const phone = await h.newContext(PHONE);
    const portal = await phone.newPage();
    h.current.page = portal;
    await h.signIn(portal, h.PARTNER_A.email, h.PARTNER_A.password, '/portal');
    await portal.getByRole('link', { name: CSI4 }).click();
    await portal.waitForURL(/\/portal\/questionnaires\//);
    const groups = portal.locator('mat-radio-group');
    await groups.first().waitFor();
    await portal.getByText('1 of 4').waitFor();
    await h.keyScreen(portal, 'phone-csi4');
    const { doc, view } = await portal.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
    if (doc > view) throw new Error(`the CSI-4 on a phone is ${doc} px wide, wider than the ${view} px screen`);
    // Next without an answer keeps the partner on the statement.
    await portal.getByRole('button', { name: 'Next' }).click();
    await portal.getByText('1 of 4').waitFor();
    const review = portal.getByRole('button', { name: 'Review my answers' });
    for (let i = 0; i < 4; i++) {
      await groups.first().getByRole('radio').nth(1).check();
      if (await review.count()) break;
      await portal.getByRole('button', { name: 'Next' }).click();
      await portal.getByText(`${i + 2} of 4`).waitFor();
    }
    await review.click();
    await portal.getByRole('heading', { name: 'Check your answers' }).waitFor();
    await portal.getByRole('button', { name: 'Send my answers' }).click();
    await portal.getByRole('heading', { name: /your answers are saved/ }).waitFor();
    await phone.close();

    // 3. The progress section draws the satisfaction line with its cut-off, and the table has the score.
    h.current.page = page;
    const assessments = await h.api('GET', `/api/couples/${state.coupleId}/assessments?pageSize=100`, { token: state.therapistToken });
    const answered = assessments.items.find((x) => x.instrument === 'CSI-4' && x.partnerId === state.partnerAId);
    if (!answered) throw new Error('the CSI-4 answered on the phone is not among the assessments');
    await h.go(page, `/couples/${state.coupleId}/progress`);
    await page.getByRole('heading', { name: 'Satisfaction, depression and anxiety' }).waitFor();
    const chart = page.locator('app-measure-chart').filter({ has: page.getByRole('heading', { name: 'Relationship satisfaction (CSI-4)' }) });
    await chart.locator('canvas, svg').first().waitFor();
    const text = (await chart.textContent()) ?? '';
    if (!text.includes('13.5 cut-off')) throw new Error(`the CSI-4 chart does not state its cut-off: ${text.slice(0, 300)}`);
    const rows = await chart.locator('table tr').allTextContents();
    if (!rows.some((r) => r.includes(a) && r.includes(String(answered.scores.total))))
      throw new Error(`the CSI-4 data table has no row for ${a} scoring ${answered.scores.total}: ${rows.join(' | ').slice(0, 300)}`);
    await h.keyScreen(page, 'progress-measures');

    // 4. Another couple's PHQ-9 rose 8 → 15: a reliable deterioration (6 points or more) on the caseload.
    const other = await h.api('POST', '/api/couples', {
      token: state.therapistToken,
      body: {
        partners: [
          { firstName: 'Maeve', lastName: 'Byrne', email: `maeve.${Date.now().toString(36)}@e2e.test` },
          { firstName: 'Declan', lastName: 'Byrne', email: `declan.${Date.now().toString(36)}@e2e.test` },
        ],
        presentingConcerns: 'Distance', goals: 'Closeness', startedOn: daysAgo(30),
      },
    });
    const maeve = other.partners.find((p) => p.label === 'partner_a').id;
    const phq = (answers) => Object.fromEntries(answers.map((v, i) => [`phq9-${i + 1}`, v]));
    for (const [on, answers] of [[daysAgo(14), [1, 1, 1, 1, 1, 1, 1, 1, 0]], [daysAgo(0), [2, 2, 2, 2, 2, 2, 2, 1, 0]]]) {
      await h.api('POST', `/api/couples/${other.id}/assessments`, {
        token: state.therapistToken,
        body: { partnerId: maeve, instrument: 'PHQ-9', administeredOn: on, responses: phq(answers) },
      });
    }
    await h.go(page, '/dashboard');
    const row = page.getByRole('row').filter({ hasText: 'Maeve' });
    await row.getByText(/Reliable deterioration/).first().waitFor();
    const rowText = (await row.first().textContent()) ?? '';
    if (!rowText.includes('PHQ-9') || !rowText.includes('+7 points'))
      throw new Error(`the caseload row does not explain the PHQ-9 deterioration: ${rowText.slice(0, 300)}`);

    // 5. Stop one partner's schedule: a soft end, the other keeps running.
    await h.go(page, `/couples/${state.coupleId}/assessments`);
    await page.getByRole('button', { name: `Stop CSI-4 for ${b}` }).click();
    await page.getByText(`Stopped CSI-4 for ${b}. The answers so far are kept.`).waitFor();
    const after = await h.api('GET', `/api/couples/${state.coupleId}/measure-schedules`, { token: state.therapistToken });
    const running = after.filter((s) => s.instrument === 'CSI-4' && s.running).map((s) => s.partnerId);
    if (running.length !== 1 || running[0] !== state.partnerAId) throw new Error(`after Stop, running: ${JSON.stringify(running)}`);
    await page.close();
  }

  return [['measures-schedule-phone-progress', scheduleAnswerAndChartJourney]];
}
