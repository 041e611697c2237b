// users.test.mjs — owners manage staff accounts: create, list, change role, disable, reset a
// password; nobody else may; there is always at least one enabled owner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile, expectError, expectStatus, login, goodPassword, bearerClient } from './lib.mjs';

const srv = await serverForFile();
const owner = await srv.userClient('owner');
const manager = await srv.userClient('manager');

test('an owner creates a user who can then sign in; the password is never returned', async () => {
  const password = goodPassword();
  const r = await owner.post('/api/v1/users', { email: 'New.Tech@Example.com', name: 'New Tech', role: 'practitioner', password });
  expectStatus(r, 201);
  assert.equal(r.body.email, 'new.tech@example.com');
  assert.equal(r.body.role, 'practitioner');
  assert.equal(r.body.disabled, false);
  assert.equal(r.body.password, undefined);
  assert.equal(r.body.password_hash, undefined);
  const { res } = await login(srv, 'new.tech@example.com', password);
  expectStatus(res, 200, 'the new user signs in');
  const one = await owner.get(`/api/v1/users/${r.body.id}`);
  expectStatus(one, 200);
  assert.equal(one.body.name, 'New Tech');
  const list = await owner.all('/api/v1/users');
  assert.ok(list.some((u) => u.id === r.body.id), 'the new user is listed');
  const emails = list.map((u) => u.email);
  assert.deepEqual(emails, [...emails].sort(), 'users are listed by email');
});

test('bad user input is refused naming the field, and nothing is written', async () => {
  const before = (await owner.all('/api/v1/users')).length;
  const good = { email: 'x1@example.com', name: 'X', role: 'reception', password: goodPassword() };
  expectError(await owner.post('/api/v1/users', { ...good, role: 'admin' }), 422, 'invalid', 'role');
  expectError(await owner.post('/api/v1/users', { ...good, email: 'nope' }), 422, 'invalid', 'email');
  expectError(await owner.post('/api/v1/users', { ...good, password: 'short' }), 422, 'invalid', 'password');
  expectError(await owner.post('/api/v1/users', { ...good, password: 'Password123' }), 422, 'invalid', 'password');
  const { password, ...noPassword } = good;
  expectError(await owner.post('/api/v1/users', noPassword), 422, 'invalid', 'password');
  expectError(await owner.post('/api/v1/users', { ...good, admin: true }), 422, 'invalid', 'admin');
  expectError(await owner.post('/api/v1/users', { ...good, email: owner.account.email }), 409, 'conflict', 'email');
  assert.equal((await owner.all('/api/v1/users')).length, before);
});

test('only owners manage users', async () => {
  expectError(await manager.get('/api/v1/users'), 403, 'forbidden', null);
  expectError(await manager.post('/api/v1/users', { email: 'm@example.com', name: 'M', role: 'owner', password: goodPassword() }), 403, 'forbidden', null);
  expectError(await manager.patch(`/api/v1/users/${manager.account.id ?? manager.user.id}`, { role: 'owner' }), 403, 'forbidden', null);
  const me = await manager.get('/api/v1/me');
  assert.equal(me.body.user.role, 'manager', 'the manager did not promote themselves');
});

test('changing a role takes effect; disabling ends sessions and tokens; enabling restores sign-in', async () => {
  const password = goodPassword();
  const u = (await owner.post('/api/v1/users', { email: 'flip@example.com', name: 'Flip', role: 'reception', password })).body;
  const { client } = await login(srv, 'flip@example.com', password);
  const bearer = await bearerClient(srv, 'flip@example.com');
  expectError(await client.get('/api/v1/audit'), 403, 'forbidden', null);
  const promoted = await owner.patch(`/api/v1/users/${u.id}`, { role: 'manager', name: 'Flip Manager' });
  expectStatus(promoted, 200);
  assert.equal(promoted.body.role, 'manager');
  expectStatus(await client.get('/api/v1/audit'), 200, 'the promoted user reads the audit log');
  expectStatus(await owner.patch(`/api/v1/users/${u.id}`, { disabled: true }), 200);
  expectError(await client.get('/api/v1/me'), 401, 'unauthorized', null);
  expectError(await bearer.get('/api/v1/me'), 401, 'unauthorized', null);
  expectError((await login(srv, 'flip@example.com', password)).res, 401, 'invalid_credentials', null);
  expectStatus(await owner.patch(`/api/v1/users/${u.id}`, { disabled: false }), 200);
  expectStatus((await login(srv, 'flip@example.com', password)).res, 200, 'enabled again, the user signs in');
  expectStatus(await bearer.get('/api/v1/me'), 200, 'the token works again');
  expectError(await owner.patch(`/api/v1/users/${u.id}`, { disabled: 'yes' }), 422, 'invalid', 'disabled');
});

test('a new password replaces the old one and ends the user\'s sessions', async () => {
  const old = goodPassword();
  const u = (await owner.post('/api/v1/users', { email: 'reset@example.com', name: 'Reset', role: 'practitioner', password: old })).body;
  const { client } = await login(srv, 'reset@example.com', old);
  const fresh = goodPassword();
  expectStatus(await owner.patch(`/api/v1/users/${u.id}`, { password: fresh }), 200);
  expectError(await client.get('/api/v1/me'), 401, 'unauthorized', null);
  expectError((await login(srv, 'reset@example.com', old)).res, 401, 'invalid_credentials', null);
  expectStatus((await login(srv, 'reset@example.com', fresh)).res, 200);
});

test('the last enabled owner cannot be demoted or disabled (409), and nothing changes', async () => {
  const owners = (await owner.all('/api/v1/users')).filter((u) => u.role === 'owner' && !u.disabled);
  // leave exactly one enabled owner: the signed-in one
  const me = (await owner.get('/api/v1/me')).body.user;
  for (const o of owners) if (o.id !== me.id) expectStatus(await owner.patch(`/api/v1/users/${o.id}`, { disabled: true }), 200);
  expectError(await owner.patch(`/api/v1/users/${me.id}`, { role: 'manager' }), 409, 'conflict', 'role');
  expectError(await owner.patch(`/api/v1/users/${me.id}`, { disabled: true }), 409, 'conflict', 'role');
  const after = await owner.get(`/api/v1/users/${me.id}`);
  expectStatus(after, 200);
  assert.equal(after.body.role, 'owner');
  assert.equal(after.body.disabled, false);
  expectError(await owner.get('/api/v1/users/999999'), 404, 'not_found', null);
});
