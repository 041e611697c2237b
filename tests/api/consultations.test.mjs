// consultations.test.mjs — consultations (create, read, list, change, every refusal), who may
// reach them (not reception), their audit trail, the eligibility rules, and the classification
// scales. The contract is docs/CONSULTATIONS.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  serverForFile, expectError, expectStatus, expectBodyRefusals, clinicBody, ids, sleep, RFC3339_UTC,
} from './lib.mjs';

const srv = await serverForFile();
const owner = await srv.userClient('owner');
const manager = await srv.userClient('manager');
const practitioner = await srv.userClient('practitioner');
const reception = await srv.userClient('reception');

const clinic = (await manager.post('/api/v1/clinics', clinicBody({ name: 'Consulting Rooms', timezone: 'Europe/London' }))).body;

// The example of the issue: a video consultation, Norwood V, a transplant on 1 June, aspirin.
const EXAMPLE = {
  date: '2026-11-21',
  mode: 'video',
  goal: 'shaved_look',
  scale: 'norwood',
  stage: 'V',
  fitzpatrick: 2,
  skin: 'oily',
  medical: { hair_transplant_on: '2026-06-01', blood_thinners: ['aspirin'] },
};

const FIELDS = [
  'alopecia_active', 'client_id', 'clinic_id', 'created_at', 'date', 'fitzpatrick', 'goal', 'grey_pct',
  'hair_colour', 'hairline', 'id', 'lifestyle', 'medical', 'mode', 'notes', 'practitioner_id', 'salt',
  'scale', 'scar_age_months', 'scar_size_cm2', 'skin', 'stage', 'updated_at',
];
const MEDICAL_NONE = {
  hair_transplant_on: null,
  hair_transplant_type: null,
  blood_thinners: [],
  pigment_allergy: false,
  patch_test: null,
  patch_test_on: null,
  keloid: false,
  scalp_conditions: [],
  scalp_flare: false,
  pregnant: false,
  chemotherapy: 'none',
  chemotherapy_ended_on: null,
  diabetes: false,
  medications: null,
};

let clientSeq = 0;
async function newClient(extra = {}) {
  clientSeq++;
  const r = await manager.post('/api/v1/clients', {
    first_name: `Consult${clientSeq}`, last_name: 'Client', date_of_birth: '1984-06-30', clinic_id: clinic.id, ...extra,
  });
  expectStatus(r, 201, 'a client for the test');
  return r.body;
}

async function consult(clientId, body = EXAMPLE, by = manager) {
  const r = await by.post(`/api/v1/clients/${clientId}/consultations`, body);
  expectStatus(r, 201, `POST consultation ${JSON.stringify(body).slice(0, 200)}`);
  return r.body;
}

const listOf = (clientId) => `/api/v1/clients/${clientId}/consultations`;

function isoDate(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The eligibility answer for consultation id as of on (omitted: the server's today). */
async function eligibility(id, on, by = manager) {
  const r = await by.get(`/api/v1/consultations/${id}/eligibility${on ? `?on=${on}` : ''}`);
  expectStatus(r, 200, `eligibility of ${id} on ${on}`);
  assert.deepEqual(Object.keys(r.body).sort(), ['as_of', 'client_id', 'consultation_id', 'findings', 'status']);
  assert.equal(r.body.consultation_id, id);
  for (const f of r.body.findings) {
    assert.deepEqual(Object.keys(f).sort(), ['message', 'rule', 'severity', 'until'], JSON.stringify(f));
    assert.ok(typeof f.message === 'string' && f.message.length > 0, `finding ${f.rule} has a message`);
  }
  return r.body;
}

/** The findings as {rule: {severity, until}}, each rule once. */
function findings(el) {
  const out = {};
  for (const f of el.findings) {
    assert.ok(!(f.rule in out), `rule ${f.rule} found twice: ${JSON.stringify(el.findings)}`);
    out[f.rule] = { severity: f.severity, until: f.until };
  }
  return out;
}

/* ---------------------------------------------------------------- consultations */

test('POST creates the example consultation: 201 with every field as documented; GET answers the same', async () => {
  const client = await newClient();
  const r = await practitioner.post(listOf(client.id), EXAMPLE);
  expectStatus(r, 201);
  const c = r.body;
  assert.deepEqual(Object.keys(c).sort(), FIELDS);
  assert.ok(Number.isInteger(c.id) && c.id > 0);
  assert.equal(c.client_id, client.id);
  assert.equal(c.clinic_id, clinic.id, 'clinic_id defaults to the client\'s clinic');
  assert.equal(c.practitioner_id, null);
  for (const k of ['date', 'mode', 'goal', 'scale', 'stage', 'fitzpatrick', 'skin']) assert.deepEqual(c[k], EXAMPLE[k], k);
  for (const k of ['salt', 'alopecia_active', 'scar_size_cm2', 'scar_age_months', 'hair_colour', 'grey_pct', 'notes']) {
    assert.equal(c[k], null, k);
  }
  assert.deepEqual(c.lifestyle, { sun_exposure: null, training: null, swimming: null });
  assert.deepEqual(c.hairline, { style: null, conservative_first: null, notes: null });
  assert.deepEqual(c.medical, { ...MEDICAL_NONE, hair_transplant_on: '2026-06-01', blood_thinners: ['aspirin'] },
    'absent medical answers mean no; chemotherapy "none"');
  assert.match(c.created_at, RFC3339_UTC);
  assert.match(c.updated_at, RFC3339_UTC);
  assert.ok(Math.abs(Date.parse(c.created_at) - Date.now()) < 120000, `created_at ${c.created_at} is not now`);
  const g = await practitioner.get(`/api/v1/consultations/${c.id}`);
  expectStatus(g, 200);
  assert.deepEqual(g.body, c);
});

test('every documented field is stored and answered back', async () => {
  const client = await newClient();
  const pr = await manager.post('/api/v1/practitioners', { name: 'Dot Worker', email: 'dot.worker@example.com', clinic_ids: [clinic.id] });
  expectStatus(pr, 201);
  const full = {
    date: '2026-10-02',
    mode: 'in_person',
    goal: 'density',
    practitioner_id: pr.body.id,
    clinic_id: clinic.id,
    scale: 'savin',
    stage: 'II-2',
    fitzpatrick: 5,
    skin: 'dry',
    hair_colour: 'dark brown',
    grey_pct: 10,
    lifestyle: { sun_exposure: 'high', training: 'intense', swimming: true },
    hairline: { style: 'feathered', conservative_first: true, notes: 'Keep the temples soft.\nNo sharp corners.' },
    medical: {
      hair_transplant_on: '2024-01-15',
      hair_transplant_type: 'fut',
      blood_thinners: ['warfarin', 'clopidogrel'],
      pigment_allergy: true,
      patch_test: 'negative',
      patch_test_on: '2026-09-20',
      keloid: true,
      scalp_conditions: ['psoriasis', 'eczema'],
      scalp_flare: false,
      pregnant: false,
      chemotherapy: 'ended',
      chemotherapy_ended_on: '2025-12-31',
      diabetes: true,
      medications: 'Metformin 500 mg twice a day',
    },
    notes: 'Wants a natural look — “not too dark”.',
  };
  const c = await consult(client.id, full);
  for (const [k, v] of Object.entries(full)) assert.deepEqual(c[k], v, k);
  assert.deepEqual((await manager.get(`/api/v1/consultations/${c.id}`)).body, c);

  const areata = await consult(client.id, {
    date: '2026-10-03', mode: 'photos', goal: 'alopecia', scale: 'alopecia_areata', stage: 'patchy', salt: 25, alopecia_active: true,
  });
  assert.equal(areata.salt, 25);
  assert.equal(areata.alopecia_active, true);
  const scar = await consult(client.id, {
    date: '2026-10-04', mode: 'phone', goal: 'scar', scale: 'scar', stage: 'fut', scar_size_cm2: 12.5, scar_age_months: 30,
  });
  assert.equal(scar.scar_size_cm2, 12.5);
  assert.equal(scar.scar_age_months, 30);
  const today = await consult(client.id, { date: isoDate(Date.now()), mode: 'in_person', goal: 'touch_up' });
  assert.equal(today.scale, null, 'no scale given');
  assert.equal(today.stage, null);
});

test('every stage of every scale is accepted', async () => {
  const client = await newClient();
  const stages = {
    norwood: ['I', 'II', 'IIa', 'III', 'IIIa', 'III-vertex', 'IV', 'IVa', 'V', 'Va', 'VI', 'VII'],
    ludwig: ['I', 'II', 'III'],
    savin: ['I-1', 'I-2', 'I-3', 'I-4', 'II-1', 'II-2', 'III', 'advanced', 'frontal'],
    alopecia_areata: ['patchy', 'totalis', 'universalis'],
    scar: ['fut', 'fue', 'injury', 'burn', 'surgery'],
  };
  const c = await consult(client.id, { date: '2026-11-01', mode: 'in_person', goal: 'density' });
  for (const [scale, list] of Object.entries(stages)) {
    for (const stage of list) {
      const r = await manager.patch(`/api/v1/consultations/${c.id}`, { scale, stage });
      expectStatus(r, 200, `${scale} ${stage}`);
      assert.equal(r.body.scale, scale);
      assert.equal(r.body.stage, stage);
    }
  }
});

test('a client\'s consultations are listed newest first, and only theirs', async () => {
  const client = await newClient();
  const other = await newClient();
  const a = await consult(client.id, { ...EXAMPLE, date: '2026-01-10' });
  const b = await consult(client.id, { ...EXAMPLE, date: '2026-11-21' });
  const c = await consult(client.id, { ...EXAMPLE, date: '2026-05-05' });
  await consult(other.id, EXAMPLE);
  const r = await practitioner.get(listOf(client.id));
  expectStatus(r, 200);
  assert.deepEqual(Object.keys(r.body).sort(), ['items', 'next_cursor']);
  assert.equal(r.body.next_cursor, null);
  assert.deepEqual(r.body.items.map((x) => x.date), ['2026-11-21', '2026-05-05', '2026-01-10']);
  assert.deepEqual(r.body.items, [b, c, a]);
  const none = await newClient();
  const empty = await practitioner.get(listOf(none.id));
  expectStatus(empty, 200);
  assert.deepEqual(empty.body, { items: [], next_cursor: null });
});

test('PATCH changes only the fields given, nested objects member by member; null clears', async () => {
  const client = await newClient();
  const made = await consult(client.id, { ...EXAMPLE, lifestyle: { sun_exposure: 'low', swimming: false } });
  const same = (x) => ({ ...x, updated_at: null });

  const p = await practitioner.patch(`/api/v1/consultations/${made.id}`, { medical: { pregnant: true } });
  expectStatus(p, 200);
  assert.deepEqual(same(p.body), same({ ...made, medical: { ...made.medical, pregnant: true } }));
  assert.match(p.body.updated_at, RFC3339_UTC);
  assert.ok(Date.parse(p.body.updated_at) >= Date.parse(made.updated_at));
  assert.equal(p.body.created_at, made.created_at);

  const q = await practitioner.patch(`/api/v1/consultations/${made.id}`, { stage: 'VI', lifestyle: { training: 'regular' } });
  expectStatus(q, 200);
  assert.deepEqual(same(q.body), same({
    ...p.body, stage: 'VI', lifestyle: { sun_exposure: 'low', training: 'regular', swimming: false },
  }));

  const n = await practitioner.patch(`/api/v1/consultations/${made.id}`, {
    fitzpatrick: null, skin: null, lifestyle: { sun_exposure: null }, medical: { blood_thinners: null, hair_transplant_on: null, pregnant: null },
  });
  expectStatus(n, 200);
  assert.deepEqual(same(n.body), same({
    ...q.body,
    fitzpatrick: null,
    skin: null,
    lifestyle: { ...q.body.lifestyle, sun_exposure: null },
    medical: { ...q.body.medical, blood_thinners: [], hair_transplant_on: null, pregnant: false },
  }));

  const s = await practitioner.patch(`/api/v1/consultations/${made.id}`, { scale: null, stage: null });
  expectStatus(s, 200, 'scale and stage cleared together');
  assert.equal(s.body.scale, null);
  assert.equal(s.body.stage, null);

  const e = await practitioner.patch(`/api/v1/consultations/${made.id}`, {});
  expectStatus(e, 200, 'an empty PATCH changes nothing');
  assert.deepEqual(same(e.body), same(s.body));
  assert.deepEqual((await practitioner.get(`/api/v1/consultations/${made.id}`)).body, e.body);
});

test('POST with a bad value is 422 naming the field by its path, and writes nothing', async () => {
  const client = await newClient();
  await consult(client.id);
  const before = ids(await manager.all(listOf(client.id)));
  const future = isoDate(Date.now() + 2 * 86400000);
  const without = (k) => {
    const b = { ...EXAMPLE };
    delete b[k];
    return b;
  };
  const withMedical = (m) => ({ ...EXAMPLE, medical: { ...EXAMPLE.medical, ...m } });
  const cases = [
    [{ ...EXAMPLE, stage: 'IX' }, 'stage'],
    [{ ...EXAMPLE, stage: 'patchy' }, 'stage'],
    [{ ...EXAMPLE, scale: 'ludwig' }, 'stage'],
    [{ ...EXAMPLE, scale: 'hamilton' }, 'scale'],
    [without('scale'), 'scale'],
    [withMedical({ foo: true }), 'medical.foo'],
    [withMedical({ blood_thinners: ['tea'] }), 'medical.blood_thinners'],
    [withMedical({ blood_thinners: 'aspirin' }), 'medical.blood_thinners'],
    [withMedical({ pregnant: 'no' }), 'medical.pregnant'],
    [withMedical({ scalp_conditions: ['dandruff'] }), 'medical.scalp_conditions'],
    [withMedical({ hair_transplant_on: future }), 'medical.hair_transplant_on'],
    [withMedical({ hair_transplant_on: null, hair_transplant_type: 'fue' }), 'medical.hair_transplant_on'],
    [withMedical({ chemotherapy: 'ended' }), 'medical.chemotherapy_ended_on'],
    [withMedical({ chemotherapy: 'sometimes' }), 'medical.chemotherapy'],
    [{ ...EXAMPLE, medical: 'fine' }, 'medical'],
    [{ ...EXAMPLE, lifestyle: { training: 'daily' } }, 'lifestyle.training'],
    [{ ...EXAMPLE, lifestyle: { diet: 'vegan' } }, 'lifestyle.diet'],
    [{ ...EXAMPLE, hairline: { style: 'widow' } }, 'hairline.style'],
    [{ ...EXAMPLE, date: future }, 'date'],
    [{ ...EXAMPLE, date: '2026-02-30' }, 'date'],
    [{ ...EXAMPLE, date: '21/11/2026' }, 'date'],
    [without('date'), 'date'],
    [without('mode'), 'mode'],
    [{ ...EXAMPLE, mode: 'carrier_pigeon' }, 'mode'],
    [without('goal'), 'goal'],
    [{ ...EXAMPLE, goal: 'regrowth' }, 'goal'],
    [{ ...EXAMPLE, fitzpatrick: 7 }, 'fitzpatrick'],
    [{ ...EXAMPLE, fitzpatrick: 0 }, 'fitzpatrick'],
    [{ ...EXAMPLE, skin: 'greasy' }, 'skin'],
    [{ ...EXAMPLE, grey_pct: 101 }, 'grey_pct'],
    [{ ...EXAMPLE, salt: 40 }, 'salt'],
    [{ ...EXAMPLE, scar_size_cm2: 3 }, 'scar_size_cm2'],
    [{ ...EXAMPLE, scale: 'alopecia_areata', stage: 'patchy', salt: 101 }, 'salt'],
    [{ ...EXAMPLE, scale: 'scar', stage: 'fue', scar_age_months: 1201 }, 'scar_age_months'],
    [{ ...EXAMPLE, scale: 'scar', stage: 'fue', scar_size_cm2: 0 }, 'scar_size_cm2'],
    [{ ...EXAMPLE, practitioner_id: 999999 }, 'practitioner_id'],
    [{ ...EXAMPLE, client_id: client.id }, 'client_id'],
    [{ ...EXAMPLE, foo: 'bar' }, 'foo'],
  ];
  for (const [body, field] of cases) {
    const r = await manager.post(listOf(client.id), body);
    expectError(r, 422, 'invalid', field, `POST ${JSON.stringify(body).slice(0, 300)}`);
  }
  assert.deepEqual(ids(await manager.all(listOf(client.id))), before, 'a refused POST wrote a consultation');
});

test('PATCH with a bad value is 422 naming the field and leaves the consultation unchanged', async () => {
  const client = await newClient();
  const made = await consult(client.id);
  const cases = [
    [{ stage: 'IX' }, 'stage'],
    [{ scale: null }, 'scale'],
    [{ scale: 'ludwig' }, 'stage'],
    [{ notes: 'ok', medical: { foo: 1 } }, 'medical.foo'],
    [{ medical: { blood_thinners: ['tea'] } }, 'medical.blood_thinners'],
    [{ medical: { chemotherapy: 'ended' } }, 'medical.chemotherapy_ended_on'],
    [{ lifestyle: { training: 'daily' } }, 'lifestyle.training'],
    [{ date: isoDate(Date.now() + 2 * 86400000) }, 'date'],
    [{ date: null }, 'date'],
    [{ mode: null }, 'mode'],
    [{ goal: null }, 'goal'],
    [{ fitzpatrick: 7 }, 'fitzpatrick'],
    [{ salt: 10 }, 'salt'],
    [{ practitioner_id: 999999 }, 'practitioner_id'],
    [{ client_id: 1 }, 'client_id'],
    [{ notes: 'ok', foo: 1 }, 'foo'],
  ];
  for (const [body, field] of cases) {
    const r = await manager.patch(`/api/v1/consultations/${made.id}`, body);
    expectError(r, 422, 'invalid', field, `PATCH ${JSON.stringify(body)}`);
  }
  assert.deepEqual((await manager.get(`/api/v1/consultations/${made.id}`)).body, made);
});

test('bodies that are not a JSON object, the wrong Content-Type and oversized bodies are refused', async () => {
  const client = await newClient();
  await expectBodyRefusals(manager, 'POST', listOf(client.id), listOf(client.id), EXAMPLE);
  const made = await consult(client.id);
  await expectBodyRefusals(manager, 'PATCH', `/api/v1/consultations/${made.id}`, listOf(client.id), { notes: 'changed' });
  assert.deepEqual((await manager.get(`/api/v1/consultations/${made.id}`)).body, made);
});

test('a client or consultation that does not exist is 404', async () => {
  expectError(await manager.post(listOf(999999), EXAMPLE), 404, 'not_found', null);
  expectError(await manager.get(listOf(999999)), 404, 'not_found', null);
  for (const id of ['999999', 'abc']) {
    expectError(await manager.get(`/api/v1/consultations/${id}`), 404, 'not_found', null);
    expectError(await manager.patch(`/api/v1/consultations/${id}`, { notes: 'x' }), 404, 'not_found', null);
    expectError(await manager.get(`/api/v1/consultations/${id}/eligibility?on=2026-11-21`), 404, 'not_found', null);
  }
  const gone = await newClient();
  expectStatus(await manager.del(`/api/v1/clients/${gone.id}`), 204);
  expectError(await manager.post(listOf(gone.id), EXAMPLE), 404, 'not_found', null, 'a deleted client');
  expectError(await manager.get(listOf(gone.id)), 404, 'not_found', null, 'a deleted client');
});

test('reception is refused every consultation route (403, nothing written); practitioner, manager and owner are not', async () => {
  const client = await newClient();
  const made = await consult(client.id);
  const url = `/api/v1/consultations/${made.id}`;
  expectError(await reception.post(listOf(client.id), EXAMPLE), 403, 'forbidden', null, 'reception creates');
  expectError(await reception.get(listOf(client.id)), 403, 'forbidden', null, 'reception lists');
  expectError(await reception.get(url), 403, 'forbidden', null, 'reception reads');
  expectError(await reception.patch(url, { notes: 'by reception' }), 403, 'forbidden', null, 'reception changes');
  expectError(await reception.get(`${url}/eligibility?on=2026-11-21`), 403, 'forbidden', null, 'reception assesses');
  assert.deepEqual(ids(await owner.all(listOf(client.id))), [made.id], 'reception wrote a consultation');
  assert.deepEqual((await owner.get(url)).body, made, 'reception changed the consultation');

  for (const c of [practitioner, manager, owner]) {
    const who = c.account.role;
    const r = await c.post(listOf(client.id), { ...EXAMPLE, notes: `by ${who}` });
    expectStatus(r, 201, `${who} creates`);
    const list = await c.get(listOf(client.id));
    expectStatus(list, 200, `${who} lists`);
    assert.ok(list.body.items.some((x) => x.id === r.body.id), `${who} sees the new consultation listed`);
    expectStatus(await c.get(`/api/v1/consultations/${r.body.id}`), 200, `${who} reads`);
    const p = await c.patch(`/api/v1/consultations/${r.body.id}`, { notes: `changed by ${who}` });
    expectStatus(p, 200, `${who} changes`);
    assert.equal(p.body.notes, `changed by ${who}`);
    const el = await eligibility(r.body.id, '2026-11-21', c);
    assert.equal(el.status, 'defer');
  }
});

test('creating, reading, listing, assessing and changing a consultation are audited', async () => {
  const client = await newClient();
  const made = await consult(client.id);
  expectStatus(await manager.patch(`/api/v1/consultations/${made.id}`, { notes: 'seen' }), 200);
  expectStatus(await practitioner.get(`/api/v1/consultations/${made.id}`), 200);
  expectStatus(await practitioner.get(listOf(client.id)), 200);
  expectStatus(await owner.get(`/api/v1/consultations/${made.id}/eligibility?on=2026-11-21`), 200);

  const entries = async () => (await manager.all(`/api/v1/audit?client_id=${client.id}`)).filter((e) => e.entity === 'consultation');
  const changes = await entries();
  const created = changes.filter((e) => e.action === 'create');
  const updated = changes.filter((e) => e.action === 'update');
  assert.equal(created.length, 1, `one create entry: ${JSON.stringify(changes)}`);
  assert.equal(updated.length, 1, `one update entry: ${JSON.stringify(changes)}`);
  assert.equal(created[0].entity_id, made.id);
  assert.equal(created[0].client_id, client.id);
  assert.equal(created[0].user_email, manager.account.email);
  assert.equal(updated[0].entity_id, made.id);

  // reads are queued and written at least once a second
  let got = [];
  for (let waited = 0; waited <= 5000; waited += 200) {
    got = await entries();
    const reads = got.filter((e) => e.action === 'read');
    if (reads.length >= 2 && got.some((e) => e.action === 'list')) break;
    await sleep(200);
  }
  const reads = got.filter((e) => e.action === 'read');
  assert.ok(reads.length >= 2, `a read for GET and one for the eligibility: ${JSON.stringify(got)}`);
  assert.ok(reads.every((e) => e.entity_id === made.id && e.client_id === client.id));
  assert.deepEqual(new Set(reads.map((e) => e.user_email)), new Set([practitioner.account.email, owner.account.email]));
  const listed = got.filter((e) => e.action === 'list');
  assert.equal(listed.length, 1, `one list entry for the one consultation listed: ${JSON.stringify(got)}`);
  assert.equal(listed[0].entity_id, made.id);
  assert.equal(listed[0].user_email, practitioner.account.email);
});

/* ---------------------------------------------------------------- eligibility */

test('eligibility of the example: deferred for the transplant until 2027-03-01, caution for aspirin', async () => {
  const client = await newClient();
  const made = await consult(client.id);
  const el = await eligibility(made.id, '2026-11-21');
  assert.equal(el.status, 'defer');
  assert.equal(el.as_of, '2026-11-21');
  assert.equal(el.client_id, client.id);
  assert.deepEqual(findings(el), {
    transplant_recent: { severity: 'defer', until: '2027-03-01' },
    blood_thinners: { severity: 'caution', until: null },
  });

  const eve = await eligibility(made.id, '2027-02-28');
  assert.equal(eve.status, 'defer', 'the day before the wait ends');
  assert.equal(eve.as_of, '2027-02-28');
  assert.deepEqual(findings(eve).transplant_recent, { severity: 'defer', until: '2027-03-01' });

  const day = await eligibility(made.id, '2027-03-01');
  assert.equal(day.status, 'caution', 'the wait is over on 2027-03-01');
  assert.deepEqual(findings(day), { blood_thinners: { severity: 'caution', until: null } });

  const plain = await consult(client.id, { date: '2026-11-21', mode: 'in_person', goal: 'density' });
  const ok = await eligibility(plain.id, '2026-11-21');
  assert.equal(ok.status, 'eligible');
  assert.deepEqual(ok.findings, []);
});

test('a 17-year-old is referred (minor) until their 18th birthday', async () => {
  const client = await newClient({ date_of_birth: '2009-06-01' });
  const made = await consult(client.id, { date: '2026-11-21', mode: 'in_person', goal: 'shaved_look' });
  const el = await eligibility(made.id, '2026-11-21');
  assert.equal(el.status, 'refer');
  assert.deepEqual(findings(el), { minor: { severity: 'refer', until: '2027-06-01' } });
  const eve = await eligibility(made.id, '2027-05-31');
  assert.equal(eve.status, 'refer', 'still 17 the day before the birthday');
  const adult = await eligibility(made.id, '2027-06-01');
  assert.equal(adult.status, 'eligible', '18 on the birthday');
  assert.deepEqual(adult.findings, []);
});

test('the clinic\'s transplant_wait_months moves the end of the wait', async () => {
  const strict = (await manager.post('/api/v1/clinics', clinicBody({ name: 'Patient Waiters', timezone: 'Europe/London' }))).body;
  const client = await newClient({ clinic_id: strict.id });
  const made = await consult(client.id);
  assert.equal(made.clinic_id, strict.id);
  assert.equal(findings(await eligibility(made.id, '2026-11-21')).transplant_recent.until, '2027-03-01', 'the default of 9 months');
  const p = await manager.patch(`/api/v1/clinics/${strict.id}`, { eligibility: { transplant_wait_months: 12 } });
  expectStatus(p, 200, 'PATCH the clinic\'s eligibility.transplant_wait_months');
  const el = await eligibility(made.id, '2026-11-21');
  assert.equal(el.status, 'defer');
  assert.deepEqual(findings(el).transplant_recent, { severity: 'defer', until: '2027-06-01' });
  assert.equal((await eligibility(made.id, '2027-03-01')).status, 'defer', 'still waiting after 9 months');
  assert.equal((await eligibility(made.id, '2027-06-01')).status, 'caution', 'after 12 months only the aspirin remains');
});

test('pigment allergy: deferred without a patch test, cleared by a negative one, referred on a positive one', async () => {
  const client = await newClient();
  const made = await consult(client.id, { date: '2026-11-21', mode: 'in_person', goal: 'density', medical: { pigment_allergy: true } });
  const el = await eligibility(made.id, '2026-11-21');
  assert.equal(el.status, 'defer');
  assert.deepEqual(findings(el), { pigment_allergy: { severity: 'defer', until: null } });

  expectStatus(await manager.patch(`/api/v1/consultations/${made.id}`, { medical: { patch_test: 'negative', patch_test_on: '2026-11-19' } }), 200);
  const cleared = await eligibility(made.id, '2026-11-21');
  assert.ok(!cleared.findings.some((f) => f.rule === 'pigment_allergy'), `no pigment finding: ${JSON.stringify(cleared.findings)}`);
  assert.equal(cleared.status, 'eligible');

  expectStatus(await manager.patch(`/api/v1/consultations/${made.id}`, { medical: { patch_test: 'positive' } }), 200);
  const positive = await eligibility(made.id, '2026-11-21');
  assert.equal(positive.status, 'refer');
  assert.deepEqual(findings(positive), { pigment_allergy: { severity: 'refer', until: null } });
});

test('pregnancy, ongoing or recent chemotherapy and an active scalp defer treatment; keloid is a caution', async () => {
  const client = await newClient();
  const base = { date: '2026-11-21', mode: 'in_person', goal: 'density' };
  const pregnant = await consult(client.id, { ...base, medical: { pregnant: true } });
  const p = await eligibility(pregnant.id, '2026-11-21');
  assert.equal(p.status, 'defer');
  assert.deepEqual(findings(p), { pregnancy: { severity: 'defer', until: null } });

  const chemo = await consult(client.id, { ...base, medical: { chemotherapy: 'ongoing' } });
  const c = await eligibility(chemo.id, '2026-11-21');
  assert.equal(c.status, 'defer');
  assert.deepEqual(findings(c), { chemotherapy_ongoing: { severity: 'defer', until: null } });

  const ended = await consult(client.id, { ...base, medical: { chemotherapy: 'ended', chemotherapy_ended_on: '2026-10-15' } });
  const e = await eligibility(ended.id, '2026-11-21');
  assert.equal(e.status, 'defer');
  assert.deepEqual(findings(e), { chemotherapy_recent: { severity: 'defer', until: '2027-04-15' } });
  assert.equal((await eligibility(ended.id, '2027-04-15')).status, 'eligible');

  const flare = await consult(client.id, { ...base, medical: { scalp_conditions: ['active_infection'], keloid: true } });
  const f = await eligibility(flare.id, '2026-11-21');
  assert.equal(f.status, 'defer');
  assert.deepEqual(findings(f), { scalp_active: { severity: 'defer', until: null }, keloid: { severity: 'caution', until: null } });
});

test('?on= must be a real date (422 naming on)', async () => {
  const client = await newClient();
  const made = await consult(client.id);
  for (const on of ['2026-02-30', '2026-13-01', '21-11-2026', 'today', '2026-1-5']) {
    const r = await manager.get(`/api/v1/consultations/${made.id}/eligibility?on=${on}`);
    expectError(r, 422, 'invalid', 'on', `?on=${on}`);
  }
});

test('without ?on= the eligibility is assessed as of today in the clinic\'s time zone', async () => {
  const client = await newClient();
  const made = await consult(client.id);
  const el = await eligibility(made.id);
  const london = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date());
  const days = Math.abs(Date.parse(`${el.as_of}T00:00:00Z`) - Date.parse(`${london}T00:00:00Z`)) / 86400000;
  assert.match(el.as_of, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(days <= 1, `as_of ${el.as_of} should be today in Europe/London (${london})`);
  const explicit = await eligibility(made.id, el.as_of);
  assert.equal(explicit.status, el.status);
  assert.deepEqual(explicit.findings, el.findings);
});

/* ---------------------------------------------------------------- classification scales */

test('the classification scales: the five scales with exactly their stages, each described', async () => {
  const want = {
    norwood: ['I', 'II', 'IIa', 'III', 'IIIa', 'III-vertex', 'IV', 'IVa', 'V', 'Va', 'VI', 'VII'],
    ludwig: ['I', 'II', 'III'],
    savin: ['I-1', 'I-2', 'I-3', 'I-4', 'II-1', 'II-2', 'III', 'advanced', 'frontal'],
    alopecia_areata: ['patchy', 'totalis', 'universalis'],
    scar: ['fut', 'fue', 'injury', 'burn', 'surgery'],
  };
  for (const c of [reception, practitioner, manager, owner]) {
    const r = await c.get('/api/v1/classification-scales');
    expectStatus(r, 200, `${c.account.role} reads the scales`);
    assert.ok(Array.isArray(r.body.items), `items: ${r.text.slice(0, 200)}`);
    const got = {};
    for (const s of r.body.items) {
      assert.deepEqual(Object.keys(s).sort(), ['scale', 'stages']);
      got[s.scale] = s.stages.map((x) => x.stage);
      for (const st of s.stages) {
        assert.deepEqual(Object.keys(st).sort(), ['description', 'stage']);
        assert.ok(typeof st.description === 'string' && st.description.trim().length > 0, `${s.scale} ${st.stage} is described`);
      }
    }
    assert.deepEqual(got, want);
    assert.equal(r.body.items.length, 5);
    // a list, like every list of the API (docs/API.md): items and next_cursor
    assert.deepEqual(Object.keys(r.body).sort(), ['items', 'next_cursor'], 'the answer of a list has next_cursor');
    assert.equal(r.body.next_cursor, null);
  }
});
