// router.js — hash routing (#/clients, #/clients/12?x=y) so the server needs no extra routes and
// the browser's back and forward buttons work. Patterns use `:name` for one path segment. The
// router only parses and matches; app.js decides what to render. setQuery rewrites the current
// entry's query (search box, filters) without adding history or re-rendering.

const routes = [];

/** route registers a view for a pattern such as "/clients/:id". */
export function route(pattern, view, opts = {}) {
  const names = [];
  const re = new RegExp('^' + pattern.replace(/:(\w+)/g, (_, n) => { names.push(n); return '([^/]+)'; }) + '/?$');
  routes.push({ re, names, view, opts });
}

/** current parses location.hash into {path, query}. */
export function current() {
  const raw = location.hash.startsWith('#/') ? location.hash.slice(1) : '/';
  const i = raw.indexOf('?');
  const path = i < 0 ? raw : raw.slice(0, i);
  const query = new URLSearchParams(i < 0 ? '' : raw.slice(i + 1));
  return { path: path || '/', query };
}

/** match finds the route for a path: {view, params, opts} or null. */
export function match(path) {
  for (const r of routes) {
    const m = r.re.exec(path);
    if (m) {
      const params = {};
      r.names.forEach((n, i) => { params[n] = decodeURIComponent(m[i + 1]); });
      return { view: r.view, params, opts: r.opts };
    }
  }
  return null;
}

/** go navigates to a hash such as "#/clients/12" (a new history entry). */
export function go(hash) {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}

/** setQuery replaces the current entry's query string without a hashchange. */
export function setQuery(params) {
  const { path } = current();
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  history.replaceState(history.state, '', `#${path}${s ? `?${s}` : ''}`);
}
