// roles-tablet.test.mjs — the treatment-room tablet (768×1024) and what each role sees: a
// practitioner works through the client list and paging with the keyboard alone; reception
// sees no Users or Audit and is told plainly when a screen is not for their role; the owner's
// Users screen and a manager's audit view pass the accessibility check; the app runs under the
// server's strict Content-Security-Policy with no browser errors.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, launch, openPage, checkA11y, checkClean, shot, signIn, TABLET, DESK } from './lib.mjs';

const app = await startApp();
const browser = await launch();
after(async () => {
  await browser.close();
  await app.srv.stop();
});

const h1 = (page, name) => page.getByRole('heading', { level: 1, name, exact: true });
const nav = (page) => page.getByRole('navigation', { name: 'Main' });

test('on a tablet a practitioner signs in and pages through the clients using only the keyboard', async () => {
  const page = await openPage(browser, TABLET);
  await page.goto(app.url + '/');
  await h1(page, 'Sign in').waitFor();
  await page.getByLabel('Email').focus();
  await page.keyboard.type(app.practitioner.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(app.practitioner.password);
  await page.keyboard.press('Enter');
  await h1(page, 'Dashboard').waitFor();
  await shot(page, '20-tablet-dashboard');
  await checkA11y(page, 'tablet dashboard');
  // Tab to the Clients link of the main navigation and follow it
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => document.activeElement?.textContent?.trim());
    const inNav = await page.evaluate(() => !!document.activeElement?.closest('nav'));
    if (name === 'Clients' && inNav) break;
  }
  await page.keyboard.press('Enter');
  await h1(page, 'Clients').waitFor();
  await page.getByRole('row').nth(1).waitFor();
  const first = await page.getByRole('row').nth(1).innerText();
  await shot(page, '21-tablet-clients');
  await checkA11y(page, 'tablet clients');
  const next = page.getByRole('button', { name: 'Next page' });
  await next.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((before) => document.querySelectorAll('main table tr')[1]?.innerText !== before, first);
  const rows = await page.getByRole('row').count();
  assert.ok(rows > 1 && rows <= 26, `the second page shows the remaining demo clients (${rows - 1})`);
  await page.getByRole('button', { name: 'Previous page' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((before) => document.querySelectorAll('main table tr')[1]?.innerText === before, first);
  assert.equal(await nav(page).getByRole('link', { name: 'Users', exact: true }).count(), 0, 'no Users for a practitioner');
  checkClean(page, 'tablet practitioner');
});

test('reception sees no Users or Audit, and a direct address says the screen is not for their role', async () => {
  const page = await openPage(browser, DESK);
  await signIn(page, app.url, app.reception);
  assert.equal(await nav(page).getByRole('link', { name: 'Users', exact: true }).count(), 0);
  assert.equal(await nav(page).getByRole('link', { name: 'Audit', exact: true }).count(), 0);
  await nav(page).getByRole('link', { name: 'Clinics', exact: true }).click();
  await h1(page, 'Clinics').waitFor();
  assert.equal(await page.getByRole('button', { name: 'New clinic' }).count(), 0, 'reception cannot add clinics');
  await page.goto(app.url + '/#/audit');
  await h1(page, 'Not allowed').waitFor();
  await checkA11y(page, 'not allowed');
  await shot(page, '22-reception-not-allowed');
  checkClean(page, 'reception');
});

test('the owner manages users; a manager reads the audit log; both screens are accessible', async () => {
  const owner = await openPage(browser, DESK);
  await signIn(owner, app.url, app.owner);
  await nav(owner).getByRole('link', { name: 'Users', exact: true }).click();
  await h1(owner, 'Users').waitFor();
  await owner.getByRole('link', { name: app.reception.email }).waitFor();
  await checkA11y(owner, 'users');
  await shot(owner, '23-users');
  await owner.getByRole('button', { name: 'New user' }).click();
  await h1(owner, 'New user').waitFor();
  await owner.getByLabel('Email').fill('tom.tablet@demo.stipple.test');
  await owner.getByLabel('Name').fill('Tom Tablet');
  await owner.getByLabel('Role').selectOption('practitioner');
  await owner.getByLabel('Password').fill('password123');
  await owner.getByRole('button', { name: 'Save' }).click();
  await owner.getByText(/common password/i).first().waitFor();
  await shot(owner, '24-user-common-password');
  await owner.getByLabel('Password').fill('tattoo-chair-lamp-9');
  await owner.getByRole('button', { name: 'Save' }).click();
  await h1(owner, 'Tom Tablet').waitFor();
  checkClean(owner, 'owner users');

  const manager = await openPage(browser, DESK);
  await signIn(manager, app.url, app.manager);
  await nav(manager).getByRole('link', { name: 'Audit', exact: true }).click();
  await h1(manager, 'Audit').waitFor();
  await manager.getByRole('row').nth(1).waitFor();
  await checkA11y(manager, 'audit');
  await shot(manager, '25-audit-manager');
  checkClean(manager, 'manager audit');
});

test('pages are served under a strict CSP, gzip-compressed, with cache validators', async () => {
  const res = await fetch(app.url + '/', { headers: { 'accept-encoding': 'gzip' } });
  const csp = res.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.ok(res.headers.get('referrer-policy'));
  assert.equal(res.headers.get('content-encoding'), 'gzip');
  const etag = res.headers.get('etag');
  assert.ok(etag, 'an ETag');
  const again = await fetch(app.url + '/', { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304, 'an unchanged page is not sent again');
  const js = await fetch(app.url + '/assets/app.js');
  assert.match(js.headers.get('content-type'), /javascript/);
});
