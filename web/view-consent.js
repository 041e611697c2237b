// view-consent.js — signing the clinic's documents in front of the client, on the tablet: the
// current consent form (or aftercare advice, or privacy notice) with its version and review, the
// client's typed full name and a drawn signature, witnessed by the signed-in member of staff;
// and one signature's page (who signed which version when, the signature drawn back as SVG and
// the text that was signed). Every staff role may collect signatures.
import { h, uid } from './dom.js';
import { ApiError, get, post, query, session } from './api.js';
import { buildField } from './form.js';
import { go } from './router.js';
import { flash } from './flash.js';
import { checkValue } from './validate.js';
import { details, gbDate, gbDay, link, notice, page, when } from './ui.js';
import { signaturePad, signatureSvg } from './signature.js';

export const KINDS = { consent: 'Consent form', aftercare: 'Aftercare advice', privacy: 'Privacy notice' };
/** kindWords: "consent form", as in "Signed consent form v1". */
export const kindWords = (k) => (KINDS[k] || k).toLowerCase();

const fullName = (c) => `${c.first_name} ${c.last_name}`;
const NEED_SIGNATURE = 'Draw your signature in the box';

/** paragraphs splits a document's body on blank lines. */
const paragraphs = (text) => text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean).map((p) => h('p', { class: 'pre' }, p));

function statusWords(st) {
  if (!st || st.status === 'missing') return null;
  if (st.status === 'current') {
    return `Already signed (version ${st.signed_version}) on ${gbDate(st.signed_at?.slice(0, 10))}. Signing again adds a new signature.`;
  }
  return `Version ${st.signed_version} was signed before; this newer version needs signing.`;
}

/** documentCard shows one document: title, version and review, status, and the text. */
function documentCard(doc, st) {
  const hid = uid('doc');
  const already = statusWords(st);
  return h('article', { class: 'card consent-doc', 'aria-labelledby': hid },
    h('h2', { id: hid }, doc.title),
    h('p', { class: 'doc-meta' }, `Version ${doc.version}. Last reviewed by ${doc.reviewed_by} on ${gbDate(doc.reviewed_on)}.`),
    already ? notice(st.status === 'current' ? 'info' : 'warn', h('p', {}, already)) : null,
    h('div', { class: 'doc-body' }, paragraphs(doc.body)));
}

export async function consentSign({ params, query: q }) {
  const cid = encodeURIComponent(params.id);
  const [client, docs, status] = await Promise.all([
    get(`/api/v1/clients/${cid}`), get('/api/v1/consent-documents?current=true'), get(`/api/v1/clients/${cid}/consent-status`)]);
  let current = new Map(docs.items.map((d) => [d.kind, d]));
  let kind = KINDS[q.get('kind')] ? q.get('kind') : 'consent';

  const docSlot = h('div', { class: 'doc-slot' });
  const drawDoc = () => {
    const d = current.get(kind);
    docSlot.replaceChildren(d ? documentCard(d, status.kinds?.[kind])
      : notice('warn', h('p', {}, `There is no ${kindWords(kind)} to sign yet. An owner or manager adds it.`)));
    sign.disabled = !d;
  };

  const chooser = buildField({ name: 'kind', label: 'Document to sign', type: 'radios', inline: true, value: kind,
    options: Object.entries(KINDS).map(([value, label]) => ({ value, label })) });
  chooser.wrap.classList.add('segmented');
  for (const r of chooser.inputs) {
    r.addEventListener('change', () => {
      kind = chooser.read();
      history.replaceState(history.state, '', `#/clients/${client.id}/consent${query({ kind: kind === 'consent' ? '' : kind })}`);
      pad.clear(); // a signature belongs to the text it was drawn under
      showPadError(null);
      drawDoc();
    });
  }

  const name = buildField({ name: 'signer_name', label: 'Full name', required: true, minLength: 2, maxLength: 200,
    autocomplete: 'off', hint: 'The client types their full name; it is their signature in words.',
    requiredMessage: 'Type your full name' });
  name.focusTarget().setAttribute('spellcheck', 'false');

  // the signature block: a labelled pad with a hint, an error and Clear
  const sigLabelId = uid('sig');
  const sigHintId = `${sigLabelId}-hint`;
  const sigErrId = `${sigLabelId}-error`;
  const sigErrText = h('span', {});
  const sigErr = h('p', { class: 'field-error', id: sigErrId, hidden: true }, h('span', { class: 'visually-hidden' }, 'Error: '), sigErrText);
  const pad = signaturePad({ describedBy: sigHintId, onChange: () => { if (!pad.isEmpty()) { showPadError(null); refreshSummary(); } } });
  const sigWrap = h('div', { class: 'field sig-field', tabindex: '-1', id: uid('sigfield'), 'aria-labelledby': sigLabelId, role: 'group' },
    h('p', { class: 'field-label', id: sigLabelId }, 'Signature'),
    h('p', { class: 'hint', id: sigHintId }, 'Draw your signature in the box with a finger, a stylus or the mouse.'),
    sigErr, pad.el);
  let padShown = null;
  function showPadError(msg) {
    padShown = msg;
    sigErrText.textContent = msg || '';
    sigErr.hidden = !msg;
    sigWrap.classList.toggle('has-error', !!msg);
    pad.canvas.setAttribute('aria-describedby', [sigHintId, msg ? sigErrId : null].filter(Boolean).join(' '));
  }

  const summaryList = h('ul', {});
  const summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true, role: 'alert' },
    h('h2', {}, 'There is a problem'), summaryList);
  let listed = [];
  const showSummary = (items) => {
    listed = items;
    summaryList.replaceChildren(...items.map(({ target, msg }) => h('li', {}, target
      ? h('a', { href: `#${target.id}`, onclick: (e) => { e.preventDefault(); target.focus(); } }, msg) : msg)));
    summary.hidden = !items.length;
  };
  // a problem put right leaves the list; the list goes when none is left
  const refreshSummary = () => {
    if (summary.hidden) return;
    const left = listed.filter((x) => (x.target === sigWrap ? padShown : x.target === name.focusTarget() ? name.shown : true));
    if (left.length !== listed.length) showSummary(left);
  };

  const sign = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Sign');
  const form = h('form', { class: 'form consent-form', novalidate: true, 'aria-label': 'Signature' },
    summary, name.wrap, sigWrap,
    h('p', { class: 'muted' }, `Witnessed by ${session.user?.name || 'the signed-in member of staff'}.`),
    h('div', { class: 'form-actions' }, sign,
      h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => go(`#/clients/${client.id}`) }, 'Cancel')));

  const nameProblem = () => checkValue(name.spec, name.read(), name.inputs[0]);
  name.inputs[0].addEventListener('input', () => { if (name.shown) { name.show(nameProblem()); refreshSummary(); } });

  let busy = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    const bad = [];
    const nMsg = nameProblem();
    name.show(nMsg);
    if (nMsg) bad.push({ target: name.focusTarget(), msg: nMsg });
    const sMsg = pad.isEmpty() ? NEED_SIGNATURE : null;
    showPadError(sMsg);
    if (sMsg) bad.push({ target: sigWrap, msg: sMsg });
    if (bad.length) { showSummary(bad); summary.focus(); return; }
    showSummary([]);
    const doc = current.get(kind);
    busy = true;
    form.setAttribute('aria-busy', 'true');
    try {
      await post(`/api/v1/clients/${client.id}/consents`, { document_id: doc.id, signer_name: name.read(), signature: pad.pathData() });
      flash(kind === 'consent' ? 'Consent signed' : `${KINDS[kind]} signed`);
      go(`#/clients/${client.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return;
      let msg = e instanceof ApiError ? e.message : 'Something went wrong. Try again.';
      if (e instanceof ApiError && e.status === 403 && e.code === 'forbidden') msg = `Your role (${session.user?.role}) can't do this.`;
      let target = null;
      if (e.field === 'signer_name') { msg = 'Type your full name (at least 2 characters)'; name.show(msg); target = name.focusTarget(); }
      if (e.field === 'signature') { msg = NEED_SIGNATURE; showPadError(msg); target = sigWrap; }
      if (e.field === 'document_id') {
        // a newer version was added meanwhile: show it, to be read and signed instead
        try {
          const fresh = await get('/api/v1/consent-documents?current=true');
          current = new Map(fresh.items.map((d) => [d.kind, d]));
          pad.clear();
          drawDoc();
          msg = 'A newer version of this document has just been added. It is shown now: read it, then sign again.';
        } catch { /* keep the server's message */ }
      }
      showSummary([{ target, msg: msg.charAt(0).toUpperCase() + msg.slice(1) }]);
      summary.focus();
    } finally {
      busy = false;
      form.removeAttribute('aria-busy');
    }
  });

  drawDoc();
  return page('Sign consent', null,
    h('p', { class: 'lede' }, 'For ', link(fullName(client), `#/clients/${client.id}`)),
    chooser.wrap,
    h('div', { class: 'consent-grid' }, docSlot, form));
}

/** sha256hex of text, or null where the browser has no Web Crypto (plain http off localhost). */
async function sha256hex(text) {
  if (!globalThis.crypto?.subtle) return null;
  const buf = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function consentPage({ params }) {
  const s = await get(`/api/v1/consents/${encodeURIComponent(params.id)}`);
  const [client, doc] = await Promise.all([
    get(`/api/v1/clients/${s.client_id}`),
    get(`/api/v1/consent-documents/${s.document_id}`).catch((e) => { if (e.status === 401) throw e; return null; })]);
  const title = `Signed ${kindWords(s.kind)} v${s.version}`;
  let check = null;
  if (doc) {
    const sum = await sha256hex(`${doc.title}\n\n${doc.body}`);
    if (sum) {
      check = sum === s.sha256 ? 'The text below is the text that was signed (its fingerprint matches).'
        : 'The text below does not match the fingerprint recorded with the signature.';
    }
  }
  const sigId = uid('sec');
  const docId = uid('sec');
  return page(title, null,
    h('p', { class: 'lede' }, 'For ', link(fullName(client), `#/clients/${client.id}`)),
    h('section', { class: 'card', 'aria-labelledby': sigId },
      h('h2', { id: sigId }, 'Signature'),
      h('figure', { class: 'sig-figure' },
        s.signature ? signatureSvg(s.signature, `Signature of ${s.signer_name}`) : h('p', { class: 'muted' }, 'No drawing stored.'),
        h('figcaption', {}, s.signer_name)),
      details([
        ['Signed by', s.signer_name],
        ['Signed', when(s.signed_at)],
        ['Witness', s.witness_name],
        ['Document', `${KINDS[s.kind] || s.kind}, version ${s.version}`],
        ['Fingerprint', h('code', { class: 'hash' }, s.sha256)],
      ])),
    doc ? h('section', { class: 'card', 'aria-labelledby': docId },
      h('h2', { id: docId }, 'What was signed'),
      check ? h('p', { class: 'muted' }, check) : null,
      h('h3', {}, doc.title),
      h('p', { class: 'doc-meta' }, `Version ${doc.version}. Last reviewed by ${doc.reviewed_by} on `, gbDay(doc.reviewed_on), '.'),
      h('div', { class: 'doc-body' }, paragraphs(doc.body))) : null);
}
