// quotes.test.mjs — the issue 7 journey at the front-desk size, on the demo data: the owner opens
// a Norwood V client of the London clinic (+20 % uplift), builds a quote on the head diagram and
// the list (by mouse and keyboard), seeing the total change with each choice and equal what the
// server prices; saves the draft, downloads its PDF (read back with pdftotext), sends it and
// copies the client's link. In a new browser context without any staff cookie the client opens
// the link, is refused without a name, and accepts with their typed name; an unknown link has
// its own page. Back as staff the quote reads accepted, the course exists, an overpayment is
// refused beside the amount, the deposit is recorded, the balance drops and the receipt PDF
// opens; a refund needs its reason; the finance agreement is recorded; the finance calculator
// gives the hand-checked £175.35 a month. The price-book editor
// saves a changed price and shows the server's refusal of a bad one beside the field. axe-core
// checks every screen; screenshots 70-… (quote, price book and payment names).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startApp, launch, openPage, checkA11y, checkClean, shotTop as shot, dialogShot, signIn, DESK, TABLET } from './lib.mjs';
import { run } from '../api/lib.mjs';

const app = await startApp();
const browser = await launch();
after(async () => {
  await browser.close();
  await app.srv.stop();
});


const h1 = (page, name) => page.getByRole('heading', { level: 1, name, exact: true });
/** api calls the JSON API from inside the page with its session (and CSRF token when writing). */
const api = (page, method, p, body) => page.evaluate(async ([m, url, b]) => {
  const headers = { Accept: 'application/json' };
  if (m !== 'GET') {
    headers['X-CSRF-Token'] = (await (await fetch('/api/v1/me')).json()).csrf_token;
    headers['Content-Type'] = 'application/json';
  }
  const r = await fetch(url, { method: m, headers, body: b === undefined ? undefined : JSON.stringify(b) });
  return { status: r.status, body: await r.json() };
}, [method, p, body]);
const gbp = (pence) => `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

const page = await openPage(browser, DESK);
await signIn(page, app.url, app.owner);
const london = (await api(page, 'GET', '/api/v1/clinics?limit=50')).body.items.find((c) => c.name === 'London');
assert.ok(london && london.price_uplift_pct === 20, 'the demo London clinic adds 20 %');
const client = (await api(page, 'POST', '/api/v1/clients', { first_name: 'Noah', last_name: 'Norwood', email: 'noah.norwood@example.com', clinic_id: london.id })).body;
const cons = await api(page, 'POST', `/api/v1/clients/${client.id}/consultations`, { date: '2026-11-20', mode: 'in_person', goal: 'shaved_look', scale: 'norwood', stage: 'V' });
assert.equal(cons.status, 201, JSON.stringify(cons.body));
const book = (await api(page, 'GET', `/api/v1/clinics/${london.id}/price-book`)).body;
const band = 1; // Norwood IV–V
let quoteId = null;
let total = null;
let shareUrl = null;

const diagram = () => page.getByRole('group', { name: /Head diagram/ });
const liveTotal = () => page.locator('.quote-live-amount');
/** waitTotal waits until the live total shows `text`. */
async function waitTotal(text) {
  await page.locator('.quote-live-amount', { hasText: text }).waitFor();
  assert.equal(await liveTotal().textContent(), text);
}

test('the builder prices Norwood V areas live as they are picked on the head or in the list', async () => {
  await page.goto(`${app.url}/#/clients/${client.id}`);
  await page.getByRole('heading', { name: 'Timeline' }).waitFor();
  await page.getByRole('button', { name: 'New quote' }).click();
  await h1(page, 'New quote').waitFor();
  assert.equal(await page.getByLabel('Scale').inputValue(), 'norwood', 'the consultation fills the scale');
  await page.getByText('Choose an area on the head or in the list to see the price.').waitFor();
  await checkA11y(page, 'quote builder');
  await shot(page, '70-quote-builder');

  // the hairline by mouse on the diagram: the list follows, the price is the London IV–V price
  await diagram().getByRole('checkbox', { name: 'Hairline' }).click();
  const hairline = gbp(book.prices_with_uplift.hairline[band]);
  assert.equal(hairline, gbp(Math.round(book.prices.hairline[band] * 1.2)));
  await waitTotal(hairline);
  assert.ok(await page.locator('.quote-areas-list input[value="hairline"]').isChecked(), 'the list follows the diagram');

  // the crown by keyboard on the diagram
  await diagram().getByRole('checkbox', { name: 'Crown' }).focus();
  await page.keyboard.press('Space');
  const both = book.prices_with_uplift.hairline[band] + book.prices_with_uplift.crown[band];
  await waitTotal(gbp(both));

  // taking the crown off in the list clears it on the diagram too
  const crownBox = page.locator('.quote-areas-list').getByRole('checkbox', { name: 'Crown', exact: true });
  await crownBox.uncheck();
  await waitTotal(hairline);
  assert.equal(await diagram().getByRole('checkbox', { name: 'Crown' }).getAttribute('aria-checked'), 'false');
  await crownBox.check();
  await waitTotal(gbp(both));
  assert.equal(await diagram().getByRole('checkbox', { name: 'Crown' }).getAttribute('aria-checked'), 'true');

  // a discount: the total shown is what the server prices for the same body
  await page.getByLabel('Discount %').fill('10');
  const want = await api(page, 'POST', '/api/v1/quotes/preview', { client_id: client.id, clinic_id: london.id, consultation_id: cons.body.id, areas: ['hairline', 'crown'], discount_pct: 10 });
  assert.equal(want.status, 200);
  assert.equal(want.body.total_pence, both - Math.round(both / 10));
  await waitTotal(want.body.total_text);
  await page.getByText(want.body.finance.text).waitFor();
  await checkA11y(page, 'quote builder, priced');
  await shot(page, '71-quote-builder-priced');
  total = want.body.total_text;
  checkClean(page, 'quote builder');
});

test('saving makes a draft; its PDF downloads with the total as text; sending shows the link to copy', async () => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
  await page.getByRole('button', { name: 'Save draft quote' }).click();
  await h1(page, 'Quote for Noah Norwood').waitFor();
  await page.getByRole('status').getByText('Quote saved as a draft').waitFor();
  quoteId = Number(/#\/quotes\/(\d+)/.exec(page.url())[1]);
  await page.locator('.quote-state .quote-status', { hasText: 'Draft' }).waitFor();
  assert.equal(await page.locator('.quote-view .quote-total-text').textContent(), total);
  await page.getByText('Included').first().waitFor();
  await checkA11y(page, 'quote page');
  await shot(page, '72-quote-draft');

  const href = await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href');
  const pdf = await page.context().request.get(app.url + href);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  const bytes = await pdf.body();
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  const file = path.join(app.srv.tmp, 'quote.pdf'); // read back by poppler (scripts/deps.sh)
  writeFileSync(file, bytes);
  const text = (await run('/usr/bin/pdftotext', ['-layout', file, '-'])).stdout;
  assert.ok(text.includes(total), `the total ${total} in the PDF:\n${text}`);
  assert.match(text, /Noah Norwood/);

  await page.getByRole('button', { name: 'Send to client' }).click();
  await page.getByRole('heading', { name: 'The client’s link' }).waitFor();
  await page.getByText('Emailed to noah.norwood@example.com').waitFor();
  await page.locator('.quote-state .quote-status', { hasText: 'Sent' }).waitFor();
  shareUrl = await page.getByLabel('Link to the quote').inputValue();
  assert.match(shareUrl, new RegExp(`^${app.url.replace(/[.]/g, '\\.')}/#/q/q_[A-Za-z0-9_-]{20,}$`));
  await page.getByRole('button', { name: 'Copy link' }).click();
  await page.getByRole('status').getByText('Link copied').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), shareUrl);
  await checkA11y(page, 'quote sent');
  await shot(page, '73-quote-sent');
  checkClean(page, 'quote page');
});

test('the client opens the link without any staff cookie and accepts with their typed name', async () => {
  const anon = await openPage(browser, DESK);
  assert.deepEqual(await anon.context().cookies(), [], 'a fresh context: no staff cookie');
  await anon.goto(shareUrl);
  await h1(anon, 'Your quote from London').waitFor();
  assert.equal(await anon.getByRole('navigation', { name: 'Main' }).count(), 0, 'no staff navigation');
  await anon.getByText('Hello Noah').waitFor();
  assert.equal(await anon.locator('.quote-total-text').textContent(), total);
  const pdfHref = await anon.getByRole('link', { name: 'Download the quote (PDF)' }).getAttribute('href');
  const pdf = await anon.context().request.get(app.url + pdfHref);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  await checkA11y(anon, 'client quote link');
  await shot(anon, '74-quote-client-link');

  await anon.getByRole('button', { name: 'Accept this quote' }).click();
  await anon.getByText('Type your full name to accept the quote').waitFor();
  assert.equal(await anon.getByLabel('Your full name').getAttribute('aria-invalid'), 'true');
  await anon.getByLabel('Your full name').fill('Noah Norwood');
  await anon.getByRole('button', { name: 'Accept this quote' }).click();
  await anon.getByText('Thank you, Noah Norwood.').waitFor();
  await anon.locator('.quote-status', { hasText: 'Accepted' }).waitFor();
  assert.equal(await anon.getByRole('button', { name: 'Accept this quote' }).count(), 0, 'accepted once');
  await checkA11y(anon, 'client quote accepted');
  await shot(anon, '75-quote-client-accepted');

  await anon.goto(`${app.url}/#/q/q_thisisnotarealtokenatall12345`);
  await h1(anon, 'This link does not work').waitFor();
  await checkA11y(anon, 'unknown quote link');
  await shot(anon, '76-quote-client-unknown-link');
  checkClean(anon, 'client quote link');
  await anon.context().close();
});

test('back as staff: accepted, the course exists; the deposit is recorded and the balance drops', async () => {
  await page.reload();
  await h1(page, 'Quote for Noah Norwood').waitFor();
  await page.locator('.quote-state .quote-status', { hasText: 'Accepted' }).waitFor();
  await page.getByText('Accepted by Noah Norwood').waitFor();
  const q = (await api(page, 'GET', `/api/v1/quotes/${quoteId}`)).body;
  assert.ok(q.course_id, 'the course was created');
  await page.getByRole('button', { name: 'Open the course' }).click();
  await h1(page, 'Course for Noah Norwood').waitFor();
  const balance = page.locator('.course-account .balance-due');
  await balance.waitFor();
  assert.equal(await balance.textContent(), q.total_text, 'nothing paid: the whole total is due');
  await page.getByText('Nothing paid yet.').waitFor();
  await checkA11y(page, 'course payments');
  await shot(page, '77-payment-course');

  // an amount above the balance is refused beside the field, and what was typed stays
  await page.getByRole('button', { name: 'Record payment' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record payment' });
  await dialog.waitFor();
  assert.equal(await dialog.getByLabel('Amount (£)').inputValue(), gbp(q.deposit_pence).slice(1), 'the deposit is offered');
  await dialog.getByLabel('Amount (£)').fill('99,999.00');
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await dialog.locator('.field-error', { hasText: 'more than the balance due' }).waitFor();
  assert.equal(await dialog.getByLabel('Amount (£)').inputValue(), '99,999.00');
  await checkA11y(page, 'payment refused');
  await dialogShot(page, '78-payment-refused');
  await dialog.getByLabel('Amount (£)').fill(gbp(q.deposit_pence).slice(1));
  await dialog.getByLabel('Card').check();
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await page.getByRole('status').getByText(`Payment of ${q.deposit_text} recorded`).waitFor();
  const due = gbp(q.total_pence - q.deposit_pence);
  await page.locator('.course-account .balance-due', { hasText: due }).waitFor();
  await page.locator('.course-account .tag', { hasText: 'paid' }).waitFor();
  const receipt = page.getByRole('link', { name: `Receipt for ${q.deposit_text} (PDF)` });
  const res = await page.context().request.get(app.url + await receipt.getAttribute('href'));
  assert.equal(res.headers()['content-type'], 'application/pdf');

  // a refund needs its reason; then it shows as refunded and the balance goes back up
  await page.getByRole('button', { name: 'Refund' }).click();
  const back = page.getByRole('dialog', { name: 'Refund' });
  await back.getByLabel('Amount (£)').fill('50.00');
  await back.getByRole('button', { name: 'Record refund' }).click();
  await back.locator('.field-error', { hasText: 'Enter the reason for the refund' }).waitFor();
  await back.getByLabel('Reason').fill('Goodwill: the first session moved twice');
  await back.getByRole('button', { name: 'Record refund' }).click();
  await page.getByRole('status').getByText('Refund of £50.00 recorded').waitFor();
  await page.locator('.course-account .money-fig', { hasText: 'Refunded£50.00' }).waitFor();
  await page.locator('.course-account .balance-due', { hasText: gbp(q.total_pence - q.deposit_pence + 5000) }).waitFor();
  await page.getByRole('link', { name: 'Refund note for £50.00 (PDF)' }).waitFor();

  // the finance agreement on the course
  await page.getByRole('button', { name: 'Record finance' }).click();
  const fin = page.getByRole('dialog', { name: 'Finance agreement' });
  await fin.getByLabel('Finance provider').fill('Bright Finance');
  await fin.getByLabel('Agreement reference').fill('BF-20931');
  await checkA11y(page, 'finance agreement dialog');
  await fin.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('status').getByText('Finance agreement saved').waitFor();
  await page.locator('.finance-line', { hasText: 'Bright Finance, agreement BF-20931' }).waitFor();

  // the finance calculator: £2,000 over 12 months at 9.9 % APR is 11 × £175.35 and £175.31
  const calc = page.getByRole('form', { name: 'Finance calculator' });
  await calc.getByLabel('Amount to borrow (£)').fill('2,000.00');
  await calc.getByLabel('Months').fill('12');
  await calc.getByLabel('APR %').fill('9.9');
  await page.locator('.finance-calc .money-fig-balance', { hasText: '£175.35' }).waitFor();
  await page.locator('.finance-calc .money-fig', { hasText: '£2,104.16' }).waitFor();
  await checkA11y(page, 'course paid deposit');
  await shot(page, '79-payment-deposit-recorded');

  await page.goto(`${app.url}/#/clients/${client.id}`);
  await page.getByRole('heading', { name: 'Timeline' }).waitFor();
  await page.getByRole('link', { name: `Quote ${total}` }).waitFor();
  await page.locator('.account-lines', { hasText: gbp(q.total_pence - q.deposit_pence + 5000) }).waitFor();
  await checkA11y(page, 'client timeline with the quote');
  await shot(page, '80-quote-client-timeline');
  checkClean(page, 'payments');
});

test('the price-book editor saves a changed price and shows a refusal beside the field', async () => {
  await page.goto(`${app.url}/#/clinics/${london.id}`);
  await page.getByRole('heading', { name: 'Price book' }).waitFor();
  await page.getByRole('button', { name: 'Edit price book' }).click();
  await h1(page, 'Price book').waitFor();
  await checkA11y(page, 'price book editor');
  await shot(page, '81-pricebook-editor');
  await page.getByLabel('Hairline, Norwood IV–V').fill('1,450.50');
  await page.getByRole('button', { name: 'Save price book' }).click();
  await page.getByRole('heading', { level: 1, name: 'London' }).waitFor();
  await page.getByRole('status').getByText('Price book saved').waitFor();
  await page.getByRole('cell', { name: '£1,450.50' }).waitFor();
  await page.getByRole('cell', { name: '£1,740.60' }).waitFor(); // +20 %, as the server says
  assert.deepEqual((await api(page, 'GET', `/api/v1/clinics/${london.id}/price-book`)).body.prices.hairline[1], 145050);
  await shot(page, '82-pricebook-saved');

  await page.getByRole('button', { name: 'Edit price book' }).click();
  await h1(page, 'Price book').waitFor();
  await page.getByLabel('Crown, Norwood VI–VII').fill('12.345');
  await page.getByLabel('Crown, Norwood IV–V').fill('1,300');
  await page.getByRole('button', { name: 'Save price book' }).click();
  const crownTop = page.locator('.field', { has: page.getByLabel('Crown, Norwood VI–VII') });
  await crownTop.locator('.field-error', { hasText: 'must be in pounds and pence' }).waitFor();
  await page.getByLabel('Crown, Norwood VI–VII').fill('900.00'); // below the other bands: the server refuses
  await page.getByRole('button', { name: 'Save price book' }).click();
  const crownFirst = page.locator('.field', { has: page.getByLabel('Crown, Norwood I–III') });
  await crownFirst.locator('.field-error', { hasText: 'a later band must not cost less than an earlier one' }).waitFor();
  assert.equal(await page.getByLabel('Crown, Norwood VI–VII').inputValue(), '900.00', 'what was typed stays');
  assert.deepEqual((await api(page, 'GET', `/api/v1/clinics/${london.id}/price-book`)).body.prices.crown, book.prices.crown, 'nothing was written');
  await checkA11y(page, 'price book refused');
  await shot(page, '83-pricebook-refused');
  checkClean(page, 'price book');
});

test('at the tablet size the builder and the quote page fit and pass the accessibility check', async () => {
  const tab = await openPage(browser, TABLET, { hasTouch: true });
  await signIn(tab, app.url, app.owner);
  await tab.goto(`${app.url}/#/clients/${client.id}/quotes/new`);
  await h1(tab, 'New quote').waitFor();
  // a finger on the side of the scalp, away from the other areas
  const scalp = tab.getByRole('group', { name: /Head diagram/ }).getByRole('checkbox', { name: 'Full scalp' });
  const box = await scalp.boundingBox();
  await scalp.tap({ position: { x: box.width * 0.08, y: box.height * 0.45 } });
  await tab.locator('.quote-live-amount', { hasText: gbp(book.prices_with_uplift.full_scalp[band]) }).waitFor();
  const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
  await checkA11y(tab, 'quote builder, tablet');
  await shot(tab, '84-quote-builder-tablet');
  await tab.goto(`${app.url}/#/quotes/${quoteId}`);
  await h1(tab, 'Quote for Noah Norwood').waitFor();
  await checkA11y(tab, 'quote page, tablet');
  await shot(tab, '85-quote-tablet');
  checkClean(tab, 'tablet');
  await tab.context().close();
});
