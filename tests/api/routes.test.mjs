// routes.test.mjs — the route table (`stipple routes`) agrees with docs/API.md and
// docs/openapi.yaml, and every route that is not public refuses anonymous callers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { serverForFile, expectError, expectStatus, Client, ROOT } from './lib.mjs';

const ALL_STAFF = ['manager', 'owner', 'practitioner', 'reception'];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

const srv = await serverForFile();

/** Parses `stipple routes`: METHOD PATTERN ROLES per line. */
async function routeTable() {
  const r = await srv.cli(['routes']);
  assert.equal(r.code, 0, `stipple routes failed: ${r.stderr}`);
  const routes = [];
  for (const line of r.stdout.split('\n')) {
    if (!line.trim()) continue;
    const parts = line.trim().split(/\s+/);
    assert.ok(parts.length >= 3, `stipple routes: cannot read the line "${line}"`);
    const [method, pattern, ...rest] = parts;
    assert.ok(METHODS.includes(method), `stipple routes: unknown method in "${line}"`);
    assert.ok(pattern.startsWith('/'), `stipple routes: pattern should start with / in "${line}"`);
    const rolesText = rest.join('');
    const roles = rolesText === 'public' ? ['public'] : rolesText.split(',').filter(Boolean).sort();
    for (const role of roles) {
      assert.ok(role === 'public' || role === 'client' || ALL_STAFF.includes(role), `stipple routes: unknown role "${role}" in "${line}"`);
    }
    routes.push({ method, pattern, roles, line });
  }
  assert.ok(routes.length > 0, 'stipple routes printed nothing');
  return routes;
}

const routes = await routeTable();
const key = (m, p) => `${m} ${p}`;

/** Reads the route table of docs/API.md into {METHOD PATH: [roles]} (roles sorted, or ['public']). */
function apiMdRoutes() {
  const md = readFileSync(path.join(ROOT, 'docs/API.md'), 'utf8');
  const start = md.indexOf('## Routes');
  assert.ok(start >= 0, 'docs/API.md has no "## Routes" section');
  const out = new Map();
  for (const line of md.slice(start).split('\n')) {
    if (!line.startsWith('|')) continue;
    const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
    if (cells.length < 3 || cells[0] === 'method' || /^-+$/.test(cells[0])) continue;
    const methods = cells[0].split(',').map((s) => s.trim());
    const paths = cells[1].replace(/`/g, '').split(/\s+and\s+/).map((s) => s.trim());
    // roles: "public", "any staff", "owner, manager", "GET any; PATCH, DELETE owner, manager"
    const rolesFor = {};
    for (const seg of cells[2].split(';').map((s) => s.trim())) {
      const words = seg.split(/[\s,]+/).filter(Boolean);
      const segMethods = [];
      while (words.length && METHODS.includes(words[0])) segMethods.push(words.shift());
      const spec = words.join(' ');
      let roles;
      if (spec === 'public') roles = ['public'];
      else if (/^any( staff)?$/.test(spec)) roles = [...ALL_STAFF];
      else roles = words.map((w) => w.toLowerCase()).sort();
      for (const m of segMethods.length ? segMethods : methods) rolesFor[m] = roles;
    }
    for (const m of methods) {
      for (const p of paths) {
        assert.ok(rolesFor[m], `docs/API.md: no roles for ${m} ${p}`);
        out.set(key(m, p), rolesFor[m]);
      }
    }
  }
  assert.ok(out.size > 0, 'docs/API.md: no routes found in the table');
  return out;
}

test('stipple routes lists exactly the routes of docs/API.md, with the same roles', () => {
  const documented = apiMdRoutes();
  const actual = new Map(routes.map((r) => [key(r.method, r.pattern), r.roles]));
  for (const [k, roles] of documented) {
    assert.ok(actual.has(k), `docs/API.md documents ${k} but stipple routes does not list it`);
    assert.deepEqual(actual.get(k), roles, `roles of ${k}`);
  }
  for (const k of actual.keys()) assert.ok(documented.has(k), `stipple routes lists ${k}, missing from docs/API.md`);
  assert.equal(new Set(routes.map((r) => key(r.method, r.pattern))).size, routes.length, 'a route is listed twice');
});

function concrete(pattern) {
  return pattern.replace(/\{[a-z_]+\}/g, '1');
}

async function call(client, method, url) {
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(method);
  return client.request(method, url, hasBody ? {} : undefined);
}

test('every route that is not public answers 401 unauthorized to anonymous callers', async () => {
  const protectedRoutes = routes.filter((r) => !r.roles.includes('public'));
  assert.ok(protectedRoutes.length >= 10, 'expected at least 10 protected routes');
  const callers = [
    ['no credentials', new Client(srv.url, {})],
    ['a made-up session cookie', new Client(srv.url, { cookie: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', csrf: 'AAAA' })],
    ['a made-up bearer token', new Client(srv.url, { bearer: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })],
  ];
  for (const r of protectedRoutes) {
    for (const [who, client] of callers) {
      const res = await call(client, r.method, concrete(r.pattern));
      expectError(res, 401, 'unauthorized', null, `${r.method} ${concrete(r.pattern)} with ${who}`);
      assert.equal(res.headers.get('set-cookie'), null, `${r.method} ${r.pattern}: a 401 must not set a cookie`);
    }
  }
  for (const r of protectedRoutes.filter((x) => x.roles.includes('client'))) {
    const res = await fetch(srv.url + concrete(r.pattern), {
      method: r.method,
      headers: { cookie: 'stipple_portal=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'content-type': 'application/json', 'x-csrf-token': 'AAAA' },
      body: r.method === 'GET' ? undefined : '{}',
    });
    assert.equal(res.status, 401, `${r.method} ${r.pattern} with a made-up portal cookie`);
  }
});

test('public routes answer anonymous callers', async () => {
  const anon = srv.anon();
  for (const r of routes.filter((x) => x.roles.includes('public'))) {
    const url = concrete(r.pattern);
    const res = await call(anon, r.method, url);
    assert.notEqual(res.status, 401, `${r.method} ${url} is public but answered 401`);
    assert.ok(res.status < 500, `${r.method} ${url}: ${res.status} ${res.text.slice(0, 300)}`);
  }
  expectStatus(await anon.get('/healthz'), 200);
});

/* ---------------------------------------------------------------- docs/openapi.yaml */

const doc = YAML.parse(readFileSync(path.join(ROOT, 'docs/openapi.yaml'), 'utf8'));
const HTTP_KEYS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

test('docs/openapi.yaml is OpenAPI 3.0.3 with both security schemes and an error schema', () => {
  assert.equal(doc.openapi, '3.0.3');
  assert.ok(doc.info && doc.info.title && doc.info.version, 'info.title and info.version');
  const schemes = doc.components.securitySchemes;
  const cookie = Object.values(schemes).find((s) => s.type === 'apiKey' && s.in === 'cookie');
  const csrf = Object.values(schemes).find((s) => s.type === 'apiKey' && s.in === 'header');
  const bearer = Object.values(schemes).find((s) => s.type === 'http' && s.scheme === 'bearer');
  assert.equal(cookie?.name, 'stipple_session', 'a cookie scheme named stipple_session');
  assert.equal(csrf?.name, 'X-CSRF-Token', 'a header scheme named X-CSRF-Token');
  assert.ok(bearer, 'a bearer scheme');
  const err = doc.components.schemas.Error;
  assert.ok(err, 'components.schemas.Error');
  assert.deepEqual([...err.properties.error.required].sort(), ['code', 'field', 'message']);
});

test('every route of stipple routes is in docs/openapi.yaml, and nothing else', () => {
  const documented = new Set();
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const m of Object.keys(item)) if (HTTP_KEYS.includes(m)) documented.add(key(m.toUpperCase(), p));
  }
  const actual = new Set(routes.map((r) => key(r.method, r.pattern)));
  for (const k of actual) assert.ok(documented.has(k), `${k} is missing from docs/openapi.yaml`);
  for (const k of documented) assert.ok(actual.has(k), `docs/openapi.yaml documents ${k}, which stipple routes does not list`);
});

test('docs/openapi.yaml operations declare the same roles and security as the route table', () => {
  const opIds = new Set();
  const tags = new Set((doc.tags || []).map((t) => t.name));
  for (const r of routes) {
    const op = doc.paths[r.pattern][r.method.toLowerCase()];
    const where = `${r.method} ${r.pattern}`;
    assert.ok(op.operationId && !opIds.has(op.operationId), `${where}: a unique operationId`);
    opIds.add(op.operationId);
    assert.ok(Array.isArray(op.tags) && op.tags.length > 0, `${where}: tags`);
    for (const t of op.tags) assert.ok(tags.has(t), `${where}: tag ${t} is not declared in tags`);
    assert.ok(op.responses && Object.keys(op.responses).length > 0, `${where}: responses`);
    const xroles = [...(op['x-roles'] || [])].sort();
    assert.deepEqual(xroles, r.roles, `${where}: x-roles`);
    const security = op.security ?? doc.security;
    if (r.roles.includes('public')) {
      assert.deepEqual(op.security, [], `${where} is public: security must be []`);
    } else {
      assert.ok(Array.isArray(security) && security.length > 0, `${where}: needs security`);
      assert.ok(op.responses['401'], `${where}: documents 401`);
    }
    for (const param of (r.pattern.match(/\{([a-z_]+)\}/g) || []).map((s) => s.slice(1, -1))) {
      const params = [...(doc.paths[r.pattern].parameters || []), ...(op.parameters || [])].map((p) =>
        p.$ref ? resolve(p.$ref) : p);
      assert.ok(params.some((p) => p.in === 'path' && p.name === param && p.required === true), `${where}: path parameter ${param}`);
    }
  }
});

function resolve(ref) {
  assert.ok(ref.startsWith('#/'), `only local $refs: ${ref}`);
  let node = doc;
  for (const part of ref.slice(2).split('/')) {
    node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  assert.ok(node !== undefined, `dangling $ref ${ref}`);
  return node;
}

test('every $ref in docs/openapi.yaml resolves', () => {
  let count = 0;
  const walk = (n) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      for (const [k, v] of Object.entries(n)) {
        if (k === '$ref') {
          resolve(v);
          count++;
        } else walk(v);
      }
    }
  };
  walk(doc);
  assert.ok(count > 10, 'expected the document to use $refs');
});
