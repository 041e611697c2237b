// messages.test.mjs — client messages end to end: a real SMTP server on loopback
// (tests/tools/smtp_sink.py, Debian's aiosmtpd) receives the booking confirmation exactly once —
// also after the server restarts — well-formed as Python's email package reads it
// (tests/tools/mail_check.py), with an invitation python-icalendar accepts; the reminder waits
// for 48 hours before; opting out is honoured; a refused delivery is retried with backoff; and
// every message is on the client's timeline.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serverForFile, expectStatus, run, ROOT, sleep } from './lib.mjs';
import { makeClinic, makePractitioner, nextMonday, addDays, utcOf } from './sched.mjs';

/** Starts the SMTP sink; answers {port, dir, mails(), stop()}. */
async function sink(extra = []) {
  const dir = mkdtempSync(path.join(tmpdir(), 'stipple-mail-'));
  const proc = spawn('/usr/bin/python3', [path.join(ROOT, 'tests/tools/smtp_sink.py'), dir, ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    proc.on('exit', (code) => reject(new Error(`smtp_sink exited ${code}`)));
  });
  return {
    port,
    dir,
    mails: () => readdirSync(dir).filter((f) => f.endsWith('.eml')).sort().map((f) => path.join(dir, f)),
    stop: () => proc.kill('SIGTERM'),
  };
}

/** Waits (up to 15 s) until pred() holds; answers its last value. */
async function until(pred, what) {
  for (let waited = 0; waited < 15000; waited += 100) {
    const v = await pred();
    if (v) return v;
    await sleep(100);
  }
  assert.fail(`gave up waiting for ${what}`);
}

async function readMail(file) {
  const r = await run('/usr/bin/python3', [path.join(ROOT, 'tests/tools/mail_check.py'), file]);
  assert.equal(r.code, 0, `mail_check refused ${file}:\n${r.stderr}\n${readFileSync(file, 'utf8').slice(0, 1500)}`);
  return JSON.parse(r.stdout);
}

const smtp = await sink();
const env = (port) => ({ STIPPLE_SMTP_URL: `smtp://127.0.0.1:${port}`, STIPPLE_MAIL_FROM: 'Bloom SMP <clinic@bloom.example>', STIPPLE_OUTBOX_POLL_MS: '100', STIPPLE_OUTBOX_RETRY_S: '1' });
const srv = await serverForFile({ env: env(smtp.port) });
after(() => smtp.stop());
let manager = await srv.userClient('manager');
let desk = await srv.userClient('reception');
const HOURS = { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] };
const { clinic } = await makeClinic(manager, { hours: HOURS, name: 'Bloom SMP Leeds' });
const tech = await makePractitioner(manager, [clinic.id]);
let seq = 0;
const client = async (extra = {}) => (await desk.post('/api/v1/clients', { first_name: `Mail${++seq}`, last_name: 'Person', clinic_id: clinic.id, email: `mail${seq}-${Date.now()}@example.test`, ...extra })).body;
const book = (c, start, kind = 'consultation') => desk.post('/api/v1/appointments', { clinic_id: clinic.id, practitioner_id: tech.id, client_id: c.id, kind, mode: kind === 'consultation' ? 'in_person' : undefined, start, duration_min: 60 });
const messages = async (c) => (await desk.get(`/api/v1/clients/${c.id}/messages`)).body;
const mailsTo = async (address) => {
  const out = [];
  for (const f of smtp.mails()) if ((await readMail(f)).envelope_to.includes(address)) out.push(f);
  return out;
};

test('a booking confirmation arrives once, well-formed, with the invitation; the reminder waits', async () => {
  const c = await client();
  const day = addDays(nextMonday(1), 1);
  const r = await book(c, `${day}T10:30`);
  expectStatus(r, 201);
  const [file] = await until(async () => (await mailsTo(c.email)).length === 1 && mailsTo(c.email), 'the confirmation');
  const mail = await readMail(file);
  assert.match(mail.from, /clinic@bloom\.example/);
  assert.equal(mail.to, c.email);
  assert.match(mail.subject, /^Bloom SMP Leeds: your consultation on \w+day \d+ \w+ \d{4} at 10:30$/);
  assert.match(mail.text, new RegExp(`Hello ${c.first_name},`));
  assert.match(mail.text, /This confirms your consultation/);
  assert.deepEqual(mail.attachments.map((a) => [a.filename, a.content_type, a.method]), [['invite.ics', 'text/calendar', 'REQUEST']]);
  const ics = await run('/usr/bin/python3', [path.join(ROOT, 'tests/tools/ics_check.py'), `${file}.ics`, '--expect-events', '1', '--expect-tzid', 'Europe/London']);
  assert.equal(ics.code, 0, ics.stderr);
  assert.ok(ics.stdout.includes(new Date(utcOf(`${day}T10:30`)).toISOString().replace('.000', '')), `the invitation's start: ${ics.stdout}`);

  const list = await messages(c);
  const confirmation = list.items.find((m) => m.kind === 'confirmation');
  const reminder = list.items.find((m) => m.kind === 'reminder');
  assert.equal(confirmation.status, 'sent');
  assert.equal(confirmation.has_invitation, true);
  assert.equal(reminder.status, 'queued');
  assert.equal(Date.parse(reminder.send_after), Date.parse(r.body.start) - 48 * 3600 * 1000, 'the reminder is due 48 hours before');

  await sleep(600); // several more passes of the worker
  assert.equal((await mailsTo(c.email)).length, 1, 'sent once');
  await srv.restart();
  manager = await srv.userClient('manager');
  desk = await srv.userClient('reception');
  await sleep(600);
  assert.equal((await mailsTo(c.email)).length, 1, 'still once after a restart');
});

test('a move sends the new time; a cancellation says so; opting out stops everything', async () => {
  const c = await client();
  const day = addDays(nextMonday(1), 2);
  const a = (await book(c, `${day}T09:00`, 'session')).body;
  await until(async () => (await mailsTo(c.email)).length === 1, 'the first confirmation');
  expectStatus(await desk.patch(`/api/v1/appointments/${a.id}`, { start: `${day}T14:00` }), 200);
  await until(async () => (await mailsTo(c.email)).length === 2, 'the moved confirmation');
  const moved = await readMail((await mailsTo(c.email))[1]);
  assert.match(moved.subject, /at 14:00$/);
  assert.match(moved.text, /We have moved your SMP session/);
  const reminders = (await messages(c)).items.filter((m) => m.kind === 'reminder');
  assert.equal(reminders.length, 2, 'a reminder for each version; the old one is skipped when due');
  expectStatus(await desk.post(`/api/v1/appointments/${a.id}/cancel`, { reason: 'Client unwell' }), 200);
  await until(async () => (await mailsTo(c.email)).length === 3, 'the cancellation');
  const cancelled = await readMail((await mailsTo(c.email))[2]);
  assert.match(cancelled.subject, /is cancelled$/);
  assert.equal(cancelled.attachments[0].method, 'CANCEL');
  const ics = await run('/usr/bin/python3', [path.join(ROOT, 'tests/tools/ics_check.py'), `${(await mailsTo(c.email))[2]}.ics`, '--expect-events', '1', '--expect-tzid', 'Europe/London']);
  assert.equal(ics.code, 0, ics.stderr);
  assert.match(ics.stdout, / CANCELLED /, 'the invitation is withdrawn');

  const quiet = await client();
  expectStatus(await desk.put(`/api/v1/clients/${quiet.id}/message-preferences`, { opt_out: true }), 200);
  expectStatus(await book(quiet, `${day}T16:00`), 201);
  await until(async () => (await messages(quiet)).items.some((m) => m.kind === 'confirmation' && m.status === 'skipped'), 'the skipped confirmation');
  const skipped = (await messages(quiet)).items.find((m) => m.kind === 'confirmation');
  assert.match(skipped.last_error, /asked for no messages/);
  assert.equal((await mailsTo(quiet.email)).length, 0);
  assert.equal((await messages(quiet)).opt_out, true);

  const unreachable = await client({ email: null });
  expectStatus(await book(unreachable, `${addDays(day, 1)}T09:00`), 201);
  assert.deepEqual((await messages(unreachable)).items, [], 'no address, no message');
});

test('a refused delivery is retried with backoff and arrives once', async () => {
  const flaky = await sink(['--fail-first', '1']);
  const other = await serverForFile({ env: env(flaky.port) });
  try {
    const m = await other.userClient('manager');
    const d = await other.userClient('reception');
    const { clinic: k } = await makeClinic(m, { hours: HOURS });
    const t = await makePractitioner(m, [k.id]);
    const c = (await d.post('/api/v1/clients', { first_name: 'Retry', last_name: 'Me', clinic_id: k.id, email: 'retry@example.test' })).body;
    expectStatus(await d.post('/api/v1/appointments', { clinic_id: k.id, practitioner_id: t.id, client_id: c.id, kind: 'consultation', mode: 'in_person', start: `${addDays(nextMonday(1), 3)}T11:00`, duration_min: 30 }), 201);
    const first = await until(async () => {
      const x = (await d.get(`/api/v1/clients/${c.id}/messages`)).body.items.find((i) => i.kind === 'confirmation');
      return x && x.attempts >= 1 && x;
    }, 'the first attempt');
    if (first.status === 'queued') assert.match(first.last_error, /^SMTP 451: /, 'the refusal is recorded with the server\'s reply code');
    await until(async () => flaky.mails().length === 1, 'the retried delivery');
    const done = (await d.get(`/api/v1/clients/${c.id}/messages`)).body.items.find((i) => i.kind === 'confirmation');
    assert.equal(done.status, 'sent');
    assert.equal(done.attempts, 2);
    await sleep(500);
    assert.equal(flaky.mails().length, 1);
  } finally {
    flaky.stop();
    await other.stop();
  }
});

test('texts go through the SMS provider (a form POST with a bearer token) for clients without email', async () => {
  const got = [];
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      got.push({ path: req.url, auth: req.headers.authorization, type: req.headers['content-type'], form: Object.fromEntries(new URLSearchParams(body)) });
      res.writeHead(202).end();
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const other = await serverForFile({ env: { STIPPLE_SMS_URL: `http://127.0.0.1:${receiver.address().port}/sms`, STIPPLE_SMS_TOKEN: 'sekrit-token', STIPPLE_OUTBOX_POLL_MS: '100' } });
  try {
    const m = await other.userClient('manager');
    const d = await other.userClient('reception');
    const { clinic: k } = await makeClinic(m, { hours: HOURS, name: 'Text Clinic' });
    const t = await makePractitioner(m, [k.id]);
    const c = (await d.post('/api/v1/clients', { first_name: 'Texty', last_name: 'Phone', clinic_id: k.id, phone: '07700 900123' })).body;
    expectStatus(await d.post('/api/v1/appointments', { clinic_id: k.id, practitioner_id: t.id, client_id: c.id, kind: 'consultation', mode: 'phone', start: `${addDays(nextMonday(1), 4)}T12:15`, duration_min: 30 }), 201);
    await until(() => got.length >= 1, 'the text');
    assert.equal(got[0].path, '/sms');
    assert.equal(got[0].auth, 'Bearer sekrit-token');
    assert.match(got[0].type, /^application\/x-www-form-urlencoded/);
    assert.equal(got[0].form.to, c.phone);
    assert.match(got[0].form.text, /^Text Clinic: your consultation is booked for \w+day \d+ \w+ \d{4} at 12:15\./);
    const msg = (await d.get(`/api/v1/clients/${c.id}/messages`)).body.items.find((x) => x.kind === 'confirmation');
    assert.equal(msg.channel, 'sms');
    assert.equal(msg.status, 'sent');
  } finally {
    await other.stop();
    receiver.close();
  }
});

test('touch-up recall: staff send the reminder to the clients due, once per due date', async () => {
  const c = await client();
  const past = (await manager.post('/api/v1/appointments', { clinic_id: clinic.id, practitioner_id: tech.id, client_id: c.id, kind: 'session', start: `${addDays(nextMonday(-3), 2)}T09:00`, duration_min: 60, backfill: true }));
  expectStatus(past, 201);
  expectStatus(await manager.post(`/api/v1/appointments/${past.body.id}/record`, { areas: ['hairline'] }), 201);
  const r = await desk.post('/api/v1/recalls/notify', { clinic_id: clinic.id, client_ids: [c.id] });
  expectStatus(r, 200);
  assert.equal(r.body.queued, 1);
  const [file] = await until(async () => (await mailsTo(c.email)).length === 1 && mailsTo(c.email), 'the recall email');
  const mail = await readMail(file);
  assert.match(mail.subject, /time for your SMP touch-up$/);
  assert.match(mail.text, /due around \d{4}-\d\d-\d\d/);
  assert.equal((await desk.post('/api/v1/recalls/notify', { clinic_id: clinic.id, client_ids: [c.id] })).body.queued, 0, 'not twice for one due date');
  const stranger = await client();
  const refused = await desk.post('/api/v1/recalls/notify', { clinic_id: clinic.id, client_ids: [stranger.id] });
  assert.equal(refused.status, 422);
  assert.equal(refused.body.error.field, 'client_ids');
});
