// view-aftercare.js — the aftercare of one session (#/appointments/:id/aftercare): the stages the
// API computes in the clinic's calendar (day 0 to 4, to 10, from 11, the first 30 days, from day
// 31) with their advice, a Print button (the print stylesheet leaves only the advice on paper),
// and the API's own PDF handout and .ics calendar file to download. Every staff role may open it.
import { h } from './dom.js';
import { can, get } from './api.js';
import { button, gbDate, link, page } from './ui.js';
import { daysBetween } from './time.js';
import { apptWhat, apptWhen } from './view-calendar.js';

const fullName = (c) => `${c.first_name} ${c.last_name}`;

/** stageWhen: "Day 0 to day 4: 7 December 2026 to 11 December 2026", "From day 31: 7 January 2027 onwards". */
function stageWhen(start, it) {
  const a = daysBetween(start, it.from);
  if (!it.to) return `From day ${a}: ${gbDate(it.from)} onwards`;
  return `Day ${a} to day ${daysBetween(start, it.to)}: ${gbDate(it.from)} to ${gbDate(it.to)}`;
}

export async function aftercarePage({ params }) {
  const id = encodeURIComponent(params.id);
  const [appt, care] = await Promise.all([get(`/api/v1/appointments/${id}`), get(`/api/v1/appointments/${id}/aftercare`)]);
  const [client, clinic] = await Promise.all([get(`/api/v1/clients/${appt.client_id}`), get(`/api/v1/clinics/${appt.clinic_id}`)]);
  const base = `/api/v1/appointments/${appt.id}/aftercare`;
  const stages = care.items.map((it) => h('li', { class: 'care-stage' },
    h('h2', { class: 'care-title' }, it.title),
    h('p', { class: 'care-when' }, h('time', { datetime: it.from }, stageWhen(care.session_on, it))),
    h('p', { class: 'care-advice pre' }, it.advice)));
  return page(`Aftercare for ${fullName(client)}`, [
    button('Print', () => window.print(), 'primary'),
    h('a', { class: 'btn btn-secondary', href: `${base}.pdf`, download: `aftercare-${appt.id}.pdf` }, 'Download the PDF handout'),
    h('a', { class: 'btn btn-secondary', href: `${base}.ics`, download: `aftercare-${appt.id}.ics` }, 'Add to a calendar (.ics)'),
  ],
  h('p', { class: 'lede' }, `After the ${apptWhat(appt).toLowerCase()} of ${apptWhen(appt)} at ${clinic.name}. `,
    `Aftercare advice, version ${care.document.version}.`),
  h('ol', { class: 'care-list', 'aria-label': 'Aftercare, stage by stage' }, stages),
  h('p', { class: 'no-print link-row' }, link(`Back to ${fullName(client)}`, `#/clients/${client.id}`),
    can('owner', 'manager', 'practitioner') ? link('The session record', `#/appointments/${appt.id}/record`) : null));
}
