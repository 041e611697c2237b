// view-quote.js — quotes for a client: the builder (#/clients/:id/quotes/new, optionally
// ?consultation=ID), a quote's page (#/quotes/:id) and the quotes on the client's timeline.
// The builder picks areas on a head diagram or from a list (kept in sync), the scale and stage
// (filled from the chosen consultation), the size of a scar or patch, a discount and notes; as
// anything changes it asks the server to price the body (POST /api/v1/quotes/preview, which
// saves nothing), so the price shown is exactly what saving gives — no pricing rule lives here.
// Saving makes a draft. The quote's page shows the lines and totals (quoteSummary, shared with
// the client's link page), its status, and Send (emails the client a link, shown once with a
// Copy button), Accept, Decline and Download PDF.
import { h, uid } from './dom.js';
import { all, can, get, post } from './api.js';
import { createForm } from './form.js';
import { go } from './router.js';
import { flash } from './flash.js';
import { announce, button, confirm, details, gbDate, gbDay, link, navButton, notice, page, when } from './ui.js';
import { consultationTitle } from './view-consultation.js';
import { headDiagram } from './head-diagram.js';
import { QUOTE_STATUS, checkPercent, formatPence } from './money.js';

const CLINICAL = ['owner', 'manager', 'practitioner'];
const fullName = (c) => `${c.first_name} ${c.last_name}`;

/** The price-book areas in the order of the list, with the words staff and clients read. */
export const AREAS = [
  ['hairline', 'Hairline'],
  ['crown', 'Crown'],
  ['full_scalp', 'Full scalp'],
  ['density', 'Density (thinning, through the hair)'],
  ['scar', 'Scar camouflage'],
  ['patch', 'Patch (alopecia, birthmark)'],
  ['touch_up', 'Touch-up'],
  ['correction', 'Correction of earlier work'],
];
export const AREA_WORDS = Object.fromEntries(AREAS);
const BY_STAGE = new Set(['hairline', 'crown', 'full_scalp', 'density']);
const BY_SIZE = new Set(['scar', 'patch']);
const SCALES = { norwood: 'Norwood (men)', ludwig: 'Ludwig (women)', savin: 'Savin (women)' };

/** statusTag shows a quote's status as a coloured tag ("Draft", "Accepted"…). */
export function statusTag(status) {
  return h('span', { class: `tag quote-status quote-${status}` }, QUOTE_STATUS[status] || status);
}

/**
 * quoteSummary shows a quote as the client reads it: the lines with their prices, subtotal,
 * discount and total, then what is included, the validity, the deposit and the representative
 * finance example. Every amount is the server's text (integer pence formatted in C).
 */
export function quoteSummary(q) {
  const capId = uid('cap');
  // the server writes the total's and each line's text; the subtotal and discount are written
  // here from integer pence (string arithmetic, see money.js)
  const money = (p) => formatPence(p, q.currency);
  const row = (label, value, cls) => h('tr', { class: cls }, h('th', { scope: 'row' }, label), h('td', { class: 'num' }, value));
  const discount = q.discount_pence > 0
    ? row(`Discount (${q.discount_pct} %)`, `−${money(q.discount_pence)}`, 'quote-discount') : null;
  return h('div', { class: 'quote-summary' },
    h('div', { class: 'table-wrap quote-lines-wrap', role: 'region', 'aria-labelledby': capId, tabindex: '0' },
      h('table', { class: 'quote-lines' },
        h('caption', { id: capId, class: 'visually-hidden' }, 'The quote, line by line'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Area'), h('th', { scope: 'col', class: 'num' }, 'Price'))),
        h('tbody', {}, q.lines.map((l) => row(l.description, l.text))),
        h('tfoot', {},
          q.discount_pence > 0 ? row('Subtotal', money(q.subtotal_pence)) : null,
          discount,
          row('Total', h('strong', { class: 'quote-total-text' }, q.total_text), 'quote-total-row')))),
    details([
      ['Included', `${q.sessions_included} visit${q.sessions_included === 1 ? '' : 's'}`],
      ['Time in the chair', q.estimated_hours ? `About ${q.estimated_hours} hours in all` : null],
      ['Valid until', q.valid_until ? gbDay(q.valid_until) : null],
      ['Deposit', q.deposit_text],
      ['Finance', q.finance?.text || null],
    ]));
}


// ---- the builder ------------------------------------------------------------------------------

const consultationsOf = async (client) => (can(...CLINICAL)
  ? all(`/api/v1/clients/${client.id}/consultations`).catch((e) => { if (e.status === 403) return []; throw e; })
  : []);

export async function quoteNew({ params, query }) {
  const client = await get(`/api/v1/clients/${encodeURIComponent(params.id)}`);
  const [clinics, scales, consultations] = await Promise.all([
    all('/api/v1/clinics'), get('/api/v1/classification-scales').then((r) => r.items), consultationsOf(client)]);
  consultations.sort((a, b) => (`${b.date} ${b.created_at}` > `${a.date} ${a.created_at}` ? 1 : -1));
  const wanted = Number(query.get('consultation'));
  const first = consultations.find((c) => c.id === wanted) || consultations[0] || null;
  const stagesOf = (scale) => scales.find((s) => s.scale === scale)?.stages || [];
  const stageOptions = (scale) => [{ value: '', label: scale ? 'Choose a stage' : 'Choose the scale first' },
    ...stagesOf(scale).map((s) => ({ value: s.stage, label: `${s.stage} — ${s.description}` }))];
  const fromConsultation = (c) => (c && SCALES[c.scale] ? { scale: c.scale, stage: c.stage || '' } : null);
  const start = fromConsultation(first) || { scale: '', stage: '' };
  const picked = (v) => new Set(v.areas || []);
  const needsStage = (v) => [...picked(v)].some((a) => BY_STAGE.has(a));
  const needsSize = (v) => [...picked(v)].some((a) => BY_SIZE.has(a));

  const f = createForm({
    label: 'New quote',
    submitLabel: 'Save draft quote',
    cancel: { hash: `#/clients/${client.id}` },
    fields: [
      { name: 'clinic_id', label: 'Clinic', type: 'select', required: true, value: client.clinic_id,
        options: clinics.map((c) => ({ value: c.id, label: `${c.name}${c.price_uplift_pct ? ` (prices +${c.price_uplift_pct} %)` : ''}` })) },
      ...(consultations.length ? [{ name: 'consultation_id', label: 'Consultation', type: 'select', value: first?.id ?? '',
        hint: 'Its classification fills the scale and stage, and a scar’s size.',
        options: [{ value: '', label: 'None' }, ...consultations.map((c) => ({ value: c.id, label: `${gbDate(c.date)}: ${consultationTitle(c)}` }))] }] : []),
      { name: 'areas', label: 'Areas', type: 'checkboxes', options: AREAS.map(([value, label]) => ({ value, label })),
        value: [], check: (v) => (v.length ? null : 'Choose at least one area') },
      { name: 'scale', label: 'Scale', type: 'select', value: start.scale, when: needsStage, requiredMessage: 'Choose the scale',
        options: [{ value: '', label: 'Choose a scale' }, ...Object.entries(SCALES).map(([value, label]) => ({ value, label }))],
        check: (x, v) => (needsStage(v) && !x ? 'Choose the scale (Norwood for men, Ludwig or Savin for women)' : null) },
      { name: 'stage', label: 'Stage', type: 'select', value: start.stage, when: needsStage, options: stageOptions(start.scale),
        hint: 'Prices are banded by stage: Norwood I–III, IV–V, VI–VII; Ludwig I, II, III.',
        check: (x, v) => (needsStage(v) && !x ? 'Choose the stage' : null) },
      { name: 'size_cm2', label: 'Size in cm²', inputmode: 'decimal', width: 'short', when: needsSize,
        value: first?.scar_size_cm2 ? String(first.scar_size_cm2) : '',
        hint: 'Of the scar or patch: up to 10 cm², 10–30 cm² or larger are priced apart.',
        check: (x, v) => (!needsSize(v) ? null : !x ? 'Enter the size in cm²'
          : (!/^\d{1,4}(\.\d{1,2})?$/.test(x) || Number(x) <= 0 || Number(x) > 1000) ? 'Size in cm² must be a number above 0, up to 1000' : null) },
      { name: 'discount_pct', label: 'Discount %', inputmode: 'decimal', width: 'short', value: '',
        hint: 'From 0 to 100, at most two decimals (for example 10 or 12.5).', check: (x) => checkPercent(x, 'Discount %') },
      { name: 'notes', label: 'Notes', type: 'textarea', rows: 3, maxLength: 2000, hint: 'For staff; not shown to the client.' },
    ],
    onSubmit: async (v) => {
      const q = await post('/api/v1/quotes', body(v));
      flash('Quote saved as a draft');
      go(`#/quotes/${q.id}`);
    },
  });

  const field = (name) => f.fields.get(name);
  const scaleSel = field('scale').inputs[0];
  const stageSel = field('stage').inputs[0];
  const fillStages = (scale, stage = '') => {
    stageSel.replaceChildren(...stageOptions(scale).map((o) => h('option', { value: o.value, selected: o.value === stage }, o.label)));
  };
  scaleSel.addEventListener('change', () => fillStages(scaleSel.value));
  const consSel = field('consultation_id')?.inputs[0];
  if (consSel) {
    consSel.addEventListener('change', () => {
      const c = consultations.find((x) => x.id === Number(consSel.value));
      const cls = fromConsultation(c);
      if (cls) { scaleSel.value = cls.scale; fillStages(cls.scale, cls.stage); }
      if (c?.scar_size_cm2) field('size_cm2').inputs[0].value = String(c.scar_size_cm2);
    });
  }

  function body(v) {
    const b = { client_id: client.id, clinic_id: Number(v.clinic_id), areas: AREAS.map(([a]) => a).filter((a) => v.areas.includes(a)) };
    if (v.consultation_id) b.consultation_id = Number(v.consultation_id);
    if (needsStage(v)) { if (v.scale) b.scale = v.scale; if (v.stage) b.stage = v.stage; }
    if (needsSize(v) && v.size_cm2 !== '') b.size_cm2 = Number(v.size_cm2);
    if (v.discount_pct !== '') b.discount_pct = Number(v.discount_pct);
    if (v.notes) b.notes = v.notes;
    return b;
  }

  // the diagram and the list are two views of the same checkboxes
  const boxes = field('areas').inputs;
  const diagram = headDiagram({
    names: AREA_WORDS,
    onToggle: (area) => {
      const box = boxes.find((b) => b.value === area);
      box.checked = !box.checked;
      box.dispatchEvent(new Event('change', { bubbles: true }));
    },
  });
  const areasWrap = field('areas').wrap;
  const list = areasWrap.querySelector('.checks');
  areasWrap.classList.add('quote-areas');
  list.before(h('div', { class: 'quote-areas-grid' }, diagram.el, h('div', { class: 'quote-areas-list' })));
  areasWrap.querySelector('.quote-areas-list').append(list);
  const syncDiagram = () => diagram.setChecked(new Set(f.values().areas));

  // the live price: the server's pricing of the same body, the newest answer wins
  const panelBody = h('div', { class: 'quote-panel-body' });
  const totalLine = h('p', { class: 'quote-live-total', role: 'status' });
  const panel = h('aside', { class: 'card quote-panel', 'aria-labelledby': 'quote-panel-h' },
    h('h2', { id: 'quote-panel-h' }, 'Price'), totalLine, panelBody);
  let seq = 0;
  let timer = null;
  const wait = (text) => { totalLine.textContent = ''; panelBody.replaceChildren(h('p', { class: 'muted quote-wait' }, text)); };

  async function price() {
    const v = f.values();
    const mine = ++seq;
    if (!v.areas.length) { wait('Choose an area on the head or in the list to see the price.'); return; }
    const bad = [...f.fields.values()].map((x) => (x.wrap.hidden || !x.spec.check ? null : x.spec.check(x.read(), v))).find(Boolean);
    if (bad) { wait(`To see the price: ${bad.charAt(0).toLowerCase()}${bad.slice(1)}.`); return; }
    panel.setAttribute('aria-busy', 'true');
    try {
      const q = await post('/api/v1/quotes/preview', body(v));
      if (mine !== seq) return;
      totalLine.replaceChildren('Total ', h('strong', { class: 'quote-live-amount' }, q.total_text));
      panelBody.replaceChildren(quoteSummary(q));
    } catch (e) {
      if (mine !== seq || e.status === 401) return;
      const x = e.field ? [...f.fields.values()].find((y) => (y.spec.apiName || y.spec.name) === e.field) : null;
      let msg = e.message;
      if (x && msg.startsWith(`${e.field}: `)) msg = msg.slice(e.field.length + 2);
      wait(`To see the price${x ? ` (${x.spec.label.toLowerCase()})` : ''}: ${msg}.`);
    } finally {
      if (mine === seq) panel.removeAttribute('aria-busy');
    }
  }
  const schedule = () => { syncDiagram(); clearTimeout(timer); timer = setTimeout(price, 200); };
  f.el.addEventListener('input', schedule);
  f.el.addEventListener('change', schedule);
  syncDiagram();
  wait('Choose an area on the head or in the list to see the price.');

  return page('New quote', null,
    h('p', { class: 'lede' }, 'For ', link(fullName(client), `#/clients/${client.id}`),
      '. Choose the areas; the price follows each choice, from the clinic’s price book.'),
    h('div', { class: 'quote-builder' }, f.el, panel));
}

// ---- a quote's page ---------------------------------------------------------------------------

/**
 * linkBox shows the client's link (an absolute URL) read-only, with a Copy button; it is shown
 * once, right after sending, because the server keeps only the link's digest.
 */
export function linkBox(url, sentTo) {
  const id = uid('share');
  const input = h('input', { id, type: 'text', readonly: true, value: url, class: 'share-url', spellcheck: 'false' });
  const copy = button('Copy link', async () => {
    try {
      await navigator.clipboard.writeText(url);
      announce('Link copied');
    } catch {
      input.focus();
      input.select();
      announce('Link selected: press Control and C to copy it');
    }
  }, 'secondary');
  return h('section', { class: 'card share-box', 'aria-labelledby': `${id}-h` },
    h('h2', { id: `${id}-h`, tabindex: '-1' }, 'The client’s link'),
    h('p', {}, sentTo ? `Emailed to ${sentTo}. ` : 'The client has no email address: give them this link. ',
      'It is shown only this once; sending again makes a new link and the old one stops working.'),
    h('div', { class: 'field share-field' }, h('label', { for: id }, 'Link to the quote'),
      h('div', { class: 'share-row' }, input, copy)));
}

export async function quotePage({ params }) {
  const holder = h('div', {});
  let q = await get(`/api/v1/quotes/${encodeURIComponent(params.id)}`);
  const client = await get(`/api/v1/clients/${q.client_id}`);
  const out = h('div', {});

  async function act(what, run, focusLink = false) {
    out.replaceChildren();
    try {
      const r = await run();
      q = r;
      draw(r.share_url ? `${location.origin}${r.share_url}` : null);
      announce(what);
      if (focusLink) holder.querySelector('.share-box h2')?.focus();
    } catch (e) {
      if (e.status === 401) return;
      out.replaceChildren(notice('error', h('p', {}, e.message.charAt(0).toUpperCase() + e.message.slice(1))));
    }
  }

  function draw(shareUrl) {
    const open = q.status === 'draft' || q.status === 'sent';
    const pdf = h('a', { class: 'btn btn-secondary', href: `/api/v1/quotes/${q.id}.pdf`, download: `quote-${q.id}.pdf` }, 'Download PDF');
    const actions = [
      open ? button(q.status === 'sent' ? 'Send again' : 'Send to client',
        () => act('Quote sent', () => post(`/api/v1/quotes/${q.id}/send`), true), 'primary') : null,
      open ? button('Accept', async () => {
        if (!(await confirm({ title: 'Record that the client accepted?', message: 'The quote becomes accepted and the treatment course is created, ready to plan and book.', confirmLabel: 'Yes, accept' }))) return;
        await act('Quote accepted; the course is created', () => post(`/api/v1/quotes/${q.id}/accept`));
      }) : null,
      open ? button('Decline', async () => {
        if (!(await confirm({ title: 'Record that the client declined?', message: 'A declined quote can no longer be accepted.', confirmLabel: 'Yes, decline' }))) return;
        await act('Quote declined', () => post(`/api/v1/quotes/${q.id}/decline`));
      }) : null,
      q.course_id ? navButton('Open the course', `#/courses/${q.course_id}`, 'primary') : null,
      pdf,
    ].filter(Boolean);
    const state = {
      draft: 'Not sent yet.',
      sent: 'Sent to the client; waiting for their answer.',
      accepted: q.accepted_name ? `Accepted by ${q.accepted_name}, who typed their name on the link.` : 'Accepted.',
      declined: 'Declined.',
      expired: `Expired on ${gbDate(q.valid_until)}: it can no longer be accepted. Make a new quote.`,
    }[q.status] || '';
    holder.replaceChildren(page(`Quote for ${fullName(client)}`, actions,
      h('p', { class: 'quote-state' }, statusTag(q.status), ' ', state,
        q.course_id ? [' ', link('The treatment course', `#/courses/${q.course_id}`), ' was created.'] : null),
      h('p', { class: 'lede' }, 'For ', link(fullName(client), `#/clients/${client.id}`), ' at ', q.clinic?.name || `clinic ${q.clinic_id}`,
        '. Made ', when(q.created_at), '.'),
      out,
      shareUrl ? linkBox(shareUrl, client.email) : null,
      h('div', { class: 'quote-view' },
        h('section', { class: 'card', 'aria-labelledby': 'quote-lines-h' },
          h('h2', { id: 'quote-lines-h' }, 'The quote'), quoteSummary(q)),
        h('section', { class: 'card', 'aria-labelledby': 'quote-more-h' },
          h('h2', { id: 'quote-more-h' }, 'For staff'),
          details([
            ['Classification', q.scale ? `${SCALES[q.scale] || q.scale}${q.stage ? `, stage ${q.stage}` : ''}` : null],
            ['Size', q.size_cm2 ? `${q.size_cm2} cm²` : null],
            ['Price uplift', q.uplift_pct ? `+${q.uplift_pct} % at this clinic` : 'None'],
            ['Notes', q.notes ? h('span', { class: 'pre' }, q.notes) : null],
            ['Last changed', when(q.updated_at)],
          ])))));
  }
  draw(null);
  return holder;
}

// ---- the client's timeline ----------------------------------------------------------------------

/** quoteEvents answers the client's quotes as timeline events {key, date, what}, newest first. */
export async function quoteEvents(c) {
  const items = (await get(`/api/v1/quotes?client_id=${c.id}`)).items;
  return items.map((q) => ({
    key: `${q.created_at.slice(0, 10)} ${q.created_at}`,
    date: q.created_at,
    what: [link(`Quote ${q.total_text}`, `#/quotes/${q.id}`),
      ` (${q.areas.map((a) => (AREA_WORDS[a] || a).split(' (')[0].toLowerCase()).join(', ')}) `, statusTag(q.status)],
  }));
}
