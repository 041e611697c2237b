// roles.test.mjs — what each role may and may not do; a refused request changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile, expectError, expectStatus, clinicBody, ids } from './lib.mjs';

const srv = await serverForFile();
const owner = await srv.userClient('owner');
const manager = await srv.userClient('manager');
const practitioner = await srv.userClient('practitioner');
const reception = await srv.userClient('reception');

const clinic = (await owner.post('/api/v1/clinics', clinicBody({ name: 'Roles Clinic' }))).body;

async function newClient(by = reception) {
  const r = await by.post('/api/v1/clients', { first_name: 'Role', last_name: 'Play', clinic_id: clinic.id });
  expectStatus(r, 201);
  return r.body;
}

test('every role can read clinics, practitioners, clients and /me', async () => {
  for (const c of [owner, manager, practitioner, reception]) {
    const who = c.account.role;
    expectStatus(await c.get('/api/v1/clinics'), 200, `${who} lists clinics`);
    const one = await c.get(`/api/v1/clinics/${clinic.id}`);
    expectStatus(one, 200, `${who} reads a clinic`);
    assert.equal(one.body.name, 'Roles Clinic');
    expectStatus(await c.get('/api/v1/practitioners'), 200, `${who} lists practitioners`);
    expectStatus(await c.get('/api/v1/clients'), 200, `${who} lists clients`);
    const me = await c.get('/api/v1/me');
    expectStatus(me, 200);
    assert.equal(me.body.user.role, who);
    assert.equal(me.body.user.email, c.account.email);
  }
});

test('reception and practitioner cannot create or change clinics (403 forbidden, nothing written)', async () => {
  const before = ids(await owner.all('/api/v1/clinics'));
  for (const c of [reception, practitioner]) {
    const who = c.account.role;
    expectError(await c.post('/api/v1/clinics', clinicBody({ name: `By ${who}` })), 403, 'forbidden', null);
    expectError(await c.patch(`/api/v1/clinics/${clinic.id}`, { name: `Renamed by ${who}` }), 403, 'forbidden', null);
  }
  assert.deepEqual(ids(await owner.all('/api/v1/clinics')), before);
  assert.equal((await owner.get(`/api/v1/clinics/${clinic.id}`)).body.name, 'Roles Clinic');
});

test('manager and owner can create and change clinics', async () => {
  for (const c of [manager, owner]) {
    const who = c.account.role;
    const r = await c.post('/api/v1/clinics', clinicBody({ name: `By ${who}` }));
    expectStatus(r, 201, `${who} creates a clinic`);
    const p = await c.patch(`/api/v1/clinics/${r.body.id}`, { city: 'York' });
    expectStatus(p, 200, `${who} changes a clinic`);
    assert.equal(p.body.city, 'York');
  }
});

test('only the owner can DELETE a clinic', async () => {
  const doomed = (await manager.post('/api/v1/clinics', clinicBody({ name: 'Doomed' }))).body;
  for (const c of [manager, practitioner, reception]) {
    expectError(await c.del(`/api/v1/clinics/${doomed.id}`), 403, 'forbidden', null);
  }
  expectStatus(await owner.get(`/api/v1/clinics/${doomed.id}`), 200, 'still there after the refusals');
  expectStatus(await owner.del(`/api/v1/clinics/${doomed.id}`), 204);
  expectError(await owner.get(`/api/v1/clinics/${doomed.id}`), 404, 'not_found', null);
});

test('any staff can create, read and change clients', async () => {
  for (const c of [owner, manager, practitioner, reception]) {
    const who = c.account.role;
    const made = await newClient(c);
    const got = await c.get(`/api/v1/clients/${made.id}`);
    expectStatus(got, 200, `${who} reads a client`);
    const p = await c.patch(`/api/v1/clients/${made.id}`, { notes: `seen by ${who}` });
    expectStatus(p, 200, `${who} changes a client`);
    assert.equal(p.body.notes, `seen by ${who}`);
  }
});

test('reception and practitioner cannot DELETE clients; manager and owner can', async () => {
  const a = await newClient();
  for (const c of [reception, practitioner]) {
    expectError(await c.del(`/api/v1/clients/${a.id}`), 403, 'forbidden', null);
  }
  expectStatus(await reception.get(`/api/v1/clients/${a.id}`), 200, 'still there after the refusals');
  expectStatus(await manager.del(`/api/v1/clients/${a.id}`), 204);
  expectError(await reception.get(`/api/v1/clients/${a.id}`), 404, 'not_found', null);
  const b = await newClient();
  expectStatus(await owner.del(`/api/v1/clients/${b.id}`), 204);
  expectError(await owner.get(`/api/v1/clients/${b.id}`), 404, 'not_found', null);
});

test('only owner and manager manage practitioners', async () => {
  const before = ids(await owner.all('/api/v1/practitioners'));
  for (const c of [reception, practitioner]) {
    const who = c.account.role;
    expectError(await c.post('/api/v1/practitioners', { name: 'Nope', email: `nope-${who}@example.com` }), 403, 'forbidden', null);
  }
  assert.deepEqual(ids(await owner.all('/api/v1/practitioners')), before);
  const p = await manager.post('/api/v1/practitioners', { name: 'Pat Artist', email: 'pat.artist@example.com', clinic_ids: [clinic.id] });
  expectStatus(p, 201);
  for (const c of [reception, practitioner]) {
    expectError(await c.patch(`/api/v1/practitioners/${p.body.id}`, { name: 'Changed' }), 403, 'forbidden', null);
    expectError(await c.del(`/api/v1/practitioners/${p.body.id}`), 403, 'forbidden', null);
    const got = await c.get(`/api/v1/practitioners/${p.body.id}`);
    expectStatus(got, 200);
    assert.equal(got.body.name, 'Pat Artist');
  }
  expectStatus(await owner.patch(`/api/v1/practitioners/${p.body.id}`, { name: 'Pat Renamed' }), 200);
  expectStatus(await manager.del(`/api/v1/practitioners/${p.body.id}`), 204);
});

test('reception and practitioner cannot read the audit log or metrics; manager and owner can', async () => {
  for (const c of [reception, practitioner]) {
    expectError(await c.get('/api/v1/audit'), 403, 'forbidden', null);
    expectError(await c.get('/metrics'), 403, 'forbidden', null);
  }
  for (const c of [manager, owner]) {
    const a = await c.get('/api/v1/audit');
    expectStatus(a, 200);
    assert.ok(Array.isArray(a.body.items));
    const m = await c.get('/metrics');
    expectStatus(m, 200);
    assert.match(m.headers.get('content-type'), /^text\/plain/);
  }
});

test('a role is enforced for Bearer tokens too', async () => {
  const token = await srv.bearer(reception.account.email);
  const before = ids(await owner.all('/api/v1/clinics'));
  expectError(await token.post('/api/v1/clinics', clinicBody({ name: 'Token clinic' })), 403, 'forbidden', null);
  expectError(await token.get('/api/v1/audit'), 403, 'forbidden', null);
  assert.deepEqual(ids(await owner.all('/api/v1/clinics')), before);
  expectStatus(await token.get('/api/v1/clinics'), 200);
});
