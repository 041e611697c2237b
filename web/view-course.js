// view-course.js — courses of treatment: the planner (#/clients/:id/course/new) and a course's
// page (#/courses/:id). The planner asks for the clinic, a protocol (a preset, described in
// words, or custom: sessions, the days between them, their lengths), the earliest date and
// optionally a practitioner; it creates the course (once per clinic and protocol) and asks the
// server for up to five options, shown side by side as cards (each session's date, clinic time
// and practitioner; the finish date) with "Book this option". A 409 while booking means someone
// took one of the times: the planner says so and shows fresh options. Booked, it goes to the
// course's page, which lists the appointments with the gap between them, each with its session
// record (clinical roles) and aftercare.
import { h, uid } from './dom.js';
import { all, can, get, post } from './api.js';
import { createForm } from './form.js';
import { go } from './router.js';
import { flash } from './flash.js';
import { details, link, navButton, notice, page, table, when } from './ui.js';
import { daysBetween, dayWords, durationWords, shortDayYear, span, todayIn } from './time.js';
import { apptWhat, calendarHash } from './view-calendar.js';
import { failText } from './view-hours.js';
import { courseAccount } from './view-payments.js';

const fullName = (c) => `${c.first_name} ${c.last_name}`;
const range = ([a, b]) => (a === b ? `${a}` : `${a}–${b}`);
const andList = (xs) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/** protocolTitle: "3 sessions, 14–21 days apart", "3 sessions: 10–12 days, then 28–31 days apart". */
export function protocolTitle(p) {
  if (p.sessions === 1) return '1 session';
  const gaps = p.gaps_days.map(range);
  if (gaps.every((g) => g === gaps[0])) return `${p.sessions} sessions, ${gaps[0]} days apart`;
  return `${p.sessions} sessions: ${gaps.map((g, i) => (i ? `then ${g} days` : `${g} days`)).join(', ')} apart`;
}

/** protocolLengths: "Sessions of 4 h, 4 h and 3 h." */
export function protocolLengths(p) {
  const d = p.duration_min.map(durationWords);
  if (d.every((x) => x === d[0])) return p.sessions === 1 ? `One session of ${d[0]}.` : `Each session ${d[0]}.`;
  return `Sessions of ${andList(d)}.`;
}

// ---- the planner ---------------------------------------------------------------------------

export async function coursePlan({ params, query: q }) {
  const client = await get(`/api/v1/clients/${encodeURIComponent(params.id)}`);
  const [clinics, people, protocols] = await Promise.all([all('/api/v1/clinics'), all('/api/v1/practitioners'), get('/api/v1/protocols')]);
  const presets = protocols.items;
  let course = null;
  let courseKey = null;
  const again = Number(q.get('course'));
  if (again) {
    const c = await get(`/api/v1/courses/${again}`);
    if (c.client_id === client.id && c.status === 'planning') course = c;
  }
  const clinicOf = (id) => clinics.find((c) => c.id === Number(id));
  const startClinic = clinicOf(course?.clinic_id) || clinicOf(client.clinic_id) || clinics[0];
  const staffAt = (clinicId) => people.filter((p) => p.clinic_ids.includes(Number(clinicId))).sort((a, b) => a.name.localeCompare(b.name));
  const whoOptions = (clinicId) => [{ value: '', label: 'Any practitioner' }, ...staffAt(clinicId).map((p) => ({ value: p.id, label: p.name }))];
  const preset = course && presets.find((p) => p.name === course.protocol.name);
  const custom = course && !preset ? course.protocol : null;
  // a course still being planned is planned again rather than made anew, while nothing changes
  if (course) {
    courseKey = JSON.stringify([course.clinic_id, preset ? preset.name
      : { sessions: custom.sessions, gaps_days: custom.gaps_days, duration_min: custom.duration_min }]);
  }
  const isCustom = (v) => v.protocol === 'custom';
  const n = (v) => Number(v.sessions) || 0;

  const gapFields = [1, 2, 3].flatMap((k) => [
    { name: `gap${k}_min`, label: `Days between sessions ${k} and ${k + 1}: at least`, type: 'number', min: 1, max: 365,
      required: true, width: 'short', value: String(custom?.gaps_days[k - 1]?.[0] ?? 14),
      apiName: k === 1 ? 'protocol.gaps_days' : undefined, when: (v) => isCustom(v) && n(v) > k },
    { name: `gap${k}_max`, label: `Days between sessions ${k} and ${k + 1}: at most`, type: 'number', min: 1, max: 365,
      required: true, width: 'short', value: String(custom?.gaps_days[k - 1]?.[1] ?? 21), when: (v) => isCustom(v) && n(v) > k,
      check: (x, v) => (Number(x) < Number(v[`gap${k}_min`]) ? `The most days between sessions ${k} and ${k + 1} can’t be fewer than the least` : null) },
  ]);
  const lengthFields = [1, 2, 3, 4].map((k) => ({
    name: `dur${k}`, label: `Session ${k} length in minutes`, type: 'number', min: 15, max: 600, required: true, width: 'short',
    value: String(custom?.duration_min[k - 1] ?? (k <= 2 ? 240 : 180)), apiName: k === 1 ? 'protocol.duration_min' : undefined,
    when: (v) => isCustom(v) && n(v) >= k, check: (x) => (Number(x) % 5 ? `Session ${k} length must be a multiple of 5 minutes` : null),
  }));

  const results = h('div', { class: 'plan-results' });

  const f = createForm({
    label: 'Plan a course',
    submitLabel: 'Find times',
    cancel: { hash: `#/clients/${client.id}` },
    fields: [
      { name: 'clinic_id', label: 'Clinic', type: 'select', required: true, value: startClinic.id,
        options: clinics.map((c) => ({ value: c.id, label: c.name })) },
      { name: 'protocol', label: 'Protocol', type: 'radios', required: true, requiredMessage: 'Choose a protocol',
        value: custom ? 'custom' : (preset || presets[0])?.name,
        options: [...presets.map((p) => ({ value: p.name, label: protocolTitle(p), description: protocolLengths(p) })),
          { value: 'custom', label: 'Custom', description: 'Choose the number of sessions, the days between them and how long each lasts.' }] },
      { name: 'sessions', label: 'Number of sessions', type: 'select', value: String(custom?.sessions ?? 3), apiName: 'protocol.sessions',
        options: [1, 2, 3, 4].map((x) => ({ value: x, label: String(x) })), width: 'short', when: isCustom },
      ...gapFields,
      ...lengthFields,
      { name: 'earliest', label: 'Earliest date', type: 'date', required: true, width: 'medium', value: todayIn(startClinic.timezone),
        hint: 'The first session is on or after this day.', requiredMessage: 'Enter the earliest date for the first session' },
      { name: 'practitioner_id', label: 'Practitioner', type: 'select', value: '', options: whoOptions(startClinic.id),
        hint: 'The same practitioner is preferred for every session.' },
    ],
    onSubmit: async (v) => {
      await findTimes(v);
    },
  });

  // the custom protocol's fields sit together; the pairs of day counts side by side
  const wrap = (name) => f.fields.get(name).wrap;
  const customBox = h('fieldset', { class: 'group custom-protocol' }, h('legend', {}, 'Custom protocol'),
    wrap('sessions'),
    [1, 2, 3].map((k) => h('div', { class: 'field-pair' }, wrap(`gap${k}_min`), wrap(`gap${k}_max`))),
    h('div', { class: 'field-pair' }, [1, 2, 3, 4].map((k) => wrap(`dur${k}`))));
  wrap('protocol').after(customBox);
  const showCustom = () => { customBox.hidden = f.values().protocol !== 'custom'; };
  f.el.addEventListener('change', showCustom);
  showCustom();

  const clinicSel = f.fields.get('clinic_id').inputs[0];
  clinicSel.addEventListener('change', () => {
    const sel = f.fields.get('practitioner_id').inputs[0];
    sel.replaceChildren(...whoOptions(clinicSel.value).map((o) => h('option', { value: String(o.value) }, o.label)));
    const c = clinicOf(clinicSel.value);
    if (c) f.fields.get('earliest').inputs[0].value = f.fields.get('earliest').inputs[0].value || todayIn(c.timezone);
  });

  function protocolOf(v) {
    if (v.protocol !== 'custom') return v.protocol;
    const k = Number(v.sessions);
    return {
      sessions: k,
      gaps_days: [1, 2, 3].slice(0, k - 1).map((i) => [Number(v[`gap${i}_min`]), Number(v[`gap${i}_max`])]),
      duration_min: [1, 2, 3, 4].slice(0, k).map((i) => Number(v[`dur${i}`])),
    };
  }

  async function plan(v) {
    const protocol = protocolOf(v);
    const key = JSON.stringify([Number(v.clinic_id), protocol]);
    if (!course || courseKey !== key) {
      course = await post('/api/v1/courses', { client_id: client.id, clinic_id: Number(v.clinic_id), protocol });
      courseKey = key;
    }
    return post(`/api/v1/courses/${course.id}/plan`, {
      earliest: v.earliest, practitioner_id: v.practitioner_id ? Number(v.practitioner_id) : undefined,
    });
  }

  const headingId = uid('opts');
  const heading = h('h2', { id: headingId, tabindex: '-1' }, 'Options');

  async function findTimes(v, note = null) {
    const answer = await plan(v);
    draw(answer, v, note);
    heading.focus();
  }

  function draw(answer, v, note) {
    const c = clinicOf(v.clinic_id);
    const opts = answer.options || [];
    const cards = opts.map((o, i) => {
      const hid = uid('opt');
      const lastS = o.sessions[o.sessions.length - 1];
      const out = h('div', {});
      const book = h('button', { type: 'button', class: 'btn btn-primary' }, 'Book this option');
      book.addEventListener('click', async () => {
        out.replaceChildren();
        book.disabled = true;
        try {
          const r = await post(`/api/v1/courses/${course.id}/book`, {
            sessions: o.sessions.map((s) => ({ start: s.start, practitioner_id: s.practitioner_id })),
          });
          flash(`Course booked: ${r.appointments.length} session${r.appointments.length === 1 ? '' : 's'}`);
          go(`#/courses/${course.id}`);
        } catch (e) {
          book.disabled = false;
          if (e.status === 401) return;
          if (e.status === 409 && /already booked/.test(e.message)) { go(`#/courses/${course.id}`); return; }
          if (e.status === 409) {
            try {
              await findTimes(v, 'Someone took one of these times; here are fresh options.');
            } catch (e2) {
              if (e2.status !== 401) results.replaceChildren(heading, notice('error', h('p', {}, failText(e2))));
            }
            return;
          }
          out.replaceChildren(notice('error', h('p', {}, failText(e))));
        }
      });
      return h('section', { class: 'card option', 'aria-labelledby': hid },
        h('h3', { id: hid }, `Option ${i + 1}`),
        h('p', { class: 'option-finish' }, 'Finishes ', h('time', { datetime: lastS.start_local.slice(0, 10) }, dayWords(lastS.start_local.slice(0, 10)))),
        h('ol', { class: 'option-sessions' }, o.sessions.map((s, k) => h('li', {},
          h('span', { class: 'option-session' }, `Session ${s.session_no}`),
          h('span', { class: 'option-day' }, h('time', { datetime: s.start_local }, shortDayYear(s.start_local.slice(0, 10)))),
          h('span', { class: 'option-time' }, span(s.start_local, s.end_local)),
          h('span', { class: 'option-who' }, people.find((p) => p.id === s.practitioner_id)?.name || `Practitioner ${s.practitioner_id}`),
          k ? h('span', { class: 'option-gap' }, `${daysBetween(o.sessions[k - 1].start_local.slice(0, 10), s.start_local.slice(0, 10))} days after session ${k}`) : null))),
        out, book);
    });
    results.replaceChildren(...[heading,
      note ? h('div', { class: 'notice notice-warn notice-strong', role: 'alert' }, h('p', {}, note)) : null,
      opts.length
        ? h('p', { class: 'lede' }, `${opts.length} option${opts.length === 1 ? '' : 's'}, the earliest finish first. Times are clinic time (${c?.timezone || 'the clinic’s zone'}).`)
        : notice('info', h('p', {}, 'No times fit this protocol in the next 90 days. Try a later earliest date, another practitioner, or wider gaps.')),
      opts.length ? h('div', { class: 'options' }, cards) : null].filter(Boolean));
  }

  return page('Plan a course', null,
    h('p', { class: 'lede' }, 'For ', link(fullName(client), `#/clients/${client.id}`), '. Choose a protocol and the earliest date; the planner finds up to five ways to book every session.'),
    f.el, results);
}

// ---- the course page -----------------------------------------------------------------------

export async function coursePage({ params }) {
  const c = await get(`/api/v1/courses/${encodeURIComponent(params.id)}`);
  const [client, clinic, people] = await Promise.all([
    get(`/api/v1/clients/${c.client_id}`), get(`/api/v1/clinics/${c.clinic_id}`), all('/api/v1/practitioners')]);
  const p = c.protocol;
  const appts = [...c.appointments].sort((a, b) => (a.session_no || 0) - (b.session_no || 0) || (a.start < b.start ? -1 : 1));
  const bySession = new Map(appts.filter((a) => a.status === 'booked').map((a) => [a.session_no, a]));
  const who = (id) => people.find((x) => x.id === id)?.name || `Practitioner ${id}`;
  const gap = (a) => {
    const prev = bySession.get(a.session_no - 1);
    if (!prev || a.status !== 'booked') return '';
    const days = daysBetween(prev.start_local.slice(0, 10), a.start_local.slice(0, 10));
    const [lo, hi] = p.gaps_days[a.session_no - 2] || [null, null];
    const out = lo !== null && (days < lo || days > hi);
    return h('span', {}, `${days} days after session ${a.session_no - 1}`,
      out ? [' ', h('span', { class: 'tag tag-caution' }, `outside ${range([lo, hi])} days`)] : null);
  };
  const status = { planning: 'Being planned', booked: 'Booked' }[c.status] || c.status;
  const actions = c.status === 'planning' ? [navButton('Find times', `#/clients/${client.id}/course/new?course=${c.id}`, 'primary')] : null;
  return page(`Course for ${fullName(client)}`, actions,
    h('p', { class: 'lede' }, 'At ', link(clinic.name, `#/clinics/${clinic.id}`), ' for ', link(fullName(client), `#/clients/${client.id}`),
      `. Times are clinic time (${clinic.timezone}).`),
    details([
      ['Protocol', protocolTitle(p)],
      ['Lengths', protocolLengths(p)],
      ['Status', status],
      ['Planned', when(c.created_at)],
    ]),
    h('section', { class: 'card', 'aria-labelledby': 'course-appts-h' },
      h('h2', { id: 'course-appts-h' }, 'Appointments'),
      table({
        caption: 'The course’s appointments',
        empty: 'No appointments yet: find times and book an option.',
        rows: appts,
        columns: [
          { label: 'Session', cell: (a) => apptWhat(a, c) },
          { label: 'When', cell: (a) => `${dayWords(a.start_local.slice(0, 10))}, ${span(a.start_local, a.end_local)}` },
          { label: 'Practitioner', cell: (a) => who(a.practitioner_id) },
          { label: 'Gap', cell: gap },
          { label: 'Status', cell: (a) => (a.status === 'booked' ? 'Booked' : `Cancelled${a.cancel_reason ? `: ${a.cancel_reason}` : ''}`) },
          { label: 'Calendar', cell: (a) => link(['Show in calendar', h('span', { class: 'visually-hidden' }, ` (session ${a.session_no})`)],
            calendarHash({ clinic: c.clinic_id, practitioner: a.practitioner_id, date: a.start_local.slice(0, 10), view: 'week' })) },
          { label: 'Record and aftercare', cell: (a) => (a.status !== 'booked' ? '' : h('span', { class: 'link-row' },
            can('owner', 'manager', 'practitioner') ? link(['Session record', h('span', { class: 'visually-hidden' }, ` (session ${a.session_no})`)],
              `#/appointments/${a.id}/record`) : null,
            link(['Aftercare', h('span', { class: 'visually-hidden' }, ` (session ${a.session_no})`)], `#/appointments/${a.id}/aftercare`))) },
        ],
      })),
    await courseAccount(c));
}
