// view-clients.js — the Clients list: a search box that asks the server (?q=) as the person types
// (250 ms after the last key), a clinic filter, and a table of name, email, phone and clinic
// with "Previous page"/"Next page" over the server's cursors (a stack of the cursors seen). The
// search words and clinic live in the address (#/clients?q=…&clinic=…) and the cursor stack in
// the history entry, so Back from a client's page returns to the same page of results.
import { h, uid } from './dom.js';
import { all, get, query } from './api.js';
import { current, go, setQuery } from './router.js';
import { button, link, notice, page, pager, table } from './ui.js';

const PAGE_SIZE = 25;

export async function clientsList({ query: q }) {
  const clinics = await all('/api/v1/clinics');
  const byId = new Map(clinics.map((c) => [c.id, c]));
  const saved = history.state && Array.isArray(history.state.clientStack) ? history.state.clientStack : null;
  const state = { q: q.get('q') || '', clinic: q.get('clinic') || '', stack: saved || [null] };

  const searchId = uid('search');
  const clinicId = uid('clinic');
  const search = h('input', { type: 'search', id: searchId, name: 'q', value: state.q, autocomplete: 'off',
    spellcheck: 'false', 'aria-describedby': `${searchId}-hint`, maxlength: 200 });
  const clinic = h('select', { id: clinicId, name: 'clinic' },
    h('option', { value: '' }, 'All clinics'),
    clinics.map((c) => h('option', { value: String(c.id), selected: String(c.id) === state.clinic }, c.name)));
  const results = h('div', { class: 'results' });
  const count = h('p', { class: 'result-count', role: 'status' });

  let seq = 0;
  async function load() {
    const mine = ++seq;
    if (current().path === '/clients') { // not if the person has already moved on
      setQuery({ q: state.q, clinic: state.clinic });
      history.replaceState({ ...(history.state || {}), clientStack: state.stack }, '', location.href);
    }
    results.setAttribute('aria-busy', 'true');
    let data;
    try {
      data = await get('/api/v1/clients' + query({
        q: state.q, clinic_id: state.clinic, limit: PAGE_SIZE, cursor: state.stack[state.stack.length - 1],
      }));
    } catch (e) {
      if (mine !== seq || e.status === 401) return;
      if (e.field === 'cursor' && state.stack.length > 1) { state.stack = [null]; load(); return; }
      results.removeAttribute('aria-busy');
      results.replaceChildren(notice('error', h('p', {}, e.message)));
      return;
    }
    if (mine !== seq) return;
    results.removeAttribute('aria-busy');
    const n = data.items.length;
    const where = state.stack.length > 1 ? ` on page ${state.stack.length}` : '';
    count.textContent = n === 0 ? 'No clients found.' : `${n}${data.next_cursor ? '+' : ''} client${n === 1 ? '' : 's'}${where}.`;
    results.replaceChildren(
      table({
        caption: 'Clients',
        empty: state.q || state.clinic ? 'No clients match. Check the spelling, or search by phone or email.' : 'No clients yet.',
        rows: data.items,
        columns: [
          { label: 'Name', cell: (c) => link(`${c.first_name} ${c.last_name}`, `#/clients/${c.id}`) },
          { label: 'Email', cell: (c) => c.email || '' },
          { label: 'Phone', cell: (c) => c.phone || '', class: 'nowrap' },
          { label: 'Clinic', cell: (c) => byId.get(c.clinic_id)?.name || '' },
        ],
      }),
      pager({
        label: 'Client pages', stack: state.stack, next: data.next_cursor,
        onPage: (stack) => { state.stack = stack; load().then(() => results.querySelector('table')?.scrollIntoView({ block: 'nearest' })); },
      }) || '');
  }

  let timer = null;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { state.q = search.value.trim(); state.stack = [null]; load(); }, 250);
  });
  clinic.addEventListener('change', () => { state.clinic = clinic.value; state.stack = [null]; load(); });

  const filters = h('form', { class: 'filters', role: 'search', 'aria-label': 'Clients', onsubmit: (e) => {
    e.preventDefault();
    clearTimeout(timer);
    state.q = search.value.trim();
    state.stack = [null];
    load();
  } },
  h('div', { class: 'field grow' }, h('label', { for: searchId }, 'Search clients'),
    h('p', { class: 'hint', id: `${searchId}-hint` }, 'Start of a name, email or phone number.'), search),
  h('div', { class: 'field' }, h('label', { for: clinicId }, 'Clinic'), clinic));

  await load();
  // a new client starts at the clinic being looked at, if one is chosen
  const newClient = button('New client', () => go(`#/clients/new${state.clinic ? `?clinic=${state.clinic}` : ''}`), 'primary');
  return page('Clients', [newClient], filters, count, results);
}
