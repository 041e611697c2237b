// public.test.mjs — the public side as a client sees it, on a phone (390×844), with the emails
// caught by a real SMTP receiver (tests/tools/smtp_sink.py): from the list of clinics to a
// clinic's page, a quote request with two photos (a file that is not a photo is refused before
// upload; the consent is required); the staff's Enquiries inbox at the desk shows it with both
// photos and converts it into a client; the client books a free video consultation (the time
// chosen from the day groups), follows the emailed link to see and move it, asks for a portal
// link by email, follows it (it works once), sees the appointment and the photos in the portal,
// signs consent with a drawn signature and downloads the data ZIP, read with Python's zipfile.
// axe-core checks every screen; screenshots 90-… to 94-….
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp, launch, openPage, checkA11y, checkClean, shot, signIn, DESK, TABLET } from './lib.mjs';
import { ROOT, run } from '../api/lib.mjs';
import { png } from '../api/images.mjs';

const PHONE = { width: 390, height: 844 };
const mail = mkdtempSync(path.join(tmpdir(), 'stipple-e2e-mail-'));
const sink = spawn('/usr/bin/python3', [path.join(ROOT, 'tests/tools/smtp_sink.py'), mail], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((resolve) => sink.stdout.setEncoding('utf8').on('data', (d) => { const m = /listening (\d+)/.exec(d); if (m) resolve(Number(m[1])); }));
const PUBLIC_URL = 'https://clinic.example.test';
const app = await startApp({ env: { STIPPLE_SMTP_URL: `smtp://127.0.0.1:${port}`, STIPPLE_OUTBOX_POLL_MS: '100', STIPPLE_PUBLIC_URL: PUBLIC_URL } });
const browser = await launch();
after(async () => {
  await browser.close();
  await app.srv.stop();
  sink.kill('SIGTERM');
});

// the client's photos, made here: two small PNGs and a text file that is not a photo
const files = mkdtempSync(path.join(tmpdir(), 'stipple-e2e-photos-'));
const FRONT = path.join(files, 'front.png');
const TOP = path.join(files, 'top.png');
const NOTES = path.join(files, 'notes.txt');
writeFileSync(FRONT, png(120, 90, (x, y) => [200, 150 + (y % 40), 120 + (x % 60)]));
writeFileSync(TOP, png(100, 100, (x) => [60 + (x % 80), 90, 160]));
writeFileSync(NOTES, 'not a photo');

const EMAIL = 'sam.rivers@example.test';
const h1 = (page, name) => page.getByRole('heading', { level: 1, name, exact: true });
const shared = { clinic: null, enquiryName: 'Sam Rivers', clientId: null };

/** linkIn waits for the n-th email to `to` holding a link `#/<kind>/<token>`; answers the token. */
async function linkIn(to, kind, n = 1) {
  const re = new RegExp(`${PUBLIC_URL.replace(/\./g, '\\.')}/#/${kind}/([A-Za-z0-9_-]+)`);
  for (let waited = 0; waited < 20000; waited += 100) {
    const found = readdirSync(mail).filter((f) => f.endsWith('.eml')).sort()
      .map((f) => readFileSync(path.join(mail, f), 'utf8'))
      .filter((t) => t.includes(`X-Envelope-To: ${to}`))
      .map((t) => re.exec(t.replace(/=\r?\n/g, '').replace(/=3D/g, '=')))
      .filter(Boolean);
    if (found.length >= n) return found[n - 1][1];
    await new Promise((r) => setTimeout(r, 100));
  }
  return assert.fail(`no email number ${n} to ${to} with a #/${kind}/ link`);
}

test('on a phone a client finds a clinic and requests a quote with two photos', async () => {
  const page = await openPage(browser, PHONE);
  await page.goto(`${app.url}/#/clinics-public`);
  await h1(page, 'Our clinics').waitFor();
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).count(), 0, 'no staff navigation on a public page');
  await checkA11y(page, 'public: clinics');
  await shot(page, '90-public-clinics-phone');

  const first = page.getByRole('heading', { level: 2 }).first().getByRole('link');
  shared.clinic = (await first.innerText()).trim();
  await first.click();
  await h1(page, shared.clinic).waitFor();
  await page.getByText('Opening hours').waitFor();
  await page.getByRole('term').first().waitFor(); // the days, in words
  await checkA11y(page, 'public: clinic page');
  await shot(page, '90-public-clinic-phone');

  await page.getByRole('link', { name: 'Request a quote with photos' }).click();
  await h1(page, 'Request a quote').waitFor();
  // a file that is not a photo is refused beside its box, before anything is sent
  await page.getByLabel('Back photo', { exact: true }).setInputFiles(NOTES);
  await page.getByText('notes.txt is not a JPEG or PNG photo').waitFor();
  await page.getByLabel('Front photo', { exact: true }).setInputFiles(FRONT);
  await page.getByLabel('Top photo', { exact: true }).setInputFiles(TOP);
  await page.getByRole('img', { name: 'Preview of your front photo' }).waitFor();
  await page.getByRole('img', { name: 'Preview of your top photo' }).waitFor();
  const hp = page.locator('input[name=website]');
  assert.equal(await hp.getAttribute('tabindex'), '-1', 'the honeypot is not reachable by keyboard');
  assert.equal(await hp.getAttribute('autocomplete'), 'off');

  await page.getByLabel('Your name').fill(shared.enquiryName);
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('What bothers you?').fill('My hairline is receding at the temples and the crown is thin.');
  await page.getByRole('button', { name: 'Send my request' }).click();
  // the consent is required; what was typed and chosen stays
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await summary.getByText('Tick the box to agree').waitFor();
  assert.equal(await page.getByLabel('Your name').inputValue(), shared.enquiryName);
  await page.getByRole('img', { name: 'Preview of your front photo' }).waitFor();
  await checkA11y(page, 'public: quote request with a problem');
  await shot(page, '91-quote-request-phone');

  await page.getByLabel('I agree that the clinic keeps my photos').check();
  // too many requests from this address: the wait in words, from Retry-After; nothing is lost
  await page.route('**/api/v1/public/clinics/*/enquiries', (route) => route.fulfill({
    status: 429, headers: { 'Retry-After': '900', 'Content-Type': 'application/json' },
    body: JSON.stringify({ error: { code: 'throttled', message: 'too many requests: please try again later' } }) }), { times: 1 });
  await page.getByRole('button', { name: 'Send my request' }).click();
  await summary.getByText('Please try again in 15 minutes.').waitFor();
  assert.equal(await page.getByLabel('What bothers you?').inputValue(), 'My hairline is receding at the temples and the crown is thin.');
  // the request is stored, but one photo fails on the way: it says so beside that photo, and
  // sending again sends only what is missing
  await page.route('**/api/v1/public/enquiries/*/photos?label=top', (route) => route.fulfill({
    status: 422, headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ error: { code: 'invalid', message: 'the photo could not be read', field: 'file' } }) }), { times: 1 });
  await page.getByRole('button', { name: 'Send my request' }).click();
  await page.getByText('Your request is saved, but 1 photo did not arrive').waitFor();
  await page.getByText('This photo was not sent: the photo could not be read').waitFor();
  await page.getByText('Sent', { exact: true }).waitFor(); // the front photo
  await checkA11y(page, 'public: a photo failed');
  await shot(page, '91-quote-photo-failed-phone');
  await page.getByRole('button', { name: 'Send the photos again' }).click();
  await h1(page, 'Thank you, your request is sent').waitFor();
  await page.getByText(`${shared.clinic} has your request and 2 photos`).waitFor();
  await checkA11y(page, 'public: quote sent');
  await shot(page, '91-quote-sent-phone');
  checkClean(page, 'quote request');
  await page.context().close();
});

test('at the desk the enquiry is in the inbox with its two photos and becomes a client', async () => {
  const page = await openPage(browser, DESK);
  await signIn(page, app.url, app.reception);
  await page.getByText(/\d+ new quote requests? from the public pages/).waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Enquiries', exact: true }).click();
  await h1(page, 'Enquiries').waitFor();
  await page.getByLabel('Clinic').selectOption({ label: shared.clinic });
  const row = page.getByRole('row').filter({ hasText: shared.enquiryName });
  await row.waitFor();
  assert.match(await row.innerText(), /New/);
  await checkA11y(page, 'staff: enquiries');
  await shot(page, '94-enquiries-inbox-desk');
  await page.setViewportSize(TABLET);
  await checkA11y(page, 'staff: enquiries on a tablet');
  await shot(page, '94-enquiries-inbox-tablet');
  await page.setViewportSize(DESK);

  await row.getByRole('link', { name: shared.enquiryName }).click();
  await h1(page, `Enquiry from ${shared.enquiryName}`).waitFor();
  await page.getByRole('heading', { name: 'Photos (2)' }).waitFor();
  for (const label of ['Front', 'Top']) {
    const img = page.getByRole('img', { name: `${label} photo from ${shared.enquiryName}` });
    await img.waitFor();
    await page.waitForFunction((el) => el.complete && el.naturalWidth > 0 && el.src.startsWith('blob:'), await img.elementHandle());
  }
  await page.getByText('My hairline is receding').waitFor();
  await checkA11y(page, 'staff: enquiry');
  await shot(page, '94-enquiry-desk');

  await page.getByRole('button', { name: 'Convert to client' }).click();
  await page.waitForURL(/#\/clients\/\d+$/);
  shared.clientId = /#\/clients\/(\d+)/.exec(page.url())[1];
  await h1(page, shared.enquiryName).waitFor();
  await page.getByText(EMAIL).first().waitFor();
  checkClean(page, 'enquiries');
  await page.context().close();
});

test('the client books a video consultation, then sees and moves it with the emailed link', async () => {
  const page = await openPage(browser, PHONE);
  await page.goto(`${app.url}/#/clinics-public`);
  await page.getByRole('link', { name: shared.clinic, exact: true }).click();
  await h1(page, shared.clinic).waitFor();
  await page.getByRole('link', { name: 'Book a free consultation' }).click();
  await h1(page, 'Book a free consultation').waitFor();
  await page.getByRole('radio', { name: 'Video call' }).check();
  const firstTime = page.locator('.slot-day').first().getByRole('button').first();
  await firstTime.waitFor();
  const day = await page.locator('.slot-day h3').first().innerText();
  const time = await firstTime.innerText();
  await firstTime.click();
  assert.equal(await firstTime.getAttribute('aria-pressed'), 'true');
  await page.getByText(`Chosen: ${day} at ${time}`).waitFor();
  await page.getByLabel('Full name').fill(shared.enquiryName);
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('I agree that the clinic keeps the health details').check();
  await checkA11y(page, 'public: booking');
  await shot(page, '92-booking-phone');
  await page.getByRole('button', { name: 'Book this consultation' }).click();
  await h1(page, 'Your consultation is booked').waitFor();
  await page.getByText(`${day} at ${time} (30 minutes)`).waitFor();
  await page.getByText('By video call').waitFor();
  await checkA11y(page, 'public: booked');
  await shot(page, '92-booked-phone');

  // the confirmation email's link, opened on this server
  const token = await linkIn(EMAIL, 'booking');
  await page.goto(`${app.url}/#/booking/${token}`);
  await h1(page, 'Your consultation').waitFor();
  await page.getByText(`${day} at ${time} (30 minutes)`).waitFor();
  await checkA11y(page, 'public: manage booking');
  await shot(page, '92-manage-booking-phone');
  await page.getByRole('button', { name: 'Move to another time' }).click();
  await page.getByRole('heading', { name: 'Choose the new time' }).waitFor();
  const later = page.locator('.slot-day').first().getByRole('button').nth(1);
  const newTime = await later.innerText();
  await later.click();
  await checkA11y(page, 'public: move booking');
  await page.getByRole('button', { name: 'Move to this time' }).click();
  await page.getByText(`Moved to ${day} at ${newTime}.`).waitFor();
  await page.getByText(`${day} at ${newTime} (30 minutes)`).waitFor();
  await shot(page, '92-booking-moved-phone');
  shared.when = `${day} at ${newTime}`;
  checkClean(page, 'booking');
  await page.context().close();
});

test('the client signs in to the portal by email, sees the appointment and photos, signs consent, accepts a quote and downloads the data', async () => {
  // the clinic sends the new client a quote (the quotes screens are another release's)
  const { client: desk } = await app.srv.login(app.manager.email, app.manager.password);
  const made = await desk.post('/api/v1/quotes', { client_id: Number(shared.clientId), areas: ['hairline', 'crown'], scale: 'norwood', stage: 'III' });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const quote = made.body;
  assert.equal((await desk.post(`/api/v1/quotes/${quote.id}/send`)).status, 200);

  const page = await openPage(browser, PHONE, { acceptDownloads: true });
  await page.goto(`${app.url}/#/portal`);
  await h1(page, 'Sign in to your client portal').waitFor();
  await page.getByLabel('Email').fill(EMAIL);
  await checkA11y(page, 'portal: sign in');
  await shot(page, '93-portal-sign-in-phone');
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await h1(page, 'Check your email').waitFor();
  await page.getByText('If the clinic knows this address, a sign-in link is on its way.').waitFor();
  await checkA11y(page, 'portal: check your email');
  await shot(page, '93-portal-check-email-phone');

  const token = await linkIn(EMAIL, 'portal');
  await page.goto(`${app.url}/#/portal/${token}`);
  await h1(page, 'Hello, Sam').waitFor();
  assert.ok(page.url().endsWith('#/portal/home'), 'the one-time token leaves the address bar');
  const upcoming = page.getByRole('region', { name: 'Upcoming appointments' });
  await upcoming.getByText(shared.when).waitFor();
  await upcoming.getByText(/Consultation by video call, 30 minutes/).waitFor();
  const photos = page.getByRole('region', { name: 'Your photos' });
  await photos.getByRole('img', { name: /^Front photo/ }).waitFor();
  await photos.getByRole('img', { name: /^Top photo/ }).waitFor();
  await checkA11y(page, 'portal: home');
  await shot(page, '93-portal-home-phone');

  // a reload keeps the session, and writes still carry the portal's CSRF token
  await page.reload();
  await h1(page, 'Hello, Sam').waitFor();
  await page.getByRole('button', { name: 'Sign consent' }).click();
  await h1(page, 'Sign consent').waitFor();
  await page.getByRole('button', { name: 'Sign' , exact: true }).click();
  await page.getByText('Type your full name').first().waitFor();
  await page.getByLabel('Your full name').fill(shared.enquiryName);
  const box = await page.locator('canvas.sigpad-canvas').boundingBox();
  await page.mouse.move(box.x + 20, box.y + box.height * 0.6);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.3, { steps: 8 });
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.7, { steps: 8 });
  await page.mouse.up();
  await checkA11y(page, 'portal: sign consent');
  await shot(page, '93-portal-consent-phone');
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  await h1(page, 'Hello, Sam').waitFor();
  const documents = page.getByRole('region', { name: 'Documents' });
  await documents.getByText(/Consent form, version \d+/).waitFor();

  // the quote: its PDF, and "Accept" with the typed name
  const item = documents.getByRole('listitem').filter({ hasText: `Quote ${quote.id}:` });
  await item.getByText('Waiting for your answer').waitFor();
  assert.equal(await item.getByRole('link', { name: `Quote (PDF) ${quote.id}` }).getAttribute('href'), `/api/v1/portal/quotes/${quote.id}.pdf`);
  await item.getByLabel('Type your full name to accept').fill(shared.enquiryName);
  await item.getByRole('button', { name: 'Accept this quote' }).click();
  await documents.getByRole('listitem').filter({ hasText: `Quote ${quote.id}:` }).getByText('Accepted').waitFor();
  assert.equal((await desk.get(`/api/v1/quotes/${quote.id}`)).body.accepted_name, shared.enquiryName);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download all my data' }).click(),
  ]);
  const zip = path.join(files, 'my-data.zip');
  await download.saveAs(zip);
  const py = 'import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(json.dumps({"names": z.namelist(), "profile": json.loads(z.read("profile.json"))}))';
  const r = await run('/usr/bin/python3', ['-c', py, zip]);
  assert.equal(r.code, 0, r.stderr);
  const { names, profile } = JSON.parse(r.stdout);
  assert.equal(profile.email, EMAIL);
  assert.equal(String(profile.id), shared.clientId, 'the client the enquiry became');
  assert.equal(names.filter((n) => n.startsWith('photos/')).length, 2, `the two photos: ${names.join(', ')}`);

  // the link worked once: opened again, it explains and offers a new one
  await page.getByRole('button', { name: 'Sign out' }).click();
  await h1(page, 'Sign in to your client portal').waitFor();
  await page.goto(`${app.url}/#/portal/${token}`);
  await h1(page, 'This sign-in link no longer works').waitFor();
  await page.getByRole('button', { name: 'Email me a sign-in link' }).waitFor();
  await checkA11y(page, 'portal: used link');
  await shot(page, '93-portal-used-link-phone');
  checkClean(page, 'portal');
  await page.context().close();
});

test('the public pages and the portal sign-in at the desk and on a tablet', async () => {
  for (const [size, viewport] of [['desk', DESK], ['tablet', TABLET]]) {
    const page = await openPage(browser, viewport);
    await page.goto(`${app.url}/#/clinics-public`);
    await h1(page, 'Our clinics').waitFor();
    await page.getByRole('link', { name: shared.clinic, exact: true }).click();
    await h1(page, shared.clinic).waitFor();
    await checkA11y(page, `${size}: clinic page`);
    await shot(page, `90-public-clinic-${size}`);
    await page.getByRole('link', { name: 'Request a quote with photos' }).click();
    await h1(page, 'Request a quote').waitFor();
    await page.getByLabel('Front photo', { exact: true }).setInputFiles(FRONT);
    await page.getByRole('img', { name: 'Preview of your front photo' }).waitFor();
    await checkA11y(page, `${size}: quote request`);
    await shot(page, `91-quote-request-${size}`);
    await page.goBack();
    await h1(page, shared.clinic).waitFor();
    await page.getByRole('link', { name: 'Book a free consultation' }).click();
    await h1(page, 'Book a free consultation').waitFor();
    await page.locator('.slot-day').getByRole('button').first().waitFor();
    // another day's times, chosen from the days with free times
    const days = page.getByRole('group', { name: 'Days with free times' }).getByRole('button');
    await days.nth(1).click();
    assert.equal(await days.nth(1).getAttribute('aria-pressed'), 'true');
    await checkA11y(page, `${size}: booking`);
    await shot(page, `92-booking-${size}`);
    await page.goto(`${app.url}/#/portal`);
    await h1(page, 'Sign in to your client portal').waitFor();
    await checkA11y(page, `${size}: portal sign-in`);
    await shot(page, `93-portal-sign-in-${size}`);
    checkClean(page, `${size}: public pages`);
    await page.context().close();
  }
});
