// records.test.mjs — issue 8 in the browser, on the demo data. On the treatment-room tablet
// (768×1024) a practitioner opens a client's booked session from the client page and records
// it: lots are typed by their code as a scanner would; saving first without the cleaning log is
// refused beside the cleaning log, then the expired demo lot is refused beside the pigment lots
// with the server's words, and nothing typed is lost; with a good lot it saves, and an edit
// shows as version 2 with version 1 kept. She uploads photos before and after (PNGs made here),
// compares them side by side and with the divider, deletes a spare one, opens the aftercare,
// prints it (the print view hides the navigation and keeps the advice; the PDF link answers a
// PDF) and finds the client among the lot's exposures (and in its CSV). She adds, edits and
// retires a lot. The client's timeline shows the record, the photos and the queued aftercare
// messages, and the opt-out is saved. At the desk a manager edits the clinic's recall rule and
// the recall list shows a client overdue (history entered through the API) with "Send recall".
// For a client who has not signed the consent form the refusal shows beside the consent line.
// Reception sees lots and aftercare, but no exposures, session records or photo deletion.
// axe-core checks every screen; screenshots 80-….
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, launch, openPage, checkA11y, checkClean, shot as fullShot, signIn, DESK, TABLET } from './lib.mjs';
import { png } from '../api/images.mjs';

const app = await startApp();
const browser = await launch();
after(async () => {
  await browser.close();
  await app.srv.stop();
});

const { client: owner } = await app.srv.login(app.owner.email, app.owner.password);
const ok = (r, what) => { assert.ok(r.status < 300, `${what}: ${r.status} ${r.text}`); return r.body; };
const ymd = (d) => d.toISOString().slice(0, 10);

// The demo's first practitioner (the practitioner's own login) and her next booked session.
const priya = (await owner.all('/api/v1/practitioners')).find((p) => p.name === 'Priya Practitioner');
const today = new Date();
const soon = (await owner.all(`/api/v1/appointments?practitioner_id=${priya.id}&from=${ymd(today)}&to=${ymd(new Date(Date.now() + 15 * 86400000))}`))
  .filter((a) => a.kind === 'session' && a.status === 'booked').sort((a, b) => (a.start < b.start ? -1 : 1));
const appt = soon[0];
assert.ok(appt, 'the demo books sessions for Priya in the next two weeks');
const client = ok(await owner.get(`/api/v1/clients/${appt.client_id}`), 'the session client');
const clientName = `${client.first_name} ${client.last_name}`;
// the client signed the consent form at the consultation
const consentDoc = ok(await owner.get('/api/v1/consent-documents?kind=consent&current=true'), 'consent form').items[0];
ok(await owner.post(`/api/v1/clients/${client.id}/consents`, { document_id: consentDoc.id, signer_name: clientName, signature: 'M1 1 L9 9' }), 'signing consent');

// History from the paper files: a client of Liverpool HQ whose last session was over three years ago.
const hq = (await owner.all('/api/v1/clinics')).find((c) => c.name === 'Liverpool HQ');
const old = (await owner.all(`/api/v1/clients?clinic_id=${hq.id}`)).find((c) => c.id !== client.id);
const oldName = `${old.first_name} ${old.last_name}`;
const longAgo = ymd(new Date(Date.now() - (3 * 365 + 70) * 86400000));
const past = ok(await owner.post('/api/v1/appointments', { clinic_id: hq.id, practitioner_id: priya.id, client_id: old.id, kind: 'session',
  start: `${longAgo}T10:00`, duration_min: 180, backfill: true }), 'a backfilled session');
ok(await owner.post(`/api/v1/appointments/${past.id}/record`, { areas: ['crown'], notes: 'Entered from the paper file.' }), 'its record');

const tablet = await openPage(browser, TABLET);
const h1 = (page, name) => page.getByRole('heading', { level: 1, name, exact: true });

async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await fullShot(page, name);
}

/** Each screen: wait for its heading, check it with axe-core, keep a picture. */
async function screen(page, name, heading) {
  await h1(page, heading).waitFor();
  await checkA11y(page, name);
  await shot(page, name);
}

/** fetchIn fetches a URL with the page's own cookie: {status, type, head (first bytes as text), text}. */
const fetchIn = (page, url) => page.evaluate(async (u) => {
  const r = await fetch(u);
  const buf = new Uint8Array(await r.arrayBuffer());
  return { status: r.status, type: r.headers.get('content-type'), head: String.fromCharCode(...buf.slice(0, 5)), text: new TextDecoder().decode(buf) };
}, url);

test('on the tablet a session is recorded with lots typed by code; the cleaning log and an expired lot are refused beside their fields', async () => {
  const page = tablet;
  await signIn(page, app.url, app.practitioner);
  await page.goto(`${app.url}/#/clients/${client.id}`);
  await screen(page, '80-client-before-session', clientName);
  await page.locator(`a[href="#/appointments/${appt.id}/record"]`).first().click();
  await screen(page, '81-record-form', 'Record session');
  await page.getByText('Consent: signed').waitFor();

  const pigments = page.getByRole('group', { name: 'Pigment lots' });
  const needles = page.getByRole('group', { name: 'Needle lots' });
  // the scanner types the code and presses Enter
  await page.getByLabel('Pigment lot code').fill('SIN-2302-11');
  await page.getByLabel('Pigment lot code').press('Enter');
  await pigments.getByText('Expired on 28 February 2025').waitFor();
  await page.getByLabel('Needle lot code').fill('ndl-25-0415');
  await page.getByLabel('Needle lot code').press('Enter');
  await needles.getByText('NDL-25-0415', { exact: true }).waitFor();
  await page.getByLabel('Needle lot code').fill('NOPE-1');
  await page.getByLabel('Needle lot code').press('Enter');
  await needles.getByText('No needle lot has the code NOPE-1').waitFor();
  await page.getByLabel('Needle lot code').fill('');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Record session', 'Enter never submitted the form');

  await page.getByLabel('Dilution %').fill('60');
  const areas = page.getByRole('group', { name: 'Areas treated' });
  await areas.getByLabel('Hairline').check();
  await areas.getByLabel('Temples').check();
  await page.getByLabel('Shade decision').selectOption({ label: 'Go lighter next session' });
  await page.getByLabel('Impressions (estimate)').fill('9000');
  await page.getByLabel('Numbing').fill('Topical lidocaine 5 %');
  const reactions = page.getByRole('group', { name: 'Reactions' });
  await reactions.getByLabel('Redness').check();
  await reactions.getByText('Allergic reaction (a follow-up task will be created)').waitFor();
  await page.getByLabel('Notes').fill('First session, soft hairline as designed.');

  // forgetting the cleaning log
  await page.getByRole('button', { name: 'Save the record' }).click();
  const cleaning = page.getByRole('group', { name: 'Cleaning log' });
  await cleaning.getByText('Confirm the cleaning log: needles disposed and equipment cleaned').waitFor();
  await checkA11y(page, '82-record-refused-cleaning');
  await shot(page, '82-record-refused-cleaning');

  // with the cleaning confirmed, the expired lot is refused in the server's words beside the lots
  await cleaning.getByLabel('Needles disposed of in the sharps bin').check();
  await cleaning.getByLabel('Equipment cleaned and disinfected').check();
  await page.getByRole('button', { name: 'Save the record' }).click();
  await pigments.locator('.field-error').getByText(/^Lot SIN-2302-11 of Scalp Ink Natural expired on 2025-02-28, before the session on 20/).waitFor();
  assert.equal(await page.getByLabel('Pigment lot code').getAttribute('aria-invalid'), 'true');
  assert.equal(await cleaning.locator('.field-error').isVisible(), false, 'the cleaning refusal is gone');
  assert.equal(await page.getByLabel('Notes').inputValue(), 'First session, soft hairline as designed.', 'nothing typed is lost');
  assert.equal(await page.getByLabel('Dilution %').inputValue(), '60');
  await checkA11y(page, '83-record-refused-lot');
  await shot(page, '83-record-refused-lot');

  await pigments.getByRole('button', { name: 'Remove lot SIN-2302-11' }).click();
  await page.getByLabel('Pigment lot code').fill('SIN-2411-07');
  await page.getByLabel('Pigment lot code').press('Enter');
  await pigments.getByText('Scalp Ink Natural, Espresso, expires 30 June 2028', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Save the record' }).click();
  await screen(page, '84-record-saved', 'Session record');
  await page.getByRole('status').getByText('Session recorded').waitFor();
  await page.getByRole('link', { name: 'SIN-2411-07' }).waitFor();
  await page.getByRole('link', { name: 'NDL-25-0415' }).waitFor();
  await page.getByText('Confirmed: needles disposed and equipment cleaned').waitFor();
  await page.getByText('None: the record has not been edited.').waitFor();

  // an edit keeps version 1
  await page.getByRole('button', { name: 'Edit' }).click();
  await screen(page, '85-record-edit', 'Edit session record');
  assert.equal(await page.getByLabel('Notes').inputValue(), 'First session, soft hairline as designed.');
  await page.getByLabel('Notes').fill('First session, soft hairline as designed. Slight redness at the temples.');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await h1(page, 'Session record').waitFor();
  await page.getByText('Edited: version 2').waitFor();
  await page.getByText('Slight redness at the temples.').waitFor();
  await page.getByText('Version 1, replaced').click();
  await page.locator('details.version').getByText('First session, soft hairline as designed.', { exact: true }).waitFor();
  await checkA11y(page, '86-record-edited');
  await shot(page, '86-record-edited');
  checkClean(page, 'recording the session');
});

test('photos before and after are uploaded, compared side by side and with the divider, and a spare one deleted', async () => {
  const page = tablet;
  await page.getByRole('button', { name: 'Photos' }).click();
  await screen(page, '87-photos', `Photos of ${clientName}`);
  const upload = async (name, view, stage) => {
    await page.getByLabel('Photo file').setInputFiles({ name, mimeType: 'image/png',
      buffer: png(320, 240, (x, y) => (stage === 'before' ? [200, 170, 150] : [90 + (x % 7), 70, 60 + (y % 5)])) });
    await page.getByLabel('View').selectOption({ label: view });
    await page.getByRole('radio', { name: stage === 'other' ? 'Other' : stage[0].toUpperCase() + stage.slice(1), exact: true }).check();
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByRole('status').getByText(new RegExp(`^Uploaded: ${view}, ${stage}`)).waitFor();
  };
  // the session is chosen already (the page was opened from its record)
  assert.notEqual(await page.getByLabel('Session', { exact: true }).inputValue(), '');
  await upload('before.png', 'Front', 'before');
  await page.getByLabel('The client agrees to this photo being used in marketing').check();
  await upload('after.png', 'Front', 'after');
  assert.equal(await page.getByLabel('The client agrees to this photo being used in marketing').isChecked(), false, 'the marketing yes is asked for each photo');
  const all = page.getByRole('list', { name: 'Photos, newest first' });
  await all.getByText('Marketing: yes').waitFor();

  const cmp = page.getByRole('region', { name: 'Before and after' });
  await cmp.getByText(/^Before: Front, before/).waitFor();
  await cmp.getByText(/^After: Front, after/).waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('.compare-pictures img')].length === 2
    && [...document.querySelectorAll('.compare-pictures img')].every((i) => i.complete && i.naturalWidth > 0));
  const srcs = await cmp.locator('img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src')));
  assert.ok(srcs.every((s) => /^\/api\/v1\/photos\/\d+\/image$/.test(s)), `only the API's image route: ${srcs}`);
  assert.notEqual(srcs[0], srcs[1], 'two different photos');
  await checkA11y(page, '88-photos-compare');
  await shot(page, '88-photos-compare');

  await cmp.getByRole('radio', { name: 'Slider' }).check();
  const divider = page.getByLabel('Before and after divider');
  await divider.focus();
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowLeft');
  assert.equal(await divider.getAttribute('aria-valuetext'), '30 % before, 70 % after');
  assert.match(await cmp.locator('img.compare-after').evaluate((i) => i.style.clipPath), /inset\(0(px)? 0(px)? 0(px)? 30%\)/);
  await checkA11y(page, '89-photos-slider');
  await shot(page, '89-photos-slider');

  await upload('spare.png', 'Top', 'other');
  const spare = all.getByRole('listitem').filter({ hasText: 'Top, other' });
  await spare.waitFor();
  await spare.getByRole('button', { name: /^Delete photo: Top, other/ }).click();
  await page.getByRole('dialog', { name: 'Delete this photo?' }).getByRole('button', { name: 'Yes, delete' }).click();
  await page.getByRole('status').getByText('Photo deleted').waitFor();
  assert.equal(await all.getByRole('listitem').filter({ hasText: 'Top, other' }).count(), 0);
  checkClean(page, 'photos');
});

test('the aftercare shows its stages, prints without the navigation and downloads as a PDF and a calendar', async () => {
  const page = tablet;
  await page.goto(`${app.url}/#/appointments/${appt.id}/record`);
  await h1(page, 'Session record').waitFor();
  await page.getByRole('button', { name: 'Aftercare' }).click();
  await screen(page, '90-aftercare', `Aftercare for ${clientName}`);
  const stages = page.getByRole('list', { name: 'Aftercare, stage by stage' });
  await stages.getByText(/^Day 0 to day 4:/).waitFor();
  await stages.getByText(/^Day 5 to day 10:/).waitFor();
  await stages.getByText(/^From day 31:/).waitFor();
  assert.equal(await stages.getByRole('listitem').count(), 5);

  const pdf = await fetchIn(page, await page.getByRole('link', { name: 'Download the PDF handout' }).getAttribute('href'));
  assert.equal(pdf.status, 200);
  assert.equal(pdf.type, 'application/pdf');
  assert.equal(pdf.head, '%PDF-');
  const ics = await fetchIn(page, await page.getByRole('link', { name: 'Add to a calendar (.ics)' }).getAttribute('href'));
  assert.match(ics.type, /^text\/calendar/);
  assert.match(ics.text, /BEGIN:VEVENT/);

  // Print asks the browser to print; on paper only the advice is left
  await page.evaluate(() => { window.printed = 0; window.print = () => { window.printed += 1; }; });
  await page.getByRole('button', { name: 'Print' }).click();
  assert.equal(await page.evaluate(() => window.printed), 1);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).isVisible(), false, 'no navigation on paper');
  assert.equal(await page.getByRole('button', { name: 'Print' }).isVisible(), false, 'no buttons on paper');
  assert.equal(await stages.isVisible(), true);
  assert.equal(await stages.getByText(/dry/).first().isVisible(), true, 'the advice is printed');
  await shot(page, '91-aftercare-print');
  await page.emulateMedia({ media: 'screen' });
  checkClean(page, 'aftercare');
});

test('the lots list marks the expired lot; the used lot’s exposures name the client; a lot is added, edited and retired', async () => {
  const page = tablet;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lots', exact: true }).click();
  await screen(page, '92-lots', 'Lots');
  const expired = page.getByRole('row').filter({ hasText: 'SIN-2302-11' });
  await expired.getByText('Expired', { exact: true }).waitFor();
  await page.getByRole('row').filter({ hasText: 'SIN-2411-07' }).getByText('In use').waitFor();
  await page.getByRole('link', { name: 'SIN-2411-07' }).click();
  await screen(page, '93-lot-exposures', 'Lot SIN-2411-07');
  const exposures = page.getByRole('region', { name: /Clients and sessions lot SIN-2411-07 touched/ });
  await exposures.getByRole('link', { name: clientName, exact: true }).waitFor();
  const csvLink = page.getByRole('link', { name: 'Download the exposures (CSV)' });
  const csv = await fetchIn(page, await csvLink.getAttribute('href'));
  assert.match(csv.type, /^text\/csv/);
  assert.ok(csv.text.includes(`"${clientName}"`), `the CSV names the client:\n${csv.text}`);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lots', exact: true }).click();
  await h1(page, 'Lots').waitFor();
  await page.getByRole('button', { name: 'New lot' }).click();
  await screen(page, '94-lot-new', 'New lot');
  await page.getByRole('radio', { name: 'Pigment' }).check();
  await page.getByLabel('Product').fill('Scalp Ink Natural');
  await page.getByLabel('Shade').fill('Dark Brown');
  await page.getByLabel('Lot code').fill('SIN-2412-01');
  await page.getByLabel('Expires on').fill('2028-12-31');
  await page.getByRole('button', { name: 'Save' }).click();
  await h1(page, 'Lot SIN-2412-01').waitFor();
  await page.getByRole('button', { name: 'Edit' }).click();
  await h1(page, 'Edit lot').waitFor();
  await page.getByLabel('Expires on').fill('2029-01-31');
  await page.getByRole('button', { name: 'Save' }).click();
  await h1(page, 'Lot SIN-2412-01').waitFor();
  await page.getByText('31 January 2029').waitFor();
  await page.getByRole('button', { name: 'Retire' }).click();
  await page.getByRole('dialog', { name: 'Retire lot SIN-2412-01?' }).getByRole('button', { name: 'Yes, retire it' }).click();
  await page.getByRole('status').getByText('Retired lot SIN-2412-01').waitFor();
  await page.locator('.details').getByText('Retired', { exact: true }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Retire' }).count(), 0);
  await screen(page, '95-lot-retired', 'Lot SIN-2412-01');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lots', exact: true }).click();
  await h1(page, 'Lots').waitFor();
  assert.equal(await page.getByRole('row').filter({ hasText: 'SIN-2412-01' }).count(), 0, 'retired lots are hidden by default');
  await page.getByLabel('Show retired lots').check();
  await page.getByRole('row').filter({ hasText: 'SIN-2412-01' }).getByText('Retired').waitFor();
  checkClean(page, 'lots');
});

test('the client’s timeline shows the record, the photos and the messages; the opt-out is saved', async () => {
  const page = tablet;
  await page.goto(`${app.url}/#/clients/${client.id}`);
  await h1(page, clientName).waitFor();
  const records = page.getByRole('list', { name: /^Consultations, session records/ });
  await records.getByRole('link', { name: 'Session record (edited, version 2)' }).waitFor();
  await records.getByRole('link', { name: 'Photo: Front, after' }).waitFor();
  await records.getByRole('link', { name: 'Photo: Front, before' }).waitFor();
  const messages = page.getByRole('list', { name: 'Messages, newest first' });
  await messages.getByText('Aftercare nudge by email').first().waitFor();
  await messages.getByText('Queued').first().waitFor();
  await page.getByRole('region', { name: 'Photos' }).getByRole('img').first().waitFor();
  const optOut = page.getByLabel('The client wants no messages (reminders, aftercare, recalls)');
  await optOut.check();
  await page.getByText('Saved: no reminders, aftercare or recall messages will be sent.').waitFor();
  await screen(page, '96-client-timeline', clientName);
  const prefs = await fetchIn(page, `/api/v1/clients/${client.id}/messages`);
  assert.equal(JSON.parse(prefs.text).opt_out, true, 'the opt-out is kept by the server');
  await page.reload();
  await h1(page, clientName).waitFor();
  assert.equal(await page.getByLabel('The client wants no messages (reminders, aftercare, recalls)').isChecked(), true);
  checkClean(page, 'timeline');
});

test('at the desk a manager edits the recall rule; the recall list shows the overdue client and sends the recall once', async () => {
  const page = await openPage(browser, DESK);
  await signIn(page, app.url, app.manager);
  await page.goto(`${app.url}/#/clinics/${hq.id}`);
  await h1(page, 'Liverpool HQ').waitFor();
  const rules = page.getByRole('region', { name: 'Touch-up recall' });
  await rules.getByLabel('Months from the last session').fill('30');
  await rules.getByLabel('Never sooner than (months)').fill('40');
  await rules.getByRole('button', { name: 'Save the rule' }).click();
  await rules.locator('.field-error').getByText('Never sooner than can’t be more than the months from the last session').waitFor();
  await rules.getByLabel('Never sooner than (months)').fill('12');
  await rules.getByRole('button', { name: 'Save the rule' }).click();
  await page.getByRole('status').getByText('Recall rule saved').waitFor();
  await checkA11y(page, '97-clinic-recall-rule');
  await shot(page, '97-clinic-recall-rule');
  assert.equal(JSON.parse((await fetchIn(page, `/api/v1/clinics/${hq.id}/recall-rules`)).text).base_months, 30);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Recalls', exact: true }).click();
  await h1(page, 'Recalls').waitFor();
  await page.getByLabel('Clinic').selectOption({ label: 'Liverpool HQ' });
  await page.getByRole('button', { name: 'Show' }).click();
  const row = page.getByRole('row').filter({ hasText: oldName });
  await row.getByText('Overdue').waitFor();
  await row.getByRole('link', { name: oldName }).waitFor();
  await page.getByText('The rule: a touch-up 30 months after the last session').waitFor();
  await row.getByRole('button', { name: `Send recall to ${oldName}` }).click();
  await row.getByText('Sent to the outbox').waitFor();
  await screen(page, '98-recalls', 'Recalls');
  await row.getByRole('button', { name: `Send recall to ${oldName}` }).click();
  await row.getByText('Already sent for this due date').waitFor();
  // an empty date: everyone with a recorded session
  await page.getByLabel('Due before').fill('');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.getByRole('status').getByText(/clients? at Liverpool HQ with a recorded session/).waitFor();
  checkClean(page, 'recalls');

  await page.goto(`${app.url}/#/clients/${old.id}`);
  await h1(page, oldName).waitFor();
  await page.getByRole('list', { name: 'Messages, newest first' }).getByText('Touch-up recall by email').waitFor();
  await page.close();
});

test('on the tablet the recall list and a lot fit the screen and pass the accessibility check', async () => {
  const page = tablet;
  await page.goto(`${app.url}/#/recalls?clinic=${hq.id}&before=all`);
  await h1(page, 'Recalls').waitFor();
  await page.getByRole('row').filter({ hasText: oldName }).waitFor();
  await screen(page, '99-recalls-tablet', 'Recalls');
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(wide, false, 'nothing makes the page scroll sideways');
  checkClean(page, 'tablet recalls');
});

test('a client who has not signed the consent form: the refusal is shown beside the consent line', async () => {
  const page = tablet;
  const other = soon.find((a) => a.client_id !== client.id);
  assert.ok(other, 'another session of Priya');
  const status = JSON.parse((await fetchIn(page, `/api/v1/clients/${other.client_id}/consent-status`)).text);
  assert.notEqual(status.kinds?.consent?.status, 'current', 'the demo client has not signed');
  await page.goto(`${app.url}/#/appointments/${other.id}/record`);
  await h1(page, 'Record session').waitFor();
  await page.getByText('Consent: not signed').waitFor();
  await page.getByLabel('Pigment lot code').fill('SIN-2409-03');
  await page.getByLabel('Pigment lot code').press('Enter');
  await page.getByLabel('Needle lot code').fill('NDL-25-0722');
  await page.getByLabel('Needle lot code').press('Enter');
  await page.getByRole('group', { name: 'Needle lots' }).getByText('NDL-25-0722', { exact: true }).waitFor();
  await page.getByRole('group', { name: 'Areas treated' }).getByLabel('Crown').check();
  const cleaning = page.getByRole('group', { name: 'Cleaning log' });
  await cleaning.getByLabel('Needles disposed of in the sharps bin').check();
  await cleaning.getByLabel('Equipment cleaned and disinfected').check();
  await page.getByRole('button', { name: 'Save the record' }).click();
  await page.locator('.consent-check .field-error').getByText('The client has not signed the current consent: sign it before the session').waitFor();
  await page.locator('.consent-check').getByRole('link', { name: 'Sign consent' }).waitFor();
  await checkA11y(page, '8a-record-refused-consent');
  await shot(page, '8a-record-refused-consent');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Record session', 'nothing was saved');
  checkClean(page, 'consent refusal');
});

test('reception sees the lots and the aftercare but no exposures, session records or photo deletion', async () => {
  const page = await openPage(browser, DESK);
  await signIn(page, app.url, app.reception);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lots', exact: true }).click();
  await h1(page, 'Lots').waitFor();
  assert.equal(await page.getByRole('button', { name: 'New lot' }).count(), 0, 'reception adds no lots');
  await page.getByRole('link', { name: 'SIN-2411-07' }).click();
  await h1(page, 'Lot SIN-2411-07').waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Exposures' }).count(), 0, 'exposures are health data');
  assert.equal(await page.getByRole('button', { name: 'Retire' }).count(), 0);
  await page.goto(`${app.url}/#/appointments/${appt.id}/record`);
  await h1(page, 'Not allowed').waitFor();
  await page.getByText("Your role (reception) can't open session records.").waitFor();
  await page.goto(`${app.url}/#/appointments/${appt.id}/aftercare`);
  await h1(page, `Aftercare for ${clientName}`).waitFor();
  await page.goto(`${app.url}/#/clients/${client.id}/photos`);
  await h1(page, `Photos of ${clientName}`).waitFor();
  await page.getByRole('list', { name: 'Photos, newest first' }).getByRole('img').first().waitFor();
  assert.equal(await page.getByRole('button', { name: /^Delete photo/ }).count(), 0, 'only clinical staff delete photos');
  await page.goto(`${app.url}/#/clients/${client.id}`);
  await h1(page, clientName).waitFor();
  await page.getByRole('link', { name: /^Aftercare/ }).first().waitFor();
  assert.equal(await page.getByRole('link', { name: /^(Record session|Session record)/ }).count(), 0, 'no session records for reception');
  await checkA11y(page, 'reception client page');
  checkClean(page, 'reception');
  await page.close();
});

test('a serious reaction added to the record opens a follow-up on the dashboard, done with one press', async () => {
  const page = await openPage(browser, TABLET); // last of the file: the other tests' record stays as they left it
  await signIn(page, app.url, app.practitioner);
  await page.goto(`${app.url}/#/appointments/${appt.id}/record/edit`);
  await h1(page, 'Edit session record').waitFor();
  await page.getByRole('group', { name: 'Reactions' }).getByLabel(/Allergic reaction/).check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await h1(page, 'Session record').waitFor();
  await page.getByText('Edited: version 3').waitFor(); // the first test left version 2
  await page.goto(`${app.url}/#/`);
  await h1(page, 'Dashboard').waitFor();
  const card = page.getByRole('region', { name: 'Follow-ups' });
  await card.getByRole('link', { name: clientName }).waitFor();
  await checkA11y(page, '8b-dashboard-follow-up');
  await shot(page, '8b-dashboard-follow-up');
  await card.getByRole('button', { name: new RegExp(`^Done: .* for ${clientName}$`) }).click();
  await card.getByText('No follow-ups left.').waitFor();
  await page.reload();
  await h1(page, 'Dashboard').waitFor();
  assert.equal(await page.getByRole('region', { name: 'Follow-ups' }).count(), 0, 'the card is gone once nothing is open');
  checkClean(page, 'the follow-up');
  await page.close();
});
