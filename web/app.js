// app.js — the entry point. It asks the server who is signed in, draws the shell (the banner
// with the navigation, the user's name and role and "Sign out"), and renders the screen for the
// current hash route into <main>, moving focus to the new page's <h1>. Failures while loading a
// screen become a page of their own (not allowed, not found, server trouble); a 401 anywhere
// brings back the sign-in screen with "your session ended", keeping the route to return to.
// Routes declared `{ public: true }` (a clinic's public pages, a client's quote link, the client
// portal) are drawn for anyone, under a banner without the staff navigation; they do their own
// signing in where they need it.
import { h } from './dom.js';
import { can, loadMe, onSessionEnded, session, signOut, ApiError } from './api.js';
import { current, match } from './router.js';
import { announce, clearAnnouncement, notice, page, roleName } from './ui.js';
import { takeFlash } from './flash.js';
import { signInView } from './view-signin.js';
import './routes.js';

const banner = document.getElementById('banner');
const view = document.getElementById('view');
const skip = document.getElementById('skip');

const NAV = [
  { label: 'Dashboard', hash: '#/', section: '' },
  { label: 'Calendar', hash: '#/calendar', section: 'calendar' },
  { label: 'Clients', hash: '#/clients', section: 'clients' },
  { label: 'Enquiries', hash: '#/enquiries', section: 'enquiries' },
  { label: 'Recalls', hash: '#/recalls', section: 'recalls' },
  { label: 'Lots', hash: '#/lots', section: 'lots' },
  { label: 'Clinics', hash: '#/clinics', section: 'clinics' },
  { label: 'Staff', hash: '#/staff', section: 'staff' },
  { label: 'Users', hash: '#/users', section: 'users', roles: ['owner'] },
  { label: 'Audit', hash: '#/audit', section: 'audit', roles: ['owner', 'manager'] },
];

let renderId = 0;
let shownUser = null; // id of the user the current screen was drawn for

function drawBanner() {
  const brand = h('p', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), 'stipple');
  if (!session.user) {
    shownUser = null;
    banner.replaceChildren(brand);
    document.body.classList.remove('signed-in');
    skip.hidden = true;
    return;
  }
  const u = session.user;
  shownUser = u.id;
  const links = NAV.filter((n) => !n.roles || can(...n.roles))
    .map((n) => h('li', {}, h('a', { href: n.hash, 'data-section': n.section }, n.label)));
  banner.replaceChildren(brand,
    h('nav', { class: 'nav', 'aria-label': 'Main' }, h('ul', {}, links)),
    h('div', { class: 'who' },
      h('p', { class: 'who-name' }, u.name),
      h('p', { class: 'who-role' }, roleName(u.role)),
      h('button', { type: 'button', class: 'btn btn-quiet', onclick: doSignOut }, 'Sign out')));
  document.body.classList.add('signed-in');
  skip.hidden = false;
}

/** drawPublicBanner shows the brand only: a public page never shows staff navigation. */
function drawPublicBanner() {
  shownUser = null;
  banner.replaceChildren(h('p', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), 'stipple'));
  document.body.classList.remove('signed-in');
  skip.hidden = false;
}

function markNav(path) {
  const top = path.split('/')[1] || '';
  const section = ['consultations', 'consents', 'courses', 'designs', 'quotes', 'appointments'].includes(top) ? 'clients' : top; // a client's records
  for (const a of banner.querySelectorAll('nav a')) {
    if (a.dataset.section === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function focusHeading() {
  const h1 = view.querySelector('h1');
  if (!h1) return;
  document.title = `${h1.textContent} — stipple`;
  h1.focus();
}

/** errorPage explains why a screen could not be shown; on a public page (open) it speaks to a
 * client, who has no dashboard, role or administrator. */
function errorPage(e, open = false) {
  if (e instanceof ApiError && e.status === 404) {
    return page('Not found', null, notice('info', h('p', {}, open ? 'This page no longer exists.' : 'That record does not exist or was deleted.')),
      open ? null : h('p', {}, h('a', { href: '#/' }, 'Go to the dashboard')));
  }
  if (e instanceof ApiError && e.status === 403 && !open) {
    return page('Not allowed', null, notice('warn', h('p', {}, `Your role (${session.user?.role}) can't do this.`)));
  }
  const msg = e instanceof ApiError ? e.message : 'Something went wrong while showing this screen.';
  return page('Something went wrong', null, notice('error', h('p', {}, msg)),
    h('p', {}, open ? 'Reload the page to try again. If it keeps happening, please call the clinic.'
      : 'Reload the page to try again. If it keeps happening, tell your administrator.'));
}

/** isPublic is true when the current hash is a route drawn for anyone. */
function isPublic() {
  return !!match(current().path)?.opts.public;
}

/** render draws the screen for the current hash. */
export async function render() {
  const id = ++renderId;
  const { path, query } = current();
  const m = match(path);
  const open = !!m?.opts.public;
  if (!session.user && !open) {
    // the app may have started on a public page: a staff cookie may still be there
    const user = await loadMe().catch(() => null);
    if (id !== renderId) return undefined;
    if (!user) return showSignIn();
  }
  document.body.classList.toggle('public', open);
  if (open) drawPublicBanner();
  else if (shownUser !== session.user.id || !banner.querySelector('nav')) drawBanner();
  markNav(path);
  clearAnnouncement();
  view.setAttribute('aria-busy', 'true');
  const slow = setTimeout(() => { if (id === renderId) view.replaceChildren(h('p', { class: 'loading' }, 'Loading…')); }, 250);
  let node;
  try {
    if (!m) node = page('Not found', null, notice('info', h('p', {}, 'There is no screen at this address.')), h('p', {}, h('a', { href: '#/' }, 'Go to the dashboard')));
    else if (m.opts.roles && !can(...m.opts.roles)) {
      node = page('Not allowed', null, notice('warn', h('p', {}, `Your role (${session.user.role}) can't open ${m.opts.name || 'this screen'}.`)));
    } else node = await m.view({ params: m.params, query });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return undefined; // sign-in is already showing
    node = errorPage(e, open);
  } finally {
    clearTimeout(slow);
  }
  if (id !== renderId) return undefined;
  view.removeAttribute('aria-busy');
  view.replaceChildren(node);
  focusHeading();
  const msg = takeFlash();
  if (msg) announce(msg);
  return undefined;
}

// A form left half-filled when the session ended is kept and given back to the same person
// after they sign in again, so nothing typed in the treatment room is lost to the idle timeout.
let kept = null;

function showSignIn(message, keep = false) {
  renderId += 1;
  kept = keep && shownUser && view.querySelector('form.form')
    ? { user: shownUser, hash: location.hash, nodes: [...view.childNodes] } : null;
  drawBanner();
  clearAnnouncement();
  view.removeAttribute('aria-busy');
  view.replaceChildren(signInView({
    message,
    onSignedIn: () => {
      drawBanner();
      const k = kept;
      kept = null;
      if (k && k.user === session.user.id && k.hash === location.hash) {
        view.replaceChildren(...k.nodes);
        focusHeading();
        announce('Signed in again. What you typed is still here; check it and save.');
      } else render();
    },
  }));
  focusHeading();
}

async function doSignOut() {
  await signOut();
  history.replaceState(null, '', '#/'); // the next person starts at the dashboard
  showSignIn({ kind: 'info', text: 'You have signed out.' });
}

onSessionEnded((text) => showSignIn({ kind: 'warn', text: text || 'Your session ended. Sign in again to carry on.' }, !text));

window.addEventListener('hashchange', () => {
  if (location.hash && !location.hash.startsWith('#/')) return; // an in-page link, not a route
  if (session.user || isPublic()) render();
});

skip.addEventListener('click', (e) => {
  e.preventDefault();
  const h1 = view.querySelector('h1');
  if (h1) h1.focus();
});

// a screen that changed the signed-in user's own account asks for the banner to be redrawn
window.addEventListener('stipple:me-changed', () => drawBanner());

async function boot() {
  try {
    if (isPublic()) return render(); // no staff session is asked for, or shown
    const user = await loadMe();
    if (!user) return showSignIn();
    drawBanner();
    return render();
  } catch (e) {
    view.replaceChildren(page('stipple is not answering', null, notice('error', h('p', {}, e.message || 'The server did not answer.'))));
    return focusHeading();
  }
}

boot();
