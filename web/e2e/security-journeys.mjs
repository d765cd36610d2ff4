// Browser journeys for the account screens: two-step verification (enrol, sign in with a code,
// sign in with a recovery code once), my sessions (end another, end this one), change password;
// and signing out for real: the portal's Leave this page after the access token has expired.
// They use people of their own, so enrolling in two-step verification does not change how
// the other journeys sign in. journeys.mjs runs them with its helpers (passed in as `h`).
import { readFile } from 'node:fs/promises';
import { timeStep, totp } from './totp.mjs';

export function securityJourneys(h) {
  const RUN = Date.now().toString(36);
  const MINA = { email: `mina.${RUN}@e2e.test`, password: `Mina-e2e-${RUN}-password`, firstName: 'Mina', lastName: 'Adeyemi' };
  /** What these journeys arrange for one another. */
  const mfa = { key: null, lastStep: null, codes: [], mainContext: null, secondContext: null };

  /** Email and password; answers the code step with `code` (an app code or a recovery code). */
  async function signInWithCode(page, email, password, { code, recovery = false, expectedPath = '/dashboard' }) {
    await h.go(page, '/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const codeField = page.getByLabel('Authentication code');
    await codeField.waitFor();
    if (recovery) {
      await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
      await page.getByLabel('Recovery code').fill(code);
    } else {
      await codeField.fill(code);
    }
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    if (expectedPath) {
      if (!response.ok()) throw new Error(`sign-in with a ${recovery ? 'recovery' : 'TOTP'} code failed: ${response.status()}`);
      await page.waitForURL((url) => url.pathname.startsWith(expectedPath), { timeout: h.NAV_TIMEOUT });
      await h.settle(page);
    }
    return response;
  }

  /**
   * A code the server has not seen yet: its replay block refuses a time step already used, and
   * it accepts one step either side of its own. So: the next unused step, waiting (at most a
   * step) when that one is still more than one step ahead of the clock.
   */
  async function freshCode() {
    const step = Math.max(timeStep(), (mfa.lastStep ?? -1) + 1);
    while (step > timeStep() + 1) await new Promise((resolve) => setTimeout(resolve, 1000));
    mfa.lastStep = step;
    return totp(mfa.key, step);
  }

  /** (h) A therapist turns on two-step verification from the account page, then signs in with a code. */
  async function enrolJourney() {
    const adminToken = await h.apiLogin(h.ADMIN_EMAIL, h.ADMIN_PASSWORD);
    const invited = await h.api('POST', '/api/admin/therapists', {
      token: adminToken,
      body: { email: MINA.email, firstName: MINA.firstName, lastName: MINA.lastName },
    });
    await h.api('POST', '/api/auth/invitations/accept', { body: { token: invited.invitationToken, password: MINA.password } });

    const context = await h.newContext();
    const page = await context.newPage();
    h.current.page = page;
    await h.signIn(page, MINA.email, MINA.password, '/dashboard');
    await page.getByRole('link', { name: 'Account' }).click();
    await page.waitForURL((url) => url.pathname === '/account', { timeout: h.NAV_TIMEOUT });
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    const twoStep = page.locator('section[aria-labelledby="two-step-heading"]');
    await twoStep.getByText('Status: Off').waitFor();
    await page.locator('app-my-sessions tr.mat-mdc-row').first().waitFor();
    await h.keyScreen(page, 'account');

    await twoStep.getByLabel('Current password').fill(MINA.password);
    await twoStep.getByRole('button', { name: 'Set up two-step verification' }).click();
    const qr = twoStep.getByRole('img', { name: /QR code/ });
    await qr.waitFor();
    if (!(await qr.getAttribute('src'))?.startsWith('data:image/png;base64,')) throw new Error('the QR code is not a PNG data URL');
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    if (!focused.includes('Add Clinic to your authenticator app')) throw new Error(`focus is on "${focused}", not the step heading`);
    mfa.key = (await page.getByTestId('shared-key').innerText()).trim();
    if (!/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/.test(mfa.key)) throw new Error(`the key is not shown in groups of four: "${mfa.key}"`);
    await h.keyScreen(page, 'account-two-step-enrol');

    await twoStep.getByLabel('Code from the app').fill(await freshCode());
    await twoStep.getByRole('button', { name: 'Turn on two-step verification' }).click();
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    mfa.codes = (await page.locator('ol.codes li').allInnerTexts()).map((c) => c.trim());
    if (mfa.codes.length !== 10 || !mfa.codes.every((c) => /^[A-Z0-9]{5}-[A-Z0-9]{5}$/.test(c))) {
      throw new Error(`expected 10 recovery codes like XXXXX-XXXXX, got ${JSON.stringify(mfa.codes)}`);
    }
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download as .txt' }).click(),
    ]);
    const saved = await readFile(await download.path(), 'utf8');
    if (download.suggestedFilename() !== 'clinic-recovery-codes.txt' || !mfa.codes.every((c) => saved.includes(c))) {
      throw new Error(`the downloaded file (${download.suggestedFilename()}) does not hold the codes`);
    }
    await h.keyScreen(page, 'account-recovery-codes');
    await page.getByRole('checkbox', { name: 'I have saved my recovery codes' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await twoStep.getByText('Status: On').waitFor();
    await twoStep.getByText('Two-step verification is on.').waitFor();

    // The header's Sign out (the account page also lists "Sign out on this device" per device).
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/login', { timeout: h.NAV_TIMEOUT });
    // The code of the next time step: the one used to confirm is spent.
    await signInWithCode(page, MINA.email, MINA.password, { code: await freshCode() });
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    mfa.mainContext = context;
  }

  /** (i) A recovery code signs in once; the same code a second time is refused. */
  async function recoveryCodeJourney() {
    h.need(mfa.codes.length === 10, 'two-step verification with recovery codes');
    const context = await h.newContext();
    const page = await context.newPage();
    h.current.page = page;
    await signInWithCode(page, MINA.email, MINA.password, { code: mfa.codes[0].toLowerCase(), recovery: true });
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    mfa.secondContext = context;

    const other = await (await h.newContext()).newPage();
    h.current.page = other;
    const response = await signInWithCode(other, MINA.email, MINA.password, { code: mfa.codes[0], recovery: true, expectedPath: null });
    if (response.status() !== 401) throw new Error(`a spent recovery code → ${response.status()}, expected 401`);
    await other.getByText('That recovery code did not work').waitFor();
    await h.keyScreen(other, 'sign-in-recovery-code');
    if (new URL(other.url()).pathname !== '/login') throw new Error(`a spent recovery code led to ${other.url()}`);
    await other.context().close();
  }

  /** (j) My sessions lists one row per device (both sessions here are the same browser, so one row marked "This device"); "Sign out everywhere else" signs the other out; signing out this device too. */
  async function mySessionsJourney() {
    h.need(mfa.mainContext && mfa.secondContext, 'two signed-in sessions');
    const page = await mfa.mainContext.newPage();
    h.current.page = page;
    await h.go(page, '/account');
    const rows = page.locator('app-my-sessions tr.mat-mdc-row');
    await rows.first().waitFor();
    const current = rows.filter({ hasText: 'This device' });
    if ((await current.count()) !== 1) throw new Error('expected exactly one row marked "This device"');
    const agents = await rows.count();
    await h.keyScreen(page, 'account-sessions');

    // The app's Material confirmation, not the browser's confirm(): focus starts on the button that
    // changes nothing, so Enter never signs anyone out by accident.
    await page.getByRole('button', { name: 'Sign out everywhere else' }).click();
    const ask = page.getByRole('alertdialog', { name: 'Sign out everywhere else?' });
    await ask.waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent?.trim() === 'Cancel');
    await ask.getByRole('button', { name: 'Sign out everywhere else' }).click();
    await page.getByText(/Signed out of \d+ other sessions?\./).waitFor();
    await page.getByRole('button', { name: 'Sign out everywhere else' }).waitFor({ state: 'detached' });
    if ((await rows.count()) > agents) throw new Error('signing out elsewhere added rows');

    // The other session is signed out on its next request.
    const ended = await mfa.secondContext.newPage();
    h.current.page = ended;
    await ended.goto('/dashboard', { waitUntil: 'domcontentloaded' });
    await ended.waitForURL((url) => url.pathname === '/login', { timeout: h.NAV_TIMEOUT });
    await mfa.secondContext.close();
    mfa.secondContext = null;

    h.current.page = page;
    await current.getByRole('button', { name: /Sign out/ }).click();
    await page.getByRole('alertdialog', { name: 'Sign out on this device?' }).getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('reason') === 'session-ended', {
      timeout: h.NAV_TIMEOUT,
    });
    await page.getByText('You ended the session on this device').waitFor();
    await mfa.mainContext.close();
    mfa.mainContext = null;
  }

  /** (k) Changing the password signs out everywhere; the new one works (with a code). */
  async function changePasswordJourney() {
    h.need(mfa.key, 'two-step verification');
    const context = await h.newContext();
    const page = await context.newPage();
    h.current.page = page;
    await signInWithCode(page, MINA.email, MINA.password, { code: mfa.codes[1], recovery: true });
    await h.go(page, '/account');
    const form = page.locator('app-change-password-form');
    const newPassword = `${MINA.password}-renewed`;
    await form.getByLabel('Current password').fill('not the password at all');
    await form.getByLabel('New password', { exact: true }).fill(newPassword);
    await form.getByLabel('Confirm new password').fill(newPassword);
    await form.getByRole('button', { name: 'Change password' }).click();
    const error = form.locator('mat-form-field', { has: page.getByLabel('Current password') }).locator('mat-error');
    await error.getByText('The current password is not right.').waitFor();

    await form.getByLabel('Current password').fill(MINA.password);
    await form.getByRole('button', { name: 'Change password' }).click();
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('reason') === 'password-changed', {
      timeout: h.NAV_TIMEOUT,
    });
    await page.getByText('Your password was changed').waitFor();
    await signInWithCode(page, MINA.email, newPassword, { code: await freshCode() });
    await context.close();
  }

  /** A therapist, a couple and partner A's portal account of their own, arranged through the API. */
  async function portalClient() {
    const therapist = { email: `leo.${RUN}@e2e.test`, password: `Leo-e2e-${RUN}-password` };
    const client = { email: `kit.${RUN}@e2e.test`, password: `Kit-e2e-${RUN}-password` };
    const adminToken = await h.apiLogin(h.ADMIN_EMAIL, h.ADMIN_PASSWORD);
    const invited = await h.api('POST', '/api/admin/therapists', {
      token: adminToken, body: { email: therapist.email, firstName: 'Leo', lastName: 'Marsh' },
    });
    await h.api('POST', '/api/auth/invitations/accept', { body: { token: invited.invitationToken, password: therapist.password } });
    const token = await h.apiLogin(therapist.email, therapist.password);
    const couple = await h.api('POST', '/api/couples', {
      token,
      body: {
        partners: [
          { firstName: 'Kit', lastName: 'Hale', email: client.email, pronouns: null },
          { firstName: 'Jo', lastName: 'Hale', email: `jo.${RUN}@e2e.test`, pronouns: null },
        ],
        presentingConcerns: 'Arguments about time together.', goals: 'Calmer evenings.', startedOn: new Date().toISOString().slice(0, 10),
      },
    });
    const partner = couple.partners.find((p) => p.label === 'partner_a');
    const invitation = await h.api('POST', `/api/couples/${couple.id}/partners/${partner.id}/invitation`, { token });
    await h.api('POST', '/api/auth/invitations/accept', { body: { token: invitation.invitationToken, password: client.password } });
    return client;
  }

  /**
   * (l) A client's access token expires (15 s on this instance); Leave this page still ends the
   * session on the server: Back shows the sign-in page, not the portal, and the refresh cookie the
   * browser held is refused.
   */
  async function leaveAfterTokenExpiryJourney() {
    h.need(h.SHORT_TOKEN_BASE, 'an instance with a short access-token lifetime (CLINIC_E2E_SHORT_TOKEN_URL)');
    const client = await portalClient();
    const context = await h.newContext({ baseURL: h.SHORT_TOKEN_BASE });
    // Leave this page goes to a weather site; here it answers locally.
    await context.route('https://www.bbc.co.uk/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><html lang="en"><title>Weather</title><h1>Weather</h1></html>' }),
    );
    const page = await context.newPage();
    h.current.page = page;
    const accessToken = await h.signIn(page, client.email, client.password, '/portal');
    const claims = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString());
    if (claims.exp - claims.iat !== 15) throw new Error(`the access token lives ${claims.exp - claims.iat} s, expected 15`);
    await page.getByRole('button', { name: 'Leave this page' }).waitFor();
    const cookie = (await context.cookies()).find((c) => c.name === 'clinic_refresh');
    if (!cookie) throw new Error('no refresh cookie after signing in');

    // Outlive the access token: 15 s plus the server's 5 s clock skew.
    await page.waitForTimeout(22_000);
    await page.getByRole('button', { name: 'Leave this page' }).click();
    await page.waitForURL((url) => url.hostname === 'www.bbc.co.uk', { timeout: h.NAV_TIMEOUT });

    await page.goBack({ waitUntil: 'domcontentloaded' });
    await h.settle(page);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const where = new URL(page.url()).pathname;
    if (where !== '/login') throw new Error(`Back after Leave this page showed ${where}, not the sign-in page`);
    if (await page.getByRole('button', { name: 'Leave this page' }).count()) throw new Error('Back reopened the portal');

    const refresh = await fetch(`${h.SHORT_TOKEN_BASE}/api/auth/refresh`, {
      method: 'POST', headers: { Cookie: `clinic_refresh=${cookie.value}` },
    });
    if (refresh.status !== 401) throw new Error(`the old refresh cookie → ${refresh.status}, expected 401`);
    await context.close();
  }

  return [
    ['portal-leave-after-token-expiry', leaveAfterTokenExpiryJourney],
    ['account-two-step-enrol', enrolJourney],
    ['account-recovery-code', recoveryCodeJourney],
    ['account-my-sessions', mySessionsJourney],
    ['account-change-password', changePasswordJourney],
  ];
}
