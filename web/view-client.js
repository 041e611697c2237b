// view-client.js — one client: their page (details, Edit, Delete for owners and managers, a link
// to their audit trail, and the "Timeline": the consent status, "New consultation" for the
// clinical roles, "Sign consent", "Plan a course" and "Design hairline" for all, their upcoming
// appointments, then their consultations, signed documents and hairline design versions, newest
// first) and the create/edit form (first and
// last name, email, phone, date of birth, clinic, notes). Every staff role may create and edit
// clients; the server audits each read. Reception never sees consultations (health data): they
// are not even asked for.
// The timeline also lists the client's quotes with "New quote" (view-quote.js) and what is due
// on each course (view-payments.js).
import { h } from './dom.js';
import { all, can, del, get, patch, post } from './api.js';
import { createForm, orNull } from './form.js';
import { go } from './router.js';
import { flash } from './flash.js';
import { day, deleteButton, details, gbDay, link, navButton, notice, page, when } from './ui.js';
import { consultationTitle } from './view-consultation.js';
import { KINDS, kindWords } from './view-consent.js';
import { apptWhat, apptWhen, calendarHash } from './view-calendar.js';
import { addDays, todayIn } from './time.js';
import { designLine, designTitle } from './view-design.js';
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
      h('section', { class: 'card', 'aria-labelledby': 'client-details-h' },
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
  let consultations = [];
  let consents = [];
  let status = null;
  let upcoming = null;
  let designs = [];
  let quotes = [];
  let accounts = null;
  try {
    [consultations, consents, status, upcoming, designs, quotes, accounts] = await Promise.all([
      can(...CLINICAL) ? all(`/api/v1/clients/${c.id}/consultations`).catch((e) => { if (e.status === 403) return []; throw e; }) : [],
      all(`/api/v1/clients/${c.id}/consents`),
      get(`/api/v1/clients/${c.id}/consent-status`),
      upcomingAppointments(c).catch((e) => { if (e.status === 401) throw e; return e; }),
      get(`/api/v1/designs?client_id=${c.id}`).then((r) => r.items),
      quoteEvents(c),
      clientAccounts(c),
    ]);
  } catch (e) {
    if (e.status === 401) throw e;
    return notice('warn', h('p', {}, `The timeline could not be loaded: ${e.message}`));
  }
  const kinds = status?.kinds || {};
  const events = [
    ...consultations.map((x) => ({ key: `${x.date} ${x.created_at}`, date: x.date,
      what: [link(consultationTitle(x), `#/consultations/${x.id}`)] })),
    ...consents.map((x) => ({ key: `${x.signed_at.slice(0, 10)} ${x.signed_at}`, date: x.signed_at,
      what: [link(`Signed ${kindWords(x.kind)} v${x.version}`, `#/consents/${x.id}`),
        x.witness_name ? ` — witnessed by ${x.witness_name}` : null] })),
    ...designs.map((x) => ({ key: `${x.created_at.slice(0, 10)} ${x.created_at}`, date: x.created_at,
      what: [link(designTitle(x), `#/designs/${x.id}`), `: ${designLine(x)}`] })),
    ...quotes,
  ].sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
  const others = ['aftercare', 'privacy'].filter((k) => kinds[k]).map((k) => consentLine(k, kinds[k]));
  const consentState = kinds.consent?.status || 'missing';
  return [
    h('p', { class: `consent-line consent-${consentState}` }, consentLine('consent', kinds.consent)),
    others.length ? h('p', { class: 'muted consent-others' }, others.join('. ') + '.') : null,
    h('div', { class: 'actions timeline-actions' },
      can(...CLINICAL) ? navButton('New consultation', `#/clients/${c.id}/consultations/new`, 'primary') : null,
      navButton('Sign consent', `#/clients/${c.id}/consent`, consentState === 'current' ? 'secondary' : 'primary'),
      navButton('Plan a course', `#/clients/${c.id}/course/new`),
      navButton('Design hairline', `#/clients/${c.id}/designs/new`),
      navButton('New quote', `#/clients/${c.id}/quotes/new`)),
    h('h3', { class: 'timeline-h' }, 'Upcoming appointments'),
    upcomingList(upcoming),
    h('h3', { class: 'timeline-h' }, 'Payments'),
    accounts,
    h('h3', { class: 'timeline-h' }, 'Records'),
    events.length
      ? h('ol', { class: 'timeline-list', 'aria-label': 'Consultations, signed documents, quotes and designs, newest first' },
        events.map((e) => h('li', { class: 'timeline-item' }, h('span', { class: 'timeline-date' }, gbDay(e.date)),
          h('span', { class: 'timeline-what' }, e.what))))
      : h('p', { class: 'muted' }, 'Nothing yet: consultations, signed documents, hairline designs and quotes will appear here.'),
    can(...CLINICAL) ? null : h('p', { class: 'hint' }, 'Consultations hold health details and are shown to clinical staff only.'),
  ];
}

/** The client's appointments from today for 400 days, with the names and courses to show them. */
async function upcomingAppointments(c) {
  const today = todayIn('UTC');
  const now = new Date().toISOString();
  const items = (await all('/api/v1/appointments', { client_id: c.id, from: today, to: addDays(today, 399) }))
    .filter((a) => a.status === 'booked' && a.end > now)
    .sort((a, b) => (a.start < b.start ? -1 : 1));
  if (!items.length) return { items, people: [], clinics: [], courses: new Map() };
  const ids = [...new Set(items.map((a) => a.course_id).filter(Boolean))];
  const [people, clinics, courses] = await Promise.all([
    all('/api/v1/practitioners'), all('/api/v1/clinics'), Promise.all(ids.map((id) => get(`/api/v1/courses/${id}`)))]);
  return { items, people, clinics, courses: new Map(courses.map((x) => [x.id, x])) };
}

function upcomingList(u) {
  if (u instanceof Error) return notice('warn', h('p', {}, `The appointments could not be loaded: ${u.message}`));
  if (!u.items.length) return h('p', { class: 'muted' }, 'None booked.');
  const name = (list, id) => list.find((x) => x.id === id)?.name;
  return h('ol', { class: 'timeline-list', 'aria-label': 'Upcoming appointments, soonest first' }, u.items.map((a) => {
    const course = a.course_id ? u.courses.get(a.course_id) : null;
    const what = apptWhat(a, course);
    return h('li', { class: 'timeline-item' },
      h('span', { class: 'timeline-date' }, link(apptWhen(a), calendarHash({ clinic: a.clinic_id, date: a.start_local.slice(0, 10) }))),
      h('span', { class: 'timeline-what' }, course ? link(what, `#/courses/${course.id}`) : what,
        ` with ${name(u.people, a.practitioner_id) || `practitioner ${a.practitioner_id}`}`,
        name(u.clinics, a.clinic_id) ? `, ${name(u.clinics, a.clinic_id)}` : ''));
  }));
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
