// view-portal.js — the client portal. #/portal asks for an email and always answers "check your
// email" (whether or not the address is known); #/portal/<token> is the emailed link: it opens
// a portal session and goes to the portal's home, or explains that the link was used or has
// expired and offers a new one. The home shows the client's own records only (the API sees to
// that): upcoming and past appointments, the aftercare of the latest session (with its PDF and
// calendar file), documents (quotes with PDFs and "Accept" with a typed name, signed consents,
// receipts), photos, "Sign consent" (#/portal/consent: the current text, typed name and a drawn
// signature), "Download all my data" (a ZIP) and "Sign out".
import { h, uid } from './dom.js';
import { ApiError } from './api.js';
import { createForm } from './form.js';
import { go } from './router.js';
import { flash } from './flash.js';
import { button, notice, page, section } from './ui.js';
import { portalApi, pub } from './public-api.js';
import { checkValue } from './validate.js';
import { dayWords } from './time.js';
import { signaturePad } from './signature.js';
import { show } from './view-public.js';
import { localWords } from './view-booking.js';

const KIND_WORDS = { consultation: 'Consultation', session: 'Treatment session', touch_up: 'Touch-up' };
const MODE_WORDS = { in_person: 'in person', phone: 'by phone', video: 'by video call' };
const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/** askForLink is the email form; on sending it shows "check your email" in root. */
function askForLink(root, { title = 'Sign in to your client portal', lede } = {}) {
  const form = createForm({
    label: 'Ask for a sign-in link',
    submitLabel: 'Email me a sign-in link',
    fields: [{ name: 'email', label: 'Email', type: 'email', required: true, maxLength: 200, autocomplete: 'email',
      hint: 'The address you gave the clinic.', requiredMessage: 'Enter your email address' }],
    onSubmit: async (v) => {
      const r = await pub.post('/api/v1/portal/link', { email: v.email });
      show(root, page('Check your email', null,
        notice('info', h('p', {}, r?.message || 'If the clinic knows this address, a sign-in link is on its way.')),
        h('p', {}, `Open the link in the email we send to ${v.email} within 30 minutes. It works once. No email after a few minutes? Look in your spam folder, or `,
          h('a', { href: '#/portal', onclick: (e) => { e.preventDefault(); show(root, askForLink(root)); } }, 'ask again'), '.')));
    },
  });
  return page(title, null,
    h('p', { class: 'lede' }, lede || 'See your appointments, aftercare and documents. No password: we email you a link that signs you in.'),
    form.el);
}

export async function portalSignIn() {
  const root = h('div', {});
  root.append(askForLink(root));
  return root;
}

/** The emailed link: opens the session, then the portal's home (the token leaves the history). */
export async function portalToken({ params }) {
  try {
    await portalApi.signIn(params.token);
  } catch (e) {
    const root = h('div', {});
    const used = e instanceof ApiError && (e.status === 401 || e.status === 422);
    root.append(used
      ? askForLink(root, { title: 'This sign-in link no longer works', lede: 'Each link works once, for 30 minutes. Ask for a new one below and we will email it to you.' })
      : page('Something went wrong', null, notice('error', h('p', {}, e.message)), h('p', {}, h('a', { href: '#/portal' }, 'Ask for a new sign-in link'))));
    return root;
  }
  location.replace('#/portal/home');
  return page('Signing you in…', null, h('p', { class: 'loading' }, 'Opening your portal…'));
}

/** ended is the page shown when the portal session is missing or over. */
function ended() {
  const root = h('div', {});
  root.append(askForLink(root, { title: 'Please sign in again', lede: 'Your portal session has ended (it lasts two hours). We can email you a new sign-in link.' }));
  return root;
}

const pdfLink = (href, text, hidden) => h('a', { href, class: 'doc-link', target: '_blank', rel: 'noopener' }, text,
  hidden ? h('span', { class: 'visually-hidden' }, hidden) : null);

function apptItem(a) {
  const how = a.kind === 'consultation' && a.mode ? ` ${MODE_WORDS[a.mode] || ''}` : '';
  const what = `${KIND_WORDS[a.kind] || cap(a.kind.replace(/_/g, ' '))}${how}`;
  return h('li', { class: `appt${a.status === 'cancelled' ? ' appt-cancelled' : ''}` },
    h('p', { class: 'appt-when' }, localWords(a.start_local)),
    h('p', { class: 'appt-what' }, `${what}, ${a.duration_min} minutes, at ${a.clinic_name}`,
      a.status === 'cancelled' ? h('span', { class: 'tag tag-off' }, 'Cancelled') : null));
}

async function aftercareSection(appts) {
  const now = new Date();
  const last = appts.filter((a) => a.kind !== 'consultation' && a.status !== 'cancelled' && new Date(a.start) <= now)
    .sort((x, y) => y.start.localeCompare(x.start))[0];
  if (!last) return section('Aftercare', h('p', { class: 'muted' }, 'Your aftercare advice appears here after your first treatment session.'));
  const care = await portalApi.get(`/api/v1/portal/appointments/${last.id}/aftercare`);
  const base = `/api/v1/portal/appointments/${last.id}`;
  return section('Aftercare',
    h('p', {}, `After your session on ${localWords(last.start_local)}:`),
    h('ol', { class: 'timeline' }, (care.items || []).map((s) => h('li', {},
      h('p', { class: 'timeline-when' }, s.from === s.to ? dayWords(s.from) : `${dayWords(s.from)} to ${dayWords(s.to)}`),
      h('p', { class: 'timeline-title' }, s.title),
      s.advice ? h('p', { class: 'pre' }, s.advice) : null))),
    h('p', { class: 'doc-links' }, pdfLink(`${base}/aftercare.pdf`, 'Aftercare advice (PDF)'), ' ',
      h('a', { href: `${base}/aftercare.ics`, class: 'doc-link', download: 'aftercare.ics' }, 'Add the stages to your calendar')));
}

const QUOTE_STATUS = { draft: 'Draft', sent: 'Waiting for your answer', accepted: 'Accepted', declined: 'Declined', expired: 'Expired' };

function quoteItem(q, redraw) {
  const canAccept = q.status === 'sent';
  let acceptForm = null;
  if (canAccept) {
    acceptForm = createForm({
      label: `Accept quote ${q.id}`,
      submitLabel: 'Accept this quote',
      fields: [{ name: 'name', label: 'Type your full name to accept', required: true, minLength: 2, maxLength: 200, autocomplete: 'name',
        hint: `By accepting you agree to the treatment and price in the quote (${q.total_text}).`, requiredMessage: 'Type your full name' }],
      onSubmit: async (v) => {
        try {
          await portalApi.post(`/api/v1/portal/quotes/${q.id}/accept`, { name: v.name });
        } catch (e) {
          if (e.status === 401) { redraw(); return; } // the session ended: the home asks to sign in again
          throw e;
        }
        flash('Quote accepted. Thank you: the clinic will be in touch to book your sessions.');
        redraw();
      },
    });
    acceptForm.el.classList.add('form-inline');
  }
  return h('li', { class: 'doc' },
    h('p', { class: 'doc-title' }, `Quote ${q.id}: ${q.total_text}`, h('span', { class: `tag ${q.status === 'accepted' ? 'tag-on' : ''}` }, QUOTE_STATUS[q.status] || q.status)),
    h('p', { class: 'muted' }, [(q.lines || []).map((l) => l.description).join(', '), q.valid_until ? `valid until ${dayWords(q.valid_until)}` : null].filter(Boolean).join('; ')),
    h('p', {}, pdfLink(q.pdf, 'Quote (PDF)', ` ${q.id}`)),
    acceptForm ? acceptForm.el : null);
}

export async function portalHome() {
  let me;
  try { me = await portalApi.me(); } catch (e) { if (e.status === 401) return ended(); throw e; }
  const [appts, docs, photos] = await Promise.all([
    portalApi.get('/api/v1/portal/appointments'), portalApi.get('/api/v1/portal/documents'), portalApi.get('/api/v1/portal/photos')]);
  const now = new Date();
  const items = appts.items || [];
  const upcoming = items.filter((a) => a.status === 'booked' && new Date(a.start) > now).sort((x, y) => x.start.localeCompare(y.start));
  const past = items.filter((a) => !upcoming.includes(a)).sort((x, y) => y.start.localeCompare(x.start));
  const aftercare = await aftercareSection(items).catch(() => section('Aftercare', notice('warn', h('p', {}, 'Your aftercare could not be shown just now.'))));
  const redraw = () => go('#/portal/home');

  const receipts = (docs.courses || []).flatMap((c) => c.payments.map((p) => ({ ...p, course: c })));
  const consents = docs.consents || [];
  const signedConsent = consents.some((c) => c.kind === 'consent');
  const actions = [
    button('Sign consent', () => go('#/portal/consent'), signedConsent ? 'secondary' : 'primary'),
    h('a', { class: 'btn btn-secondary', href: '/api/v1/portal/export.zip', download: 'my-data.zip' }, 'Download all my data'),
    button('Sign out', async () => { await portalApi.signOut(); flash('You have signed out of the portal.'); go('#/portal'); }, 'quiet'),
  ];
  return page(`Hello, ${me.first_name}`, actions,
    h('p', { class: 'lede' }, `Your records at ${me.clinic.name}. Only you can see them here.`),
    h('div', { class: 'portal-grid' },
      section('Upcoming appointments', upcoming.length ? h('ul', { class: 'plain appts' }, upcoming.map(apptItem))
        : h('p', { class: 'muted' }, 'No appointment is booked. ', h('a', { href: `#/book/${me.clinic.id}` }, 'Book a free consultation'), '.')),
      aftercare,
      section('Documents',
        h('h3', {}, 'Quotes'),
        docs.quotes?.length ? h('ul', { class: 'plain docs' }, docs.quotes.map((q) => quoteItem(q, redraw))) : h('p', { class: 'muted' }, 'No quotes yet.'),
        h('h3', {}, 'Signed forms'),
        consents.length ? h('ul', { class: 'plain docs' }, consents.map((c) => h('li', { class: 'doc' },
          h('p', { class: 'doc-title' }, `${cap(c.kind)} form, version ${c.version}`),
          h('p', { class: 'muted' }, `Signed by ${c.signer_name} on ${dayWords(c.signed_at.slice(0, 10))}`))))
          : h('p', { class: 'muted' }, 'Nothing signed yet. ', h('a', { href: '#/portal/consent' }, 'Sign the consent form'), '.'),
        h('h3', {}, 'Receipts'),
        receipts.length ? h('ul', { class: 'plain docs' }, receipts.map((p) => h('li', { class: 'doc' },
          h('p', { class: 'doc-title' }, `${cap(p.kind)} of ${p.text}`, h('span', { class: 'muted' }, ` on ${dayWords(p.created_at.slice(0, 10))}`)),
          h('p', {}, pdfLink(`/api/v1/portal/payments/${p.id}/receipt.pdf`, 'Receipt (PDF)', ` for ${p.text} on ${dayWords(p.created_at.slice(0, 10))}`)))))
          : h('p', { class: 'muted' }, 'No payments yet.')),
      section('Your photos', photos.items?.length ? h('ul', { class: 'plain portal-photos' }, photos.items.map((p) => h('li', {},
        h('figure', {},
          h('img', { src: `/api/v1/portal/photos/${p.id}/image`, alt: `${cap(p.label)} photo, ${p.stage}, ${dayWords(p.created_at.slice(0, 10))}`, loading: 'lazy', width: p.width, height: p.height }),
          h('figcaption', {}, `${cap(p.label)}, ${p.stage} (${dayWords(p.created_at.slice(0, 10))})`)))))
        : h('p', { class: 'muted' }, 'No photos yet.')),
      section('Past appointments', past.length ? h('ul', { class: 'plain appts' }, past.map(apptItem)) : h('p', { class: 'muted' }, 'None yet.'))),
    h('p', { class: 'muted' }, '“Download all my data” gives you a ZIP file with everything the clinic keeps about you: your details, appointments, forms, quotes, payments, messages and photos.'));
}

export async function portalConsent() {
  let me;
  try { me = await portalApi.me(); } catch (e) { if (e.status === 401) return ended(); throw e; }
  const docs = (await portalApi.get('/api/v1/portal/consent-documents')).items || [];
  const doc = docs.find((d) => d.kind === 'consent');
  if (!doc) {
    return page('Sign consent', null, notice('info', h('p', {}, 'The clinic has no consent form to sign yet.')),
      h('p', {}, h('a', { href: '#/portal/home' }, 'Back to your portal')));
  }
  const nameId = uid('signer');
  const name = h('input', { type: 'text', id: nameId, name: 'signer_name', autocomplete: 'name', required: true, maxlength: 200,
    spellcheck: 'false', 'aria-describedby': `${nameId}-hint` });
  const nameErr = h('p', { class: 'field-error', id: `${nameId}-error`, hidden: true });
  const sigId = uid('sig');
  const sigErr = h('p', { class: 'field-error', id: `${sigId}-error`, hidden: true });
  const pad = signaturePad({ describedBy: `${sigId}-hint`, onChange: () => { if (!pad.isEmpty()) sigErr.hidden = true; } });
  const problem = h('div', {});
  const setErr = (p, input, msg) => {
    p.replaceChildren(h('span', { class: 'visually-hidden' }, 'Error: '), msg || '');
    p.hidden = !msg;
    if (input) {
      if (msg) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
      input.setAttribute('aria-describedby', [`${input.id}-hint`, msg ? p.id : null].filter(Boolean).join(' '));
    }
  };
  const form = h('form', { class: 'form consent-form', novalidate: true, 'aria-label': 'Signature' },
    problem,
    h('div', { class: 'field' }, h('label', { for: nameId }, 'Your full name'),
      h('p', { class: 'hint', id: `${nameId}-hint` }, 'Typing your name is your signature in words.'), nameErr, name),
    h('div', { class: 'field sig-field', role: 'group', 'aria-labelledby': sigId, tabindex: '-1', id: `${sigId}-field` },
      h('p', { class: 'field-label', id: sigId }, 'Signature'),
      h('p', { class: 'hint', id: `${sigId}-hint` }, 'Draw your signature in the box with a finger, a stylus or the mouse.'), sigErr, pad.el),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Sign'),
      h('a', { class: 'btn btn-secondary', href: '#/portal/home' }, 'Cancel')));
  const nameCheck = () => checkValue({ label: 'Full name', required: true, minLength: 2, maxLength: 200, requiredMessage: 'Type your full name' }, name.value.trim(), name);
  name.addEventListener('input', () => { if (!nameErr.hidden) setErr(nameErr, name, nameCheck()); });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const nMsg = nameCheck();
    setErr(nameErr, name, nMsg);
    setErr(sigErr, null, pad.isEmpty() ? 'Draw your signature in the box' : null);
    if (nMsg) { name.focus(); return; }
    if (pad.isEmpty()) { document.getElementById(`${sigId}-field`).focus(); return; }
    problem.replaceChildren();
    try {
      await portalApi.post('/api/v1/portal/consents', { document_id: doc.id, signer_name: name.value.trim(), signature: pad.pathData() });
      flash('Consent signed. Thank you.');
      go('#/portal/home');
    } catch (e) {
      if (e.status === 401) { go('#/portal/home'); return; }
      problem.replaceChildren(notice('error', h('p', {}, cap(e.message))));
    }
  });
  const did = uid('doc');
  return page('Sign consent', null,
    h('p', { class: 'lede' }, `For ${me.first_name} ${me.last_name}, at ${me.clinic.name}. Read the form, then sign below.`),
    h('div', { class: 'consent-grid' },
      h('article', { class: 'card consent-doc', 'aria-labelledby': did },
        h('h2', { id: did }, doc.title),
        h('p', { class: 'doc-meta' }, `Version ${doc.version}. Last reviewed by ${doc.reviewed_by} on ${dayWords(doc.reviewed_on)}.`),
        h('div', { class: 'doc-body' }, doc.body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean).map((p) => h('p', { class: 'pre' }, p)))),
      form),
    h('p', {}, h('a', { href: '#/portal/home' }, 'Back to your portal')));
}

