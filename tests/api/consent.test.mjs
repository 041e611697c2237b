// consent.test.mjs — consent documents (versioned texts with their SHA-256), a client signing
// the current version (typed name + drawn signature, witnessed by the signed-in member of
// staff), the signatures, the consent status, and every refusal. The tests of this file build
// on each other: they publish new versions of the consent form in order. The contract is
// docs/CONSULTATIONS.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  serverForFile, expectError, expectStatus, expectBodyRefusals, clinicBody, ids, sleep, RFC3339_UTC,
} from './lib.mjs';

const srv = await serverForFile();
const owner = await srv.userClient('owner');
const manager = await srv.userClient('manager');
const practitioner = await srv.userClient('practitioner');
const reception = await srv.userClient('reception');

const clinic = (await manager.post('/api/v1/clinics', clinicBody({ name: 'Consent Desk' }))).body;

const KINDS = ['aftercare', 'consent', 'privacy'];
const DOC_FIELDS = ['body', 'created_at', 'id', 'kind', 'reviewed_by', 'reviewed_on', 'sha256', 'title', 'version'];
const CONSENT_FIELDS = ['client_id', 'document_id', 'id', 'kind', 'sha256', 'signed_at', 'signer_name', 'version', 'witness_name', 'witness_user_id'];
const KIND_FIELDS = ['consent_id', 'current_version', 'signed_at', 'signed_version', 'status'];
const SIGNATURE = 'M10 10 L100 40 L200 20';

const sha256 = (doc) => createHash('sha256').update(`${doc.title}\n\n${doc.body}`, 'utf8').digest('hex');

let clientSeq = 0;
async function newClient() {
  clientSeq++;
  const r = await reception.post('/api/v1/clients', { first_name: `Signer${clientSeq}`, last_name: 'Client', clinic_id: clinic.id });
  expectStatus(r, 201, 'a client for the test');
  return r.body;
}

async function currentDoc(kind) {
  const r = await reception.get(`/api/v1/consent-documents?kind=${kind}&current=true`);
  expectStatus(r, 200);
  assert.equal(r.body.items.length, 1, `one current ${kind} document: ${r.text.slice(0, 300)}`);
  return r.body.items[0];
}

async function status(clientId, by = reception) {
  const r = await by.get(`/api/v1/clients/${clientId}/consent-status`);
  expectStatus(r, 200, `consent-status of ${clientId}`);
  assert.deepEqual(Object.keys(r.body).sort(), ['client_id', 'kinds', 'ready']);
  assert.equal(r.body.client_id, clientId);
  assert.deepEqual(Object.keys(r.body.kinds).sort(), KINDS);
  for (const k of KINDS) assert.deepEqual(Object.keys(r.body.kinds[k]).sort(), KIND_FIELDS, k);
  return r.body;
}

const consentsOf = (clientId) => `/api/v1/clients/${clientId}/consents`;

function sign(by, clientId, documentId, extra = {}) {
  return by.post(consentsOf(clientId), { document_id: documentId, signer_name: 'Marcus Hale', signature: SIGNATURE, ...extra });
}

function newVersion(kind, extra = {}) {
  return {
    kind,
    title: `Consent to scalp micropigmentation — “${kind}” ${Date.now()}`,
    body: 'I understand that SMP is a cosmetic tattoo.\n\nI have told the practitioner about my health.',
    reviewed_by: 'Dr. Ada Reviewer, dermatologist',
    reviewed_on: '2026-11-20',
    ...extra,
  };
}

// shared by the tests below, which run in order
let v1; // the installed consent form, version 1
let v2; // the consent form published by the manager
const story = {}; // the client who signs v1, then v2

test('a new installation has version 1 of each kind; sha256 is the SHA-256 of title, two newlines and body', async () => {
  const r = await reception.get('/api/v1/consent-documents?kind=consent&current=true');
  expectStatus(r, 200);
  assert.deepEqual(Object.keys(r.body).sort(), ['items', 'next_cursor']);
  assert.equal(r.body.next_cursor, null);
  assert.equal(r.body.items.length, 1);
  v1 = r.body.items[0];
  assert.deepEqual(Object.keys(v1).sort(), DOC_FIELDS);
  assert.equal(v1.kind, 'consent');
  assert.equal(v1.version, 1);
  assert.ok(v1.title.length > 0 && v1.body.length > 0);
  assert.match(v1.sha256, /^[0-9a-f]{64}$/);
  assert.equal(v1.sha256, sha256(v1));
  assert.match(v1.reviewed_on, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(v1.reviewed_by.length > 0);
  assert.match(v1.created_at, RFC3339_UTC);

  const all = await practitioner.all('/api/v1/consent-documents');
  assert.deepEqual(all.map((d) => d.kind).sort(), KINDS, 'one document of each kind');
  for (const d of all) {
    assert.equal(d.version, 1, d.kind);
    assert.equal(d.sha256, sha256(d), `${d.kind}: sha256`);
    const one = await reception.get(`/api/v1/consent-documents/${d.id}`);
    expectStatus(one, 200);
    assert.deepEqual(one.body, d);
  }
  assert.deepEqual(all.find((d) => d.kind === 'consent'), v1);
  expectError(await reception.get('/api/v1/consent-documents/999999'), 404, 'not_found', null);
  expectError(await reception.get('/api/v1/consent-documents?kind=waiver'), 422, 'invalid', 'kind');
});

test('before signing: every kind missing, not ready', async () => {
  const client = await newClient();
  const s = await status(client.id);
  assert.equal(s.ready, false);
  for (const k of KINDS) {
    assert.deepEqual(s.kinds[k], { status: 'missing', current_version: 1, signed_version: null, signed_at: null, consent_id: null }, k);
  }
  expectError(await reception.get('/api/v1/clients/999999/consent-status'), 404, 'not_found', null);
});

test('a signature that is refused is 422 naming the field, and nothing is written', async () => {
  const client = await newClient();
  const cases = [
    [{ document_id: 999999 }, 'document_id'],
    [{ document_id: undefined }, 'document_id'],
    [{ document_id: 'one' }, 'document_id'],
    [{ signature: undefined }, 'signature'],
    [{ signature: '' }, 'signature'],
    [{ signature: '<script>' }, 'signature'],
    [{ signature: 'M10 10 L100 40"/><script>alert(1)</script>' }, 'signature'],
    [{ signature: 'hello' }, 'signature'],
    [{ signature: 42 }, 'signature'],
    [{ signer_name: '' }, 'signer_name'],
    [{ signer_name: 'A' }, 'signer_name'],
    [{ signer_name: undefined }, 'signer_name'],
    [{ witness_name: 'Somebody Else' }, 'witness_name'],
  ];
  for (const [extra, field] of cases) {
    const body = { document_id: v1.id, signer_name: 'Marcus Hale', signature: SIGNATURE, ...extra };
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    const r = await reception.post(consentsOf(client.id), body);
    expectError(r, 422, 'invalid', field, `POST ${JSON.stringify(body)}`);
  }
  expectError(await sign(reception, 999999, v1.id), 404, 'not_found', null, 'an unknown client');
  await expectBodyRefusals(reception, 'POST', consentsOf(client.id), consentsOf(client.id), { document_id: v1.id, signer_name: 'Marcus Hale', signature: SIGNATURE });
  assert.deepEqual((await manager.all(consentsOf(client.id))), [], 'a refused signature was stored');
  const s = await status(client.id);
  assert.equal(s.ready, false);
  assert.equal(s.kinds.consent.status, 'missing');
});

test('reception signs the current consent form for a client: stored with the document and the witness', async () => {
  const client = await newClient();
  story.client = client;
  const before = Date.now();
  const r = await sign(reception, client.id, v1.id);
  expectStatus(r, 201);
  const c = r.body;
  for (const k of CONSENT_FIELDS) assert.ok(k in c, `the answer has ${k}`);
  assert.ok(Number.isInteger(c.id) && c.id > 0);
  assert.equal(c.client_id, client.id);
  assert.equal(c.document_id, v1.id);
  assert.equal(c.kind, 'consent');
  assert.equal(c.version, 1);
  assert.equal(c.sha256, v1.sha256);
  assert.equal(c.signer_name, 'Marcus Hale');
  assert.equal(c.witness_name, reception.account.name);
  assert.equal(c.witness_user_id, reception.user.id);
  assert.match(c.signed_at, RFC3339_UTC);
  assert.ok(Math.abs(Date.parse(c.signed_at) - before) < 120000, `signed_at ${c.signed_at} is now`);
  story.first = c;

  const s = await status(client.id);
  assert.equal(s.ready, true);
  assert.deepEqual(s.kinds.consent, { status: 'current', current_version: 1, signed_version: 1, signed_at: c.signed_at, consent_id: c.id });
  assert.equal(s.kinds.aftercare.status, 'missing');
  assert.equal(s.kinds.privacy.status, 'missing');
});

test('GET /api/v1/consents/{id} answers the signature; the client\'s list does not', async () => {
  const c = story.first;
  const one = await reception.get(`/api/v1/consents/${c.id}`);
  expectStatus(one, 200);
  assert.deepEqual(Object.keys(one.body).sort(), [...CONSENT_FIELDS, 'signature'].sort());
  assert.equal(one.body.signature, SIGNATURE);
  const { signature, ...withoutSignature } = one.body;
  assert.deepEqual(withoutSignature, Object.fromEntries(CONSENT_FIELDS.map((k) => [k, c[k]])));

  const list = await reception.get(consentsOf(story.client.id));
  expectStatus(list, 200);
  assert.deepEqual(Object.keys(list.body).sort(), ['items', 'next_cursor']);
  assert.equal(list.body.items.length, 1);
  assert.deepEqual(Object.keys(list.body.items[0]).sort(), CONSENT_FIELDS, 'no signature data in the list');
  assert.deepEqual(list.body.items[0], withoutSignature);
  expectError(await reception.get('/api/v1/consents/999999'), 404, 'not_found', null);
  expectError(await reception.get('/api/v1/clients/999999/consents'), 404, 'not_found', null);
});

test('only owners and managers publish documents; a bad document is 422 naming the field; nothing is written', async () => {
  const before = ids(await manager.all('/api/v1/consent-documents'));
  for (const c of [reception, practitioner]) {
    expectError(await c.post('/api/v1/consent-documents', newVersion('consent')), 403, 'forbidden', null, `${c.account.role} publishes`);
  }
  const without = (k) => {
    const b = newVersion('consent');
    delete b[k];
    return b;
  };
  const cases = [
    [newVersion('waiver'), 'kind'],
    [newVersion(''), 'kind'],
    [without('kind'), 'kind'],
    [newVersion('consent', { title: '' }), 'title'],
    [without('title'), 'title'],
    [newVersion('consent', { title: 7 }), 'title'],
    [newVersion('consent', { body: '' }), 'body'],
    [without('body'), 'body'],
    [newVersion('consent', { reviewed_by: '' }), 'reviewed_by'],
    [without('reviewed_by'), 'reviewed_by'],
    [newVersion('consent', { reviewed_on: '2026-02-30' }), 'reviewed_on'],
    [newVersion('consent', { reviewed_on: 'last week' }), 'reviewed_on'],
    [without('reviewed_on'), 'reviewed_on'],
    [newVersion('consent', { version: 7 }), 'version'],
    [newVersion('consent', { sha256: 'abc' }), 'sha256'],
  ];
  for (const [body, field] of cases) {
    const r = await manager.post('/api/v1/consent-documents', body);
    expectError(r, 422, 'invalid', field, `POST ${JSON.stringify(body).slice(0, 200)}`);
  }
  await expectBodyRefusals(manager, 'POST', '/api/v1/consent-documents', '/api/v1/consent-documents', newVersion('consent'));
  assert.deepEqual(ids(await manager.all('/api/v1/consent-documents')), before, 'a refused document was stored');
  assert.equal((await currentDoc('consent')).id, v1.id);
});

test('a manager publishes version 2 of the consent form; version 1 stays as it was', async () => {
  const body = newVersion('consent');
  const r = await manager.post('/api/v1/consent-documents', body);
  expectStatus(r, 201);
  v2 = r.body;
  assert.deepEqual(Object.keys(v2).sort(), DOC_FIELDS);
  for (const k of Object.keys(body)) assert.equal(v2[k], body[k], k);
  assert.equal(v2.version, 2);
  assert.equal(v2.sha256, sha256(body));
  assert.match(v2.created_at, RFC3339_UTC);
  assert.deepEqual((await reception.get(`/api/v1/consent-documents/${v2.id}`)).body, v2);
  assert.deepEqual(await currentDoc('consent'), v2, 'current=true answers only the newest version');
  const both = await reception.all('/api/v1/consent-documents?kind=consent');
  assert.deepEqual(both.map((d) => d.version).sort(), [1, 2]);
  assert.deepEqual(both.find((d) => d.version === 1), v1, 'version 1 is never changed');
  const current = await reception.all('/api/v1/consent-documents?current=true');
  assert.deepEqual(current.map((d) => `${d.kind} ${d.version}`).sort(), ['aftercare 1', 'consent 2', 'privacy 1']);
});

test('after a new version: the old signature is outdated, and signing the old version is 409', async () => {
  const client = story.client;
  const s = await status(client.id);
  assert.equal(s.ready, false);
  assert.deepEqual(s.kinds.consent, { status: 'outdated', current_version: 2, signed_version: 1, signed_at: story.first.signed_at, consent_id: story.first.id });

  const r = await sign(reception, client.id, v1.id);
  expectError(r, 409, 'conflict', 'document_id', 'signing version 1 after version 2 was published');
  assert.deepEqual(ids(await manager.all(consentsOf(client.id))), [story.first.id], 'the refused signature was stored');
  const other = await newClient();
  expectError(await sign(reception, other.id, v1.id), 409, 'conflict', 'document_id', 'a client who never signed');
  assert.deepEqual(await manager.all(consentsOf(other.id)), []);
});

test('signing the new version makes the client ready again', async () => {
  const client = story.client;
  const r = await sign(practitioner, client.id, v2.id, { signer_name: 'Marcus J. Hale' });
  expectStatus(r, 201);
  assert.equal(r.body.version, 2);
  assert.equal(r.body.sha256, v2.sha256);
  assert.equal(r.body.witness_name, practitioner.account.name);
  assert.equal(r.body.signer_name, 'Marcus J. Hale');
  const s = await status(client.id, practitioner);
  assert.equal(s.ready, true);
  assert.deepEqual(s.kinds.consent, { status: 'current', current_version: 2, signed_version: 2, signed_at: r.body.signed_at, consent_id: r.body.id });
  const list = await reception.all(consentsOf(client.id));
  assert.deepEqual(ids(list), [story.first.id, r.body.id].sort((a, b) => a - b));
  assert.deepEqual(list.map((c) => c.version).sort(), [1, 2]);
});

test('signing only the aftercare text does not make a client ready', async () => {
  const client = await newClient();
  const aftercare = await currentDoc('aftercare');
  const r = await sign(manager, client.id, aftercare.id);
  expectStatus(r, 201);
  assert.equal(r.body.kind, 'aftercare');
  const s = await status(client.id, owner);
  assert.equal(s.ready, false);
  assert.equal(s.kinds.aftercare.status, 'current');
  assert.equal(s.kinds.consent.status, 'missing');
});

test('every member of staff reads documents, signatures and the consent status', async () => {
  const client = story.client;
  for (const c of [reception, practitioner, manager, owner]) {
    const who = c.account.role;
    expectStatus(await c.get('/api/v1/consent-documents'), 200, `${who} lists documents`);
    expectStatus(await c.get(`/api/v1/consent-documents/${v2.id}`), 200, `${who} reads a document`);
    expectStatus(await c.get(consentsOf(client.id)), 200, `${who} lists signatures`);
    expectStatus(await c.get(`/api/v1/consents/${story.first.id}`), 200, `${who} reads a signature`);
    assert.equal((await status(client.id, c)).ready, true, `${who} reads the status`);
  }
});

test('signing, reading and listing signatures are audited (entity "consent")', async () => {
  const client = await newClient();
  const made = (await sign(reception, client.id, v2.id)).body;
  const entries = async () => (await manager.all(`/api/v1/audit?client_id=${client.id}`)).filter((e) => e.entity === 'consent');
  const created = (await entries()).filter((e) => e.action === 'create');
  assert.equal(created.length, 1);
  assert.equal(created[0].entity_id, made.id);
  assert.equal(created[0].user_email, reception.account.email);

  expectStatus(await practitioner.get(`/api/v1/consents/${made.id}`), 200);
  expectStatus(await owner.get(consentsOf(client.id)), 200);
  let got = [];
  for (let waited = 0; waited <= 5000; waited += 200) {
    got = await entries();
    if (got.some((e) => e.action === 'read') && got.some((e) => e.action === 'list')) break;
    await sleep(200);
  }
  const read = got.filter((e) => e.action === 'read');
  const listed = got.filter((e) => e.action === 'list');
  assert.equal(read.length, 1, `one read entry: ${JSON.stringify(got)}`);
  assert.equal(read[0].entity_id, made.id);
  assert.equal(read[0].user_email, practitioner.account.email);
  assert.equal(listed.length, 1, `one list entry: ${JSON.stringify(got)}`);
  assert.equal(listed[0].user_email, owner.account.email);
});
