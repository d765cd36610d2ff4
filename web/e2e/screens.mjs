// `make screens`: screenshots of the main screens at 1440 px and at a 390 px phone, taken from the
// demo practice (web/e2e/run.sh starts the app with CLINIC_E2E_SEED_DEMO=1), into docs/screens/,
// and the same screens checked at 320 px (no screenshot). Each screen at each width fails when
//   - the page is wider than the screen, as drawn or after focusing any field (320 and 390 px);
//   - a date or time is written another way than the app's one rule (shared/ui/when.ts);
//   - text labels of a drawn chart overlap (1440 px).
// Prints "N passed, N failed" (one per screen and width) so a missing screen is noticed.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { datesOutOfRule, overlappingChartText, widthProblems } from './page-checks.mjs';

const BASE = process.env.CLINIC_E2E_BASE_URL ?? 'http://127.0.0.1:8080';
const CHROMIUM = process.env.CLINIC_E2E_CHROMIUM || '/usr/bin/chromium';
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screens');
const THERAPIST = { email: 'ada.moss@demo.clinic.test', password: 'Therapist-demo-2026!' };
const CLIENT = { email: 'linh.nguyen@demo.clinic.test', password: 'Client-demo-2026!' }; // her couple's map is shared
const ADMIN = { email: process.env.CLINIC_E2E_ADMIN_EMAIL, password: process.env.CLINIC_E2E_ADMIN_PASSWORD };
// Issue 28's states from seeds/demo/agreements.json: Alex Reed is mid-intake (form started), Casey Brooks has the policy to sign.
const ALEX = { email: 'alex.reed@demo.clinic.test', password: 'Client-demo-2026!' };
const CASEY = { email: 'casey.brooks@demo.clinic.test', password: 'Client-demo-2026!' };
const CLARA = { email: 'clara.lindqvist@demo.clinic.test', password: 'Therapist-demo-2026!' }; // Ada's supervisor in the demo
const WIDTHS = [
  { name: '1440', viewport: { width: 1440, height: 900 }, charts: true },
  { name: '390', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, phone: true },
  { name: '320', viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true, phone: true, checkOnly: true },
];
mkdirSync(OUT, { recursive: true });

async function api(method, path, token) {
  const response = await fetch(BASE + path, { method, headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}`);
  return response.json();
}

async function token({ email, password }) {
  const response = await fetch(`${BASE}/api/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password, totpCode: null }),
  });
  if (!response.ok) throw new Error(`sign-in of ${email} → ${response.status}`);
  return (await response.json()).accessToken;
}

async function signIn(page, { email, password }) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 60_000 });
}

async function settle(page) {
  await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => {});
  await page.waitForTimeout(400); // charts draw after the data arrives
}

const therapistToken = await token(THERAPIST);
const couples = await api('GET', '/api/couples?search=Alex&pageSize=10', therapistToken);
const reed = couples.items.find((c) => c.displayName === 'Alex & Sam');
const linh = (await api('GET', '/api/couples?search=Linh&pageSize=10', therapistToken)).items[0];
const sessions = await api('GET', `/api/couples/${linh.id}/sessions?pageSize=100`, therapistToken);
const signedSession = sessions.items.find((s) => s.signedAt); // newest first
const clientToken = await token(CLIENT);
const linhHomework = (await api('GET', '/api/portal/homework', clientToken)).items[0];
const linhCheckIn = (await api('GET', '/api/portal/check-ins', clientToken)).items[0]; // only the ones waiting
if (!linhCheckIn) throw new Error('the demo has no check-in waiting for Linh (seeds/demo/couples/03-nguyen.json)');
const alexForm = (await api('GET', '/api/portal/forms', await token(ALEX))).items.find((f) => f.status === 'pending');
const caseyToSign = (await api('GET', '/api/portal/agreements', await token(CASEY))).items.find((a) => a.myStatus === 'pending');

/** [file name, who, path, what to wait for] */
const screens = [
  ['caseload', THERAPIST, '/dashboard', (p) => p.locator('table').first().waitFor()],
  ['couple-overview', THERAPIST, `/couples/${linh.id}`, (p) => p.getByRole('heading', { name: "Last session's cycle" }).waitFor()],
  ['cycle-map', THERAPIST, `/couples/${reed.id}/cycle-map`, (p) => p.locator('app-cycle-loop').waitFor()],
  ['calendar', THERAPIST, '/calendar', (p) => p.getByRole('heading', { level: 1 }).waitFor()],
  ['appointments', THERAPIST, `/couples/${linh.id}/appointments`, (p) => p.getByRole('heading', { level: 2 }).first().waitFor()],
  ['assessments', THERAPIST, `/couples/${linh.id}/assessments`, (p) => p.getByRole('heading', { level: 2 }).first().waitFor()],
  ['progress', THERAPIST, `/couples/${linh.id}/progress`, (p) => p.locator('app-couple-dashboard').waitFor()],
  ['session-signed', THERAPIST, `/sessions/${signedSession.id}`, (p) => p.getByText(/Signed by/).first().waitFor()],
  ['report', THERAPIST, `/couples/${linh.id}/report`, (p) => p.getByRole('heading', { name: 'Signed sessions' }).waitFor()],
  ['account', THERAPIST, '/account', (p) => p.getByRole('heading', { name: 'Change password' }).waitFor()],
  ['portal-home', CLIENT, '/portal', (p) => p.getByRole('heading', { level: 1 }).waitFor()],
  ['portal-cycle-map', CLIENT, '/portal/cycle-map', (p) => p.locator('app-cycle-loop').waitFor()],
  ['agreements', THERAPIST, `/couples/${reed.id}/agreements`, (p) => p.locator('table.agreements').waitFor()],
  ['intake', THERAPIST, `/couples/${reed.id}/intake`, (p) => p.getByRole('heading', { name: 'Forms' }).waitFor()],
  ['portal-to-sign', ALEX, '/portal', (p) => p.getByRole('heading', { name: 'To sign and fill in' }).waitFor()],
  ['portal-intake-form', ALEX, `/portal/forms/${alexForm.id}`, (p) => p.getByText(/Part \d of/).waitFor()],
  ['portal-agreement-sign', CASEY, `/portal/agreements/${caseyToSign.id}`, (p) => p.getByRole('heading', { name: 'Sign' }).waitFor()],
  ['portal-signed', CLIENT, '/portal/signed', (p) => p.getByRole('heading', { name: 'What I signed' }).waitFor()],
  ['admin-documents', ADMIN, '/admin/documents', (p) => p.locator('.documents').waitFor()],
  ['admin-forms', ADMIN, '/admin/forms', (p) => p.locator('.forms').waitFor()],
  ['portal-homework', CLIENT, `/portal/homework/${linhHomework.id}`, (p) => p.getByRole('heading', { name: 'Log how it went' }).waitFor()],
  ['portal-check-in', CLIENT, `/portal/check-ins/${linhCheckIn.id}`, (p) => p.locator('form').first().waitFor()],
  ['audit', ADMIN, '/admin/audit', (p) => p.locator('table').waitFor()],
  ['deliveries', ADMIN, '/admin/deliveries', (p) => p.getByRole('heading', { level: 1 }).waitFor()],
  ['practice-settings', ADMIN, '/admin/practice', (p) => p.getByRole('heading', { name: 'Crisis resources' }).waitFor()],
  // "Need help now?" opened on the portal home: the practice's crisis text.
  ['portal-need-help', CLIENT, '/portal', async (p) => {
    await p.getByRole('button', { name: 'Need help now?' }).click();
    await p.locator('#portal-help app-crisis-resources').waitFor();
  }],
  ['retention', ADMIN, '/admin/retention', async (p) => {
    await p.getByText('All closed couples').click();
    await p.locator('tbody th').first().waitFor();
  }],
  ['backups', ADMIN, '/admin/backups', (p) => p.getByRole('heading', { name: 'WAL archive' }).waitFor()],
  ['portal-account', CLIENT, '/account', (p) => p.getByRole('heading', { name: 'Your data' }).waitFor()],
  ['plan', THERAPIST, `/couples/${linh.id}/plan`, (p) => p.getByRole('heading', { level: 2 }).first().waitFor()],
  ['messages', THERAPIST, `/couples/${linh.id}/messages`, (p) => p.getByRole('heading', { level: 2 }).first().waitFor()],
  ['inbox', THERAPIST, '/inbox', (p) => p.getByRole('heading', { level: 1 }).waitFor()],
  ['waitlist', THERAPIST, '/waitlist', (p) => p.getByRole('heading', { level: 1 }).waitFor()],
  ['conceptualisation', THERAPIST, `/couples/${linh.id}/conceptualisation`, (p) => p.getByRole('heading', { level: 2 }).first().waitFor()],
  ['supervision-log', THERAPIST, '/supervision/log', (p) => p.getByRole('heading', { level: 1 }).waitFor()],
  ['supervision-queue', CLARA, '/supervision', (p) => p.getByRole('heading', { level: 1 }).waitFor()],
  ['portal-plan', CLIENT, '/portal/plan', (p) => p.getByRole('heading', { level: 1 }).waitFor()],
  ['portal-messages', CLIENT, '/portal/messages', (p) => p.getByRole('heading', { level: 1 }).waitFor()],
  ['portal-booking', CLIENT, '/portal/booking', (p) => p.getByRole('heading', { level: 1 }).waitFor()],
];

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
let passed = 0;
let failed = 0;
for (const width of WIDTHS) {
  const contexts = new Map();
  for (const [name, who, path, ready] of screens) {
    try {
      if (!contexts.has(who)) {
        const context = await browser.newContext({ ...width, locale: 'en-GB', baseURL: BASE, reducedMotion: 'reduce' });
        // The live message stream never ends, so a page holding it never reaches network idle: the app polls instead.
        await context.route('**/api/messages/stream', (route) => route.fulfill({ status: 503, body: '' }));
        context.setDefaultTimeout(45_000);
        const page = await context.newPage();
        await signIn(page, who);
        contexts.set(who, page);
      }
      const page = contexts.get(who);
      await page.goto(path);
      await ready(page);
      await settle(page);
      if (!width.checkOnly) await page.screenshot({ path: join(OUT, `${name}-${width.name}.png`), fullPage: true });
      const problems = [...await datesOutOfRule(page)];
      // A page wider than the screen makes a phone scroll sideways: wide tables scroll in their own box,
      // and no field may widen the page once focused.
      if (width.phone) problems.push(...await widthProblems(page, width.viewport.width));
      else {
        const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        if (pageWidth > width.viewport.width) problems.push(`the page is ${pageWidth} px wide on a ${width.viewport.width} px screen`);
      }
      if (width.charts) problems.push(...(await overlappingChartText(page)).map((o) => `chart labels overlap: ${o}`));
      if (problems.length) throw new Error(problems.slice(0, 8).join('; '));
      passed++;
      console.log(`PASS ${name}-${width.name}`);
    } catch (error) {
      failed++;
      console.log(`FAIL ${name}-${width.name}: ${(error?.message ?? String(error)).split('\n')[0]}`);
    }
  }
  for (const page of contexts.values()) await page.context().close();
}
await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
