// view-booking.js — booking a free consultation on a clinic's public page, and the client's own
// booking link. Booking: in person, by phone or by video; the free times of the next two weeks
// from the live availability (GET …/slots) as buttons grouped by day; name, email, phone and
// consent; a confirmation page. A time someone else has just taken (409) refreshes the times
// with a message and keeps everything typed. The link (#/booking/<token>) shows the booking and
// lets the client move it to another free time or cancel it (after a confirmation).
import { h, uid } from './dom.js';
import { ApiError } from './api.js';
import { buildField, createForm } from './form.js';
import { button, confirm, details, notice, page } from './ui.js';
import { pub } from './public-api.js';
import { addDays, dayWords, shortDay, todayIn } from './time.js';
import { publicFailure, show } from './view-public.js';

export const MODES = [
  { value: 'in_person', label: 'In person', description: 'At the clinic, with a look at your scalp.' },
  { value: 'phone', label: 'Phone', description: 'We call you at the time you choose.' },
  { value: 'video', label: 'Video call', description: 'A video link comes by email.' },
];
const modeWords = (m) => ({ in_person: 'In person, at the clinic', phone: 'By phone', video: 'By video call' }[m] || m);
const DAYS = 14;

/** when words for a clinic-local "YYYY-MM-DDTHH:MM": "Tuesday 8 December 2026 at 09:00". */
export const localWords = (local) => `${dayWords(local.slice(0, 10))} at ${local.slice(11, 16)}`;

/**
 * slotPicker shows the free times of a clinic for a mode, DAYS at a time, as day groups of
 * buttons (aria-pressed marks the chosen one). Answers {el, chosen(), setMode(m), reload(msg),
 * showError(msg), focus()}.
 */
export function slotPicker({ clinic, mode: startMode, label = 'Choose a time' }) {
  let mode = startMode;
  let from = todayIn(clinic.timezone);
  const first = from;
  let chosen = null;
  let day = null; // the day whose times are shown
  const hid = uid('slots');
  const errId = `${hid}-error`;
  const errText = h('span', {});
  const err = h('p', { class: 'field-error', id: errId, hidden: true }, h('span', { class: 'visually-hidden' }, 'Error: '), errText);
  const msg = h('div', { class: 'slot-msg' });
  const list = h('div', { class: 'slot-days', 'aria-busy': 'false' });
  const picked = h('p', { class: 'slot-picked', role: 'status' });
  const earlier = button('Earlier dates', () => { from = addDays(from, -DAYS); load(); }, 'secondary');
  const later = button('Later dates', () => { from = addDays(from, DAYS); load(); }, 'secondary');
  const heading = h('h2', { id: hid, tabindex: '-1' }, label);
  const el = h('section', { class: 'slot-picker', 'aria-labelledby': hid },
    heading, h('p', { class: 'hint' }, `Times are in the clinic's time (${clinic.timezone}). Each consultation takes 30 minutes.`),
    err, msg, list, h('div', { class: 'slot-nav' }, earlier, later), picked);

  const showError = (text) => {
    errText.textContent = text || '';
    err.hidden = !text;
    el.classList.toggle('has-error', !!text);
  };
  const setPicked = () => { picked.textContent = chosen ? `Chosen: ${localWords(chosen)}` : ''; };

  async function load() {
    earlier.disabled = from <= first;
    list.setAttribute('aria-busy', 'true');
    list.replaceChildren(h('p', { class: 'loading' }, 'Looking for free times…'));
    let items;
    try {
      items = (await pub.get(`/api/v1/public/clinics/${clinic.id}/slots?mode=${mode}&from=${from}&to=${addDays(from, DAYS - 1)}`)).items;
    } catch (e) {
      list.replaceChildren(notice('error', h('p', {}, e.message)));
      list.setAttribute('aria-busy', 'false');
      return;
    }
    if (chosen && !items.some((s) => s.start_local === chosen)) { chosen = null; setPicked(); }
    const days = new Map();
    for (const s of items) {
      const d = s.start_local.slice(0, 10);
      if (!days.has(d)) days.set(d, []);
      days.get(d).push(s);
    }
    list.setAttribute('aria-busy', 'false');
    if (!days.size) {
      list.replaceChildren(h('p', { class: 'empty' }, `No free times between ${dayWords(from)} and ${dayWords(addDays(from, DAYS - 1))}. Try later dates.`));
      return;
    }
    if (!days.has(day)) day = chosen && days.has(chosen.slice(0, 10)) ? chosen.slice(0, 10) : [...days.keys()][0];
    const drawDay = () => {
      const slots = days.get(day);
      const did = uid('day');
      return h('div', { class: 'slot-day' },
        h('h3', { id: did }, dayWords(day)),
        h('div', { class: 'slot-times', role: 'group', 'aria-labelledby': did }, slots.map((s) => {
          const b = h('button', { type: 'button', class: 'btn slot', 'aria-pressed': String(s.start_local === chosen),
            'data-start': s.start_local }, s.start_local.slice(11, 16));
          b.addEventListener('click', () => {
            chosen = s.start_local;
            for (const o of list.querySelectorAll('.slot')) o.setAttribute('aria-pressed', String(o === b));
            showError(null);
            setPicked();
          });
          return b;
        })));
    };
    const dayId = uid('days');
    const dayButtons = [...days].map(([d, slots]) => {
      const b = h('button', { type: 'button', class: 'btn slot-date', 'aria-pressed': String(d === day) },
        h('span', { class: 'slot-date-day' }, shortDay(d)),
        h('span', { class: 'slot-date-n' }, `${slots.length} time${slots.length === 1 ? '' : 's'}`));
      b.addEventListener('click', () => {
        day = d;
        for (const o of dayButtons) o.setAttribute('aria-pressed', String(o === b));
        list.querySelector('.slot-day').replaceWith(drawDay());
      });
      return b;
    });
    list.replaceChildren(
      h('p', { class: 'field-label', id: dayId }, 'Days with free times'),
      h('div', { class: 'slot-dates', role: 'group', 'aria-labelledby': dayId }, dayButtons),
      drawDay());
  }
  load();
  return {
    el,
    chosen: () => chosen,
    setMode(m) { mode = m; chosen = null; setPicked(); load(); },
    async reload(text) { msg.replaceChildren(text ? notice('warn', h('p', {}, text)) : ''); chosen = null; setPicked(); await load(); },
    showError,
    focus: () => heading.focus(),
  };
}

function bookedPage(b, email) {
  return page('Your consultation is booked', null,
    notice('info', h('p', {}, `We have emailed the confirmation to ${email}, with a link to move or cancel it.`)),
    details([
      ['When', `${localWords(b.start_local)} (${b.duration_min} minutes)`],
      ['How', modeWords(b.mode)],
      ['Clinic', [b.clinic.name, b.clinic.address].filter(Boolean).join(', ')],
    ]),
    h('p', {}, h('a', { href: b.manage_url.replace(/^\//, '') }, 'See, move or cancel this booking')));
}

export async function bookConsultation({ params }) {
  let clinic;
  try { clinic = await pub.get(`/api/v1/public/clinics/${encodeURIComponent(params.id)}`); } catch (e) { return publicFailure(e, 'clinic'); }
  const root = h('div', {});
  const modeField = buildField({ name: 'mode', label: 'How would you like to meet?', type: 'radios', value: 'in_person', options: MODES });
  const picker = slotPicker({ clinic, mode: 'in_person' });
  for (const r of modeField.inputs) r.addEventListener('change', () => picker.setMode(modeField.read()));

  const form = createForm({
    label: 'Book a free consultation',
    submitLabel: 'Book this consultation',
    fields: [
      { name: 'name', label: 'Full name', required: true, maxLength: 120, autocomplete: 'name', requiredMessage: 'Enter your first and last name',
        check: (v) => (v && !v.includes(' ') ? 'Enter your first and last name' : null) },
      { name: 'email', label: 'Email', type: 'email', required: true, maxLength: 200, autocomplete: 'email',
        hint: 'The confirmation, and your link to move or cancel, come by email.', requiredMessage: 'Enter your email address' },
      { name: 'phone', label: 'Phone', type: 'tel', maxLength: 40, autocomplete: 'tel',
        hint: 'Needed for a phone consultation.',
        check: (v) => (!v && modeField.read() === 'phone' ? 'Enter the number we should call' : null) },
      { name: 'health_consent', label: 'I agree that the clinic keeps the health details I share to prepare my consultation.', type: 'checkbox',
        check: (v) => (v ? null : 'Tick the box to agree, so the clinic may keep your details') },
    ],
    onSubmit: async (v) => {
      const start = picker.chosen();
      if (!start) {
        picker.showError('Choose one of the free times');
        throw new ApiError(422, 'invalid', 'Choose one of the free times', 'start');
      }
      const body = { name: v.name, email: v.email, mode: modeField.read(), start, health_consent: v.health_consent, website: trap.value };
      if (v.phone) body.phone = v.phone;
      try {
        const b = await pub.post(`/api/v1/public/clinics/${clinic.id}/bookings`, body);
        show(root, bookedPage(b, v.email));
      } catch (e) {
        if (e.field === 'start') {
          const text = e.status === 409 ? 'Someone has just booked that time. The times still free are shown; choose another.'
            : 'That time is no longer free. Choose another.';
          await picker.reload(text);
          picker.showError('Choose another time');
          throw new ApiError(e.status, e.code, text, 'start');
        }
        if (e.field === 'mode') modeField.show(e.message);
        throw e;
      }
    },
  });
  const tid = uid('website');
  const trap = h('input', { type: 'text', id: tid, name: 'website', tabindex: '-1', autocomplete: 'off', value: '' });
  const first = form.el.querySelector('.field');
  form.el.insertBefore(modeField.wrap, first);
  form.el.insertBefore(picker.el, first);
  form.el.insertBefore(h('h2', { class: 'form-sub' }, 'Your details'), first);
  form.el.insertBefore(h('div', { class: 'hp', 'aria-hidden': 'true' }, h('label', { for: tid }, 'Leave this field empty'), trap), form.el.querySelector('.form-actions'));
  form.el.classList.add('form-wide');
  root.append(page('Book a free consultation', null,
    h('p', { class: 'lede' }, `With ${clinic.name}: 30 minutes, free, to talk through what you would like and what it would cost.`),
    form.el));
  return root;
}

function bookingDetails(b) {
  return details([
    ['When', `${localWords(b.start_local)} (${b.duration_min} minutes)`],
    ['How', modeWords(b.mode)],
    ['Clinic', [b.clinic.name, b.clinic.address].filter(Boolean).join(', ')],
    ['Status', b.status === 'booked' ? 'Booked' : b.status === 'cancelled' ? 'Cancelled' : b.status],
  ]);
}

export async function manageBooking({ params }) {
  const token = encodeURIComponent(params.token);
  let b;
  try { b = await pub.get(`/api/v1/public/bookings/${token}`); } catch (e) { return publicFailure(e, 'booking'); }
  const root = h('div', {});
  const draw = (message) => {
    const out = h('div', {});
    const live = b.status === 'booked' && new Date(b.start) > new Date();
    const actions = live ? [
      button('Move to another time', () => moveTo(out), 'primary'),
      button('Cancel this consultation', async () => {
        const yes = await confirm({ title: 'Cancel this consultation?', message: `Your consultation on ${localWords(b.start_local)} will be cancelled, and the time offered to others.`, confirmLabel: 'Yes, cancel it' });
        if (!yes) return;
        try {
          b = await pub.post(`/api/v1/public/bookings/${token}/cancel`);
          draw('Your consultation is cancelled. We have emailed you to confirm.');
        } catch (e) { out.replaceChildren(notice('error', h('p', {}, e.message))); }
      }, 'danger'),
    ] : [];
    show(root, page('Your consultation', null,
      message ? h('div', { role: 'status' }, notice('info', h('p', {}, message))) : null,
      bookingDetails(b),
      live ? h('div', { class: 'actions booking-actions' }, actions) : null,
      b.status === 'cancelled' ? h('p', {}, h('a', { href: `#/book/${b.clinic.id}` }, 'Book another consultation')) : null,
      out));
  };
  function moveTo(out) {
    const clinic = { id: b.clinic.id, timezone: b.clinic.timezone };
    const picker = slotPicker({ clinic, mode: b.mode || 'in_person', label: 'Choose the new time' });
    const problem = h('div', {});
    const go = button('Move to this time', async () => {
      const start = picker.chosen();
      if (!start) { picker.showError('Choose one of the free times'); picker.focus(); return; }
      try {
        b = await pub.post(`/api/v1/public/bookings/${token}/move`, { start });
        draw(`Moved to ${localWords(b.start_local)}. We have emailed you the new time.`);
      } catch (e) {
        if (e.field === 'start') {
          await picker.reload(e.status === 409 ? 'Someone has just booked that time. Choose another.' : e.message);
        } else problem.replaceChildren(notice('error', h('p', {}, e.message)));
      }
    }, 'primary');
    out.replaceChildren(h('div', { class: 'card' }, picker.el, problem,
      h('div', { class: 'form-actions' }, go, button('Keep the current time', () => draw(), 'secondary'))));
    picker.focus();
  }
  draw();
  return root;
}
