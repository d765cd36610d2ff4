// Browser journey for issue 31: partner A writes privately to the therapist on a 390 px phone (the unsent text is
// kept on the server as a draft, never in the browser's storage); the therapist answers from the inbox in the
// couple's Messages section; partner B, signed in on their own phone, sees neither message.
// journeys.mjs runs it with its helpers (passed in as `h`).

import { widthProblems } from './page-checks.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

export function messagingJourneys(h) {
  const RUN = Date.now().toString(36);
  const couple = {
    a: { firstName: 'Maya', lastName: 'Lindqvist', email: `maya.${RUN}@e2e.test`, password: `Maya-e2e-${RUN}-pw` },
    b: { firstName: 'Jonas', lastName: 'Lindqvist', email: `jonas.${RUN}@e2e.test`, password: `Jonas-e2e-${RUN}-pw` },
  };
  const privateWords = `We argued again on Sunday and I could not say why (${RUN}).`;
  const reply = `Thank you for writing, Maya. Let us start there on Tuesday (${RUN}).`;

  async function fitsPhone(page, name) {
    for (const width of [320, 390]) {
      await page.setViewportSize({ width, height: 844 });
      await page.waitForTimeout(150);
      const problems = await widthProblems(page, width);
      if (problems.length) throw new Error(`${name} at ${width} px: ${problems.join('; ')}`);
    }
    await page.setViewportSize(PHONE.viewport);
  }

  async function privateMessageJourney() {
    h.need(h.state.therapistToken && h.state.therapistContext, 'a signed-in therapist');
    const token = h.state.therapistToken;
    const created = await h.api('POST', '/api/couples', {
      token,
      body: { partners: [couple.a, couple.b].map(({ firstName, lastName, email }) => ({ firstName, lastName, email, pronouns: null })),
        presentingConcerns: 'Arguments that end in silence.', goals: 'Talk it through.', startedOn: h.today() },
    });
    for (const [i, partner] of [couple.a, couple.b].entries()) {
      const invitation = await h.api('POST', `/api/couples/${created.id}/partners/${created.partners[i].id}/invitation`, { token });
      await h.api('POST', '/api/auth/invitations/accept', { body: { token: invitation.invitationToken, password: partner.password } });
    }

    // Partner A, on a phone: the private line, a draft kept on the server, then sent.
    const phoneA = await h.newContext(PHONE);
    const a = await phoneA.newPage();
    h.current.page = a;
    await h.signIn(a, couple.a.email, couple.a.password, '/portal');
    await h.go(a, '/portal/messages');
    await a.getByRole('heading', { level: 1, name: 'Messages' }).waitFor();
    await a.getByRole('tab', { name: 'Just me and my therapist' }).click();
    await a.getByRole('tabpanel', { name: 'Just me and my therapist' }).getByText('No messages yet.').waitFor();
    const kept = a.waitForResponse((r) => /\/api\/portal\/threads\/[^/]+\/draft$/.test(r.url()) && r.request().method() === 'PUT');
    await a.getByLabel('Your message').fill(privateWords);
    if (!(await kept).ok()) throw new Error('the unsent message was not kept on the server');
    const stored = await a.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    if (stored.includes('argued')) throw new Error('the draft was written to browser storage');
    await h.keyScreen(a, 'portal-messages-draft');
    await fitsPhone(a, 'portal-messages');
    const sent = a.waitForResponse((r) => /\/api\/portal\/threads\/[^/]+\/messages$/.test(r.url()) && r.request().method() === 'POST');
    await a.getByRole('button', { name: 'Send' }).click();
    if ((await sent).status() !== 201) throw new Error(`sending answered ${(await sent).status()}`);
    await a.getByRole('tabpanel').getByText(privateWords).waitFor();
    await a.getByText('Message sent.').waitFor({ state: 'attached' });

    // The therapist: the inbox lists the private thread; its link opens the couple's Messages section.
    const page = await h.state.therapistContext.newPage();
    h.current.page = page;
    await h.go(page, '/inbox');
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    const link = page.getByRole('link', { name: new RegExp(`${created.displayName}.*Maya \\(private\\)`) });
    await link.waitFor();
    await h.keyScreen(page, 'inbox');
    await link.click();
    await page.waitForURL((url) => url.pathname === `/couples/${created.id}/messages`, { timeout: h.NAV_TIMEOUT });
    const thread = page.getByRole('region', { name: 'Maya (private)' });
    await thread.getByText(privateWords).waitFor();
    await thread.getByLabel('Reply in Maya (private)').fill(reply);
    const answered = page.waitForResponse((r) => /\/api\/threads\/[^/]+\/messages$/.test(r.url()) && r.request().method() === 'POST');
    await thread.getByRole('button', { name: 'Send' }).click();
    if ((await answered).status() !== 201) throw new Error(`the reply answered ${(await answered).status()}`);
    await thread.getByText(reply).waitFor();
    await h.keyScreen(page, 'workspace-messages');
    await page.close();

    // Partner B, on their own phone: the joint thread and their own private line, neither holding a word of it.
    const phoneB = await h.newContext(PHONE);
    const b = await phoneB.newPage();
    h.current.page = b;
    await h.signIn(b, couple.b.email, couple.b.password, '/portal');
    await h.go(b, '/portal/messages');
    await b.getByRole('tab', { name: 'All of us' }).waitFor();
    const tabs = await b.getByRole('tab').allTextContents();
    if (tabs.length !== 2) throw new Error(`partner B sees ${tabs.length} threads`);
    for (const name of ['All of us', 'Just me and my therapist']) {
      await b.getByRole('tab', { name }).click();
      await b.getByRole('tabpanel', { name }).getByText('No messages yet.').waitFor();
      const text = await b.locator('main').innerText();
      if (text.includes(RUN)) throw new Error(`partner B saw a message meant for Maya in "${name}"`);
    }
    await phoneB.close();

    // And partner A finds the answer in the private line.
    await a.reload({ waitUntil: 'domcontentloaded' });
    await a.getByRole('tab', { name: 'Just me and my therapist' }).click();
    await a.getByRole('tabpanel', { name: 'Just me and my therapist' }).getByText(reply).waitFor();
    await phoneA.close();
  }

  return [['messaging-private-line', privateMessageJourney]];
}
