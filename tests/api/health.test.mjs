// health.test.mjs — /healthz, and the headers every kind of answer carries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile, expectError, expectStatus, rawRequest } from './lib.mjs';

const srv = await serverForFile();
const anon = srv.anon();
const owner = await srv.userClient('owner');

test('GET /healthz answers ok and names the database kind', async () => {
  const r = await anon.get('/healthz');
  expectStatus(r, 200);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  assert.deepEqual(r.body, { status: 'ok', db: srv.kind });
});

function checkSecurityHeaders(r, label, { api }) {
  const h = r.headers;
  assert.equal(h.get('x-content-type-options'), 'nosniff', `${label}: X-Content-Type-Options`);
  assert.equal(h.get('referrer-policy'), 'no-referrer', `${label}: Referrer-Policy`);
  const csp = h.get('content-security-policy');
  assert.ok(csp, `${label}: Content-Security-Policy missing`);
  const directives = csp.split(';').map((d) => d.trim().replace(/\s+/g, ' '));
  for (const d of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
    assert.ok(directives.includes(d), `${label}: CSP "${csp}" lacks ${d}`);
  }
  const rid = h.get('x-request-id');
  assert.ok(rid && rid.trim().length > 0, `${label}: X-Request-Id missing`);
  if (api) {
    const cc = h.get('cache-control') || '';
    assert.ok(/(^|,)\s*no-store\s*(,|$)/.test(cc), `${label}: Cache-Control "${cc}" lacks no-store`);
  }
}

test('every kind of answer carries the security headers and a request id', async () => {
  const check = async (label, status, api, call) => {
    const r = await call();
    expectStatus(r, status, label);
    checkSecurityHeaders(r, label, { api });
    return r;
  };
  await check('healthz 200', 200, false, () => anon.get('/healthz'));
  await check('web app 200', 200, false, () => anon.get('/'));
  await check('missing asset 404', 404, false, () => anon.get('/assets/no-such-file.js'));
  await check('unknown page 404', 404, false, () => anon.get('/no/such/page'));
  await check('wrong method 405', 405, false, () => anon.del('/healthz'));
  await check('metrics 200', 200, false, () => owner.get('/metrics'));
  await check('api 200', 200, true, () => owner.get('/api/v1/clinics'));
  const made = await check('api 201', 201, true, () =>
    owner.post('/api/v1/clinics', { name: 'Headers', timezone: 'Europe/London', currency: 'GBP' }));
  await check('api 204', 204, true, () => owner.del(`/api/v1/clinics/${made.body.id}`));
  await check('api 400', 400, true, () => owner.post('/api/v1/clinics', undefined, { raw: '{nope' }));
  await check('api 401', 401, true, () => anon.get('/api/v1/me'));
  await check('login 401', 401, true, () =>
    anon.post('/api/v1/login', { email: 'nobody@example.com', password: 'wrong-password' }));
  await check('api 403', 403, true, () => owner.post('/api/v1/clinics', {}, { csrf: false }));
  await check('api 404', 404, true, () => owner.get('/api/v1/clinics/999999'));
  await check('api 405', 405, true, () => owner.put('/api/v1/clinics', {}));
  await check('api 415', 415, true, () =>
    owner.post('/api/v1/clinics', undefined, { raw: 'x', contentType: 'text/plain' }));
  await check('api 422', 422, true, () => owner.post('/api/v1/clinics', { name: '' }));
  await check('api 413', 413, true, () => rawRequest(`${srv.url}/api/v1/clinics`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `stipple_session=${owner.cookie}`, 'x-csrf-token': owner.csrf },
    body: `{"name":"${'x'.repeat(2 * 1024 * 1024)}"}`,
  }));
});

test('the web app is served at / as HTML', async () => {
  const r = await anon.get('/');
  expectStatus(r, 200);
  assert.match(r.headers.get('content-type'), /^text\/html/);
  assert.match(r.text, /<html/i);
});

test('request ids differ from request to request', async () => {
  const seen = new Set();
  for (let i = 0; i < 5; i++) seen.add((await anon.get('/healthz')).headers.get('x-request-id'));
  assert.equal(seen.size, 5);
});

test('errors have the documented shape: unknown path 404, wrong method 405 with Allow', async () => {
  expectError(await anon.get('/api/v1/nothing-here'), 404, 'not_found', null);
  const r = await anon.del('/healthz');
  expectError(r, 405, 'method_not_allowed', null);
  assert.match(r.headers.get('allow') || '', /\bGET\b/);
});

test('a query string of 2000 parameters gets an answer (no silence, no 5xx) and the server keeps working', async () => {
  const r = await rawRequest(`${srv.url}/api/v1/clinics?${'a=b&'.repeat(2000)}`, {
    headers: { cookie: `stipple_session=${owner.cookie}` },
    timeoutMs: 5000,
  });
  assert.ok(r.status < 500, `expected no 5xx, got ${r.status} ${r.text}`);
  const h = await anon.get('/healthz');
  expectStatus(h, 200);
});
