// payments.test.mjs — money against a course over HTTP: the account of an accepted quote
// (total, deposit, paid, refunded, balance due), payments and refunds in pence with every
// refusal naming its field and writing nothing, the balance never below zero even when many
// payments race, finance provider and reference, and a receipt PDF read back by poppler.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { serverForFile, expectStatus, expectError, clinicBody, run } from './lib.mjs';

const srv = await serverForFile();
const owner = await srv.userClient('owner');
const desk = await srv.userClient('reception');
const clinic = (await owner.post('/api/v1/clinics', clinicBody({ name: 'Pay Clinic', price_uplift_pct: 0 }))).body;
let seq = 0;

/** A client with an accepted quote of one touch-up (£200) unless areas say otherwise. */
async function accepted(body = { areas: ['hairline'], scale: 'norwood', stage: 'II' }) {
  const client = (await desk.post('/api/v1/clients', { first_name: `Pay${++seq}`, last_name: 'Client', clinic_id: clinic.id })).body;
  const q = (await desk.post('/api/v1/quotes', { client_id: client.id, ...body })).body;
  const acc = (await desk.post(`/api/v1/quotes/${q.id}/accept`)).body;
  return { client, quote: acc, course: acc.course_id };
}
const account = async (clientId) => (await desk.get(`/api/v1/clients/${clientId}/account`)).body.courses;
const pay = (course, body) => desk.post(`/api/v1/courses/${course}/payments`, body);

test('the deposit and the balance: what is paid comes off what is due', async () => {
  const { client, quote, course } = await accepted();
  let [a] = await account(client.id);
  assert.equal(a.course_id, course);
  assert.equal(a.quote_id, quote.id);
  assert.equal(a.total_pence, quote.total_pence);
  assert.equal(a.deposit_pence, quote.deposit_pence);
  assert.equal(a.balance_pence, quote.total_pence);
  assert.equal(a.deposit_paid, false);
  const dep = await pay(course, { method: 'card', pence: quote.deposit_pence, reference: 'terminal 4411' });
  expectStatus(dep, 201);
  assert.equal(dep.body.kind, 'payment');
  assert.equal(dep.body.text, quote.deposit_text);
  [a] = await account(client.id);
  assert.equal(a.paid_pence, quote.deposit_pence);
  assert.equal(a.balance_pence, quote.total_pence - quote.deposit_pence);
  assert.equal(a.deposit_paid, true);
  assert.deepEqual(a.payments.map((p) => p.id), [dep.body.id]);

  const res = await fetch(`${srv.url}/api/v1/payments/${dep.body.id}/receipt.pdf`, { headers: { cookie: `stipple_session=${desk.cookie}` } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const file = path.join(srv.tmp, `receipt-${dep.body.id}.pdf`);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const text = (await run('pdftotext', ['-layout', file, '-'])).stdout;
  assert.match(text, /Pay Clinic/);
  assert.match(text, /Paid by Card/);
  assert.ok(text.includes(quote.deposit_text), `the amount in:\n${text}`);
  assert.match(text, /Reference: terminal 4411/);
  assert.match(text, /Balance due\s+£[\d,]+\.\d\d/);
});

test('no payment takes the balance below zero; refunds need a reason and at most what was paid', async () => {
  const { client, quote, course } = await accepted();
  const bad = [
    [{ method: 'card', pence: quote.total_pence + 1 }, 'pence'],
    [{ method: 'card', pence: 0 }, 'pence'],
    [{ method: 'card', pence: 12.5 }, 'pence'],
    [{ method: 'card', pence: '100' }, 'pence'],
    [{ method: 'cheque', pence: 100 }, 'method'],
    [{ pence: 100 }, 'method'],
    [{ kind: 'gift', method: 'cash', pence: 100 }, 'kind'],
    [{ method: 'cash', pence: 100, tip: 5 }, 'tip'],
    [{ kind: 'refund', method: 'cash', pence: 100 }, 'reason'],
    [{ kind: 'refund', method: 'cash', pence: 100, reason: 'goodwill' }, 'pence'],
  ];
  for (const [body, field] of bad) expectError(await pay(course, body), 422, 'invalid', field, JSON.stringify(body));
  assert.equal((await account(client.id))[0].payments.length, 0, 'nothing was written');
  expectStatus(await pay(course, { method: 'bank_transfer', pence: quote.total_pence }), 201);
  let [a] = await account(client.id);
  assert.equal(a.balance_pence, 0);
  const over = await pay(course, { method: 'cash', pence: 1 });
  expectError(over, 422, 'invalid', 'pence');
  assert.match(over.body.error.message, /balance due \(£0\.00\)/);
  const refund = await pay(course, { kind: 'refund', method: 'card', pence: 5000, reason: 'Third session not needed' });
  expectStatus(refund, 201);
  [a] = await account(client.id);
  assert.equal(a.refunded_pence, 5000);
  assert.equal(a.balance_pence, 5000);
  expectError(await pay(course, { kind: 'refund', method: 'card', pence: quote.total_pence, reason: 'all' }), 422, 'invalid', 'pence');
});

test('many payments at once: the balance is never overpaid', async () => {
  const { client, quote, course } = await accepted();
  const half = Math.floor(quote.total_pence / 2);
  const answers = await Promise.all(Array.from({ length: 12 }, () => pay(course, { method: 'card', pence: half })));
  const made = answers.filter((r) => r.status === 201).length;
  assert.equal(made, 2, `two halves fit, the rest are refused: ${answers.map((r) => r.status)}`);
  for (const r of answers) assert.ok([201, 422].includes(r.status), `status ${r.status}`);
  const [a] = await account(client.id);
  assert.equal(a.paid_pence, 2 * half);
  assert.ok(a.balance_pence >= 0);
});

test('a course without an accepted quote takes no money; finance is recorded on the course', async () => {
  const client = (await desk.post('/api/v1/clients', { first_name: 'NoQuote', last_name: 'Client', clinic_id: clinic.id })).body;
  const c = (await desk.post('/api/v1/courses', { client_id: client.id, protocol: 'three_14_21' })).body;
  expectError(await pay(c.id, { method: 'cash', pence: 100 }), 422, 'invalid', 'pence');
  expectError(await pay(99999999, { method: 'cash', pence: 100 }), 404, 'not_found', null);
  const { client: fc, course } = await accepted();
  expectError(await desk.put(`/api/v1/courses/${course}/finance`, { reference: 'x' }), 422, 'invalid', 'provider');
  const f = await desk.put(`/api/v1/courses/${course}/finance`, { provider: 'Example Finance Ltd', reference: 'EF-123456' });
  expectStatus(f, 200);
  assert.equal(f.body.finance_provider, 'Example Finance Ltd');
  const [a] = await account(fc.id);
  assert.equal(a.finance_reference, 'EF-123456');
  expectStatus(await pay(course, { method: 'finance', pence: 1000, reference: 'EF-123456' }), 201);
  for (const p of [`/api/v1/clients/${fc.id}/account`, `/api/v1/payments/${a.payments.length ? a.payments[0].id : 1}/receipt.pdf`]) {
    assert.equal((await fetch(srv.url + p)).status, 401);
  }
});

test('the instalment calculator: £2,000 over 12 months at 9.9 % and at 0 %, refusals by field', async () => {
  let r = await desk.get('/api/v1/finance?amount_pence=200000&months=12&apr_pct=9.9');
  expectStatus(r, 200);
  assert.deepEqual([r.body.monthly_pence, r.body.last_pence, r.body.total_pence, r.body.cost_pence], [17535, 17531, 210416, 10416]);
  assert.equal(r.body.rate_pa_pct, 9.48);
  assert.match(r.body.text, /^Representative example: borrowing £2,000\.00 over 12 months\. 11 monthly payments of £175\.35 and a final payment of £175\.31\. Total amount payable £2,104\.16; total cost of credit £104\.16\. Rate of interest 9\.48% p\.a\. \(fixed\)\. Representative 9\.9% APR\.$/);
  r = await desk.get('/api/v1/finance?amount_pence=200000&months=12&apr_pct=0');
  assert.deepEqual([r.body.monthly_pence, r.body.last_pence, r.body.total_pence, r.body.cost_pence], [16667, 16663, 200000, 0]);
  expectError(await desk.get('/api/v1/finance?amount_pence=0&months=12&apr_pct=1'), 422, 'invalid', 'amount_pence');
  expectError(await desk.get('/api/v1/finance?amount_pence=100&months=121&apr_pct=1'), 422, 'invalid', 'months');
  expectError(await desk.get('/api/v1/finance?amount_pence=100&months=12&apr_pct=9.999'), 422, 'invalid', 'apr_pct');
  expectError(await desk.get('/api/v1/finance?amount_pence=100&months=12&apr_pct=abc'), 422, 'invalid', 'apr_pct');
  expectError(await desk.get('/api/v1/finance?amount_pence=100&months=12&apr_pct=5&currency=pounds'), 422, 'invalid', 'currency');
});
