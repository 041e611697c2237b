// view-enquiries.js — the staff's inbox of quote requests sent from the clinics' public pages:
// a list per clinic filtered by status (new, replied, converted, closed), and one enquiry's page
// with what the person wrote, their contact, the consent they gave and their photos (thumbnails
// fetched with the staff session and shown as object URLs, revoked when the screen is left).
// Actions: mark replied or closed, "Convert to client" (then the new client's page) and "Invite
// to book a consultation" (the client is made and the booking link emailed). Also newEnquiries,
// the count the dashboard shows.
import { h } from './dom.js';
import { all, get, patch, post, requestBlob } from './api.js';
import { go } from './router.js';
import { flash } from './flash.js';
import { PHOTO_LABELS } from './view-photos.js';
import { announce, button, details, link, notice, page, section, table, when } from './ui.js';

export const STATUSES = [
  { value: 'new', label: 'New' },
  { value: 'replied', label: 'Replied' },
  { value: 'converted', label: 'Converted' },
  { value: 'closed', label: 'Closed' },
];
const statusLabel = (s) => STATUSES.find((x) => x.value === s)?.label || s;
const statusTag = (s) => h('span', { class: `tag tag-enq-${s}` }, statusLabel(s));
const short = (t, n = 90) => (t.length > n ? `${t.slice(0, n - 1)}…` : t);

/** newEnquiries counts the new enquiries of the given clinics (for the dashboard). */
export async function newEnquiries(clinics) {
  const lists = await Promise.all(clinics.map((c) => get(`/api/v1/enquiries?clinic_id=${c.id}&status=new`)));
  return lists.reduce((n, l) => n + l.items.length, 0);
}

export async function enquiriesList({ query: q }) {
  const clinics = await all('/api/v1/clinics');
  if (!clinics.length) return page('Enquiries', null, h('p', { class: 'empty' }, 'There is no clinic yet.'));
  const clinicId = clinics.some((c) => String(c.id) === q.get('clinic_id')) ? q.get('clinic_id') : String(clinics[0].id);
  const status = q.has('status') ? q.get('status') : 'new';
  const list = await get(`/api/v1/enquiries?clinic_id=${clinicId}${status ? `&status=${status}` : ''}`);
  const clinicSel = h('select', { id: 'enq-clinic', name: 'clinic_id' },
    clinics.map((c) => h('option', { value: String(c.id), selected: String(c.id) === clinicId }, c.name)));
  const statusSel = h('select', { id: 'enq-status', name: 'status' },
    h('option', { value: '', selected: !status }, 'Any status'),
    STATUSES.map((s) => h('option', { value: s.value, selected: s.value === status }, s.label)));
  const apply = () => {
    go(`#/enquiries?clinic_id=${clinicSel.value}&status=${statusSel.value}`);
  };
  clinicSel.addEventListener('change', apply);
  statusSel.addEventListener('change', apply);
  const clinicName = clinics.find((c) => String(c.id) === clinicId).name;
  const items = list.items;
  return page('Enquiries', null,
    h('p', { class: 'lede' }, 'Quote requests sent from the clinics\u2019 public pages, with the photos people attached.'),
    h('form', { class: 'filters', 'aria-label': 'Filter enquiries', onsubmit: (e) => { e.preventDefault(); apply(); } },
      h('div', { class: 'field' }, h('label', { for: 'enq-clinic' }, 'Clinic'), clinicSel),
      h('div', { class: 'field' }, h('label', { for: 'enq-status' }, 'Status'), statusSel)),
    h('p', { class: 'result-count', role: 'status' },
      `${items.length} ${status ? statusLabel(status).toLowerCase() : ''} enquir${items.length === 1 ? 'y' : 'ies'} at ${clinicName}`.replace(/ {2}/g, ' ')),
    table({
      caption: `Enquiries at ${clinicName}`,
      rows: items,
      empty: status === 'new' ? 'No new enquiries. New quote requests appear here.' : 'No enquiries with this status.',
      columns: [
        { label: 'Name', cell: (r) => link(r.name, `#/enquiries/${r.id}`) },
        { label: 'Received', cell: (r) => when(r.created_at), class: 'nowrap' },
        { label: 'What bothers them', cell: (r) => short(r.concern) },
        { label: 'Photos', cell: (r) => String(r.photos), class: 'num' },
        { label: 'Status', cell: (r) => statusTag(r.status) },
      ],
    }));
}


/** photoGrid shows the enquiry's photos as thumbnails (object URLs) linking to the full image. */
function photoGrid(q) {
  const urls = [];
  const revoke = () => { urls.forEach((u) => URL.revokeObjectURL(u)); urls.length = 0; };
  window.addEventListener('hashchange', revoke, { once: true });
  const items = (q.photo_items || []).map((p) => {
    const label = PHOTO_LABELS[p.label] || p.label;
    const img = h('img', { alt: `${label} photo from ${q.name}`, class: 'enq-thumb', width: '160', height: '160' });
    const a = h('a', { href: '#', class: 'enq-photo-link' }, img);
    const li = h('li', { class: 'enq-photo' }, h('figure', {}, a, h('figcaption', {}, `${label} (${p.width}×${p.height})`)));
    requestBlob('GET', `/api/v1/enquiry-photos/${p.id}/thumb`, undefined, { accept: 'image/jpeg' }).then((b) => {
      const u = URL.createObjectURL(b);
      urls.push(u);
      img.src = u;
    }).catch(() => li.append(h('p', { class: 'field-error' }, 'This photo could not be shown.')));
    a.addEventListener('click', async (e) => {
      e.preventDefault();
      try {
        const b = await requestBlob('GET', `/api/v1/enquiry-photos/${p.id}/image`, undefined, { accept: 'image/jpeg' });
        const u = URL.createObjectURL(b);
        urls.push(u);
        window.open(u, '_blank', 'noopener');
      } catch { announce('The photo could not be opened.'); }
    });
    a.setAttribute('aria-label', `Open the ${label.toLowerCase()} photo full size`);
    return li;
  });
  return items.length ? h('ul', { class: 'plain enq-photos' }, items) : h('p', { class: 'muted' }, 'No photos were sent.');
}

export async function enquiryPage({ params }) {
  const q = await get(`/api/v1/enquiries/${encodeURIComponent(params.id)}`);
  const out = h('div', {});
  const fail = (e) => { if (e.status !== 401) out.replaceChildren(notice('error', h('p', {}, e.message.charAt(0).toUpperCase() + e.message.slice(1)))); };
  const setStatus = (status, words) => async () => {
    try {
      await patch(`/api/v1/enquiries/${q.id}`, { status });
      flash(words);
      go(`#/enquiries/${q.id}`);
    } catch (e) { fail(e); }
  };
  const open = q.status !== 'converted';
  const actions = open ? [
    button('Convert to client', async () => {
      try {
        const r = await post(`/api/v1/enquiries/${q.id}/convert`);
        flash(`${q.name} is now a client; the photos are on their record.`);
        go(`#/clients/${r.client_id}`);
      } catch (e) { fail(e); }
    }, 'primary'),
    q.email ? button('Invite to book a consultation', async () => {
      try {
        const r = await post(`/api/v1/enquiries/${q.id}/invite`);
        flash(`Invitation emailed to ${q.email}. ${q.name} is now a client.`);
        go(`#/clients/${r.client_id}`);
      } catch (e) { fail(e); }
    }) : null,
    q.status !== 'replied' ? button('Mark replied', setStatus('replied', 'Marked replied')) : null,
    q.status !== 'closed' ? button('Close', setStatus('closed', 'Closed')) : button('Reopen', setStatus('new', 'Reopened')),
  ].filter(Boolean) : [];
  return page(`Enquiry from ${q.name}`, actions,
    h('p', { class: 'lede' }, 'Status: ', statusTag(q.status),
      q.client_id ? [' — ', link('See the client', `#/clients/${q.client_id}`)] : null),
    out,
    h('div', { class: 'client-grid' },
      section('What they wrote', h('p', { class: 'pre' }, q.concern)),
      section('Contact', details([
        ['Name', q.name],
        ['Email', q.email ? h('a', { href: `mailto:${q.email}` }, q.email) : null],
        ['Phone', q.phone ? h('a', { href: `tel:${q.phone.replace(/[^+\d]/g, '')}` }, q.phone) : null],
        ['Received', when(q.created_at)],
        ['Consent to health data', when(q.health_consent_at)],
      ]))),
    section(`Photos (${(q.photo_items || []).length})`, photoGrid(q)),
    h('p', {}, link('Back to the enquiries', `#/enquiries?clinic_id=${q.clinic_id}`)));
}
