// portal.test.mjs — the client portal over HTTP: a one-time sign-in link by email (a real SMTP
// server on loopback; the answer is the same for unknown addresses), the session it opens, the
// client's own appointments, aftercare, documents and photos, signing consent and accepting a
// quote, the data export as a ZIP read by Python's zipfile — and isolation: every id-bearing
// route tried with another client's ids answers 404.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serverForFile, expectStatus, expectError, run, ROOT, sleep } from './lib.mjs';
import { makeClinic, makePractitioner, pastMonday, addDays } from './sched.mjs';
import { png } from './images.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'stipple-mail-'));
const sinkProc = spawn('/usr/bin/python3', [path.join(ROOT, 'tests/tools/smtp_sink.py'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((resolve) => sinkProc.stdout.setEncoding('utf8').on('data', (d) => { const m = /listening (\d+)/.exec(d); if (m) resolve(Number(m[1])); }));
after(() => sinkProc.kill('SIGTERM'));
const srv = await serverForFile({ env: { STIPPLE_SMTP_URL: `smtp://127.0.0.1:${port}`, STIPPLE_OUTBOX_POLL_MS: '100', STIPPLE_PUBLIC_URL: 'https://portal.example.test', STIPPLE_PUBLIC_RATE_HOUR: '100' } });
const manager = await srv.userClient('manager');
const desk = await srv.userClient('reception');
const week = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '17:00']]]));
const { clinic } = await makeClinic(manager, { hours: week, name: 'Portal Clinic' });
const tech = await makePractitioner(manager, [clinic.id]);
const consentDoc = (await desk.get('/api/v1/consent-documents?kind=consent&current=true')).body.items[0];

/** A client with a session (and its record), a photo, a sent quote and a paid deposit. */
async function clientWithRecords(first, email, slot) {
  const c = (await desk.post('/api/v1/clients', { first_name: first, last_name: 'Portal', email, clinic_id: clinic.id })).body;
  const a = await manager.post('/api/v1/appointments', { clinic_id: clinic.id, practitioner_id: tech.id, client_id: c.id, kind: 'session', start: `${addDays(pastMonday(), slot)}T10:00`, duration_min: 60, backfill: true });
  expectStatus(a, 201);
  expectStatus(await manager.post(`/api/v1/appointments/${a.body.id}/record`, { areas: ['hairline'] }), 201);
  const photo = (await desk.request('POST', `/api/v1/clients/${c.id}/photos?label=front&stage=after`, undefined, { raw: png(40, 30, () => [1, 2, 3]), contentType: 'image/png' })).body;
  const q = (await desk.post('/api/v1/quotes', { client_id: c.id, areas: ['touch_up'] })).body;
  expectStatus(await desk.post(`/api/v1/quotes/${q.id}/send`), 200);
  const other = (await desk.post('/api/v1/quotes', { client_id: c.id, areas: ['correction'] })).body;
  const acc = (await desk.post(`/api/v1/quotes/${other.id}/accept`)).body;
  const pay = (await desk.post(`/api/v1/courses/${acc.course_id}/payments`, { method: 'card', pence: 1000 })).body;
  return { c, appt: a.body, photo, quote: q, payment: pay };
}
const A = await clientWithRecords('Alice', 'alice@example.test', 1);
const B = await clientWithRecords('Bruno', 'bruno@example.test', 2);
const anon = srv.anon();

async function linkFor(email, n = 1) {
  for (let waited = 0; waited < 15000; waited += 100) {
    // Other emails reach the client too (the quote's link): only sign-in emails count.
    const links = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort().map((f) => readFileSync(path.join(dir, f), 'utf8'))
      .filter((t) => t.includes(`X-Envelope-To: ${email}`))
      .map((t) => /https:\/\/portal\.example\.test\/#\/portal\/(p_[A-Za-z0-9_-]+)/.exec(t.replace(/=\r?\n/g, '').replace(/=3D/g, '=')))
      .filter(Boolean);
    if (links.length >= n) return links[n - 1][1];
    await sleep(100);
  }
  assert.fail(`no sign-in email number ${n} to ${email}`);
}

/** Signs in with a fresh link: answers a fetch helper carrying the portal cookie and CSRF token. */
async function signIn(email, n) {
  expectStatus(await anon.post('/api/v1/portal/link', { email }), 202);
  const token = await linkFor(email, n);
  const res = await fetch(`${srv.url}/api/v1/portal/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  assert.equal(res.status, 200);
  const cookie = /stipple_portal=([^;]+)/.exec(res.headers.get('set-cookie'))[1];
  const { csrf_token: csrf, first_name: first } = await res.json();
  const go = async (method, p, body, { csrfHeader = true } = {}) => {
    const headers = { cookie: `stipple_portal=${cookie}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && csrfHeader) headers['x-csrf-token'] = csrf;
    const r = await fetch(srv.url + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const buf = Buffer.from(await r.arrayBuffer());
    let json = null;
    try { json = JSON.parse(buf.toString()); } catch { /* binary */ }
    return { status: r.status, type: r.headers.get('content-type'), buf, body: json };
  };
  return { go, token, first, csrf };
}

let alice;
test('a sign-in link by email opens the portal once; unknown addresses get the same answer', async () => {
  alice = await signIn('alice@example.test', 1);
  assert.equal(alice.first, 'Alice');
  const again = await anon.post('/api/v1/portal/session', { token: alice.token });
  assert.equal(again.status, 401, 'a link works once');
  const unknown = await anon.post('/api/v1/portal/link', { email: 'nobody@example.test' });
  expectStatus(unknown, 202);
  assert.deepEqual(unknown.body, (await anon.post('/api/v1/portal/link', { email: 'alice@example.test' })).body, 'the same words either way');
  expectError(await anon.post('/api/v1/portal/link', { email: 'nope' }), 422, 'invalid', 'email');
  assert.equal((await anon.get('/api/v1/portal/me')).status, 401);
  // staff see the emails on the client's timeline, never a usable link
  const msgs = (await desk.get(`/api/v1/clients/${A.c.id}/messages`)).body.items;
  assert.ok(msgs.some((m) => m.body.includes('/#/portal/p_…')), 'the sign-in email is listed, its token hidden');
  assert.ok(msgs.some((m) => m.body.includes('/#/q/q_…')), 'the quote email is listed, its token hidden');
  assert.ok(!JSON.stringify(msgs).includes(alice.token.slice(2)), 'no sign-in token');
  assert.ok(!/[pqb]_[A-Za-z0-9_-]{20}/.test(JSON.stringify(msgs)), 'no token at all');
});

test('the client sees their own appointments, aftercare, documents and photos', async () => {
  const me = await alice.go('GET', '/api/v1/portal/me');
  assert.equal(me.body.first_name, 'Alice');
  assert.equal(me.body.clinic.name, 'Portal Clinic');
  const appts = (await alice.go('GET', '/api/v1/portal/appointments')).body.items;
  assert.deepEqual(appts.map((x) => x.id), [A.appt.id]);
  const after = await alice.go('GET', `/api/v1/portal/appointments/${A.appt.id}/aftercare`);
  assert.equal(after.status, 200);
  assert.equal(after.body.items.length, 5);
  const pdf = await alice.go('GET', `/api/v1/portal/appointments/${A.appt.id}/aftercare.pdf`);
  assert.equal(pdf.type, 'application/pdf');
  const docs = (await alice.go('GET', '/api/v1/portal/documents')).body;
  assert.deepEqual(docs.quotes.map((q) => q.id).sort(), [A.quote.id, A.quote.id + 1].sort());
  assert.ok(docs.quotes.every((q) => !('notes' in q)));
  assert.equal(docs.courses[0].payments[0].id, A.payment.id);
  const qpdf = await alice.go('GET', `/api/v1/portal/quotes/${A.quote.id}.pdf`);
  assert.equal(qpdf.type, 'application/pdf');
  const receipt = await alice.go('GET', `/api/v1/portal/payments/${A.payment.id}/receipt.pdf`);
  assert.equal(receipt.type, 'application/pdf');
  const photos = (await alice.go('GET', '/api/v1/portal/photos')).body.items;
  assert.deepEqual(photos.map((p) => p.id), [A.photo.id]);
  const img = await alice.go('GET', `/api/v1/portal/photos/${A.photo.id}/image`);
  assert.equal(img.type, 'image/jpeg');
});

test("another client's records are 404 by every id-bearing route", async () => {
  const theirs = [
    ['GET', `/api/v1/portal/appointments/${B.appt.id}/aftercare`],
    ['GET', `/api/v1/portal/appointments/${B.appt.id}/aftercare.pdf`],
    ['GET', `/api/v1/portal/appointments/${B.appt.id}/aftercare.ics`],
    ['GET', `/api/v1/portal/quotes/${B.quote.id}.pdf`],
    ['POST', `/api/v1/portal/quotes/${B.quote.id}/accept`, { name: 'Alice Portal' }],
    ['GET', `/api/v1/portal/payments/${B.payment.id}/receipt.pdf`],
    ['GET', `/api/v1/portal/photos/${B.photo.id}/image`],
    ['GET', '/api/v1/portal/photos/999999/image'],
  ];
  for (const [method, p, body] of theirs) {
    const r = await alice.go(method, p, body);
    assert.equal(r.status, 404, `${method} ${p} answered ${r.status}`);
  }
  assert.equal((await desk.get(`/api/v1/quotes/${B.quote.id}`)).body.status, 'sent', "Bruno's quote is untouched");
});

test('signing consent and accepting a quote; unsafe requests need the CSRF token', async () => {
  const noCsrf = await alice.go('POST', `/api/v1/portal/quotes/${A.quote.id}/accept`, { name: 'Alice Portal' }, { csrfHeader: false });
  assert.equal(noCsrf.status, 403);
  const acc = await alice.go('POST', `/api/v1/portal/quotes/${A.quote.id}/accept`, { name: 'Alice Portal' });
  assert.equal(acc.status, 200);
  assert.equal(acc.body.status, 'accepted');
  // a reloaded page has lost the token the sign-in answered: portal/me gives it again
  const again = (await alice.go('GET', '/api/v1/portal/me')).body;
  assert.equal(again.csrf_token, alice.csrf, 'the same session token');
  assert.equal(again.clinic.id, clinic.id);
  assert.equal((await desk.get(`/api/v1/quotes/${A.quote.id}`)).body.accepted_name, 'Alice Portal');
  const docs = (await alice.go('GET', '/api/v1/portal/consent-documents')).body.items;
  const shown = docs.find((d) => d.kind === 'consent');
  assert.equal(shown.id, consentDoc.id, 'the current consent form, to read before signing');
  assert.equal(shown.body, consentDoc.body);
  const signed = await alice.go('POST', '/api/v1/portal/consents', { document_id: shown.id, signer_name: 'Alice Portal', signature: 'M1 1 L20 20' });
  assert.equal(signed.status, 201);
  assert.equal(signed.body.witness_user_id, null, 'signed online, without a staff witness');
  assert.equal((await desk.get(`/api/v1/clients/${A.c.id}/consent-status`)).body.ready, true);
});

test('the data export is a ZIP with everything about the client and nothing about others', async () => {
  const zip = await alice.go('GET', '/api/v1/portal/export.zip');
  assert.equal(zip.status, 200);
  assert.equal(zip.type, 'application/zip');
  const file = path.join(srv.tmp, 'export.zip');
  writeFileSync(file, zip.buf);
  const py = 'import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(json.dumps({n: z.read(n).decode("utf-8", "replace") if n.endswith((".json",".txt")) else len(z.read(n)) for n in z.namelist()}))';
  const r = await run('/usr/bin/python3', ['-c', py, file]);
  assert.equal(r.code, 0, r.stderr);
  const files = JSON.parse(r.stdout);
  for (const n of ['profile.json', 'appointments.json', 'session-records.json', 'consultations.json', 'consents.json', 'designs.json', 'quotes.json', 'payments.json', 'messages.json', 'README.txt']) assert.ok(n in files, `${n} in the archive`);
  assert.equal(JSON.parse(files['profile.json']).email, 'alice@example.test');
  const records = JSON.parse(files['session-records.json']);
  assert.deepEqual(records.map((r) => r.appointment_id), [A.appt.id], 'what went into her scalp, session by session');
  assert.deepEqual(records[0].areas, ['hairline']);
  assert.ok(Object.keys(files).some((n) => n.startsWith(`photos/${A.photo.id}-`) && files[n] > 100), 'the photo');
  assert.ok(!JSON.stringify(files).includes('bruno@example.test') && !JSON.stringify(files).includes('Bruno'), "nothing of Bruno's");
  assert.ok(files['messages.json'].includes('/#/portal/p_…'), 'a sent sign-in email is kept without its token');
  assert.ok(!files['messages.json'].includes(alice.token.slice(2)), 'no sign-in token is kept');
});

test('signing out ends the session; too many link requests are refused', async () => {
  assert.equal((await alice.go('POST', '/api/v1/portal/logout')).status, 204);
  assert.equal((await alice.go('GET', '/api/v1/portal/me')).status, 401);
  let last;
  for (let i = 0; i < 8 && (!last || last.status !== 429); i++) last = await anon.post('/api/v1/portal/link', { email: 'bruno@example.test' });
  assert.equal(last.status, 429, 'five links an hour per address');
});
