// calendar.test.mjs — iCalendar out of stipple, checked by an independent parser
// (tests/tools/ics_check.py on Debian's python3-icalendar): a practitioner's calendar, the
// secret feed a phone subscribes to (no sign-in, initials only), an appointment's confirmation,
// and SEQUENCE/STATUS following a move and a cancellation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { serverForFile, expectStatus, expectError, clinicBody, run, ROOT } from './lib.mjs';

const srv = await serverForFile();
const manager = await srv.userClient('manager');
const clinic = (await manager.post('/api/v1/clinics', clinicBody({ name: 'Calendar Clinic', timezone: 'Europe/London' }))).body;
const week = {};
for (const d of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']) week[d] = [['08:00', '20:00']];
expectStatus(await manager.put(`/api/v1/clinics/${clinic.id}/hours`, week), 200);
const prac = (await manager.post('/api/v1/practitioners', { name: 'Cal Endar', email: `cal${Date.now()}@example.com`, clinic_ids: [clinic.id] })).body;
const client = (await manager.post('/api/v1/clients', { first_name: 'Łukasz', last_name: 'Dąbrowski', clinic_id: clinic.id })).body;

function day(offset) {
  const d = new Date(Date.now() + offset * 86400000);
  return d.toISOString().slice(0, 10);
}

async function ics(text, args) {
  const file = path.join(srv.tmp, `cal-${Math.random().toString(36).slice(2)}.ics`);
  writeFileSync(file, text);
  const r = await run('/usr/bin/python3', [path.join(ROOT, 'tests/tools/ics_check.py'), file, ...args]);
  assert.equal(r.code, 0, `ics_check refused the calendar:\n${r.stderr}\n${text.slice(0, 2000)}`);
  return r.stdout.trim().split('\n').filter(Boolean).map((l) => l.split(' '));
}

test('a practitioner calendar and a booking confirmation parse in independent software, in the clinic zone', async () => {
  const a = await manager.post('/api/v1/appointments', { clinic_id: clinic.id, practitioner_id: prac.id, client_id: client.id, kind: 'session', start: `${day(3)}T10:00`, duration_min: 180 });
  expectStatus(a, 201);
  const cal = await manager.get(`/api/v1/practitioners/${prac.id}/calendar.ics`);
  assert.equal(cal.status, 200);
  assert.match(cal.headers.get('content-type'), /text\/calendar/);
  const rows = await ics(cal.text, ['--expect-tzid', 'Europe/London']);
  const mine = rows.find((r) => r[0] === `appointment-${a.body.id}@stipple`);
  assert.ok(mine, 'the booking is in the calendar');
  assert.equal(mine[1], a.body.start, 'DTSTART is the booked instant');
  assert.equal(mine[2], '0');
  assert.equal(mine[3], 'CONFIRMED');
  assert.ok(rows.some((r) => r.join(' ').includes('Łukasz Dąbrowski')), 'signed-in staff see the client name');
  const one = await manager.get(`/api/v1/appointments/${a.body.id}/calendar.ics`);
  const single = await ics(one.text, ['--expect-events', '1', '--expect-tzid', 'Europe/London']);
  assert.equal(single[0][0], `appointment-${a.body.id}@stipple`);
});

test('the subscription feed needs no sign-in, names clients by initials, and follows moves and cancellations', async () => {
  const a = (await manager.post('/api/v1/appointments', { clinic_id: clinic.id, practitioner_id: prac.id, client_id: client.id, kind: 'session', start: `${day(5)}T09:00`, duration_min: 120 })).body;
  const feed = await manager.post(`/api/v1/practitioners/${prac.id}/feed`, {});
  expectStatus(feed, 201);
  assert.match(feed.body.path, /^\/feeds\/[A-Za-z0-9_-]{30,}\.ics$/);
  const text = await (await fetch(srv.url + feed.body.path)).text();
  assert.ok(!text.includes('Dąbrowski'), 'the feed does not carry full client names');
  let rows = await ics(text, ['--expect-tzid', 'Europe/London']);
  let row = rows.find((r) => r[0] === `appointment-${a.id}@stipple`);
  assert.equal(row[2], '0');
  expectStatus(await manager.patch(`/api/v1/appointments/${a.id}`, { start: `${day(5)}T14:00` }), 200);
  rows = await ics(await (await fetch(srv.url + feed.body.path)).text(), ['--expect-tzid', 'Europe/London']);
  row = rows.find((r) => r[0] === `appointment-${a.id}@stipple`);
  assert.equal(row[2], '1', 'SEQUENCE rises when the appointment moves');
  expectStatus(await manager.post(`/api/v1/appointments/${a.id}/cancel`, { reason: 'client unwell' }), 200);
  rows = await ics(await (await fetch(srv.url + feed.body.path)).text(), ['--expect-tzid', 'Europe/London']);
  row = rows.find((r) => r[0] === `appointment-${a.id}@stipple`);
  assert.equal(row[2], '2');
  assert.equal(row[3], 'CANCELLED', 'a cancelled appointment stays in the feed as CANCELLED');
  const wrong = await fetch(`${srv.url}/feeds/not-a-real-token-at-all-0000000000.ics`);
  assert.equal(wrong.status, 404);
  expectError(await srv.anon().get(`/api/v1/practitioners/${prac.id}/calendar.ics`), 401, 'unauthorized', null);
});
