// courses.test.mjs — treatment courses (docs/SCHEDULING.md "Courses"): the protocol presets,
// creating a course with a preset or a custom protocol, planning (options inside the hours, gaps
// inside their windows, ranked), booking all sessions at once, moving a session outside its gap
// window (a warning), and a course across the October clock change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile, expectError, expectStatus, ids, RFC3339_UTC } from './lib.mjs';
import {
  makeClinic, makePractitioner, makeClient, nextMonday, addDays, daysBetween, insideHours, lastSundayOfOctober, nextYear, minutesOf, hhmm,
  APPT_FIELDS,
} from './sched.mjs';

const srv = await serverForFile();
const manager = await srv.userClient('manager');
const reception = await srv.userClient('reception');

// Set explicitly: a short Wednesday, a late Thursday, a Saturday morning.
const HOURS = {
  mon: [['09:00', '17:00']],
  tue: [['09:00', '17:00']],
  wed: [['09:00', '12:00'], ['13:00', '17:30']],
  thu: [['12:00', '20:00']],
  fri: [['09:00', '17:00']],
  sat: [['10:00', '14:00']],
};
const PRESETS = {
  three_14_21: { sessions: 3, gaps_days: [[14, 21], [14, 21]] },
  three_10_then_28: { sessions: 3, gaps_days: [[10, 12], [28, 31]] },
  three_two_weeks: { sessions: 3, gaps_days: [[14, 15], [14, 15]] },
  two_14_21: { sessions: 2, gaps_days: [[14, 21]] },
  four_14_21: { sessions: 4, gaps_days: [[14, 21], [14, 21], [14, 21]] },
};
const COURSE_FIELDS = ['appointments', 'client_id', 'clinic_id', 'created_at', 'id', 'protocol', 'status'];

const main = await makeClinic(manager, { hours: HOURS, chairs: 2 });
const [alex, sam] = [await makePractitioner(manager, [main.clinic.id], 'Alex'), await makePractitioner(manager, [main.clinic.id], 'Sam')];

async function newCourse(protocol, clinic = main.clinic) {
  const client = await makeClient(reception, clinic.id);
  const r = await reception.post('/api/v1/courses', { client_id: client.id, protocol });
  expectStatus(r, 201, `a course ${JSON.stringify(protocol)}`);
  return { course: r.body, client };
}

async function plan(courseId, body) {
  const r = await reception.post(`/api/v1/courses/${courseId}/plan`, body);
  expectStatus(r, 200, `plan ${JSON.stringify(body)}`);
  assert.deepEqual(Object.keys(r.body).sort(), ['course_id', 'options']);
  assert.equal(r.body.course_id, courseId);
  return r.body.options;
}

/** Checks every option of a plan against the protocol and the hours; returns the options. */
function checkOptions(options, protocol, hours, earliest) {
  assert.ok(options.length >= 1 && options.length <= 5, `1 to 5 options, got ${options.length}`);
  const firstDays = new Set();
  let lastEnd = '';
  for (const [i, o] of options.entries()) {
    assert.deepEqual(Object.keys(o), ['sessions']);
    assert.equal(o.sessions.length, protocol.sessions, `option ${i}: one slot per session`);
    for (const [k, s] of o.sessions.entries()) {
      assert.deepEqual(Object.keys(s).sort(), ['chair_id', 'end', 'end_local', 'practitioner_id', 'session_no', 'start', 'start_local']);
      assert.equal(s.session_no, k + 1);
      assert.match(s.start, RFC3339_UTC);
      assert.equal((Date.parse(s.end) - Date.parse(s.start)) / 60000, protocol.duration_min[k], `option ${i} session ${k + 1}: its length`);
      assert.ok(insideHours(hours, s.start_local, s.end_local), `option ${i} session ${k + 1}: ${s.start_local}-${s.end_local.slice(11)} is outside the hours`);
      assert.equal(minutesOf(s.start_local) % 15, 0, `on the grid: ${s.start_local}`);
      assert.ok([alex.id, sam.id].includes(s.practitioner_id), `a practitioner of the clinic: ${s.practitioner_id}`);
      assert.ok(main.chairs.some((c) => c.id === s.chair_id), `a chair of the clinic: ${s.chair_id}`);
      if (k > 0) {
        const gap = daysBetween(o.sessions[k - 1].start_local.slice(0, 10), s.start_local.slice(0, 10));
        const [lo, hi] = protocol.gaps_days[k - 1];
        assert.ok(gap >= lo && gap <= hi, `option ${i}: sessions ${k} and ${k + 1} are ${gap} days apart, not ${lo}-${hi}`);
      }
    }
    const first = o.sessions[0].start_local.slice(0, 10);
    assert.ok(first >= earliest, `option ${i} starts ${first}, before earliest ${earliest}`);
    assert.ok(!firstDays.has(first), `option ${i}: a second option starting on ${first}`);
    firstDays.add(first);
    const end = o.sessions[o.sessions.length - 1].end;
    assert.ok(end >= lastEnd, `option ${i} finishes ${end}, before the option ranked above it (${lastEnd})`);
    lastEnd = end;
  }
  return options;
}

/* ---------------------------------------------------------------- protocols */

test('GET /api/v1/protocols lists the five presets', async () => {
  const r = await reception.get('/api/v1/protocols');
  expectStatus(r, 200);
  assert.deepEqual(Object.keys(r.body).sort(), ['items', 'next_cursor']);
  assert.equal(r.body.next_cursor, null);
  const got = {};
  for (const p of r.body.items) {
    assert.deepEqual(Object.keys(p).sort(), ['description', 'duration_min', 'gaps_days', 'name', 'sessions']);
    assert.ok(typeof p.description === 'string' && p.description.length > 0, `${p.name} is described`);
    assert.equal(p.duration_min.length, p.sessions, `${p.name}: a length per session`);
    for (const d of p.duration_min) assert.ok(Number.isInteger(d) && d >= 15 && d <= 600 && d % 5 === 0, `${p.name}: ${d}`);
    got[p.name] = { sessions: p.sessions, gaps_days: p.gaps_days };
  }
  assert.deepEqual(got, PRESETS);
  assert.equal(r.body.items.length, 5);
});

/* ---------------------------------------------------------------- create */

test('POST /api/v1/courses with a preset: 201, planning, the preset\'s protocol, no appointments; GET answers the same', async () => {
  const presets = (await reception.get('/api/v1/protocols')).body.items;
  for (const preset of presets) {
    const { course, client } = await newCourse(preset.name);
    assert.deepEqual(Object.keys(course).sort(), COURSE_FIELDS);
    assert.equal(course.client_id, client.id);
    assert.equal(course.clinic_id, main.clinic.id, 'the clinic defaults to the client\'s');
    assert.equal(course.status, 'planning');
    assert.deepEqual(course.appointments, []);
    assert.match(course.created_at, RFC3339_UTC);
    assert.deepEqual(course.protocol, { name: preset.name, sessions: preset.sessions, gaps_days: preset.gaps_days, duration_min: preset.duration_min });
    const g = await reception.get(`/api/v1/courses/${course.id}`);
    expectStatus(g, 200);
    assert.deepEqual(g.body, course);
  }
  expectError(await reception.get('/api/v1/courses/999999'), 404, 'not_found', null);
});

test('POST /api/v1/courses with a custom protocol, and at another clinic than the client\'s', async () => {
  const custom = { sessions: 3, gaps_days: [[10, 14], [28, 35]], duration_min: [240, 240, 180] };
  const { course } = await newCourse(custom);
  assert.deepEqual({ ...course.protocol, name: null }, { name: null, ...custom });
  assert.equal(typeof course.protocol.name, 'string');
  const single = await newCourse({ sessions: 1, gaps_days: [], duration_min: [15] });
  assert.deepEqual(single.course.protocol.gaps_days, []);
  const edge = await newCourse({ sessions: 4, gaps_days: [[1, 1], [1, 365], [365, 365]], duration_min: [600, 15, 20, 595] });
  assert.equal(edge.course.protocol.sessions, 4);
  const other = await makeClinic(manager, { hours: HOURS });
  const client = await makeClient(reception, main.clinic.id);
  const r = await reception.post('/api/v1/courses', { client_id: client.id, clinic_id: other.clinic.id, protocol: 'two_14_21' });
  expectStatus(r, 201);
  assert.equal(r.body.clinic_id, other.clinic.id);
});

test('bad protocols: 422 naming protocol.sessions, protocol.gaps_days, protocol.duration_min or protocol', async () => {
  const client = await makeClient(reception, main.clinic.id);
  const ok = { sessions: 3, gaps_days: [[14, 21], [14, 21]], duration_min: [240, 240, 180] };
  const cases = [
    [{ ...ok, sessions: 0 }, 'protocol.sessions'],
    [{ ...ok, sessions: 5, gaps_days: [[14, 21], [14, 21], [14, 21], [14, 21]], duration_min: [60, 60, 60, 60, 60] }, 'protocol.sessions'],
    [{ ...ok, sessions: '3' }, 'protocol.sessions'],
    [{ gaps_days: ok.gaps_days, duration_min: ok.duration_min }, 'protocol.sessions'],
    [{ ...ok, gaps_days: [[14, 21]] }, 'protocol.gaps_days'],
    [{ ...ok, gaps_days: [[0, 21], [14, 21]] }, 'protocol.gaps_days'],
    [{ ...ok, gaps_days: [[21, 14], [14, 21]] }, 'protocol.gaps_days'],
    [{ ...ok, gaps_days: [[14, 366], [14, 21]] }, 'protocol.gaps_days'],
    [{ ...ok, gaps_days: [[14], [14, 21]] }, 'protocol.gaps_days'],
    [{ ...ok, gaps_days: [14, 21] }, 'protocol.gaps_days'],
    [{ ...ok, duration_min: [240, 240] }, 'protocol.duration_min'],
    [{ ...ok, duration_min: [240, 240, 10] }, 'protocol.duration_min'],
    [{ ...ok, duration_min: [240, 605, 180] }, 'protocol.duration_min'],
    [{ ...ok, duration_min: [242, 240, 180] }, 'protocol.duration_min'],
    [{ ...ok, duration_min: 240 }, 'protocol.duration_min'],
    ['five_7_7', 'protocol'],
    ['', 'protocol'],
    [42, 'protocol'],
  ];
  for (const [protocol, field] of cases) {
    const r = await reception.post('/api/v1/courses', { client_id: client.id, protocol });
    expectError(r, 422, 'invalid', field, `protocol ${JSON.stringify(protocol)}`);
  }
  expectError(await reception.post('/api/v1/courses', { client_id: client.id }), 422, 'invalid', 'protocol', 'no protocol');
  expectError(await reception.post('/api/v1/courses', { protocol: 'two_14_21' }), 422, 'invalid', 'client_id', 'no client');
  expectError(await reception.post('/api/v1/courses', { client_id: 999999, protocol: 'two_14_21' }), 422, 'invalid', 'client_id');
  expectError(await reception.post('/api/v1/courses', { client_id: client.id, clinic_id: 999999, protocol: 'two_14_21' }), 422, 'invalid', 'clinic_id');
  expectError(await reception.post('/api/v1/courses', { client_id: client.id, protocol: 'two_14_21', sessions: 2 }), 422, 'invalid', 'sessions');
});

/* ---------------------------------------------------------------- plan */

test('plan: at most 5 options, each inside the opening hours, every gap inside its window, earliest finish first, distinct first days', async () => {
  const earliest = nextMonday(2);
  for (const name of Object.keys(PRESETS)) {
    const { course } = await newCourse(name);
    const options = await plan(course.id, { earliest });
    checkOptions(options, course.protocol, HOURS, earliest);
    assert.equal(options.length, 5, `${name}: an empty calendar has 5 options`);
    for (const o of options) {
      assert.equal(new Set(o.sessions.map((x) => x.practitioner_id)).size, 1,
        `${name}: with both practitioners free, one practitioner takes the whole course: ${JSON.stringify(o.sessions.map((x) => x.practitioner_id))}`);
    }
  }
  // with custom durations that only fit some days (a 7-hour session: Monday, Tuesday, Friday, Thursday's late day)
  const { course } = await newCourse({ sessions: 2, gaps_days: [[1, 3]], duration_min: [420, 240] });
  checkOptions(await plan(course.id, { earliest }), course.protocol, HOURS, earliest);
});

test('plan works around bookings and closures, and every option it gives can be booked', async () => {
  const earliest = nextMonday(8);
  // Alex and Sam are busy on the first Monday; the clinic is closed the Tuesday
  const client = await makeClient(reception, main.clinic.id);
  for (const p of [alex, sam]) {
    const r = await reception.post('/api/v1/appointments', {
      clinic_id: main.clinic.id, practitioner_id: p.id, client_id: client.id, kind: 'session', start: `${earliest}T09:00`, duration_min: 480,
    });
    expectStatus(r, 201);
  }
  expectStatus(await manager.post(`/api/v1/clinics/${main.clinic.id}/closures`, { day: addDays(earliest, 1) }), 201);
  const { course } = await newCourse('three_14_21');
  const options = checkOptions(await plan(course.id, { earliest }), course.protocol, HOURS, earliest);
  for (const o of options) {
    const d = o.sessions[0].start_local.slice(0, 10);
    assert.ok(d !== earliest && d !== addDays(earliest, 1), `option starting on ${d}: the busy Monday and the closed Tuesday are not offered`);
  }
  // each option is bookable: try the last one
  const pick = options[options.length - 1];
  const r = await reception.post(`/api/v1/courses/${course.id}/book`, {
    sessions: pick.sessions.map((s) => ({ start: s.start_local, practitioner_id: s.practitioner_id })),
  });
  expectStatus(r, 201, 'the fifth option books');
});

test('plan avoids a chair that is taken: in a one-chair clinic, another practitioner\'s bookings close those days', async () => {
  const small = await makeClinic(manager, { hours: HOURS });
  const [x, y] = [await makePractitioner(manager, [small.clinic.id]), await makePractitioner(manager, [small.clinic.id])];
  const earliest = nextMonday(10);
  const other = await makeClient(reception, small.clinic.id);
  for (const d of [0, 1]) {
    expectStatus(await reception.post('/api/v1/appointments', {
      clinic_id: small.clinic.id, practitioner_id: x.id, client_id: other.id, kind: 'session', start: `${addDays(earliest, d)}T09:00`, duration_min: 480,
    }), 201, 'the chair all day');
  }
  const { course } = await newCourse('two_14_21', small.clinic);
  const options = await plan(course.id, { earliest, practitioner_id: y.id });
  assert.ok(options.length >= 1);
  for (const o of options) {
    const first = o.sessions[0].start_local.slice(0, 10);
    assert.ok(first > addDays(earliest, 1), `option starting ${o.sessions[0].start_local}: the chair is taken all Monday and Tuesday`);
    for (const s of o.sessions) {
      assert.equal(s.chair_id, small.chairs[0].id);
      assert.ok(insideHours(HOURS, s.start_local, s.end_local), s.start_local);
    }
  }
  const [o] = options;
  expectStatus(await reception.post(`/api/v1/courses/${course.id}/book`, {
    sessions: o.sessions.map((s) => ({ start: s.start, practitioner_id: s.practitioner_id })),
  }), 201);
});

test('plan with practitioner_id: the first option is theirs', async () => {
  const earliest = nextMonday(14);
  for (const p of [sam, alex]) {
    const { course } = await newCourse('three_14_21');
    const options = checkOptions(await plan(course.id, { earliest, practitioner_id: p.id }), course.protocol, HOURS, earliest);
    for (const s of options[0].sessions) assert.equal(s.practitioner_id, p.id, `${s.start_local} goes to ${p.name}`);
  }
  const { course } = await newCourse('three_14_21');
  const stranger = await makePractitioner(manager, [(await makeClinic(manager, { hours: HOURS })).clinic.id]);
  expectError(await reception.post(`/api/v1/courses/${course.id}/plan`, { earliest, practitioner_id: stranger.id }), 422, 'invalid', 'practitioner_id');
  expectError(await reception.post(`/api/v1/courses/${course.id}/plan`, { earliest: 'next week' }), 422, 'invalid', 'earliest');
  expectError(await reception.post(`/api/v1/courses/${course.id}/plan`, { earliest, chairs: 2 }), 422, 'invalid', 'chairs');
  expectError(await reception.post('/api/v1/courses/999999/plan', { earliest }), 404, 'not_found', null);
});

/* ---------------------------------------------------------------- book */

test('book an option: 201, every session in the list with course_id and session_no; booking again is 409', async () => {
  const earliest = nextMonday(20);
  const { course, client } = await newCourse('three_10_then_28');
  const [option] = await plan(course.id, { earliest });
  const r = await reception.post(`/api/v1/courses/${course.id}/book`, {
    sessions: option.sessions.map((s) => ({ start: s.start, practitioner_id: s.practitioner_id })),
  });
  expectStatus(r, 201);
  assert.deepEqual(Object.keys(r.body).sort(), ['appointments', 'course_id', 'status']);
  assert.equal(r.body.course_id, course.id);
  assert.equal(r.body.status, 'booked');
  assert.equal(r.body.appointments.length, 3);
  for (const [k, a] of r.body.appointments.entries()) {
    assert.deepEqual(Object.keys(a).sort(), APPT_FIELDS);
    const s = option.sessions[k];
    assert.deepEqual(
      [a.course_id, a.session_no, a.start, a.end, a.start_local, a.practitioner_id, a.chair_id, a.client_id, a.kind, a.status],
      [course.id, k + 1, s.start, s.end, s.start_local, s.practitioner_id, s.chair_id, client.id, 'session', 'booked'],
      `session ${k + 1}`,
    );
    assert.equal(a.duration_min, course.protocol.duration_min[k]);
  }
  const listed = await reception.all(`/api/v1/appointments?course_id=${course.id}&from=${earliest}&to=${addDays(earliest, 150)}`);
  assert.deepEqual(ids(listed), ids(r.body.appointments));
  for (const a of listed) assert.equal(a.course_id, course.id);
  const byClient = await reception.all(`/api/v1/appointments?client_id=${client.id}&from=${earliest}&to=${addDays(earliest, 150)}`);
  assert.deepEqual(byClient.map((a) => a.session_no).sort(), [1, 2, 3]);
  const g = await reception.get(`/api/v1/courses/${course.id}`);
  assert.equal(g.body.status, 'booked');
  assert.deepEqual(ids(g.body.appointments), ids(r.body.appointments));

  const again = await reception.post(`/api/v1/courses/${course.id}/book`, {
    sessions: option.sessions.map((s) => ({ start: s.start, practitioner_id: s.practitioner_id })),
  });
  expectError(again, 409, 'conflict', undefined, 'booking a booked course');
  assert.deepEqual(ids(await reception.all(`/api/v1/appointments?course_id=${course.id}&from=${earliest}&to=${addDays(earliest, 150)}`)), ids(listed));
});

test('book with a gap outside the window: 422 sessions, nothing booked; other bad requests too', async () => {
  const mon = nextMonday(26);
  const { course } = await newCourse('three_14_21');
  const url = `/api/v1/courses/${course.id}/book`;
  const at = (days) => days.map((d) => ({ start: `${addDays(mon, d)}T10:00`, practitioner_id: alex.id }));
  const cases = [
    [{ sessions: at([0, 7, 21]) }, 'sessions', 'a 7-day gap'],
    [{ sessions: at([0, 14, 36]) }, 'sessions', 'a 22-day gap'],
    [{ sessions: at([0, 14]) }, 'sessions', 'two sessions for three'],
    [{ sessions: at([0, 14, 28, 42]) }, 'sessions', 'four sessions for three'],
    [{ sessions: [...at([0, 14]), { start: 'later', practitioner_id: alex.id }] }, 'sessions', 'a bad start'],
    [{ sessions: [...at([0, 14]), { start: `${addDays(mon, 28)}T10:00` }] }, 'sessions', 'no practitioner'],
    [{}, 'sessions', 'no sessions'],
    [{ sessions: at([0, 14, 28]), note: 'x' }, 'note', 'an unknown field'],
  ];
  for (const [body, field, why] of cases) expectError(await reception.post(url, body), 422, 'invalid', field, why);
  const g = await reception.get(`/api/v1/courses/${course.id}`);
  assert.equal(g.body.status, 'planning');
  assert.deepEqual(g.body.appointments, []);
  assert.deepEqual(await reception.all(`/api/v1/appointments?practitioner_id=${alex.id}&from=${mon}&to=${addDays(mon, 40)}`), [], 'nothing booked');
  // a session outside the hours refuses the whole course
  expectError(await reception.post(url, { sessions: at([0, 14, 34]) }), 422, 'invalid', 'start', 'the third session on a Sunday');
  assert.deepEqual((await reception.get(`/api/v1/courses/${course.id}`)).body.appointments, []);
  expectStatus(await reception.post(url, { sessions: at([0, 14, 35]) }), 201, 'the edges of the windows');
});

test('moving a session outside its gap window: 200 with a gap_window warning; within the window: no warning', async () => {
  const mon = nextMonday(32);
  const { course } = await newCourse('three_14_21');
  const days = [0, 14, 35];
  const r = await reception.post(`/api/v1/courses/${course.id}/book`, {
    sessions: days.map((d) => ({ start: `${addDays(mon, d)}T10:00`, practitioner_id: sam.id })),
  });
  expectStatus(r, 201);
  const s2 = r.body.appointments[1];
  const inside = await reception.patch(`/api/v1/appointments/${s2.id}`, { start: `${addDays(mon, 18)}T11:00` });
  expectStatus(inside, 200);
  assert.deepEqual(inside.body.warnings, [], '18 days after session 1 and 17 before session 3');
  assert.equal(inside.body.course_id, course.id);
  assert.equal(inside.body.session_no, 2);

  const outside = await reception.patch(`/api/v1/appointments/${s2.id}`, { start: `${addDays(mon, 8)}T11:00` });
  expectStatus(outside, 200, 'the move is made');
  assert.equal(outside.body.start_local, `${addDays(mon, 8)}T11:00`);
  assert.ok(Array.isArray(outside.body.warnings) && outside.body.warnings.length >= 1, JSON.stringify(outside.body.warnings));
  for (const w of outside.body.warnings) {
    assert.deepEqual(Object.keys(w).sort(), ['code', 'message']);
    assert.equal(w.code, 'gap_window');
    assert.ok(typeof w.message === 'string' && w.message.length > 0);
  }
  assert.equal((await reception.get(`/api/v1/appointments/${s2.id}`)).body.start_local, `${addDays(mon, 8)}T11:00`);

  const back = await reception.patch(`/api/v1/appointments/${s2.id}`, { start: `${addDays(mon, 21)}T10:00` });
  expectStatus(back, 200);
  assert.deepEqual(back.body.warnings, [], 'back inside both windows (21 and 14 days)');
  const late = await reception.patch(`/api/v1/appointments/${r.body.appointments[2].id}`, { start: `${addDays(mon, 43)}T10:00` });
  expectStatus(late, 200);
  assert.equal(late.body.warnings.length, 1, `session 3, 22 days after session 2: ${JSON.stringify(late.body.warnings)}`);
  assert.equal(late.body.warnings[0].code, 'gap_window');
});

test('a course across the October clock change keeps 10:00 local; the UTC hour moves by one', async () => {
  const change = lastSundayOfOctober(nextYear());
  const s1 = addDays(change, -13); // the Monday two weeks before: British Summer Time
  const { course } = await newCourse('three_14_21');
  const days = [s1, addDays(s1, 14), addDays(s1, 28)];
  const r = await reception.post(`/api/v1/courses/${course.id}/book`, {
    sessions: days.map((d) => ({ start: `${d}T10:00`, practitioner_id: alex.id })),
  });
  expectStatus(r, 201);
  const [a, b, c] = r.body.appointments;
  for (const [i, x] of [a, b, c].entries()) {
    assert.equal(x.start_local, `${days[i]}T10:00`);
    assert.equal(x.end_local, `${days[i]}T${hhmm(600 + course.protocol.duration_min[i])}`);
  }
  assert.equal(a.start, `${days[0]}T09:00:00Z`, 'before the change 10:00 is 09:00Z');
  assert.equal(b.start, `${days[1]}T10:00:00Z`, 'after it 10:00 is 10:00Z');
  assert.equal(c.start, `${days[2]}T10:00:00Z`);
  assert.equal(Date.parse(b.start) - Date.parse(a.start), (14 * 24 + 1) * 3600000, '14 days and an hour apart in UTC');

  // the planner across the change keeps to the local hours too
  const { course: planned } = await newCourse('three_14_21');
  checkOptions(await plan(planned.id, { earliest: addDays(change, -14) }), planned.protocol, HOURS, addDays(change, -14));
});
