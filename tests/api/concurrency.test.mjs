// concurrency.test.mjs — no double booking when requests race (docs/SCHEDULING.md
// "Appointments": SQLite serialises writers; PostgreSQL has exclusion constraints): many
// bookings of one slot at once, a reschedule racing a new booking, and a course booking that
// loses one session is not booked at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile, expectError, expectStatus } from './lib.mjs';
import { makeClinic, makePractitioner, makeClient, nextMonday, addDays, availability, startsOn } from './sched.mjs';

const srv = await serverForFile();
const manager = await srv.userClient('manager');
const reception = await srv.userClient('reception');

const HOURS = {
  mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']],
};
const N = 64;

/** Counts the statuses of answers: {201: n, 409: m, …}; every refusal must be a 409 conflict. */
function tally(answers) {
  const out = {};
  for (const r of answers) {
    out[r.status] = (out[r.status] || 0) + 1;
    if (r.status === 409) expectError(r, 409, 'conflict', 'start');
  }
  return out;
}

test(`${N} simultaneous bookings of one practitioner's slot for different clients: one 201, ${N - 1} × 409, one in the list`, async () => {
  const { clinic } = await makeClinic(manager, { hours: HOURS, chairs: 3 });
  const p = await makePractitioner(manager, [clinic.id]);
  const clients = [];
  for (let i = 0; i < N; i++) clients.push(await makeClient(reception, clinic.id));
  const day = addDays(nextMonday(1), 1);
  const answers = await Promise.all(clients.map((c) => reception.post('/api/v1/appointments', {
    clinic_id: clinic.id, practitioner_id: p.id, client_id: c.id, kind: 'session', start: `${day}T10:00`, duration_min: 240,
  })));
  assert.deepEqual(tally(answers), { 201: 1, 409: N - 1 });
  const listed = await reception.all(`/api/v1/appointments?practitioner_id=${p.id}&from=${day}&to=${day}`);
  assert.equal(listed.length, 1, `one appointment: ${JSON.stringify(listed.map((x) => x.client_id))}`);
  assert.equal(listed[0].id, answers.find((r) => r.status === 201).body.id);
});

test(`${N} simultaneous bookings of a one-chair clinic by different practitioners: exactly one 201`, async () => {
  const { clinic, chairs } = await makeClinic(manager, { hours: HOURS });
  assert.equal(chairs.length, 1);
  const client = await makeClient(reception, clinic.id);
  const ps = [];
  for (let i = 0; i < N; i++) ps.push(await makePractitioner(manager, [clinic.id]));
  const day = addDays(nextMonday(1), 2);
  const answers = await Promise.all(ps.map((p, i) => reception.post('/api/v1/appointments', {
    clinic_id: clinic.id, practitioner_id: p.id, client_id: client.id, kind: 'session', start: `${day}T${i % 2 ? '11:00' : '11:30'}`,
    duration_min: 120,
  })));
  assert.deepEqual(tally(answers), { 201: 1, 409: N - 1 });
  const listed = await reception.all(`/api/v1/appointments?clinic_id=${clinic.id}&from=${day}&to=${day}`);
  assert.equal(listed.length, 1);
  assert.equal(listed[0].chair_id, chairs[0].id);
});

test('a reschedule racing a new booking for the same free slot: exactly one wins, the other is 409', async () => {
  const { clinic } = await makeClinic(manager, { hours: HOURS, chairs: 2 });
  const p = await makePractitioner(manager, [clinic.id]);
  const [c1, c2] = [await makeClient(reception, clinic.id), await makeClient(reception, clinic.id)];
  const mon = nextMonday(2);
  const rounds = 8;
  const wins = { move: 0, book: 0 };
  for (let i = 0; i < rounds; i++) {
    const day = addDays(mon, i % 5 + 7 * Math.floor(i / 5));
    const made = await reception.post('/api/v1/appointments', {
      clinic_id: clinic.id, practitioner_id: p.id, client_id: c1.id, kind: 'session', start: `${day}T09:00`, duration_min: 60,
    });
    expectStatus(made, 201);
    const target = `${day}T14:00`;
    const [move, book] = await Promise.all([
      reception.patch(`/api/v1/appointments/${made.body.id}`, { start: target }),
      reception.post('/api/v1/appointments', {
        clinic_id: clinic.id, practitioner_id: p.id, client_id: c2.id, kind: 'session', start: target, duration_min: 60,
      }),
    ]);
    const statuses = [move.status, book.status].sort();
    assert.ok(
      (move.status === 200 && book.status === 409) || (move.status === 409 && book.status === 201),
      `round ${i}: move ${move.status} ${move.text.slice(0, 200)}; book ${book.status} ${book.text.slice(0, 200)} (${statuses})`,
    );
    for (const r of [move, book]) if (r.status === 409) expectError(r, 409, 'conflict', 'start');
    if (move.status === 200) wins.move++;
    else wins.book++;
    const listed = await reception.all(`/api/v1/appointments?practitioner_id=${p.id}&from=${day}&to=${day}`);
    const at = listed.filter((x) => x.start_local === target);
    assert.equal(at.length, 1, `round ${i}: one appointment at ${target}`);
    const got = await reception.get(`/api/v1/appointments/${made.body.id}`);
    if (move.status === 200) {
      assert.equal(got.body.start_local, target);
      assert.equal(listed.length, 1, 'the moved appointment left 09:00');
    } else {
      assert.equal(got.body.start_local, `${day}T09:00`, 'the losing move changed nothing');
      assert.equal(got.body.sequence, 0);
      assert.equal(listed.length, 2);
    }
  }
  assert.equal(wins.move + wins.book, rounds);
});

test('a course whose last session was just taken is not booked at all: 409, no session exists, still planning', async () => {
  const { clinic } = await makeClinic(manager, { hours: HOURS });
  const p = await makePractitioner(manager, [clinic.id]);
  const client = await makeClient(reception, clinic.id);
  const other = await makeClient(reception, clinic.id);
  const course = await reception.post('/api/v1/courses', { client_id: client.id, protocol: 'three_14_21' });
  expectStatus(course, 201);
  const earliest = nextMonday(3);
  const plan = await reception.post(`/api/v1/courses/${course.body.id}/plan`, { earliest });
  expectStatus(plan, 200);
  assert.ok(plan.body.options.length >= 1, `an option: ${plan.text.slice(0, 300)}`);
  const option = plan.body.options[0];
  const last = option.sessions[option.sessions.length - 1];
  // the last session's slot goes to someone else first
  const taken = await reception.post('/api/v1/appointments', {
    clinic_id: clinic.id, practitioner_id: last.practitioner_id, client_id: other.id, kind: 'session', start: last.start,
    duration_min: 60,
  });
  expectStatus(taken, 201, 'the injected booking');
  const book = await reception.post(`/api/v1/courses/${course.body.id}/book`, {
    sessions: option.sessions.map((s) => ({ start: s.start, practitioner_id: s.practitioner_id })),
  });
  expectError(book, 409, 'conflict', 'start', 'the last session is taken');
  const g = await reception.get(`/api/v1/courses/${course.body.id}`);
  expectStatus(g, 200);
  assert.equal(g.body.status, 'planning');
  assert.deepEqual(g.body.appointments, []);
  const listed = await reception.all(`/api/v1/appointments?course_id=${course.body.id}&from=${earliest}&to=${addDays(earliest, 120)}&include_cancelled=true`);
  assert.deepEqual(listed, [], 'none of the course\'s sessions exist');
  const mine = await reception.all(`/api/v1/appointments?client_id=${client.id}&from=${earliest}&to=${addDays(earliest, 120)}&include_cancelled=true`);
  assert.deepEqual(mine, [], 'the client has no appointment');
  // the first sessions' slots are still free
  const first = option.sessions[0];
  const av = await availability(reception, { clinic_id: clinic.id, practitioner_id: p.id, from: first.start_local.slice(0, 10), duration_min: 240 });
  assert.ok(startsOn(av, first.start_local.slice(0, 10)).includes(first.start_local.slice(11)), 'session 1\'s slot was not kept');
});

test('a course booked while another booking races for one of its sessions: all or nothing', async () => {
  const { clinic } = await makeClinic(manager, { hours: HOURS });
  const p = await makePractitioner(manager, [clinic.id]);
  const client = await makeClient(reception, clinic.id);
  const other = await makeClient(reception, clinic.id);
  const mon = nextMonday(4);
  for (let round = 0; round < 4; round++) {
    const course = (await reception.post('/api/v1/courses', { client_id: client.id, protocol: 'three_14_21' })).body;
    const day = addDays(mon, round);
    const sessions = [day, addDays(day, 14), addDays(day, 28)].map((d) => ({ start: `${d}T09:00`, practitioner_id: p.id }));
    const [book, single] = await Promise.all([
      reception.post(`/api/v1/courses/${course.id}/book`, { sessions }),
      reception.post('/api/v1/appointments', {
        clinic_id: clinic.id, practitioner_id: p.id, client_id: other.id, kind: 'session', start: sessions[2].start, duration_min: 60,
      }),
    ]);
    assert.ok((book.status === 201) !== (single.status === 201), `round ${round}: course ${book.status}, single ${single.status}`);
    const g = (await reception.get(`/api/v1/courses/${course.id}`)).body;
    if (book.status === 201) {
      expectError(single, 409, 'conflict', 'start');
      assert.equal(g.status, 'booked');
      assert.equal(g.appointments.length, 3);
    } else {
      expectError(book, 409, 'conflict', 'start');
      assert.equal(g.status, 'planning');
      assert.deepEqual(g.appointments, [], `round ${round}: the losing course kept nothing`);
    }
  }
});
