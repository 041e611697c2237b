// view-calendar.js — the Calendar (#/calendar?clinic=&practitioner=&date=&view=day|week): one
// day with a column per practitioner of the clinic (or one practitioner's week, a column per
// day), a row per 15 minutes from the clinic's earliest opening to its latest closing, closed
// and off-duty times shaded, and the appointments as blocks placed on a CSS grid through the
// CSSOM (el.style.gridRow…; the CSP forbids style attributes, not style properties). An empty
// time opens "New appointment"; an appointment opens its details ("Move", "Cancel appointment",
// its history). A block can be dragged (Pointer Events) to another time, day or practitioner:
// the server decides; a refusal snaps the block back and says why, and a course's gap-window
// warning is shown as an alert. The arrow keys move between the empty times. Every time shown
// or sent is the clinic's local time (start_local/end_local).
import { h, uid } from './dom.js';
import { all, can, get, patch, post, query, session } from './api.js';
import { buildField, createForm } from './form.js';
import { current, setQuery } from './router.js';
import { announce, button, details, link, modal, notice, page } from './ui.js';
import {
  DAY_KEYS, addDays, dayWords, durationWords, hhmm, isYmd, localOf, mondayOf, shortDay, shortDayYear, span,
  toMin, todayIn, weekday, dateWords,
} from './time.js';
import { failText } from './view-hours.js';

const STEP = 15; // minutes a row stands for

export const KIND_WORDS = { consultation: 'Consultation', session: 'Session', touch_up: 'Touch-up' };
export const MODE_WORDS = { in_person: 'in person', phone: 'by phone', video: 'by video' };
const DEFAULT_MINUTES = { consultation: 30, session: 240, touch_up: 120 };
const DURATIONS = [15, 30, 45, 60, 90, 120, 150, 180, 210, 240, 270, 300, 360, 420, 480];

/** apptWhat names an appointment: "Session 2 of 3", "Consultation by phone", "Touch-up". */
export function apptWhat(a, course) {
  if (a.kind === 'consultation') return `Consultation ${MODE_WORDS[a.mode] || ''}`.trim();
  if (a.session_no && course) return `Session ${a.session_no} of ${course.protocol.sessions}`;
  if (a.session_no) return `Session ${a.session_no}`;
  return KIND_WORDS[a.kind] || a.kind;
}

/** apptWhen: "Mon 23 Nov 2026, 09:00–13:00" in the clinic's time. */
export const apptWhen = (a) => `${shortDayYear(a.start_local.slice(0, 10))}, ${span(a.start_local, a.end_local)}`;

/** calendarHash links to the calendar on a date (a practitioner's week when pid is given). */
export function calendarHash({ clinic, date, practitioner, view }) {
  return `#/calendar${query({ clinic, practitioner, date, view })}`;
}

const inside = (ivs, m, len = STEP) => (ivs || []).some(([a, b]) => toMin(a) <= m && m + len <= toMin(b));
const hidden = (text) => h('span', { class: 'visually-hidden' }, text);
const fullName = (c) => `${c.first_name} ${c.last_name}`;

export async function calendarView({ query: q }) {
  const [clinics, people] = await Promise.all([all('/api/v1/clinics'), all('/api/v1/practitioners')]);
  if (!clinics.length) return page('Calendar', null, notice('info', h('p', {}, 'There are no clinics yet.')));
  const me = people.find((p) => p.user_id && p.user_id === session.user?.id);
  const wanted = Number(q.get('clinic'));
  const st = {
    clinic: clinics.find((c) => c.id === wanted) || clinics.find((c) => me && me.clinic_ids.includes(c.id)) || clinics[0],
    pid: Number(q.get('practitioner')) || null,
    date: isYmd(q.get('date')) ? q.get('date') : null,
    view: q.get('view') === 'week' ? 'week' : 'day',
  };
  // what the clinic's screen needs, loaded when the clinic changes
  const cal = { hours: {}, staff: [], staffHours: new Map(), timeOff: new Map(), chairs: new Map() };
  // what the shown days need, loaded on every move
  const shown = { appts: [], closed: new Map(), cols: [], axis: [0, 0] };
  const names = new Map(); // client id → name
  const courses = new Map(); // course id → course

  async function loadClinic() {
    const c = st.clinic;
    cal.staff = people.filter((p) => p.clinic_ids.includes(c.id)).sort((a, b) => a.name.localeCompare(b.name));
    const [hours, chairs, staffHours, off] = await Promise.all([
      get(`/api/v1/clinics/${c.id}/hours`),
      all(`/api/v1/clinics/${c.id}/chairs`),
      Promise.all(cal.staff.map((p) => get(`/api/v1/practitioners/${p.id}/hours?clinic_id=${c.id}`))),
      Promise.all(cal.staff.map((p) => all(`/api/v1/practitioners/${p.id}/time-off`))),
    ]);
    cal.hours = hours;
    cal.chairs = new Map(chairs.map((x) => [x.id, x]));
    cal.staffHours = new Map(cal.staff.map((p, i) => [p.id, staffHours[i]]));
    cal.timeOff = new Map(cal.staff.map((p, i) => [p.id, off[i].map((t) => ({
      from: localOf(t.start, c.timezone), to: localOf(t.end, c.timezone), reason: t.reason }))]));
    if (st.pid && !cal.staff.some((p) => p.id === st.pid)) st.pid = null;
    if (!st.date) st.date = todayIn(c.timezone);
    if (st.view === 'week' && !st.pid && cal.staff.length) st.pid = cal.staff[0].id;
  }

  const first = () => (st.view === 'week' ? mondayOf(st.date) : st.date);
  const last = () => (st.view === 'week' ? addDays(mondayOf(st.date), 6) : st.date);

  async function loadRange() {
    const c = st.clinic;
    const [appts, closed] = await Promise.all([
      all('/api/v1/appointments', { clinic_id: c.id, from: first(), to: last(), practitioner_id: st.pid || '' }),
      all(`/api/v1/clinics/${c.id}/closures`, { from: first(), to: last() }),
    ]);
    shown.appts = appts.filter((a) => a.status === 'booked');
    shown.closed = new Map(closed.map((x) => [x.day, x]));
    const need = [...new Set(shown.appts.map((a) => a.client_id))].filter((id) => !names.has(id));
    const needCourses = [...new Set(shown.appts.map((a) => a.course_id).filter(Boolean))].filter((id) => !courses.has(id));
    await Promise.all([
      ...need.map((id) => get(`/api/v1/clients/${id}`).then((x) => names.set(id, fullName(x)), (e) => {
        if (e.status === 401) throw e;
        names.set(id, `Client ${id}`);
      })),
      ...needCourses.map((id) => get(`/api/v1/courses/${id}`).then((x) => courses.set(id, x), (e) => { if (e.status === 401) throw e; })),
    ]);
  }

  const person = (id) => people.find((p) => p.id === id);
  const personName = (id) => person(id)?.name || `Practitioner ${id}`;

  // ---- the toolbar ---------------------------------------------------------------------

  const clinicSel = buildField({ name: 'clinic', label: 'Clinic', type: 'select',
    options: clinics.map((c) => ({ value: c.id, label: c.name })), value: st.clinic.id });
  const whoSel = buildField({ name: 'practitioner', label: 'Practitioner', type: 'select', options: [] });
  const viewSel = buildField({ name: 'view', label: 'Show', type: 'radios', inline: true,
    options: [{ value: 'day', label: 'Day' }, { value: 'week', label: 'Week' }], value: st.view });
  viewSel.wrap.classList.add('segmented');
  const dateSel = buildField({ name: 'date', label: 'Date', type: 'date', required: true, width: 'medium' });
  const prevBtn = button('Previous day', () => moveBy(-1));
  const todayBtn = button('Today', () => { st.date = todayIn(st.clinic.timezone); redraw(true); });
  const nextBtn = button('Next day', () => moveBy(1));

  function fillWho() {
    const sel = whoSel.inputs[0];
    sel.replaceChildren(
      h('option', { value: '' }, 'Everyone (day view)'),
      ...cal.staff.map((p) => h('option', { value: String(p.id), selected: p.id === st.pid }, p.name)));
    sel.value = st.pid ? String(st.pid) : '';
  }

  function syncToolbar() {
    clinicSel.inputs[0].value = String(st.clinic.id);
    fillWho();
    for (const r of viewSel.inputs) r.checked = r.value === st.view;
    dateSel.inputs[0].value = st.date;
    const unit = st.view === 'week' ? 'week' : 'day';
    prevBtn.textContent = `Previous ${unit}`;
    nextBtn.textContent = `Next ${unit}`;
    if (current().path === '/calendar') setQuery({ clinic: st.clinic.id, practitioner: st.pid || '', date: st.date, view: st.view });
  }

  function moveBy(n) {
    st.date = addDays(st.date, st.view === 'week' ? 7 * n : n);
    redraw(true);
  }

  clinicSel.inputs[0].addEventListener('change', async () => {
    const next = clinics.find((c) => String(c.id) === clinicSel.inputs[0].value);
    if (!next || next === st.clinic) return;
    st.clinic = next;
    st.pid = null;
    try {
      await withBusy(loadClinic);
    } catch (e) {
      if (e.status !== 401) showProblem(failText(e));
      return;
    }
    redraw(true);
  });
  whoSel.inputs[0].addEventListener('change', () => {
    st.pid = Number(whoSel.inputs[0].value) || null;
    if (!st.pid) st.view = 'day';
    redraw(true);
  });
  for (const r of viewSel.inputs) {
    r.addEventListener('change', () => {
      if (!r.checked) return;
      st.view = r.value;
      if (st.view === 'week' && !st.pid && cal.staff.length) st.pid = cal.staff[0].id;
      redraw(true);
    });
  }
  dateSel.inputs[0].addEventListener('change', () => {
    const v = dateSel.inputs[0].value;
    if (isYmd(v)) { st.date = v; redraw(true); }
  });

  const toolbar = h('div', { class: 'cal-toolbar', role: 'group', 'aria-label': 'Calendar controls' },
    clinicSel.wrap, whoSel.wrap, viewSel.wrap, dateSel.wrap,
    h('div', { class: 'cal-nav' }, prevBtn, todayBtn, nextBtn));

  // ---- the grid ----------------------------------------------------------------------------

  const titleId = uid('cal-title');
  const hintId = uid('cal-hint');
  const title = h('h2', { id: titleId, tabindex: '-1', class: 'cal-title' });
  const msgs = h('div', { class: 'cal-messages' });
  const closedNote = h('div', {});
  const gridBox = h('div', { class: 'cal-wrap', role: 'region', 'aria-labelledby': titleId, 'aria-describedby': hintId, tabindex: '0' });
  const hint = h('p', { class: 'hint', id: hintId },
    'Choose an empty time to book it; the arrow keys move between empty times. Open an appointment for its details, ',
    'or drag it to another time to move it.');
  const legend = h('ul', { class: 'cal-legend', 'aria-label': 'Key' },
    h('li', {}, h('span', { class: 'cal-key cal-key-closed', 'aria-hidden': 'true' }), 'Clinic closed'),
    h('li', {}, h('span', { class: 'cal-key cal-key-off', 'aria-hidden': 'true' }), 'Practitioner not working'),
    h('li', {}, h('span', { class: 'cal-key cal-key-buffer', 'aria-hidden': 'true' }), 'Clean-down after a treatment'));

  let busyCount = 0;
  async function withBusy(fn) {
    busyCount += 1;
    gridBox.setAttribute('aria-busy', 'true');
    try { return await fn(); } finally {
      busyCount -= 1;
      if (!busyCount) gridBox.removeAttribute('aria-busy');
    }
  }

  function columns() {
    if (st.view === 'week') {
      const pid = st.pid;
      return [0, 1, 2, 3, 4, 5, 6].map((i) => {
        const date = addDays(mondayOf(st.date), i);
        return { date, pid, title: shortDay(date), long: dayWords(date) };
      });
    }
    const who = st.pid ? cal.staff.filter((p) => p.id === st.pid) : cal.staff;
    return who.map((p) => ({ date: st.date, pid: p.id, title: p.name, long: p.name }));
  }

  /** The time axis: earliest opening to latest closing of the week, widened to the bookings. */
  function axis() {
    let lo = Infinity;
    let hi = -Infinity;
    for (const k of DAY_KEYS) {
      for (const [a, b] of cal.hours[k] || []) { lo = Math.min(lo, toMin(a)); hi = Math.max(hi, toMin(b)); }
    }
    for (const a of shown.appts) {
      const s = toMin(a.start_local.slice(11));
      const e = a.end_local.slice(0, 10) === a.start_local.slice(0, 10) ? toMin(a.end_local.slice(11)) : 1440;
      lo = Math.min(lo, s);
      hi = Math.max(hi, e);
    }
    if (lo === Infinity) return null;
    return [Math.floor(lo / STEP) * STEP, Math.ceil(hi / STEP) * STEP];
  }

  /** What a 15-minute cell is: 'open', 'closed' (the clinic) or 'off' (the practitioner). */
  function cellState(col, m) {
    const day = DAY_KEYS[weekday(col.date)];
    if (shown.closed.has(col.date) || !inside(cal.hours[day], m)) return 'closed';
    const ph = cal.staffHours.get(col.pid);
    if (ph && !inside(ph[day], m)) return 'off';
    const from = `${col.date}T${hhmm(m)}`;
    const to = `${col.date}T${hhmm(m + STEP)}`;
    if ((cal.timeOff.get(col.pid) || []).some((t) => t.from < to && t.to > from)) return 'off';
    return 'open';
  }

  let free = []; // free[c][r]: the button of an empty, bookable time, or null
  let roving = null;
  let drag = null;
  let suppressClick = false;

  function setRoving(btn) {
    if (roving && roving !== btn) roving.tabIndex = -1;
    roving = btn;
    if (btn) btn.tabIndex = 0;
  }

  function drawGrid() {
    const cols = columns();
    shown.cols = cols;
    const ax = axis();
    if (!cal.staff.length) {
      gridBox.replaceChildren(notice('info', h('p', {}, `No practitioners work at ${st.clinic.name} yet.`)));
      return;
    }
    if (!ax) {
      gridBox.replaceChildren(notice('info', h('p', {}, `${st.clinic.name} has no opening hours. Set them on `,
        link('the clinic’s page', `#/clinics/${st.clinic.id}`), '.')));
      return;
    }
    shown.axis = ax;
    const [lo, hi] = ax;
    const rows = (hi - lo) / STEP;
    const grid = h('div', { class: `cal-grid cal-${st.view}` });
    grid.style.gridTemplateColumns = `4.25rem repeat(${cols.length}, minmax(8.5rem, 1fr))`;
    grid.style.gridTemplateRows = `auto repeat(${rows}, var(--cal-row))`;
    const place = (el, col, r1, r2) => {
      el.style.gridColumn = String(col + 2);
      el.style.gridRow = `${r1 + 2} / ${r2 + 2}`;
      return el;
    };

    const corner = h('div', { class: 'cal-corner', 'aria-hidden': 'true' });
    corner.style.gridColumn = '1';
    corner.style.gridRow = '1';
    grid.append(corner);
    const today = todayIn(st.clinic.timezone);
    cols.forEach((col, c) => {
      const isToday = st.view === 'week' && col.date === today;
      const head = h('div', { class: `cal-colhead${isToday ? ' cal-today' : ''}` }, col.title,
        isToday ? hidden(' (today)') : null,
        st.view === 'week' && shown.closed.has(col.date) ? h('span', { class: 'cal-colnote' }, 'Closed') : null);
      head.style.gridColumn = String(c + 2);
      head.style.gridRow = '1';
      grid.append(head);
    });
    for (let r = 0; r < rows; r++) {
      const m = lo + r * STEP;
      if (m % 60 === 0 || r === 0) {
        grid.append(place(h('div', { class: 'cal-time', 'aria-hidden': 'true' }, hhmm(m)), -1, r, Math.min(r + (60 - (m % 60)) / STEP, rows)));
      }
    }
    // the appointments, in column then time order so they read in a sensible order
    const blocks = [];
    for (const a of shown.appts) {
      const c = st.view === 'week' ? cols.findIndex((x) => x.date === a.start_local.slice(0, 10))
        : cols.findIndex((x) => x.pid === a.practitioner_id);
      if (c < 0) continue;
      const s = toMin(a.start_local.slice(11));
      const e = a.end_local.slice(0, 10) === a.start_local.slice(0, 10) ? toMin(a.end_local.slice(11)) : hi;
      const r1 = Math.max(0, Math.floor((s - lo) / STEP));
      const r2 = Math.min(rows, Math.max(r1 + 1, Math.ceil((e - lo) / STEP)));
      blocks.push({ a, c, r1, r2 });
    }
    blocks.sort((x, y) => x.c - y.c || x.r1 - y.r1);
    const buffer = st.clinic.buffer_min || 0;
    const bufferRows = (a) => (a.kind !== 'consultation' && buffer > 0 ? Math.ceil(buffer / STEP) : 0);
    // the times under a booking or its clean-down are not offered
    const taken = cols.map(() => new Array(rows).fill(false));
    for (const b of blocks) {
      for (let r = b.r1; r < Math.min(rows, b.r2 + bufferRows(b.a)); r++) taken[b.c][r] = true;
    }
    const gridMin = st.clinic.grid_min || STEP;
    free = cols.map(() => new Array(rows).fill(null));
    cols.forEach((col, c) => {
      const who = personName(col.pid);
      for (let r = 0; r < rows; r++) {
        const m = lo + r * STEP;
        const state = cellState(col, m);
        const cls = `cal-cell cal-${state}${m % 60 === 0 ? ' cal-hour' : ''}`;
        let cell;
        if (state === 'open' && !taken[c][r] && m % gridMin === 0) {
          cell = h('button', { type: 'button', class: cls, tabindex: '-1',
            'aria-label': `New appointment: ${dayWords(col.date)} ${hhmm(m)}, ${who}`,
            onclick: () => { setRoving(cell); newAppointment({ date: col.date, minute: m, pid: col.pid }); },
            onfocus: () => setRoving(cell) });
          free[c][r] = cell;
        } else cell = h('div', { class: cls, 'aria-hidden': 'true' });
        cell.dataset.c = String(c);
        cell.dataset.r = String(r);
        grid.append(place(cell, c, r, r + 1));
      }
    });

    for (const b of blocks) {
      const { a } = b;
      if (bufferRows(a) && b.r2 < rows) {
        grid.append(place(h('div', { class: 'cal-buffer', 'aria-hidden': 'true' }), b.c, b.r2, Math.min(rows, b.r2 + bufferRows(a))));
      }
      const course = a.course_id ? courses.get(a.course_id) : null;
      const when = span(a.start_local, a.end_local);
      const client = names.get(a.client_id) || `Client ${a.client_id}`;
      const what = apptWhat(a, course);
      // its name is its lines: "09:00–13:00 Ann Lee Session 1 of 3" (and "with …" in the day view)
      const block = h('button', { type: 'button', class: `cal-appt cal-appt-${a.kind}`, 'data-id': a.id,
        'aria-describedby': hintId, onclick: () => { if (suppressClick) return; openDetails(a); } },
      h('span', { class: 'cal-appt-time' }, when),
      h('span', { class: 'cal-appt-client' }, client),
      h('span', { class: 'cal-appt-kind' }, what, st.view === 'day' ? hidden(` with ${personName(a.practitioner_id)}`) : null));
      place(block, b.c, b.r1, b.r2);
      block.addEventListener('pointerdown', (e) => startDrag(e, block, b));
      grid.append(block);
    }

    grid.addEventListener('keydown', onGridKey);
    gridBox.replaceChildren(grid);
    // one way into the empty times for the keyboard: today's next free time, else the first
    let start = null;
    const nowMin = toMin(localOf(new Date().toISOString(), st.clinic.timezone).slice(11));
    cols.forEach((col, c) => {
      if (start) return;
      for (let r = 0; r < rows && !start; r++) {
        if (free[c][r] && (col.date !== today || lo + r * STEP >= nowMin)) start = free[c][r];
      }
    });
    roving = null;
    setRoving(start || free.flat().find(Boolean) || null);
  }

  function onGridKey(e) {
    const cell = e.target.closest('.cal-cell');
    if (!cell || !['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
    const c = Number(cell.dataset.c);
    const r = Number(cell.dataset.r);
    let to = null;
    const col = (k) => free[k] || [];
    if (e.key === 'ArrowDown') to = col(c).slice(r + 1).find(Boolean);
    else if (e.key === 'ArrowUp') to = col(c).slice(0, r).reverse().find(Boolean);
    else if (e.key === 'Home') to = col(c).find(Boolean);
    else if (e.key === 'End') to = [...col(c)].reverse().find(Boolean);
    else {
      const step = e.key === 'ArrowRight' ? 1 : -1;
      for (let k = c + step; k >= 0 && k < free.length && !to; k += step) {
        // the nearest empty time to the same row in the next column that has one
        for (let d = 0; d < col(k).length && !to; d++) to = col(k)[r + d] || col(k)[r - d] || null;
      }
    }
    e.preventDefault();
    if (to) { setRoving(to); to.focus(); }
  }

  // ---- drag to move -------------------------------------------------------------------------

  function cellAt(x, y) {
    for (const el of document.elementsFromPoint(x, y)) {
      if (el.classList.contains('cal-cell') && gridBox.contains(el)) return { c: Number(el.dataset.c), r: Number(el.dataset.r) };
    }
    return null;
  }

  function startDrag(e, block, b) {
    if (e.button !== 0 || drag) return;
    const at = cellAt(e.clientX, e.clientY);
    drag = { block, b, x: e.clientX, y: e.clientY, moved: false, grab: at ? Math.max(0, at.r - b.r1) : 0,
      to: { c: b.c, r: b.r1 }, id: e.pointerId, row: block.style.gridRow, col: block.style.gridColumn };
    block.setPointerCapture(e.pointerId);
    block.addEventListener('pointermove', onDragMove);
    block.addEventListener('pointerup', onDragEnd);
    block.addEventListener('pointercancel', onDragCancel);
    document.addEventListener('keydown', onDragKey);
  }

  function stopListening() {
    if (!drag) return;
    const { block, id } = drag;
    block.removeEventListener('pointermove', onDragMove);
    block.removeEventListener('pointerup', onDragEnd);
    block.removeEventListener('pointercancel', onDragCancel);
    document.removeEventListener('keydown', onDragKey);
    if (block.hasPointerCapture(id)) block.releasePointerCapture(id);
    block.classList.remove('cal-dragging');
  }

  function onDragMove(e) {
    if (!drag) return;
    if (!drag.moved && Math.hypot(e.clientX - drag.x, e.clientY - drag.y) < 6) return;
    drag.moved = true;
    drag.block.classList.add('cal-dragging');
    const at = cellAt(e.clientX, e.clientY);
    if (!at) return;
    const len = drag.b.r2 - drag.b.r1;
    const rows = (shown.axis[1] - shown.axis[0]) / STEP;
    const r = Math.max(0, Math.min(rows - len, at.r - drag.grab));
    drag.to = { c: at.c, r };
    drag.block.style.gridColumn = String(at.c + 2);
    drag.block.style.gridRow = `${r + 2} / ${r + len + 2}`;
  }

  function snapBack(d) {
    d.block.style.gridRow = d.row;
    d.block.style.gridColumn = d.col;
  }

  function onDragCancel() {
    const d = drag;
    stopListening();
    drag = null;
    if (d) snapBack(d);
  }

  function onDragKey(e) {
    if (e.key !== 'Escape' || !drag) return;
    e.preventDefault();
    const d = drag;
    onDragCancel();
    if (d.moved) { suppressClick = true; setTimeout(() => { suppressClick = false; }, 0); }
  }

  async function onDragEnd() {
    const d = drag;
    stopListening();
    drag = null;
    if (!d || !d.moved) return; // a plain click opens the details
    suppressClick = true;
    setTimeout(() => { suppressClick = false; }, 0);
    const { a } = d.b;
    const col = shown.cols[d.to.c];
    const start = `${col.date}T${hhmm(shown.axis[0] + d.to.r * STEP)}`;
    if (start === a.start_local && col.pid === a.practitioner_id) { snapBack(d); return; }
    const body = { start };
    if (col.pid !== a.practitioner_id) body.practitioner_id = col.pid;
    msgs.replaceChildren();
    d.block.setAttribute('aria-busy', 'true');
    try {
      const moved = await patch(`/api/v1/appointments/${a.id}`, body);
      await refresh();
      focusBlock(a.id);
      reportMove(moved, a);
    } catch (e) {
      if (e.status === 401) return;
      snapBack(d);
      d.block.removeAttribute('aria-busy');
      d.block.focus();
      showProblem(`Not moved: ${failText(e)}`);
    }
  }

  // ---- messages ----------------------------------------------------------------------------

  function showProblem(text) {
    msgs.replaceChildren(notice('error', h('p', {}, text)));
  }

  /** reportMove says where an appointment went; a gap-window warning is an alert. */
  function reportMove(moved, before) {
    const where = `${names.get(moved.client_id) || 'The appointment'} moved to ${apptWhen(moved)}${moved.practitioner_id !== before.practitioner_id ? ` with ${personName(moved.practitioner_id)}` : ''}`;
    const warnings = moved.warnings || [];
    if (!warnings.length) { msgs.replaceChildren(); announce(where); return; }
    msgs.replaceChildren(h('div', { class: 'notice notice-warn notice-strong', role: 'alert' },
      h('p', {}, h('strong', {}, `${where}, but check the course.`)),
      h('ul', {}, warnings.map((w) => h('li', {}, w.message))),
      moved.course_id ? h('p', {}, link('Open the course', `#/courses/${moved.course_id}`)) : null));
  }

  function focusBlock(id) {
    const el = gridBox.querySelector(`.cal-appt[data-id="${id}"]`);
    if (el) el.focus();
    return el;
  }

  // ---- drawing -------------------------------------------------------------------------------

  function drawTitle() {
    title.textContent = st.view === 'week'
      ? `Week of ${dateWords(mondayOf(st.date))} — ${personName(st.pid)}`
      : dayWords(st.date);
    const closed = [...shown.closed.values()];
    closedNote.replaceChildren(...closed.map((x) => notice('info', h('p', {},
      `${st.clinic.name} is closed on ${dayWords(x.day)}${x.reason ? `: ${x.reason}` : '.'}`))));
  }

  async function refresh() {
    await withBusy(loadRange);
    drawTitle();
    drawGrid();
  }

  let seq = 0;
  async function redraw(announceIt) {
    const mine = ++seq;
    syncToolbar();
    msgs.replaceChildren();
    try {
      await withBusy(loadRange);
    } catch (e) {
      if (e.status === 401) return;
      if (mine === seq) showProblem(failText(e));
      return;
    }
    if (mine !== seq) return;
    drawTitle();
    drawGrid();
    if (announceIt) announce(`Showing ${title.textContent}`);
  }

  // ---- the dialogs ---------------------------------------------------------------------------

  function staffOptions(pid) {
    const list = [...cal.staff];
    if (pid && !list.some((p) => p.id === pid)) list.push({ id: pid, name: personName(pid) });
    return list.map((p) => ({ value: p.id, label: p.name }));
  }

  /** "New appointment": a client found by search, when, with whom, what kind and how long. */
  function newAppointment(at = {}) {
    const date = at.date || st.date;
    const minute = at.minute ?? null;
    const searchId = uid('client-search');
    const search = h('input', { type: 'search', id: searchId, autocomplete: 'off', spellcheck: 'false',
      'aria-describedby': `${searchId}-hint`, maxlength: 200 });
    const found = h('p', { class: 'hint', role: 'status' });
    let durationTouched = false;
    let dlg = null;
    const f = createForm({
      label: 'New appointment',
      submitLabel: 'Book appointment',
      cancel: { label: 'Cancel', run: () => dlg.close() },
      fields: [
        { name: 'client_id', label: 'Client', type: 'select', required: true, requiredMessage: 'Search for the client, then choose them',
          options: [{ value: '', label: 'Search above to list clients' }] },
        { name: 'practitioner_id', label: 'Practitioner', type: 'select', required: true, options: staffOptions(at.pid), value: at.pid || st.pid || cal.staff[0]?.id },
        { name: 'date', label: 'Date', type: 'date', required: true, value: date, width: 'medium' },
        { name: 'time', apiName: 'start', label: 'Start time', type: 'time', required: true, value: minute === null ? '' : hhmm(minute),
          step: (st.clinic.grid_min || STEP) * 60, width: 'medium', hint: `Clinic time (${st.clinic.timezone}).` },
        { name: 'kind', label: 'Kind', type: 'radios', inline: true, required: true, value: 'session',
          options: Object.entries(KIND_WORDS).map(([value, label]) => ({ value, label })) },
        { name: 'mode', label: 'How the consultation is held', type: 'radios', inline: true, value: 'in_person',
          options: [{ value: 'in_person', label: 'In person' }, { value: 'phone', label: 'Phone' }, { value: 'video', label: 'Video' }],
          when: (v) => v.kind === 'consultation' },
        { name: 'duration_min', label: 'Duration', type: 'select', value: DEFAULT_MINUTES.session,
          options: DURATIONS.map((m) => ({ value: m, label: durationWords(m) })) },
      ],
      onSubmit: async (v) => {
        const body = { clinic_id: st.clinic.id, practitioner_id: Number(v.practitioner_id), client_id: Number(v.client_id),
          kind: v.kind, start: `${v.date}T${v.time}`, duration_min: Number(v.duration_min) };
        if (v.kind === 'consultation') body.mode = v.mode;
        const made = await post('/api/v1/appointments', body);
        names.set(made.client_id, clientSel.selectedOptions[0]?.dataset.name || names.get(made.client_id));
        if (made.start_local.slice(0, 10) < first() || made.start_local.slice(0, 10) > last()) {
          st.date = made.start_local.slice(0, 10);
          syncToolbar();
        }
        await refresh();
        dlg.close();
        focusBlock(made.id);
        announce(`Booked ${names.get(made.client_id) || 'the client'}: ${apptWhen(made)} with ${personName(made.practitioner_id)}`);
      },
    });
    const clientSel = f.fields.get('client_id').inputs[0];
    const durationSel = f.fields.get('duration_min').inputs[0];
    durationSel.addEventListener('change', () => { durationTouched = true; });
    for (const r of f.fields.get('kind').inputs) {
      r.addEventListener('change', () => { if (r.checked && !durationTouched) durationSel.value = String(DEFAULT_MINUTES[r.value]); });
    }
    let timer = null;
    let asked = 0;
    search.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const q = search.value.trim();
        const mine = ++asked;
        if (!q) { found.textContent = ''; return; }
        let r;
        try { r = await get('/api/v1/clients' + query({ q, limit: 20 })); } catch (e) {
          if (e.status !== 401 && mine === asked) found.textContent = failText(e);
          return;
        }
        if (mine !== asked) return;
        const n = r.items.length;
        clientSel.replaceChildren(h('option', { value: '' }, n ? 'Choose the client' : 'No clients found'),
          ...r.items.map((c) => h('option', { value: String(c.id), 'data-name': fullName(c) },
            `${fullName(c)}${c.date_of_birth ? `, born ${dateWords(c.date_of_birth)}` : ''}${c.email ? ` (${c.email})` : ''}`)));
        if (n === 1) clientSel.value = String(r.items[0].id);
        found.textContent = n === 0 ? 'No clients found.' : `${n}${r.next_cursor ? '+' : ''} client${n === 1 ? '' : 's'} found${n === 1 ? ' and chosen' : ''}.`;
      }, 250);
    });
    f.fields.get('client_id').wrap.before(h('div', { class: 'field' },
      h('label', { for: searchId }, 'Find the client'),
      h('p', { class: 'hint', id: `${searchId}-hint` }, 'Start of a name, email or phone number.'), search, found));
    f.el.classList.add('form-dialog');
    dlg = modal({ title: 'New appointment', content: [h('p', { class: 'muted' }, `At ${st.clinic.name}.`), f.el], focus: () => search, wide: true });
  }

  /** An appointment's details: what, when, who, its history; "Move" and "Cancel appointment". */
  async function openDetails(a) {
    let full;
    try { full = await get(`/api/v1/appointments/${a.id}`); } catch (e) {
      if (e.status !== 401) showProblem(failText(e));
      return;
    }
    const course = full.course_id ? courses.get(full.course_id) : null;
    const tz = st.clinic.timezone;
    const who = (uidv) => {
      if (!uidv) return 'someone';
      if (uidv === session.user?.id) return 'you';
      const p = people.find((x) => x.user_id === uidv);
      return p ? p.name : `staff user ${uidv}`;
    };
    const at = (iso) => { const l = localOf(iso, tz); return `${shortDayYear(l.slice(0, 10))} ${l.slice(11)}`; };
    const history = (full.history || []).map((x) => {
      if (x.action === 'moved') return `${at(x.at)} — moved by ${who(x.user_id)}${x.old_start && x.new_start ? ` from ${at(x.old_start)} to ${at(x.new_start)}` : ''}`;
      if (x.action === 'cancelled') return `${at(x.at)} — cancelled by ${who(x.user_id)}${x.reason ? `: ${x.reason}` : ''}`;
      return `${at(x.at)} — ${x.action} by ${who(x.user_id)}`;
    });
    const client = names.get(full.client_id) || `Client ${full.client_id}`;
    const area = h('div', {});
    const moveBtn = button('Move', () => showMove(), 'primary');
    const cancelBtn = button('Cancel appointment', () => showCancel(), 'danger');
    const actions = h('div', { class: 'actions' }, moveBtn, cancelBtn);
    let dlg = null;

    function back(to) { area.replaceChildren(); actions.hidden = false; to.focus(); }

    function showMove() {
      const [date, time] = full.start_local.split('T');
      const f = createForm({
        label: 'Move the appointment',
        submitLabel: 'Move appointment',
        cancel: { label: 'Back', run: () => back(moveBtn) },
        fields: [
          { name: 'date', label: 'New date', type: 'date', required: true, value: date, width: 'medium' },
          { name: 'time', apiName: 'start', label: 'New start time', type: 'time', required: true, value: time, width: 'medium',
            step: (st.clinic.grid_min || STEP) * 60, hint: `Clinic time (${tz}).` },
          { name: 'practitioner_id', label: 'Practitioner', type: 'select', required: true, options: staffOptions(full.practitioner_id), value: full.practitioner_id },
        ],
        onSubmit: async (v) => {
          const body = { start: `${v.date}T${v.time}` };
          if (Number(v.practitioner_id) !== full.practitioner_id) body.practitioner_id = Number(v.practitioner_id);
          const moved = await patch(`/api/v1/appointments/${full.id}`, body);
          const day = moved.start_local.slice(0, 10);
          if (day < first() || day > last()) st.date = day;
          if (st.pid && st.pid !== moved.practitioner_id) st.pid = moved.practitioner_id;
          syncToolbar();
          await refresh();
          dlg.close();
          focusBlock(moved.id);
          reportMove(moved, full);
        },
      });
      f.el.classList.add('form-dialog');
      actions.hidden = true;
      area.replaceChildren(h('h3', {}, 'Move'), f.el);
      f.fields.get('date').inputs[0].focus();
    }

    function showCancel() {
      const f = createForm({
        label: 'Cancel the appointment',
        submitLabel: 'Cancel appointment',
        cancel: { label: 'Keep it', run: () => back(cancelBtn) },
        fields: [{ name: 'reason', label: 'Reason for cancelling', type: 'textarea', rows: 3, required: true, maxLength: 500,
          requiredMessage: 'Say why the appointment is cancelled', hint: 'For example: the client rang to cancel.' }],
        onSubmit: async (v) => {
          await post(`/api/v1/appointments/${full.id}/cancel`, { reason: v.reason });
          await refresh();
          dlg.close();
          title.focus();
          announce(`Cancelled ${client}, ${apptWhen(full)}`);
        },
      });
      f.el.classList.add('form-dialog');
      actions.hidden = true;
      area.replaceChildren(h('h3', {}, 'Cancel'), f.el);
      f.fields.get('reason').inputs[0].focus();
    }

    const chair = full.chair_id ? cal.chairs.get(full.chair_id)?.name || `Chair ${full.chair_id}` : null;
    dlg = modal({
      title: `${client} — ${apptWhat(full, course)}`,
      wide: true,
      returnTo: () => gridBox.querySelector(`.cal-appt[data-id="${full.id}"]`),
      content: [
        details([
          ['When', `${dayWords(full.start_local.slice(0, 10))}, ${span(full.start_local, full.end_local)} (${durationWords(full.duration_min)})`],
          ['What', apptWhat(full, course)],
          ['Practitioner', personName(full.practitioner_id)],
          ['Chair', chair || (full.kind === 'consultation' && full.mode !== 'in_person' ? 'None needed' : null)],
          ['Client', link(client, `#/clients/${full.client_id}`)],
          ['Course', full.course_id ? link('Open the course', `#/courses/${full.course_id}`) : null],
        ]),
        full.kind !== 'consultation' && full.status === 'booked' ? h('p', { class: 'link-row' },
          can('owner', 'manager', 'practitioner') ? link('Session record', `#/appointments/${full.id}/record`) : null,
          link('Aftercare', `#/appointments/${full.id}/aftercare`)) : null,
        actions, area,
        h('h3', {}, 'History'),
        history.length ? h('ol', { class: 'history-list' }, history.map((x) => h('li', {}, x))) : h('p', { class: 'muted' }, 'No history.'),
      ],
    });
  }

  // ---- the page ------------------------------------------------------------------------------

  await loadClinic();
  syncToolbar();
  await loadRange();
  drawTitle();
  drawGrid();
  return page('Calendar', [button('New appointment', () => newAppointment({ pid: st.pid }), 'primary')],
    toolbar, msgs, title, closedNote, hint, legend, gridBox);
}
