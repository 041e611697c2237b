// view-public.js — a clinic's public pages, for anyone without signing in: the list of clinics,
// one clinic's page (address and opening hours in words, with "Request a quote with photos" and
// "Book a free consultation"), and the quote request: name, contact, what bothers them, up to
// five photos (front, top, left, right, back; previewed from the file itself and checked for
// type, size and pixels before anything is sent), consent to process health data and a hidden
// honeypot. Sending stores the request first, then uploads each photo with the request's upload
// token, showing each photo's progress; a photo that fails can be sent again or left out, and
// nothing typed is lost. Also the helpers the other public screens share (publicPage, hours).
import { h, uid } from './dom.js';
import { ApiError } from './api.js';
import { createForm } from './form.js';
import { notice, page } from './ui.js';
import { pub, retryWords, uploadPhoto } from './public-api.js';
import { DAY_KEYS, DAY_NAMES } from './time.js';

const MAX_BYTES = 15 * 1024 * 1024;
const MAX_PIXELS = 50e6;
const MAX_SIDE = 12000;
export const PHOTO_LABELS = [
  { value: 'front', label: 'Front', hint: 'Facing the camera, hairline in view' },
  { value: 'top', label: 'Top', hint: 'The crown, from above' },
  { value: 'left', label: 'Left side', hint: 'Your left side' },
  { value: 'right', label: 'Right side', hint: 'Your right side' },
  { value: 'back', label: 'Back', hint: 'The back of the head' },
];

/** show puts a new page into root in place of the old, focusing its heading (as a new screen). */
export function show(root, node) {
  root.replaceChildren(node);
  const h1 = root.querySelector('h1');
  if (h1) {
    document.title = `${h1.textContent} — stipple`;
    h1.focus();
  }
  window.scrollTo(0, 0);
}

/** publicFailure is the page for a public screen that could not load (unknown link, busy…). */
export function publicFailure(e, what = 'page') {
  if (e instanceof ApiError && e.status === 404) {
    return page('Not found', null, notice('info', h('p', {}, `This ${what} does not exist, or its link is no longer valid.`)),
      h('p', {}, h('a', { href: '#/clinics-public' }, 'See our clinics')));
  }
  if (e instanceof ApiError && e.status === 429) {
    return page('Please wait a little', null, notice('warn', h('p', {}, retryWords(e))));
  }
  return page('Something went wrong', null, notice('error', h('p', {}, e?.message || 'The page could not be shown.')),
    h('p', {}, 'Reload the page to try again.'));
}

/** openingHours writes a week's hours in words, days with the same hours joined. */
export function openingHours(hours) {
  if (!hours) return h('p', { class: 'muted' }, 'Ask the clinic for its opening hours.');
  const text = (ivs) => (ivs && ivs.length ? ivs.map(([a, b]) => `${a} to ${b}`).join(' and ') : 'Closed');
  const rows = [];
  DAY_KEYS.forEach((k, i) => {
    const t = text(hours[k]);
    const last = rows[rows.length - 1];
    if (last && last.t === t) last.to = i; else rows.push({ from: i, to: i, t });
  });
  return h('dl', { class: 'details open-hours' }, rows.map((r) => [
    h('dt', {}, r.from === r.to ? DAY_NAMES[r.from] : `${DAY_NAMES[r.from]} to ${DAY_NAMES[r.to]}`),
    h('dd', {}, r.t),
  ]));
}

/** lines of a clinic's address, the city added unless the address already names it. */
const addressLines = (c) => [c.address, c.city && !(c.address || '').includes(c.city) ? c.city : null].filter(Boolean);
const place = (c) => addressLines(c).join(', ');

export async function publicClinicsList() {
  let list;
  try { list = await pub.get('/api/v1/public/clinics'); } catch (e) { return publicFailure(e, 'list'); }
  const items = list.items || [];
  return page('Our clinics', null,
    h('p', { class: 'lede' }, 'Scalp micropigmentation: send photos for a quote or book a free consultation, in person, by phone or by video.'),
    items.length ? h('ul', { class: 'plain clinic-cards' }, items.map((c) => h('li', { class: 'card clinic-card' },
      h('h2', {}, h('a', { href: `#/c/${c.id}` }, c.name)),
      place(c) ? h('p', {}, place(c)) : null,
      h('p', { class: 'public-links' },
        h('a', { class: 'btn btn-secondary', href: `#/c/${c.id}/quote` }, 'Request a quote', h('span', { class: 'visually-hidden' }, ` at ${c.name}`)),
        h('a', { class: 'btn btn-secondary', href: `#/book/${c.id}` }, 'Book a consultation', h('span', { class: 'visually-hidden' }, ` at ${c.name}`))))))
      : h('p', { class: 'empty' }, 'No clinic is open for bookings yet.'));
}

export async function publicClinicPage({ params }) {
  let c;
  try { c = await pub.get(`/api/v1/public/clinics/${encodeURIComponent(params.id)}`); } catch (e) { return publicFailure(e, 'clinic'); }
  const hid = uid('sec');
  const aid = uid('sec');
  return page(c.name, null,
    h('p', { class: 'lede' }, 'Scalp micropigmentation. Tell us what bothers you and send a few photos for a quote, or book a free consultation.'),
    h('div', { class: 'public-cta' },
      h('a', { class: 'btn btn-primary btn-big', href: `#/c/${c.id}/quote` }, 'Request a quote with photos'),
      h('a', { class: 'btn btn-secondary btn-big', href: `#/book/${c.id}` }, 'Book a free consultation')),
    h('div', { class: 'public-grid' },
      h('section', { class: 'card', 'aria-labelledby': aid },
        h('h2', { id: aid }, 'Where to find us'),
        place(c) ? h('address', { class: 'pre' }, addressLines(c).join('\n')) : h('p', { class: 'muted' }, 'Ask the clinic for its address.'),
        h('p', { class: 'muted' }, `Times are in the clinic's time (${c.timezone}).`)),
      h('section', { class: 'card', 'aria-labelledby': hid },
        h('h2', { id: hid }, 'Opening hours'),
        openingHours(c.hours))),
    h('p', {}, h('a', { href: '#/portal' }, 'Already a client? See your appointments and documents')));
}

/** fileProblem answers why a chosen file cannot be sent (before any upload), or null. */
function fileProblem(file) {
  if (!['image/jpeg', 'image/png'].includes(file.type)) return `${file.name} is not a JPEG or PNG photo. Choose a photo taken with a phone or camera.`;
  if (file.size > MAX_BYTES) return `${file.name} is ${(file.size / 1048576).toFixed(1)} MB; the most is 15 MB. Choose a smaller photo.`;
  if (file.size === 0) return `${file.name} is empty.`;
  return null;
}

/** photoSlot is one labelled file input with its preview, error and progress. */
function photoSlot(spec) {
  const id = uid(`photo-${spec.value}`);
  const hintId = `${id}-hint`;
  const errId = `${id}-error`;
  const input = h('input', { type: 'file', id, name: `photo-${spec.value}`, accept: 'image/jpeg,image/png', 'aria-describedby': hintId, class: 'file-input' });
  const errText = h('span', {});
  const err = h('p', { class: 'field-error', id: errId, hidden: true }, h('span', { class: 'visually-hidden' }, 'Error: '), errText);
  const preview = h('div', { class: 'photo-preview' }, h('span', { class: 'photo-empty', 'aria-hidden': 'true' }, spec.label));
  const progress = h('progress', { max: '100', value: '0', hidden: true, 'aria-label': `Upload of the ${spec.label.toLowerCase()} photo` });
  const state = h('p', { class: 'photo-state', role: 'status' });
  const remove = h('button', { type: 'button', class: 'btn btn-quiet btn-small', hidden: true }, 'Remove', h('span', { class: 'visually-hidden' }, ` the ${spec.label.toLowerCase()} photo`));
  const wrap = h('div', { class: 'field photo-slot' },
    h('label', { for: id }, `${spec.label} photo`),
    h('p', { class: 'hint', id: hintId }, `${spec.hint} (optional).`),
    err, preview, input, progress, state, remove);
  const slot = { spec, input, wrap, remove, file: null, url: null, sent: false };

  slot.showError = (msg) => {
    errText.textContent = msg || '';
    err.hidden = !msg;
    wrap.classList.toggle('has-error', !!msg);
    input.setAttribute('aria-describedby', [hintId, msg ? errId : null].filter(Boolean).join(' '));
    if (msg) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
  };
  slot.setState = (text, kind = '') => {
    state.textContent = text || '';
    state.className = `photo-state ${kind}`.trim();
  };
  slot.setProgress = (f) => {
    progress.hidden = f === null;
    if (f !== null) progress.value = Math.round(f * 100);
  };
  const forget = () => {
    if (slot.url) URL.revokeObjectURL(slot.url);
    slot.url = null;
    slot.file = null;
    slot.sent = false;
    preview.replaceChildren(h('span', { class: 'photo-empty', 'aria-hidden': 'true' }, spec.label));
    remove.hidden = true;
    slot.setProgress(null);
    slot.setState('');
  };
  remove.addEventListener('click', () => { forget(); input.value = ''; slot.showError(null); input.focus(); });
  input.addEventListener('change', () => {
    const file = input.files[0];
    forget();
    slot.showError(null);
    if (!file) return;
    const bad = fileProblem(file);
    if (bad) { input.value = ''; slot.showError(bad); return; }
    slot.file = file;
    slot.url = URL.createObjectURL(file);
    const img = h('img', { src: slot.url, alt: `Preview of your ${spec.label.toLowerCase()} photo` });
    img.addEventListener('load', () => {
      const w = img.naturalWidth;
      const ht = img.naturalHeight;
      if (w * ht > MAX_PIXELS || w > MAX_SIDE || ht > MAX_SIDE) {
        forget();
        input.value = '';
        slot.showError(`${file.name} is ${w}×${ht} pixels; the most is 50 megapixels and 12,000 pixels a side. Choose a smaller photo.`);
      }
    });
    img.addEventListener('error', () => {
      forget();
      input.value = '';
      slot.showError(`${file.name} could not be read as a photo. Choose another.`);
    });
    preview.replaceChildren(img);
    remove.hidden = false;
    slot.setState(`${file.name}, ${(file.size / 1024 < 1024 ? `${Math.ceil(file.size / 1024)} KB` : `${(file.size / 1048576).toFixed(1)} MB`)}`);
  });
  return slot;
}

/** The honeypot: a field people never see or reach; bots that fill it are answered and ignored. */
function honeypot() {
  const id = uid('website');
  const input = h('input', { type: 'text', id, name: 'website', tabindex: '-1', autocomplete: 'off', value: '' });
  return { input, el: h('div', { class: 'hp', 'aria-hidden': 'true' }, h('label', { for: id }, 'Leave this field empty'), input) };
}

function thankYou(clinic, sent, skipped) {
  return page('Thank you, your request is sent', null,
    notice('info', h('p', {}, `${clinic.name} has your request${sent ? ` and ${sent} photo${sent === 1 ? '' : 's'}` : ''}. They will reply by email or phone, usually within two working days.`)),
    skipped ? h('p', {}, `${skipped} photo${skipped === 1 ? ' was' : 's were'} not sent. You can send them when the clinic replies.`) : null,
    h('p', {}, 'Would you like to talk it through? ', h('a', { href: `#/book/${clinic.id}` }, 'Book a free consultation'), '.'),
    h('p', {}, h('a', { href: `#/c/${clinic.id}` }, `Back to ${clinic.name}`)));
}

export async function quoteRequest({ params }) {
  let clinic;
  try { clinic = await pub.get(`/api/v1/public/clinics/${encodeURIComponent(params.id)}`); } catch (e) { return publicFailure(e, 'clinic'); }
  const root = h('div', {});
  const slots = PHOTO_LABELS.map(photoSlot);
  const trap = honeypot();
  let enquiry = null; // {upload_token} once the request is stored: a retry only sends photos
  const outcome = h('div', { class: 'upload-outcome' });

  async function sendPhotos() {
    let failed = 0;
    for (const s of slots) {
      if (!s.file || s.sent) continue;
      s.showError(null);
      s.setState('Sending…');
      s.setProgress(0);
      try {
        await uploadPhoto(`/api/v1/public/enquiries/${encodeURIComponent(enquiry.upload_token)}/photos?label=${s.spec.value}`, s.file, (f) => s.setProgress(f));
        s.sent = true;
        s.setProgress(null);
        s.setState('Sent', 'ok');
        s.input.disabled = true;
        s.remove.hidden = true; // it is with the clinic now
      } catch (e) {
        failed += 1;
        s.setProgress(null);
        s.setState('');
        s.showError(e.status === 429 ? e.message : `This photo was not sent: ${e.message}`);
      }
    }
    return failed;
  }

  const form = createForm({
    label: 'Quote request',
    submitLabel: 'Send my request',
    fields: [
      { name: 'name', label: 'Your name', required: true, maxLength: 120, autocomplete: 'name', requiredMessage: 'Enter your name' },
      { name: 'email', label: 'Email', type: 'email', maxLength: 200, autocomplete: 'email',
        hint: 'An email address or a phone number, so the clinic can reply.',
        check: (v, all) => (!v && !all.phone ? 'Give an email address or a phone number' : null) },
      { name: 'phone', label: 'Phone', type: 'tel', maxLength: 40, autocomplete: 'tel' },
      { name: 'concern', label: 'What bothers you?', type: 'textarea', required: true, maxLength: 4000, rows: 5,
        hint: 'For example: a receding hairline, thinning on the crown, a scar. Any treatment so far.',
        requiredMessage: 'Tell the clinic what bothers you' },
      { name: 'health_consent', label: 'I agree that the clinic keeps my photos and these health details to prepare my quote.', type: 'checkbox',
        hint: 'They are used for nothing else, and you can ask for them to be deleted at any time.',
        check: (v) => (v ? null : 'Tick the box to agree, so the clinic may keep your photos and details') },
    ],
    onSubmit: async (v) => {
      outcome.replaceChildren();
      if (!enquiry) {
        const body = { name: v.name, concern: v.concern, health_consent: v.health_consent, website: trap.input.value };
        if (v.email) body.email = v.email;
        if (v.phone) body.phone = v.phone;
        enquiry = await pub.post(`/api/v1/public/clinics/${clinic.id}/enquiries`, body);
      }
      const failed = await sendPhotos();
      const sent = slots.filter((s) => s.sent).length;
      if (!failed) { show(root, thankYou(clinic, sent, 0)); return; }
      for (const f of form.fields.values()) for (const i of f.inputs) i.disabled = true; // already stored
      form.el.querySelector('button[type=submit]').textContent = 'Send the photos again';
      outcome.replaceChildren(notice('error',
        h('p', {}, `Your request is saved, but ${failed} photo${failed === 1 ? '' : 's'} did not arrive (see beside ${failed === 1 ? 'it' : 'them'}). Choose another file and send again, or finish without ${failed === 1 ? 'it' : 'them'}.`),
        h('p', {}, h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => show(root, thankYou(clinic, sent, failed)) }, 'Finish without these photos'))));
      outcome.querySelector('.notice').setAttribute('tabindex', '-1');
      outcome.querySelector('.notice').focus();
    },
  });
  // the photos and the honeypot sit before the consent, in the same form
  const pid = uid('photos');
  const photos = h('fieldset', { class: 'field photo-set', 'aria-describedby': `${pid}-hint` },
    h('legend', {}, 'Photos of your head', h('span', { class: 'optional', 'aria-hidden': 'true' }, ' optional')),
    h('p', { class: 'hint', id: `${pid}-hint` }, 'Up to five JPEG or PNG photos, each up to 15 MB, in good light. They help the clinic quote without a visit.'),
    h('div', { class: 'photo-grid' }, slots.map((s) => s.wrap)));
  const consent = form.fields.get('health_consent').wrap;
  form.el.insertBefore(photos, consent);
  form.el.insertBefore(trap.el, consent);
  form.el.insertBefore(outcome, form.el.querySelector('.form-actions'));

  window.addEventListener('hashchange', () => slots.forEach((s) => s.url && URL.revokeObjectURL(s.url)), { once: true });
  root.append(page('Request a quote', null,
    h('p', { class: 'lede' }, `${clinic.name} replies with a quote for scalp micropigmentation. It is free and commits you to nothing.`),
    form.el));
  return root;
}
