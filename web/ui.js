// ui.js — the building blocks every screen shares: the page heading with its action buttons,
// tables that scroll sideways on narrow screens, the cursor pager, description lists, notices,
// the confirm dialog, the "Saved" live-region announcer and date/time formatting. Screens
// compose these; none of them talks to the server.
import { h, uid } from './dom.js';
import { go } from './router.js';
import { session } from './api.js';

/** page wraps a screen: an <h1> (focused by the app after navigation), actions, then content. */
export function page(title, actions, ...content) {
  return h('div', { class: 'page' },
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1' }, title),
      actions && actions.length ? h('div', { class: 'actions' }, actions) : null),
    content);
}

/** navButton is a <button> that goes to a hash route. kind: 'primary' | 'secondary'. */
export function navButton(label, hash, kind = 'secondary') {
  return h('button', { type: 'button', class: `btn btn-${kind}`, onclick: () => go(hash) }, label);
}

/** button is a plain action <button>. kind: 'primary' | 'secondary' | 'danger'. */
export function button(label, onclick, kind = 'secondary', attrs = {}) {
  return h('button', { type: 'button', class: `btn btn-${kind}`, onclick, ...attrs }, label);
}

/** link is an <a href> to a hash route. */
export function link(text, hash, attrs = {}) {
  return h('a', { href: hash, ...attrs }, text);
}

/**
 * table renders rows under a caption; columns: [{label, cell(row) → node|string, class?}].
 * The wrapper is a labelled, focusable region so keyboard users can scroll it sideways.
 */
export function table({ caption, columns, rows, empty = 'Nothing to show.', captionHidden = true }) {
  if (!rows.length) return h('p', { class: 'empty' }, empty);
  const capId = uid('cap');
  return h('div', { class: 'table-wrap', role: 'region', 'aria-labelledby': capId, tabindex: '0' },
    h('table', {},
      h('caption', { id: capId, class: captionHidden ? 'visually-hidden' : null }, caption),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.class }, c.label)))),
      h('tbody', {}, rows.map((r) => h('tr', {}, columns.map((c, i) => {
        const v = c.cell(r);
        return i === 0 ? h('th', { scope: 'row', class: c.class }, v) : h('td', { class: c.class }, v ?? '');
      }))))));
}

/**
 * pager shows "Previous page" / "Next page" for cursor paging. state: {stack: [cursor…]} where
 * the last entry is the current page's cursor (null for the first page); next: next_cursor.
 */
export function pager({ label, stack, next, onPage }) {
  const prev = stack.length > 1;
  if (!prev && !next) return null;
  return h('nav', { class: 'pager', 'aria-label': label },
    h('button', { type: 'button', class: 'btn btn-secondary', disabled: !prev, onclick: () => {
      onPage(stack.slice(0, -1));
    } }, 'Previous page'),
    h('span', { class: 'pager-where' }, `Page ${stack.length}`),
    h('button', { type: 'button', class: 'btn btn-secondary', disabled: !next, onclick: () => {
      onPage([...stack, next]);
    } }, 'Next page'));
}

/** details renders [label, value] pairs as a description list; empty values show "—". */
export function details(pairs) {
  return h('dl', { class: 'details' }, pairs.map(([k, v]) => [
    h('dt', {}, k),
    h('dd', {}, v === null || v === undefined || v === '' ? h('span', { class: 'muted' }, 'Not given') : v),
  ]));
}

/** notice is a message block; kind: 'info' | 'error' | 'warn'. Errors are announced (alert). */
export function notice(kind, ...content) {
  return h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : null }, content);
}

/** section is a titled block with an <h2>. */
export function section(title, ...content) {
  const id = uid('sec');
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), content);
}

/**
 * confirm opens a modal <dialog> asking a yes/no question; resolves true when the person
 * chooses the confirm button. Escape or "Cancel" resolve false; focus returns to the opener.
 */
export function confirm({ title, message, confirmLabel }) {
  return new Promise((resolve) => {
    const opener = document.activeElement;
    const tId = uid('dlg');
    const mId = uid('dlgm');
    let answer = false;
    const dlg = h('dialog', { class: 'dialog', 'aria-labelledby': tId, 'aria-describedby': mId },
      h('h2', { id: tId }, title),
      h('p', { id: mId }, message),
      h('div', { class: 'actions' },
        button(confirmLabel, () => { answer = true; dlg.close(); }, 'danger'),
        button('Cancel', () => dlg.close(), 'secondary', { autofocus: true })));
    dlg.addEventListener('close', () => {
      dlg.remove();
      if (opener && opener.isConnected) opener.focus();
      resolve(answer);
    });
    document.body.append(dlg);
    dlg.showModal();
  });
}

/**
 * modal opens a modal <dialog> titled `title` (an <h2>) holding `content`, with a "Close"
 * button; answers {dlg, body, heading, close()}. Focus goes to focus() (or the heading) when it
 * opens; Escape or close() shut it, and focus goes back to returnTo() (when it answers a node
 * still on the page) or to the opener. onClose runs once it has shut.
 */
export function modal({ title, content, focus, onClose, returnTo, wide = false }) {
  const opener = document.activeElement;
  const tId = uid('dlg');
  const heading = h('h2', { id: tId, tabindex: '-1' }, title);
  const body = h('div', { class: 'dialog-body' }, content);
  const dlg = h('dialog', { class: `dialog${wide ? ' dialog-wide' : ''}`, 'aria-labelledby': tId },
    h('div', { class: 'dialog-head' }, heading, button('Close', () => dlg.close(), 'quiet')), body);
  // following a link out of the dialog (to a client, a course) shuts it
  const onHash = () => { if (dlg.open) dlg.close(); };
  window.addEventListener('hashchange', onHash);
  dlg.addEventListener('close', () => {
    window.removeEventListener('hashchange', onHash);
    dlg.remove();
    const back = returnTo ? returnTo() : null;
    if (back && back.isConnected) back.focus();
    else if (opener && opener.isConnected) opener.focus();
    if (onClose) onClose();
  });
  document.body.append(dlg);
  dlg.showModal();
  ((focus && focus()) || heading).focus();
  return { dlg, body, heading, close: () => { if (dlg.open) dlg.close(); } };
}

let liveTimer = null;
/** announce puts a short message ("Saved") in the page's status live region. */
export function announce(text) {
  const live = document.getElementById('live');
  if (!live) return;
  live.textContent = '';
  clearTimeout(liveTimer);
  // set after a tick so assistive technology notices the change even for the same words
  liveTimer = setTimeout(() => {
    live.textContent = text;
    liveTimer = setTimeout(() => { live.textContent = ''; }, 10000);
  }, 50);
}

/** clearAnnouncement empties the live region (on navigation). */
export function clearAnnouncement() {
  const live = document.getElementById('live');
  if (!live) return;
  clearTimeout(liveTimer);
  live.textContent = '';
}

const timeFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const dateFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeZone: 'UTC' });

/** when renders an RFC 3339 UTC time as local time in a <time> element. */
export function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : h('time', { datetime: iso }, timeFmt.format(d));
}

/** day renders a YYYY-MM-DD date in words in a <time> element. */
export function day(ymd) {
  if (!ymd) return null;
  const d = new Date(`${ymd}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? ymd : h('time', { datetime: ymd }, dateFmt.format(d));
}

const gbFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** gbDate writes a YYYY-MM-DD date in British long form ("1 March 2027"); anything else as given. */
export function gbDate(ymd) {
  if (!ymd || !/^\d{4}-\d{2}-\d{2}$/.test(ymd)) return ymd || '';
  const d = new Date(`${ymd}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? ymd : gbFmt.format(d);
}

const gbLocal = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

/** gbDay renders a YYYY-MM-DD date, or the local day of an RFC 3339 time, as gbDate in <time>. */
export function gbDay(ymdOrIso) {
  if (!ymdOrIso) return null;
  if (ymdOrIso.length <= 10) return h('time', { datetime: ymdOrIso }, gbDate(ymdOrIso));
  const d = new Date(ymdOrIso);
  return h('time', { datetime: ymdOrIso }, Number.isNaN(d.getTime()) ? ymdOrIso : gbLocal.format(d));
}

export const ROLE_NAMES = { owner: 'Owner', manager: 'Manager', practitioner: 'Practitioner', reception: 'Reception' };
export const roleName = (r) => ROLE_NAMES[r] || r;

/**
 * deleteButton is a danger "Delete" button that asks first (confirm dialog), then runs
 * `run()`; a failure (such as the server's 409 "still in use") is shown in `out` as an alert.
 */
export function deleteButton({ title, message, run, out, label = 'Delete' }) {
  return button(label, async () => {
    if (!(await confirm({ title, message, confirmLabel: 'Yes, delete' }))) return;
    out.replaceChildren();
    try {
      await run();
    } catch (e) {
      if (e.status === 401) return;
      const text = e.status === 403 && e.code === 'forbidden' ? `Your role (${session.user?.role}) can't do this.` : e.message;
      out.replaceChildren(notice('error', h('p', {}, text.charAt(0).toUpperCase() + text.slice(1))));
    }
  }, 'danger');
}
