// audit.test.mjs — every access to a client record leaves an audit entry naming who and which
// request; refused requests leave none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile, expectError, expectStatus, clinicBody, RFC3339_UTC, sleep } from './lib.mjs';

const srv = await serverForFile();
const manager = await srv.userClient('manager');
const managerUser = (await manager.get('/api/v1/me')).body.user;
const reception = await srv.userClient('reception');
const receptionUser = (await reception.get('/api/v1/me')).body.user;
const clinic = (await manager.post('/api/v1/clinics', clinicBody({ name: 'Audited' }))).body;

const ENTRY_FIELDS = ['action', 'at', 'client_id', 'entity', 'entity_id', 'id', 'request_id', 'user_email', 'user_id'];

function rid(res) {
  const id = res.headers.get('x-request-id');
  assert.ok(id, 'X-Request-Id missing');
  return id;
}

async function auditFor(clientId) {
  return manager.all(`/api/v1/audit?client_id=${clientId}&limit=200`);
}

/** Polls the audit log of clientId until every request id in want is there (reads are batched). */
async function waitForEntries(clientId, want) {
  const deadline = Date.now() + 5000;
  let entries = [];
  for (;;) {
    entries = await auditFor(clientId);
    const have = new Set(entries.map((e) => e.request_id));
    const missing = want.filter((w) => !have.has(w));
    if (missing.length === 0) return entries;
    if (Date.now() > deadline) {
      assert.fail(`audit entries for requests ${missing.join(', ')} did not appear within 5 s; ` +
        `entries: ${JSON.stringify(entries, null, 1)}`);
    }
    await sleep(200);
  }
}

test('create, read, list, update and delete of a client each leave an entry with the user and request id', async () => {
  const startedAt = Date.now();
  const created = await manager.post('/api/v1/clients', { first_name: 'Audrey', last_name: 'Trail', clinic_id: clinic.id });
  expectStatus(created, 201);
  const id = created.body.id;
  const read = await manager.get(`/api/v1/clients/${id}`);
  expectStatus(read, 200);
  const listed = await reception.get('/api/v1/clients?q=trail');
  expectStatus(listed, 200);
  assert.deepEqual(listed.body.items.map((c) => c.id), [id]);
  const updated = await manager.patch(`/api/v1/clients/${id}`, { notes: 'Session 1 booked' });
  expectStatus(updated, 200);
  const refused = await manager.patch(`/api/v1/clients/${id}`, { email: 'not-an-email' });
  expectError(refused, 422, 'invalid', 'email');
  const deleted = await manager.del(`/api/v1/clients/${id}`);
  expectStatus(deleted, 204);

  const want = [
    [created, 'create', managerUser],
    [read, 'read', managerUser],
    [listed, 'list', receptionUser],
    [updated, 'update', managerUser],
    [deleted, 'delete', managerUser],
  ];
  const entries = await waitForEntries(id, want.map(([r]) => rid(r)));
  for (const [res, action, user] of want) {
    const e = entries.find((x) => x.request_id === rid(res));
    assert.deepEqual(Object.keys(e).sort(), ENTRY_FIELDS);
    assert.equal(e.action, action, `action of request ${rid(res)}`);
    assert.equal(e.entity, 'client');
    assert.equal(e.entity_id, id);
    assert.equal(e.client_id, id);
    assert.equal(e.user_email, user.email);
    assert.equal(e.user_id, user.id);
    assert.match(e.at, RFC3339_UTC);
    const at = Date.parse(e.at);
    assert.ok(at >= Math.floor(startedAt / 1000) * 1000 - 1000 && at <= Date.now() + 1000, `at ${e.at} is not the time of the request`);
  }
  assert.ok(!entries.some((e) => e.request_id === rid(refused)), 'a refused update must leave no audit entry');
  assert.equal(entries.filter((e) => ['create', 'update', 'delete'].includes(e.action)).length, 3, 'exactly one entry per change');

  // newest first
  const pos = (r) => entries.findIndex((e) => e.request_id === rid(r));
  assert.ok(pos(deleted) < pos(updated) && pos(updated) < pos(created), 'changes are listed newest first');
});

test('?client_id= shows only that client\'s entries, and Bearer reads are audited under the token\'s user', async () => {
  const a = (await manager.post('/api/v1/clients', { first_name: 'Alpha', last_name: 'Filter', clinic_id: clinic.id })).body;
  const b = (await manager.post('/api/v1/clients', { first_name: 'Beta', last_name: 'Filter', clinic_id: clinic.id })).body;
  const token = await srv.bearer(receptionUser.email);
  const readB = await token.get(`/api/v1/clients/${b.id}`);
  expectStatus(readB, 200);
  const entriesB = await waitForEntries(b.id, [rid(readB)]);
  assert.ok(entriesB.every((e) => e.client_id === b.id));
  const e = entriesB.find((x) => x.request_id === rid(readB));
  assert.equal(e.action, 'read');
  assert.equal(e.user_email, receptionUser.email);
  const entriesA = await auditFor(a.id);
  assert.ok(entriesA.length >= 1);
  assert.ok(entriesA.every((x) => x.client_id === a.id));
  assert.ok(!entriesA.some((x) => x.request_id === rid(readB)));
});

test('refused requests leave no entry: a forbidden delete, a bad create', async () => {
  const c = (await manager.post('/api/v1/clients', { first_name: 'Gamma', last_name: 'Guarded', clinic_id: clinic.id })).body;
  const forbidden = await reception.del(`/api/v1/clients/${c.id}`);
  expectError(forbidden, 403, 'forbidden', null);
  const noCsrf = await manager.patch(`/api/v1/clients/${c.id}`, { notes: 'x' }, { csrf: false });
  expectError(noCsrf, 403, 'csrf', null);
  const marker = await manager.get(`/api/v1/clients/${c.id}`); // a read queued after the refusals
  expectStatus(marker, 200);
  const entries = await waitForEntries(c.id, [rid(marker)]);
  for (const r of [forbidden, noCsrf]) {
    assert.ok(!entries.some((e) => e.request_id === rid(r)), `request ${rid(r)} was refused but audited`);
  }
  assert.deepEqual(entries.map((e) => e.action).sort(), ['create', 'read']);
});

test('the audit log pages with limit and cursor', async () => {
  const all = await manager.all('/api/v1/audit?limit=200');
  assert.ok(all.length >= 5);
  const first = await manager.get('/api/v1/audit?limit=2');
  expectStatus(first, 200);
  assert.equal(first.body.items.length, 2);
  assert.equal(typeof first.body.next_cursor, 'string');
  const paged = await manager.all('/api/v1/audit?limit=2');
  // entries may be added while paging (batched reads); every entry seen first must be in the walk
  const pagedIds = new Set(paged.map((e) => e.id));
  for (const e of all) assert.ok(pagedIds.has(e.id), `audit entry ${e.id} missing when paging`);
  assert.equal(pagedIds.size, paged.length, 'an entry appeared twice when paging');
  expectError(await manager.get('/api/v1/audit?limit=0'), 422, 'invalid', 'limit');
});
