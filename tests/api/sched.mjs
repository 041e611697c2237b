// sched.mjs — what the scheduling test files share (docs/SCHEDULING.md): dates relative to
// today (so the tests do not rot), clinic-local wall times, and making a clinic with explicit
// opening hours, its practitioners and clients.
//
// Dates are 'YYYY-MM-DD' strings of civil days; local times 'YYYY-MM-DDTHH:MM'. Weeks start on
// Monday: weekday() is 0 for Monday … 6 for Sunday, as the hours object's mon … sun.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { expectStatus, clinicBody } from './lib.mjs';

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export const TZ = 'Europe/London';

/** Today's date in zone (default Europe/London). */
export function today(zone = TZ) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date());
}

const dayMs = (d) => Date.parse(`${d}T00:00:00Z`);
const fromMs = (ms) => new Date(ms).toISOString().slice(0, 10);

/** The date n days after d (n may be negative). */
export function addDays(d, n) {
  return fromMs(dayMs(d) + n * 86400000);
}

/** Days from date a to date b. */
export function daysBetween(a, b) {
  return Math.round((dayMs(b) - dayMs(a)) / 86400000);
}

/** 0 (Monday) … 6 (Sunday). */
export function weekday(d) {
  return (new Date(dayMs(d)).getUTCDay() + 6) % 7;
}

/** The Monday after today (in London), plus weeks weeks. */
export function nextMonday(weeks = 0) {
  const t = today();
  return addDays(t, 7 - weekday(t) + 7 * weeks);
}

/** The Monday before today, at least a week ago (a date in the past), minus weeks weeks. */
export function pastMonday(weeks = 0) {
  const t = today();
  return addDays(t, -weekday(t) - 7 - 7 * weeks);
}

/** The first date of year-month (month 1–12) that is weekday wd (0 = Monday). */
export function firstWeekday(year, month, wd) {
  let d = `${year}-${String(month).padStart(2, '0')}-01`;
  while (weekday(d) !== wd) d = addDays(d, 1);
  return d;
}

/** The last Sunday of October of year (Europe/London's clocks go back that night). */
export function lastSundayOfOctober(year) {
  let d = `${year}-10-31`;
  while (weekday(d) !== 6) d = addDays(d, -1);
  return d;
}

export const nextYear = () => Number(today().slice(0, 4)) + 1;

/** The wall time of instant (ms or RFC 3339 string) in zone: 'YYYY-MM-DDTHH:MM'. */
export function localOf(instant, zone = TZ) {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The UTC instant ('YYYY-MM-DDTHH:MM:SSZ') of wall time local in zone (an existing one). */
export function utcOf(local, zone = TZ) {
  const want = Date.parse(`${local}:00Z`);
  let guess = want;
  for (let i = 0; i < 3; i++) guess += want - Date.parse(`${localOf(guess, zone)}:00Z`);
  assert.equal(localOf(guess, zone), local, `${local} does not exist in ${zone}`);
  return new Date(guess).toISOString().replace('.000Z', 'Z');
}

/** Minutes after midnight of 'HH:MM' (or of the time part of a local time). */
export function minutesOf(s) {
  const hm = s.length > 5 ? s.slice(11, 16) : s;
  return Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));
}

/** 'HH:MM' of minutes after midnight. */
export function hhmm(m) {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Whether the appointment [startLocal, endLocal) lies inside one interval of hours that day. */
export function insideHours(hours, startLocal, endLocal) {
  const date = startLocal.slice(0, 10);
  const a = minutesOf(startLocal);
  const b = endLocal.slice(0, 10) === date ? minutesOf(endLocal) : endLocal.slice(0, 10) === addDays(date, 1) && minutesOf(endLocal) === 0 ? 1440 : -1;
  return (hours[DAYS[weekday(date)]] || []).some(([x, y]) => minutesOf(x) <= a && b <= (y === '24:00' ? 1440 : minutesOf(y)) && b > a);
}

/** The whole week: days not given are closed ([]), as GET answers it. */
export function fullWeek(h) {
  return Object.fromEntries(DAYS.map((d) => [d, h[d] || []]));
}

/**
 * makeClinic creates a clinic as by, sets its opening hours, its buffer and grid when given,
 * and adds chairs until it has `chairs` (a new clinic has one). Returns {clinic, chairs}.
 */
export async function makeClinic(by, { hours, timezone = TZ, buffer_min, grid_min, chairs = 1, name } = {}) {
  const extra = { timezone };
  if (buffer_min !== undefined) extra.buffer_min = buffer_min;
  if (grid_min !== undefined) extra.grid_min = grid_min;
  if (name) extra.name = name;
  const c = await by.post('/api/v1/clinics', clinicBody(extra));
  expectStatus(c, 201, 'a clinic for the test');
  const h = await by.put(`/api/v1/clinics/${c.body.id}/hours`, hours);
  expectStatus(h, 200, `PUT the hours of clinic ${c.body.id}`);
  assert.deepEqual(h.body, fullWeek(hours), 'PUT hours answers the week stored');
  const list = (await by.get(`/api/v1/clinics/${c.body.id}/chairs`)).body.items;
  while (list.length < chairs) {
    const r = await by.post(`/api/v1/clinics/${c.body.id}/chairs`, { name: `Chair ${list.length + 1}` });
    expectStatus(r, 201, 'a chair for the test');
    list.push(r.body);
  }
  return { clinic: c.body, chairs: list };
}

let seq = 0;

/** A practitioner working at clinicIds. */
export async function makePractitioner(by, clinicIds, name) {
  seq++;
  const r = await by.post('/api/v1/practitioners', {
    name: name || `Tech ${seq}`, email: `tech${seq}-${randomBytes(3).toString('hex')}@example.com`, clinic_ids: clinicIds,
  });
  expectStatus(r, 201, 'a practitioner for the test');
  return r.body;
}

/** A client of clinicId. */
export async function makeClient(by, clinicId) {
  seq++;
  const r = await by.post('/api/v1/clients', { first_name: `Client${seq}`, last_name: 'Booked', clinic_id: clinicId });
  expectStatus(r, 201, 'a client for the test');
  return r.body;
}

/** The fields of an appointment answer (docs/SCHEDULING.md "Appointments"). */
export const APPT_FIELDS = [
  'backfill', 'cancel_reason', 'chair_id', 'client_id', 'clinic_id', 'course_id', 'duration_min', 'end', 'end_local', 'id',
  'kind', 'mode', 'practitioner_id', 'sequence', 'session_no', 'start', 'start_local', 'status',
];

/** GET /api/v1/availability as by; returns the answer's body after checking its shape. */
export async function availability(by, q) {
  const qs = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();
  const r = await by.get(`/api/v1/availability?${qs}`);
  expectStatus(r, 200, `GET /api/v1/availability?${qs}`);
  assert.deepEqual(Object.keys(r.body).sort(), ['buffer_min', 'duration_min', 'items', 'next_cursor'], r.text.slice(0, 300));
  assert.equal(r.body.next_cursor, null);
  for (const it of r.body.items) assert.deepEqual(Object.keys(it).sort(), ['chair_id', 'start', 'start_local'], JSON.stringify(it));
  return r.body;
}

/** The start_local times ('HH:MM') listed on date by an availability answer. */
export function startsOn(av, date) {
  return av.items.filter((x) => x.start_local.startsWith(date)).map((x) => x.start_local.slice(11));
}

/** Every grid time from 'HH:MM' to 'HH:MM' inclusive, step minutes. */
export function times(from, to, step = 15) {
  const out = [];
  for (let m = minutesOf(from); m <= minutesOf(to); m += step) out.push(hhmm(m));
  return out;
}
