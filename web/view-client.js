// view-client.js — one client: their page (details, Edit, Delete for owners and managers, a link
// to their audit trail, their Photos card, and the "Timeline": the consent status, "New
// consultation" for the clinical roles, "Sign consent", "Plan a course" and "Design hairline"
// for all, their upcoming appointments and their past sessions — each session with "Record
// session" or its record for the clinical roles, and its aftercare —, then their consultations,
// session records, signed documents, photos and hairline design versions, newest first, and the
// messages sent to them with the choice to receive none) and the create/edit form (first and
// last name, email, phone, date of birth, clinic, notes). Every staff role may create and edit
// clients; the server audits each read. Reception never sees consultations or session records
// (health data): they are not even asked for.
// The timeline also lists the client's quotes with "New quote" (view-quote.js) and what is due
// on each course (view-payments.js).
import { h } from './dom.js';
import { all, can, del, get, patch, post, put } from './api.js';
import { createForm, orNull } from './form.js';
import { go } from './router.js';
import { flash } from './flash.js';
import { announce, day, deleteButton, details, gbDay, link, navButton, notice, page, when } from './ui.js';
import { consultationTitle } from './view-consultation.js';
import { KINDS, kindWords } from './view-consent.js';
import { apptWhat, apptWhen, calendarHash } from './view-calendar.js';
import { addDays, todayIn } from './time.js';
import { designLine, designTitle } from './view-design.js';
import { clientSessions, photosCard, photoWords } from './view-photos.js';
import { AREAS } from './view-record.js';
import { quoteEvents } from './view-quote.js';
import { clientAccounts } from './view-payments.js';

const CLINICAL = ['owner', 'manager', 'practitioner'];

const fullName = (c) => `${c.first_name} ${c.last_name}`;

function age(ymd) {
  const [y, m, d] = ymd.split('-').map(Number);
  const now = new Date();
  let a = now.getFullYear() - y;
  if (now.getMonth() + 1 < m || (now.getMonth() + 1 === m && now.getDate() < d)) a -= 1;
  return a;
}

export async function clientPage({ params }) {
  const c = await get(`/api/v1/clients/${encodeURIComponent(params.id)}`);
  let clinic = null;
  try { clinic = await get(`/api/v1/clinics/${c.clinic_id}`); } catch (e) { if (e.status === 401) throw e; }
  const out = h('div', {});
  const actions = [navButton('Edit', `#/clients/${c.id}/edit`, 'primary')];
  if (can('owner', 'manager')) {
    actions.push(deleteButton({
      title: `Delete ${fullName(c)}?`,
      message: 'The client disappears from lists and searches. The audit log keeps a record of the deletion.',
      out,
      run: async () => { await del(`/api/v1/clients/${c.id}`); flash(`Deleted ${fullName(c)}`); go('#/clients'); },
    }));
  }
  const dob = c.date_of_birth ? [day(c.date_of_birth), ` (age ${age(c.date_of_birth)})`] : null;
  return page(fullName(c), actions, out,
    h('div', { class: 'client-grid' },
      h('div', { class: 'client-side' }, h('section', { class: 'card', 'aria-labelledby': 'client-details-h' },
        h('h2', { id: 'client-details-h' }, 'Details'),
        details([
          ['Email', c.email ? h('a', { href: `mailto:${c.email}` }, c.email) : null],
          ['Phone', c.phone ? h('a', { href: `tel:${c.phone.replace(/[^\d+]/g, '')}` }, c.phone) : null],
          ['Date of birth', dob],
          ['Clinic', clinic ? link(clinic.name, `#/clinics/${clinic.id}`) : `Clinic ${c.clinic_id}`],
          ['Notes', c.notes ? h('span', { class: 'pre' }, c.notes) : null],
          ['Added', when(c.created_at)],
          ['Last changed', when(c.updated_at)],
        ]),
        can('owner', 'manager') ? h('p', {}, link('Audit trail for this client', `#/audit?client_id=${c.id}`)) : null),
      await photosCard(c).catch((e) => { if (e.status === 401) throw e; return notice('warn', h('p', {}, `The photos could not be loaded: ${e.message}`)); })),
      h('section', { class: 'card timeline', id: 'timeline', 'aria-labelledby': 'timeline-h' },
        h('h2', { id: 'timeline-h' }, 'Timeline'),
        await timeline(c))));
}

/** The consent line: "Consent: signed (v1)", "Consent: not signed", or a newer version to sign. */
function consentLine(kind, st) {
  const label = kind === 'consent' ? 'Consent' : KINDS[kind];
  if (!st || st.status === 'missing') return `${label}: not signed`;
  if (st.status === 'outdated') return `${label}: a newer version needs signing`;
  return `${label}: signed (v${st.signed_version})`;
}

/** timeline answers the Timeline section's content: status, actions, then the events. */
async function timeline(c) {
  const clinical = can(...CLINICAL);
  let consultations = [];
  let consents = [];
  let status = null;
  let appts = null;
  let designs = [];
  let photos = [];
  let messages = null;
  let quotes = [];
  let accounts = null;
  try {
    [consultations, consents, status, appts, designs, photos, messages, quotes, accounts] = await Promise.all([
      clinical ? all(`/api/v1/clients/${c.id}/consultations`).catch((e) => { if (e.status === 403) return []; throw e; }) : [],
      all(`/api/v1/clients/${c.id}/consents`),
      get(`/api/v1/clients/${c.id}/consent-status`),
      sessionsAndAppointments(c, clinical).catch((e) => { if (e.status === 401) throw e; return e; }),
      get(`/api/v1/designs?client_id=${c.id}`).then((r) => r.items),
      get(`/api/v1/clients/${c.id}/photos`).then((r) => r.items).catch((e) => { if (e.status === 401) throw e; return []; }),
      get(`/api/v1/clients/${c.id}/messages`).catch((e) => { if (e.status === 401) throw e; return e; }),
      quoteEvents(c),
      clientAccounts(c),
    ]);
  } catch (e) {
    if (e.status === 401) throw e;
    return notice('warn', h('p', {}, `The timeline could not be loaded: ${e.message}`));
  }
  const kinds = status?.kinds || {};
  const records = appts instanceof Error ? [] : appts.records;
  const events = [
    ...consultations.map((x) => ({ key: `${x.date} ${x.created_at}`, date: x.date,
      what: [link(consultationTitle(x), `#/consultations/${x.id}`)] })),
    ...consents.map((x) => ({ key: `${x.signed_at.slice(0, 10)} ${x.signed_at}`, date: x.signed_at,
      what: [link(`Signed ${kindWords(x.kind)} v${x.version}`, `#/consents/${x.id}`),
        x.witness_name ? ` — witnessed by ${x.witness_name}` : null] })),
    ...designs.map((x) => ({ key: `${x.created_at.slice(0, 10)} ${x.created_at}`, date: x.created_at,
      what: [link(designTitle(x), `#/designs/${x.id}`), `: ${designLine(x)}`] })),
    ...records.map(({ appt, rec }) => ({ key: `${rec.session_on} ${rec.created_at}`, date: rec.session_on,
      what: [link(`Session record${rec.version > 1 ? ` (edited, version ${rec.version})` : ''}`, `#/appointments/${appt.id}/record`),
        `: ${recordLine(rec)}`] })),
    ...photos.map((x) => ({ key: `${x.created_at.slice(0, 10)} ${x.created_at}`, date: x.created_at,
      what: [link(`Photo: ${photoWords(x).split(', ').slice(0, 2).join(', ')}`, `#/clients/${c.id}/photos`)] })),
    ...quotes,
  ].sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
  const others = ['aftercare', 'privacy'].filter((k) => kinds[k]).map((k) => consentLine(k, kinds[k]));
  const consentState = kinds.consent?.status || 'missing';
  return [
    h('p', { class: `consent-line consent-${consentState}` }, consentLine('consent', kinds.consent)),
    others.length ? h('p', { class: 'muted consent-others' }, others.join('. ') + '.') : null,
    h('div', { class: 'actions timeline-actions' },
      clinical ? navButton('New consultation', `#/clients/${c.id}/consultations/new`, 'primary') : null,
      navButton('Sign consent', `#/clients/${c.id}/consent`, consentState === 'current' ? 'secondary' : 'primary'),
      navButton('Plan a course', `#/clients/${c.id}/course/new`),
      navButton('Design hairline', `#/clients/${c.id}/designs/new`),
      navButton('New quote', `#/clients/${c.id}/quotes/new`)),
    h('h3', { class: 'timeline-h' }, 'Upcoming appointments'),
    upcomingList(appts, 'upcoming'),
    h('h3', { class: 'timeline-h' }, 'Past sessions'),
    upcomingList(appts, 'past'),
    h('h3', { class: 'timeline-h' }, 'Payments'),
    accounts,
    h('h3', { class: 'timeline-h' }, 'Records'),
    events.length
      ? h('ol', { class: 'timeline-list', 'aria-label': 'Consultations, session records, signed documents, photos, quotes and designs, newest first' },
        events.map((e) => h('li', { class: 'timeline-item' }, h('span', { class: 'timeline-date' }, gbDay(e.date)),
          h('span', { class: 'timeline-what' }, e.what))))
      : h('p', { class: 'muted' }, 'Nothing yet: consultations, session records, signed documents, photos, hairline designs and quotes will appear here.'),
    clinical ? null : h('p', { class: 'hint' }, 'Consultations and session records hold health details and are shown to clinical staff only.'),
    h('h3', { class: 'timeline-h' }, 'Messages'),
    messageList(c, messages),
  ];
}

/** recordLine: "hairline, temples; lots SIN-2411-07, NDL-25-0415". */
function recordLine(r) {
  const lots = [...(r.pigment_lots || []), ...(r.needle_lots || [])].map((l) => l.lot);
  const areas = (r.areas || []).map((a) => (AREAS[a] || a).toLowerCase());
  return [areas.join(', '), lots.length ? `lots ${lots.join(', ')}` : null].filter(Boolean).join('; ') || 'recorded';
}

/**
 * The client's appointments from today for 400 days and their sessions of the last 400 days,
 * with the names, courses and (for the clinical roles) session records to show them.
 */
async function sessionsAndAppointments(c, clinical) {
  const today = todayIn('UTC');
  const now = new Date().toISOString();
  const [ahead, sessions] = await Promise.all([
    all('/api/v1/appointments', { client_id: c.id, from: today, to: addDays(today, 399) }), clientSessions(c.id)]);
  const upcoming = ahead.filter((a) => a.status === 'booked' && a.end > now).sort((a, b) => (a.start < b.start ? -1 : 1));
  const past = sessions.filter((a) => a.end <= now).sort((a, b) => (a.start < b.start ? 1 : -1));
  const shown = [...upcoming, ...past];
  const ids = [...new Set(shown.map((a) => a.course_id).filter(Boolean))];
  const withRecord = clinical ? shown.filter((a) => a.kind !== 'consultation') : [];
  const [people, clinics, courses, recs] = await Promise.all([
    shown.length ? all('/api/v1/practitioners') : [], shown.length ? all('/api/v1/clinics') : [],
    Promise.all(ids.map((id) => get(`/api/v1/courses/${id}`))),
    Promise.all(withRecord.map((a) => get(`/api/v1/appointments/${a.id}/record`).catch((e) => { if (e.status === 401) throw e; return null; })))]);
  const byAppt = new Map(withRecord.map((a, i) => [a.id, recs[i]]));
  return { upcoming, past, people, clinics, courses: new Map(courses.map((x) => [x.id, x])), byAppt,
    records: withRecord.map((a) => ({ appt: a, rec: byAppt.get(a.id) })).filter((x) => x.rec) };
}

function upcomingList(u, which) {
  if (u instanceof Error) return notice('warn', h('p', {}, `The appointments could not be loaded: ${u.message}`));
  const items = u[which];
  if (!items.length) return h('p', { class: 'muted' }, which === 'upcoming' ? 'None booked.' : 'No sessions in the last 400 days.');
  const name = (list, id) => list.find((x) => x.id === id)?.name;
  return h('ol', { class: 'timeline-list', 'aria-label': which === 'upcoming' ? 'Upcoming appointments, soonest first' : 'Past sessions, newest first' },
    items.map((a) => {
      const course = a.course_id ? u.courses.get(a.course_id) : null;
      const what = apptWhat(a, course);
      const session = a.kind !== 'consultation';
      const rec = u.byAppt.get(a.id);
      const hidden = h('span', { class: 'visually-hidden' }, `, ${apptWhen(a)}`);
      return h('li', { class: 'timeline-item' },
        h('span', { class: 'timeline-date' }, link(apptWhen(a), calendarHash({ clinic: a.clinic_id, date: a.start_local.slice(0, 10) }))),
        h('span', { class: 'timeline-what' }, course ? link(what, `#/courses/${course.id}`) : what,
          ` with ${name(u.people, a.practitioner_id) || `practitioner ${a.practitioner_id}`}`,
          name(u.clinics, a.clinic_id) ? `, ${name(u.clinics, a.clinic_id)}` : '',
          session ? h('span', { class: 'session-links' },
            can(...CLINICAL) ? (rec
              ? link(['Session record', hidden.cloneNode(true)], `#/appointments/${a.id}/record`)
              : h('a', { href: `#/appointments/${a.id}/record`, class: 'btn btn-secondary btn-small' }, 'Record session', hidden.cloneNode(true))) : null,
            link(['Aftercare', hidden.cloneNode(true)], `#/appointments/${a.id}/aftercare`)) : null));
    }));
}

const MESSAGE_KINDS = {
  confirmation: 'Booking confirmation', reminder: 'Reminder', cancellation: 'Cancellation', aftercare: 'Aftercare nudge',
  recall: 'Touch-up recall', quote: 'Quote', invite: 'Invitation to book', portal_link: 'Portal sign-in link',
};
const MESSAGE_STATUS = { queued: 'Queued', sending: 'Sending', sent: 'Sent', skipped: 'Skipped', failed: 'Failed' };

/** messageList: the client's outbox messages, newest first, and the opt-out switch. */
function messageList(c, m) {
  if (m instanceof Error) return notice('warn', h('p', {}, `The messages could not be loaded: ${m.message}`));
  const state = h('p', { class: 'hint', role: 'status' });
  const box = h('input', { type: 'checkbox', id: `optout-${c.id}`, checked: m.opt_out });
  box.addEventListener('change', async () => {
    box.disabled = true;
    try {
      const r = await put(`/api/v1/clients/${c.id}/message-preferences`, { opt_out: box.checked });
      box.checked = r.opt_out;
      state.textContent = r.opt_out ? 'Saved: no reminders, aftercare or recall messages will be sent.' : 'Saved: messages will be sent.';
      announce('Saved');
    } catch (e) {
      box.checked = !box.checked;
      if (e.status !== 401) state.textContent = e.message;
    } finally {
      box.disabled = false;
    }
  });
  const items = [...m.items].sort((a, b) => ((a.sent_at || a.send_after) < (b.sent_at || b.send_after) ? 1 : -1));
  return [
    h('div', { class: 'check' }, box, h('label', { for: box.id }, 'The client wants no messages (reminders, aftercare, recalls)')),
    state,
    items.length
      ? h('ol', { class: 'timeline-list', 'aria-label': 'Messages, newest first' }, items.map((x) => h('li', { class: 'timeline-item' },
        h('span', { class: 'timeline-date' }, gbDay(x.sent_at || x.send_after)),
        h('span', { class: 'timeline-what' },
          `${MESSAGE_KINDS[x.kind] || x.kind} by ${x.channel === 'sms' ? 'SMS' : 'email'}: `,
          h('span', { class: `tag msg-${x.status}` }, MESSAGE_STATUS[x.status] || x.status),
          x.status === 'queued' && x.send_after > new Date().toISOString() ? ' (waiting for its day)' : null,
          x.last_error ? h('span', { class: 'muted' }, ` — ${x.last_error}`) : null,
          h('span', { class: 'msg-subject' }, x.subject)))))
      : h('p', { class: 'muted' }, 'No messages yet.'),
  ];
}

async function clientForm(c, preselect, onSubmit) {
  const clinics = await all('/api/v1/clinics');
  let clinicValue = c ? c.clinic_id : (preselect || '');
  if (!c && clinics.length === 1) clinicValue = clinics[0].id;
  return createForm({
    label: 'Client',
    cancel: { hash: c ? `#/clients/${c.id}` : '#/clients' },
    fields: [
      { name: 'first_name', label: 'First name', required: true, maxLength: 100, value: c?.first_name, requiredMessage: 'Enter the client’s first name' },
      { name: 'last_name', label: 'Last name', required: true, maxLength: 100, value: c?.last_name, requiredMessage: 'Enter the client’s last name' },
      { name: 'email', label: 'Email', type: 'email', value: c?.email },
      { name: 'phone', label: 'Phone', type: 'tel', value: c?.phone, hint: 'For example +44 7700 900123.' },
      { name: 'date_of_birth', label: 'Date of birth', type: 'date', notFuture: true, notBefore: '1900-01-01', value: c?.date_of_birth, width: 'medium' },
      { name: 'clinic_id', label: 'Clinic', type: 'select', required: true, requiredMessage: 'Choose the client’s clinic',
        options: [{ value: '', label: 'Choose a clinic' }, ...clinics.map((x) => ({ value: x.id, label: x.name }))], value: clinicValue },
      { name: 'notes', label: 'Notes', type: 'textarea', rows: 5, maxLength: 10000, value: c?.notes },
    ],
    onSubmit,
  });
}

const body = (v) => ({
  first_name: v.first_name, last_name: v.last_name, email: orNull(v.email), phone: orNull(v.phone),
  date_of_birth: orNull(v.date_of_birth), clinic_id: Number(v.clinic_id), notes: orNull(v.notes),
});

export async function clientNew({ query }) {
  const f = await clientForm(null, query.get('clinic'), async (v) => {
    const c = await post('/api/v1/clients', body(v));
    flash('Saved');
    go(`#/clients/${c.id}`);
  });
  return page('New client', null, f.el);
}

export async function clientEdit({ params }) {
  const c = await get(`/api/v1/clients/${encodeURIComponent(params.id)}`);
  const f = await clientForm(c, null, async (v) => {
    await patch(`/api/v1/clients/${c.id}`, body(v));
    flash('Saved');
    go(`#/clients/${c.id}`);
  });
  return page('Edit client', null, h('p', { class: 'lede' }, fullName(c)), f.el);
}
