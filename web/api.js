// api.js — the app's only door to the server: JSON over same-origin fetch with the session
// cookie. It keeps the signed-in user and the CSRF token in memory (never in storage), sends
// X-CSRF-Token on every unsafe request, and turns every failure into an ApiError carrying the
// server's {code, message, field} (plus Retry-After for 429). A 401 on any call but sign-in
// fires the `onSessionEnded` hook so the app can go back to the sign-in screen.

export const session = { user: null, csrf: null };

let sessionEnded = () => {};
/** onSessionEnded sets the function called (with an optional message) when the session ends. */
export function onSessionEnded(fn) { sessionEnded = fn; }

/** endSession forgets the session here and tells the app, e.g. after changing one's password. */
export function endSession(message) {
  // A request still in flight when the user signed out answers 401 too: that is no news.
  if (!session.user && !message) return;
  session.user = null;
  session.csrf = null;
  sessionEnded(message);
}

export class ApiError extends Error {
  constructor(status, code, message, field = null, retryAfter = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfter = retryAfter;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function send(method, path, body, { accept = 'application/json', raw = null, signal } = {}) {
  const headers = { Accept: accept };
  if (UNSAFE.has(method) && session.csrf) headers['X-CSRF-Token'] = session.csrf;
  if (raw) headers['Content-Type'] = raw.type;
  else if (body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    return await fetch(path, {
      method, headers, credentials: 'same-origin', cache: 'no-store', signal,
      body: raw ? raw.data : body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (signal?.aborted) throw e; // the caller cancelled it: not a failure to show
    throw new ApiError(0, 'network', 'The server did not answer. Check the connection and try again.');
  }
}

async function failure(res) {
  let err = null;
  try { err = (await res.json()).error; } catch { /* not JSON */ }
  const retry = Number(res.headers.get('Retry-After')) || null;
  return new ApiError(res.status, err?.code || 'http', err?.message || `The server answered ${res.status}.`,
    err?.field || null, retry);
}

/** request sends one call; returns the parsed JSON (null for 204) or throws ApiError. */
export async function request(method, path, body, { retried = false, signIn = false } = {}) {
  const res = await send(method, path, body);
  if (res.ok) return res.status === 204 ? null : res.json();
  const err = await failure(res);
  if (err.status === 401 && !signIn) {
    endSession();
  } else if (err.status === 403 && err.code === 'csrf' && !retried) {
    // the token went stale (e.g. another tab signed in again): fetch the current one, retry once
    const me = await request('GET', '/api/v1/me');
    session.user = me.user;
    session.csrf = me.csrf_token;
    return request(method, path, body, { retried: true });
  }
  throw err;
}

/**
 * requestBlob sends one call whose answer is binary (an image): answers a Blob or throws
 * ApiError like request. opts: accept (the type wanted), raw ({data, type}: a body sent as is),
 * signal (an AbortSignal: an aborted call throws the AbortError, never an ApiError).
 */
export async function requestBlob(method, path, body, opts = {}, retried = false) {
  const res = await send(method, path, body, opts);
  if (res.ok) return res.blob();
  const err = await failure(res);
  if (err.status === 401) {
    endSession();
  } else if (err.status === 403 && err.code === 'csrf' && !retried) {
    const me = await request('GET', '/api/v1/me');
    session.user = me.user;
    session.csrf = me.csrf_token;
    return requestBlob(method, path, body, opts, true);
  }
  throw err;
}

/** upload posts a file's bytes as the body (its own Content-Type); answers the parsed JSON. */
export async function upload(path, file, retried = false) {
  const res = await send('POST', path, undefined, { raw: { data: file, type: file.type || 'application/octet-stream' } });
  if (res.ok) return res.status === 204 ? null : res.json();
  const err = await failure(res);
  if (err.status === 401) {
    endSession();
  } else if (err.status === 403 && err.code === 'csrf' && !retried) {
    const me = await request('GET', '/api/v1/me');
    session.user = me.user;
    session.csrf = me.csrf_token;
    return upload(path, file, true);
  }
  throw err;
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body);
export const patch = (path, body) => request('PATCH', path, body);
export const put = (path, body) => request('PUT', path, body);
export const del = (path) => request('DELETE', path);

/** query builds "?a=1&b=2" from an object, skipping empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** all fetches every page of a list (200 at a time) and answers the concatenated items. */
export async function all(path, params = {}) {
  const items = [];
  let cursor = null;
  do {
    const page = await get(path + query({ ...params, limit: 200, cursor }));
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

/** loadMe asks who is signed in; answers the user or null (401). */
export async function loadMe() {
  const res = await send('GET', '/api/v1/me');
  if (res.status === 401) return null;
  if (!res.ok) throw await failure(res);
  const me = await res.json();
  session.user = me.user;
  session.csrf = me.csrf_token;
  return me.user;
}

/** signIn posts the credentials; throws ApiError (401 invalid_credentials, 429 throttled, …). */
export async function signIn(email, password) {
  const r = await request('POST', '/api/v1/login', { email, password }, { signIn: true });
  session.user = r.user;
  session.csrf = r.csrf_token;
  return r.user;
}

/** signOut ends the session on the server (ignoring failures) and forgets it here. */
export async function signOut() {
  try { await request('POST', '/api/v1/logout', undefined, { signIn: true }); } catch { /* already gone */ }
  session.user = null;
  session.csrf = null;
}

/** can is true when the signed-in user's role is one of roles. */
export function can(...roles) {
  return !!session.user && roles.includes(session.user.role);
}
