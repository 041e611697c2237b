// records.test.mjs — what went into a client's scalp, over HTTP: lots (create, find by code,
// retire), the session record of an appointment and each refusal the issue names (cleaning log,
// expired or retired lot, missing consent — except backfilled history) with nothing written,
// edits keeping every version, a serious reaction opening a follow-up task, lot exposures as
// JSON and as CSV read back by a CSV parser, and the roles (reception never sees a record).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { serverForFile, expectStatus, expectError, run, ROOT } from './lib.mjs';
import { makeClinic, makePractitioner, makeClient, nextMonday, pastMonday, addDays } from './sched.mjs';

const srv = await serverForFile();
const manager = await srv.userClient('manager');
const tech = await srv.userClient('practitioner');
const reception = await srv.userClient('reception');
const HOURS = { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] };
const { clinic } = await makeClinic(manager, { hours: HOURS });
const practitioner = await makePractitioner(manager, [clinic.id]);
const consentDoc = (await reception.get('/api/v1/consent-documents?kind=consent&current=true')).body.items[0];

let slot = 0;
/** A client (signed consent unless told otherwise) with a session booked for them. */
async function session({ signed = true, backfill = false } = {}) {
  const client = await makeClient(reception, clinic.id);
  if (signed) expectStatus(await reception.post(`/api/v1/clients/${client.id}/consents`, { document_id: consentDoc.id, signer_name: client.first_name, signature: 'M1 1 L9 9' }), 201);
  slot++;
  // one chair and a 15-minute clean-down: sessions two hours apart, five days a week
  const day = backfill ? addDays(pastMonday(1 + Math.floor(slot / 20)), slot % 5) : addDays(nextMonday(2 + Math.floor(slot / 20)), slot % 5);
  const start = `${day}T${String(9 + 2 * (Math.floor(slot / 5) % 4)).padStart(2, '0')}:00`;
  const r = await (backfill ? manager : reception).post('/api/v1/appointments', { clinic_id: clinic.id, practitioner_id: practitioner.id, client_id: client.id, kind: 'session', start, duration_min: 60, backfill });
  expectStatus(r, 201, 'a session for the test');
  return { client, appt: r.body, day };
}

const lot = async (body) => {
  const r = await tech.post('/api/v1/lots', body);
  expectStatus(r, 201, `lot ${JSON.stringify(body)}`);
  return r.body;
};
const pigment = await lot({ kind: 'pigment', product: 'Scalp Ink Dark', shade: 'Espresso', lot: `PG-${Date.now()}`, expires_on: '2031-01-31' });
const needle = await lot({ kind: 'needle', product: '3RL 0.25 mm', lot: `ND-${Date.now()}`, expires_on: '2031-06-30' });
const goodBody = () => ({
  pigment_lot_ids: [pigment.id], needle_lot_ids: [needle.id], dilution_pct: 60, areas: ['hairline', 'temples'],
  shade_decision: 'lighter', impressions_estimate: 9000, numbing: 'topical lidocaine', reactions: ['redness'],
  notes: 'First session lighter, as planned.', cleaning: { needles_disposed: true, equipment_cleaned: true },
});
const record = (appt, body, by = tech) => by.post(`/api/v1/appointments/${appt.id}/record`, body);

test('lots: found by the code on the bottle, edited, retired', async () => {
  const found = (await reception.get(`/api/v1/lots?code=${encodeURIComponent(pigment.lot)}`)).body.items;
  assert.deepEqual(found.map((l) => l.id), [pigment.id]);
  expectError(await tech.post('/api/v1/lots', { kind: 'pigment', product: 'Scalp Ink Dark', lot: pigment.lot, expires_on: '2031-01-31' }), 409, 'conflict', null);
  for (const [body, field] of [
    [{ kind: 'glove', product: 'x', lot: 'y', expires_on: '2030-01-01' }, 'kind'],
    [{ kind: 'needle', lot: 'y', expires_on: '2030-01-01' }, 'product'],
    [{ kind: 'needle', product: 'x', expires_on: '2030-01-01' }, 'lot'],
    [{ kind: 'needle', product: 'x', lot: 'y', expires_on: '31/01/2030' }, 'expires_on'],
  ]) expectError(await tech.post('/api/v1/lots', body), 422, 'invalid', field);
  expectError(await reception.post('/api/v1/lots', { kind: 'needle', product: 'x', lot: 'z', expires_on: '2030-01-01' }), 403, 'forbidden', null);
  const spare = await lot({ kind: 'needle', product: '1RL', lot: `SP-${Date.now()}`, expires_on: '2030-01-01' });
  const edited = await tech.patch(`/api/v1/lots/${spare.id}`, { expires_on: '2030-02-01' });
  expectStatus(edited, 200);
  assert.equal(edited.body.expires_on, '2030-02-01');
  const retired = await tech.post(`/api/v1/lots/${spare.id}/retire`);
  assert.equal(retired.body.retired, true);
  assert.ok(!(await reception.get('/api/v1/lots?kind=needle')).body.items.some((l) => l.id === spare.id), 'retired lots are hidden');
  assert.ok((await reception.get('/api/v1/lots?kind=needle&include_retired=true')).body.items.some((l) => l.id === spare.id));
});

test('a session record names its lots and reads back; reception may not see it', async () => {
  const { appt, day } = await session();
  const r = await record(appt, goodBody());
  expectStatus(r, 201);
  assert.equal(r.body.session_on, day);
  assert.equal(r.body.version, 1);
  assert.deepEqual(r.body.pigment_lot_ids, [pigment.id]);
  assert.equal(r.body.needle_lots[0].lot, needle.lot);
  assert.deepEqual(r.body.areas, ['hairline', 'temples']);
  const got = await tech.get(`/api/v1/appointments/${appt.id}/record`);
  expectStatus(got, 200);
  assert.equal(got.body.notes, 'First session lighter, as planned.');
  assert.deepEqual(got.body.history, []);
  expectError(await reception.get(`/api/v1/appointments/${appt.id}/record`), 403, 'forbidden', null);
  expectError(await record(appt, goodBody()), 409, 'conflict', null, 'one record per appointment');
});

test('refusals name the field and write nothing: cleaning, expired or retired lots, consent', async () => {
  const { appt, day } = await session();
  const expired = await lot({ kind: 'pigment', product: 'Old Ink', lot: `OLD-${Date.now()}`, expires_on: addDays(day, -1) });
  const lastDay = await lot({ kind: 'pigment', product: 'Edge Ink', lot: `EDGE-${Date.now()}`, expires_on: day });
  const retired = await lot({ kind: 'needle', product: 'Gone', lot: `GONE-${Date.now()}`, expires_on: '2031-01-01' });
  await tech.post(`/api/v1/lots/${retired.id}/retire`);
  const bad = [
    [{ cleaning: { needles_disposed: true, equipment_cleaned: false } }, 'cleaning'],
    [{ cleaning: undefined }, 'cleaning'],
    [{ pigment_lot_ids: [expired.id] }, 'pigment_lot_ids'],
    [{ pigment_lot_ids: [needle.id] }, 'pigment_lot_ids'],
    [{ pigment_lot_ids: [] }, 'pigment_lot_ids'],
    [{ needle_lot_ids: [retired.id] }, 'needle_lot_ids'],
    [{ dilution_pct: 95 }, 'dilution_pct'],
    [{ areas: ['eyebrows'] }, 'areas'],
    [{ reactions: ['sneezing'] }, 'reactions'],
    [{ shade_decision: 'purple' }, 'shade_decision'],
    [{ mood: 'good' }, 'mood'],
  ];
  for (const [change, field] of bad) expectError(await record(appt, { ...goodBody(), ...change }), 422, 'invalid', field, JSON.stringify(change));
  expectError(await tech.get(`/api/v1/appointments/${appt.id}/record`), 404, 'not_found', null, 'nothing was written');
  expectStatus(await record(appt, { ...goodBody(), pigment_lot_ids: [lastDay.id] }), 201, 'a lot may be used on the day it expires');

  const unsigned = await session({ signed: false });
  expectError(await record(unsigned.appt, goodBody()), 422, 'invalid', 'consent');
  const history = await session({ signed: false, backfill: true });
  const h = await record(history.appt, { areas: ['crown'], notes: 'Entered from the paper file.' }, manager);
  expectStatus(h, 201, 'backfilled history needs neither consent nor cleaning nor lots');
  assert.equal(h.body.backfill, true);
});

test('edits keep every version; a serious reaction opens a follow-up task', async () => {
  const { client, appt, day } = await session();
  expectStatus(await record(appt, goodBody()), 201);
  const edit = await tech.patch(`/api/v1/appointments/${appt.id}/record`, { ...goodBody(), reactions: ['redness', 'allergic_reaction'], notes: 'Itching and a rash the next day.' });
  expectStatus(edit, 200);
  assert.equal(edit.body.version, 2);
  const got = (await tech.get(`/api/v1/appointments/${appt.id}/record`)).body;
  assert.equal(got.history.length, 1);
  assert.equal(got.history[0].version, 1);
  assert.equal(got.history[0].body.notes, 'First session lighter, as planned.');
  const tasks = (await reception.get(`/api/v1/tasks?clinic_id=${clinic.id}`)).body.items.filter((t) => t.client_id === client.id);
  assert.equal(tasks.length, 1);
  assert.equal(tasks[0].kind, 'reaction_follow_up');
  assert.equal(tasks[0].due_on, addDays(day, 1));
  expectStatus(await reception.post(`/api/v1/tasks/${tasks[0].id}/done`), 204);
  assert.equal((await reception.get(`/api/v1/tasks?clinic_id=${clinic.id}`)).body.items.filter((t) => t.client_id === client.id).length, 0);
  expectError(await tech.patch(`/api/v1/appointments/${appt.id}/record`, { ...goodBody(), cleaning: {} }), 422, 'invalid', 'cleaning');
  assert.equal((await tech.get(`/api/v1/appointments/${appt.id}/record`)).body.version, 2, 'a refused edit changes nothing');
});

test('a record stays editable after its lot is retired; a lot taken off by an edit still counts as an exposure', async () => {
  const batch = await lot({ kind: 'pigment', product: 'Later Recalled Ink', lot: `LR-${Date.now()}`, expires_on: '2031-01-01' });
  const spare = await lot({ kind: 'pigment', product: 'Spare Ink', lot: `SP-${Date.now()}`, expires_on: '2031-01-01' });
  const { client, appt } = await session();
  expectStatus(await record(appt, { ...goodBody(), pigment_lot_ids: [batch.id] }), 201);
  expectStatus(await tech.post(`/api/v1/lots/${batch.id}/retire`), 200);
  // the recall: the practitioner adds a note to the record of a lot that is now retired
  const noted = await tech.patch(`/api/v1/appointments/${appt.id}/record`, { ...goodBody(), pigment_lot_ids: [batch.id], notes: 'Client told of the recall.' });
  expectStatus(noted, 200, 'a retired lot already on the record does not block an edit');
  // but a retired lot cannot be added by an edit
  const other = await session();
  expectStatus(await record(other.appt, goodBody()), 201);
  expectError(await tech.patch(`/api/v1/appointments/${other.appt.id}/record`, { ...goodBody(), pigment_lot_ids: [batch.id] }), 422, 'invalid', 'pigment_lot_ids');
  // the lot is swapped for another by an edit: the first lot still touched the client
  expectStatus(await tech.patch(`/api/v1/appointments/${appt.id}/record`, { ...goodBody(), pigment_lot_ids: [spare.id] }), 200);
  assert.deepEqual((await tech.get(`/api/v1/appointments/${appt.id}/record`)).body.pigment_lot_ids, [spare.id]);
  const ex = (await tech.get(`/api/v1/lots/${batch.id}/exposures`)).body.items;
  assert.deepEqual(ex.map((x) => [x.client_id, x.removed_by_edit]), [[client.id, true]]);
  const now = (await tech.get(`/api/v1/lots/${spare.id}/exposures`)).body.items;
  assert.deepEqual(now.map((x) => [x.client_id, x.removed_by_edit]), [[client.id, false]]);
});

test('a serious reaction added later opens a follow-up even when an earlier note named it', async () => {
  const { client, appt } = await session();
  expectStatus(await record(appt, { ...goodBody(), notes: 'Asked about infection risk; none.' }), 201);
  expectStatus(await tech.patch(`/api/v1/appointments/${appt.id}/record`, { ...goodBody(), reactions: ['infection'] }), 200);
  const tasks = (await reception.get(`/api/v1/tasks?clinic_id=${clinic.id}`)).body.items.filter((t) => t.client_id === client.id);
  assert.equal(tasks.length, 1);
});

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF). */
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\r') { /* CRLF */ } else if (ch === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else field += ch;
  }
  return rows;
}

test('exposures: every client a lot touched, as JSON and CSV', async () => {
  const batch = await lot({ kind: 'pigment', product: 'Recall Ink', lot: `RC-${Date.now()}`, expires_on: '2031-01-01' });
  const a = await session();
  const b = await session();
  await reception.patch(`/api/v1/clients/${b.client.id}`, { last_name: '=HYPERLINK("x")' });
  for (const s of [a, b]) expectStatus(await record(s.appt, { ...goodBody(), pigment_lot_ids: [batch.id] }), 201);
  const ex = await tech.get(`/api/v1/lots/${batch.id}/exposures`);
  expectStatus(ex, 200);
  assert.deepEqual(ex.body.items.map((x) => x.client_id).sort(), [a.client.id, b.client.id].sort());
  assert.deepEqual(ex.body.items.find((x) => x.client_id === a.client.id).appointment_id, a.appt.id);
  const csv = await fetch(`${srv.url}/api/v1/lots/${batch.id}/exposures.csv`, { headers: { cookie: `stipple_session=${tech.cookie}` } });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  const rows = parseCsv(await csv.text());
  assert.deepEqual(rows[0], ['client_id', 'client_name', 'appointment_id', 'date', 'lot', 'product']);
  assert.equal(rows.length, 3);
  const evil = rows.find((r) => Number(r[0]) === b.client.id);
  assert.ok(!evil[1].startsWith('='), `a formula in a name is not run by a spreadsheet: ${evil[1]}`);
  assert.equal(rows.find((r) => Number(r[0]) === a.client.id)[3], a.day);
  expectError(await reception.get(`/api/v1/lots/${batch.id}/exposures`), 403, 'forbidden', null);
});

test('aftercare: the stages end on day 4, 10 and 30, as JSON, as all-day calendar events and as a handout', async () => {
  const { appt, day } = await session();
  const r = await reception.get(`/api/v1/appointments/${appt.id}/aftercare`);
  expectStatus(r, 200);
  assert.equal(r.body.session_on, day);
  const items = r.body.items;
  assert.equal(items.length, 5);
  assert.deepEqual(items.map((i) => [i.from, i.to]), [
    [day, addDays(day, 4)], [addDays(day, 5), addDays(day, 10)], [addDays(day, 11), null], [day, addDays(day, 30)], [addDays(day, 31), null],
  ]);
  assert.match(items[0].advice, /dry/);
  assert.match(items[4].advice, /SPF 30 (to|–) 50/);
  assert.equal(r.body.document.kind, 'aftercare');

  const ics = await fetch(`${srv.url}/api/v1/appointments/${appt.id}/aftercare.ics`, { headers: { cookie: `stipple_session=${reception.cookie}` } });
  assert.equal(ics.status, 200);
  assert.match(ics.headers.get('content-type'), /^text\/calendar/);
  const file = path.join(srv.tmp, `aftercare-${appt.id}.ics`);
  writeFileSync(file, Buffer.from(await ics.arrayBuffer()));
  const checked = await run('/usr/bin/python3', [path.join(ROOT, 'tests/tools/ics_check.py'), file, '--all-day', '--expect-events', '5']);
  assert.equal(checked.code, 0, checked.stderr);
  const lines = checked.stdout.trim().split('\n').map((l) => l.split(' '));
  assert.deepEqual(lines.map((l) => [l[1], l[2]]), [
    [day, addDays(day, 4)], [addDays(day, 5), addDays(day, 10)], [addDays(day, 11), addDays(day, 11)], [day, addDays(day, 30)], [addDays(day, 31), addDays(day, 31)],
  ]);

  const pdf = await fetch(`${srv.url}/api/v1/appointments/${appt.id}/aftercare.pdf`, { headers: { cookie: `stipple_session=${reception.cookie}` } });
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  const pf = path.join(srv.tmp, `aftercare-${appt.id}.pdf`);
  writeFileSync(pf, Buffer.from(await pdf.arrayBuffer()));
  const text = (await run('pdftotext', [pf, '-'])).stdout;
  assert.match(text, /Looking after your scalp/);
  assert.ok(text.includes(`${addDays(day, 5)} to ${addDays(day, 10)}`), text);
  assert.match(text, /foil shaver/);
});

test("aftercare advice comes from the aftercare document in force on the session's day", async () => {
  const past = await session({ backfill: true }); // before any document version was written
  const current = (await reception.get('/api/v1/consent-documents?kind=aftercare&current=true')).body.items[0];
  const r = await manager.post('/api/v1/consent-documents', {
    kind: 'aftercare', title: 'Aftercare (revised)', reviewed_by: 'Dr Test', reviewed_on: '2026-12-01',
    body: 'Days 0 to 4: keep the scalp dry; no hats that rub.\n\nLong term: SPF 50 every day outdoors.',
  });
  expectStatus(r, 201);
  const next = await session();
  const after = (await reception.get(`/api/v1/appointments/${next.appt.id}/aftercare`)).body;
  assert.equal(after.document.version, r.body.version);
  assert.equal(after.items[0].advice, 'Keep the scalp dry; no hats that rub.');
  assert.equal(after.items[4].advice, 'SPF 50 every day outdoors.');
  assert.match(after.items[1].advice, /foil shaver/, 'a stage the document leaves out keeps the built-in advice');
  const old = (await reception.get(`/api/v1/appointments/${past.appt.id}/aftercare`)).body;
  assert.equal(old.document.version, current.version, 'an earlier session keeps the words it was given');
  assert.doesNotMatch(old.items[0].advice, /hats/);
});

test('touch-up recall: three years after the last session, sooner for oily skin and high sun', async () => {
  const { clinic: rc } = await makeClinic(manager, { hours: HOURS });
  const tech2 = await makePractitioner(manager, [rc.id]);
  const visit = async (extraConsult) => {
    const client = await makeClient(reception, rc.id);
    if (extraConsult) expectStatus(await tech.post(`/api/v1/clients/${client.id}/consultations`, { date: '2026-01-10', mode: 'in_person', goal: 'shaved_look', ...extraConsult }), 201);
    const day = addDays(pastMonday(3), [...String(client.id)].length % 5);
    const a = await manager.post('/api/v1/appointments', { clinic_id: rc.id, practitioner_id: tech2.id, client_id: client.id, kind: 'session', start: `${day}T${String(9 + 2 * (client.id % 4)).padStart(2, '0')}:00`, duration_min: 60, backfill: true });
    expectStatus(a, 201);
    expectStatus(await record(a.body, { areas: ['hairline'] }, manager), 201);
    return { client, day };
  };
  const plain = await visit(null);
  const oilySun = await visit({ skin: 'oily', lifestyle: { sun_exposure: 'high' } });
  const r = await reception.get(`/api/v1/recalls?clinic_id=${rc.id}`);
  expectStatus(r, 200);
  const due = Object.fromEntries(r.body.items.map((i) => [i.client_id, i]));
  const plus = (d, months) => { const [y, m, dd] = d.split('-').map(Number); const t = new Date(Date.UTC(y, m - 1 + months, 1)); const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate(); return `${t.getUTCFullYear()}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(Math.min(dd, last)).padStart(2, '0')}`; };
  assert.equal(due[plain.client.id].due_on, plus(plain.day, 36));
  assert.equal(due[oilySun.client.id].due_on, plus(oilySun.day, 24));
  assert.deepEqual(due[oilySun.client.id].sooner_for, ['oily skin', 'high sun exposure']);
  assert.equal(r.body.items[0].client_id, oilySun.client.id, 'soonest first');
  const soon = await reception.get(`/api/v1/recalls?clinic_id=${rc.id}&due_before=${plus(oilySun.day, 30)}`);
  assert.deepEqual(soon.body.items.map((i) => i.client_id), [oilySun.client.id]);
  expectStatus(await manager.put(`/api/v1/clinics/${rc.id}/recall-rules`, { base_months: 48, min_months: 18 }), 200);
  const later = (await reception.get(`/api/v1/recalls?clinic_id=${rc.id}`)).body.items.find((i) => i.client_id === plain.client.id);
  assert.equal(later.due_on, plus(plain.day, 48));
  expectError(await reception.put(`/api/v1/clinics/${rc.id}/recall-rules`, { base_months: 12 }), 403, 'forbidden', null);
  expectError(await manager.put(`/api/v1/clinics/${rc.id}/recall-rules`, { base_months: 12, min_months: 24 }), 422, 'invalid', 'min_months');
  expectError(await reception.get('/api/v1/recalls'), 422, 'invalid', 'clinic_id');
  expectError(await reception.get(`/api/v1/recalls?clinic_id=${rc.id}&due_before=soon`), 422, 'invalid', 'due_before');
});
