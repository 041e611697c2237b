// view-users.js — the Users screens (owners only): the staff accounts that sign in (email, name,
// role, disabled), a user's page, the create form (email, name, role, password) and the edit
// form (name, role, disabled, a new password). The server refuses with 409 a change that would
// leave no enabled owner; that message is shown on the form. Changing one's own account
// refreshes the banner, and setting one's own password ends this session on the server.
import { h } from './dom.js';
import { all, endSession, get, loadMe, patch, post, session } from './api.js';
import { createForm } from './form.js';
import { go } from './router.js';
import { flash } from './flash.js';
import { details, link, navButton, page, roleName, ROLE_NAMES, table, when } from './ui.js';

const ROLE_OPTIONS = Object.entries(ROLE_NAMES).map(([value, label]) => ({ value, label }));
const status = (u) => (u.disabled ? h('span', { class: 'tag tag-off' }, 'Disabled') : h('span', { class: 'tag tag-on' }, 'Active'));

export async function usersList() {
  const users = await all('/api/v1/users');
  return page('Users', [navButton('New user', '#/users/new', 'primary')],
    h('p', { class: 'lede' }, 'The staff accounts that can sign in to stipple.'),
    table({
      caption: 'Users',
      empty: 'No users.',
      rows: users,
      columns: [
        { label: 'Email', cell: (u) => link(u.email, `#/users/${u.id}`) },
        { label: 'Name', cell: (u) => u.name },
        { label: 'Role', cell: (u) => roleName(u.role) },
        { label: 'Status', cell: status },
      ],
    }));
}

export async function userPage({ params }) {
  const u = await get(`/api/v1/users/${encodeURIComponent(params.id)}`);
  return page(u.name, [navButton('Edit', `#/users/${u.id}/edit`, 'primary')],
    details([
      ['Email', u.email],
      ['Role', roleName(u.role)],
      ['Status', status(u)],
      ['Added', when(u.created_at)],
    ]));
}

const PASSWORD_HINT = '8–128 characters. Very common passwords are refused.';

export async function userNew() {
  const f = createForm({
    label: 'New user',
    cancel: { hash: '#/users' },
    fields: [
      { name: 'email', label: 'Email', type: 'email', required: true, requiredMessage: 'Enter the email address they sign in with' },
      { name: 'name', label: 'Name', required: true, maxLength: 200, requiredMessage: 'Enter their name' },
      { name: 'role', label: 'Role', type: 'select', required: true, requiredMessage: 'Choose a role',
        options: [{ value: '', label: 'Choose a role' }, ...ROLE_OPTIONS], value: '' },
      { name: 'password', label: 'Password', type: 'password', required: true, minLength: 8, maxLength: 128,
        autocomplete: 'new-password', hint: PASSWORD_HINT, requiredMessage: 'Enter a password for them' },
    ],
    onSubmit: async (v) => {
      const u = await post('/api/v1/users', v);
      flash('Saved');
      go(`#/users/${u.id}`);
    },
  });
  return page('New user', null, f.el);
}

export async function userEdit({ params }) {
  const u = await get(`/api/v1/users/${encodeURIComponent(params.id)}`);
  const self = session.user && session.user.id === u.id;
  const f = createForm({
    label: 'Edit user',
    cancel: { hash: `#/users/${u.id}` },
    fields: [
      { name: 'name', label: 'Name', required: true, maxLength: 200, value: u.name, requiredMessage: 'Enter their name' },
      { name: 'role', label: 'Role', type: 'select', required: true, options: ROLE_OPTIONS, value: u.role },
      { name: 'disabled', label: 'Disabled', type: 'checkbox', value: u.disabled,
        hint: 'A disabled user cannot sign in; their open sessions end at once.' },
      { name: 'password', label: 'New password', type: 'password', minLength: 8, maxLength: 128, autocomplete: 'new-password',
        hint: `Leave empty to keep the current password. ${PASSWORD_HINT} Setting one signs them out everywhere.` },
    ],
    onSubmit: async (v) => {
      const b = {};
      if (v.name !== u.name) b.name = v.name;
      if (v.role !== u.role) b.role = v.role;
      if (v.disabled !== u.disabled) b.disabled = v.disabled;
      if (v.password) b.password = v.password;
      if (Object.keys(b).length) await patch(`/api/v1/users/${u.id}`, b);
      if (self && (b.password || b.disabled)) {
        history.replaceState(null, '', `#/users/${u.id}`);
        endSession(b.password ? 'Your password was changed. Sign in with the new one.' : 'Your account was disabled.');
        return;
      }
      if (self) {
        await loadMe();
        window.dispatchEvent(new Event('stipple:me-changed'));
      }
      flash('Saved');
      go(self && session.user.role !== 'owner' ? '#/' : `#/users/${u.id}`);
    },
  });
  return page('Edit user', null, h('p', { class: 'lede' }, u.email), f.el);
}
