// lib.mjs — the browser-test harness: a real `stipple serve` with the demo data (tests/api's
// startServer, on SQLite), Debian's Chromium driven by playwright-core, an axe-core check, and
// screenshots under build/e2e-screens/ for a person to look at.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startServer, ROOT } from '../api/lib.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const SCREENS = path.join(ROOT, 'build/e2e-screens');
export const DESK = { width: 1366, height: 768 };
export const TABLET = { width: 768, height: 1024 };

/**
 * startApp serves a fresh demo database; returns {srv, url, owner: {email, password}}. options:
 * env (more environment for `stipple serve`, such as STIPPLE_SMTP_URL).
 */
export async function startApp({ env } = {}) {
  delete process.env.STIPPLE_TEST_PG; // the browser suite runs on the embedded database
  const srv = await startServer(env ? { env } : {});
  const r = await srv.cli(['init', '--demo']);
  assert.equal(r.code, 0, `stipple init --demo failed:\n${r.stderr}`);
  const password = /password:\s+(\S+)/.exec(r.stdout)?.[1];
  assert.ok(password, `no demo password in:\n${r.stdout}`);
  const who = (role) => ({ email: `${role}@demo.stipple.test`, password });
  return { srv, url: srv.url, owner: who('owner'), manager: who('manager'), reception: who('reception'), practitioner: who('practitioner') };
}

/** launch starts headless Chromium with the flags this machine needs. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

/**
 * openPage makes a fresh browser context (own cookies) at the given viewport (options: more
 * context options, such as hasTouch); every console error, page error or CSP violation is
 * collected in page.problems, and checkClean asserts there were none.
 */
export async function openPage(browser, viewport = DESK, options = {}) {
  const context = await browser.newContext({ viewport, ...options });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  return page;
}

export function checkClean(page, where) {
  // a refused request is shown by the app on purpose; the browser logs its status as an error
  const real = page.problems.filter((p) => !/Failed to load resource: the server responded with a status of (4\d\d)/.test(p));
  assert.deepEqual(real, [], `${where}: the browser reported problems`);
}

/** checkA11y runs axe-core on the page and fails on any serious or critical violation. */
export async function checkA11y(page, where) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`),
    [],
    `${where}: accessibility violations`,
  );
}

/** shot saves a full-page screenshot as build/e2e-screens/NAME.png. */
export async function shot(page, name) {
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
}

/** shotTop keeps the whole page from its top (the sticky navigation in its place). */
export async function shotTop(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, name);
}

/** dialogShot keeps what the person sees with a dialog open: the viewport. */
export async function dialogShot(page, name) {
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`) });
}

/** signIn fills the sign-in form and waits for the dashboard. */
export async function signIn(page, url, { email, password }) {
  await page.goto(url + '/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
}
