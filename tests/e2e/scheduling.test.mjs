// scheduling.test.mjs — the front desk books a course of treatment. At 1366×768 a manager sets
// the demo clinic's opening hours in the editor (a closing time before the opening time is
// refused next to its day; Saturday closed, a lunch break on Wednesday), adds a closure (the
// same day twice answers the server's 409), plans a 3-session course (preset three_14_21) for a
// demo client, sees up to five options side by side, books one and finds the three sessions on
// the course page and in the calendar. Session 2 dragged onto a closed Saturday snaps back with
// the server's reason; dragged to another day of its week, which breaks the 14–21-day window,
// the move is made and the gap warning is an alert. The keyboard Move onto session 1's time
// shows the server's 409 in the dialog; moving it back by keyboard works. A phone consultation
// is booked from an empty time, and the calendar is checked on the tablet. axe-core checks the
// hours editor, the planner, the options, the calendar and its dialogs; screenshots 50-….
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, launch, openPage, checkA11y, checkClean, shotTop as shot, dialogShot, signIn, DESK, TABLET } from './lib.mjs';

const app = await startApp();
const browser = await launch();
after(async () => {
  await browser.close();
  await app.srv.stop();
});


const h1 = (page, name) => page.getByRole('heading', { level: 1, name, exact: true });
const nav = (page, name) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

// dates as the calendar writes them, worked out in the browser with the same Intl data
const dayWords = (page, ymd) => page.evaluate((d) => new Intl.DateTimeFormat('en-GB', {
  weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`)).replace(',', ''), ymd);
const addDays = (ymd, n) => { const d = new Date(`${ymd}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); };
const between = (a, b) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);
const weekdayOf = (ymd) => (new Date(`${ymd}T00:00:00Z`).getUTCDay() + 6) % 7; // 0 = Monday
const apiGet = (page, path) => page.evaluate((p) => fetch(p, { headers: { Accept: 'application/json' } }).then((r) => r.json()), path);

const shared = { page: null, clinicId: null, clientName: null, courseId: null, course: null, who: null };

test('the manager sets the clinic’s opening hours; a bad interval is refused next to its day; closures are listed', async () => {
  const page = await openPage(browser, DESK);
  shared.page = page;
  await signIn(page, app.url, app.manager);
  await nav(page, 'Clinics').click();
  await h1(page, 'Clinics').waitFor();
  await page.getByRole('link', { name: 'Liverpool HQ', exact: true }).click();
  await h1(page, 'Liverpool HQ').waitFor();
  shared.clinicId = /#\/clinics\/(\d+)/.exec(page.url())?.[1];
  const editor = page.getByRole('form', { name: 'Opening hours of Liverpool HQ' });
  await editor.waitFor();

  // a closing time before the opening time is caught before anything is sent
  await editor.getByLabel('Monday: Closes').fill('08:00');
  await editor.getByRole('button', { name: 'Save opening hours' }).click();
  await editor.getByRole('alert').getByText('Monday: the closing time must be after the opening time').waitFor();
  assert.equal(await editor.getByLabel('Monday: Closes').getAttribute('aria-invalid'), 'true');
  await shot(page, '50-clinic-hours-error');

  // Monday to 18:00, Saturday closed, a lunch break on Wednesday
  await editor.getByLabel('Monday: Closes').fill('18:00');
  await editor.getByRole('button', { name: 'Remove Saturday hours' }).click();
  await editor.getByRole('group', { name: 'Saturday' }).getByText('Closed').waitFor();
  await editor.getByRole('button', { name: 'Add hours on Wednesday' }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.labels?.[0]?.textContent), 'Wednesday, hours 2: Opens', 'focus goes to the new opening');
  await editor.getByLabel('Wednesday, hours 1: Closes').fill('13:00');
  await editor.getByLabel('Wednesday, hours 2: Opens').fill('13:30');
  await editor.getByLabel('Wednesday, hours 2: Closes').fill('19:00');
  await editor.getByRole('button', { name: 'Save opening hours' }).click();
  await page.getByRole('status').getByText('Opening hours saved').waitFor();
  await checkA11y(page, 'opening hours editor');
  await shot(page, '51-clinic-hours-saved');

  // what the server kept is what the editor shows after a reload
  const hours = await apiGet(page, `/api/v1/clinics/${shared.clinicId}/hours`);
  assert.deepEqual(hours.mon, [['09:00', '18:00']]);
  assert.deepEqual(hours.wed, [['09:00', '13:00'], ['13:30', '19:00']]);
  assert.deepEqual(hours.sat, []);
  await page.reload();
  await h1(page, 'Liverpool HQ').waitFor();
  await page.getByRole('group', { name: 'Saturday' }).getByText('Closed').waitFor();
  assert.equal(await page.getByLabel('Wednesday, hours 2: Opens').inputValue(), '13:30');

  // a closure far ahead, then the same day again: the server's 409 next to the date
  const closeOn = addDays(new Date().toISOString().slice(0, 10), 200);
  await page.getByLabel('Date', { exact: true }).fill(closeOn);
  await page.getByLabel('Reason', { exact: true }).fill('Staff training');
  await page.getByRole('button', { name: 'Add closure' }).click();
  await page.getByRole('status').getByText(/^Closure added for/).waitFor();
  await page.getByRole('row', { name: new RegExp(`${await dayWords(page, closeOn)} Staff training`) }).waitFor();
  await page.getByLabel('Date', { exact: true }).fill(closeOn);
  await page.getByRole('button', { name: 'Add closure' }).click();
  await page.getByRole('alert').getByText('The clinic is already closed that day').waitFor();
  await checkA11y(page, 'clinic page with closures and chairs');
  await shot(page, '52-clinic-closures');
});

test('a 3-session course is planned for a demo client: up to five options side by side; one is booked', async () => {
  const { page } = shared;
  await page.getByRole('link', { name: 'Clients of Liverpool HQ' }).click();
  await h1(page, 'Clients').waitFor();
  const first = page.getByRole('row').nth(1).getByRole('link').first();
  await first.waitFor();
  shared.clientName = (await first.innerText()).trim();
  await first.click();
  await h1(page, shared.clientName).waitFor();
  await page.getByRole('heading', { name: 'Upcoming appointments' }).waitFor();
  await page.getByRole('button', { name: 'Plan a course' }).click();

  await h1(page, 'Plan a course').waitFor();
  const preset = page.getByRole('radio', { name: '3 sessions, 14–21 days apart' });
  await preset.check();
  assert.match(await page.getByText('Sessions of 4 h, 4 h and 3 h.').first().innerText(), /4 h/, 'the preset is described in words');
  await page.getByRole('radio', { name: 'Custom' }).check();
  await page.getByLabel('Days between sessions 1 and 2: at least').waitFor();
  await preset.check();
  assert.equal(await page.getByLabel('Days between sessions 1 and 2: at least').isVisible(), false, 'custom fields hide again');
  await checkA11y(page, 'course planner');
  await shot(page, '53-course-planner');

  await page.getByRole('button', { name: 'Find times' }).click();
  await page.getByRole('heading', { level: 2, name: 'Options' }).waitFor();
  const options = page.getByRole('region', { name: /^Option \d$/ });
  await options.first().waitFor();
  const n = await options.count();
  assert.ok(n >= 1 && n <= 5, `one to five options (${n})`);
  for (let i = 0; i < n; i++) {
    assert.equal(await options.nth(i).getByRole('listitem').count(), 3, `option ${i + 1} has three sessions`);
    await options.nth(i).getByText(/^Finishes /).waitFor();
  }
  // side by side: the first two cards share a row at the desk
  const [a, b] = [await options.nth(0).boundingBox(), n > 1 ? await options.nth(1).boundingBox() : null];
  if (b) assert.ok(Math.abs(a.y - b.y) < 2 && b.x > a.x, 'the options are side by side');
  await checkA11y(page, 'course options');
  await shot(page, '54-course-options');

  await options.first().getByRole('button', { name: 'Book this option' }).click();
  await h1(page, `Course for ${shared.clientName}`).waitFor();
  await page.getByRole('status').getByText('Course booked: 3 sessions').waitFor();
  shared.courseId = /#\/courses\/(\d+)/.exec(page.url())?.[1];
  assert.ok(shared.courseId, 'the course page has its id in the address');
  const table = page.getByRole('table', { name: 'The course’s appointments' });
  for (const k of [1, 2, 3]) await table.getByRole('row', { name: new RegExp(`Session ${k} of 3`) }).waitFor();
  assert.equal(await table.getByRole('row').count(), 4, 'a header row and three sessions');
  await checkA11y(page, 'course page');
  await shot(page, '55-course-page');
  shared.course = await apiGet(page, `/api/v1/courses/${shared.courseId}`);
  assert.equal(shared.course.status, 'booked');
  const pid = shared.course.appointments[0].practitioner_id;
  shared.who = (await apiGet(page, `/api/v1/practitioners/${pid}`)).name;
});

test('the sessions are in the calendar; dragging session 2 out of its window is made and warns', async () => {
  const { page, course } = shared;
  const s = [1, 2, 3].map((k) => course.appointments.find((x) => x.session_no === k));
  const block = (k) => page.getByRole('button', { name: new RegExp(`^\\d\\d:\\d\\d–\\d\\d:\\d\\d ${shared.clientName} Session ${k} of 3$`) });

  // each session's "Show in calendar" opens that practitioner's week with the session in it
  for (const k of [1, 3, 2]) {
    await page.getByRole('link', { name: `Show in calendar (session ${k})` }).click();
    await h1(page, 'Calendar').waitFor();
    await page.getByRole('heading', { level: 2, name: new RegExp(`^Week of .* — ${shared.who}$`) }).waitFor();
    await block(k).waitFor();
    if (k !== 2) {
      await page.goBack();
      await h1(page, `Course for ${shared.clientName}`).waitFor();
    }
  }
  await checkA11y(page, 'calendar, week view');
  await shot(page, '56-calendar-week');

  // a day of session 2's week that breaks a window, open and free for the whole session
  const d1 = s[0].start_local.slice(0, 10);
  const d2 = s[1].start_local.slice(0, 10);
  const d3 = s[2].start_local.slice(0, 10);
  const time = s[1].start_local.slice(11);
  const monday = addDays(d2, -weekdayOf(d2));
  let target = null;
  for (const t of [1, -1, 2, -2, 3, -3, 4, -4].map((k) => addDays(d2, k))) {
    if (t < monday || t > addDays(monday, 6) || weekdayOf(t) > 4) continue;
    const breaks = between(d1, t) < 14 || between(d1, t) > 21 || between(t, d3) < 14 || between(t, d3) > 21;
    if (!breaks) continue;
    const words = await dayWords(page, t);
    let free = true;
    for (let m = 0; m < s[1].duration_min + 15 && free; m += 15) {
      const at = Number(time.slice(0, 2)) * 60 + Number(time.slice(3)) + m;
      const hm = `${String(Math.floor(at / 60)).padStart(2, '0')}:${String(at % 60).padStart(2, '0')}`;
      free = (await page.getByRole('button', { name: `New appointment: ${words} ${hm}, ${shared.who}`, exact: true }).count()) === 1;
    }
    if (free) { target = { day: t, words }; break; }
  }
  assert.ok(target, 'a free weekday in session 2’s week that breaks the window');

  /** drag takes the block by its top edge and drops it on the middle of the cell. */
  async function drag(what, cell) {
    await what.scrollIntoViewIfNeeded();
    const box = await what.boundingBox();
    const to = await cell.boundingBox();
    const [x0, y0, x1, y1] = [box.x + box.width / 2, box.y + 6, to.x + to.width / 2, to.y + to.height / 2];
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(x0 + (x1 - x0) * i / 12, y0 + (y1 - y0) * i / 12);
    await page.mouse.up();
  }

  // dropped on Saturday, now closed: the server refuses, the block snaps back and says why
  const place = () => block(2).evaluate((e) => [e.style.gridRow, e.style.gridColumn]);
  const before = await place();
  await drag(block(2), page.locator('.cal-grid .cal-cell[data-c="5"][data-r="0"]'));
  await page.getByRole('alert').getByText(/^Not moved: Start is outside opening or working hours/).waitFor();
  assert.deepEqual(await place(), before, 'the block is back where it was');
  assert.equal((await apiGet(page, `/api/v1/appointments/${s[1].id}`)).start_local, s[1].start_local);

  await drag(block(2), page.getByRole('button', { name: `New appointment: ${target.words} ${time}, ${shared.who}`, exact: true }));
  const warning = page.getByRole('alert').filter({ hasText: /Sessions \d and \d are now \d+ days apart; the course asks for 14 to 21 days\./ });
  await warning.waitFor();
  await warning.getByText(/ moved to .*, but check the course\./).waitFor();
  const moved = await apiGet(page, `/api/v1/appointments/${s[1].id}`);
  assert.equal(moved.start_local, `${target.day}T${time}`, 'the server has the new time');
  assert.equal(moved.history.at(-1).action, 'moved');
  await shot(page, '57-calendar-gap-warning');
});

test('the keyboard Move: a clash shows the server’s 409 in the dialog; a free time moves it', async () => {
  const { page, course } = shared;
  const s1 = course.appointments.find((x) => x.session_no === 1);
  const s2 = course.appointments.find((x) => x.session_no === 2);
  const block = page.getByRole('button', { name: new RegExp(`${shared.clientName} Session 2 of 3$`) });
  await block.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `${shared.clientName} — Session 2 of 3` });
  await dialog.waitFor();
  await dialog.getByRole('heading', { name: 'History' }).waitFor();
  await dialog.getByText(/moved by you from/).waitFor();
  await dialog.getByRole('button', { name: 'Move', exact: true }).click();
  await dialog.getByLabel('New date').fill(s1.start_local.slice(0, 10));
  await dialog.getByLabel('New start time').fill(s1.start_local.slice(11));
  await dialog.getByRole('button', { name: 'Move appointment' }).click();
  await dialog.getByRole('alert').getByText('The practitioner or every chair is already booked then').waitFor();
  assert.equal(await dialog.getByLabel('New start time').getAttribute('aria-invalid'), 'true', 'the refusal sits on the start time');
  await checkA11y(page, 'appointment dialog with a clash');
  await dialogShot(page, '58-move-clash');

  // back to its planned day: inside the window again, so no warning
  await dialog.getByLabel('New date').fill(s2.start_local.slice(0, 10));
  await dialog.getByLabel('New start time').fill(s2.start_local.slice(11));
  await dialog.getByRole('button', { name: 'Move appointment' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('status').getByText(/moved to/).waitFor();
  assert.equal(await page.getByRole('alert').filter({ hasText: /days apart/ }).count(), 0, 'no gap warning');
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('cal-appt')), true, 'focus is on the moved appointment');
  const back = await apiGet(page, `/api/v1/appointments/${s2.id}`);
  assert.equal(back.start_local, s2.start_local);
});

test('an empty time books a phone consultation; the calendar works on the tablet', async () => {
  const { page } = shared;
  // an empty afternoon time of the shown week
  const free = page.getByRole('button', { name: /^New appointment: .* 16:00, / }).first();
  const label = await free.getAttribute('aria-label');
  await free.click();
  const dialog = page.getByRole('dialog', { name: 'New appointment' });
  await dialog.waitFor();
  await dialog.getByLabel('Find the client').fill(shared.clientName);
  await dialog.getByText(/client(s)? found/).waitFor();
  await dialog.getByLabel('Client', { exact: true }).selectOption({ index: 1 });
  await dialog.getByRole('radio', { name: 'Consultation' }).check();
  await dialog.getByRole('group', { name: 'How the consultation is held' }).getByRole('radio', { name: 'Phone' }).check();
  assert.equal(await dialog.getByLabel('Duration').inputValue(), '30', 'a consultation defaults to 30 minutes');
  await checkA11y(page, 'new appointment dialog');
  await dialog.evaluate((d) => { d.scrollTop = 0; });
  await dialogShot(page, '59-new-appointment');
  await dialog.getByRole('button', { name: 'Book appointment' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('status').getByText(new RegExp(`^Booked ${shared.clientName}`)).waitFor();
  const time = /(\d\d:\d\d), /.exec(label)[1];
  await page.getByRole('button', { name: new RegExp(`^${time}–\\d\\d:\\d\\d ${shared.clientName} Consultation by phone$`) }).waitFor();

  // the tablet: the day view with a column per practitioner
  const tablet = await openPage(browser, TABLET);
  await signIn(tablet, app.url, app.reception);
  await nav(tablet, 'Calendar').click();
  await h1(tablet, 'Calendar').waitFor();
  await tablet.getByLabel('Clinic').selectOption({ label: 'Liverpool HQ' });
  await tablet.getByLabel('Date', { exact: true }).fill(shared.course.appointments[0].start_local.slice(0, 10));
  await tablet.getByLabel('Date', { exact: true }).dispatchEvent('change');
  await tablet.getByRole('button', { name: new RegExp(`${shared.clientName} Session 1 of 3 with ${shared.who}$`) }).waitFor();
  await tablet.getByRole('button', { name: 'Next day' }).click();
  await tablet.getByRole('status').getByText(/^Showing /).waitFor();
  await checkA11y(tablet, 'calendar on the tablet');
  await shot(tablet, '60-calendar-tablet');
  checkClean(tablet, 'calendar on the tablet');
  checkClean(page, 'scheduling at the desk');
});
