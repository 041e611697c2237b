// lib.mjs — the harness every API test file uses: a real `stipple serve` per test file, on a
// fresh database (SQLite by default; PostgreSQL when STIPPLE_TEST_PG names the socket directory
// of a running throwaway cluster), plus small HTTP clients that carry the session cookie and the
// CSRF header, or a Bearer token.
//
// A test file does:
//   const srv = await serverForFile();          // started now, stopped after the file
//   const owner = await srv.userClient('owner'); // makes a user, logs in once
//   test('…', async () => { const r = await owner.get('/api/v1/me'); … });
//
// Clients: get(path, opts), post(path, body, opts), patch(path, body, opts), put(…), del(path,
// opts), and all(path) to follow next_cursor. opts: {headers, csrf: false | 'other token',
// raw: 'body text', contentType: 'type' | null}. Answers: {status, headers, text, body}.

import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.resolve(ROOT, process.env.STIPPLE_BIN || 'build/asan/stipple');

const READY_RE = /^stipple: listening on (http:\/\/127\.0\.0\.1:\d+)\s*$/m;
const READY_TIMEOUT_MS = 20000;
const STOP_TIMEOUT_MS = 15000;
const LOG_TAIL = 256 * 1024;
// The server is killed when this process dies, however it dies (setpriv is in util-linux).
const SERVE_PREFIX = existsSync('/usr/bin/setpriv') ? ['/usr/bin/setpriv', '--pdeathsig', 'KILL', '--'] : [];
const SANITIZER_RE = /ERROR: (?:Address|Leak|Thread|Memory)Sanitizer|runtime error: /;

/* ---------------------------------------------------------------- processes */

/** Runs a program; resolves {code, signal, stdout, stderr}. Never rejects on a non-zero exit. */
export function run(cmd, args, { input, env } = {}) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { env: env || process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    p.stdin.on('error', () => {}); // the program may exit without reading its input
    p.stdin.end(input ?? '');
  });
}

function randomName(prefix) {
  return prefix + randomBytes(6).toString('hex');
}

function tail(s, n = LOG_TAIL) {
  return s.length > n ? `…(${s.length - n} bytes cut)…\n` + s.slice(-n) : s;
}

/* ---------------------------------------------------------------- the server */

/**
 * startServer creates a fresh database, runs `stipple init`, starts `stipple serve` on a free
 * loopback port and waits for its "listening" line.
 * opts.env: extra environment for the server (settings such as STIPPLE_TLS).
 */
export async function startServer(opts = {}) {
  assert.ok(existsSync(BIN), `stipple binary not found at ${BIN} (set STIPPLE_BIN or build it)`);
  const tmp = mkdtempSync(path.join(tmpdir(), 'stipple-api-'));
  const pgdir = process.env.STIPPLE_TEST_PG;
  let db;
  let kind;
  let dbname = null;
  if (pgdir) {
    kind = 'postgresql';
    dbname = randomName('stipple_test_');
    const r = await run('createdb', ['-h', pgdir, '-U', 'postgres', dbname]);
    assert.equal(r.code, 0, `createdb ${dbname} failed:\n${r.stderr}`);
    db = `postgresql:///${dbname}?host=${pgdir}&user=postgres`;
  } else {
    kind = 'sqlite';
    db = `sqlite:${tmp}/stipple.db`;
  }
  const env = { ...process.env, ...(opts.env || {}), STIPPLE_DB: db };

  const srv = {
    db,
    kind,
    tmp,
    dbname,
    env,
    url: null,
    proc: null,
    log: '', // the server's standard error: the JSON access log, and any sanitizer report
    out: '',
    exited: null, // {code, signal} once the process has gone
    stopping: false,
    dumped: false,
  };

  /** cli runs `stipple ARGS` against this server's database. */
  srv.cli = (args, { input } = {}) => run(BIN, args, { input, env });

  srv.dumpLog = (why, always = false) => {
    if (srv.dumped && !always) return;
    srv.dumped = true;
    process.stderr.write(
      `\n----- stipple serve stderr (${why}; db ${kind}) -----\n${tail(srv.log)}\n` +
        `----- end of stipple serve stderr -----\n`,
    );
  };

  live.add(srv);
  const init = await srv.cli(['init']).catch(async (err) => {
    await cleanup(srv);
    throw err;
  });
  if (init.code !== 0) await cleanup(srv);
  assert.equal(init.code, 0, `stipple init failed (exit ${init.code}):\n${init.stdout}\n${init.stderr}`);

  /** launch starts `stipple serve` and waits for its listening line (again after a restart). */
  async function launch() {
    const proc = spawn(SERVE_PREFIX[0] || BIN, [...SERVE_PREFIX.slice(1), ...(SERVE_PREFIX.length ? [BIN] : []), 'serve', '--listen', '127.0.0.1:0'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    srv.proc = proc;
    proc.stderr.setEncoding('utf8').on('data', (d) => {
      srv.log += d;
      if (srv.log.length > 8 * LOG_TAIL) srv.log = srv.log.slice(-4 * LOG_TAIL);
    });
    const exited = new Promise((resolve) => {
      proc.on('exit', (code, signal) => {
        srv.exited = { code, signal };
        if (!srv.stopping) {
          process.stderr.write(`\nstipple serve exited unexpectedly (code ${code}, signal ${signal})\n`);
          srv.dumpLog('exited unexpectedly', true);
        }
        resolve(srv.exited);
      });
    });
    srv.exitedPromise = exited;

    srv.url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`stipple serve did not print its listening line within ${READY_TIMEOUT_MS} ms\n` +
          `stdout:\n${srv.out}\nstderr:\n${tail(srv.log)}`));
      }, READY_TIMEOUT_MS);
      proc.stdout.setEncoding('utf8').on('data', (d) => {
        srv.out += d;
        const m = READY_RE.exec(srv.out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      proc.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`stipple serve exited before listening (code ${code}, signal ${signal})\n` +
          `stdout:\n${srv.out}\nstderr:\n${tail(srv.log)}`));
      });
    }).catch(async (err) => {
      if (!srv.exited) proc.kill('SIGKILL');
      await cleanup(srv);
      throw err;
    });
  }
  await launch();

  /** restart stops the server with SIGTERM (it must exit 0) and starts it again on the same
   * database; srv.url changes. */
  srv.restart = async () => {
    srv.stopping = true;
    srv.proc.kill('SIGTERM');
    const { code } = await srv.exitedPromise;
    assert.equal(code, 0, 'stipple serve should exit 0 on SIGTERM before a restart');
    srv.stopping = false;
    srv.exited = null;
    srv.out = '';
    await launch();
  };

  /** stop sends SIGTERM, waits for the exit, requires exit code 0, and removes the database. */
  srv.stop = async () => {
    if (!srv.exited) {
      srv.stopping = true;
      srv.proc.kill('SIGTERM');
      const t = setTimeout(() => srv.proc.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await srv.exitedPromise;
      clearTimeout(t);
    }
    const { code, signal } = srv.exited;
    const sanitizer = SANITIZER_RE.test(srv.log);
    if (code !== 0 || sanitizer) srv.dumpLog(`exit code ${code}, signal ${signal}`, true);
    await cleanup(srv);
    assert.equal(code, 0, `stipple serve should exit 0 on SIGTERM; got code ${code}, signal ${signal}` +
      (sanitizer ? ' (a sanitizer report is in its stderr above)' : ''));
    assert.ok(!sanitizer, 'stipple serve printed a sanitizer report (in its stderr above)');
  };

  srv.anon = () => new Client(srv.url, {});
  srv.userClient = (role, extra) => userClient(srv, role, extra);
  srv.addUser = (u) => addUser(srv, u);
  srv.login = (email, password) => login(srv, email, password);
  srv.bearer = (email) => bearerClient(srv, email);
  return srv;
}

// Servers still running when the process ends (a test file that threw during its setup never
// reaches its after hook): show their log, kill them, and drop their databases.
// (When setup code at the top of a file throws, Node's test harness ends the process from its
// uncaughtException handler without an 'exit' event; the server then dies by its parent-death
// signal, see SERVE_PREFIX, and run.sh removes the temporary directory it gave us.)
const live = new Set();
function killLeftovers() {
  for (const srv of [...live]) {
    live.delete(srv);
    if (!srv.exited) {
      srv.dumpLog('the test file ended without stopping the server');
      try {
        srv.proc.kill('SIGKILL');
      } catch {}
    }
    if (srv.dbname) {
      spawnSync('dropdb', ['-h', process.env.STIPPLE_TEST_PG, '-U', 'postgres', '--force', '--if-exists', srv.dbname]);
    }
    rmSync(srv.tmp, { recursive: true, force: true });
  }
}
process.on('exit', killLeftovers);

async function cleanup(srv) {
  live.delete(srv);
  if (srv.dbname) {
    const r = await run('dropdb', ['-h', process.env.STIPPLE_TEST_PG, '-U', 'postgres', '--if-exists', srv.dbname]);
    if (r.code !== 0) process.stderr.write(`dropdb ${srv.dbname} failed: ${r.stderr}\n`);
  }
  rmSync(srv.tmp, { recursive: true, force: true });
}

/**
 * serverForFile starts a server for the calling test file, prints its stderr after the first
 * failing test, and stops it (requiring a clean exit) when the file is done.
 */
export async function serverForFile(opts) {
  const srv = await startServer(opts);
  afterEach((t) => {
    if (t.passed === false) srv.dumpLog(`test "${t.name}" failed`);
  });
  after(() => srv.stop());
  return srv;
}

/* ---------------------------------------------------------------- HTTP */

/** A response: status, headers (a Headers object), text, and body (parsed JSON or null). */
function wrap(status, headers, text) {
  let body = null;
  const ct = headers.get('content-type') || '';
  if (ct.includes('json') && text.length) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined; // said JSON, was not: tests comparing body will fail loudly
    }
  }
  return { status, headers, text, body };
}

export class Client {
  /**
   * base: the server URL. auth: {cookie, csrf} for a session, {bearer} for a token, {} for none.
   */
  constructor(base, auth) {
    this.base = base;
    this.cookie = auth.cookie || null;
    this.csrf = auth.csrf || null;
    this.bearerToken = auth.bearer || null;
    this.user = auth.user || null;
  }

  /**
   * request sends one request. opts:
   *   headers      extra headers
   *   csrf         false: send no X-CSRF-Token; a string: send that instead of the real one
   *   raw          a string body sent as is (with contentType, default application/json)
   *   contentType  the Content-Type to send with a body (null: none)
   */
  async request(method, p, body, opts = {}) {
    const headers = { ...(opts.headers || {}) };
    if (this.cookie) headers.cookie = `stipple_session=${this.cookie}`;
    if (this.bearerToken) headers.authorization = `Bearer ${this.bearerToken}`;
    if (this.cookie && method !== 'GET' && method !== 'HEAD' && opts.csrf !== false) {
      headers['x-csrf-token'] = typeof opts.csrf === 'string' ? opts.csrf : this.csrf;
    }
    let payload;
    if (opts.raw !== undefined) payload = opts.raw;
    else if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) {
      const ct = opts.contentType === undefined ? 'application/json' : opts.contentType;
      if (ct !== null) headers['content-type'] = ct;
    }
    if (payload !== undefined && opts.contentType === null) {
      // fetch would add text/plain for a string body; send exactly nothing instead
      return rawRequest(this.base + p, { method, headers, body: payload });
    }
    const res = await fetch(this.base + p, { method, headers, body: payload, redirect: 'manual' });
    const text = await res.text();
    return wrap(res.status, res.headers, text);
  }

  get(p, opts) {
    return this.request('GET', p, undefined, opts);
  }
  post(p, body, opts) {
    return this.request('POST', p, body, opts);
  }
  patch(p, body, opts) {
    return this.request('PATCH', p, body, opts);
  }
  put(p, body, opts) {
    return this.request('PUT', p, body, opts);
  }
  del(p, opts) {
    return this.request('DELETE', p, undefined, opts);
  }

  /** all follows next_cursor from path and returns every item. */
  async all(p) {
    const items = [];
    let cursor = null;
    for (let page = 0; page < 1000; page++) {
      const sep = p.includes('?') ? '&' : '?';
      const r = await this.get(cursor ? `${p}${sep}cursor=${encodeURIComponent(cursor)}` : p);
      assert.equal(r.status, 200, `GET ${p}: ${r.text}`);
      items.push(...r.body.items);
      cursor = r.body.next_cursor;
      if (cursor === null) return items;
    }
    throw new Error(`GET ${p}: more than 1000 pages`);
  }
}

/**
 * rawRequest sends one request with node:http (no header added on our behalf), and resolves
 * as soon as the answer is read even when the server stops reading the body early.
 */
export function rawRequest(url, { method = 'GET', headers = {}, body, timeoutMs = 10000 } = {}) {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(url, { method, headers, timeout: timeoutMs }, (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) {
          if (Array.isArray(v)) v.forEach((x) => h.append(k, x));
          else if (v !== undefined) h.set(k, String(v));
        }
        resolve(wrap(res.statusCode, h, text));
      });
      res.on('error', reject);
    });
    req.on('timeout', () => {
      req.destroy(new Error(`no answer within ${timeoutMs} ms`));
    });
    req.on('error', (err) => {
      if (!answered) reject(new Error(`${method} ${url.length > 200 ? url.slice(0, 200) + '…' : url}: no answer (${err.code || err.message})`));
    });
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

/* ---------------------------------------------------------------- users and sign-in */

let userSeq = 0;

/** A password that passes the policy (long, not common). */
export function goodPassword() {
  return `Tattoo-${randomBytes(6).toString('hex')}-Scalp`;
}

/** addUser runs `stipple user add` and asserts it worked; returns {email, name, role, password}. */
export async function addUser(srv, { email, name, role, password } = {}) {
  userSeq++;
  role = role || 'owner';
  email = email || `${role}${userSeq}-${randomBytes(3).toString('hex')}@example.com`;
  name = name || `Test ${role} ${userSeq}`;
  password = password || goodPassword();
  const r = await srv.cli(['user', 'add', '--email', email, '--name', name, '--role', role, '--password-stdin'], {
    input: password + '\n',
  });
  assert.equal(r.code, 0, `stipple user add ${email} failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  return { email, name, role, password };
}

/** login posts the credentials and returns {res, client}; client is null when it failed. */
export async function login(srv, email, password) {
  const res = await srv.anon().post('/api/v1/login', { email, password });
  if (res.status !== 200) return { res, client: null };
  const cookie = sessionCookie(res);
  assert.ok(cookie, `login answered 200 without a stipple_session cookie: ${res.headers.getSetCookie()}`);
  const client = new Client(srv.url, { cookie: cookie.value, csrf: res.body.csrf_token, user: res.body.user });
  return { res, client };
}

/** sessionCookie finds the stipple_session Set-Cookie: {value, attrs (lower-case names), raw}. */
export function sessionCookie(res) {
  for (const raw of res.headers.getSetCookie()) {
    const parts = raw.split(';').map((s) => s.trim());
    const [name, ...rest] = parts[0].split('=');
    if (name !== 'stipple_session') continue;
    const attrs = {};
    for (const a of parts.slice(1)) {
      const i = a.indexOf('=');
      if (i < 0) attrs[a.toLowerCase()] = true;
      else attrs[a.slice(0, i).toLowerCase()] = a.slice(i + 1);
    }
    return { value: rest.join('='), attrs, raw };
  }
  return null;
}

/** userClient makes a user with role and logs in; the client carries .account. */
export async function userClient(srv, role, extra = {}) {
  const account = await addUser(srv, { role, ...extra });
  const { res, client } = await login(srv, account.email, account.password);
  assert.equal(res.status, 200, `login as new ${role} failed: ${res.status} ${res.text}`);
  client.account = account;
  return client;
}

/** bearerClient makes a token for email with `stipple token add` and returns a Bearer client. */
export async function bearerClient(srv, email) {
  const r = await srv.cli(['token', 'add', '--email', email]);
  assert.equal(r.code, 0, `stipple token add failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  const lines = r.stdout.split('\n').map((s) => s.trim()).filter(Boolean);
  const token = lines[lines.length - 1];
  assert.ok(token && !/\s/.test(token), `no token on the last line of: ${r.stdout}`);
  const c = new Client(srv.url, { bearer: token });
  c.token = token;
  return c;
}

/* ---------------------------------------------------------------- assertions */

/**
 * expectError checks a failure answer: status, {"error":{"code","message","field"}}, and
 * field when given (null: must be null; undefined: not checked).
 */
export function expectError(res, status, code, field, label) {
  const what = `${label ? label + ': ' : ''}answer was ${res.status} ${res.text.slice(0, 500)}`;
  assert.equal(res.status, status, `expected status ${status}; ${what}`);
  assert.ok(res.body && typeof res.body === 'object' && res.body.error, `expected an error object; ${what}`);
  const e = res.body.error;
  assert.deepEqual(Object.keys(e).sort(), ['code', 'field', 'message'], `error keys; ${what}`);
  assert.equal(e.code, code, `expected error code ${code}; ${what}`);
  assert.equal(typeof e.message, 'string', `error.message should be a string; ${what}`);
  assert.ok(e.message.length > 0, `error.message should not be empty; ${what}`);
  if (field !== undefined) assert.equal(e.field, field, `expected error field ${field}; ${what}`);
}

/** expectStatus checks the status and shows the body when it is wrong. */
export function expectStatus(res, status, what = '') {
  assert.equal(res.status, status, `${what ? what + ': ' : ''}expected ${status}, got ${res.status} ${res.text.slice(0, 500)}`);
}

export const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** ids returns the sorted ids of a list of objects. */
export function ids(items) {
  return items.map((x) => x.id).sort((a, b) => a - b);
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** A valid clinic body; override fields with extra. */
export function clinicBody(extra = {}) {
  return {
    name: `Clinic ${randomBytes(3).toString('hex')}`,
    city: 'Manchester',
    address: '1 Deansgate\nManchester M3 1AZ',
    timezone: 'Europe/London',
    currency: 'GBP',
    price_uplift_pct: 10,
    ...extra,
  };
}

/**
 * expectBodyRefusals sends method url the bodies every JSON route must refuse — not JSON, not
 * an object, empty, the wrong Content-Type, none, and one over the size limit — and checks each
 * answer. listPath: a list whose ids must be the same afterwards (nothing written).
 */
export async function expectBodyRefusals(client, method, url, listPath, valid) {
  const before = ids(await client.all(listPath));
  const good = JSON.stringify(valid);
  const cases = [
    ['malformed JSON', { raw: '{"name": "x",' }, 400, 'malformed'],
    ['a JSON array', { raw: `[${good}]` }, 400, 'malformed'],
    ['a JSON string', { raw: '"hello"' }, 400, 'malformed'],
    ['a JSON number', { raw: '42' }, 400, 'malformed'],
    ['null', { raw: 'null' }, 400, 'malformed'],
    ['an empty body', { raw: '' }, 400, 'malformed'],
    ['trailing garbage', { raw: good + 'x' }, 400, 'malformed'],
    ['text/plain', { raw: good, contentType: 'text/plain' }, 415, 'unsupported_media_type'],
    ['form data', { raw: 'name=x', contentType: 'application/x-www-form-urlencoded' }, 415, 'unsupported_media_type'],
    ['no Content-Type', { raw: good, contentType: null }, 415, 'unsupported_media_type'],
  ];
  for (const [what, opts, status, code] of cases) {
    const r = await client.request(method, url, undefined, opts);
    expectError(r, status, code, null, `${method} ${url} with ${what}`);
  }
  // 2 MB: a valid object padded with whitespace, so only its size is wrong
  const big = good.slice(0, -1) + ' '.repeat(2 * 1024 * 1024) + '}';
  const headers = { 'content-type': 'application/json' };
  if (client.cookie) {
    headers.cookie = `stipple_session=${client.cookie}`;
    headers['x-csrf-token'] = client.csrf;
  }
  if (client.bearerToken) headers.authorization = `Bearer ${client.bearerToken}`;
  const r = await rawRequest(client.base + url, { method, headers, body: big });
  expectError(r, 413, 'too_large', null, `${method} ${url} with a 2 MB body`);
  assert.deepEqual(ids(await client.all(listPath)), before, `${method} ${url}: a refused body wrote something`);
}
