// public-limits.test.mjs — the public routes that only read are limited per address too: the free
// times of a clinic (the dearest public answer) and a quote's secret link (so tokens cannot be
// guessed fast). The server runs with public_rate_hour 1: 30 slot searches and 12 link reads an
// hour per address.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile, expectStatus, expectError } from './lib.mjs';
import { makeClinic, makePractitioner, nextMonday, addDays } from './sched.mjs';

const srv = await serverForFile({ env: { STIPPLE_PUBLIC_RATE_HOUR: '1' } });
const manager = await srv.userClient('manager');
const week = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '12:00']]]));
const { clinic } = await makeClinic(manager, { hours: week, name: 'Limit Clinic' });
await makePractitioner(manager, [clinic.id]);
const anon = srv.anon();
const day = addDays(nextMonday(1), 1);

test('searching free times: 30 an hour per address, then 429 with Retry-After', async () => {
  const url = `/api/v1/public/clinics/${clinic.id}/slots?mode=video&from=${day}&to=${addDays(day, 30)}`;
  for (let i = 0; i < 30; i++) expectStatus(await anon.get(url), 200, `search ${i + 1}`);
  const over = await anon.get(url);
  expectError(over, 429, 'throttled', null);
  assert.ok(Number(over.headers.get('retry-after')) > 0);
  assert.equal((await manager.get(`/api/v1/clinics/${clinic.id}`)).status, 200, 'staff are not limited');
});

test('quote links: 12 reads an hour per address, guesses included, then 429', async () => {
  for (let i = 0; i < 12; i++) {
    expectError(await anon.get(`/api/v1/shared/quotes/q_guess${String(i).padStart(30, '0')}`), 404, 'not_found', null);
  }
  expectError(await anon.get('/api/v1/shared/quotes/q_guess999999999999999999999999999999'), 429, 'throttled', null);
  expectError(await anon.post('/api/v1/shared/quotes/q_guess999999999999999999999999999999/accept', { name: 'Guess Who' }), 429, 'throttled', null);
});
