// bookings.test.mjs — a free consultation booked by a client on the public page: free times from
// live availability, booking with the confirmation email (a real SMTP server on loopback) that
// carries the client's own link, the link showing, moving and cancelling the booking, a taken
// time refused, an existing client found by email, refusals by field, and the honeypot.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serverForFile, expectStatus, expectError, run, ROOT, sleep } from './lib.mjs';
import { makeClinic, makePractitioner, nextMonday, addDays } from './sched.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'stipple-mail-'));
const sinkProc = spawn('/usr/bin/python3', [path.join(ROOT, 'tests/tools/smtp_sink.py'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((resolve) => sinkProc.stdout.setEncoding('utf8').on('data', (d) => { const m = /listening (\d+)/.exec(d); if (m) resolve(Number(m[1])); }));
after(() => sinkProc.kill('SIGTERM'));
const srv = await serverForFile({ env: { STIPPLE_SMTP_URL: `smtp://127.0.0.1:${port}`, STIPPLE_OUTBOX_POLL_MS: '100', STIPPLE_PUBLIC_URL: 'https://book.example.test', STIPPLE_PUBLIC_RATE_HOUR: '100' } });
const manager = await srv.userClient('manager');
const desk = await srv.userClient('reception');
const week = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '12:00']]]));
const { clinic } = await makeClinic(manager, { hours: week, name: 'Book Clinic' });
await makePractitioner(manager, [clinic.id]);
const anon = srv.anon();
const day = addDays(nextMonday(1), 1);
const slots = async (mode) => (await anon.get(`/api/v1/public/clinics/${clinic.id}/slots?mode=${mode}&from=${day}&to=${day}`)).body.items;
const book = (body) => anon.post(`/api/v1/public/clinics/${clinic.id}/bookings`, { name: 'Robin Hart', email: 'robin@example.test', mode: 'video', health_consent: true, ...body });

async function mailTo(address, n) {
  for (let waited = 0; waited < 15000; waited += 100) {
    const files = readdirSync(dir).filter((f) => f.endsWith('.eml')).map((f) => path.join(dir, f)).filter((f) => readFileSync(f, 'utf8').includes(`X-Envelope-To: ${address}`));
    if (files.length >= n) {
      const r = await run('/usr/bin/python3', [path.join(ROOT, 'tests/tools/mail_check.py'), files.sort()[n - 1]]);
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout);
    }
    await sleep(100);
  }
  assert.fail(`no mail number ${n} to ${address}`);
}

test('free times come from live availability; booking one sends the confirmation with the client\'s link', async () => {
  const free = await slots('video');
  assert.equal(free[0].start_local, `${day}T09:00`);
  assert.ok(free.length >= 10, `every 15 minutes from 09:00 to 11:30: ${free.length}`);
  const r = await book({ start: free[0].start_local });
  expectStatus(r, 201);
  assert.equal(r.body.start_local, `${day}T09:00`);
  assert.equal(r.body.mode, 'video');
  assert.equal(r.body.clinic.name, 'Book Clinic');
  const token = /^\/#\/booking\/(b_[A-Za-z0-9_-]{20,})$/.exec(r.body.manage_url)?.[1];
  assert.ok(token, r.body.manage_url);
  assert.ok(!(await slots('video')).some((s) => s.start_local === `${day}T09:00`), 'the time is no longer free');
  const mail = await mailTo('robin@example.test', 1);
  assert.match(mail.subject, /^Book Clinic: your consultation on /);
  assert.ok(mail.text.includes(`https://book.example.test/#/booking/${token}`), mail.text);
  assert.equal(mail.attachments[0].method, 'REQUEST');

  const seen = await anon.get(`/api/v1/public/bookings/${token}`);
  expectStatus(seen, 200);
  assert.equal(seen.body.status, 'booked');
  assert.equal(seen.body.clinic.id, clinic.id, 'the clinic, to ask for its free times when moving');
  const moved = await anon.post(`/api/v1/public/bookings/${token}/move`, { start: `${day}T11:00` });
  expectStatus(moved, 200);
  assert.equal(moved.body.start_local, `${day}T11:00`);
  const movedMail = (await mailTo('robin@example.test', 2)).text;
  assert.match(movedMail, /We have moved your consultation/);
  assert.ok(movedMail.includes(`https://book.example.test/#/booking/${token}`), 'the new confirmation still has the link');
  const cancelled = await anon.post(`/api/v1/public/bookings/${token}/cancel`);
  expectStatus(cancelled, 200);
  assert.equal(cancelled.body.status, 'cancelled');
  assert.match((await mailTo('robin@example.test', 3)).subject, /is cancelled$/);
  expectError(await anon.post(`/api/v1/public/bookings/${token}/cancel`), 409, 'conflict', 'status');
  expectError(await anon.get('/api/v1/public/bookings/b_unknowntokenunknowntoken'), 404, 'not_found', null);
  const clients = (await desk.get(`/api/v1/clients?q=Hart`)).body.items.filter((c) => c.email === 'robin@example.test');
  assert.equal(clients.length, 1, 'the client was made once');
});

test('a taken time is refused; an existing client is found by email; refusals name the field', async () => {
  const free = await slots('in_person');
  const t = free[free.length - 1].start_local;
  expectStatus(await book({ mode: 'in_person', start: t, email: 'first@example.test', name: 'First Person' }), 201);
  expectError(await book({ mode: 'in_person', start: t, email: 'second@example.test', name: 'Second Person' }), 409, 'conflict', 'start');
  const existing = (await desk.post('/api/v1/clients', { first_name: 'Known', last_name: 'Client', email: 'known@example.test', clinic_id: clinic.id })).body;
  const mine = await book({ start: (await slots('phone'))[0].start_local, mode: 'phone', phone: '07700 900777', email: 'KNOWN@example.test', name: 'Known Client' });
  expectStatus(mine, 201);
  const appts = (await desk.get(`/api/v1/appointments?client_id=${existing.id}&from=${day}&to=${day}`)).body.items;
  assert.equal(appts.length, 1, 'booked for the client already known by that email');
  const bad = [
    [{ name: 'Cher' }, 'name'],
    [{ email: 'nope' }, 'email'],
    [{ mode: 'pigeon' }, 'mode'],
    [{ mode: 'phone' }, 'phone'],
    [{ health_consent: false }, 'health_consent'],
    [{ start: 'soon' }, 'start'],
    [{ start: `${addDays(day, -30)}T10:00` }, 'start'],
    [{ colour: 'blue' }, 'colour'],
  ];
  for (const [body, field] of bad) expectError(await book({ start: `${day}T10:00`, ...body }), 422, 'invalid', field, JSON.stringify(body));
  expectError(await anon.get(`/api/v1/public/clinics/${clinic.id}/slots?mode=carrier&from=${day}`), 422, 'invalid', 'mode');
  const bot = await book({ start: `${day}T10:15`, website: 'spam', email: 'bot@example.test' });
  expectStatus(bot, 201);
  assert.ok((await slots('video')).some((s) => s.start_local === `${day}T10:15`), 'a bot books nothing');
});
