// enquiries.test.mjs — the public side over HTTP: clinic details and hours without signing in, a
// quote request with up to five photos (cleaned like any photo), the honeypot, the rate limit by
// address (429 with Retry-After, refused attempts counted too), nothing lost when a photo fails,
// and the staff's inbox: read, reply status, convert into a client with the photos moved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile, expectStatus, expectError, clinicBody, sleep } from './lib.mjs';
import { png } from './images.mjs';

const srv = await serverForFile({ env: { STIPPLE_PUBLIC_RATE_HOUR: '12' } }); // a few more than the default 10: the tests send several
const owner = await srv.userClient('owner');
const desk = await srv.userClient('reception');
const clinic = (await owner.post('/api/v1/clinics', clinicBody({ name: 'Public Clinic' }))).body;
expectStatus(await owner.put(`/api/v1/clinics/${clinic.id}/hours`, { mon: [['09:00', '17:00']], sat: [['10:00', '14:00']] }), 200);
const anon = srv.anon();
const photo = (token, label = 'front', body = png(120, 90, (x, y) => [x % 256, y % 256, 80])) =>
  anon.request('POST', `/api/v1/public/enquiries/${token}/photos?label=${label}`, undefined, { raw: body, contentType: 'image/png' });
const enquire = (body) => anon.post(`/api/v1/public/clinics/${clinic.id}/enquiries`, body);
const good = { name: 'Sam Reed', email: 'sam@example.test', phone: '07700 900555', concern: 'Thinning at the crown for three years.', health_consent: true };

test('clinic details and opening hours are public', async () => {
  const list = await anon.get('/api/v1/public/clinics');
  expectStatus(list, 200);
  const mine = list.body.items.find((c) => c.id === clinic.id);
  assert.equal(mine.name, 'Public Clinic');
  assert.deepEqual(mine.hours.mon, [['09:00', '17:00']]);
  assert.ok(!('price_uplift_pct' in mine) && !('eligibility' in mine), 'internal settings are not shown');
  expectStatus(await anon.get(`/api/v1/public/clinics/${clinic.id}`), 200);
  expectError(await anon.get('/api/v1/public/clinics/999999'), 404, 'not_found', null);
});

let converted;
test('a quote request with photos reaches the inbox; converting makes the client with the photos', async () => {
  const r = await enquire(good);
  expectStatus(r, 201);
  assert.equal(r.body.max_photos, 5);
  const token = r.body.upload_token;
  for (const label of ['front', 'top']) expectStatus(await photo(token, label), 201);
  expectError(await photo(token, 'front', Buffer.from('not an image')), 422, 'invalid', 'file');
  expectError(await photo(token, 'sideways'), 422, 'invalid', 'label');
  expectError(await photo('u_wrongtoken123456789012345'), 404, 'not_found', null);

  const inbox = (await desk.get(`/api/v1/enquiries?clinic_id=${clinic.id}&status=new`)).body.items;
  const mine = inbox.find((q) => q.email === 'sam@example.test');
  assert.ok(mine, 'the enquiry is in the inbox');
  assert.equal(mine.photos, 2, 'the refused file did not lose the earlier photos');
  const full = (await desk.get(`/api/v1/enquiries/${mine.id}`)).body;
  assert.deepEqual(full.photo_items.map((p) => p.label), ['front', 'top']);
  const img = await fetch(`${srv.url}/api/v1/enquiry-photos/${full.photo_items[0].id}/image`, { headers: { cookie: `stipple_session=${desk.cookie}` } });
  assert.equal(img.status, 200);
  assert.equal(img.headers.get('content-type'), 'image/jpeg');
  assert.equal((await fetch(`${srv.url}/api/v1/enquiry-photos/${full.photo_items[0].id}/image`)).status, 401);
  expectStatus(await desk.patch(`/api/v1/enquiries/${mine.id}`, { status: 'replied' }), 200);
  expectError(await desk.patch(`/api/v1/enquiries/${mine.id}`, { status: 'converted' }), 422, 'invalid', 'status');

  const conv = await desk.post(`/api/v1/enquiries/${mine.id}/convert`);
  expectStatus(conv, 201);
  converted = conv.body.client_id;
  const client = (await desk.get(`/api/v1/clients/${converted}`)).body;
  assert.deepEqual([client.first_name, client.last_name, client.email, client.clinic_id], ['Sam', 'Reed', 'sam@example.test', clinic.id]);
  const photos = (await desk.get(`/api/v1/clients/${converted}/photos`)).body.items;
  assert.equal(photos.length, 2);
  assert.ok(photos.every((p) => p.stage === 'before'));
  expectError(await desk.post(`/api/v1/enquiries/${mine.id}/convert`), 409, 'conflict', 'status');
  assert.equal((await desk.get(`/api/v1/enquiries/${mine.id}`)).body.status, 'converted');
});

test('refusals name the field; the honeypot is answered and dropped; five photos at most', async () => {
  const bad = [
    [{ ...good, name: '' }, 'name'],
    [{ ...good, email: 'not-an-email' }, 'email'],
    [{ ...good, email: undefined, phone: undefined }, 'email'],
    [{ ...good, concern: undefined }, 'concern'],
    [{ ...good, health_consent: false }, 'health_consent'],
    [{ ...good, extra: 1 }, 'extra'],
  ];
  for (const [body, field] of bad) expectError(await enquire(body), 422, 'invalid', field, JSON.stringify(body));
  const five = (await enquire({ ...good, email: 'five@example.test' })).body.upload_token;
  for (let i = 0; i < 5; i++) expectStatus(await photo(five, 'other'), 201);
  expectError(await photo(five, 'other'), 422, 'invalid', 'file', 'a sixth photo');
  const before = (await desk.get(`/api/v1/enquiries?clinic_id=${clinic.id}`)).body.items.length;
  const bot = await enquire({ ...good, email: 'bot@example.test', website: 'http://spam.example' });
  expectStatus(bot, 201, 'a bot is answered like anyone');
  assert.equal((await desk.get(`/api/v1/enquiries?clinic_id=${clinic.id}`)).body.items.length, before, 'and kept nowhere');
  expectError(await photo(bot.body.upload_token), 404, 'not_found', null);
});

test('an enquiry from someone the clinic knows joins their record instead of making a second client', async () => {
  const known = (await desk.post('/api/v1/clients', { first_name: 'Kim', last_name: 'Known', email: 'kim@example.test', clinic_id: clinic.id })).body;
  const made = await enquire({ ...good, name: 'Kim Known', email: 'kim@example.test' });
  expectStatus(made, 201);
  expectStatus(await photo(made.body.upload_token), 201);
  const q = (await desk.get(`/api/v1/enquiries?clinic_id=${clinic.id}&status=new`)).body.items.find((x) => x.email === 'kim@example.test');
  const conv = await desk.post(`/api/v1/enquiries/${q.id}/convert`);
  expectStatus(conv, 201);
  assert.equal(conv.body.client_id, known.id, 'the same client');
  const photos = (await desk.get(`/api/v1/clients/${known.id}/photos`)).body.items;
  assert.equal(photos.length, 1, 'the enquiry photo joined their record');
  const same = (await desk.get('/api/v1/clients?q=kim%40example.test')).body.items;
  assert.equal(same.length, 1, 'still one client with that email');
  // listing enquiries is an access to each one listed: the audit trail of the client shows it
  expectStatus(await desk.get(`/api/v1/enquiries?clinic_id=${clinic.id}&status=converted`), 200);
  let got = [];
  for (let waited = 0; waited <= 5000 && !got.length; waited += 200) {
    got = (await owner.all(`/api/v1/audit?client_id=${known.id}`)).filter((x) => x.entity === 'enquiry' && x.action === 'list');
    if (!got.length) await sleep(200);
  }
  assert.equal(got[0]?.entity_id, q.id, 'a list entry for the enquiry');
});

test('inviting an enquirer to a free consultation makes the client and queues the invitation', async () => {
  expectStatus(await enquire({ ...good, name: 'Ivy Invited', email: 'ivy@example.test' }), 201);
  const q = (await desk.get(`/api/v1/enquiries?clinic_id=${clinic.id}&status=new`)).body.items.find((x) => x.email === 'ivy@example.test');
  const r = await desk.post(`/api/v1/enquiries/${q.id}/invite`);
  expectStatus(r, 200);
  const msgs = (await desk.get(`/api/v1/clients/${r.body.client_id}/messages`)).body.items;
  const invite = msgs.find((m) => m.kind === 'invite');
  assert.ok(invite, JSON.stringify(msgs));
  assert.equal(invite.to, 'ivy@example.test');
  assert.match(invite.body, new RegExp(`/#/book/${clinic.id}`));
  assert.equal((await desk.get(`/api/v1/enquiries/${q.id}`)).body.status, 'converted');
});

test('too many requests from one address: 429 with Retry-After, refused attempts counted', async () => {
  let last;
  for (let i = 0; i < 20 && (!last || last.status !== 429); i++) last = await enquire({ ...good, email: `many${i}@example.test` });
  assert.equal(last.status, 429);
  assert.equal(last.body.error.code, 'throttled');
  assert.ok(Number(last.headers.get('retry-after')) > 0);
  expectError(await enquire({ ...good, name: '' }), 429, 'throttled', null, 'a bad request is refused by the limit first');
});

