// appointments.test.mjs — booking, moving and cancelling appointments as a clinic sees it
// (docs/SCHEDULING.md "Appointments"): clinic-local and UTC times, every refusal, the clean-down
// buffer, chairs, reschedules with their history, cancellations, and the list's filters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile, expectError, expectStatus, ids, RFC3339_UTC } from './lib.mjs';
import {
  makeClinic, makePractitioner, makeClient, availability, startsOn, nextMonday, pastMonday, addDays, firstWeekday, nextYear,
  utcOf, today, weekday, APPT_FIELDS,
} from './sched.mjs';

const srv = await serverForFile();
const owner = await srv.userClient('owner');
const manager = await srv.userClient('manager');
const practitionerUser = await srv.userClient('practitioner');
const reception = await srv.userClient('reception');

const HOURS = {
  mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']],
  sat: [['10:00', '14:00']],
};

// One-chair clinic (the default) and a two-chair one, both Europe/London, buffer 15, grid 15.
const one = await makeClinic(manager, { hours: HOURS, buffer_min: 15, grid_min: 15 });
const two = await makeClinic(manager, { hours: HOURS, chairs: 2 });

async function book(by, body) {
  return by.post('/api/v1/appointments', { kind: 'session', duration_min: 60, ...body });
}

/** A practitioner and a client at clinic c, and book(start, extra) for them. */
async function desk(c = one.clinic) {
  const p = await makePractitioner(manager, [c.id]);
  const client = await makeClient(reception, c.id);
  const at = (start, extra = {}, by = reception) => book(by, { clinic_id: c.id, practitioner_id: p.id, client_id: client.id, start, ...extra });
  return { p, client, at };
}

/* ---------------------------------------------------------------- booking */

test('POST books: 201 with UTC start/end and clinic-local start_local/end_local, and GET answers the same with its history', async () => {
  const { p, client, at } = await desk();
  const day = addDays(nextMonday(1), 1);
  const r = await at(`${day}T10:00`, { duration_min: 240 });
  expectStatus(r, 201);
  const a = r.body;
  assert.deepEqual(Object.keys(a).sort(), APPT_FIELDS);
  assert.ok(Number.isInteger(a.id) && a.id > 0);
  assert.match(a.start, RFC3339_UTC);
  assert.match(a.end, RFC3339_UTC);
  assert.equal(a.start, utcOf(`${day}T10:00`));
  assert.equal(a.end, utcOf(`${day}T14:00`));
  assert.equal(a.start_local, `${day}T10:00`);
  assert.equal(a.end_local, `${day}T14:00`);
  assert.deepEqual({ ...a, id: 0, start: null, end: null }, {
    id: 0, clinic_id: one.clinic.id, practitioner_id: p.id, client_id: client.id, chair_id: one.chairs[0].id, kind: 'session', mode: null,
    start: null, end: null, start_local: `${day}T10:00`, end_local: `${day}T14:00`, duration_min: 240, status: 'booked', cancel_reason: null,
    course_id: null, session_no: null, backfill: false, sequence: 0,
  });
  const g = await practitionerUser.get(`/api/v1/appointments/${a.id}`);
  expectStatus(g, 200);
  const { history, ...rest } = g.body;
  assert.deepEqual(rest, a);
  assert.equal(history.length, 1);
  assert.equal(history[0].action, 'booked');
  expectError(await reception.get('/api/v1/appointments/999999'), 404, 'not_found', null);
});

test('a local time and the same instant in RFC 3339 (Z or an offset) are the same booking time', async () => {
  const day = firstWeekday(nextYear(), 7, 1); // a Tuesday in July: British Summer Time
  const [a, b, c] = [await desk(two.clinic), await desk(two.clinic), await desk(one.clinic)];
  const local = await a.at(`${day}T10:00`);
  const offset = await b.at(`${day}T11:00:00+02:00`);
  const zulu = await c.at(`${day}T09:00:00Z`);
  for (const r of [local, offset, zulu]) expectStatus(r, 201);
  assert.equal(local.body.start, `${day}T09:00:00Z`);
  assert.equal(offset.body.start, local.body.start);
  assert.equal(zulu.body.start, local.body.start);
  for (const r of [offset, zulu]) assert.equal(r.body.start_local, `${day}T10:00`);
  const again = await a.at(`${day}T05:00:00-04:00`);
  expectError(again, 409, 'conflict', 'start', 'the same instant written with another offset is the same, taken, slot');
});

test('in Europe/London 09:00 local is 08:00Z on a summer (BST) date and 09:00Z on a winter (GMT) date', async () => {
  const { at } = await desk();
  const summer = firstWeekday(nextYear(), 7, 2); // a Wednesday in July
  const winter = firstWeekday(nextYear(), 2, 2); // a Wednesday in February
  const s = await at(`${summer}T09:00`);
  const w = await at(`${winter}T09:00`);
  expectStatus(s, 201);
  expectStatus(w, 201);
  assert.equal(s.body.start, `${summer}T08:00:00Z`);
  assert.equal(s.body.end, `${summer}T09:00:00Z`);
  assert.equal(s.body.start_local, `${summer}T09:00`);
  assert.equal(w.body.start, `${winter}T09:00:00Z`);
  assert.equal(w.body.start_local, `${winter}T09:00`);
  const later = await at(`${summer}T10:30:00Z`); // 11:30 BST
  expectStatus(later, 201, 'a UTC time is read as UTC, not as clinic time');
  assert.equal(later.body.start_local, `${summer}T11:30`);
  const before = await at(`${addDays(summer, 1)}T07:45:00Z`); // 08:45 BST
  expectError(before, 422, 'invalid', 'start', '07:45Z is 08:45 in London, before opening');
});

test('outside opening hours, off the 15-minute grid or on a closure: 422 naming start, nothing written', async () => {
  const { p, at } = await desk();
  const mon = nextMonday(2);
  const closure = await manager.post(`/api/v1/clinics/${one.clinic.id}/closures`, { day: addDays(mon, 3), reason: 'Refit' });
  expectStatus(closure, 201);
  const cases = [
    [`${mon}T08:00`, 60, 'before opening'],
    [`${mon}T08:45`, 60, 'starts before opening'],
    [`${mon}T16:30`, 60, 'ends after closing'],
    [`${mon}T17:00`, 60, 'at closing time'],
    [`${addDays(mon, 5)}T13:15`, 60, 'Saturday closes at 14:00'],
    [`${addDays(mon, 6)}T10:00`, 60, 'Sunday is closed'],
    [`${mon}T09:05`, 60, 'off the grid'],
    [`${mon}T09:10`, 60, 'off the grid'],
    [`${addDays(mon, 3)}T10:00`, 60, 'on the closure'],
  ];
  for (const [start, duration_min, why] of cases) {
    expectError(await at(start, { duration_min }), 422, 'invalid', 'start', `${start} (${why})`);
  }
  const listed = await reception.all(`/api/v1/appointments?practitioner_id=${p.id}&from=${mon}&to=${addDays(mon, 6)}`);
  assert.deepEqual(listed, [], 'refusals booked nothing');
  expectStatus(await at(`${mon}T16:00`), 201, 'the last hour of the day is bookable');
  expectStatus(await at(`${addDays(mon, 5)}T13:00`), 201, 'the last hour of Saturday is bookable');
});

test('bad bodies: 422 naming the field', async () => {
  const { p, client, at } = await desk();
  const day = addDays(nextMonday(2), 1);
  const base = { clinic_id: one.clinic.id, practitioner_id: p.id, client_id: client.id, kind: 'session', start: `${day}T10:00`, duration_min: 60 };
  const cases = [
    [{ duration_min: 62 }, 'duration_min'],
    [{ duration_min: 0 }, 'duration_min'],
    [{ duration_min: 725 }, 'duration_min'],
    [{ kind: 'tattoo' }, 'kind'],
    [{ mode: 'phone' }, 'mode'],
    [{ kind: 'consultation', mode: 'carrier_pigeon' }, 'mode'],
    [{ start: 'tomorrow' }, 'start'],
    [{ start: `${day} 10:00` }, 'start'],
    [{ start: `${day}T25:00` }, 'start'],
    [{ clinic_id: 999999 }, 'clinic_id'],
    [{ client_id: 999999 }, 'client_id'],
    [{ colour: 'blue' }, 'colour'],
  ];
  for (const [patch, field] of cases) {
    expectError(await reception.post('/api/v1/appointments', { ...base, ...patch }), 422, 'invalid', field, JSON.stringify(patch));
  }
  for (const k of ['clinic_id', 'practitioner_id', 'client_id', 'kind', 'start', 'duration_min']) {
    const b = { ...base };
    delete b[k];
    expectError(await reception.post('/api/v1/appointments', b), 422, 'invalid', k, `without ${k}`);
  }
  assert.deepEqual(await reception.all(`/api/v1/appointments?client_id=${client.id}&from=${day}&to=${day}`), []);
  expectStatus(await at(`${day}T10:00`), 201);
});

test('a practitioner who does not work at the clinic: 422 naming practitioner_id', async () => {
  const elsewhere = await makePractitioner(manager, [two.clinic.id]);
  const client = await makeClient(reception, one.clinic.id);
  const r = await book(reception, { clinic_id: one.clinic.id, practitioner_id: elsewhere.id, client_id: client.id, start: `${addDays(nextMonday(2), 2)}T10:00` });
  expectError(r, 422, 'invalid', 'practitioner_id');
});

test('in the past: 422 start; an owner or manager may enter history with backfill (201), reception may not (403)', async () => {
  const { client, at } = await desk();
  const past = addDays(pastMonday(), 1); // a Tuesday at least a week ago
  expectError(await at(`${past}T10:00`), 422, 'invalid', 'start', 'a past time');
  expectError(await at(`${past}T10:00`, { backfill: true }), 403, 'forbidden', undefined, 'reception entering history');
  expectError(await at(`${past}T10:00`, { backfill: true }, practitionerUser), 403, 'forbidden', undefined, 'a practitioner entering history');
  const r = await at(`${past}T10:00`, { backfill: true }, manager);
  expectStatus(r, 201, 'a manager enters a past treatment');
  assert.equal(r.body.backfill, true);
  assert.equal(r.body.start_local, `${past}T10:00`);
  const sunday = await at(`${addDays(past, 5)}T19:00`, { backfill: true }, owner);
  expectStatus(sunday, 201, 'history may lie outside opening hours');
  expectError(await at(`${past}T10:30`, { backfill: true }, owner), 409, 'conflict', 'start', 'history on top of another booking');
  const listed = await manager.all(`/api/v1/appointments?client_id=${client.id}&from=${past}&to=${addDays(past, 6)}`);
  assert.deepEqual(ids(listed), ids([r.body, sunday.body]));
});

test('the practitioner already booked: 409 conflict naming start', async () => {
  const { p, at } = await desk(two.clinic);
  const other = await makeClient(reception, two.clinic.id);
  const day = addDays(nextMonday(3), 1);
  expectStatus(await at(`${day}T10:00`, { duration_min: 120 }), 201);
  for (const start of [`${day}T10:00`, `${day}T11:00`, `${day}T09:00`, `${day}T11:45`]) {
    const r = await book(reception, { clinic_id: two.clinic.id, practitioner_id: p.id, client_id: other.id, start });
    expectError(r, 409, 'conflict', 'start', `${start}: the practitioner is busy (two chairs, so not for lack of a chair)`);
  }
});

test('the clean-down buffer: after a 09:00-13:00 session the practitioner is free at 13:15, not at 13:00', async () => {
  const { at } = await desk();
  const day = addDays(nextMonday(3), 3);
  expectStatus(await at(`${day}T09:00`, { duration_min: 240 }), 201);
  expectError(await at(`${day}T13:00`), 409, 'conflict', 'start', '13:00 is inside the 15-minute clean-down');
  const r = await at(`${day}T13:15`);
  expectStatus(r, 201, '13:15 is free');
  // and the chair keeps its buffer too: another practitioner cannot use the one chair at 14:15
  const { at: other } = await desk();
  expectError(await other(`${day}T14:15`), 409, 'conflict', 'start', 'the chair is being cleaned until 14:30');
  expectStatus(await other(`${day}T14:30`), 201);
});

test('two chairs let two practitioners overlap; one chair does not', async () => {
  const day = addDays(nextMonday(4), 1);
  const [a, b, c] = [await desk(two.clinic), await desk(two.clinic), await desk(two.clinic)];
  const ra = await a.at(`${day}T10:00`, { duration_min: 180 });
  const rb = await b.at(`${day}T11:00`, { duration_min: 120 });
  expectStatus(ra, 201);
  expectStatus(rb, 201, 'the second chair');
  assert.notEqual(ra.body.chair_id, rb.body.chair_id);
  assert.deepEqual([ra.body.chair_id, rb.body.chair_id].sort(), two.chairs.map((x) => x.id).sort());
  expectError(await c.at(`${day}T11:30`), 409, 'conflict', 'start', 'both chairs taken');

  const [x, y] = [await desk(), await desk()];
  expectStatus(await x.at(`${day}T10:00`, { duration_min: 180 }), 201);
  expectError(await y.at(`${day}T11:00`), 409, 'conflict', 'start', 'the only chair is taken');
});

test('a phone or video consultation needs no chair; an in-person one does', async () => {
  const day = addDays(nextMonday(4), 2);
  const [a, b] = [await desk(), await desk()];
  expectStatus(await a.at(`${day}T09:00`, { duration_min: 240 }), 201, 'the one chair, all morning');
  const phone = await b.at(`${day}T10:00`, { kind: 'consultation', mode: 'phone', duration_min: 30 });
  expectStatus(phone, 201);
  assert.equal(phone.body.chair_id, null);
  assert.equal(phone.body.mode, 'phone');
  assert.equal(phone.body.kind, 'consultation');
  const video = await b.at(`${day}T11:00`, { kind: 'consultation', mode: 'video', duration_min: 30 });
  expectStatus(video, 201);
  assert.equal(video.body.chair_id, null);
  expectError(await b.at(`${day}T12:00`, { kind: 'consultation', duration_min: 30 }), 409, 'conflict', 'start', 'in person (the default) needs the chair');
  const inPerson = await b.at(`${day}T13:15`, { kind: 'consultation', duration_min: 30 });
  expectStatus(inPerson, 201);
  assert.equal(inPerson.body.mode, 'in_person', 'mode defaults to in_person');
  assert.equal(inPerson.body.chair_id, one.chairs[0].id);
  // a consultation leaves no clean-down: the chair is free again when it ends
  expectStatus(await a.at(`${day}T13:45`, { duration_min: 60 }), 201, 'right after an in-person consultation');
});

/* ---------------------------------------------------------------- reschedule */

test('PATCH reschedules: sequence +1, history booked then moved; onto a taken slot 409 and unchanged', async () => {
  const { p, at } = await desk();
  const mon = nextMonday(5);
  const made = (await at(`${mon}T10:00`, { duration_min: 120 })).body;
  const r = await reception.patch(`/api/v1/appointments/${made.id}`, { start: `${addDays(mon, 1)}T14:00` });
  expectStatus(r, 200);
  assert.deepEqual(r.body.warnings, []);
  assert.equal(r.body.start_local, `${addDays(mon, 1)}T14:00`);
  assert.equal(r.body.end_local, `${addDays(mon, 1)}T16:00`);
  assert.equal(r.body.start, utcOf(`${addDays(mon, 1)}T14:00`));
  assert.equal(r.body.sequence, made.sequence + 1);
  assert.equal(r.body.duration_min, 120);
  const g = await reception.get(`/api/v1/appointments/${made.id}`);
  assert.deepEqual(g.body.history.map((h) => h.action), ['booked', 'moved']);
  const moved = g.body.history[1];
  assert.equal(moved.old_start, made.start);
  assert.equal(moved.new_start, r.body.start);
  const { history, ...now } = g.body;
  const { warnings, ...answered } = r.body;
  assert.deepEqual(now, answered);

  // the old slot is free again, the new one taken
  const av = await availability(reception, { clinic_id: one.clinic.id, practitioner_id: p.id, from: mon, to: addDays(mon, 1), duration_min: 120 });
  assert.ok(startsOn(av, mon).includes('10:00'), 'the old time is free');
  assert.ok(!startsOn(av, addDays(mon, 1)).includes('14:00'), 'the new time is taken');

  const { at: other } = await desk();
  const blocker = await other(`${addDays(mon, 2)}T10:00`, { duration_min: 120 });
  expectStatus(blocker, 201);
  const clash = await reception.patch(`/api/v1/appointments/${made.id}`, { start: `${addDays(mon, 2)}T11:00` });
  expectError(clash, 409, 'conflict', 'start', 'moving onto the one chair, taken');
  const after = await reception.get(`/api/v1/appointments/${made.id}`);
  assert.deepEqual(after.body, g.body, 'a refused move changed nothing');
  expectError(await reception.patch(`/api/v1/appointments/${made.id}`, { start: `${addDays(mon, 2)}T17:30` }), 422, 'invalid', 'start', 'after hours');
  expectError(await reception.patch(`/api/v1/appointments/${made.id}`, { start: `${addDays(mon, 2)}T09:05` }), 422, 'invalid', 'start', 'off the grid');
  expectError(await reception.patch(`/api/v1/appointments/${made.id}`, { duration_min: 63 }), 422, 'invalid', 'duration_min');
  expectError(await reception.patch(`/api/v1/appointments/${made.id}`, { start: `${addDays(pastMonday(), 1)}T10:00` }), 422, 'invalid', 'start', 'into the past');
  expectError(await reception.patch(`/api/v1/appointments/${made.id}`, { kind: 'touch_up' }), 422, 'invalid', 'kind');
  assert.deepEqual((await reception.get(`/api/v1/appointments/${made.id}`)).body, g.body, 'refused moves changed nothing');

  const longer = await reception.patch(`/api/v1/appointments/${made.id}`, { duration_min: 180 });
  expectStatus(longer, 200, 'a longer session in place');
  assert.equal(longer.body.end_local, `${addDays(mon, 1)}T17:00`);
  assert.equal(longer.body.sequence, made.sequence + 2);
});

test('PATCH practitioner_id hands the appointment to a colleague who works there', async () => {
  const { at } = await desk(two.clinic);
  const colleague = await makePractitioner(manager, [two.clinic.id]);
  const elsewhere = await makePractitioner(manager, [one.clinic.id]);
  const made = (await at(`${addDays(nextMonday(5), 3)}T10:00`)).body;
  expectError(await reception.patch(`/api/v1/appointments/${made.id}`, { practitioner_id: elsewhere.id }), 422, 'invalid', 'practitioner_id');
  const r = await reception.patch(`/api/v1/appointments/${made.id}`, { practitioner_id: colleague.id });
  expectStatus(r, 200);
  assert.equal(r.body.practitioner_id, colleague.id);
  assert.equal(r.body.start, made.start);
});

/* ---------------------------------------------------------------- cancel */

test('cancel needs a reason; it frees the slot for a new booking; cancelling twice is 409', async () => {
  const { p, at } = await desk();
  const day = addDays(nextMonday(6), 1);
  const made = (await at(`${day}T11:00`, { duration_min: 120 })).body;
  const url = `/api/v1/appointments/${made.id}/cancel`;
  expectError(await reception.post(url, {}), 422, 'invalid', 'reason', 'no reason');
  expectError(await reception.post(url, { reason: 'ill', refund: true }), 422, 'invalid', 'refund');
  assert.equal((await reception.get(`/api/v1/appointments/${made.id}`)).body.status, 'booked', 'refused cancellations changed nothing');

  const q = { clinic_id: one.clinic.id, practitioner_id: p.id, from: day, duration_min: 120 };
  assert.ok(!startsOn(await availability(reception, q), day).includes('11:00'));
  const r = await reception.post(url, { reason: 'Client is unwell' });
  expectStatus(r, 200);
  assert.equal(r.body.status, 'cancelled');
  assert.equal(r.body.cancel_reason, 'Client is unwell');
  assert.equal(r.body.sequence, made.sequence + 1);
  const g = await reception.get(`/api/v1/appointments/${made.id}`);
  assert.deepEqual(g.body.history.map((h) => h.action), ['booked', 'cancelled']);
  assert.equal(g.body.history[1].reason, 'Client is unwell');
  assert.ok(startsOn(await availability(reception, q), day).includes('11:00'), 'the slot is listed again');

  const { at: other } = await desk();
  expectStatus(await other(`${day}T11:00`, { duration_min: 120 }), 201, 'someone else books the freed slot');
  expectError(await reception.post(url, { reason: 'again' }), 409, 'conflict', undefined, 'cancelling twice');
  expectError(await reception.patch(`/api/v1/appointments/${made.id}`, { start: `${day}T14:00` }), 409, 'conflict', undefined, 'moving a cancelled appointment');
  const same = await reception.get(`/api/v1/appointments/${made.id}`);
  assert.deepEqual(same.body, g.body, 'the refused cancellation and move changed nothing');
});

/* ---------------------------------------------------------------- the list */

test('the list filters by clinic, practitioner, client, from/to and include_cancelled', async () => {
  const mon = nextMonday(7);
  const a = await desk(one.clinic);
  const b = await desk(two.clinic);
  const shared = await makeClient(reception, one.clinic.id);
  const mk = async (d, start, extra = {}) => {
    const r = await book(reception, { clinic_id: d === a ? one.clinic.id : two.clinic.id, practitioner_id: d.p.id, client_id: d.client.id, start, ...extra });
    expectStatus(r, 201, `${start}`);
    return r.body;
  };
  const a1 = await mk(a, `${mon}T09:00`);
  const a2 = await mk(a, `${addDays(mon, 2)}T14:00`, { client_id: shared.id });
  const a3 = await mk(a, `${addDays(mon, 4)}T10:00`);
  const b1 = await mk(b, `${mon}T09:00`, { client_id: shared.id });
  const b2 = await mk(b, `${addDays(mon, 3)}T15:00`);
  const gone = await mk(b, `${addDays(mon, 1)}T10:00`);
  expectStatus(await reception.post(`/api/v1/appointments/${gone.id}/cancel`, { reason: 'moved away' }), 200);
  const week = `from=${mon}&to=${addDays(mon, 6)}`;
  const got = async (q) => {
    const r = await reception.get(`/api/v1/appointments?${q}`);
    expectStatus(r, 200, q);
    assert.deepEqual(Object.keys(r.body).sort(), ['items', 'next_cursor']);
    for (const x of r.body.items) assert.deepEqual(Object.keys(x).sort(), APPT_FIELDS, q);
    return ids(r.body.items);
  };
  assert.deepEqual(await got(`practitioner_id=${a.p.id}&${week}`), ids([a1, a2, a3]));
  assert.deepEqual(await got(`practitioner_id=${b.p.id}&${week}`), ids([b1, b2]), 'cancelled ones are left out');
  assert.deepEqual(await got(`practitioner_id=${b.p.id}&${week}&include_cancelled=true`), ids([b1, b2, gone]));
  assert.deepEqual(await got(`client_id=${shared.id}&${week}`), ids([a2, b1]), 'a client across clinics');
  assert.deepEqual(await got(`client_id=${shared.id}&clinic_id=${two.clinic.id}&${week}`), ids([b1]));
  assert.deepEqual(await got(`clinic_id=${two.clinic.id}&practitioner_id=${b.p.id}&${week}`), ids([b1, b2]));
  assert.deepEqual(await got(`practitioner_id=${a.p.id}&from=${addDays(mon, 1)}&to=${addDays(mon, 3)}`), ids([a2]), 'dates are inclusive local days');
  assert.deepEqual(await got(`practitioner_id=${a.p.id}&from=${addDays(mon, 2)}&to=${addDays(mon, 2)}`), ids([a2]), 'one day');
  assert.deepEqual(await got(`practitioner_id=${a.p.id}&from=${addDays(mon, 3)}&to=${addDays(mon, 6)}`), ids([a3]));
  assert.deepEqual(await got(`practitioner_id=${a.p.id}&clinic_id=${one.clinic.id}&from=${mon}T10:00&to=${addDays(mon, 4)}T09:30`), ids([a2]),
    'from/to as local times');
  assert.deepEqual(await got(`practitioner_id=${a.p.id}&from=${utcOf(`${mon}T08:00`)}&to=${utcOf(`${mon}T09:30`)}`), ids([a1]), 'from/to as UTC times');
  const all = await got(`clinic_id=${one.clinic.id}&${week}`);
  for (const x of [a1, a2, a3]) assert.ok(all.includes(x.id), `clinic filter includes ${x.id}`);
  for (const x of [b1, b2]) assert.ok(!all.includes(x.id), `clinic filter leaves out ${x.id}`);
  for (const [q, field] of [['clinic_id=x', 'clinic_id'], ['practitioner_id=0', 'practitioner_id'], ['client_id=-1', 'client_id'],
    [`from=${mon}&to=${addDays(mon, -1)}`, 'to'], ['from=soon', 'from']]) {
    expectError(await reception.get(`/api/v1/appointments?${q}`), 422, 'invalid', field, q);
  }
});

test('without from/to the list shows yesterday to a week ahead', async () => {
  const { p, at } = await desk();
  let soon = addDays(today(), 2);
  while (weekday(soon) > 4) soon = addDays(soon, 1); // a weekday 2 to 4 days ahead
  const near = (await at(`${soon}T10:00`)).body;
  const far = (await at(`${addDays(nextMonday(3), 1)}T10:00`)).body;
  const listed = ids(await reception.all(`/api/v1/appointments?practitioner_id=${p.id}`));
  assert.deepEqual(listed, ids([near]), `near ${near.start_local} listed, far ${far.start_local} not`);
});
