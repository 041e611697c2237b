// view-lots.js — pigment and needle lots on the shelf: the list (kind, product, shade, the lot
// code printed on the bottle or box, expiry, with expired and retired lots marked in words), the
// new/edit form, "Retire" after a confirmation, and a lot's page with its exposures — every
// client, session and date the lot touched, the recall list for a faulty batch — and the CSV of
// them from the API. Every staff role sees the lots; the clinical roles add, edit and retire
// them and see the exposures (health data).
import { h } from './dom.js';
import { can, get, patch, post } from './api.js';
import { createForm, orNull } from './form.js';
import { go } from './router.js';
import { flash } from './flash.js';
import { button, confirm, details, gbDate, gbDay, link, navButton, notice, page, table, when } from './ui.js';
import { todayIn } from './time.js';

const CLINICAL = ['owner', 'manager', 'practitioner'];
export const LOT_KINDS = { pigment: 'Pigment', needle: 'Needle' };

/** lotExpired is true when the lot's expiry date is before day (YYYY-MM-DD, default today). */
export const lotExpired = (l, day = todayIn('Europe/London')) => l.expires_on < day;

/** lotState answers the lot's state as a tag: Retired, Expired or In use. */
export function lotState(l, day) {
  if (l.retired) return h('span', { class: 'tag tag-off' }, 'Retired');
  if (lotExpired(l, day)) return h('span', { class: 'tag tag-off' }, 'Expired');
  return h('span', { class: 'tag tag-on' }, 'In use');
}

/** lotName: "Scalp Ink Natural, Espresso". */
export const lotName = (l) => (l.shade ? `${l.product}, ${l.shade}` : l.product);

export async function lotsList({ query: q }) {
  const showRetired = q.get('retired') === 'true';
  const lots = (await get(`/api/v1/lots${showRetired ? '?include_retired=true' : ''}`)).items;
  lots.sort((a, b) => a.kind.localeCompare(b.kind) || a.product.localeCompare(b.product) || a.expires_on.localeCompare(b.expires_on));
  const toggle = h('div', { class: 'check' },
    h('input', { type: 'checkbox', id: 'lots-retired', checked: showRetired,
      onchange: (e) => go(e.target.checked ? '#/lots?retired=true' : '#/lots') }),
    h('label', { for: 'lots-retired' }, 'Show retired lots'));
  return page('Lots', can(...CLINICAL) ? [navButton('New lot', '#/lots/new', 'primary')] : null,
    h('p', { class: 'lede' }, 'The pigment and needle lots on the shelf. A session record names the lots used, so a faulty batch can be traced to every client it touched.'),
    h('div', { class: 'filters' }, toggle),
    table({
      caption: 'Pigment and needle lots',
      empty: 'No lots yet.',
      rows: lots,
      columns: [
        { label: 'Lot code', cell: (l) => link(l.lot, `#/lots/${l.id}`) },
        { label: 'Kind', cell: (l) => LOT_KINDS[l.kind] || l.kind },
        { label: 'Product', cell: (l) => l.product },
        { label: 'Shade', cell: (l) => l.shade || '' },
        { label: 'Expires on', cell: (l) => gbDay(l.expires_on), class: 'nowrap' },
        { label: 'State', cell: (l) => lotState(l) },
      ],
    }));
}

export async function lotPage({ params }) {
  const l = await get(`/api/v1/lots/${encodeURIComponent(params.id)}`);
  const out = h('div', {});
  const actions = [];
  if (can(...CLINICAL)) {
    actions.push(navButton('Edit', `#/lots/${l.id}/edit`, 'primary'));
    if (!l.retired) {
      actions.push(button('Retire', async () => {
        const yes = await confirm({ title: `Retire lot ${l.lot}?`,
          message: 'A retired lot can no longer be recorded at a session. Sessions that used it keep it, and its exposures stay listed.',
          confirmLabel: 'Yes, retire it' });
        if (!yes) return;
        out.replaceChildren();
        try {
          await post(`/api/v1/lots/${l.id}/retire`);
          flash(`Retired lot ${l.lot}`);
          go(`#/lots/${l.id}`);
        } catch (e) {
          if (e.status !== 401) out.replaceChildren(notice('error', h('p', {}, e.message)));
        }
      }, 'danger'));
    }
  }
  let exposures = null;
  if (can(...CLINICAL)) {
    const ex = await get(`/api/v1/lots/${l.id}/exposures`);
    exposures = h('section', { class: 'card', 'aria-labelledby': 'lot-exp-h' },
      h('h2', { id: 'lot-exp-h' }, 'Exposures'),
      h('p', { class: 'muted' }, 'Every client and session this lot was recorded at, by date: the list to contact if the batch is recalled.'),
      table({
        caption: `Clients and sessions lot ${l.lot} touched`,
        empty: 'No session has recorded this lot yet.',
        rows: ex.items,
        columns: [
          { label: 'Client', cell: (x) => link(x.client_name, `#/clients/${x.client_id}`) },
          { label: 'Session date', cell: (x) => gbDay(x.date), class: 'nowrap' },
          { label: 'Session record', cell: (x) => link(['Open the record', h('span', { class: 'visually-hidden' }, ` of ${x.client_name}, ${gbDate(x.date)}`)],
            `#/appointments/${x.appointment_id}/record`) },
        ],
      }),
      h('p', {}, h('a', { href: `/api/v1/lots/${l.id}/exposures.csv`, download: `lot-${l.lot}-exposures.csv`, class: 'btn btn-secondary' },
        'Download the exposures (CSV)')));
  }
  return page(`Lot ${l.lot}`, actions, out,
    h('p', { class: 'lede' }, `${LOT_KINDS[l.kind] || l.kind}: ${lotName(l)}.`),
    details([
      ['Kind', LOT_KINDS[l.kind] || l.kind],
      ['Product', l.product],
      ['Shade', l.shade],
      ['Lot code', l.lot],
      ['Expires on', gbDay(l.expires_on)],
      ['State', [lotState(l), l.retired ? [' since ', when(l.retired_at)] : null]],
      ['Added', when(l.created_at)],
    ]),
    exposures,
    h('p', {}, link('Back to the lots', '#/lots')));
}

function lotForm(l, onSubmit) {
  const fields = [
    l ? null : { name: 'kind', label: 'Kind', type: 'radios', inline: true, required: true, value: 'pigment',
      options: Object.entries(LOT_KINDS).map(([value, label]) => ({ value, label })) },
    { name: 'product', label: 'Product', required: true, maxLength: 120, value: l?.product,
      hint: 'The product name on the label, for example Scalp Ink Natural or 3RL 0.30 mm cartridge.', requiredMessage: 'Enter the product name' },
    { name: 'shade', label: 'Shade', maxLength: 60, value: l?.shade, hint: 'For pigments.' },
    { name: 'lot', label: 'Lot code', required: true, maxLength: 60, value: l?.lot, width: 'medium',
      hint: 'As printed on the bottle or box; a scanner can type it.', requiredMessage: 'Enter the lot code' },
    { name: 'expires_on', label: 'Expires on', type: 'date', required: true, value: l?.expires_on, width: 'medium', notBefore: '2000-01-01',
      requiredMessage: 'Enter the expiry date' },
  ].filter(Boolean);
  return createForm({ label: 'Lot', cancel: { hash: l ? `#/lots/${l.id}` : '#/lots' }, fields, onSubmit });
}

const body = (v) => ({ product: v.product, shade: orNull(v.shade), lot: v.lot, expires_on: v.expires_on });

export async function lotNew() {
  const f = lotForm(null, async (v) => {
    const l = await post('/api/v1/lots', { kind: v.kind, ...body(v), shade: v.shade || undefined });
    flash('Saved');
    go(`#/lots/${l.id}`);
  });
  return page('New lot', null, f.el);
}

export async function lotEdit({ params }) {
  const l = await get(`/api/v1/lots/${encodeURIComponent(params.id)}`);
  const f = lotForm(l, async (v) => {
    await patch(`/api/v1/lots/${l.id}`, body(v));
    flash('Saved');
    go(`#/lots/${l.id}`);
  });
  return page('Edit lot', null, h('p', { class: 'lede' }, `${LOT_KINDS[l.kind]}: ${lotName(l)}, lot ${l.lot}`), f.el);
}
