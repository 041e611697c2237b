// search.test.mjs — client search (?q=) and paging (?limit=, ?cursor=) over ~120 clients.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile, expectError, expectStatus, clinicBody, ids } from './lib.mjs';

const srv = await serverForFile();
const staff = await srv.userClient('manager');
const clinic = (await staff.post('/api/v1/clinics', clinicBody({ name: 'Search Clinic' }))).body;

const FIRST = ['Adam', 'Bella', 'Carl', 'Dana', 'Smita', 'Eve', 'Frank', 'Grace', 'Hugo', 'Ivy', 'John', 'Kate'];
// Smi* surnames that must match "smi", and surnames holding "smi" inside a word that must not
const LAST = ['Smith', 'Smithson', 'Jones', 'Osmith', 'Brown', 'Smithers', 'Kasmi', 'Patel', 'Smit', 'Nguyen', 'Evans', 'Taylor', 'Van Smirnov'];

const letters = (i) => String.fromCharCode(97 + Math.floor(i / 26) % 26) + String.fromCharCode(97 + (i % 26));

const clients = [];
for (let i = 0; i < 123; i++) {
  const first = FIRST[i % FIRST.length];
  const last = LAST[(i * 7) % LAST.length];
  const body = { first_name: first, last_name: last, clinic_id: clinic.id };
  if (i % 2 === 0) body.email = `${first}.${last.replace(/ /g, '')}.${letters(i)}@example.com`.toLowerCase();
  if (i % 10 === 0) body.phone = `020 7946 ${String(i).padStart(4, '0')}`;
  else if (i % 3 === 0) body.phone = `+1 (555) 01${String(i % 100).padStart(2, '0')}`;
  clients.push(body);
}
clients.push({ first_name: 'Zed', last_name: 'Quux', email: 'smiley.q@example.com', clinic_id: clinic.id });

const stored = [];
for (const body of clients) {
  const r = await staff.post('/api/v1/clients', body);
  expectStatus(r, 201, `creating ${body.first_name} ${body.last_name}`);
  stored.push(r.body);
}

/** The documented rule: every query word starts a word of a name, the email, or the phone digits. */
function matches(c, q) {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const nameWords = `${c.first_name} ${c.last_name}`.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const email = (c.email || '').toLowerCase();
  const digits = (c.phone || '').replace(/\D/g, '');
  return words.every((w) => nameWords.some((n) => n.startsWith(w)) || (email && email.startsWith(w)) || (digits && digits.startsWith(w)));
}

const byName = (a, b) => {
  const la = a.last_name.toLowerCase();
  const lb = b.last_name.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  const fa = a.first_name.toLowerCase();
  const fb = b.first_name.toLowerCase();
  return fa === fb ? 0 : fa < fb ? -1 : 1;
};

function assertSorted(items, what) {
  for (let i = 1; i < items.length; i++) {
    assert.ok(byName(items[i - 1], items[i]) <= 0,
      `${what}: ${items[i - 1].last_name}, ${items[i - 1].first_name} is listed before ${items[i].last_name}, ${items[i].first_name}`);
  }
}

const expectedIds = (q) => ids(stored.filter((c) => matches(c, q)));

async function search(q, extra = '') {
  const items = await staff.all(`/api/v1/clients?q=${encodeURIComponent(q)}${extra}`);
  assertSorted(items, `q=${q}`);
  return items;
}

test('q=smi finds exactly the clients with a word starting "smi" in a name or an email starting "smi"', async () => {
  const want = expectedIds('smi');
  assert.ok(want.length > 30, 'the data should hold many Smi* clients');
  assert.ok(want.length < stored.length - 30, 'and many that do not match');
  const got = await search('smi');
  assert.deepEqual(ids(got), want);
  for (const c of got.filter((x) => ['Osmith', 'Kasmi'].includes(x.last_name))) {
    assert.equal(c.first_name, 'Smita', `${c.first_name} ${c.last_name} must not match on a surname with "smi" inside it`);
  }
  assert.ok(got.some((c) => c.last_name === 'Van Smirnov'), 'the second word of a surname matches');
  assert.ok(got.some((c) => c.first_name === 'Smita'), 'first names match');
  assert.ok(got.some((c) => c.email === 'smiley.q@example.com'), 'the email matches');
});

test('search ignores case', async () => {
  assert.deepEqual(ids(await search('SMI')), expectedIds('smi'));
  assert.deepEqual(ids(await search('sMiThSoN')), expectedIds('smithson'));
});

test('several words must all match', async () => {
  const want = expectedIds('john smi');
  assert.ok(want.length > 0 && want.length < expectedIds('john').length);
  assert.deepEqual(ids(await search('john smi')), want);
  assert.deepEqual(ids(await search('smi john')), want);
  assert.deepEqual(ids(await search('  john   smith  ')), expectedIds('john smith'));
});

test('email and phone digits are searched from their start', async () => {
  const smiley = stored.find((c) => c.first_name === 'Zed');
  assert.deepEqual(ids(await search('smiley')), [smiley.id]);
  const phones = expectedIds('02079460');
  assert.ok(phones.length >= 10);
  assert.deepEqual(ids(await search('02079460')), phones);
  const us = expectedIds('155501');
  assert.ok(us.length >= 10);
  assert.deepEqual(ids(await search('155501')), us);
  assert.deepEqual(ids(await search('7946')), [], 'phone digits match from their start only');
});

test('a search that matches nothing answers an empty list with next_cursor null', async () => {
  const r = await staff.get('/api/v1/clients?q=zzzzqqq');
  expectStatus(r, 200);
  assert.deepEqual(r.body, { items: [], next_cursor: null });
});

test('?limit=50 pages cover every client exactly once, in last-name, first-name order', async () => {
  let cursor = null;
  const seen = [];
  let pages = 0;
  do {
    const r = await staff.get(`/api/v1/clients?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expectStatus(r, 200);
    pages++;
    cursor = r.body.next_cursor;
    if (cursor !== null) {
      assert.equal(r.body.items.length, 50, `page ${pages} is not the last, so it must be full`);
      assert.equal(typeof cursor, 'string');
    }
    seen.push(...r.body.items);
  } while (cursor !== null && pages < 10);
  assert.equal(pages, Math.ceil(stored.length / 50));
  assert.equal(seen.length, stored.length, 'a client was listed twice or missed');
  assert.deepEqual(ids(seen), ids(stored));
  assertSorted(seen, 'all pages');
});

test('without ?limit a page holds 50; ?limit=200 answers everything at once', async () => {
  const d = await staff.get('/api/v1/clients');
  expectStatus(d, 200);
  assert.equal(d.body.items.length, 50);
  assert.equal(typeof d.body.next_cursor, 'string');
  const all = await staff.get('/api/v1/clients?limit=200');
  expectStatus(all, 200);
  assert.equal(all.body.items.length, stored.length);
  assert.equal(all.body.next_cursor, null);
  assertSorted(all.body.items, 'limit=200');
  assert.deepEqual(d.body.items, all.body.items.slice(0, 50));
});

test('paging through a search gives the same clients as one page', async () => {
  const seen = [];
  let cursor = null;
  let pages = 0;
  do {
    const r = await staff.get(`/api/v1/clients?q=smi&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expectStatus(r, 200);
    assert.ok(r.body.items.length <= 7);
    seen.push(...r.body.items);
    cursor = r.body.next_cursor;
    pages++;
  } while (cursor !== null && pages < 50);
  assert.equal(seen.length, expectedIds('smi').length);
  assert.deepEqual(ids(seen), expectedIds('smi'));
  assertSorted(seen, 'q=smi pages');
});

test('a garbage cursor is 422 naming cursor', async () => {
  for (const c of ['garbage!!', 'Zm9v', 'eyJpZCI6MX0', 'x'.repeat(3000)]) {
    expectError(await staff.get(`/api/v1/clients?cursor=${encodeURIComponent(c)}`), 422, 'invalid', 'cursor');
  }
});

test('a limit outside 1-200 is 422 naming limit', async () => {
  for (const l of ['0', '201', '-1', 'abc', '1.5']) {
    expectError(await staff.get(`/api/v1/clients?limit=${l}`), 422, 'invalid', 'limit');
  }
  expectStatus(await staff.get('/api/v1/clients?limit=1'), 200);
  expectStatus(await staff.get('/api/v1/clients?limit=200'), 200);
});

test('other lists page the same way', async () => {
  for (let i = 0; i < 5; i++) expectStatus(await staff.post('/api/v1/clinics', clinicBody({ name: `Paged ${i}` })), 201);
  const all = await staff.get('/api/v1/clinics?limit=200');
  const seen = [];
  let cursor = null;
  let pages = 0;
  do {
    const r = await staff.get(`/api/v1/clinics?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expectStatus(r, 200);
    seen.push(...r.body.items);
    cursor = r.body.next_cursor;
    pages++;
  } while (cursor !== null && pages < 20);
  assert.deepEqual(seen.map((c) => c.id), all.body.items.map((c) => c.id));
  expectError(await staff.get('/api/v1/clinics?limit=0'), 422, 'invalid', 'limit');
  expectError(await staff.get('/api/v1/practitioners?cursor=garbage!!'), 422, 'invalid', 'cursor');
});

test('a broken percent-escape in the query string is 400 malformed', async () => {
  expectError(await staff.get('/api/v1/clients?q=%zz'), 400, 'malformed', null);
});
