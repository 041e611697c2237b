// view-pricebook.js — a clinic's price book: the section on the clinic's page (every area's
// prices by band — Norwood stages for men, Ludwig/Savin for women, scar and patch by size —
// with what this clinic quotes after its uplift, the visits included, validity, deposit rule
// and finance example terms) and the editor (#/clinics/:id/price-book, owners and managers).
// Amounts are typed in pounds ("1,250.50") and sent as integer pence, read from the text
// without floating point (money.js); a refusal of the server is shown beside the field it names.
import { h } from './dom.js';
import { can, get, put } from './api.js';
import { createForm } from './form.js';
import { go } from './router.js';
import { flash } from './flash.js';
import { details, link, navButton, page, section } from './ui.js';
import { AREAS, AREA_WORDS } from './view-quote.js';
import { checkPercent, checkPounds, formatPence, parsePounds, poundsText } from './money.js';

const HOW = {
  hairline: 'by Norwood stage', crown: 'by Norwood stage', full_scalp: 'by Norwood stage',
  density: 'by Ludwig or Savin stage', scar: 'by size', patch: 'by size', touch_up: 'one price', correction: 'one price',
};

const depositWords = (b) => (b.deposit.percent !== undefined ? `${b.deposit.percent} % of the total`
  : `${formatPence(b.deposit.fixed_pence, b.currency)} (fixed)`);
const financeWords = (b) => `${b.finance.months} months at ${b.finance.apr_pct} % APR${b.finance.provider ? `, with ${b.finance.provider}` : ''}`;

/** clinicPriceBook answers the price-book section of a clinic's page. */
export async function clinicPriceBook(c) {
  let b;
  try {
    b = await get(`/api/v1/clinics/${c.id}/price-book`);
  } catch (e) {
    if (e.status === 401) throw e;
    return section('Price book', h('p', { class: 'muted' }, `The price book could not be loaded: ${e.message}`));
  }
  const uplift = b.price_uplift_pct;
  const rows = AREAS.flatMap(([a, words]) => b.prices[a].map((p, k) => ({ a, words, band: b.bands[a][k], p, quoted: b.prices_with_uplift[a][k], first: k === 0 })));
  return section('Price book',
    h('p', { class: 'muted' }, uplift ? `Book prices; quotes here add the clinic’s +${uplift} % uplift, shown beside them.` : 'Quotes here use these prices as they are.'),
    h('div', { class: 'table-wrap', role: 'region', 'aria-label': 'Prices by area and band', tabindex: '0' },
      h('table', { class: 'price-table' },
        h('caption', { class: 'visually-hidden' }, 'Prices by area and band'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Area'), h('th', { scope: 'col' }, 'Band'),
          h('th', { scope: 'col', class: 'num' }, 'Price'), uplift ? h('th', { scope: 'col', class: 'num' }, `Quoted (+${uplift} %)`) : null)),
        h('tbody', {}, rows.map((r) => h('tr', { class: r.first ? 'price-first' : null },
          h('th', { scope: 'row' }, r.first ? r.words : h('span', { class: 'visually-hidden' }, r.words)),
          h('td', {}, r.band || '—'),
          h('td', { class: 'num' }, formatPence(r.p, b.currency)),
          uplift ? h('td', { class: 'num' }, formatPence(r.quoted, b.currency)) : null))))),
    details([
      ['Included', `${b.sessions_included} visits in every quote`],
      ['Valid for', `${b.valid_days} days`],
      ['Deposit', depositWords(b)],
      ['Finance example', financeWords(b)],
    ]),
    can('owner', 'manager') ? h('p', {}, navButton('Edit price book', `#/clinics/${c.id}/price-book`, 'primary'))
      : h('p', { class: 'hint' }, 'Owners and managers change the prices.'));
}

export async function priceBookEdit({ params }) {
  const c = await get(`/api/v1/clinics/${encodeURIComponent(params.id)}`);
  const b = await get(`/api/v1/clinics/${c.id}/price-book`);
  const priceFields = AREAS.flatMap(([a, words]) => b.prices[a].map((p, k) => {
    const label = b.bands[a][k] ? `${words}, ${b.bands[a][k]}` : words;
    return {
      name: `${a}_${k}`, label, required: true, inputmode: 'decimal', width: 'medium', value: poundsText(p),
      apiName: k === 0 ? `prices.${a}` : undefined, requiredMessage: `Enter the price of ${label.charAt(0).toLowerCase()}${label.slice(1)}`,
      check: (x) => checkPounds(x, { label: 'The price' }),
    };
  }));
  const percent = b.deposit.percent !== undefined;
  const f = createForm({
    label: 'Price book',
    submitLabel: 'Save price book',
    cancel: { hash: `#/clinics/${c.id}` },
    fields: [
      ...priceFields,
      { name: 'sessions_included', label: 'Visits included', type: 'number', min: 1, max: 4, required: true, width: 'short',
        value: String(b.sessions_included), hint: 'In every quote: the course accepting it creates.' },
      { name: 'valid_days', label: 'Valid for (days)', type: 'number', min: 1, max: 365, required: true, width: 'short', value: String(b.valid_days) },
      { name: 'deposit_kind', label: 'Deposit', type: 'radios', inline: true, apiName: 'deposit', value: percent ? 'percent' : 'fixed',
        options: [{ value: 'percent', label: 'A percentage of the total' }, { value: 'fixed', label: 'A fixed amount' }] },
      { name: 'deposit_percent', label: 'Deposit %', inputmode: 'decimal', width: 'short', required: true, apiName: 'deposit.percent',
        value: percent ? String(b.deposit.percent) : '20', when: (v) => v.deposit_kind === 'percent', check: (x) => checkPercent(x, 'Deposit %') },
      { name: 'deposit_fixed', label: 'Deposit amount (£)', inputmode: 'decimal', width: 'medium', required: true, apiName: 'deposit.fixed_pence',
        value: percent ? '' : poundsText(b.deposit.fixed_pence), when: (v) => v.deposit_kind === 'fixed', check: (x) => checkPounds(x, { label: 'The deposit' }) },
      { name: 'finance_months', label: 'Finance example: months', type: 'number', min: 1, max: 120, required: true, width: 'short',
        apiName: 'finance.months', value: String(b.finance.months) },
      { name: 'finance_apr', label: 'Finance example: APR %', inputmode: 'decimal', width: 'short', required: true, apiName: 'finance.apr_pct',
        value: String(b.finance.apr_pct), check: (x) => checkPercent(x, 'APR %', 99.99) },
      { name: 'finance_provider', label: 'Finance provider', maxLength: 60, apiName: 'finance.provider', value: b.finance.provider || '',
        hint: 'The partner who lends, named in the example.' },
    ],
    onSubmit: async (v) => {
      const prices = Object.fromEntries(AREAS.map(([a]) => [a, b.prices[a].map((_, k) => parsePounds(v[`${a}_${k}`]))]));
      await put(`/api/v1/clinics/${c.id}/price-book`, {
        prices,
        sessions_included: Number(v.sessions_included),
        valid_days: Number(v.valid_days),
        deposit: v.deposit_kind === 'percent' ? { percent: Number(v.deposit_percent) } : { fixed_pence: parsePounds(v.deposit_fixed) },
        finance: { months: Number(v.finance_months), apr_pct: Number(v.finance_apr), provider: v.finance_provider || null },
      }).catch((e) => {
        // "a later band must not cost less…" says which area in the summary too
        const area = e.field?.startsWith('prices.') ? AREA_WORDS[e.field.slice(7)] : null;
        if (area) e.message = `${area}: ${e.message}`;
        throw e;
      });
      flash('Price book saved');
      go(`#/clinics/${c.id}`);
    },
  });

  // each area's bands side by side under the area's name (which the labels repeat for screen
  // readers and the error summary only); the terms in their own groups
  const wrap = (name) => f.fields.get(name).wrap;
  for (const [a, words] of AREAS) {
    b.prices[a].forEach((_, k) => {
      const label = wrap(`${a}_${k}`).querySelector('label');
      if (b.bands[a][k]) label.replaceChildren(h('span', { class: 'visually-hidden' }, `${words}, `), b.bands[a][k]);
    });
  }
  const groups = AREAS.map(([a, words]) => h('fieldset', { class: 'group price-group' },
    h('legend', {}, `${words} — ${HOW[a]} (£)`),
    h('div', { class: 'price-bands' }, b.prices[a].map((_, k) => wrap(`${a}_${k}`)))));
  const terms = h('fieldset', { class: 'group' }, h('legend', {}, 'Terms'),
    h('div', { class: 'field-pair' }, wrap('sessions_included'), wrap('valid_days')),
    wrap('deposit_kind'), h('div', { class: 'field-pair' }, wrap('deposit_percent'), wrap('deposit_fixed')));
  const finance = h('fieldset', { class: 'group' }, h('legend', {}, 'Finance example'),
    h('div', { class: 'field-pair' }, wrap('finance_months'), wrap('finance_apr')), wrap('finance_provider'));
  f.el.querySelector('.form-actions').before(...groups, terms, finance);
  f.el.classList.add('pricebook-form');

  return page('Price book', null,
    h('p', { class: 'lede' }, 'For ', link(c.name, `#/clinics/${c.id}`),
      '. Amounts in pounds, like 1,250.50; quotes already given keep their prices.',
      c.price_uplift_pct ? ` Quotes here add the clinic’s +${c.price_uplift_pct} % uplift to these prices.` : ''),
    f.el);
}
