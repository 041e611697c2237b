// metrics.test.mjs — /metrics counts requests by route and status, with a latency histogram.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile, expectStatus } from './lib.mjs';

const srv = await serverForFile();
const owner = await srv.userClient('owner');

const ROUTE = '/api/v1/clinics';
// the route label names the route pattern, optionally preceded by its method
const routeLabel = (p) => `route="(?:GET )?${p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"`;

async function scrape() {
  const r = await owner.get('/metrics');
  expectStatus(r, 200);
  assert.match(r.headers.get('content-type'), /^text\/plain/);
  return r.text;
}

/** The value of the first sample whose line matches re (a RegExp over the whole line), or null. */
function sample(text, re) {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^(\S+?(?:\{.*\})?)\s+(\S+)$/.exec(line);
    if (m && re.test(m[1])) return Number(m[2]);
  }
  return null;
}

function requestsTotal(text, p, status) {
  const v = sample(text, new RegExp(`^stipple_http_requests_total\\{(?=.*${routeLabel(p)})(?=.*status="${status}").*\\}$`));
  return v ?? 0;
}

test('requests are counted by route and status', async () => {
  for (let i = 0; i < 3; i++) expectStatus(await owner.get(ROUTE), 200);
  expectStatus(await owner.get('/api/v1/clinics/999999'), 404);
  const before = await scrape();
  const n200 = requestsTotal(before, ROUTE, 200);
  assert.ok(n200 >= 3, `expected at least 3 GET ${ROUTE} 200s counted:\n${before}`);
  assert.ok(requestsTotal(before, '/api/v1/clinics/{id}', 404) >= 1, `the 404 on /api/v1/clinics/{id} should be counted:\n${before}`);

  for (let i = 0; i < 4; i++) expectStatus(await owner.get(ROUTE), 200);
  const afterText = await scrape();
  assert.equal(requestsTotal(afterText, ROUTE, 200), n200 + 4, 'four more requests, four more counted');
});

test('a latency histogram per route: cumulative buckets ending in +Inf equal to the count', async () => {
  for (let i = 0; i < 3; i++) expectStatus(await srv.anon().get('/healthz'), 200);
  const text = await scrape();
  assert.match(text, /^# TYPE stipple_http_request_duration_seconds histogram$/m);
  assert.match(text, /^# TYPE stipple_http_requests_total counter$/m);
  const label = new RegExp(routeLabel('/healthz'));
  const buckets = [];
  let count = null;
  let sum = null;
  for (const line of text.split('\n')) {
    const m = /^(stipple_http_request_duration_seconds_(?:bucket|count|sum))\{(.*)\}\s+(\S+)$/.exec(line);
    if (!m || !label.test(m[2])) continue;
    if (m[1].endsWith('_bucket')) {
      const le = /le="([^"]+)"/.exec(m[2])[1];
      buckets.push([le === '+Inf' ? Infinity : Number(le), Number(m[3])]);
    } else if (m[1].endsWith('_count')) count = Number(m[3]);
    else sum = Number(m[3]);
  }
  assert.ok(buckets.length >= 5, `expected histogram buckets for /healthz:\n${text}`);
  for (let i = 1; i < buckets.length; i++) {
    assert.ok(buckets[i][0] > buckets[i - 1][0], 'bucket bounds increase');
    assert.ok(buckets[i][1] >= buckets[i - 1][1], 'bucket counts are cumulative');
  }
  assert.equal(buckets[buckets.length - 1][0], Infinity, 'the last bucket is +Inf');
  assert.ok(count >= 3, 'the count includes our three requests');
  assert.equal(buckets[buckets.length - 1][1], count, '+Inf bucket equals the count');
  assert.ok(sum > 0 && sum < count * 5, `a plausible total time, got ${sum}`);
});

test('unknown paths do not create a series each', async () => {
  for (let i = 0; i < 5; i++) await srv.anon().get(`/no-such-page-${i}-${Date.now()}`);
  const text = await scrape();
  assert.ok(!/no-such-page/.test(text), 'the raw path of an unknown page must not become a label');
});
