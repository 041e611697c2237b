// practitioners.test.mjs — /api/v1/practitioners: create, read, change, soft delete, refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  serverForFile, expectError, expectStatus, expectBodyRefusals, clinicBody, ids, RFC3339_UTC,
} from './lib.mjs';

const srv = await serverForFile();
const owner = await srv.userClient('owner');
const staffUser = (await owner.get('/api/v1/me')).body.user;
const c1 = (await owner.post('/api/v1/clinics', clinicBody({ name: 'One' }))).body;
const c2 = (await owner.post('/api/v1/clinics', clinicBody({ name: 'Two' }))).body;

const FIELDS = ['clinic_ids', 'created_at', 'email', 'id', 'name', 'updated_at', 'user_id'];
let seq = 0;
const email = () => `artist${++seq}.${Date.now()}@example.com`;

test('POST creates a practitioner: 201 with the stored object, and GET answers the same', async () => {
  const body = { name: 'Dot Matrix', email: email(), clinic_ids: [c1.id, c2.id], user_id: staffUser.id };
  const r = await owner.post('/api/v1/practitioners', body);
  expectStatus(r, 201);
  const p = r.body;
  assert.deepEqual(Object.keys(p).sort(), FIELDS);
  assert.ok(Number.isInteger(p.id) && p.id > 0);
  assert.equal(p.name, body.name);
  assert.equal(p.email, body.email);
  assert.deepEqual([...p.clinic_ids].sort((a, b) => a - b), [c1.id, c2.id].sort((a, b) => a - b));
  assert.equal(p.user_id, staffUser.id);
  assert.match(p.created_at, RFC3339_UTC);
  assert.match(p.updated_at, RFC3339_UTC);
  const g = await owner.get(`/api/v1/practitioners/${p.id}`);
  expectStatus(g, 200);
  assert.deepEqual(g.body, p);
  const list = await owner.all('/api/v1/practitioners');
  assert.deepEqual(list.find((x) => x.id === p.id), p);
});

test('optional fields default: clinic_ids [] and user_id null', async () => {
  const r = await owner.post('/api/v1/practitioners', { name: 'Solo', email: email() });
  expectStatus(r, 201);
  assert.deepEqual(r.body.clinic_ids, []);
  assert.equal(r.body.user_id, null);
});

test('PATCH changes only the given fields; null clears user_id and clinic_ids', async () => {
  const made = (await owner.post('/api/v1/practitioners', { name: 'Patch Me', email: email(), clinic_ids: [c1.id], user_id: staffUser.id })).body;
  const p = await owner.patch(`/api/v1/practitioners/${made.id}`, { name: 'Patched' });
  expectStatus(p, 200);
  assert.deepEqual({ ...p.body, updated_at: null }, { ...made, name: 'Patched', updated_at: null });

  const q = await owner.patch(`/api/v1/practitioners/${made.id}`, { clinic_ids: [c2.id] });
  expectStatus(q, 200);
  assert.deepEqual(q.body.clinic_ids, [c2.id]);
  assert.equal(q.body.user_id, staffUser.id);
  assert.equal(q.body.name, 'Patched');

  const r = await owner.patch(`/api/v1/practitioners/${made.id}`, { user_id: null, clinic_ids: null });
  expectStatus(r, 200);
  assert.equal(r.body.user_id, null);
  assert.deepEqual(r.body.clinic_ids, []);
  assert.deepEqual((await owner.get(`/api/v1/practitioners/${made.id}`)).body, r.body);
});

test('POST with a bad value is 422 naming the field, and writes nothing', async () => {
  const before = ids(await owner.all('/api/v1/practitioners'));
  const ok = () => ({ name: 'Valid Name', email: email(), clinic_ids: [c1.id] });
  const without = (k) => {
    const b = ok();
    delete b[k];
    return b;
  };
  const cases = [
    [{ ...ok(), email: 'not-an-email' }, 'email'],
    [{ ...ok(), email: 'two@@example.com' }, 'email'],
    [{ ...ok(), email: '' }, 'email'],
    [without('email'), 'email'],
    [{ ...ok(), name: '' }, 'name'],
    [{ ...ok(), name: 'n'.repeat(201) }, 'name'],
    [without('name'), 'name'],
    [{ ...ok(), clinic_ids: [999999] }, 'clinic_ids'],
    [{ ...ok(), clinic_ids: [c1.id, 999999] }, 'clinic_ids'],
    [{ ...ok(), clinic_ids: 'x' }, 'clinic_ids'],
    [{ ...ok(), clinic_ids: ['1'] }, 'clinic_ids'],
    [{ ...ok(), user_id: 999999 }, 'user_id'],
    [{ ...ok(), user_id: 'me' }, 'user_id'],
    [{ ...ok(), foo: 1 }, 'foo'],
  ];
  for (const [body, field] of cases) {
    const r = await owner.post('/api/v1/practitioners', body);
    expectError(r, 422, 'invalid', field, `POST ${JSON.stringify(body)}`);
  }
  assert.deepEqual(ids(await owner.all('/api/v1/practitioners')), before, 'a refused POST wrote a practitioner');
});

test('PATCH with a bad value is 422 and leaves the practitioner unchanged', async () => {
  const made = (await owner.post('/api/v1/practitioners', { name: 'Stable', email: email(), clinic_ids: [c1.id] })).body;
  const cases = [
    [{ email: 'not-an-email' }, 'email'],
    [{ email: null }, 'email'],
    [{ name: null }, 'name'],
    [{ clinic_ids: [999999] }, 'clinic_ids'],
    [{ name: 'Changed', clinic_ids: [c2.id, 999999] }, 'clinic_ids'],
    [{ user_id: 999999 }, 'user_id'],
    [{ bar: true }, 'bar'],
  ];
  for (const [body, field] of cases) {
    const r = await owner.patch(`/api/v1/practitioners/${made.id}`, body);
    expectError(r, 422, 'invalid', field, `PATCH ${JSON.stringify(body)}`);
  }
  assert.deepEqual((await owner.get(`/api/v1/practitioners/${made.id}`)).body, made);
});

test('a duplicate email among live practitioners is 409 and writes nothing', async () => {
  const e = email();
  const a = await owner.post('/api/v1/practitioners', { name: 'First', email: e });
  expectStatus(a, 201);
  const before = ids(await owner.all('/api/v1/practitioners'));
  expectError(await owner.post('/api/v1/practitioners', { name: 'Second', email: e }), 409, 'conflict');
  assert.deepEqual(ids(await owner.all('/api/v1/practitioners')), before);

  const b = (await owner.post('/api/v1/practitioners', { name: 'Other', email: email() })).body;
  expectError(await owner.patch(`/api/v1/practitioners/${b.id}`, { email: e, name: 'Other Renamed' }), 409, 'conflict');
  assert.deepEqual((await owner.get(`/api/v1/practitioners/${b.id}`)).body, b);
});

test('DELETE is soft: then 404, absent from the list, and the email is free again', async () => {
  const e = email();
  const made = (await owner.post('/api/v1/practitioners', { name: 'Leaving', email: e, clinic_ids: [c1.id] })).body;
  const d = await owner.del(`/api/v1/practitioners/${made.id}`);
  expectStatus(d, 204);
  expectError(await owner.get(`/api/v1/practitioners/${made.id}`), 404, 'not_found', null);
  expectError(await owner.patch(`/api/v1/practitioners/${made.id}`, { name: 'Ghost' }), 404, 'not_found', null);
  expectError(await owner.del(`/api/v1/practitioners/${made.id}`), 404, 'not_found', null);
  assert.ok(!(await owner.all('/api/v1/practitioners')).some((p) => p.id === made.id));
  const again = await owner.post('/api/v1/practitioners', { name: 'Returning', email: e });
  expectStatus(again, 201);
  assert.notEqual(again.body.id, made.id);
});

test('missing and non-numeric ids are 404', async () => {
  for (const id of ['999999', 'abc']) {
    expectError(await owner.get(`/api/v1/practitioners/${id}`), 404, 'not_found', null);
  }
  expectError(await owner.patch('/api/v1/practitioners/999999', { name: 'X' }), 404, 'not_found', null);
  expectError(await owner.del('/api/v1/practitioners/999999'), 404, 'not_found', null);
});

test('bodies that are not a JSON object, the wrong Content-Type and oversized bodies are refused', async () => {
  await expectBodyRefusals(owner, 'POST', '/api/v1/practitioners', '/api/v1/practitioners', { name: 'Body', email: email() });
  const made = (await owner.post('/api/v1/practitioners', { name: 'Body Patch', email: email() })).body;
  await expectBodyRefusals(owner, 'PATCH', `/api/v1/practitioners/${made.id}`, '/api/v1/practitioners', { name: 'Changed' });
  assert.deepEqual((await owner.get(`/api/v1/practitioners/${made.id}`)).body, made);
});

test('two practitioners created at once with the same email: one 201, one 409', async () => {
  const e = email();
  const answers = await Promise.all([
    owner.post('/api/v1/practitioners', { name: 'Racer A', email: e }),
    owner.post('/api/v1/practitioners', { name: 'Racer B', email: e }),
  ]);
  const statuses = answers.map((r) => r.status).sort();
  assert.deepEqual(statuses, [201, 409], `answers: ${answers.map((r) => r.text).join(' | ')}`);
  expectError(answers.find((r) => r.status === 409), 409, 'conflict');
  const withEmail = (await owner.all('/api/v1/practitioners')).filter((p) => p.email === e);
  assert.equal(withEmail.length, 1);
});
