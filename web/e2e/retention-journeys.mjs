// Browser journeys for issue 33: a partner downloads their own data from the account page on a phone; the
// therapist places a legal hold on a closed couple's record from the couple page, and the admin sees it on
// the Record retention page and releases it there. (The purge itself needs a couple closed years ago: the API
// tests cover it, PurgeTests.) journeys.mjs runs them with its helpers (passed in as `h`).

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

export function retentionJourneys(h) {
  const RUN = Date.now().toString(36);

  /** Partner A, on a phone: Download my data gives a ZIP named for them; the page never scrolls sideways. */
  async function myDataJourney() {
    h.need(h.state.partnerReady, 'a partner with a portal account');
    const context = await h.newContext({ ...PHONE, acceptDownloads: true });
    const page = await context.newPage();
    h.current.page = page;
    await h.signIn(page, h.PARTNER_A.email, h.PARTNER_A.password, '/portal');
    await h.go(page, '/account');
    const section = page.locator('section[aria-labelledby="my-data-heading"]');
    await section.getByRole('heading', { name: 'Your data' }).waitFor();
    for (const width of [320, 390, 430]) {
      await page.setViewportSize({ width, height: 844 });
      const { doc, view } = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
      if (doc > view) throw new Error(`the account page at ${width} px is ${doc} px wide`);
    }
    await page.setViewportSize(PHONE.viewport);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: h.NAV_TIMEOUT }),
      section.getByRole('button', { name: 'Download my data' }).click(),
    ]);
    if (!/\.zip$/.test(download.suggestedFilename())) throw new Error(`the download is "${download.suggestedFilename()}", not a ZIP`);
    const stream = await download.createReadStream();
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const bytes = Buffer.concat(chunks);
    if (bytes.length < 100 || bytes.subarray(0, 2).toString() !== 'PK') throw new Error(`the download is not a ZIP (${bytes.length} bytes)`);
    for (const name of ['my-data.json', 'my-data.html'])
      if (!bytes.includes(Buffer.from(name))) throw new Error(`the ZIP has no ${name}`);
    await section.getByRole('status').filter({ hasText: 'Your copy was downloaded' }).waitFor();
    await h.keyScreen(page, 'portal-my-data');
    await context.close();
  }

  /** A closed couple: the therapist holds its record from the couple page; the admin sees the hold and releases it. */
  async function legalHoldJourney() {
    h.need(h.state.therapistToken && h.state.therapistContext, 'a signed-in therapist');
    const couple = await h.api('POST', '/api/couples', {
      token: h.state.therapistToken,
      body: {
        partners: [
          { firstName: 'Hana', lastName: 'Berg', email: `hana.${RUN}@e2e.test` },
          { firstName: 'Ole', lastName: 'Berg', email: `ole.${RUN}@e2e.test` },
        ],
        presentingConcerns: 'Ended by agreement.', goals: 'None open.', startedOn: h.today(),
      },
    });
    await h.api('POST', `/api/couples/${couple.id}/close`, {
      token: h.state.therapistToken,
      body: { version: couple.version, reason: 'mutual_decision', summary: 'Ended by agreement.' },
    });

    const page = await h.state.therapistContext.newPage();
    h.current.page = page;
    await h.go(page, `/couples/${couple.id}`);
    const panel = page.locator('section[aria-labelledby="retention-heading"]');
    await panel.getByRole('heading', { name: 'Record retention' }).waitFor();
    await panel.getByText(/the record is kept until/).waitFor();
    await panel.getByLabel('Reason for a legal hold').fill(`Records request from a court (${RUN}).`);
    await panel.getByRole('button', { name: 'Place a legal hold' }).click();
    await panel.getByText(`on — Records request from a court (${RUN}).`, { exact: false }).waitFor();
    await panel.getByRole('button', { name: 'Release the hold' }).waitFor();
    await page.close();

    const context = await h.newContext();
    const admin = await context.newPage();
    h.current.page = admin;
    await h.signIn(admin, h.ADMIN_EMAIL, h.ADMIN_PASSWORD, '/');
    await h.go(admin, '/admin/retention');
    await admin.getByRole('heading', { level: 1, name: 'Record retention' }).waitFor();
    await admin.getByRole('radio', { name: 'All closed couples' }).or(admin.getByRole('button', { name: 'All closed couples' })).first().click();
    const row = admin.getByRole('row', { name: /Hana & Ole/ });
    await row.getByText(`Held: Records request from a court (${RUN}).`).waitFor();
    await h.keyScreen(admin, 'admin-retention-held');
    await row.getByRole('button', { name: 'Release the hold on Hana & Ole' }).click();
    await admin.getByRole('button', { name: 'Release the hold', exact: true }).click();
    await row.getByRole('cell', { name: 'No', exact: true }).waitFor();
    const after = await h.api('GET', `/api/couples/${couple.id}/retention`, { token: h.state.therapistToken });
    if (after.legalHold) throw new Error('the hold is still on after the admin released it');
    await context.close();
  }

  return [
    ['partner-downloads-my-data', myDataJourney],
    ['legal-hold-placed-and-released', legalHoldJourney],
  ];
}
