// quotes.test.mjs — price books and quotes over HTTP: the default book of a clinic, editing it
// (owners and managers only, refusals naming the field), pricing by Norwood band, size and the
// clinic's uplift rounded half up to whole pence, discounts, the deposit, a consultation's
// classification filling the stage, validity and expiry, and accepting a quote creating the
// treatment course with the quoted sessions. Quotes are audited like client records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { serverForFile, expectStatus, expectError, clinicBody, sleep, run } from './lib.mjs';

const srv = await serverForFile();
const owner = await srv.userClient('owner');
const manager = await srv.userClient('manager');
const desk = await srv.userClient('reception');
const london = (await owner.post('/api/v1/clinics', clinicBody({ name: 'Quote London', price_uplift_pct: 20 }))).body;
const plain = (await owner.post('/api/v1/clinics', clinicBody({ name: 'Quote Plain', price_uplift_pct: 0 }))).body;
let seq = 0;
const newClient = async (clinic = london) => (await desk.post('/api/v1/clients', { first_name: `Q${++seq}`, last_name: 'Buyer', clinic_id: clinic.id })).body;
const quote = (body) => desk.post('/api/v1/quotes', body);

test('a new clinic prices from the default book: 3 visits, bands rising with the Norwood stage', async () => {
  const r = await desk.get(`/api/v1/clinics/${plain.id}/price-book`);
  expectStatus(r, 200);
  assert.equal(r.body.currency, 'GBP');
  assert.equal(r.body.sessions_included, 3);
  assert.deepEqual(r.body.prices.touch_up, [20000]);
  const [a, b, c] = r.body.prices.hairline;
  assert.ok(a < b && b < c, 'II–III below IV–V below VI–VII');
  assert.ok(r.body.prices.scar[0] >= 30000 && r.body.prices.scar[0] <= 45000, 'small scar £300–£450');
  assert.deepEqual(r.body.bands.hairline, ['Norwood I–III', 'Norwood IV–V', 'Norwood VI–VII']);
  const ldn = (await desk.get(`/api/v1/clinics/${london.id}/price-book`)).body;
  assert.equal(ldn.prices_with_uplift.hairline[1], Math.round(ldn.prices.hairline[1] * 1.2), 'London +20 %');
});

test('only owners and managers edit the book; bad prices are refused naming the field', async () => {
  const book = `/api/v1/clinics/${plain.id}/price-book`;
  expectError(await desk.put(book, { valid_days: 10 }), 403, 'forbidden', null);
  const bad = [
    [{ prices: { eyebrows: [1] } }, 'prices.eyebrows'],
    [{ prices: { hairline: [100000, 90000, 120000] } }, 'prices.hairline'],
    [{ prices: { hairline: [1, 2] } }, 'prices.hairline'],
    [{ prices: { touch_up: [12.5] } }, 'prices.touch_up'],
    [{ prices: { touch_up: [-1] } }, 'prices.touch_up'],
    [{ sessions_included: 9 }, 'sessions_included'],
    [{ deposit: { percent: 20, fixed_pence: 100 } }, 'deposit'],
    [{ deposit: { percent: 12.345 } }, 'deposit.percent'],
    [{ colour: 'red' }, 'colour'],
  ];
  for (const [body, field] of bad) expectError(await manager.put(book, body), 422, 'invalid', field, JSON.stringify(body));
  const before = (await desk.get(book)).body;
  assert.deepEqual(before.prices.hairline, (await desk.get(`/api/v1/clinics/${london.id}/price-book`)).body.prices.hairline, 'nothing was written');
  const r = await manager.put(book, { prices: { touch_up: [25000], hairline: [110000, 150000, 190000] }, valid_days: 14, deposit: { fixed_pence: 30000 } });
  expectStatus(r, 200);
  assert.deepEqual(r.body.prices.touch_up, [25000]);
  assert.deepEqual(r.body.prices.crown, before.prices.crown, 'areas not given keep their prices');
  assert.deepEqual(r.body.deposit, { fixed_pence: 30000 });
  assert.deepEqual((await desk.get(book)).body.prices.hairline, [110000, 150000, 190000]);
});

test('a Norwood V hairline and crown in London: lines with the uplift, discount, deposit, 3 visits', async () => {
  const client = await newClient();
  const book = (await desk.get(`/api/v1/clinics/${london.id}/price-book`)).body;
  const r = await quote({ client_id: client.id, clinic_id: london.id, areas: ['hairline', 'crown'], scale: 'norwood', stage: 'V', discount_pct: 12.5, notes: 'Prefers evenings' });
  expectStatus(r, 201);
  const q = r.body;
  assert.equal(q.status, 'draft');
  assert.equal(q.currency, 'GBP');
  assert.equal(q.sessions_included, 3);
  assert.deepEqual(q.areas, ['hairline', 'crown']);
  assert.deepEqual(q.lines.map((l) => l.band), ['Norwood IV–V', 'Norwood IV–V']);
  assert.deepEqual(q.lines.map((l) => l.pence), [book.prices.hairline[1], book.prices.crown[1]].map((p) => Math.round(p * 1.2)));
  for (const l of q.lines) assert.ok(Number.isInteger(l.pence));
  assert.equal(q.subtotal_pence, q.lines[0].pence + q.lines[1].pence);
  assert.equal(q.discount_pence, Math.round(q.subtotal_pence * 0.125));
  assert.equal(q.total_pence, q.subtotal_pence - q.discount_pence);
  assert.equal(q.deposit_pence, Math.round(q.total_pence * 0.2));
  assert.match(q.total_text, /^£\d{1,3}(,\d{3})*\.\d\d$/);
  assert.ok(q.estimated_hours >= 10 && q.estimated_hours <= 30, `estimated hours ${q.estimated_hours}`);
  const today = new Date().toISOString().slice(0, 10);
  const days = (Date.parse(q.valid_until) - Date.parse(today)) / 86400000;
  assert.ok(days >= 29 && days <= 31, `valid for 30 days (${q.valid_until})`);
  assert.deepEqual((await desk.get(`/api/v1/quotes/${q.id}`)).body, q);
  const list = (await desk.get(`/api/v1/quotes?client_id=${client.id}`)).body.items;
  assert.deepEqual(list.map((x) => x.id), [q.id]);
});

test('uplift rounds half up to whole pence; scars are priced by size', async () => {
  const c = (await owner.post('/api/v1/clinics', clinicBody({ price_uplift_pct: 15 }))).body;
  expectStatus(await owner.put(`/api/v1/clinics/${c.id}/price-book`, { prices: { scar: [33333, 60000, 90000], touch_up: [10] } }), 200);
  const client = await newClient(c);
  const small = (await quote({ client_id: client.id, areas: ['scar'], size_cm2: 8 })).body;
  assert.equal(small.clinic_id, c.id, "the client's clinic by default");
  assert.equal(small.lines[0].pence, 38333, '333.33 × 1.15 = 383.3295 → £383.33');
  assert.equal(small.lines[0].band, 'up to 10 cm²');
  const large = (await quote({ client_id: client.id, areas: ['scar'], size_cm2: 45 })).body;
  assert.equal(large.lines[0].pence, Math.round(90000 * 1.15));
  const tiny = (await quote({ client_id: client.id, areas: ['touch_up'] })).body;
  assert.equal(tiny.lines[0].pence, 12, '10p + 15 % = 11.5p → 12p (half up)');
});

test('a consultation fills the stage; what cannot be priced is refused naming the field', async () => {
  const client = await newClient();
  const cons = await manager.post(`/api/v1/clients/${client.id}/consultations`, { date: '2026-11-20', mode: 'in_person', goal: 'shaved_look', scale: 'norwood', stage: 'VI' });
  expectStatus(cons, 201);
  const q = (await quote({ client_id: client.id, clinic_id: london.id, consultation_id: cons.body.id, areas: ['full_scalp'] })).body;
  assert.equal(q.stage, 'VI');
  assert.equal(q.lines[0].band, 'Norwood VI–VII');
  const before = (await desk.get(`/api/v1/quotes?client_id=${client.id}`)).body.items.length;
  const bad = [
    [{ areas: ['eyebrows'] }, 'areas'],
    [{ areas: [] }, 'areas'],
    [{ areas: ['crown', 'crown'], stage: 'V', scale: 'norwood' }, 'areas'],
    [{ areas: ['hairline'] }, 'stage'],
    [{ areas: ['hairline'], scale: 'norwood', stage: 'IX' }, 'stage'],
    [{ areas: ['scar'] }, 'size_cm2'],
    [{ areas: ['scar'], size_cm2: -3 }, 'size_cm2'],
    [{ areas: ['touch_up'], discount_pct: 101 }, 'discount_pct'],
    [{ areas: ['touch_up'], discount_pct: 'ten' }, 'discount_pct'],
    [{ areas: ['touch_up'], price: 1 }, 'price'],
  ];
  for (const [body, field] of bad) expectError(await quote({ client_id: client.id, ...body }), 422, 'invalid', field, JSON.stringify(body));
  expectError(await quote({ client_id: 99999999, areas: ['touch_up'] }), 422, 'invalid', 'client_id');
  const other = await newClient();
  expectError(await quote({ client_id: other.id, consultation_id: cons.body.id, areas: ['crown'] }), 422, 'invalid', 'consultation_id');
  assert.equal((await desk.get(`/api/v1/quotes?client_id=${client.id}`)).body.items.length, before, 'nothing was written');
});

test('accepting a quote creates the course of its sessions, once; declined and accepted quotes stay so', async () => {
  const client = await newClient();
  const q = (await quote({ client_id: client.id, areas: ['hairline'], scale: 'norwood', stage: 'III' })).body;
  const sent = await desk.post(`/api/v1/quotes/${q.id}/send`);
  expectStatus(sent, 200);
  assert.equal(sent.body.status, 'sent');
  const acc = await desk.post(`/api/v1/quotes/${q.id}/accept`);
  expectStatus(acc, 200);
  assert.equal(acc.body.status, 'accepted');
  assert.ok(acc.body.course_id);
  const course = (await desk.get(`/api/v1/courses/${acc.body.course_id}`)).body;
  assert.equal(course.client_id, client.id);
  assert.equal(course.protocol.sessions, 3, 'the quoted 3 visits');
  expectError(await desk.post(`/api/v1/quotes/${q.id}/accept`), 409, 'conflict', 'status');
  expectError(await desk.post(`/api/v1/quotes/${q.id}/decline`), 409, 'conflict', 'status');
  const q2 = (await quote({ client_id: client.id, areas: ['touch_up'] })).body;
  expectStatus(await desk.post(`/api/v1/quotes/${q2.id}/decline`), 200);
  expectError(await desk.post(`/api/v1/quotes/${q2.id}/accept`), 409, 'conflict', 'status');
  expectError(await desk.post('/api/v1/quotes/99999999/accept'), 404, 'not_found', null);
});

test('a touch-up alone is one session, and accepting it books a one-session course', async () => {
  const c = (await owner.post('/api/v1/clinics', clinicBody())).body;
  const client = await newClient(c);
  const q = (await quote({ client_id: client.id, areas: ['touch_up'] })).body;
  assert.equal(q.sessions_included, 1);
  const both = (await quote({ client_id: client.id, areas: ['touch_up', 'crown'], scale: 'norwood', stage: 'V' })).body;
  assert.equal(both.sessions_included, 3, 'with another area it is a course again');
  const acc = (await desk.post(`/api/v1/quotes/${q.id}/accept`)).body;
  const course = (await desk.get(`/api/v1/courses/${acc.course_id}`)).body;
  assert.equal(course.protocol.sessions, 1);
});

test('two sessions in the book give a two-session course; quotes are audited', async () => {
  const c = (await owner.post('/api/v1/clinics', clinicBody())).body;
  expectStatus(await owner.put(`/api/v1/clinics/${c.id}/price-book`, { sessions_included: 2 }), 200);
  const client = await newClient(c);
  const q = (await quote({ client_id: client.id, areas: ['patch'], size_cm2: 20 })).body;
  assert.equal(q.sessions_included, 2);
  const acc = (await desk.post(`/api/v1/quotes/${q.id}/accept`)).body;
  assert.equal((await desk.get(`/api/v1/courses/${acc.course_id}`)).body.protocol.sessions, 2);
  await desk.get(`/api/v1/quotes/${q.id}`);
  let got = [];
  for (let waited = 0; waited <= 5000; waited += 200) {
    got = (await owner.all(`/api/v1/audit?client_id=${client.id}`)).filter((e) => e.entity === 'quote');
    if (['create', 'update', 'read'].every((a) => got.some((e) => e.action === a))) break;
    await sleep(200);
  }
  for (const a of ['create', 'update', 'read']) assert.ok(got.some((e) => e.action === a && e.entity_id === q.id), `a ${a} entry: ${JSON.stringify(got)}`);
});

async function pdfText(res, name) {
  assert.equal(res.status, 200, `PDF answer ${res.status}`);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const file = path.join(srv.tmp, name);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const info = await run('pdfinfo', [file]);
  assert.equal(info.code, 0, info.stderr);
  assert.match(info.stdout, /595\.\d* x 841\.\d* pts/, 'A4');
  const fonts = await run('pdffonts', [file]);
  const rows = fonts.stdout.split('\n').slice(2).filter(Boolean);
  assert.ok(rows.length > 0 && rows.every((r) => /\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/.test(r)), `every font embedded (subset):\n${fonts.stdout}`);
  return (await run('pdftotext', ['-layout', file, '-'])).stdout;
}

test('the quote PDF names the clinic, the client, every line and the total as text', async () => {
  const client = await newClient();
  const q = (await quote({ client_id: client.id, areas: ['hairline', 'crown'], scale: 'norwood', stage: 'V', discount_pct: 10 })).body;
  const text = await pdfText(await fetch(`${srv.url}/api/v1/quotes/${q.id}.pdf`, { headers: { cookie: `stipple_session=${desk.cookie}` } }), `quote-${q.id}.pdf`);
  assert.match(text, /Quote London/);
  assert.match(text, new RegExp(`For ${client.first_name} Buyer`));
  for (const l of q.lines) assert.ok(text.includes(l.text), `line ${l.text} in:\n${text}`);
  assert.ok(text.includes(q.total_text), `total ${q.total_text}`);
  assert.match(q.total_text, /^£\d{1,3}(,\d{3})*\.\d\d$/);
  assert.match(text, /Included: 3 visits/);
  assert.ok(text.includes(`valid until ${q.valid_until}`));
  assert.ok(text.includes(q.deposit_text), 'the deposit');
  assert.match(text, /Representative example: borrowing £[\d,]+\.\d\d over 12 months/);
  assert.match(text, /Representative 9\.9% APR/);
  assert.equal((await fetch(`${srv.url}/api/v1/quotes/${q.id}.pdf`)).status, 401, 'not without signing in');
  expectError(await desk.get('/api/v1/quotes/99999999.pdf'), 404, 'not_found', null);
  assert.equal(q.finance.months, 12);
  assert.equal(q.finance.principal_pence, q.total_pence - q.deposit_pence);
  assert.equal(q.finance.monthly_pence * 11 + q.finance.last_pence, q.finance.total_pence);
});

test('the client opens the link without signing in, reads the quote and accepts it once', async () => {
  const client = await newClient();
  const q = (await quote({ client_id: client.id, areas: ['full_scalp'], scale: 'norwood', stage: 'VII', notes: 'staff only' })).body;
  const sent = await desk.post(`/api/v1/quotes/${q.id}/send`);
  expectStatus(sent, 200);
  const token = /^\/#\/q\/(q_[A-Za-z0-9_-]{20,})$/.exec(sent.body.share_url)?.[1];
  const mail = (await desk.get(`/api/v1/clients/${client.id}/messages`)).body.items.find((m) => m.kind === 'quote');
  assert.equal(mail, undefined, 'a client without email gets no quote email');
  assert.ok(token, `a link with a secret token: ${sent.body.share_url}`);
  const anon = (p, init) => fetch(srv.url + p, init);
  const read = await anon(`/api/v1/shared/quotes/${token}`);
  assert.equal(read.status, 200);
  const shown = await read.json();
  assert.equal(shown.total_text, q.total_text);
  assert.equal(shown.client_first_name, client.first_name);
  assert.equal(shown.clinic.name, 'Quote London');
  for (const k of ['id', 'client_id', 'notes', 'course_id']) assert.ok(!(k in shown), `${k} is not shown to the client`);
  const text = await pdfText(await anon(`/api/v1/shared/quotes/${token}/pdf`), `shared-${q.id}.pdf`);
  assert.ok(text.includes(q.total_text));
  assert.equal((await anon('/api/v1/shared/quotes/q_nottherealtoken1234567890')).status, 404);
  const post = (body) => anon(`/api/v1/shared/quotes/${token}/accept`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  let r = await post({ name: ' ' });
  assert.equal(r.status, 422);
  assert.equal((await r.json()).error.field, 'name');
  r = await post({ name: 'Sam Buyer' });
  assert.equal(r.status, 200);
  const accepted = await r.json();
  assert.equal(accepted.status, 'accepted');
  assert.equal(accepted.accepted_name, 'Sam Buyer');
  r = await post({ name: 'Sam Buyer' });
  assert.equal(r.status, 409, 'accepted once only');
  const staffView = (await desk.get(`/api/v1/quotes/${q.id}`)).body;
  assert.ok(staffView.course_id, 'the course was created');
  assert.equal(staffView.accepted_name, 'Sam Buyer');
  const resent = await desk.post(`/api/v1/quotes/${q.id}/send`);
  expectError(resent, 409, 'conflict', 'status');
});

test('sending again replaces the link: the old one stops working', async () => {
  const client = await newClient();
  const q = (await quote({ client_id: client.id, areas: ['touch_up'] })).body;
  const first = (await desk.post(`/api/v1/quotes/${q.id}/send`)).body.share_url.split('/').pop();
  const second = (await desk.post(`/api/v1/quotes/${q.id}/send`)).body.share_url.split('/').pop();
  assert.notEqual(first, second);
  assert.equal((await fetch(`${srv.url}/api/v1/shared/quotes/${first}`)).status, 404);
  assert.equal((await fetch(`${srv.url}/api/v1/shared/quotes/${second}`)).status, 200);
});

test('sending a quote emails the client their link', async () => {
  const client = (await desk.post('/api/v1/clients', { first_name: 'Mia', last_name: 'Mail', clinic_id: london.id, email: 'mia@example.test' })).body;
  const q = (await quote({ client_id: client.id, areas: ['touch_up'] })).body;
  const sent = (await desk.post(`/api/v1/quotes/${q.id}/send`)).body;
  const msg = (await desk.get(`/api/v1/clients/${client.id}/messages`)).body.items.find((m) => m.kind === 'quote');
  assert.ok(msg, 'a quote message is queued');
  assert.equal(msg.to, 'mia@example.test');
  const token = /q_[A-Za-z0-9_-]+$/.exec(sent.share_url)[0];
  assert.ok(msg.body.includes(sent.share_url.replace(token, 'q_…')), 'with the link, its token hidden from the timeline');
  assert.ok(!msg.body.includes(token));
  assert.ok(msg.body.includes(q.total_text), 'and the total');
});

test('a preview prices exactly as saving would, refuses the same way and writes nothing', async () => {
  const client = await newClient();
  const cons = await manager.post(`/api/v1/clients/${client.id}/consultations`, { date: '2026-11-21', mode: 'in_person', goal: 'shaved_look', scale: 'norwood', stage: 'V' });
  expectStatus(cons, 201);
  const body = { client_id: client.id, clinic_id: london.id, consultation_id: cons.body.id, areas: ['hairline', 'crown'], discount_pct: 7.5 };
  const pre = await desk.post('/api/v1/quotes/preview', body);
  expectStatus(pre, 200);
  assert.equal(pre.body.stage, 'V', 'the consultation fills the stage');
  for (const k of ['id', 'status', 'course_id', 'created_at']) assert.ok(!(k in pre.body), `a preview has no ${k}`);
  assert.equal((await desk.get(`/api/v1/quotes?client_id=${client.id}`)).body.items.length, 0, 'nothing was saved');
  const saved = (await quote(body)).body;
  for (const k of ['lines', 'subtotal_pence', 'discount_pence', 'total_pence', 'total_text', 'deposit_pence', 'deposit_text', 'valid_until', 'sessions_included', 'estimated_hours', 'finance', 'currency']) {
    assert.deepEqual(pre.body[k], saved[k], `${k} is the same as the saved quote's`);
  }
  const fewer = (await desk.post('/api/v1/quotes/preview', { ...body, areas: ['hairline'] })).body;
  assert.ok(fewer.total_pence < pre.body.total_pence, 'one area costs less than two');
  expectError(await desk.post('/api/v1/quotes/preview', { client_id: client.id, areas: ['eyebrows'] }), 422, 'invalid', 'areas');
  expectError(await desk.post('/api/v1/quotes/preview', { client_id: client.id, areas: ['hairline'] }), 422, 'invalid', 'stage');
  expectError(await desk.post('/api/v1/quotes/preview', { client_id: client.id, areas: ['scar'] }), 422, 'invalid', 'size_cm2');
  expectError(await desk.post('/api/v1/quotes/preview', { ...body, discount_pct: 100.001 }), 422, 'invalid', 'discount_pct');
  expectError(await desk.post('/api/v1/quotes/preview', body, { csrf: false }), 403, 'csrf', null);
  assert.equal((await desk.get(`/api/v1/quotes?client_id=${client.id}`)).body.items.length, 1, 'only the saved quote');
});
