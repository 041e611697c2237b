// clients.test.mjs — /api/v1/clients: create, read, change, soft delete, filters, refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  serverForFile, expectError, expectStatus, expectBodyRefusals, clinicBody, ids, RFC3339_UTC,
} from './lib.mjs';

const srv = await serverForFile();
const manager = await srv.userClient('manager');
const reception = await srv.userClient('reception');
const c1 = (await manager.post('/api/v1/clinics', clinicBody({ name: 'North' }))).body;
const c2 = (await manager.post('/api/v1/clinics', clinicBody({ name: 'South' }))).body;

const FIELDS = ['clinic_id', 'created_at', 'date_of_birth', 'email', 'first_name', 'id', 'last_name', 'notes', 'phone', 'updated_at'];
const nextYear = new Date().getUTCFullYear() + 1;

function full(extra = {}) {
  return {
    first_name: 'Marcus',
    last_name: 'Hale',
    email: 'marcus.hale@example.com',
    phone: '+44 7700 900123',
    date_of_birth: '1984-06-30',
    clinic_id: c1.id,
    notes: 'Norwood 5. Prefers a soft hairline.\nAllergic to nothing known.',
    ...extra,
  };
}

test('POST creates a client: 201 with the stored object, and GET answers the same', async () => {
  const body = full();
  const r = await reception.post('/api/v1/clients', body);
  expectStatus(r, 201);
  const c = r.body;
  assert.deepEqual(Object.keys(c).sort(), FIELDS);
  assert.ok(Number.isInteger(c.id) && c.id > 0);
  for (const k of Object.keys(body)) assert.deepEqual(c[k], body[k], k);
  assert.match(c.created_at, RFC3339_UTC);
  assert.match(c.updated_at, RFC3339_UTC);
  const g = await reception.get(`/api/v1/clients/${c.id}`);
  expectStatus(g, 200);
  assert.deepEqual(g.body, c);
  assert.deepEqual((await reception.all('/api/v1/clients')).find((x) => x.id === c.id), c);
});

test('only names and clinic are required; the rest default to null', async () => {
  const r = await reception.post('/api/v1/clients', { first_name: 'Ola', last_name: 'Nordmann', clinic_id: c2.id });
  expectStatus(r, 201);
  for (const k of ['email', 'phone', 'date_of_birth', 'notes']) assert.equal(r.body[k], null, k);
  assert.equal(r.body.clinic_id, c2.id);
});

test('valid edge values are accepted', async () => {
  const cases = [
    { phone: '020 7946 0958' },
    { phone: '(020) 7946-0958' },
    { phone: '123456' },
    { phone: '+' + '1'.repeat(20) },
    { date_of_birth: '2000-02-29' },
    { date_of_birth: '1900-01-01' },
    { date_of_birth: new Date().toISOString().slice(0, 10) },
    { first_name: 'José', last_name: 'Ñúñez-O\'Brien' },
    { first_name: 'f'.repeat(100), last_name: 'l'.repeat(100) },
    { notes: 'n'.repeat(10000) },
  ];
  for (const extra of cases) {
    const r = await reception.post('/api/v1/clients', full(extra));
    expectStatus(r, 201, JSON.stringify(extra).slice(0, 100));
    for (const [k, v] of Object.entries(extra)) assert.equal(r.body[k], v, k);
  }
});

test('POST with a bad value is 422 naming the field, and writes nothing', async () => {
  const before = ids(await manager.all('/api/v1/clients'));
  const without = (k) => {
    const b = full();
    delete b[k];
    return b;
  };
  const cases = [
    [full({ email: 'not-an-email' }), 'email'],
    [full({ phone: 'call me' }), 'phone'],
    [full({ phone: '12345' }), 'phone'],
    [full({ phone: '1'.repeat(21) }), 'phone'],
    [full({ phone: '07700+900123' }), 'phone'],
    [full({ date_of_birth: '2026-02-30' }), 'date_of_birth'],
    [full({ date_of_birth: '1990-13-01' }), 'date_of_birth'],
    [full({ date_of_birth: '1899-12-31' }), 'date_of_birth'],
    [full({ date_of_birth: `${nextYear}-01-01` }), 'date_of_birth'],
    [full({ date_of_birth: '30/06/1984' }), 'date_of_birth'],
    [full({ date_of_birth: '1984-6-30' }), 'date_of_birth'],
    [without('first_name'), 'first_name'],
    [full({ first_name: '' }), 'first_name'],
    [full({ first_name: 'x'.repeat(101) }), 'first_name'],
    [full({ first_name: null }), 'first_name'],
    [without('last_name'), 'last_name'],
    [full({ last_name: 'y'.repeat(101) }), 'last_name'],
    [without('clinic_id'), 'clinic_id'],
    [full({ clinic_id: 999999 }), 'clinic_id'],
    [full({ clinic_id: 'North' }), 'clinic_id'],
    [full({ notes: 'n'.repeat(10001) }), 'notes'],
    [full({ foo: 'bar' }), 'foo'],
  ];
  for (const [body, field] of cases) {
    const r = await reception.post('/api/v1/clients', body);
    expectError(r, 422, 'invalid', field, `POST ${JSON.stringify(body).slice(0, 200)}`);
  }
  assert.deepEqual(ids(await manager.all('/api/v1/clients')), before, 'a refused POST wrote a client');
});

test('PATCH changes only the given fields; null clears optional ones', async () => {
  const made = (await reception.post('/api/v1/clients', full({ first_name: 'Patch', last_name: 'Target' }))).body;
  const p = await reception.patch(`/api/v1/clients/${made.id}`, { phone: '07700 900999' });
  expectStatus(p, 200);
  assert.deepEqual({ ...p.body, updated_at: null }, { ...made, phone: '07700 900999', updated_at: null });
  assert.ok(Date.parse(p.body.updated_at) >= Date.parse(made.updated_at));

  const q = await reception.patch(`/api/v1/clients/${made.id}`, { email: null, phone: null, date_of_birth: null, notes: null });
  expectStatus(q, 200);
  for (const k of ['email', 'phone', 'date_of_birth', 'notes']) assert.equal(q.body[k], null, k);
  assert.equal(q.body.first_name, 'Patch');
  assert.equal(q.body.last_name, 'Target');
  assert.equal(q.body.clinic_id, c1.id);

  const r = await reception.patch(`/api/v1/clients/${made.id}`, { clinic_id: c2.id, last_name: 'Moved' });
  expectStatus(r, 200);
  assert.equal(r.body.clinic_id, c2.id);
  assert.equal(r.body.last_name, 'Moved');
  assert.deepEqual((await reception.get(`/api/v1/clients/${made.id}`)).body, r.body);
});

test('PATCH with a bad value is 422 naming the field and changes nothing', async () => {
  const made = (await reception.post('/api/v1/clients', full({ first_name: 'Steady', last_name: 'Eddie' }))).body;
  const cases = [
    [{ email: 'not-an-email' }, 'email'],
    [{ date_of_birth: '2026-02-30' }, 'date_of_birth'],
    [{ first_name: null }, 'first_name'],
    [{ last_name: '' }, 'last_name'],
    [{ clinic_id: null }, 'clinic_id'],
    [{ clinic_id: 999999 }, 'clinic_id'],
    [{ notes: 'ok', phone: 'nope' }, 'phone'],
    [{ notes: 'ok', foo: 1 }, 'foo'],
  ];
  for (const [body, field] of cases) {
    const r = await reception.patch(`/api/v1/clients/${made.id}`, body);
    expectError(r, 422, 'invalid', field, `PATCH ${JSON.stringify(body)}`);
  }
  assert.deepEqual((await reception.get(`/api/v1/clients/${made.id}`)).body, made);
});

test('bodies that are not a JSON object, the wrong Content-Type and oversized bodies are refused', async () => {
  await expectBodyRefusals(reception, 'POST', '/api/v1/clients', '/api/v1/clients', full());
  const made = (await reception.post('/api/v1/clients', full({ first_name: 'Body' }))).body;
  await expectBodyRefusals(reception, 'PATCH', `/api/v1/clients/${made.id}`, '/api/v1/clients', { notes: 'changed' });
  assert.deepEqual((await reception.get(`/api/v1/clients/${made.id}`)).body, made);
});

test('missing and non-numeric ids are 404', async () => {
  for (const id of ['999999', 'abc', '12abc']) {
    expectError(await reception.get(`/api/v1/clients/${id}`), 404, 'not_found', null);
  }
  expectError(await reception.patch('/api/v1/clients/999999', { notes: 'x' }), 404, 'not_found', null);
  expectError(await manager.del('/api/v1/clients/999999'), 404, 'not_found', null);
});

test('a deleted client is 404 afterwards and absent from lists and searches', async () => {
  const made = (await reception.post('/api/v1/clients', full({ first_name: 'Vanishing', last_name: 'Quixotic' }))).body;
  const found = await manager.get('/api/v1/clients?q=quixotic');
  assert.deepEqual(ids(found.body.items), [made.id]);
  expectStatus(await manager.del(`/api/v1/clients/${made.id}`), 204);
  expectError(await reception.get(`/api/v1/clients/${made.id}`), 404, 'not_found', null);
  expectError(await reception.patch(`/api/v1/clients/${made.id}`, { notes: 'back?' }), 404, 'not_found', null);
  expectError(await manager.del(`/api/v1/clients/${made.id}`), 404, 'not_found', null);
  assert.ok(!(await manager.all('/api/v1/clients')).some((c) => c.id === made.id));
  assert.ok(!(await manager.all(`/api/v1/clients?clinic_id=${c1.id}`)).some((c) => c.id === made.id));
  const after = await manager.get('/api/v1/clients?q=quixotic');
  expectStatus(after, 200);
  assert.deepEqual(after.body.items, []);
});

test('?clinic_id= lists only that clinic\'s clients', async () => {
  const c3 = (await manager.post('/api/v1/clinics', clinicBody({ name: 'East' }))).body;
  const c4 = (await manager.post('/api/v1/clinics', clinicBody({ name: 'West' }))).body;
  const inC3 = [];
  for (let i = 0; i < 3; i++) {
    inC3.push((await reception.post('/api/v1/clients', { first_name: `East${i}`, last_name: 'Sider', clinic_id: c3.id })).body.id);
  }
  const inC4 = (await reception.post('/api/v1/clients', { first_name: 'West', last_name: 'Sider', clinic_id: c4.id })).body.id;
  const east = await manager.all(`/api/v1/clients?clinic_id=${c3.id}`);
  assert.deepEqual(ids(east), inC3.sort((a, b) => a - b));
  assert.ok(east.every((c) => c.clinic_id === c3.id));
  const west = await manager.all(`/api/v1/clients?clinic_id=${c4.id}`);
  assert.deepEqual(ids(west), [inC4]);
  const both = await manager.all(`/api/v1/clients?clinic_id=${c3.id}&q=sider`);
  assert.deepEqual(ids(both), inC3.sort((a, b) => a - b));
  expectError(await manager.get('/api/v1/clients?clinic_id=abc'), 422, 'invalid', 'clinic_id');
});

test('clients created at the same moment are all stored', async () => {
  const c5 = (await manager.post('/api/v1/clinics', clinicBody({ name: 'Busy Day' }))).body;
  const answers = await Promise.all(Array.from({ length: 24 }, (_, i) =>
    (i % 2 ? reception : manager).post('/api/v1/clients', { first_name: `Rush${i}`, last_name: 'Hour', clinic_id: c5.id })));
  answers.forEach((r, i) => expectStatus(r, 201, `concurrent create ${i}`));
  const listed = await manager.all(`/api/v1/clients?clinic_id=${c5.id}`);
  assert.deepEqual(ids(listed), ids(answers.map((r) => r.body)));
  assert.equal(new Set(listed.map((c) => c.id)).size, 24);
});
