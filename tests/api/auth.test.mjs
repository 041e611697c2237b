// auth.test.mjs — signing in and out, sessions, throttling, CSRF, Bearer tokens, password policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  serverForFile, startServer, expectError, expectStatus, sessionCookie, Client, clinicBody, ids,
  goodPassword,
} from './lib.mjs';

const srv = await serverForFile();
const anon = srv.anon();
const alice = await srv.addUser({ role: 'manager', name: 'Alice Manager' });
const first = await srv.login(alice.email, alice.password);
const session = first.client; // reused by most tests below

test('login with the right password answers the user, a CSRF token and a session cookie', async () => {
  const r = first.res;
  expectStatus(r, 200);
  assert.equal(typeof r.body.user.id, 'number');
  assert.deepEqual(r.body.user, { id: r.body.user.id, email: alice.email, name: 'Alice Manager', role: 'manager' });
  assert.equal(typeof r.body.csrf_token, 'string');
  assert.ok(r.body.csrf_token.length >= 16, 'csrf_token looks too short to be random');
  const c = sessionCookie(r);
  assert.ok(c, 'no stipple_session cookie');
  assert.ok(c.value.length >= 16, 'session token looks too short to be random');
  assert.equal(c.attrs.httponly, true, `HttpOnly missing: ${c.raw}`);
  assert.equal(String(c.attrs.samesite).toLowerCase(), 'lax', `SameSite=Lax missing: ${c.raw}`);
  assert.equal(c.attrs.path, '/', `Path=/ missing: ${c.raw}`);
  assert.equal(c.attrs.secure, undefined, `Secure set although tls is off: ${c.raw}`);
  assert.ok(!r.text.includes(c.value), 'the session token must not be in the body');
});

test('GET /api/v1/me answers the signed-in user and the same CSRF token', async () => {
  const r = await session.get('/api/v1/me');
  expectStatus(r, 200);
  assert.deepEqual(r.body, { user: first.res.body.user, csrf_token: session.csrf });
});

test('GET /api/v1/me without a session is 401 unauthorized', async () => {
  expectError(await anon.get('/api/v1/me'), 401, 'unauthorized', null);
  const forged = new Client(srv.url, { cookie: 'not-a-real-session-token', csrf: 'x' });
  expectError(await forged.get('/api/v1/me'), 401, 'unauthorized', null);
});

test('a wrong password and an unknown email get the same 401 invalid_credentials', async () => {
  const wrong = await anon.post('/api/v1/login', { email: alice.email, password: 'not-her-password' });
  const unknown = await anon.post('/api/v1/login', { email: 'nobody-here@example.com', password: 'not-her-password' });
  expectError(wrong, 401, 'invalid_credentials', null);
  expectError(unknown, 401, 'invalid_credentials', null);
  assert.deepEqual(wrong.body, unknown.body, 'the two failures must be indistinguishable');
  assert.equal(sessionCookie(wrong), null, 'no session cookie after a failed login');
  assert.equal(sessionCookie(unknown), null, 'no session cookie after a failed login');
});

test('login with a missing password or an unknown field is refused with 422', async () => {
  expectError(await anon.post('/api/v1/login', { email: alice.email }), 422, 'invalid', 'password');
  expectError(
    await anon.post('/api/v1/login', { email: alice.email, password: alice.password, remember: true }),
    422, 'invalid', 'remember',
  );
  expectError(await anon.post('/api/v1/login', undefined, { raw: '{"email":' }), 400, 'malformed', null);
});

test('each login starts a new session with a new token; both sessions work', async () => {
  const a = await srv.login(alice.email, alice.password);
  const b = await srv.login(alice.email, alice.password);
  expectStatus(a.res, 200);
  expectStatus(b.res, 200);
  assert.notEqual(a.client.cookie, b.client.cookie);
  assert.notEqual(a.client.cookie, session.cookie);
  assert.notEqual(a.client.csrf, b.client.csrf);
  expectStatus(await a.client.get('/api/v1/me'), 200);
  expectStatus(await b.client.get('/api/v1/me'), 200);
});

test('logout deletes the session on the server: the old cookie then gets 401', async () => {
  const { client } = await srv.login(alice.email, alice.password);
  expectStatus(await client.get('/api/v1/me'), 200);
  const out = await client.post('/api/v1/logout');
  expectStatus(out, 204);
  assert.equal(out.text, '');
  // the browser may drop the cookie, but a copy of the old one must be useless too
  expectError(await client.get('/api/v1/me'), 401, 'unauthorized', null);
  expectError(await client.post('/api/v1/clinics', clinicBody()), 401, 'unauthorized', null);
  // other sessions of the same user are not affected
  expectStatus(await session.get('/api/v1/me'), 200);
});

test('logout without the CSRF header is refused and the session survives', async () => {
  const { client } = await srv.login(alice.email, alice.password);
  expectError(await client.post('/api/v1/logout', undefined, { csrf: false }), 403, 'csrf', null);
  expectStatus(await client.get('/api/v1/me'), 200);
});

test('a cookie POST, PATCH or DELETE without or with a wrong X-CSRF-Token is 403 csrf and writes nothing', async () => {
  const before = await session.all('/api/v1/clinics');
  expectError(await session.post('/api/v1/clinics', clinicBody({ name: 'No CSRF' }), { csrf: false }), 403, 'csrf', null);
  expectError(await session.post('/api/v1/clinics', clinicBody({ name: 'Bad CSRF' }), { csrf: 'x' + session.csrf }), 403, 'csrf', null);
  expectError(await session.post('/api/v1/clinics', clinicBody({ name: 'Empty CSRF' }), { csrf: '' }), 403, 'csrf', null);
  const other = await srv.login(alice.email, alice.password); // another session's token is wrong too
  expectError(await session.post('/api/v1/clinics', clinicBody({ name: 'Other CSRF' }), { csrf: other.client.csrf }), 403, 'csrf', null);
  const afterList = await session.all('/api/v1/clinics');
  assert.deepEqual(ids(afterList), ids(before), 'a refused POST created a clinic');

  const made = await session.post('/api/v1/clinics', clinicBody({ name: 'With CSRF' }));
  expectStatus(made, 201);
  const id = made.body.id;
  expectError(await session.patch(`/api/v1/clinics/${id}`, { name: 'Changed' }, { csrf: false }), 403, 'csrf', null);
  expectError(await session.patch(`/api/v1/clinics/${id}`, { name: 'Changed' }, { csrf: 'wrong' }), 403, 'csrf', null);
  const client = await session.post('/api/v1/clients', { first_name: 'Cee', last_name: 'Serf', clinic_id: id });
  expectStatus(client, 201);
  expectError(await session.del(`/api/v1/clients/${client.body.id}`, { csrf: false }), 403, 'csrf', null);
  const still = await session.get(`/api/v1/clinics/${id}`);
  expectStatus(still, 200);
  assert.equal(still.body.name, 'With CSRF');
  expectStatus(await session.get(`/api/v1/clients/${client.body.id}`), 200);
});

test('Bearer tokens work without a CSRF header; a bad token is 401', async () => {
  const bearer = await srv.bearer(alice.email);
  const me = await bearer.get('/api/v1/me');
  expectStatus(me, 200);
  assert.equal(me.body.user.email, alice.email);
  assert.equal(me.body.csrf_token, null);
  const made = await bearer.post('/api/v1/clinics', clinicBody({ name: 'By Bearer' }));
  expectStatus(made, 201);
  const back = await bearer.get(`/api/v1/clinics/${made.body.id}`);
  expectStatus(back, 200);
  assert.equal(back.body.name, 'By Bearer');
  expectStatus(await bearer.patch(`/api/v1/clinics/${made.body.id}`, { city: 'Leeds' }), 200);

  const before = await session.all('/api/v1/clinics');
  const bad = new Client(srv.url, { bearer: bearer.token + 'x' });
  expectError(await bad.get('/api/v1/me'), 401, 'unauthorized', null);
  expectError(await bad.post('/api/v1/clinics', clinicBody({ name: 'Bad Bearer' })), 401, 'unauthorized', null);
  const junk = new Client(srv.url, { bearer: 'junk' });
  expectError(await junk.get('/api/v1/clinics'), 401, 'unauthorized', null);
  const basic = await anon.get('/api/v1/me', { headers: { authorization: 'Basic YWxpY2U6cGFzcw==' } });
  expectError(basic, 401, 'unauthorized', null);
  assert.deepEqual(ids(await session.all('/api/v1/clinics')), ids(before));
});

test('after 10 failures on one account it is throttled with 429 and Retry-After, even with the right password', async () => {
  const bob = await srv.addUser({ role: 'reception' });
  for (let i = 0; i < 10; i++) {
    const r = await anon.post('/api/v1/login', { email: bob.email, password: `wrong-guess-${i}` });
    expectError(r, 401, 'invalid_credentials', null);
  }
  const r = await anon.post('/api/v1/login', { email: bob.email, password: bob.password });
  expectError(r, 429, 'throttled', null);
  const retry = Number(r.headers.get('retry-after'));
  assert.ok(Number.isInteger(retry) && retry > 0 && retry <= 15 * 60, `Retry-After "${r.headers.get('retry-after')}"`);
  assert.equal(sessionCookie(r), null, 'no session while throttled');
  // throttling is per account: another account still signs in
  const other = await srv.login(alice.email, alice.password);
  expectStatus(other.res, 200);
});

test('stipple user add refuses short and very common passwords', async () => {
  const cases = [
    ['short', 'Ab3$xyz'],
    ['common', 'password123'],
    ['common', 'qwertyuiop'],
  ];
  for (const [why, pw] of cases) {
    const email = `weak-${Math.random().toString(36).slice(2)}@example.com`;
    const r = await srv.cli(['user', 'add', '--email', email, '--name', 'Weak', '--role', 'reception', '--password-stdin'], {
      input: pw + '\n',
    });
    assert.notEqual(r.code, 0, `user add accepted a ${why} password "${pw}"`);
    assert.ok(r.stderr.trim().length > 0, 'the refusal should say why on stderr');
    // nothing was written: the account cannot sign in, and the email is still free
    const login = await anon.post('/api/v1/login', { email, password: pw });
    expectError(login, 401, 'invalid_credentials', null);
    const ok = await srv.cli(['user', 'add', '--email', email, '--name', 'Strong', '--role', 'reception', '--password-stdin'], {
      input: goodPassword() + '\n',
    });
    assert.equal(ok.code, 0, `the email should still be free after the refusal: ${ok.stderr}`);
  }
});

test('with tls set, the session cookie is Secure and answers carry HSTS', async () => {
  const tls = await startServer({ env: { STIPPLE_TLS: 'true' } });
  try {
    const u = await tls.addUser({ role: 'reception' });
    const { res } = await tls.login(u.email, u.password);
    expectStatus(res, 200);
    const c = sessionCookie(res);
    assert.equal(c.attrs.secure, true, `Secure missing: ${c.raw}`);
    assert.equal(c.attrs.httponly, true);
    const h = await tls.anon().get('/healthz');
    assert.match(h.headers.get('strict-transport-security') || '', /max-age=\d+/);
  } catch (err) {
    tls.dumpLog('tls test failed');
    throw err;
  } finally {
    await tls.stop();
  }
});
