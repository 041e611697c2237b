// consultation.test.mjs — the treatment room: on a tablet (768×1024) a practitioner records a
// consultation with a client whose hair transplant was five months ago and who takes aspirin.
// The wizard's live "Eligibility" panel says "Defer until <transplant + 9 months>" with the
// aspirin caution before anything is saved; a refusal from the server lands next to the field it
// names, on that field's step; once saved, the consultation's page shows the same answer from
// the server. The client then signs the consent form on the tablet (typed name and a signature
// drawn with the pointer) and the client page shows "Consent: signed (v1)" and both records on
// the timeline. Reception sees the consent but no consultations and no "New consultation"; at
// the desk a manager edits the consultation. axe-core checks every screen; screenshots 30-….
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
const nav = (page, name) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
const stepHeading = (page, title) => page.getByRole('heading', { level: 2, name: new RegExp(`^Step \\d of 4 ${title}$`) });
const group = (page, name) => page.getByRole('group', { name, exact: true });
const eligibility = (page) => page.getByRole('region', { name: 'Eligibility' });

// dates as the server's rules count them: calendar months, the day clamped to the month
const pad = (n) => String(n).padStart(2, '0');
const ymd = (d) => `${d.y}-${pad(d.m)}-${pad(d.d)}`;
const daysIn = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
function addMonths(d, n) {
  const months = d.y * 12 + (d.m - 1) + n;
  const y = Math.floor(months / 12);
  const m = (months % 12) + 1;
  return { y, m, d: Math.min(d.d, daysIn(y, m)) };
}
const now = new Date();
const today = { y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() };
const transplant = addMonths(today, -5);
const until = addMonths(transplant, 9);
const words = (d) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
  .format(new Date(Date.UTC(d.y, d.m - 1, d.d)));
const DEFER = `Defer until ${words(until)}`;
const ASPIRIN = /aspirin should be stopped before treatment/;

const NO_TO = [
  'Has the client had an allergic reaction to a pigment or tattoo?',
  'Does the client have a scalp condition?',
  'Is the client pregnant or breastfeeding?',
  'Does the client tend to form keloid (raised) scars?',
  'Does the client have diabetes?',
  'Does the client take any other medicines?',
];

const shared = { clientId: null, clientName: null, consultationId: null };

test('on a tablet a practitioner records a consultation; the eligibility is shown live, then from the server', async () => {
  const page = await openPage(browser, TABLET);
  await signIn(page, app.url, app.practitioner);
  await nav(page, 'Clients').click();
  await h1(page, 'Clients').waitFor();
  const first = page.getByRole('row').nth(1).getByRole('link').first();
  await first.waitFor();
  shared.clientName = (await first.innerText()).trim();
  await first.click();
  await h1(page, shared.clientName).waitFor();
  shared.clientId = /#\/clients\/(\d+)/.exec(page.url())?.[1];
  assert.ok(shared.clientId, `the client's id is in the address: ${page.url()}`);
  await page.getByText('Consent: not signed').waitFor();

  await page.getByRole('button', { name: 'New consultation' }).click();
  await h1(page, 'New consultation').waitFor();
  await stepHeading(page, 'Visit').waitFor();
  assert.equal(await page.getByLabel('Date of the consultation').inputValue(), ymd(today), 'the date defaults to today');
  await eligibility(page).getByText('Eligible', { exact: true }).waitFor();
  await checkA11y(page, 'wizard: visit');
  await shot(page, '30-consultation-visit');

  // Next checks the step: the problems are listed and the step stays
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('alert').getByText('Choose how the consultation is held').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('error-summary')), true, 'focus moves to the summary');
  await group(page, 'How it is held').getByLabel('Video').check();
  await group(page, 'The client’s goal').getByLabel('Shaved look (buzz cut)').check();
  await page.getByRole('button', { name: 'Next' }).click();

  await stepHeading(page, 'Classification').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Step 2 of 4 Classification', 'focus moves to the step heading');
  await group(page, 'Classification scale').getByLabel('Norwood (male pattern)').check();
  const stage = group(page, 'Norwood stage').getByRole('radio', { name: 'V', exact: true });
  await stage.check();
  assert.match(await stage.getAttribute('aria-describedby'), /desc/, 'each stage is described in words');
  await page.getByText('The bald front and crown nearly meet; the band between them is thin.').waitFor();
  await group(page, 'Fitzpatrick skin type').getByRole('radio', { name: 'Type II', exact: true }).check();
  await page.getByLabel('Hair colour').fill('dark brown');
  await checkA11y(page, 'wizard: classification');
  await shot(page, '31-consultation-classification');
  await page.getByRole('button', { name: 'Next' }).click();

  await stepHeading(page, 'Medical questionnaire').waitFor();
  await group(page, 'Has the client had a hair transplant?').getByLabel('Yes').check();
  await page.getByLabel('Date of the transplant').fill(ymd(transplant));
  await group(page, 'Does the client take aspirin or another blood thinner?').getByLabel('Yes').check();
  await group(page, 'Which blood thinners?').getByLabel('Aspirin').check();
  for (const q of NO_TO) await group(page, q).getByLabel('No').check();
  await group(page, 'Has the client had chemotherapy?').getByLabel('No').check();
  // the live panel, worked out in the browser before anything is saved
  await eligibility(page).getByText(DEFER, { exact: true }).waitFor();
  await eligibility(page).getByText(ASPIRIN).waitFor();
  assert.equal(await eligibility(page).getAttribute('aria-live'), 'polite');
  await checkA11y(page, 'wizard: medical questionnaire');
  await shot(page, '32-consultation-medical');

  // Back keeps every answer
  await page.getByRole('button', { name: 'Back' }).click();
  await stepHeading(page, 'Classification').waitFor();
  assert.equal(await group(page, 'Norwood stage').getByRole('radio', { name: 'V', exact: true }).isChecked(), true);
  await page.getByRole('button', { name: 'Next' }).click();
  await stepHeading(page, 'Medical questionnaire').waitFor();
  assert.equal(await page.getByLabel('Date of the transplant').inputValue(), ymd(transplant));
  await page.getByRole('button', { name: 'Next' }).click();

  await stepHeading(page, 'Review').waitFor();
  await page.getByRole('region', { name: 'Classification' }).getByText('Norwood (male pattern)').waitFor();
  await page.getByRole('region', { name: 'Medical questionnaire' }).getByText(`Yes, on ${words(transplant)}`).waitFor();
  await checkA11y(page, 'wizard: review');
  await shot(page, '33-consultation-review');

  // a refusal naming a nested field goes next to that field, on the step that holds it
  await page.route('**/api/v1/clients/*/consultations', (route) => route.fulfill({
    status: 422, contentType: 'application/json',
    body: JSON.stringify({ error: { code: 'invalid', message: 'give the date of the hair transplant with its type', field: 'medical.hair_transplant_on' } }),
  }), { times: 1 });
  await page.getByRole('button', { name: 'Save consultation' }).click();
  await page.getByRole('alert').getByText('Give the date of the hair transplant with its type').waitFor();
  await stepHeading(page, 'Medical questionnaire').waitFor();
  assert.equal(await page.getByLabel('Date of the transplant').getAttribute('aria-invalid'), 'true');
  await shot(page, '34-consultation-server-refusal');
  await page.unrouteAll();
  await page.getByRole('button', { name: 'Next' }).click();
  await stepHeading(page, 'Review').waitFor();
  await page.getByRole('button', { name: 'Save consultation' }).click();

  // the consultation's page: the same answer, now from the server
  await h1(page, `Consultation on ${words(today)}`).waitFor();
  await page.getByRole('status').getByText('Saved').waitFor();
  shared.consultationId = /#\/consultations\/(\d+)/.exec(page.url())?.[1];
  assert.ok(shared.consultationId);
  await eligibility(page).getByText(DEFER, { exact: true }).waitFor();
  await eligibility(page).getByText(ASPIRIN).waitFor();
  await eligibility(page).getByText(`As of ${words(today)}.`).waitFor();
  await checkA11y(page, 'consultation page');
  await shot(page, '35-consultation-page');

  // the client signs the consent form on the tablet
  await page.getByRole('link', { name: shared.clientName, exact: true }).click();
  await h1(page, shared.clientName).waitFor();
  await page.getByRole('button', { name: 'Sign consent' }).click();
  await h1(page, 'Sign consent').waitFor();
  await page.getByRole('heading', { level: 2, name: 'Consent to scalp micropigmentation' }).waitFor();
  await page.getByText(/^Version 1\. Last reviewed by .+ on \d{1,2} \w+ \d{4}\.$/).waitFor();
  await checkA11y(page, 'consent page');
  await shot(page, '36-consent');
  await page.getByLabel('Full name').fill(shared.clientName);
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  await page.getByRole('alert').getByText('Draw your signature in the box').waitFor();
  const pad = page.getByRole('img', { name: 'Signature box: empty' });
  const box = await pad.boundingBox();
  await page.mouse.move(box.x + 40, box.y + box.height * 0.7);
  await page.mouse.down();
  for (let i = 1; i <= 40; i++) {
    await page.mouse.move(box.x + 40 + i * (box.width - 80) / 40, box.y + box.height * (0.55 - 0.3 * Math.sin(i / 4)));
  }
  await page.mouse.up();
  await page.getByRole('img', { name: 'Signature box: a signature is drawn' }).waitFor();
  await shot(page, '37-consent-signed-pad');
  await page.getByRole('button', { name: 'Sign', exact: true }).click();

  await h1(page, shared.clientName).waitFor();
  await page.getByRole('status').getByText('Consent signed').waitFor();
  await page.getByText('Consent: signed (v1)', { exact: true }).waitFor();
  const timeline = page.getByRole('list', { name: /newest first/ });
  const items = timeline.getByRole('listitem');
  await items.first().getByRole('link', { name: 'Signed consent form v1' }).waitFor();
  await items.first().getByText('witnessed by Priya Practitioner').waitFor();
  await items.nth(1).getByRole('link', { name: 'Consultation — video — Norwood V' }).waitFor();
  await checkA11y(page, 'client timeline');
  await shot(page, '38-client-timeline');

  await items.first().getByRole('link', { name: 'Signed consent form v1' }).click();
  await h1(page, 'Signed consent form v1').waitFor();
  const signature = page.getByRole('img', { name: `Signature of ${shared.clientName}` });
  await signature.waitFor();
  const d = await signature.locator('path').getAttribute('d');
  assert.match(d, /^M \d+ \d+( L \d+ \d+)+$/, 'integer M/L path data');
  await checkA11y(page, 'signature page');
  await shot(page, '39-signature');
  checkClean(page, 'tablet consultation and consent');
});

test('reception sees the consent and the signature but no consultation, and no "New consultation"', async () => {
  const page = await openPage(browser, DESK);
  await signIn(page, app.url, app.reception);
  await page.goto(`${app.url}/#/clients/${shared.clientId}`);
  await h1(page, shared.clientName).waitFor();
  await page.getByText('Consent: signed (v1)', { exact: true }).waitFor();
  await page.getByRole('link', { name: 'Signed consent form v1' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'New consultation' }).count(), 0, 'no New consultation for reception');
  assert.equal(await page.getByRole('link', { name: /^Consultation — / }).count(), 0, 'no consultations for reception');
  await page.getByRole('button', { name: 'Sign consent' }).waitFor();
  await shot(page, '40-reception-client');
  await page.goto(`${app.url}/#/consultations/${shared.consultationId}`);
  await h1(page, 'Not allowed').waitFor();
  checkClean(page, 'reception');
});

test('at the desk a manager edits the consultation: the answers are kept and the server answers again', async () => {
  const page = await openPage(browser, DESK);
  await signIn(page, app.url, app.manager);
  await page.goto(`${app.url}/#/clients/${shared.clientId}`);
  await h1(page, shared.clientName).waitFor();
  await page.getByRole('link', { name: 'Consultation — video — Norwood V' }).click();
  await h1(page, `Consultation on ${words(today)}`).waitFor();
  await page.getByRole('button', { name: 'Edit consultation' }).click();
  await h1(page, 'Edit consultation').waitFor();
  assert.equal(await group(page, 'How it is held').getByLabel('Video').isChecked(), true, 'the saved answers are filled in');
  // beside the form at the desk
  const form = await page.getByRole('form', { name: 'Consultation' }).boundingBox();
  const panel = await eligibility(page).boundingBox();
  assert.ok(panel.x >= form.x + form.width, 'the eligibility panel sits beside the form');
  await eligibility(page).getByText(DEFER, { exact: true }).waitFor();
  await page.getByRole('navigation', { name: 'Consultation steps' }).getByRole('button', { name: /Medical/ }).click();
  await stepHeading(page, 'Medical questionnaire').waitFor();
  await group(page, 'Does the client take aspirin or another blood thinner?').getByLabel('No').check();
  await group(page, 'Is the client pregnant or breastfeeding?').getByLabel('Yes').check();
  // a deferral with no end date says just "Defer"
  await eligibility(page).getByText('Defer', { exact: true }).first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.elig')?.textContent.includes('aspirin should be stopped'));
  await checkA11y(page, 'desk wizard');
  await shot(page, '41-desk-consultation-edit');
  await group(page, 'Is the client pregnant or breastfeeding?').getByLabel('No').check();
  await eligibility(page).getByText(DEFER, { exact: true }).waitFor();
  await page.getByRole('navigation', { name: 'Consultation steps' }).getByRole('button', { name: /Review/ }).click();
  await stepHeading(page, 'Review').waitFor();
  await page.getByRole('button', { name: 'Save consultation' }).click();
  await h1(page, `Consultation on ${words(today)}`).waitFor();
  await page.getByRole('status').getByText('Saved').waitFor();
  await eligibility(page).getByText(DEFER, { exact: true }).waitFor();
  assert.equal(await eligibility(page).getByText(ASPIRIN).count(), 0, 'no aspirin caution once the answer is no');
  await shot(page, '42-desk-consultation-page');
  checkClean(page, 'manager desk edit');
});
