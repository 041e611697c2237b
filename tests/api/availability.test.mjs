// availability.test.mjs — GET /api/v1/availability (docs/SCHEDULING.md "Availability"): the
// free starts it lists follow the booking rule exactly (what is listed can be booked, what is
// not cannot), on the clinic's grid, around the clean-down buffer, within its limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile, expectError, expectStatus } from './lib.mjs';
import {
  makeClinic, makePractitioner, makeClient, availability, startsOn, times, nextMonday, pastMonday, addDays, utcOf, minutesOf,
} from './sched.mjs';

const srv = await serverForFile();
const manager = await srv.userClient('manager');
const reception = await srv.userClient('reception');

const HOURS = {
  mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '13:00'], ['14:00', '18:00']], thu: [['09:00', '17:00']],
  fri: [['09:00', '17:00']], sat: [['10:00', '14:00']],
};

const { clinic, chairs } = await makeClinic(manager, { hours: HOURS, buffer_min: 15, grid_min: 15 });

async function desk(c = clinic) {
  const p = await makePractitioner(manager, [c.id]);
  const client = await makeClient(reception, c.id);
  const at = (start, duration_min = 60, extra = {}) => reception.post('/api/v1/appointments', {
    clinic_id: c.id, practitioner_id: p.id, client_id: client.id, kind: 'session', start, duration_min, ...extra,
  });
  return { p, client, at };
}

test('an empty week: every 15-minute start inside the hours, in UTC and clinic time, with a chair', async () => {
  const { p } = await desk();
  const mon = nextMonday(1);
  const av = await availability(reception, { clinic_id: clinic.id, practitioner_id: p.id, from: mon, to: addDays(mon, 6), duration_min: 60 });
  assert.equal(av.duration_min, 60);
  assert.equal(av.buffer_min, 15);
  assert.deepEqual(startsOn(av, mon), times('09:00', '16:00'));
  assert.deepEqual(startsOn(av, addDays(mon, 2)), [...times('09:00', '12:00'), ...times('14:00', '17:00')]);
  assert.deepEqual(startsOn(av, addDays(mon, 5)), times('10:00', '13:00'));
  assert.deepEqual(startsOn(av, addDays(mon, 6)), []);
  for (const it of av.items) {
    assert.equal(it.start, utcOf(it.start_local), `${it.start_local} and ${it.start} are the same instant`);
    assert.equal(minutesOf(it.start_local) % 15, 0, `${it.start_local} is on the 15-minute grid`);
    assert.equal(it.chair_id, chairs[0].id);
  }
  const sorted = [...av.items].sort((a, b) => (a.start < b.start ? -1 : 1));
  assert.deepEqual(av.items, sorted, 'in time order');
  const dflt = await availability(reception, { clinic_id: clinic.id, practitioner_id: p.id, from: mon, to: mon });
  assert.equal(dflt.duration_min, 240, 'duration_min defaults to 240');
  assert.equal(dflt.buffer_min, 15);
  assert.deepEqual(startsOn(dflt, mon), times('09:00', '13:00'));
  assert.equal(dflt.items.length, 17);
});

test('what is listed can be booked, and once booked it is no longer listed', async () => {
  const { p, at } = await desk();
  const mon = nextMonday(2);
  const q = { clinic_id: clinic.id, practitioner_id: p.id, from: mon, to: addDays(mon, 5), duration_min: 90 };
  const av = await availability(reception, q);
  const picks = [
    av.items.find((x) => x.start_local.startsWith(mon)), // Monday's first
    av.items.filter((x) => x.start_local.startsWith(addDays(mon, 1))).at(-1), // Tuesday's last
    av.items.filter((x) => x.start_local.startsWith(addDays(mon, 2)))[7], // a Wednesday start
    av.items.filter((x) => x.start_local.startsWith(addDays(mon, 2))).at(-1), // Wednesday's last (the afternoon)
    av.items.filter((x) => x.start_local.startsWith(addDays(mon, 5))).at(-1), // Saturday's last
  ];
  assert.deepEqual(picks.map((x) => x.start_local.slice(11)), ['09:00', '15:30', '10:45', '16:30', '12:30']);
  for (const pick of picks) {
    const r = await at(pick.start, 90);
    expectStatus(r, 201, `book the listed ${pick.start_local}`);
    assert.equal(r.body.start, pick.start);
    assert.equal(r.body.chair_id, pick.chair_id);
  }
  const after = await availability(reception, q);
  for (const pick of picks) assert.ok(!after.items.some((x) => x.start === pick.start), `${pick.start_local} is no longer listed`);
  // and what is not listed cannot be booked: a sample of unlisted grid times that day
  const day = addDays(mon, 2);
  const listed = new Set(startsOn(after, day));
  for (const t of times('08:00', '18:45')) {
    if (listed.has(t)) continue;
    const r = await at(`${day}T${t}`, 90);
    assert.ok(r.status === 409 || r.status === 422, `${day}T${t} is not listed, but booking it answered ${r.status} ${r.text.slice(0, 200)}`);
  }
  for (const t of listed) {
    const r = await at(`${day}T${t}`, 90);
    expectStatus(r, 201, `${day}T${t} is listed`);
    break; // one more is enough: it changes the day
  }
});

test('the clean-down buffer: a start just after a booking\'s buffer is listed, one inside it is not', async () => {
  const { p, at } = await desk();
  const day = addDays(nextMonday(3), 3);
  expectStatus(await at(`${day}T10:00`, 60), 201);
  const av = await availability(reception, { clinic_id: clinic.id, practitioner_id: p.id, from: day, duration_min: 45 });
  const s = startsOn(av, day);
  assert.ok(s.includes('09:00'), '09:00-09:45 plus its buffer ends at 10:00: listed');
  assert.ok(!s.includes('09:15'), '09:15-10:00 plus its buffer reaches into the booking');
  assert.ok(!s.includes('11:00'), '11:00 is inside the booking\'s clean-down (11:00-11:15)');
  assert.ok(s.includes('11:15'), '11:15 is right after the clean-down');
  assert.deepEqual(s, ['09:00', ...times('11:15', '16:15')]);
  expectError(await at(`${day}T11:00`, 45), 409, 'conflict', 'start', 'inside the buffer');
  expectStatus(await at(`${day}T09:00`, 45), 201, 'listed, so bookable');
  expectStatus(await at(`${day}T11:15`, 45), 201, 'listed, so bookable');
  // another practitioner sees the one chair's buffer too
  const { p: other } = await desk();
  const o = startsOn(await availability(reception, { clinic_id: clinic.id, practitioner_id: other.id, from: day, duration_min: 30 }), day);
  assert.ok(!o.includes('12:00'), 'the chair is busy 11:15-12:00 and being cleaned until 12:15');
  assert.ok(o.includes('12:15'));
  // a consultation has no clean-down of its own
  const c = await availability(reception, { clinic_id: clinic.id, practitioner_id: other.id, from: day, duration_min: 30, kind: 'consultation' });
  assert.equal(c.buffer_min, 0);
});

test('the clinic\'s grid: grid_min 30 lists half hours, and a booking between them is refused', async () => {
  const c = await makeClinic(manager, { hours: HOURS, grid_min: 30, buffer_min: 0 });
  assert.equal(c.clinic.grid_min, 30);
  assert.equal(c.clinic.buffer_min, 0);
  const { p, at } = await desk(c.clinic);
  const mon = nextMonday(4);
  const av = await availability(reception, { clinic_id: c.clinic.id, practitioner_id: p.id, from: mon, duration_min: 60 });
  assert.equal(av.buffer_min, 0);
  assert.deepEqual(startsOn(av, mon), times('09:00', '16:00', 30));
  expectError(await at(`${mon}T09:15`), 422, 'invalid', 'start', 'off the 30-minute grid');
  expectStatus(await at(`${mon}T09:30`), 201);
  expectStatus(await at(`${mon}T10:30`), 201, 'no buffer: back to back');
  const patched = await manager.patch(`/api/v1/clinics/${c.clinic.id}`, { grid_min: 20 });
  expectStatus(patched, 200);
  const tue = addDays(mon, 1);
  assert.deepEqual(startsOn(await availability(reception, { clinic_id: c.clinic.id, practitioner_id: p.id, from: tue, duration_min: 60 }), tue),
    times('09:00', '16:00', 20));
});

test('past days list nothing: the past cannot be booked', async () => {
  const { p } = await desk();
  const from = pastMonday();
  const av = await availability(reception, { clinic_id: clinic.id, practitioner_id: p.id, from, to: addDays(from, 6), duration_min: 60 });
  assert.deepEqual(av.items, []);
});

test('to more than 92 days after from, or before it: 422 naming to; other bad queries name their parameter', async () => {
  const { p } = await desk();
  const mon = nextMonday(1);
  const base = { clinic_id: clinic.id, practitioner_id: p.id, from: mon, duration_min: 60 };
  const ok = await availability(reception, { ...base, to: addDays(mon, 92) });
  assert.ok(ok.items.length > 0, '92 days is allowed');
  const url = (q) => `/api/v1/availability?${new URLSearchParams(q)}`;
  expectError(await reception.get(url({ ...base, to: addDays(mon, 93) })), 422, 'invalid', 'to', '93 days');
  expectError(await reception.get(url({ ...base, to: addDays(mon, -1) })), 422, 'invalid', 'to', 'before from');
  expectError(await reception.get(url({ ...base, to: 'later' })), 422, 'invalid', 'to');
  const { clinic_id, practitioner_id, ...noIds } = base;
  expectError(await reception.get(url({ ...noIds, practitioner_id })), 422, 'invalid', 'clinic_id', 'no clinic_id');
  expectError(await reception.get(url({ ...noIds, clinic_id })), 422, 'invalid', 'practitioner_id', 'no practitioner_id');
  const { from, ...noFrom } = base;
  expectError(await reception.get(url(noFrom)), 422, 'invalid', 'from', 'no from');
  expectError(await reception.get(url({ ...base, from: '2027-02-30' })), 422, 'invalid', 'from');
  expectError(await reception.get(url({ ...base, duration_min: 62 })), 422, 'invalid', 'duration_min');
  expectError(await reception.get(url({ ...base, duration_min: 725 })), 422, 'invalid', 'duration_min');
  expectError(await reception.get(url({ ...base, kind: 'tattoo' })), 422, 'invalid', 'kind');
  expectError(await reception.get(url({ ...base, kind: 'consultation', mode: 'fax' })), 422, 'invalid', 'mode');
  const elsewhere = await makePractitioner(manager, [(await makeClinic(manager, { hours: HOURS })).clinic.id]);
  expectError(await reception.get(url({ ...base, practitioner_id: elsewhere.id })), 422, 'invalid', 'practitioner_id', 'not at this clinic');
});

test('kind=consultation&mode=phone ignores chairs', async () => {
  const c = await makeClinic(manager, { hours: HOURS });
  const [a, b] = [await desk(c.clinic), await desk(c.clinic)];
  const day = addDays(nextMonday(5), 1);
  expectStatus(await a.at(`${day}T09:00`, 480), 201, 'the only chair, all day');
  const q = { clinic_id: c.clinic.id, practitioner_id: b.p.id, from: day, duration_min: 30 };
  assert.deepEqual(startsOn(await availability(reception, q), day), [], 'no chair for a session');
  assert.deepEqual(startsOn(await availability(reception, { ...q, kind: 'consultation' }), day), [], 'an in-person consultation needs the chair');
  const phone = await availability(reception, { ...q, kind: 'consultation', mode: 'phone' });
  assert.deepEqual(startsOn(phone, day), times('09:00', '16:30'), 'a phone consultation needs no chair');
  for (const it of phone.items) assert.equal(it.chair_id, null);
  const r = await b.at(phone.items[4].start, 30, { kind: 'consultation', mode: 'phone' });
  expectStatus(r, 201, 'the listed phone slot books');
  assert.equal(r.body.chair_id, null);
  // with the clinic's only chair deactivated, sessions have nowhere to go; phone calls still do
  expectStatus(await manager.patch(`/api/v1/chairs/${c.chairs[0].id}`, { active: false }), 200);
  const next = addDays(day, 2); // a Thursday
  assert.deepEqual(startsOn(await availability(reception, { ...q, from: next }), next), []);
  assert.deepEqual(startsOn(await availability(reception, { ...q, from: next, kind: 'consultation', mode: 'video' }), next), times('09:00', '16:30'));
});

test('day-based rules are in the clinic\'s zone: a Los Angeles evening runs into the next UTC day; a Kolkata grid is on local hours', async () => {
  const la = await makeClinic(manager, { hours: { mon: [['17:00', '24:00']] }, timezone: 'America/Los_Angeles' });
  const { p, at } = await desk(la.clinic);
  const mon = nextMonday(6);
  const av = await availability(reception, { clinic_id: la.clinic.id, practitioner_id: p.id, from: mon, to: addDays(mon, 1), duration_min: 60 });
  assert.deepEqual(av.items.map((x) => x.start_local), times('17:00', '23:00').map((t) => `${mon}T${t}`), 'Monday evening, local');
  for (const it of av.items) assert.equal(it.start, utcOf(it.start_local, 'America/Los_Angeles'));
  assert.ok(av.items.at(-1).start.startsWith(addDays(mon, 1)), `23:00 on Monday in Los Angeles is Tuesday in UTC: ${av.items.at(-1).start}`);
  const late = await at(`${mon}T23:00`);
  expectStatus(late, 201);
  assert.equal(late.body.end_local, `${addDays(mon, 1)}T00:00`);
  assert.equal(late.body.start, utcOf(`${mon}T23:00`, 'America/Los_Angeles'));
  expectError(await at(`${addDays(mon, 1)}T18:00`), 422, 'invalid', 'start', 'Tuesday is closed in Los Angeles');
  expectError(await at(`${mon}T12:00:00Z`), 422, 'invalid', 'start', 'Monday 12:00 UTC is Monday morning in Los Angeles, closed');

  const kol = await makeClinic(manager, { hours: { mon: [['09:00', '13:00']] }, timezone: 'Asia/Kolkata', grid_min: 60 });
  const k = await desk(kol.clinic);
  const kav = await availability(reception, { clinic_id: kol.clinic.id, practitioner_id: k.p.id, from: mon, duration_min: 60 });
  assert.deepEqual(kav.items.map((x) => x.start_local.slice(11)), ['09:00', '10:00', '11:00', '12:00']);
  assert.deepEqual(kav.items.map((x) => x.start.slice(11)), ['03:30:00Z', '04:30:00Z', '05:30:00Z', '06:30:00Z'], 'UTC+05:30: the half hour in UTC');
  expectStatus(await k.at(`${mon}T04:30:00Z`), 201, '10:00 in Kolkata, on the local grid');
  expectError(await k.at(`${mon}T05:00:00Z`), 422, 'invalid', 'start', '10:30 in Kolkata is off the hourly grid');
});
