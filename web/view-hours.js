// view-hours.js — what bookings are fitted around, shown on the clinic and practitioner pages:
// the weekly hours editor (a row per weekday, intervals added and removed with time inputs),
// a clinic's closures and chairs, and a practitioner's working hours at each of their clinics
// ("Use the clinic's hours" while they have none of their own) and time off. Owners and
// managers edit; everyone else sees the same facts as tables. Each section redraws itself after
// a change and says so in the live region; a refusal from the server is shown where it happened.
import { h, uid } from './dom.js';
import { all, can, del, get, patch, post, put, session } from './api.js';
import { createForm, orNull } from './form.js';
import { announce, button, confirm, notice, table } from './ui.js';
import { DAY_KEYS, DAY_NAMES, dateWords, dayWords, localOf, shortDayYear, toMin, todayIn } from './time.js';

const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/** failText is the words for a refusal: the server's message, or the role for a 403. */
export function failText(e) {
  if (e.status === 403 && e.code === 'forbidden') return `Your role (${session.user?.role}) can't do this.`;
  return cap(e.message || 'Something went wrong. Try again.');
}

/** card is a titled section whose <h2> can take focus: {el, heading, body}. */
function card(title, cls = '') {
  const id = uid('sec');
  const heading = h('h2', { id, tabindex: '-1' }, title);
  const body = h('div', {});
  return { el: h('section', { class: `card ${cls}`.trim(), 'aria-labelledby': id }, heading, body), heading, body };
}

/** inlineForm marks a createForm form as one that sits inside a card, fields side by side. */
function inlineForm(f) {
  f.el.classList.add('form-inline');
  return f;
}

const hidden = (text) => h('span', { class: 'visually-hidden' }, text);
const dayText = (ivs) => (ivs && ivs.length ? ivs.map(([a, b]) => `${a}–${b}`).join(', ') : 'Closed');

/** hoursTable shows a week of hours read-only. */
export function hoursTable(hours, caption) {
  return table({
    caption,
    rows: DAY_KEYS.map((key, i) => ({ key, name: DAY_NAMES[i] })),
    columns: [
      { label: 'Day', cell: (r) => r.name },
      { label: 'Hours', cell: (r) => dayText(hours[r.key]) },
    ],
  });
}

/**
 * hoursEditor edits a week {mon: [["09:00","17:00"]], …}: a fieldset per weekday with its
 * openings (opens/closes time inputs, "Remove") and "Add hours". Closing at 00:00 means
 * midnight (sent as 24:00). Problems are checked here first (both times, closing after opening,
 * no overlaps) and listed in a summary; the server's refusal names a day and lands on it.
 * onSave(week) → the saved week. Answers {el, set(week)}.
 */
export function hoursEditor({ hours, label, saveLabel = 'Save hours', onSave }) {
  const days = DAY_KEYS.map((key, i) => {
    const errId = uid('hrs-err');
    const errText = h('span', {});
    const err = h('p', { class: 'field-error', id: errId, hidden: true }, hidden('Error: '), errText);
    const list = h('ul', { class: 'hours-list' });
    const d = { key, name: DAY_NAMES[i], values: [], rows: [], list, err, errText, errId };
    d.add = h('button', { type: 'button', class: 'btn btn-quiet btn-small', onclick: () => addTo(d) },
      'Add hours', hidden(` on ${d.name}`));
    d.closed = h('p', { class: 'muted hours-closed' }, 'Closed');
    d.fs = h('fieldset', { class: 'hours-day' }, h('legend', {}, d.name), err,
      h('div', { class: 'hours-body' }, d.closed, list, d.add));
    return d;
  });
  const summaryList = h('ul', {});
  const summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true, role: 'alert' },
    h('h3', {}, 'There is a problem'), summaryList);

  /** sync reads the inputs back into the day's values. */
  const sync = (d) => { d.values = d.rows.map((r) => [r.from.value, r.to.value]); };

  function drawDay(d) {
    d.rows = d.values.map(([a, b], i) => {
      const prefix = `${d.name}${d.values.length > 1 ? `, hours ${i + 1}` : ''}: `;
      const idA = uid('hrs');
      const idB = uid('hrs');
      const from = h('input', { type: 'time', id: idA, value: a, step: 300, required: true });
      const to = h('input', { type: 'time', id: idB, value: b === '24:00' ? '00:00' : b, step: 300, required: true });
      const rm = h('button', { type: 'button', class: 'btn btn-quiet btn-small', onclick: () => removeFrom(d, i) },
        'Remove', hidden(` ${d.name} hours${d.values.length > 1 ? ` ${i + 1}` : ''}`));
      const li = h('li', { class: 'hours-row' },
        h('div', { class: 'hours-time' }, h('label', { for: idA }, hidden(prefix), 'Opens'), from),
        h('div', { class: 'hours-time' }, h('label', { for: idB }, hidden(prefix), 'Closes'), to),
        rm);
      return { from, to, rm, li };
    });
    d.list.replaceChildren(...d.rows.map((r) => r.li));
    d.list.hidden = !d.rows.length;
    d.closed.hidden = !!d.rows.length;
    d.add.disabled = d.rows.length >= 8;
  }

  function addTo(d) {
    sync(d);
    const last = d.values.length ? toMin(d.values[d.values.length - 1][1] === '00:00' ? '24:00' : d.values[d.values.length - 1][1]) : null;
    if (last === null) d.values.push(['09:00', '17:00']);
    else {
      const a = Math.min(last + 60, 1380);
      const t = (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      d.values.push([t(a), t(Math.min(a + 60, 1439))]);
    }
    drawDay(d);
    d.rows[d.rows.length - 1].from.focus();
  }

  function removeFrom(d, i) {
    sync(d);
    d.values.splice(i, 1);
    drawDay(d);
    (d.rows[Math.min(i, d.rows.length - 1)]?.rm || d.add).focus();
  }

  function showDay(d, msg) {
    d.errText.textContent = msg || '';
    d.err.hidden = !msg;
    d.fs.classList.toggle('has-error', !!msg);
    for (const r of d.rows) {
      for (const i of [r.from, r.to]) {
        if (msg) i.setAttribute('aria-describedby', d.errId); else i.removeAttribute('aria-describedby');
      }
    }
  }

  function showSummary(items) {
    summaryList.replaceChildren(...items.map(({ d, msg }) => h('li', {}, d
      ? h('a', { href: `#${(d.rows[0]?.from || d.add).id || ''}`, onclick: (e) => { e.preventDefault(); (d.rows[0]?.from || d.add).focus(); } }, msg)
      : msg)));
    summary.hidden = !items.length;
  }

  /** check answers the week to send, or null after showing what is wrong. */
  function check() {
    const bad = [];
    const week = {};
    for (const d of days) {
      sync(d);
      let msg = null;
      const ivs = [];
      d.rows.forEach((r) => { r.from.removeAttribute('aria-invalid'); r.to.removeAttribute('aria-invalid'); });
      d.rows.forEach((r, i) => {
        const a = toMin(r.from.value);
        let b = toMin(r.to.value);
        if (b === 0) b = 1440; // closing at 00:00 is midnight
        if (a === null || b === null) {
          msg = msg || `${d.name}: enter both the opening and the closing time`;
          if (a === null) r.from.setAttribute('aria-invalid', 'true');
          if (b === null) r.to.setAttribute('aria-invalid', 'true');
        } else if (a >= b) {
          msg = msg || `${d.name}: the closing time must be after the opening time`;
          r.to.setAttribute('aria-invalid', 'true');
        } else ivs.push({ a, b, i });
      });
      ivs.sort((x, y) => x.a - y.a);
      for (let k = 1; k < ivs.length && !msg; k++) {
        if (ivs[k].a < ivs[k - 1].b) {
          msg = `${d.name}: the hours overlap`;
          d.rows[ivs[k].i].from.setAttribute('aria-invalid', 'true');
        }
      }
      showDay(d, msg);
      if (msg) bad.push({ d, msg });
      const t = (m) => (m === 1440 ? '24:00' : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
      week[d.key] = ivs.map((x) => [t(x.a), t(x.b)]);
    }
    if (bad.length) { showSummary(bad); summary.focus(); return null; }
    showSummary([]);
    return week;
  }

  function set(week) {
    for (const d of days) {
      d.values = (week[d.key] || []).map(([a, b]) => [a, b]);
      drawDay(d);
      showDay(d, null);
    }
    showSummary([]);
  }

  let busy = false;
  const save = h('button', { type: 'submit', class: 'btn btn-primary' }, saveLabel);
  const el = h('form', { class: 'hours-form', novalidate: true, 'aria-label': label }, summary,
    h('p', { class: 'hint' }, 'Add a second opening for a break in the day. Closing at 00:00 means midnight.'),
    h('div', { class: 'hours-week' }, days.map((d) => d.fs)),
    h('div', { class: 'form-actions' }, save));
  el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    const week = check();
    if (!week) return;
    busy = true;
    el.setAttribute('aria-busy', 'true');
    try {
      set(await onSave(week));
    } catch (e) {
      if (e.status === 401) return;
      const d = days.find((x) => x.key === e.field);
      let msg = failText(e);
      if (d) {
        msg = msg.replace(new RegExp(`^${d.key}\\b`, 'i'), d.name);
        showDay(d, msg);
      }
      showSummary([{ d, msg }]);
      summary.focus();
    } finally {
      busy = false;
      el.removeAttribute('aria-busy');
    }
  });
  set(hours);
  return { el, set };
}

// ---- the clinic page ----------------------------------------------------------------------

function clinicHours(c, hours, edit) {
  const s = card('Opening hours', 'hours-card');
  s.body.append(h('p', { class: 'hint' }, `Times in the clinic’s zone, ${c.timezone}. Appointments start and end inside these hours.`));
  if (!edit) s.body.append(hoursTable(hours, `Opening hours of ${c.name}`));
  else {
    s.body.append(hoursEditor({
      hours, label: `Opening hours of ${c.name}`, saveLabel: 'Save opening hours',
      onSave: async (week) => {
        const saved = await put(`/api/v1/clinics/${c.id}/hours`, week);
        announce('Opening hours saved');
        return saved;
      },
    }).el);
  }
  return s.el;
}

function closures(c, first, edit) {
  const s = card('Closures');
  const today = todayIn(c.timezone);
  const list = h('div', {});
  const out = h('div', {});
  const formBox = h('div', {});
  let items = first;
  const load = async () => { items = await all(`/api/v1/clinics/${c.id}/closures`, { from: today }); };

  function draw() {
    list.replaceChildren(table({
      caption: `Closures of ${c.name}`,
      empty: 'No closures from today on.',
      rows: items,
      columns: [
        { label: 'Date', cell: (x) => dayWords(x.day) },
        { label: 'Reason', cell: (x) => x.reason || '' },
        ...(edit ? [{ label: 'Actions', cell: (x) => button(['Delete', hidden(` closure on ${dateWords(x.day)}`)], async () => {
          if (!(await confirm({ title: `Delete the closure on ${dayWords(x.day)}?`, message: 'The clinic opens as usual that day.', confirmLabel: 'Yes, delete' }))) return;
          out.replaceChildren();
          try {
            await del(`/api/v1/closures/${x.id}`);
            await load();
            draw();
            s.heading.focus();
            announce(`Closure on ${dateWords(x.day)} deleted`);
          } catch (e) {
            if (e.status !== 401) out.replaceChildren(notice('error', h('p', {}, failText(e))));
          }
        }, 'danger') }] : []),
      ],
    }));
  }

  function drawForm(focus) {
    const f = inlineForm(createForm({
      label: 'Add a closure',
      submitLabel: 'Add closure',
      fields: [
        { name: 'day', label: 'Date', type: 'date', required: true, notBefore: today, width: 'medium',
          requiredMessage: 'Enter the date the clinic is closed', check: (v) => (v && v < today ? 'The date must be today or later' : null) },
        { name: 'reason', label: 'Reason', maxLength: 200, hint: 'For example Bank holiday.' },
      ],
      onSubmit: async (v) => {
        await post(`/api/v1/clinics/${c.id}/closures`, { day: v.day, reason: orNull(v.reason) });
        await load();
        draw();
        drawForm(true);
        announce(`Closure added for ${dateWords(v.day)}`);
      },
    }));
    formBox.replaceChildren(h('h3', {}, 'Add a closure'), f.el);
    if (focus) f.fields.get('day').inputs[0].focus();
  }

  s.body.append(h('p', { class: 'hint' }, 'Days the whole clinic is closed, such as bank holidays. Nothing can be booked on them.'), out, list);
  draw();
  if (edit) { s.body.append(formBox); drawForm(false); }
  return s.el;
}

function chairs(c, first, edit) {
  const s = card('Chairs');
  const list = h('div', {});
  const out = h('div', {});
  const formBox = h('div', {});
  let items = first;
  const load = async () => { items = await all(`/api/v1/clinics/${c.id}/chairs`); };

  function draw() {
    list.replaceChildren(table({
      caption: `Chairs of ${c.name}`,
      empty: 'No chairs: treatments and in-person consultations cannot be booked.',
      rows: items,
      columns: [
        { label: 'Name', cell: (x) => x.name },
        { label: 'Status', cell: (x) => h('span', { class: `tag ${x.active ? 'tag-on' : 'tag-off'}` }, x.active ? 'In use' : 'Out of use') },
        ...(edit ? [{ label: 'Actions', cell: (x) => button([x.active ? 'Deactivate' : 'Reactivate', hidden(` ${x.name}`)], async () => {
          out.replaceChildren();
          try {
            await patch(`/api/v1/chairs/${x.id}`, { active: !x.active });
            await load();
            draw();
            list.querySelector(`[data-chair="${x.id}"]`)?.focus();
            announce(`${x.name} is ${x.active ? 'out of use' : 'in use again'}`);
          } catch (e) {
            if (e.status !== 401) out.replaceChildren(notice('error', h('p', {}, failText(e))));
          }
        }, 'secondary', { 'data-chair': x.id }) }] : []),
      ],
    }));
  }

  function drawForm(focus) {
    const f = inlineForm(createForm({
      label: 'Add a chair',
      submitLabel: 'Add chair',
      fields: [{ name: 'name', label: 'Chair name', required: true, maxLength: 100, requiredMessage: 'Enter the chair’s name' }],
      onSubmit: async (v) => {
        await post(`/api/v1/clinics/${c.id}/chairs`, { name: v.name });
        await load();
        draw();
        drawForm(true);
        announce(`${v.name} added`);
      },
    }));
    formBox.replaceChildren(h('h3', {}, 'Add a chair'), f.el);
    if (focus) f.fields.get('name').inputs[0].focus();
  }

  s.body.append(h('p', { class: 'hint' }, 'Treatments and in-person consultations each need a chair.'), out, list);
  draw();
  if (edit) { s.body.append(formBox); drawForm(false); }
  return s.el;
}

/** clinicScheduling answers the clinic page's Opening hours, Closures and Chairs sections. */
export async function clinicScheduling(c) {
  const edit = can('owner', 'manager');
  const [hours, closed, seats] = await Promise.all([
    get(`/api/v1/clinics/${c.id}/hours`),
    all(`/api/v1/clinics/${c.id}/closures`, { from: todayIn(c.timezone) }),
    all(`/api/v1/clinics/${c.id}/chairs`),
  ]);
  return [clinicHours(c, hours, edit), closures(c, closed, edit), chairs(c, seats, edit)];
}

// ---- the practitioner page ----------------------------------------------------------------

const weekOf = (x) => Object.fromEntries(DAY_KEYS.map((k) => [k, x[k] || []]));

function workingHours(p, clinic, first, edit) {
  const s = card(`Working hours at ${clinic.name}`, 'hours-card');
  const intro = h('p', { class: 'hint' }, `Times in the clinic’s zone, ${clinic.timezone}.`);

  function draw(state) {
    const caption = `${p.name}’s hours at ${clinic.name}`;
    if (!edit) {
      s.body.replaceChildren(intro,
        h('p', {}, state.own ? 'Their own hours at this clinic:' : 'The clinic’s opening hours (they have none of their own):'),
        hoursTable(weekOf(state), caption));
      return;
    }
    const editor = hoursEditor({
      hours: weekOf(state), label: caption, saveLabel: 'Save working hours',
      onSave: async (week) => {
        const saved = await put(`/api/v1/practitioners/${p.id}/hours`, { clinic_id: clinic.id, ...week });
        announce(`Working hours at ${clinic.name} saved`);
        if (!state.own) {
          // they have hours of their own now: the section changes shape; focus its heading
          draw({ ...saved, own: true });
          s.heading.focus();
        }
        return saved;
      },
    });
    if (state.own) {
      const copy = button('Copy the clinic’s hours', async () => {
        try {
          editor.set(await get(`/api/v1/clinics/${clinic.id}/hours`));
          announce('The clinic’s hours are filled in; save to keep them');
        } catch (e) { if (e.status !== 401) announce(failText(e)); }
      }, 'quiet');
      s.body.replaceChildren(intro, h('p', {}, 'They have their own hours at this clinic.'), h('div', { class: 'actions hours-tools' }, copy), editor.el);
      return;
    }
    const id = uid('use-clinic');
    const box = h('input', { type: 'checkbox', id, checked: true, 'aria-describedby': `${id}-hint` });
    const readOnly = hoursTable(weekOf(state), `Opening hours of ${clinic.name}`);
    editor.el.hidden = true;
    box.addEventListener('change', () => {
      readOnly.hidden = !box.checked;
      editor.el.hidden = box.checked;
    });
    s.body.replaceChildren(intro,
      h('div', { class: 'field' }, h('div', { class: 'check' }, box, h('label', { for: id }, 'Use the clinic’s hours')),
        h('p', { class: 'hint', id: `${id}-hint` }, 'Untick to give them hours of their own at this clinic.')),
      readOnly, editor.el);
  }
  draw(first);
  return s.el;
}

function timeOff(p, zone, first, edit) {
  const s = card('Time off');
  const list = h('div', {});
  const out = h('div', {});
  const formBox = h('div', {});
  const now = new Date().toISOString();
  const upcoming = (xs) => xs.filter((x) => x.end > now).sort((a, b) => (a.start < b.start ? -1 : 1));
  let items = upcoming(first);
  const load = async () => { items = upcoming(await all(`/api/v1/practitioners/${p.id}/time-off`)); };
  const words = (iso) => { const l = localOf(iso, zone); return `${shortDayYear(l.slice(0, 10))}, ${l.slice(11)}`; };

  function draw() {
    list.replaceChildren(table({
      caption: `${p.name}’s time off`,
      empty: 'No time off booked.',
      rows: items,
      columns: [
        { label: 'From', cell: (x) => words(x.start), class: 'nowrap' },
        { label: 'To', cell: (x) => words(x.end), class: 'nowrap' },
        { label: 'Reason', cell: (x) => x.reason || '' },
        ...(edit ? [{ label: 'Actions', cell: (x) => button(['Delete', hidden(` time off from ${words(x.start)}`)], async () => {
          if (!(await confirm({ title: 'Delete this time off?', message: `${p.name} is bookable again from ${words(x.start)} to ${words(x.end)}.`, confirmLabel: 'Yes, delete' }))) return;
          out.replaceChildren();
          try {
            await del(`/api/v1/time-off/${x.id}`);
            await load();
            draw();
            s.heading.focus();
            announce('Time off deleted');
          } catch (e) {
            if (e.status !== 401) out.replaceChildren(notice('error', h('p', {}, failText(e))));
          }
        }, 'danger') }] : []),
      ],
    }));
  }

  function drawForm(focus) {
    const f = inlineForm(createForm({
      label: 'Add time off',
      submitLabel: 'Add time off',
      fields: [
        { name: 'start', label: 'From', type: 'datetime-local', required: true, requiredMessage: 'Enter when the time off starts' },
        { name: 'end', label: 'To', type: 'datetime-local', required: true, requiredMessage: 'Enter when the time off ends',
          check: (v, all2) => (v && all2.start && v <= all2.start ? 'The end must be after the start' : null) },
        { name: 'reason', label: 'Reason', maxLength: 200, hint: 'For example Holiday or Training.' },
      ],
      onSubmit: async (v) => {
        await post(`/api/v1/practitioners/${p.id}/time-off`, { start: v.start, end: v.end, reason: orNull(v.reason) });
        await load();
        draw();
        drawForm(true);
        announce('Time off added');
      },
    }));
    formBox.replaceChildren(h('h3', {}, 'Add time off'), f.el);
    if (focus) f.fields.get('start').inputs[0].focus();
  }

  s.body.append(h('p', { class: 'hint' }, `Times in ${zone}. Nothing can be booked with ${p.name} during time off.`), out, list);
  draw();
  if (edit) { s.body.append(formBox); drawForm(false); }
  return s.el;
}

/** practitionerScheduling answers the practitioner page's working hours and Time off sections. */
export async function practitionerScheduling(p, byId) {
  const edit = can('owner', 'manager');
  const clinics = p.clinic_ids.map((id) => byId.get(id)).filter(Boolean);
  const [hours, off] = await Promise.all([
    Promise.all(clinics.map((c) => get(`/api/v1/practitioners/${p.id}/hours?clinic_id=${c.id}`))),
    all(`/api/v1/practitioners/${p.id}/time-off`),
  ]);
  // the server reads time off in the zone of the practitioner's first clinic
  const zone = clinics[0]?.timezone || 'UTC';
  return [...clinics.map((c, i) => workingHours(p, c, hours[i], edit)), timeOff(p, zone, off, edit)];
}
