// photos.test.mjs — client photos over HTTP: an upload is kept cleaned (upright, metadata and GPS
// gone — checked by exiftool, not by our code), hostile or broken files are refused with 422
// naming "file" and nothing is kept, photos are for signed-in staff only and every access is
// audited; a design can use a photo of its client as its background, and the preview route
// draws an unsaved design without keeping anything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { serverForFile, expectStatus, expectError, clinicBody, sleep } from './lib.mjs';
import { png, hugePng, gpsJpeg, exif } from './images.mjs';
import { makeClinic, makePractitioner, makeClient, nextMonday, addDays } from './sched.mjs';

const srv = await serverForFile();
const staff = await srv.userClient('reception');
const owner = await srv.userClient('owner');
const clinic = (await owner.post('/api/v1/clinics', clinicBody({ name: 'Photo Clinic' }))).body;
const newClient = async (first) => (await staff.post('/api/v1/clients', { first_name: first, last_name: 'Lens', clinic_id: clinic.id })).body;
const client = await newClient('Pat');
const other = await newClient('Oth');

const upload = (who, id, bytes, type = 'image/png', label = 'front') =>
  who.request('POST', `/api/v1/clients/${id}/photos?label=${label}`, undefined, { raw: bytes, contentType: type });

async function binary(who, p, init = {}) {
  const headers = { cookie: `stipple_session=${who.cookie}`, ...(init.headers || {}) };
  if (init.method === 'POST') Object.assign(headers, { 'x-csrf-token': who.csrf, 'content-type': 'application/json' });
  const res = await fetch(srv.url + p, { ...init, headers });
  return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
}

const photosOf = async (id) => (await staff.get(`/api/v1/clients/${id}/photos`)).body.items;

test('a photo is kept upright with its metadata and GPS position stripped, and a thumbnail', async () => {
  const jpeg = await gpsJpeg(srv.tmp, 300, 200);
  const before = await exif(path.join(srv.tmp, 'gps.jpg'));
  assert.ok(before['GPS:GPSLatitude'], 'the test file carries a GPS position');
  assert.equal(before['IFD0:Orientation'], 6);
  const r = await upload(staff, client.id, jpeg, 'image/jpeg', 'top');
  expectStatus(r, 201);
  assert.equal(r.body.client_id, client.id);
  assert.equal(r.body.label, 'top');
  assert.deepEqual([r.body.width, r.body.height], [200, 300], 'turned upright: orientation 6 swaps the sides');
  assert.equal(r.body.marketing_consent, false);

  const img = await binary(staff, `/api/v1/photos/${r.body.id}/image`);
  assert.equal(img.status, 200);
  assert.equal(img.type, 'image/jpeg');
  const file = path.join(srv.tmp, 'served.jpg');
  writeFileSync(file, img.body);
  const tags = await exif(file);
  assert.equal(tags['File:ImageWidth'], 200);
  assert.equal(tags['File:ImageHeight'], 300);
  const left = Object.keys(tags).filter((k) => /^(GPS|IFD0|ExifIFD|XMP|ICC|IFD1)/.test(k) || /GPS|Orientation|Artist/.test(k));
  assert.deepEqual(left, [], `no metadata survives: ${left.join(', ')}`);

  const thumb = await binary(staff, `/api/v1/photos/${r.body.id}/thumb`);
  assert.equal(thumb.type, 'image/jpeg');
  writeFileSync(file, thumb.body);
  const t = await exif(file);
  assert.ok(Math.max(t['File:ImageWidth'], t['File:ImageHeight']) <= 320, 'the thumbnail is small');

  const list = await photosOf(client.id);
  assert.deepEqual(list.map((p) => p.id), [r.body.id]);
  assert.equal((await photosOf(other.id)).length, 0, "another client's photos are separate");
});

test('a large PNG is shrunk to 2400 pixels and transparency is flattened', async () => {
  const big = png(3000, 600, (x) => [x % 256, 100, 50]);
  const r = await upload(staff, other.id, big);
  expectStatus(r, 201);
  assert.deepEqual([r.body.width, r.body.height], [2400, 480]);
});

test('hostile, broken and wrong files are refused naming the field, and nothing is kept', async () => {
  const c = await newClient('Bad');
  const good = png(40, 30, () => [10, 20, 30]);
  const jpeg = await gpsJpeg(srv.tmp, 64, 48);
  expectError(await upload(staff, c.id, hugePng(100000, 100000)), 422, 'invalid', 'file', 'a header claiming 10 gigapixels');
  expectError(await upload(staff, c.id, hugePng(20000, 100)), 422, 'invalid', 'file', 'too wide');
  expectError(await upload(staff, c.id, good.subarray(0, good.length - 20)), 422, 'invalid', 'file', 'truncated PNG');
  expectError(await upload(staff, c.id, jpeg.subarray(0, jpeg.length / 2), 'image/jpeg'), 422, 'invalid', 'file', 'truncated JPEG');
  expectError(await upload(staff, c.id, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')), 422, 'invalid', 'file', 'SVG sent as PNG');
  expectError(await upload(staff, c.id, Buffer.from('GIF89a\x01\x00\x01\x00')), 422, 'invalid', 'file', 'GIF sent as PNG');
  expectError(await upload(staff, c.id, Buffer.alloc(0)), 422, 'invalid', 'file', 'empty');
  expectError(await upload(staff, c.id, good, 'image/gif'), 415, 'unsupported_media_type', null, 'GIF type');
  expectError(await upload(staff, c.id, good, 'image/png', 'sideways'), 422, 'invalid', 'label');
  expectError(await upload(staff, 999999, good), 404, 'not_found', null);
  assert.equal((await photosOf(c.id)).length, 0);
  expectStatus(await upload(staff, c.id, good), 201); // the server still works
});

test('photos are for signed-in staff only, and every access is audited', async () => {
  const c = await newClient('Aud');
  const id = (await upload(staff, c.id, png(50, 50, () => [1, 2, 3]))).body.id;
  for (const p of [`/api/v1/photos/${id}/image`, `/api/v1/photos/${id}/thumb`, `/api/v1/clients/${c.id}/photos`]) {
    const res = await fetch(srv.url + p);
    assert.equal(res.status, 401, `${p} refused to anonymous callers`);
  }
  assert.equal((await fetch(`${srv.url}/api/v1/clients/${c.id}/photos`, { method: 'POST', body: png(2, 2, () => [0, 0, 0]), headers: { 'content-type': 'image/png' } })).status, 401);
  expectStatus(await staff.get(`/api/v1/clients/${c.id}/photos`), 200);
  assert.equal((await binary(staff, `/api/v1/photos/${id}/image`)).status, 200);
  assert.equal((await binary(staff, '/api/v1/photos/999999/image')).status, 404);
  let got = [];
  for (let waited = 0; waited <= 5000; waited += 200) {
    got = (await owner.all(`/api/v1/audit?client_id=${c.id}`)).filter((e) => e.entity === 'photo');
    if (['create', 'list', 'read'].every((a) => got.some((e) => e.action === a))) break;
    await sleep(200);
  }
  for (const a of ['create', 'list', 'read']) assert.ok(got.some((e) => e.action === a && e.entity_id === id), `a ${a} entry: ${JSON.stringify(got)}`);
});

const design = (background) => ({
  version: 1,
  canvas: { width_mm: 100, height_mm: 60, px_per_mm: 4 },
  background,
  area: [[20, 10], [80, 10], [80, 50], [20, 50]],
  hairline: { points: [[20, 10], [50, 12], [80, 10]], style: 'feathered', transition_mm: 8 },
  density_per_cm2: 60,
  sessions: [0.3, 0.7, 1.0],
  seed: 3,
});

test('a design draws a photo of its client behind the dots; another client\'s photo is refused', async () => {
  const mine = (await upload(staff, client.id, png(500, 300, (x, y) => [30 + (x % 200), 200, 90 + (y % 100)]))).body.id;
  const theirs = (await photosOf(other.id))[0].id;
  expectError(await staff.post('/api/v1/designs', { client_id: client.id, design: design(`photo:${theirs}`) }), 422, 'invalid', 'design.background');
  expectError(await staff.post('/api/v1/designs', { client_id: client.id, design: design('photo:abc') }), 422, 'invalid', 'design.background');
  expectError(await staff.post('/api/v1/designs', { client_id: client.id, design: design('/etc/passwd') }), 422, 'invalid', 'design.background');
  const saved = await staff.post('/api/v1/designs', { client_id: client.id, design: design(`photo:${mine}`) });
  expectStatus(saved, 201);
  const withPhoto = await binary(staff, `/api/v1/designs/${saved.body.id}/render.svg?session=0`);
  assert.match(withPhoto.body.toString(), /<image [^>]*href="data:image\/jpeg;base64,\/9j\//, 'the photo is embedded');
  assert.equal((withPhoto.body.toString().match(/<circle /g) || []).length, 0, 'session 0 is the "before": no dots');
  const plain = (await staff.post('/api/v1/designs', { client_id: client.id, design: design(null) })).body.id;
  const a = await binary(staff, `/api/v1/designs/${saved.body.id}/render.png?session=1`);
  const b = await binary(staff, `/api/v1/designs/${plain}/render.png?session=1`);
  assert.equal(a.type, 'image/png');
  assert.equal(a.body.readUInt32BE(16), 400);
  assert.ok(a.body.length > b.body.length * 1.5, `the photo behind makes a fuller picture (${a.body.length} vs ${b.body.length} bytes)`);
  const pdf = await binary(staff, `/api/v1/designs/${saved.body.id}/render.pdf`);
  assert.equal(pdf.type, 'application/pdf');
});

test('preview draws an unsaved design for any session and keeps nothing', async () => {
  const before = (await staff.get(`/api/v1/designs?client_id=${other.id}`)).body.items.length;
  const body = JSON.stringify({ client_id: other.id, design: design(null) });
  const svg = async (q) => (await binary(staff, `/api/v1/designs/preview?format=svg&${q}`, { method: 'POST', body })).body.toString();
  const circles = (s) => (s.match(/<circle /g) || []).length;
  const s1 = await svg('session=1'), s3 = await svg('session=3'), s0 = await svg('session=0');
  assert.ok(circles(s1) > 0 && circles(s3) > 2.5 * circles(s1), `session 3 has all the dots (${circles(s1)} → ${circles(s3)})`);
  assert.equal(circles(s0), 0);
  const healed = await svg('session=3&healed=true&years=5&sun=high&oily=true');
  assert.equal(circles(healed), circles(s3));
  assert.notEqual(healed, s3, 'healed and aged dots look different');
  const p = await binary(staff, '/api/v1/designs/preview?session=2', { method: 'POST', body });
  assert.equal(p.status, 200);
  assert.equal(p.type, 'image/png');
  assert.equal(p.body.readUInt32BE(16), 400);
  const bad = await staff.post('/api/v1/designs/preview?format=png', { client_id: other.id, design: { ...design(null), density_per_cm2: 0 } });
  expectError(bad, 422, 'invalid', 'design.density_per_cm2');
  expectError(await staff.post('/api/v1/designs/preview?session=7', { client_id: other.id, design: design(null) }), 422, 'invalid', 'session');
  expectError(await staff.post('/api/v1/designs/preview?format=gif', { client_id: other.id, design: design(null) }), 422, 'invalid', 'format');
  expectError(await staff.post('/api/v1/designs/preview', { client_id: 999999, design: design(null) }), 422, 'invalid', 'client_id');
  assert.equal((await staff.get(`/api/v1/designs?client_id=${other.id}`)).body.items.length, before, 'nothing kept');
});

test('session photos: before and after a session, on the client\'s own appointment only', async () => {
  const manager = await srv.userClient('manager');
  const week = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['08:00', '20:00']]]));
  const { clinic: k } = await makeClinic(manager, { hours: week });
  const p = await makePractitioner(manager, [k.id]);
  const c = await makeClient(staff, k.id);
  const stranger = await makeClient(staff, k.id);
  const appt = await manager.post('/api/v1/appointments', { clinic_id: k.id, practitioner_id: p.id, client_id: c.id, kind: 'session', start: `${addDays(nextMonday(1), 2)}T09:00`, duration_min: 60 });
  expectStatus(appt, 201);
  const up = (who, stage) => staff.request('POST', `/api/v1/clients/${who.id}/photos?label=front&stage=${stage}&appointment_id=${appt.body.id}`, undefined, { raw: png(60, 40, () => [9, 9, 9]), contentType: 'image/png' });
  const before = await up(c, 'before');
  expectStatus(before, 201);
  assert.equal(before.body.stage, 'before');
  assert.equal(before.body.appointment_id, appt.body.id);
  expectStatus(await up(c, 'after'), 201);
  const listed = (await staff.get(`/api/v1/clients/${c.id}/photos`)).body.items;
  assert.deepEqual(listed.map((x) => x.stage).sort(), ['after', 'before']);
  expectError(await up(stranger, 'before'), 422, 'invalid', 'appointment_id', "another client's appointment");
});

test('photo details: stage, marketing consent and deletion, with refusals by field', async () => {
  const tech = await srv.userClient('practitioner');
  const c = await newClient('Det');
  const other = await newClient('Oth2');
  const up = (q) => staff.request('POST', `/api/v1/clients/${c.id}/photos?${q}`, undefined, { raw: png(60, 40, () => [9, 9, 9]), contentType: 'image/png' });
  const made = await up('label=top&stage=after');
  expectStatus(made, 201);
  assert.equal(made.body.stage, 'after');
  assert.equal(made.body.marketing_consent, false);
  expectError(await up('stage=during'), 422, 'invalid', 'stage');
  expectError(await up('appointment_id=abc'), 422, 'invalid', 'appointment_id');
  expectError(await up('appointment_id=999999'), 422, 'invalid', 'appointment_id');
  const id = made.body.id;
  const yes = await staff.patch(`/api/v1/photos/${id}`, { marketing_consent: true, stage: 'healed' });
  expectStatus(yes, 200);
  assert.equal(yes.body.marketing_consent, true);
  assert.equal(yes.body.stage, 'healed');
  assert.equal((await staff.get(`/api/v1/clients/${c.id}/photos`)).body.items[0].marketing_consent, true);
  expectError(await staff.patch(`/api/v1/photos/${id}`, { marketing_consent: 'yes' }), 422, 'invalid', 'marketing_consent');
  expectError(await staff.patch(`/api/v1/photos/${id}`, { label: 'sideways' }), 422, 'invalid', 'label');
  expectError(await staff.patch(`/api/v1/photos/${id}`, { price: 1 }), 422, 'invalid', 'price');
  expectError(await staff.del(`/api/v1/photos/${id}`), 403, 'forbidden', null, 'reception may not delete a photo');
  assert.equal((await tech.del(`/api/v1/photos/${id}`)).status, 204);
  assert.equal((await binary(staff, `/api/v1/photos/${id}/image`)).status, 404);
  assert.deepEqual((await staff.get(`/api/v1/clients/${c.id}/photos`)).body.items, []);
  assert.equal((await staff.get(`/api/v1/clients/${other.id}/photos`)).status, 200);
});
