// backup.test.mjs — `stipple backup FILE` while the server runs; the file restores the data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { serverForFile, expectStatus, clinicBody, run } from './lib.mjs';

const srv = await serverForFile();
const owner = await srv.userClient('owner');
const clinic = (await owner.post('/api/v1/clinics', clinicBody({ name: 'Backed Up' }))).body;
const N = 7;
for (let i = 0; i < N; i++) {
  expectStatus(await owner.post('/api/v1/clients', { first_name: `Saved${i}`, last_name: 'Copy', clinic_id: clinic.id }), 201);
}

async function sh(cmd, args) {
  const r = await run(cmd, args);
  assert.equal(r.code, 0, `${cmd} ${args.join(' ')} failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

test('stipple backup writes a copy holding every client', async () => {
  const file = path.join(srv.tmp, srv.kind === 'sqlite' ? 'backup.db' : 'backup.dump');
  const r = await srv.cli(['backup', file]);
  assert.equal(r.code, 0, `stipple backup failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  assert.ok(existsSync(file) && statSync(file).size > 0, 'the backup file is missing or empty');

  // the server goes on working during and after the backup
  expectStatus(await owner.get('/api/v1/clients'), 200);

  if (srv.kind === 'sqlite') {
    assert.equal((await sh('sqlite3', [file, 'PRAGMA integrity_check'])).trim(), 'ok');
    assert.equal((await sh('sqlite3', [file, 'select count(*) from clients'])).trim(), String(N));
    assert.equal((await sh('sqlite3', [file, 'select count(*) from clinics where name = \'Backed Up\''])).trim(), '1');
  } else {
    const host = process.env.STIPPLE_TEST_PG;
    const list = await sh('pg_restore', ['--list', file]);
    assert.match(list, /TABLE\b.*\bclients\b/, 'the archive should list the clients table');
    const restored = `stipple_restore_${randomBytes(5).toString('hex')}`;
    await sh('createdb', ['-h', host, '-U', 'postgres', restored]);
    try {
      await sh('pg_restore', ['-h', host, '-U', 'postgres', '--no-owner', '--exit-on-error', '-d', restored, file]);
      const count = await sh('psql', ['-h', host, '-U', 'postgres', '-d', restored, '-tAc', 'select count(*) from clients']);
      assert.equal(count.trim(), String(N));
      const clinics = await sh('psql', ['-h', host, '-U', 'postgres', '-d', restored, '-tAc', 'select count(*) from clinics where name = \'Backed Up\'']);
      assert.equal(clinics.trim(), '1');
    } finally {
      await run('dropdb', ['-h', host, '-U', 'postgres', '--if-exists', restored]);
    }
  }
});

test('stipple backup to a place it cannot write fails with a non-zero exit and a message', async () => {
  const r = await srv.cli(['backup', path.join(srv.tmp, 'no-such-dir', 'sub', 'backup.file')]);
  assert.notEqual(r.code, 0, 'backup into a missing directory should fail');
  assert.ok(r.stderr.trim().length > 0, 'and say why on stderr');
});
