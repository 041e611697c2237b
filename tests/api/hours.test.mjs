// hours.test.mjs — what bookings are fitted around (docs/SCHEDULING.md): a clinic's opening
// hours, a practitioner's working hours, closures, chairs and time off, each seen through the
// free time it leaves, and who may change them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile, expectError, expectStatus, ids } from './lib.mjs';
import {
  makeClinic, makePractitioner, makeClient, availability, startsOn, times, fullWeek, nextMonday, addDays, utcOf,
} from './sched.mjs';

const srv = await serverForFile();
const owner = await srv.userClient('owner');
const manager = await srv.userClient('manager');
const practitionerUser = await srv.userClient('practitioner');
const reception = await srv.userClient('reception');

// Set explicitly: a split Monday, a late Wednesday evening, a Friday night to midnight.
const HOURS = {
  mon: [['09:00', '12:30'], ['13:30', '17:00']],
  tue: [['09:00', '17:00']],
  wed: [['07:00', '11:00'], ['12:00', '15:00'], ['17:00', '21:00']],
  thu: [['09:00', '17:00']],
  fri: [['18:00', '24:00']],
  sat: [['10:00', '14:00']],
};
const PLAIN = { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] };

async function book(by, body) {
  return by.post('/api/v1/appointments', { kind: 'session', duration_min: 60, ...body });
}

/* ---------------------------------------------------------------- clinic hours */

test('PUT then GET clinic hours: several intervals a day, a late evening, 24:00; days left out are closed', async () => {
  const { clinic } = await makeClinic(manager, { hours: PLAIN });
  const r = await owner.put(`/api/v1/clinics/${clinic.id}/hours`, HOURS);
  expectStatus(r, 200);
  assert.deepEqual(r.body, fullWeek(HOURS));
  assert.deepEqual(r.body.sun, [], 'sun was left out: closed');
  for (const who of [reception, practitionerUser, manager]) {
    const g = await who.get(`/api/v1/clinics/${clinic.id}/hours`);
    expectStatus(g, 200, `${who.account.role} reads the hours`);
    assert.deepEqual(g.body, fullWeek(HOURS));
  }
});

test('the hours set are the hours booked: split days, the late evening and the Friday up to midnight', async () => {
  const { clinic } = await makeClinic(manager, { hours: HOURS });
  const p = await makePractitioner(manager, [clinic.id]);
  const mon = nextMonday(1);
  const av = await availability(reception, {
    clinic_id: clinic.id, practitioner_id: p.id, from: mon, to: addDays(mon, 6), duration_min: 60,
  });
  assert.deepEqual(startsOn(av, mon), [...times('09:00', '11:30'), ...times('13:30', '16:00')], 'Monday: two intervals');
  assert.deepEqual(startsOn(av, addDays(mon, 2)), [...times('07:00', '10:00'), ...times('12:00', '14:00'), ...times('17:00', '20:00')],
    'Wednesday: three intervals, into the evening');
  assert.deepEqual(startsOn(av, addDays(mon, 4)), times('18:00', '23:00'), 'Friday: 18:00 to 24:00');
  assert.deepEqual(startsOn(av, addDays(mon, 5)), times('10:00', '13:00'), 'Saturday');
  assert.deepEqual(startsOn(av, addDays(mon, 6)), [], 'Sunday is closed');
  const client = await makeClient(reception, clinic.id);
  const late = await book(reception, { clinic_id: clinic.id, practitioner_id: p.id, client_id: client.id, start: `${addDays(mon, 4)}T22:00`, duration_min: 120 });
  expectStatus(late, 201, 'a Friday booking that ends at midnight');
  assert.equal(late.body.end_local, `${addDays(mon, 5)}T00:00`);
  const eve = await book(reception, { clinic_id: clinic.id, practitioner_id: p.id, client_id: client.id, start: `${addDays(mon, 2)}T20:00` });
  expectStatus(eve, 201, 'a Wednesday evening booking');
  const gap = await book(reception, { clinic_id: clinic.id, practitioner_id: p.id, client_id: client.id, start: `${mon}T12:30` });
  expectError(gap, 422, 'invalid', 'start', 'the Monday lunch break');
});

test('bad hours are 422 naming the day, and the stored hours do not change', async () => {
  const { clinic } = await makeClinic(manager, { hours: HOURS });
  const url = `/api/v1/clinics/${clinic.id}/hours`;
  const cases = [
    [{ mon: [['17:00', '09:00']] }, 'mon'],
    [{ mon: [['09:00', '09:00']] }, 'mon'],
    [{ tue: [['09:00', '13:00'], ['12:00', '17:00']] }, 'tue'],
    [{ tue: [['13:00', '17:00'], ['09:00', '12:00']] }, 'tue'],
    [{ wed: [['09:00', '25:00']] }, 'wed'],
    [{ wed: [['09:00', '24:30']] }, 'wed'],
    [{ thu: [['9:00', '17:00']] }, 'thu'],
    [{ thu: [['09:60', '17:00']] }, 'thu'],
    [{ fri: ['09:00', '17:00'] }, 'fri'],
    [{ fri: 'closed' }, 'fri'],
    [{ sat: [['09:00', '10:00', '11:00']] }, 'sat'],
    [{ sat: Array.from({ length: 9 }, (_, i) => [`${String(8 + i).padStart(2, '0')}:00`, `${String(8 + i).padStart(2, '0')}:30`]) }, 'sat'],
    [{ sun: [[9, 17]] }, 'sun'],
    [{ funday: [['09:00', '17:00']] }, 'funday'],
    [{ mon: [['09:00', '17:00']], Monday: [['09:00', '17:00']] }, 'Monday'],
  ];
  for (const [body, field] of cases) {
    const r = await manager.put(url, body);
    expectError(r, 422, 'invalid', field, `PUT hours ${JSON.stringify(body)}`);
  }
  assert.deepEqual((await manager.get(url)).body, fullWeek(HOURS), 'a refused PUT changed the hours');
  const eight = { sat: Array.from({ length: 8 }, (_, i) => [`${String(8 + i).padStart(2, '0')}:00`, `${String(8 + i).padStart(2, '0')}:30`]) };
  expectStatus(await manager.put(url, eight), 200, 'eight intervals a day are allowed');
  expectStatus(await manager.put(url, HOURS), 200);
});

test('a new clinic opens Monday to Friday 09:00-17:00 with one chair, "Chair 1"', async () => {
  const c = await owner.post('/api/v1/clinics', { name: 'Fresh Rooms', timezone: 'Europe/London', currency: 'GBP' });
  expectStatus(c, 201);
  const h = await reception.get(`/api/v1/clinics/${c.body.id}/hours`);
  expectStatus(h, 200);
  assert.deepEqual(h.body, fullWeek(PLAIN));
  const ch = await reception.get(`/api/v1/clinics/${c.body.id}/chairs`);
  expectStatus(ch, 200);
  assert.deepEqual(Object.keys(ch.body).sort(), ['items', 'next_cursor']);
  assert.equal(ch.body.items.length, 1);
  const [chair] = ch.body.items;
  assert.deepEqual(Object.keys(chair).sort(), ['active', 'clinic_id', 'id', 'name']);
  assert.deepEqual({ ...chair, id: 0 }, { id: 0, clinic_id: c.body.id, name: 'Chair 1', active: true });
});

/* ---------------------------------------------------------------- practitioner hours */

test('without hours of their own a practitioner works the clinic\'s: GET answers the clinic\'s week with own:false', async () => {
  const { clinic } = await makeClinic(manager, { hours: HOURS });
  const p = await makePractitioner(manager, [clinic.id]);
  const colleague = await makePractitioner(manager, [clinic.id]);
  expectStatus(await manager.put(`/api/v1/practitioners/${colleague.id}/hours`, { clinic_id: clinic.id, mon: [['10:00', '12:00']] }), 200);
  const g = await reception.get(`/api/v1/practitioners/${p.id}/hours?clinic_id=${clinic.id}`);
  expectStatus(g, 200);
  assert.deepEqual(g.body, { ...fullWeek(HOURS), clinic_id: clinic.id, own: false });
  const c = await reception.get(`/api/v1/practitioners/${colleague.id}/hours?clinic_id=${clinic.id}`);
  assert.deepEqual(c.body, { ...fullWeek({ mon: [['10:00', '12:00']] }), clinic_id: clinic.id, own: true }, 'their colleague has their own');
});

test('a practitioner\'s own narrower hours shrink their free time, only while the clinic is open, and not their colleague\'s', async () => {
  const { clinic } = await makeClinic(manager, { hours: PLAIN });
  const other = await makeClinic(manager, { hours: PLAIN });
  const p = await makePractitioner(manager, [clinic.id]);
  const colleague = await makePractitioner(manager, [clinic.id]);
  const url = `/api/v1/practitioners/${p.id}/hours`;
  const g = await reception.get(`${url}?clinic_id=${clinic.id}`);
  expectStatus(g, 200);
  assert.deepEqual({ ...g.body, own: null }, { ...fullWeek(PLAIN), clinic_id: clinic.id, own: null }, 'the clinic\'s hours to begin with');

  const mon = nextMonday(2);
  const q = { clinic_id: clinic.id, practitioner_id: p.id, from: mon, to: addDays(mon, 6), duration_min: 60 };
  const before = await availability(reception, q);
  assert.deepEqual(startsOn(before, mon), times('09:00', '16:00'));
  assert.deepEqual(startsOn(before, addDays(mon, 1)), times('09:00', '16:00'));

  const own = { mon: [['10:00', '12:00']], tue: [['06:00', '22:00']] };
  const put = await manager.put(url, { clinic_id: clinic.id, ...own });
  expectStatus(put, 200);
  for (const d of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']) assert.deepEqual(put.body[d], fullWeek(own)[d], d);
  assert.equal(put.body.clinic_id, clinic.id);
  const g2 = await reception.get(`${url}?clinic_id=${clinic.id}`);
  expectStatus(g2, 200);
  assert.deepEqual(g2.body, { ...fullWeek(own), clinic_id: clinic.id, own: true });

  const after = await availability(reception, q);
  assert.deepEqual(startsOn(after, mon), times('10:00', '11:00'), 'Monday: only their 10:00-12:00');
  assert.deepEqual(startsOn(after, addDays(mon, 1)), times('09:00', '16:00'), 'Tuesday: their long day, but only while the clinic is open');
  for (let i = 2; i < 7; i++) assert.deepEqual(startsOn(after, addDays(mon, i)), [], `${addDays(mon, i)}: they do not work`);
  const client = await makeClient(reception, clinic.id);
  const r = await book(reception, { clinic_id: clinic.id, practitioner_id: p.id, client_id: client.id, start: `${addDays(mon, 2)}T10:00` });
  expectError(r, 422, 'invalid', 'start', 'a Wednesday they do not work');
  expectError(await book(reception, { clinic_id: clinic.id, practitioner_id: p.id, client_id: client.id, start: `${addDays(mon, 1)}T07:00` }), 422, 'invalid', 'start',
    'their hours start at 06:00, the clinic\'s at 09:00');
  const c = await book(reception, { clinic_id: clinic.id, practitioner_id: colleague.id, client_id: client.id, start: `${addDays(mon, 2)}T10:00` });
  expectStatus(c, 201, 'their colleague still works the clinic\'s hours');

  expectError(await manager.put(url, { clinic_id: other.clinic.id, ...own }), 422, 'invalid', 'clinic_id', 'a clinic they do not work at');
  expectError(await manager.put(url, own), 422, 'invalid', 'clinic_id', 'no clinic_id');
  expectError(await reception.get(url), 422, 'invalid', 'clinic_id', 'GET without clinic_id');
  expectError(await manager.put(url, { clinic_id: clinic.id, mon: [['12:00', '10:00']] }), 422, 'invalid', 'mon');
  assert.deepEqual((await reception.get(`${url}?clinic_id=${clinic.id}`)).body, g2.body, 'refused PUTs changed nothing');
});

/* ---------------------------------------------------------------- closures */

test('closures: POST, GET, DELETE; the same day twice is 409; a closed day has no free time and takes no booking', async () => {
  const { clinic } = await makeClinic(manager, { hours: PLAIN });
  const p = await makePractitioner(manager, [clinic.id]);
  const client = await makeClient(reception, clinic.id);
  const mon = nextMonday(3);
  const day = addDays(mon, 2);
  const url = `/api/v1/clinics/${clinic.id}/closures`;
  const r = await manager.post(url, { day, reason: 'Staff training' });
  expectStatus(r, 201);
  assert.deepEqual(Object.keys(r.body).sort(), ['clinic_id', 'day', 'id', 'reason']);
  assert.deepEqual({ ...r.body, id: 0 }, { id: 0, clinic_id: clinic.id, day, reason: 'Staff training' });
  const bare = await owner.post(url, { day: addDays(mon, 3) });
  expectStatus(bare, 201, 'a reason is optional');
  assert.equal(bare.body.reason, null);

  const list = await reception.get(url);
  expectStatus(list, 200);
  assert.deepEqual(list.body, { items: [r.body, bare.body], next_cursor: null });

  const dup = await manager.post(url, { day, reason: 'again' });
  expectError(dup, 409, 'conflict', 'day', 'the same day twice');
  for (const [body, field] of [[{ day: `${day.slice(0, 4)}-02-30` }, 'day'], [{ day: 'tomorrow' }, 'day'], [{}, 'day'], [{ day, foo: 1 }, 'foo']]) {
    expectError(await manager.post(url, body), 422, 'invalid', field, JSON.stringify(body));
  }
  assert.deepEqual(ids((await reception.get(url)).body.items), ids([r.body, bare.body]), 'refusals wrote nothing');

  const q = { clinic_id: clinic.id, practitioner_id: p.id, from: addDays(mon, 1), to: addDays(mon, 3), duration_min: 60 };
  const av = await availability(reception, q);
  assert.deepEqual(startsOn(av, day), [], 'nothing free on the closure');
  assert.deepEqual(startsOn(av, addDays(mon, 3)), [], 'nor on the second closure');
  assert.deepEqual(startsOn(av, addDays(mon, 1)), times('09:00', '16:00'), 'the day before is open');
  const refused = await book(reception, { clinic_id: clinic.id, practitioner_id: p.id, client_id: client.id, start: `${day}T10:00` });
  expectError(refused, 422, 'invalid', 'start', 'a booking on the closure');

  const del = await manager.del(`/api/v1/closures/${r.body.id}`);
  expectStatus(del, 204);
  assert.deepEqual((await reception.get(url)).body.items, [bare.body]);
  expectError(await manager.del(`/api/v1/closures/${r.body.id}`), 404, 'not_found', null, 'deleting it twice');
  assert.deepEqual(startsOn(await availability(reception, q), day), times('09:00', '16:00'), 'open again');
  expectStatus(await book(reception, { clinic_id: clinic.id, practitioner_id: p.id, client_id: client.id, start: `${day}T10:00` }), 201);
});

/* ---------------------------------------------------------------- chairs */

test('chairs: add one and two practitioners can overlap; deactivate it and they cannot', async () => {
  const { clinic, chairs } = await makeClinic(manager, { hours: PLAIN });
  assert.equal(chairs.length, 1);
  const [a, b, c] = [await makePractitioner(manager, [clinic.id]), await makePractitioner(manager, [clinic.id]), await makePractitioner(manager, [clinic.id])];
  const client = await makeClient(reception, clinic.id);
  const mon = nextMonday(4);
  const at = (p, start) => book(reception, { clinic_id: clinic.id, practitioner_id: p.id, client_id: client.id, start, duration_min: 120 });

  const first = await at(a, `${mon}T10:00`);
  expectStatus(first, 201);
  assert.equal(first.body.chair_id, chairs[0].id);
  expectError(await at(b, `${mon}T10:00`), 409, 'conflict', 'start', 'one chair, already taken');

  const add = await manager.post(`/api/v1/clinics/${clinic.id}/chairs`, { name: 'Window chair' });
  expectStatus(add, 201);
  assert.deepEqual({ ...add.body, id: 0 }, { id: 0, clinic_id: clinic.id, name: 'Window chair', active: true });
  const second = await at(b, `${mon}T10:00`);
  expectStatus(second, 201, 'the second chair takes the second practitioner');
  assert.equal(second.body.chair_id, add.body.id);
  expectError(await at(c, `${mon}T11:00`), 409, 'conflict', 'start', 'both chairs taken');

  const off = await manager.patch(`/api/v1/chairs/${add.body.id}`, { active: false });
  expectStatus(off, 200);
  assert.deepEqual(off.body, { ...add.body, active: false });
  const list = await reception.get(`/api/v1/clinics/${clinic.id}/chairs`);
  assert.deepEqual(list.body.items, [chairs[0], off.body], 'the inactive chair is still listed, as inactive');
  const tue = addDays(mon, 1);
  expectStatus(await at(a, `${tue}T10:00`), 201);
  expectError(await at(b, `${tue}T10:00`), 409, 'conflict', 'start', 'the inactive chair is not booked');
  const av = await availability(reception, { clinic_id: clinic.id, practitioner_id: b.id, from: tue, duration_min: 60 });
  assert.deepEqual(startsOn(av, tue), times('12:15', '16:00'),
    'free time follows the one active chair (booked 10:00-12:00 plus the 15-minute clean-down)');

  const rename = await owner.patch(`/api/v1/chairs/${add.body.id}`, { name: 'Corner chair', active: true });
  expectStatus(rename, 200);
  assert.deepEqual(rename.body, { ...add.body, name: 'Corner chair' });
  expectStatus(await at(b, `${tue}T10:00`), 201, 'active again');
  for (const [body, field] of [[{ name: '' }, 'name'], [{ name: 'x'.repeat(101) }, 'name'], [{ active: 'no' }, 'active'], [{ seats: 2 }, 'seats']]) {
    expectError(await manager.patch(`/api/v1/chairs/${add.body.id}`, body), 422, 'invalid', field, JSON.stringify(body));
  }
  expectError(await manager.post(`/api/v1/clinics/${clinic.id}/chairs`, {}), 422, 'invalid', 'name', 'a chair without a name');
  assert.equal((await reception.get(`/api/v1/clinics/${clinic.id}/chairs`)).body.items.length, 2, 'refusals added no chair');
});

/* ---------------------------------------------------------------- time off */

test('time off takes the practitioner out of their free time and bookings; deleting it gives the time back', async () => {
  const { clinic } = await makeClinic(manager, { hours: PLAIN, chairs: 2 });
  const p = await makePractitioner(manager, [clinic.id]);
  const colleague = await makePractitioner(manager, [clinic.id]);
  const client = await makeClient(reception, clinic.id);
  const mon = nextMonday(5);
  const day = addDays(mon, 3);
  const url = `/api/v1/practitioners/${p.id}/time-off`;
  const r = await manager.post(url, { start: `${day}T09:00`, end: `${day}T13:00`, reason: 'Dentist' });
  expectStatus(r, 201);
  assert.deepEqual(Object.keys(r.body).sort(), ['end', 'id', 'practitioner_id', 'reason', 'start']);
  assert.deepEqual({ ...r.body, id: 0 }, { id: 0, practitioner_id: p.id, start: utcOf(`${day}T09:00`), end: utcOf(`${day}T13:00`), reason: 'Dentist' },
    'local times are read in the clinic\'s zone and answered in UTC');
  const list = await reception.get(url);
  expectStatus(list, 200);
  assert.deepEqual(list.body, { items: [r.body], next_cursor: null });

  const q = { clinic_id: clinic.id, practitioner_id: p.id, from: day, duration_min: 60 };
  assert.deepEqual(startsOn(await availability(reception, q), day), times('13:00', '16:00'), 'nothing before 13:00');
  expectError(await book(reception, { clinic_id: clinic.id, practitioner_id: p.id, client_id: client.id, start: `${day}T10:00` }), 409, 'conflict', 'start',
    'a booking during the time off');
  expectStatus(await book(reception, { clinic_id: clinic.id, practitioner_id: colleague.id, client_id: client.id, start: `${day}T10:00` }), 201,
    'their colleague is not off');
  expectStatus(await book(reception, { clinic_id: clinic.id, practitioner_id: p.id, client_id: client.id, start: `${day}T13:00` }), 201,
    'from the end of the time off');

  for (const [body, field] of [
    [{ start: `${day}T13:00`, end: `${day}T09:00` }, 'end'],
    [{ start: 'soon', end: `${day}T09:00` }, 'start'],
    [{ end: `${day}T09:00` }, 'start'],
    [{ start: `${day}T09:00`, end: `${day}T10:00`, why: 'x' }, 'why'],
  ]) {
    expectError(await manager.post(url, body), 422, 'invalid', field, JSON.stringify(body));
  }
  assert.deepEqual((await reception.get(url)).body.items, [r.body], 'refusals wrote nothing');

  expectStatus(await manager.del(`/api/v1/time-off/${r.body.id}`), 204);
  assert.deepEqual((await reception.get(url)).body.items, []);
  assert.deepEqual(startsOn(await availability(reception, q), day), [...times('09:00', '11:45'), ...times('14:15', '16:00')],
    'the morning is free again (the 13:00 booking and its clean-down stay)');
});

/* ---------------------------------------------------------------- who may change them */

test('reception and practitioners read hours, chairs, closures and time off but cannot change them (403)', async () => {
  const { clinic, chairs } = await makeClinic(manager, { hours: PLAIN });
  const p = await makePractitioner(manager, [clinic.id]);
  const day = addDays(nextMonday(6), 1);
  const closure = (await manager.post(`/api/v1/clinics/${clinic.id}/closures`, { day })).body;
  const off = (await manager.post(`/api/v1/practitioners/${p.id}/time-off`, { start: `${day}T09:00`, end: `${day}T10:00` })).body;
  for (const who of [reception, practitionerUser]) {
    const role = who.account.role;
    const writes = [
      ['PUT clinic hours', () => who.put(`/api/v1/clinics/${clinic.id}/hours`, { mon: [['08:00', '20:00']] })],
      ['PUT practitioner hours', () => who.put(`/api/v1/practitioners/${p.id}/hours`, { clinic_id: clinic.id, mon: [['08:00', '20:00']] })],
      ['POST chair', () => who.post(`/api/v1/clinics/${clinic.id}/chairs`, { name: 'Sneaky chair' })],
      ['PATCH chair', () => who.patch(`/api/v1/chairs/${chairs[0].id}`, { active: false })],
      ['POST closure', () => who.post(`/api/v1/clinics/${clinic.id}/closures`, { day: addDays(day, 1) })],
      ['DELETE closure', () => who.del(`/api/v1/closures/${closure.id}`)],
      ['POST time off', () => who.post(`/api/v1/practitioners/${p.id}/time-off`, { start: `${day}T11:00`, end: `${day}T12:00` })],
      ['DELETE time off', () => who.del(`/api/v1/time-off/${off.id}`)],
    ];
    for (const [what, call] of writes) expectError(await call(), 403, 'forbidden', null, `${role}: ${what}`);
    for (const path of [`/api/v1/clinics/${clinic.id}/hours`, `/api/v1/practitioners/${p.id}/hours?clinic_id=${clinic.id}`,
      `/api/v1/clinics/${clinic.id}/chairs`, `/api/v1/clinics/${clinic.id}/closures`, `/api/v1/practitioners/${p.id}/time-off`]) {
      expectStatus(await who.get(path), 200, `${role}: GET ${path}`);
    }
  }
  assert.deepEqual((await manager.get(`/api/v1/clinics/${clinic.id}/hours`)).body, fullWeek(PLAIN), 'hours unchanged');
  assert.deepEqual((await manager.get(`/api/v1/clinics/${clinic.id}/chairs`)).body.items, chairs, 'chairs unchanged');
  assert.deepEqual((await manager.get(`/api/v1/clinics/${clinic.id}/closures`)).body.items, [closure], 'closures unchanged');
  assert.deepEqual((await manager.get(`/api/v1/practitioners/${p.id}/time-off`)).body.items, [off], 'time off unchanged');
  const ph = (await manager.get(`/api/v1/practitioners/${p.id}/hours?clinic_id=${clinic.id}`)).body;
  assert.deepEqual({ ...ph, own: null, clinic_id: null }, { ...fullWeek(PLAIN), own: null, clinic_id: null }, 'practitioner hours unchanged');
});

test('unknown clinics, practitioners, chairs, closures and time off are 404', async () => {
  for (const path of ['/api/v1/clinics/999999/hours', '/api/v1/clinics/999999/chairs', '/api/v1/clinics/999999/closures',
    '/api/v1/practitioners/999999/time-off', '/api/v1/practitioners/999999/hours?clinic_id=1']) {
    expectError(await manager.get(path), 404, 'not_found', null, `GET ${path}`);
  }
  expectError(await manager.put('/api/v1/clinics/999999/hours', PLAIN), 404, 'not_found', null);
  expectError(await manager.patch('/api/v1/chairs/999999', { active: false }), 404, 'not_found', null);
  expectError(await manager.del('/api/v1/closures/999999'), 404, 'not_found', null);
  expectError(await manager.del('/api/v1/time-off/999999'), 404, 'not_found', null);
});
