// clinics.test.mjs — /api/v1/clinics: create, read, change, delete, and every refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  serverForFile, expectError, expectStatus, expectBodyRefusals, clinicBody, ids, RFC3339_UTC,
} from './lib.mjs';

const srv = await serverForFile();
const owner = await srv.userClient('owner');

const FIELDS = [
  'address', 'buffer_min', 'city', 'created_at', 'currency', 'eligibility', 'grid_min', 'id', 'impressions_per_hour', 'name', 'price_uplift_pct', 'timezone', 'updated_at',
];
const DEFAULT_RULES = { transplant_wait_months: 9, chemo_wait_months: 6, scar_wait_months: 6, min_age: 18 };

test('POST creates a clinic: 201 with the stored object, and GET answers the same', async () => {
  const body = clinicBody({ name: 'Stipple North', city: 'Leeds', timezone: 'Europe/London', currency: 'GBP', price_uplift_pct: 15 });
  const r = await owner.post('/api/v1/clinics', body);
  expectStatus(r, 201);
  const c = r.body;
  assert.deepEqual(Object.keys(c).sort(), FIELDS);
  assert.ok(Number.isInteger(c.id) && c.id > 0);
  for (const k of Object.keys(body)) assert.deepEqual(c[k], body[k], k);
  assert.match(c.created_at, RFC3339_UTC);
  assert.match(c.updated_at, RFC3339_UTC);
  const now = Date.now();
  assert.ok(Math.abs(Date.parse(c.created_at) - now) < 120000, `created_at ${c.created_at} is not now`);
  const g = await owner.get(`/api/v1/clinics/${c.id}`);
  expectStatus(g, 200);
  assert.deepEqual(g.body, c);
  const list = await owner.all('/api/v1/clinics');
  assert.deepEqual(list.find((x) => x.id === c.id), c);
});

test('optional fields default: city and address null, price_uplift_pct 0, the default eligibility rules', async () => {
  const r = await owner.post('/api/v1/clinics', { name: 'Bare', timezone: 'America/New_York', currency: 'USD' });
  expectStatus(r, 201);
  assert.equal(r.body.city, null);
  assert.equal(r.body.address, null);
  assert.equal(r.body.price_uplift_pct, 0);
  assert.deepEqual(r.body.eligibility, DEFAULT_RULES);
  assert.equal(r.body.timezone, 'America/New_York');
  assert.equal(r.body.currency, 'USD');
});

test('the list answer has items and next_cursor', async () => {
  const r = await owner.get('/api/v1/clinics');
  expectStatus(r, 200);
  assert.deepEqual(Object.keys(r.body).sort(), ['items', 'next_cursor']);
  assert.ok(Array.isArray(r.body.items));
  assert.ok(r.body.items.length >= 1);
  for (const c of r.body.items) assert.deepEqual(Object.keys(c).sort(), FIELDS);
});

test('PATCH changes only the given fields; null clears an optional field', async () => {
  const made = (await owner.post('/api/v1/clinics', clinicBody({ name: 'Patchy', city: 'Bath', price_uplift_pct: 20 }))).body;
  const p = await owner.patch(`/api/v1/clinics/${made.id}`, { city: 'Bristol' });
  expectStatus(p, 200);
  assert.deepEqual({ ...p.body, updated_at: made.updated_at }, { ...made, city: 'Bristol' });
  assert.match(p.body.updated_at, RFC3339_UTC);
  assert.ok(Date.parse(p.body.updated_at) >= Date.parse(made.updated_at));
  assert.equal(p.body.created_at, made.created_at);

  const q = await owner.patch(`/api/v1/clinics/${made.id}`, { address: null, price_uplift_pct: 0 });
  expectStatus(q, 200);
  assert.equal(q.body.address, null);
  assert.equal(q.body.price_uplift_pct, 0);
  assert.equal(q.body.city, 'Bristol');
  assert.equal(q.body.name, 'Patchy');
  const g = await owner.get(`/api/v1/clinics/${made.id}`);
  assert.deepEqual(g.body, q.body);

  const e = await owner.patch(`/api/v1/clinics/${made.id}`, {});
  expectStatus(e, 200, 'an empty PATCH changes nothing');
  assert.deepEqual({ ...e.body, updated_at: null }, { ...q.body, updated_at: null });
});

test('POST with a bad value is 422 naming the field, and writes nothing', async () => {
  const before = ids(await owner.all('/api/v1/clinics'));
  const drop = (k) => {
    const b = clinicBody();
    delete b[k];
    return b;
  };
  const cases = [
    [clinicBody({ timezone: 'Mars/Base' }), 'timezone'],
    [clinicBody({ timezone: '' }), 'timezone'],
    [clinicBody({ timezone: 42 }), 'timezone'],
    [drop('timezone'), 'timezone'],
    [clinicBody({ currency: 'XYZ' }), 'currency'],
    [clinicBody({ currency: 'POUNDS' }), 'currency'],
    [drop('currency'), 'currency'],
    [clinicBody({ price_uplift_pct: -1 }), 'price_uplift_pct'],
    [clinicBody({ price_uplift_pct: 201 }), 'price_uplift_pct'],
    [clinicBody({ price_uplift_pct: 'x' }), 'price_uplift_pct'],
    [clinicBody({ price_uplift_pct: 12.5 }), 'price_uplift_pct'],
    [clinicBody({ name: '' }), 'name'],
    [clinicBody({ name: 'x'.repeat(201) }), 'name'],
    [clinicBody({ name: 7 }), 'name'],
    [drop('name'), 'name'],
    [clinicBody({ city: 'c'.repeat(101) }), 'city'],
    [clinicBody({ address: 'a'.repeat(501) }), 'address'],
    [clinicBody({ foo: 'bar' }), 'foo'],
  ];
  for (const [body, field] of cases) {
    const r = await owner.post('/api/v1/clinics', body);
    expectError(r, 422, 'invalid', field, `POST ${JSON.stringify(body).slice(0, 200)}`);
  }
  assert.deepEqual(ids(await owner.all('/api/v1/clinics')), before, 'a refused POST wrote a clinic');
});

test('eligibility thresholds are set with POST and changed member by member with PATCH', async () => {
  const set = { transplant_wait_months: 12, chemo_wait_months: 0, scar_wait_months: 36, min_age: 21 };
  const a = await owner.post('/api/v1/clinics', clinicBody({ name: 'Strict Rules', eligibility: set }));
  expectStatus(a, 201);
  assert.deepEqual(a.body.eligibility, set);
  assert.deepEqual((await owner.get(`/api/v1/clinics/${a.body.id}`)).body, a.body);

  const partial = await owner.post('/api/v1/clinics', clinicBody({ eligibility: { min_age: 16 } }));
  expectStatus(partial, 201, 'one member given; the others keep their defaults');
  assert.deepEqual(partial.body.eligibility, { ...DEFAULT_RULES, min_age: 16 });

  const p = await owner.patch(`/api/v1/clinics/${a.body.id}`, { eligibility: { min_age: 25, transplant_wait_months: 0 } });
  expectStatus(p, 200);
  assert.deepEqual(p.body.eligibility, { ...set, min_age: 25, transplant_wait_months: 0 });
  assert.deepEqual({ ...p.body, eligibility: null, updated_at: null }, { ...a.body, eligibility: null, updated_at: null },
    'only eligibility changed');
  const q = await owner.patch(`/api/v1/clinics/${a.body.id}`, { city: 'Hull' });
  expectStatus(q, 200);
  assert.deepEqual(q.body.eligibility, p.body.eligibility, 'a PATCH without eligibility keeps it');
  assert.deepEqual((await owner.get(`/api/v1/clinics/${a.body.id}`)).body, q.body);
});

test('eligibility values out of range or not whole numbers are 422 naming the member, and write nothing', async () => {
  const made = (await owner.post('/api/v1/clinics', clinicBody({ name: 'Rule Keeper' }))).body;
  const before = ids(await owner.all('/api/v1/clinics'));
  const cases = [
    [{ transplant_wait_months: -1 }, 'eligibility.transplant_wait_months'],
    [{ transplant_wait_months: 37 }, 'eligibility.transplant_wait_months'],
    [{ transplant_wait_months: 9.5 }, 'eligibility.transplant_wait_months'],
    [{ chemo_wait_months: -1 }, 'eligibility.chemo_wait_months'],
    [{ chemo_wait_months: 37 }, 'eligibility.chemo_wait_months'],
    [{ scar_wait_months: 37 }, 'eligibility.scar_wait_months'],
    [{ scar_wait_months: '6' }, 'eligibility.scar_wait_months'],
    [{ min_age: 15 }, 'eligibility.min_age'],
    [{ min_age: 26 }, 'eligibility.min_age'],
    [{ min_age: 0 }, 'eligibility.min_age'],
    [{ min_age: 18.5 }, 'eligibility.min_age'],
    [{ min_age: '18' }, 'eligibility.min_age'],
    [{ min_age: 18, chemo_wait_months: 100 }, 'eligibility.chemo_wait_months'],
  ];
  for (const [rules, field] of cases) {
    const r = await owner.post('/api/v1/clinics', clinicBody({ eligibility: rules }));
    expectError(r, 422, 'invalid', field, `POST eligibility ${JSON.stringify(rules)}`);
    const q = await owner.patch(`/api/v1/clinics/${made.id}`, { city: 'Changed', eligibility: rules });
    expectError(q, 422, 'invalid', field, `PATCH eligibility ${JSON.stringify(rules)}`);
  }
  for (const bad of [9, 'strict', [9, 6, 6, 18]]) {
    const r = await owner.post('/api/v1/clinics', clinicBody({ eligibility: bad }));
    expectError(r, 422, 'invalid', 'eligibility', `POST eligibility ${JSON.stringify(bad)}`);
  }
  const unknown = await owner.patch(`/api/v1/clinics/${made.id}`, { eligibility: { min_age: 20, max_age: 70 } });
  expectError(unknown, 422, 'invalid', undefined, 'PATCH eligibility with an unknown member');
  assert.match(unknown.body.error.field, /^eligibility/, `the unknown member is named under eligibility: ${unknown.text}`);
  assert.deepEqual(ids(await owner.all('/api/v1/clinics')), before, 'a refused POST wrote a clinic');
  assert.deepEqual((await owner.get(`/api/v1/clinics/${made.id}`)).body, made, 'a refused PATCH changed the clinic');
});

test('buffer_min (default 15, 0-120) and grid_min (default 15; 5, 10, 15, 20, 30 or 60) are set with POST and PATCH', async () => {
  const d = await owner.post('/api/v1/clinics', clinicBody({ name: 'Default Timing' }));
  expectStatus(d, 201);
  assert.equal(d.body.buffer_min, 15);
  assert.equal(d.body.grid_min, 15);
  const a = await owner.post('/api/v1/clinics', clinicBody({ name: 'Own Timing', buffer_min: 0, grid_min: 5 }));
  expectStatus(a, 201);
  assert.equal(a.body.buffer_min, 0);
  assert.equal(a.body.grid_min, 5);
  for (const grid_min of [10, 15, 20, 30, 60]) {
    const p = await owner.patch(`/api/v1/clinics/${a.body.id}`, { grid_min });
    expectStatus(p, 200, `grid_min ${grid_min}`);
    assert.equal(p.body.grid_min, grid_min);
    assert.equal(p.body.buffer_min, 0, 'buffer_min kept');
  }
  const b = await owner.patch(`/api/v1/clinics/${a.body.id}`, { buffer_min: 120 });
  expectStatus(b, 200);
  assert.equal(b.body.buffer_min, 120);
  assert.equal(b.body.grid_min, 60, 'grid_min kept');
  assert.deepEqual((await owner.get(`/api/v1/clinics/${a.body.id}`)).body, b.body);
  const cases = [
    [{ buffer_min: -1 }, 'buffer_min'], [{ buffer_min: 121 }, 'buffer_min'], [{ buffer_min: 7.5 }, 'buffer_min'], [{ buffer_min: '15' }, 'buffer_min'],
    [{ grid_min: 0 }, 'grid_min'], [{ grid_min: 7 }, 'grid_min'], [{ grid_min: 25 }, 'grid_min'], [{ grid_min: 45 }, 'grid_min'],
    [{ grid_min: 90 }, 'grid_min'], [{ grid_min: null }, 'grid_min'],
  ];
  const before = ids(await owner.all('/api/v1/clinics'));
  for (const [body, field] of cases) {
    expectError(await owner.post('/api/v1/clinics', clinicBody(body)), 422, 'invalid', field, `POST ${JSON.stringify(body)}`);
    expectError(await owner.patch(`/api/v1/clinics/${a.body.id}`, body), 422, 'invalid', field, `PATCH ${JSON.stringify(body)}`);
  }
  assert.deepEqual(ids(await owner.all('/api/v1/clinics')), before, 'a refused POST wrote a clinic');
  assert.deepEqual((await owner.get(`/api/v1/clinics/${a.body.id}`)).body, b.body, 'a refused PATCH changed the clinic');
});

test('boundary values are accepted: 200 characters, uplift 0 and 200', async () => {
  const a = await owner.post('/api/v1/clinics', clinicBody({ name: 'n'.repeat(200), price_uplift_pct: 200, city: 'c'.repeat(100) }));
  expectStatus(a, 201);
  assert.equal(a.body.name.length, 200);
  assert.equal(a.body.price_uplift_pct, 200);
  const b = await owner.post('/api/v1/clinics', clinicBody({ price_uplift_pct: 0, timezone: 'Australia/Sydney', currency: 'AUD' }));
  expectStatus(b, 201);
  assert.equal(b.body.timezone, 'Australia/Sydney');
});

test('PATCH with a bad value is 422 naming the field and leaves the clinic unchanged', async () => {
  const made = (await owner.post('/api/v1/clinics', clinicBody({ name: 'Steady' }))).body;
  const cases = [
    [{ currency: 'XYZ' }, 'currency'],
    [{ timezone: 'Mars/Base' }, 'timezone'],
    [{ timezone: null }, 'timezone'],
    [{ name: null }, 'name'],
    [{ currency: null }, 'currency'],
    [{ price_uplift_pct: -1 }, 'price_uplift_pct'],
    [{ city: 'Leeds', foo: 1 }, 'foo'],
    [{ city: 'Leeds', currency: 'XYZ' }, 'currency'],
  ];
  for (const [body, field] of cases) {
    const r = await owner.patch(`/api/v1/clinics/${made.id}`, body);
    expectError(r, 422, 'invalid', field, `PATCH ${JSON.stringify(body)}`);
  }
  const g = await owner.get(`/api/v1/clinics/${made.id}`);
  assert.deepEqual(g.body, made);
});

test('bodies that are not a JSON object, the wrong Content-Type and oversized bodies are refused', async () => {
  await expectBodyRefusals(owner, 'POST', '/api/v1/clinics', '/api/v1/clinics', clinicBody());
  const made = (await owner.post('/api/v1/clinics', clinicBody({ name: 'Body Check' }))).body;
  await expectBodyRefusals(owner, 'PATCH', `/api/v1/clinics/${made.id}`, '/api/v1/clinics', { name: 'Changed' });
  assert.deepEqual((await owner.get(`/api/v1/clinics/${made.id}`)).body, made);
});

test('missing and non-numeric ids are 404', async () => {
  for (const id of ['999999', 'abc', '0', '-1', '1.5']) {
    expectError(await owner.get(`/api/v1/clinics/${id}`), 404, 'not_found', null);
  }
  expectError(await owner.patch('/api/v1/clinics/999999', { city: 'Nowhere' }), 404, 'not_found', null);
  expectError(await owner.del('/api/v1/clinics/999999'), 404, 'not_found', null);
});

test('DELETE removes a clinic: then 404 and absent from the list', async () => {
  const made = (await owner.post('/api/v1/clinics', clinicBody({ name: 'Short Lived' }))).body;
  const d = await owner.del(`/api/v1/clinics/${made.id}`);
  expectStatus(d, 204);
  assert.equal(d.text, '');
  expectError(await owner.get(`/api/v1/clinics/${made.id}`), 404, 'not_found', null);
  expectError(await owner.patch(`/api/v1/clinics/${made.id}`, { city: 'X' }), 404, 'not_found', null);
  expectError(await owner.del(`/api/v1/clinics/${made.id}`), 404, 'not_found', null);
  assert.ok(!(await owner.all('/api/v1/clinics')).some((c) => c.id === made.id));
});

test('DELETE of a clinic that has clients or practitioners is 409 and keeps it', async () => {
  const withClient = (await owner.post('/api/v1/clinics', clinicBody({ name: 'Has Clients' }))).body;
  const cl = await owner.post('/api/v1/clients', { first_name: 'Kept', last_name: 'Safe', clinic_id: withClient.id });
  expectStatus(cl, 201);
  expectError(await owner.del(`/api/v1/clinics/${withClient.id}`), 409, 'conflict');
  assert.deepEqual((await owner.get(`/api/v1/clinics/${withClient.id}`)).body, withClient);
  expectStatus(await owner.get(`/api/v1/clients/${cl.body.id}`), 200);

  const withPractitioner = (await owner.post('/api/v1/clinics', clinicBody({ name: 'Has Practitioners' }))).body;
  const pr = await owner.post('/api/v1/practitioners', { name: 'Ink Person', email: 'ink.person@example.com', clinic_ids: [withPractitioner.id] });
  expectStatus(pr, 201);
  expectError(await owner.del(`/api/v1/clinics/${withPractitioner.id}`), 409, 'conflict');
  assert.deepEqual((await owner.get(`/api/v1/clinics/${withPractitioner.id}`)).body, withPractitioner);
});
