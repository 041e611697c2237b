// view-clinics.js — the Clinics screens: the list (name, city, time zone, currency, uplift), a
// clinic's page (with its opening hours, closures and chairs, from view-hours.js, and its
// touch-up recall rule, from view-recalls.js), and the
// create/edit form (name, city, address, time zone from the browser's IANA list, currency,
// price uplift %). Owners and managers create and edit; only owners see Delete, and a clinic
// still in use answers 409 with the server's reason shown on the page.
import { h } from './dom.js';
import { all, can, get, patch, post, del } from './api.js';
import { createForm, orNull } from './form.js';
import { go } from './router.js';
import { flash } from './flash.js';
import { deleteButton, details, link, navButton, page, table, when } from './ui.js';
import { clinicScheduling } from './view-hours.js';
import { recallRulesCard } from './view-recalls.js';
import { clinicPriceBook } from './view-pricebook.js';

export const CURRENCIES = ['GBP', 'EUR', 'USD', 'AUD', 'CAD', 'CHF', 'DKK', 'NOK', 'SEK', 'PLN', 'CZK', 'HUF',
  'NZD', 'ZAR', 'AED', 'SAR', 'INR', 'SGD', 'HKD', 'JPY', 'TRY', 'MXN', 'BRL'];

function timeZones(currentZone) {
  let zones = [];
  try { zones = Intl.supportedValuesOf('timeZone'); } catch { zones = ['Europe/London', 'UTC']; }
  if (!zones.includes('UTC')) zones = [...zones, 'UTC'];
  if (currentZone && !zones.includes(currentZone)) zones = [currentZone, ...zones];
  return zones;
}

const uplift = (n) => `${n || 0}%`;

export async function clinicsList() {
  const clinics = await all('/api/v1/clinics');
  return page('Clinics', can('owner', 'manager') ? [navButton('New clinic', '#/clinics/new', 'primary')] : null,
    table({
      caption: 'Clinics',
      empty: 'No clinics yet.',
      rows: clinics,
      columns: [
        { label: 'Name', cell: (c) => link(c.name, `#/clinics/${c.id}`) },
        { label: 'City', cell: (c) => c.city || '' },
        { label: 'Time zone', cell: (c) => c.timezone },
        { label: 'Currency', cell: (c) => c.currency },
        { label: 'Price uplift', cell: (c) => uplift(c.price_uplift_pct), class: 'num' },
      ],
    }));
}

export async function clinicPage({ params }) {
  const c = await get(`/api/v1/clinics/${encodeURIComponent(params.id)}`);
  const out = h('div', {});
  const actions = [];
  if (can('owner', 'manager')) actions.push(navButton('Edit', `#/clinics/${c.id}/edit`, 'primary'));
  if (can('owner')) {
    actions.push(deleteButton({
      title: `Delete ${c.name}?`,
      message: 'The clinic is removed for good. A clinic that still has clients or practitioners cannot be deleted.',
      out,
      run: async () => { await del(`/api/v1/clinics/${c.id}`); flash(`Deleted ${c.name}`); go('#/clinics'); },
    }));
  }
  return page(c.name, actions, out,
    details([
      ['City', c.city],
      ['Address', c.address ? h('span', { class: 'pre' }, c.address) : null],
      ['Time zone', c.timezone],
      ['Currency', c.currency],
      ['Price uplift', uplift(c.price_uplift_pct)],
      ['Impressions an hour', c.impressions_per_hour.toLocaleString('en-GB')],
      ['Created', when(c.created_at)],
      ['Last changed', when(c.updated_at)],
    ]),
    h('p', { class: 'link-row' }, link(`Clients of ${c.name}`, `#/clients?clinic=${c.id}`),
      link(`Calendar of ${c.name}`, `#/calendar?clinic=${c.id}`)),
    await clinicScheduling(c),
    await clinicPriceBook(c),
    await recallRulesCard(c));
}

function clinicForm(c, onSubmit) {
  return createForm({
    label: 'Clinic',
    cancel: { hash: c ? `#/clinics/${c.id}` : '#/clinics' },
    fields: [
      { name: 'name', label: 'Name', required: true, maxLength: 200, requiredMessage: 'Enter the clinic’s name', value: c?.name },
      { name: 'city', label: 'City', maxLength: 100, value: c?.city, autocomplete: 'address-level2' },
      { name: 'address', label: 'Address', type: 'textarea', rows: 3, maxLength: 500, value: c?.address },
      { name: 'timezone', label: 'Time zone', type: 'select', required: true, hint: 'Opening hours and reminders use this zone.',
        options: timeZones(c?.timezone).map((z) => ({ value: z, label: z.replace(/_/g, ' ') })), value: c?.timezone || 'Europe/London' },
      { name: 'currency', label: 'Currency', type: 'select', required: true,
        options: (c && !CURRENCIES.includes(c.currency) ? [c.currency, ...CURRENCIES] : CURRENCIES).map((x) => ({ value: x, label: x })),
        value: c?.currency || 'GBP' },
      { name: 'price_uplift_pct', label: 'Price uplift %', type: 'number', min: 0, max: 200, required: true, inputmode: 'numeric',
        width: 'short', hint: 'Added to every price at this clinic: a whole number from 0 to 200.', value: String(c?.price_uplift_pct ?? 0),
        requiredMessage: 'Enter the price uplift (0 for none)' },
      { name: 'impressions_per_hour', label: 'Impressions an hour', type: 'number', min: 500, max: 20000, required: true, inputmode: 'numeric',
        width: 'short', hint: 'The working rate behind chair-time estimates of designs and quotes (about 4,500 is usual).',
        value: String(c?.impressions_per_hour ?? 4500), requiredMessage: 'Enter the impressions an hour' },
    ],
    onSubmit,
  });
}

const body = (v) => ({
  name: v.name, city: orNull(v.city), address: orNull(v.address), timezone: v.timezone,
  currency: v.currency, price_uplift_pct: Number(v.price_uplift_pct),
  impressions_per_hour: Number(v.impressions_per_hour),
});

export async function clinicNew() {
  const f = clinicForm(null, async (v) => {
    const c = await post('/api/v1/clinics', body(v));
    flash('Saved');
    go(`#/clinics/${c.id}`);
  });
  return page('New clinic', null, f.el);
}

export async function clinicEdit({ params }) {
  const c = await get(`/api/v1/clinics/${encodeURIComponent(params.id)}`);
  const f = clinicForm(c, async (v) => {
    await patch(`/api/v1/clinics/${c.id}`, body(v));
    flash('Saved');
    go(`#/clinics/${c.id}`);
  });
  return page('Edit clinic', null, h('p', { class: 'lede' }, c.name), f.el);
}
