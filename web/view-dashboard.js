// view-dashboard.js — the first screen after signing in: a quick client search, counts of
// clinics, practitioners and clients (the first page of clients, shown as "50+" when there are
// more) that link to their lists, the follow-ups that session records opened (view-tasks.js), and
// for owners and managers the latest audit entries.
import { h, uid } from './dom.js';
import { all, can, get, session } from './api.js';
import { go } from './router.js';
import { link, navButton, page, roleName, section } from './ui.js';
import { auditTable } from './view-audit.js';
import { newEnquiries } from './view-enquiries.js';
import { tasksSection } from './view-tasks.js';

function stat(n, noun, hash, linkText) {
  return h('div', { class: 'stat card' },
    h('p', { class: 'stat-n' }, String(n)),
    h('p', { class: 'stat-label' }, noun),
    h('p', { class: 'stat-link' }, link(linkText, hash)));
}

export async function dashboardView() {
  const wantAudit = can('owner', 'manager');
  const [clinics, people, clients, audit] = await Promise.all([
    all('/api/v1/clinics'),
    all('/api/v1/practitioners'),
    get('/api/v1/clients'),
    wantAudit ? get('/api/v1/audit?limit=8') : Promise.resolve(null),
  ]);
  const enquiries = await newEnquiries(clinics).catch(() => 0);
  const followUps = await tasksSection().catch((e) => { if (e.status === 401) throw e; return null; });
  const nClients = clients.next_cursor ? `${clients.items.length}+` : String(clients.items.length);

  const searchId = uid('dash-search');
  const input = h('input', { type: 'search', id: searchId, name: 'q', autocomplete: 'off', spellcheck: 'false',
    'aria-describedby': `${searchId}-hint`, maxlength: 200 });
  const search = h('form', { class: 'filters quick-search', role: 'search', 'aria-label': 'Quick client search', onsubmit: (e) => {
    e.preventDefault();
    const q = input.value.trim();
    go(q ? `#/clients?q=${encodeURIComponent(q)}` : '#/clients');
  } },
  h('div', { class: 'field grow' }, h('label', { for: searchId }, 'Search clients'),
    h('p', { class: 'hint', id: `${searchId}-hint` }, 'Start of a name, email or phone number.'), input),
  h('div', { class: 'field filter-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Search')));

  const u = session.user;
  return page('Dashboard', [navButton('New client', '#/clients/new', 'primary')],
    h('p', { class: 'lede' }, `Signed in as ${u.name}, ${roleName(u.role).toLowerCase()}.`),
    search,
    enquiries ? h('p', { class: 'notice notice-info dash-enquiries' }, `${enquiries} new quote request${enquiries === 1 ? '' : 's'} from the public pages. `,
      link('See the enquiries', '#/enquiries')) : null,
    h('div', { class: 'stats' },
      stat(clinics.length, clinics.length === 1 ? 'clinic' : 'clinics', '#/clinics', 'See every clinic'),
      stat(people.length, people.length === 1 ? 'practitioner' : 'practitioners', '#/staff', 'See the practitioners'),
      stat(nClients, nClients === '1' ? 'client' : 'clients', '#/clients', 'See the client list')),
    followUps,
    audit ? section('Recent audit entries', auditTable(audit.items, 'The latest audit entries'),
      h('p', {}, link('See all entries', '#/audit'))) : null);
}
