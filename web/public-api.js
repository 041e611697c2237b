// public-api.js — the door to the server for the screens anyone may open: a clinic's public
// pages, quote requests with photos, booking a free consultation and the client portal. It never
// touches the staff session (api.js): the public routes need no cookie, and the portal has its
// own (stipple_portal, HttpOnly) with its own CSRF token, kept here in memory only and fetched
// again from GET /api/v1/portal/me after a reload. Failures are api.js's ApiError (with the
// server's {code, message, field} and Retry-After), so forms show them the same way.
import { ApiError } from './api.js';

const portal = { csrf: null };

/** retryWords turns a 429's Retry-After (seconds) into "try again in 15 minutes". */
export function retryWords(e) {
  const min = Math.max(1, Math.ceil((e?.retryAfter || 900) / 60));
  return `Too many requests have come from here. Please try again in ${min} minute${min === 1 ? '' : 's'}.`;
}

async function failure(res) {
  let err = null;
  try { err = (await res.json()).error; } catch { /* not JSON */ }
  const retry = Number(res.headers.get('Retry-After')) || null;
  const e = new ApiError(res.status, err?.code || 'http', err?.message || `The server answered ${res.status}.`,
    err?.field || null, retry);
  if (res.status === 429) e.message = retryWords(e);
  return e;
}

async function send(method, path, body, { csrf = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (csrf && portal.csrf) headers['X-CSRF-Token'] = portal.csrf;
  let res;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'network', 'The server did not answer. Check your connection and try again.');
  }
  if (res.ok) return res.status === 204 ? null : res.json();
  throw await failure(res);
}

/** pub calls a public route (no cookie needed): pub.get(path), pub.post(path, body). */
export const pub = {
  get: (path) => send('GET', path),
  post: (path, body) => send('POST', path, body),
};

/**
 * uploadPhoto posts a file's bytes to a public upload route with XMLHttpRequest so the progress
 * can be shown: onProgress(fraction 0…1). Answers the parsed JSON or throws ApiError.
 */
export function uploadPhoto(path, file, onProgress = () => {}) {
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open('POST', path);
    x.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    x.setRequestHeader('Accept', 'application/json');
    x.upload.addEventListener('progress', (ev) => { if (ev.lengthComputable) onProgress(ev.loaded / ev.total); });
    x.addEventListener('load', () => {
      let body = null;
      try { body = JSON.parse(x.responseText); } catch { /* not JSON */ }
      if (x.status >= 200 && x.status < 300) { onProgress(1); resolve(body); return; }
      const err = body?.error;
      const e = new ApiError(x.status, err?.code || 'http', err?.message || `The server answered ${x.status}.`,
        err?.field || null, Number(x.getResponseHeader('Retry-After')) || null);
      if (x.status === 429) e.message = retryWords(e);
      reject(e);
    });
    x.addEventListener('error', () => reject(new ApiError(0, 'network', 'The upload did not reach the server. Check your connection and try again.')));
    x.send(file);
  });
}

/** portalApi calls the portal's routes with its cookie and, for writes, its CSRF token. */
export const portalApi = {
  get: (path) => send('GET', path),
  post: (path, body) => send('POST', path, body, { csrf: true }),
  /** signIn exchanges a link's token for a portal session; answers {first_name, csrf_token}. */
  async signIn(token) {
    const r = await send('POST', '/api/v1/portal/session', { token });
    portal.csrf = r.csrf_token;
    return r;
  },
  /** me answers the signed-in client (and keeps the session's CSRF token), or throws 401. */
  async me() {
    const r = await send('GET', '/api/v1/portal/me');
    portal.csrf = r.csrf_token || portal.csrf;
    return r;
  },
  /** signOut ends the portal session (ignoring failures) and forgets the token. */
  async signOut() {
    try { await send('POST', '/api/v1/portal/logout', undefined, { csrf: true }); } catch { /* already gone */ }
    portal.csrf = null;
  },
};
