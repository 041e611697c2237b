// designs.test.mjs — hairline designs over HTTP: a version is kept with the simulator's summary,
// bad design files are refused naming the key, and the renders are real files: the PNG's size
// is canvas × px_per_mm, the SVG has one <circle> per impression of the sessions shown, and the
// PDF design sheet is read back by poppler (pdfinfo, pdftotext), not by our own code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { serverForFile, expectStatus, expectError, clinicBody, run } from './lib.mjs';

const srv = await serverForFile();
const staff = await srv.userClient('practitioner');
const owner = await srv.userClient('owner');
const clinic = (await owner.post('/api/v1/clinics', clinicBody({ name: 'Design Clinic' }))).body;
const client = (await staff.post('/api/v1/clients', { first_name: 'Dot', last_name: 'Matrix', clinic_id: clinic.id })).body;

const design = {
  version: 1,
  canvas: { width_mm: 120, height_mm: 80, px_per_mm: 5 },
  background: null,
  area: [[20, 10], [100, 10], [100, 60], [20, 60]],
  hairline: { points: [[20, 10], [60, 12], [100, 10]], style: 'soft', transition_mm: 6 },
  density_per_cm2: 60,
  sessions: [0.3, 0.7, 1.0],
  dot: { diameter_mm: 0.25 },
  pigment: { color: '#2b2622', dilution_pct: [60, 40, 40] },
  seed: 7,
};

async function binary(p) {
  const res = await fetch(srv.url + p, { headers: { cookie: `stipple_session=${staff.cookie}` } });
  return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
}

test('a design version is kept with area, impressions and minutes per session', async () => {
  const r = await staff.post('/api/v1/designs', { client_id: client.id, design });
  expectStatus(r, 201);
  assert.equal(r.body.version, 1);
  assert.ok(Math.abs(r.body.area_cm2 - 40) < 0.01, `80 × 50 mm is 40 cm², got ${r.body.area_cm2}`);
  const imp = r.body.impressions_per_session;
  assert.equal(imp.length, 3);
  const total = imp.reduce((a, b) => a + b, 0);
  assert.ok(total > 0.75 * 60 * 40 && total < 1.05 * 60 * 40, `about 60/cm² over 40 cm² less the hairline ramp: ${total}`);
  assert.ok(Math.abs(imp[0] / total - 0.3) < 0.05, `session 1 is about 30% (${imp})`);
  assert.deepEqual(r.body.estimated_minutes, imp.map((n) => Math.ceil((n / 4500) * 60)));
  const again = await staff.post('/api/v1/designs', { client_id: client.id, design: { ...design, seed: 8 } });
  assert.equal(again.body.version, 2);
  const list = await staff.get(`/api/v1/designs?client_id=${client.id}`);
  assert.deepEqual(list.body.items.map((x) => x.version), [2, 1]);
  const one = await staff.get(`/api/v1/designs/${r.body.id}`);
  assert.deepEqual(one.body.design, design);
  // the clinic's own working rate drives the estimate
  assert.equal((await staff.get(`/api/v1/clinics/${clinic.id}`)).body.impressions_per_hour, 4500);
  expectError(await owner.patch(`/api/v1/clinics/${clinic.id}`, { impressions_per_hour: 50 }), 422, 'invalid', 'impressions_per_hour');
  expectStatus(await owner.patch(`/api/v1/clinics/${clinic.id}`, { impressions_per_hour: 3000 }), 200);
  const slower = await staff.post('/api/v1/designs', { client_id: client.id, design });
  assert.deepEqual(slower.body.estimated_minutes, slower.body.impressions_per_session.map((n) => Math.ceil((n / 3000) * 60)));
  expectStatus(await owner.patch(`/api/v1/clinics/${clinic.id}`, { impressions_per_hour: 4500 }), 200);
});

test('bad design files are refused naming the key, and nothing is kept', async () => {
  const before = (await staff.get(`/api/v1/designs?client_id=${client.id}`)).body.items.length;
  const bad = [
    [{ ...design, version: 2 }, 'design.version'],
    [{ ...design, canvas: { ...design.canvas, width_mm: 5000 } }, 'design.canvas.width_mm'],
    [{ ...design, hairline: { ...design.hairline, style: 'wavy' } }, 'design.hairline.style'],
    [{ ...design, sessions: [0.7, 0.3] }, 'design.sessions'],
    [{ ...design, area: [[1, 1], [2, 2]] }, 'design.area'],
    [{ ...design, pigment: { color: 'black' } }, 'design.pigment.color'],
    [{ ...design, colour: 'x' }, 'design.colour'],
    [{ ...design, canvas: { ...design.canvas, px_per_m: 8 } }, 'design.canvas.px_per_m'],
    [{ ...design, dot: { diameter: 0.3 } }, 'design.dot.diameter'],
    [{ ...design, pigment: { ...design.pigment, colour: '#000000' } }, 'design.pigment.colour'],
    [{ ...design, hairline: { ...design.hairline, stlye: 'soft' } }, 'design.hairline.stlye'],
    [{ ...design, ageing: { fade: 0.1 } }, 'design.ageing.fade'],
    [{ ...design, ageing: { fade_per_year: 2 } }, 'design.ageing.fade_per_year'],
  ];
  for (const [d, field] of bad) expectError(await staff.post('/api/v1/designs', { client_id: client.id, design: d }), 422, 'invalid', field);
  expectError(await staff.post('/api/v1/designs', { client_id: 999999, design }), 422, 'invalid', 'client_id');
  assert.equal((await staff.get(`/api/v1/designs?client_id=${client.id}`)).body.items.length, before);
});

test('PNG, SVG and PDF renders are real files that other tools read', async () => {
  const id = (await staff.post('/api/v1/designs', { client_id: client.id, design })).body.id;
  const summary = (await staff.get(`/api/v1/designs/${id}`)).body;
  const png = await binary(`/api/v1/designs/${id}/render.png?session=1`);
  assert.equal(png.status, 200);
  assert.equal(png.type, 'image/png');
  assert.equal(png.body.subarray(1, 4).toString(), 'PNG');
  assert.equal(png.body.readUInt32BE(16), 120 * 5, 'width = canvas × px_per_mm');
  assert.equal(png.body.readUInt32BE(20), 80 * 5, 'height = canvas × px_per_mm');
  const s1 = await binary(`/api/v1/designs/${id}/render.svg?session=1`);
  const s3 = await binary(`/api/v1/designs/${id}/render.svg?session=3&healed=true`);
  const circles = (b) => (b.body.toString().match(/<circle /g) || []).length;
  assert.equal(circles(s1), summary.impressions_per_session[0], 'one circle per impression of session 1');
  assert.equal(circles(s3), summary.impressions_per_session.reduce((a, b) => a + b, 0), 'every impression after session 3');
  const same = await binary(`/api/v1/designs/${id}/render.svg?session=1`);
  // the ageing model is the design's to set: faster fading draws fainter dots after five years
  const fast = (await staff.post('/api/v1/designs', { client_id: client.id, design: { ...design, ageing: { fade_per_year: 0.3 } } })).body.id;
  const opacities = async (d) => (await binary(`/api/v1/designs/${d}/render.svg?session=3&years=5`)).body.toString().match(/fill-opacity="([\d.]+)"/g).map((m) => Number(/[\d.]+/.exec(m)[0]));
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const [usual, faded] = [mean(await opacities(id)), mean(await opacities(fast))];
  assert.ok(faded < usual * 0.5, `faded dots are fainter: ${faded} vs ${usual}`);
  assert.ok(same.body.equals(s1.body), 'the same design renders byte-identically');
  const pdf = await binary(`/api/v1/designs/${id}/render.pdf?session=3&years=5&sun=true`);
  assert.equal(pdf.type, 'application/pdf');
  const file = path.join(srv.tmp, `design-${id}.pdf`);
  writeFileSync(file, pdf.body);
  const info = await run('pdfinfo', [file]);
  assert.equal(info.code, 0, info.stderr);
  assert.match(info.stdout, /Pages:\s+1/);
  assert.match(info.stdout, /595\.\d* x 841\.\d* pts/, 'A4');
  const text = await run('pdftotext', [file, '-']);
  assert.match(text.stdout, /SMP design sheet/);
  assert.match(text.stdout, /Treatment area 40\.0 cm2/);
  assert.match(text.stdout, new RegExp(`Session 1: ${summary.impressions_per_session[0]} impressions`));
  expectError(await staff.get(`/api/v1/designs/${id}/render.png?session=9`), 422, 'invalid', 'session');
  expectError(await staff.get(`/api/v1/designs/${id}/render.png?years=-1`), 422, 'invalid', 'years');
});

test('stipple render writes the picture and prints the same summary as the API', async () => {
  const file = path.join(srv.tmp, 'design.json');
  writeFileSync(file, JSON.stringify(design));
  const out = path.join(srv.tmp, 'design.png');
  const r = await srv.cli(['render', file, '--session', '3', '--out', out, '--healed']);
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(r.stdout);
  const api = (await staff.post('/api/v1/designs', { client_id: client.id, design })).body;
  assert.deepEqual(summary.impressions_per_session, api.impressions_per_session);
  assert.deepEqual(summary.estimated_minutes, api.estimated_minutes);
  assert.equal(summary.area_cm2, api.area_cm2);
  const bad = path.join(srv.tmp, 'bad.json');
  writeFileSync(bad, JSON.stringify({ ...design, density_per_cm2: 0 }));
  const refused = await srv.cli(['render', bad, '--session', '1', '--out', out]);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /density_per_cm2/);
});
