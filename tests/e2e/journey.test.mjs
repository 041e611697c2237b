// journey.test.mjs — a clinic owner's first morning, in Chromium at the front-desk size: sign in
// (a wrong password first), create a clinic, a practitioner and a client, find the client by
// search, edit them, see the change in the audit view, sign out and be refused. Controls are
// found by role and label, as a screen reader would; every screen is checked with axe-core and
// saved as a screenshot under build/e2e-screens/.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, launch, openPage, checkA11y, checkClean, shot, DESK } from './lib.mjs';

const app = await startApp();
const browser = await launch();
after(async () => {
  await browser.close();
  await app.srv.stop();
});

const page = await openPage(browser, DESK);
const nav = (name) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
const h1 = (name) => page.getByRole('heading', { level: 1, name, exact: true });

/** Each screen the journey reaches: wait for its heading, check it, keep a picture. */
async function screen(name, heading) {
  await h1(heading).waitFor();
  await checkA11y(page, name);
  await shot(page, name);
}

test('a wrong password is refused with a clear message; the right one lands on the dashboard', async () => {
  await page.goto(app.url + '/');
  await screen('01-sign-in', 'Sign in');
  await page.getByLabel('Email').fill(app.owner.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').getByText('The email or password is not right').waitFor();
  await shot(page, '02-sign-in-wrong-password');
  assert.equal(await page.getByLabel('Email').inputValue(), app.owner.email, 'the email is kept');
  await page.getByLabel('Password').fill(app.owner.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await screen('03-dashboard', 'Dashboard');
  await page.getByText('Olivia Owner').first().waitFor();
});

test('the owner creates a clinic, which then appears in the list', async () => {
  await nav('Clinics').click();
  await screen('04-clinics', 'Clinics');
  await page.getByRole('button', { name: 'New clinic' }).click();
  await screen('05-clinic-new', 'New clinic');
  await page.getByLabel('Name').fill('Manchester');
  await page.getByLabel('City').fill('Manchester');
  await page.getByLabel('Address').fill('1 Deansgate, Manchester M3 1AZ');
  await page.getByLabel('Time zone').selectOption('Europe/London');
  await page.getByLabel('Currency').selectOption('GBP');
  await page.getByLabel('Price uplift %').fill('10');
  await page.getByRole('button', { name: 'Save' }).click();
  await screen('06-clinic-saved', 'Manchester');
  await page.getByRole('status').getByText('Saved').waitFor();
  await nav('Clinics').click();
  await h1('Clinics').waitFor();
  await page.getByRole('link', { name: 'Manchester', exact: true }).waitFor();
});

test('a practitioner is added to two clinics', async () => {
  await nav('Staff').click();
  await screen('07-staff', 'Staff');
  await page.getByRole('button', { name: 'New practitioner' }).click();
  await screen('08-practitioner-new', 'New practitioner');
  await page.getByLabel('Name').fill('Nina Patel');
  await page.getByLabel('Email').fill('nina.patel@demo.stipple.test');
  const clinics = page.getByRole('group', { name: 'Clinics' });
  await clinics.getByLabel('Manchester').check();
  await clinics.getByLabel('London').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await screen('09-practitioner-saved', 'Nina Patel');
  await page.getByText('Manchester').first().waitFor();
});

test('a client form shows what is wrong next to the field and keeps what was typed', async () => {
  await nav('Clients').click();
  await screen('10-clients', 'Clients');
  await page.getByRole('button', { name: 'New client' }).click();
  await screen('11-client-new', 'New client');
  await page.getByLabel('First name').fill('Aoife');
  await page.getByLabel('Last name').fill('Brennan-Kowalski');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Clinic').selectOption({ label: 'Manchester' });
  await page.getByRole('button', { name: 'Save' }).click();
  const email = page.getByLabel('Email');
  await page.waitForFunction(() => document.activeElement && document.activeElement.getAttribute('aria-invalid') !== null || document.querySelector('[aria-invalid="true"]'));
  assert.equal(await email.getAttribute('aria-invalid'), 'true', 'the email field is marked invalid');
  await shot(page, '12-client-form-error');
  assert.equal(await page.getByLabel('First name').inputValue(), 'Aoife', 'what was typed is kept');
  await email.fill('aoife.bk@example.com');
  await page.getByLabel('Phone').fill('+44 161 496 0000');
  await page.getByLabel('Date of birth').fill('1988-04-12');
  await page.getByLabel('Notes').fill('Norwood V. Wants a soft, conservative hairline.');
  await page.getByRole('button', { name: 'Save' }).click();
  await screen('13-client-page', 'Aoife Brennan-Kowalski');
  await page.getByRole('heading', { name: 'Timeline' }).waitFor();
});

test('the client is found by search, edited, and the change shows in the audit view', async () => {
  await nav('Clients').click();
  await h1('Clients').waitFor();
  await page.getByLabel('Search clients').fill('brenn');
  const link = page.getByRole('link', { name: 'Aoife Brennan-Kowalski' });
  // the list narrows once the search answers: a header row and exactly one client
  await page.waitForFunction(() => document.querySelectorAll('main table tr').length === 2, null, { timeout: 10000 });
  await link.waitFor();
  await shot(page, '14-clients-search');
  assert.equal(await page.getByRole('row').count(), 2, 'one header row and exactly one client');
  await link.click();
  await h1('Aoife Brennan-Kowalski').waitFor();
  const id = /#\/clients\/(\d+)/.exec(page.url())?.[1];
  assert.ok(id, `the client page has the id in its address: ${page.url()}`);
  await page.getByRole('button', { name: 'Edit' }).click();
  await screen('15-client-edit', 'Edit client');
  await page.getByLabel('Phone').fill('+44 161 496 0999');
  await page.getByRole('button', { name: 'Save' }).click();
  await h1('Aoife Brennan-Kowalski').waitFor();
  await page.getByText('+44 161 496 0999').waitFor();

  await nav('Audit').click();
  await h1('Audit').waitFor();
  await page.getByLabel('Client id').fill(id);
  await page.getByRole('button', { name: 'Filter' }).click();
  const update = page.getByRole('row').filter({ hasText: 'update' });
  await update.first().waitFor();
  assert.ok(await update.first().getByText(app.owner.email).count(), 'the change is shown with who made it');
  await page.getByRole('row').filter({ hasText: 'create' }).first().waitFor();
  await checkA11y(page, '16-audit');
  await shot(page, '16-audit');
});

test('signing out ends the session: the app asks for a sign-in and the API refuses the old cookie', async () => {
  const cookies = await page.context().cookies();
  const old = cookies.find((c) => c.name === 'stipple_session');
  assert.ok(old, 'a session cookie was set');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await screen('17-signed-out', 'Sign in');
  await page.getByText('You have signed out.').waitFor();
  await page.goto(app.url + '/#/clients');
  await h1('Sign in').waitFor();
  const res = await fetch(app.url + '/api/v1/clients', { headers: { cookie: `stipple_session=${old.value}` } });
  assert.equal(res.status, 401, 'the old session is refused by the server');
  checkClean(page, 'the whole journey');
});
