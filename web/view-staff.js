// view-staff.js — the Staff screens: practitioners (name, email, the clinics they work at by
// name), a practitioner's page (with their working hours and time off, from view-hours.js),
// and the create/edit form with the clinics as checkboxes. Owners can also link the
// practitioner to a staff user account (owners alone may list users). Only owners and
// managers see New, Edit and Delete (delete is soft on the server).
import { h } from './dom.js';
import { all, can, del, get, patch, post } from './api.js';
import { createForm } from './form.js';
import { go } from './router.js';
import { flash } from './flash.js';
import { deleteButton, details, link, navButton, page, table, when } from './ui.js';
import { practitionerScheduling } from './view-hours.js';

const clinicNames = (ids, byId) => ids.map((id) => byId.get(id)?.name || `Clinic ${id}`).join(', ');

export async function staffList() {
  const [people, clinics] = await Promise.all([all('/api/v1/practitioners'), all('/api/v1/clinics')]);
  const byId = new Map(clinics.map((c) => [c.id, c]));
  return page('Staff', can('owner', 'manager') ? [navButton('New practitioner', '#/staff/new', 'primary')] : null,
    h('p', { class: 'lede' }, 'The practitioners who treat clients, and where they work.'),
    table({
      caption: 'Practitioners',
      empty: 'No practitioners yet.',
      rows: people,
      columns: [
        { label: 'Name', cell: (p) => link(p.name, `#/staff/${p.id}`) },
        { label: 'Email', cell: (p) => p.email },
        { label: 'Clinics', cell: (p) => clinicNames(p.clinic_ids, byId) || h('span', { class: 'muted' }, 'None') },
      ],
    }));
}

export async function practitionerPage({ params }) {
  const [p, clinics] = await Promise.all([
    get(`/api/v1/practitioners/${encodeURIComponent(params.id)}`), all('/api/v1/clinics')]);
  const byId = new Map(clinics.map((c) => [c.id, c]));
  let linked = p.user_id ? 'Linked to a user account' : 'Not linked';
  if (p.user_id && can('owner')) {
    try {
      const u = await get(`/api/v1/users/${p.user_id}`);
      linked = link(`${u.name} (${u.email})`, `#/users/${u.id}`);
    } catch (e) { if (e.status === 401) throw e; }
  }
  const out = h('div', {});
  const actions = can('owner', 'manager') ? [
    navButton('Edit', `#/staff/${p.id}/edit`, 'primary'),
    deleteButton({
      title: `Delete ${p.name}?`,
      message: 'They are removed from the staff list; their past records are kept.',
      out,
      run: async () => { await del(`/api/v1/practitioners/${p.id}`); flash(`Deleted ${p.name}`); go('#/staff'); },
    }),
  ] : null;
  return page(p.name, actions, out,
    details([
      ['Email', p.email],
      ['Clinics', p.clinic_ids.length ? h('ul', { class: 'plain' }, p.clinic_ids.map((id) => h('li', {},
        byId.has(id) ? link(byId.get(id).name, `#/clinics/${id}`) : `Clinic ${id}`))) : h('span', { class: 'muted' }, 'None')],
      ['Linked user', linked],
      ['Added', when(p.created_at)],
      ['Last changed', when(p.updated_at)],
    ]),
    p.clinic_ids.length ? h('p', {}, link(`${p.name}’s week in the calendar`,
      `#/calendar?clinic=${p.clinic_ids[0]}&practitioner=${p.id}&view=week`)) : null,
    await practitionerScheduling(p, byId));
}

async function practitionerForm(p, onSubmit) {
  const [clinics, users] = await Promise.all([
    all('/api/v1/clinics'), can('owner') ? all('/api/v1/users') : Promise.resolve(null)]);
  const fields = [
    { name: 'name', label: 'Name', required: true, maxLength: 200, value: p?.name, requiredMessage: 'Enter the practitioner’s name' },
    { name: 'email', label: 'Email', type: 'email', required: true, value: p?.email, requiredMessage: 'Enter the practitioner’s email address' },
    { name: 'clinic_ids', label: 'Clinics', type: 'checkboxes', hint: 'The clinics this practitioner works at.',
      options: clinics.map((c) => ({ value: c.id, label: c.name })), value: p?.clinic_ids || [], emptyText: 'There are no clinics yet.' },
  ];
  if (users) {
    fields.push({ name: 'user_id', label: 'Linked user', type: 'select', hint: 'The staff user account that signs in as this practitioner, if they have one.',
      options: [{ value: '', label: 'Not linked' }, ...users.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))],
      value: p?.user_id ?? '' });
  }
  return createForm({ label: 'Practitioner', cancel: { hash: p ? `#/staff/${p.id}` : '#/staff' }, fields, onSubmit });
}

function body(v) {
  const b = { name: v.name, email: v.email, clinic_ids: v.clinic_ids.map(Number) };
  if ('user_id' in v) b.user_id = v.user_id === '' ? null : Number(v.user_id);
  return b;
}

export async function practitionerNew() {
  const f = await practitionerForm(null, async (v) => {
    const p = await post('/api/v1/practitioners', body(v));
    flash('Saved');
    go(`#/staff/${p.id}`);
  });
  return page('New practitioner', null, f.el);
}

export async function practitionerEdit({ params }) {
  const p = await get(`/api/v1/practitioners/${encodeURIComponent(params.id)}`);
  const f = await practitionerForm(p, async (v) => {
    await patch(`/api/v1/practitioners/${p.id}`, body(v));
    flash('Saved');
    go(`#/staff/${p.id}`);
  });
  return page('Edit practitioner', null, h('p', { class: 'lede' }, p.name), f.el);
}
