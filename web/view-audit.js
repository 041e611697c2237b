// view-audit.js — the audit log for owners and managers: who created, read, listed, changed or
// deleted which client record, newest first, with times in the browser's local time and the
// request id that ties an entry to the server's access log. A client id filter (also reachable
// as #/audit?client_id=12 from a client's page) and cursor paging with Previous/Next.
import { h, uid } from './dom.js';
import { get, query } from './api.js';
import { current, go } from './router.js';
import { link, notice, page, pager, table, when } from './ui.js';

const ACTIONS = { create: 'Create', read: 'Read', list: 'List', update: 'Update', delete: 'Delete' };

/** auditTable renders audit entries (shared with the dashboard). */
export function auditTable(items, caption = 'Audit entries') {
  return table({
    caption,
    empty: 'No audit entries.',
    rows: items,
    columns: [
      { label: 'Time', cell: (a) => when(a.at), class: 'nowrap' },
      { label: 'User', cell: (a) => a.user_email || h('span', { class: 'muted' }, 'Unknown') },
      { label: 'Action', cell: (a) => h('span', { class: `tag tag-${a.action}` }, ACTIONS[a.action] || a.action) },
      { label: 'Client', cell: (a) => (a.client_id ? link(`Client ${a.client_id}`, `#/clients/${a.client_id}`) : ''), class: 'nowrap' },
      { label: 'Request id', cell: (a) => (a.request_id ? h('code', {}, a.request_id) : ''), class: 'mono nowrap' },
    ],
  });
}

export async function auditView({ query: q }) {
  const clientId = q.get('client_id') || '';
  const saved = history.state && Array.isArray(history.state.auditStack) ? history.state.auditStack : null;
  const state = { stack: saved || [null] };
  const results = h('div', { class: 'results' });

  async function load() {
    let data;
    try {
      data = await get('/api/v1/audit' + query({ client_id: clientId, cursor: state.stack[state.stack.length - 1] }));
    } catch (e) {
      if (e.status === 401) throw e;
      if (e.field === 'cursor' && state.stack.length > 1) { state.stack = [null]; return load(); }
      results.replaceChildren(notice('error', h('p', {}, e.message)));
      return undefined;
    }
    if (current().path === '/audit') history.replaceState({ ...(history.state || {}), auditStack: state.stack }, '', location.href);
    results.replaceChildren(auditTable(data.items),
      pager({ label: 'Audit pages', stack: state.stack, next: data.next_cursor,
        onPage: (stack) => { state.stack = stack; load().catch(() => {}); } }) || '');
    return undefined;
  }

  const inputId = uid('client-id');
  const input = h('input', { id: inputId, name: 'client_id', type: 'text', inputmode: 'numeric', value: clientId,
    class: 'w-short', autocomplete: 'off', 'aria-describedby': `${inputId}-hint` });
  const err = h('p', { class: 'field-error', id: `${inputId}-error`, hidden: true });
  const filters = h('form', { class: 'filters', 'aria-label': 'Filter audit entries', onsubmit: (e) => {
    e.preventDefault();
    const v = input.value.trim();
    if (v && !/^[1-9]\d*$/.test(v)) {
      err.textContent = 'Enter a client id: a whole number such as 12';
      err.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', `${inputId}-hint ${inputId}-error`);
      input.focus();
      return;
    }
    go(v ? `#/audit?client_id=${v}` : '#/audit');
  } },
  h('div', { class: 'field' }, h('label', { for: inputId }, 'Client id'),
    h('p', { class: 'hint', id: `${inputId}-hint` }, 'Only the entries about this client.'), err, input),
  h('div', { class: 'field filter-buttons' },
    h('button', { type: 'submit', class: 'btn btn-secondary' }, 'Filter'),
    clientId ? h('button', { type: 'button', class: 'btn btn-quiet', onclick: () => go('#/audit') }, 'Show all') : null));

  await load();
  return page('Audit', null,
    h('p', { class: 'lede' }, clientId
      ? ['Entries about ', link(`client ${clientId}`, `#/clients/${clientId}`), ', newest first.']
      : 'Who created, read, listed, changed or deleted client records, newest first. Reads can take a second to appear.'),
    filters, results);
}
