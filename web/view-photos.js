// view-photos.js — a client's photos (#/clients/:id/photos): upload (the file, the view — front,
// top, sides, back —, the stage — before, after, healed —, the session it belongs to and the
// client's separate yes to marketing use), the thumbnails, a before/after compare (side by side
// or with a sliding divider), and Delete for the clinical roles. Photos are health data: every
// picture is loaded from the API's own audited image and thumbnail routes, never copied
// elsewhere. photosCard is the client page's summary of them; clientSessions lists a client's
// session appointments for the screens that link to their records.
import { h, uid } from './dom.js';
import { all, can, del, get, patch, upload } from './api.js';
import { createForm } from './form.js';
import { announce, confirm, gbDate, gbDay, link, navButton, notice, page } from './ui.js';
import { addDays, todayIn } from './time.js';
import { apptWhen } from './view-calendar.js';

const CLINICAL = ['owner', 'manager', 'practitioner'];
export const PHOTO_LABELS = { front: 'Front', top: 'Top', left: 'Left side', right: 'Right side', back: 'Back', other: 'Other' };
export const PHOTO_STAGES = { before: 'Before', after: 'After', healed: 'Healed', other: 'Other' };
const fullName = (c) => `${c.first_name} ${c.last_name}`;

/** photoWords: "Front, before, 7 December 2026". */
export const photoWords = (p) => `${PHOTO_LABELS[p.label] || p.label}, ${(PHOTO_STAGES[p.stage] || p.stage).toLowerCase()}, ${gbDate(p.created_at.slice(0, 10))}`;

/**
 * clientSessions answers the client's booked sessions and touch-ups from 399 days ago to 399
 * days ahead (the API lists at most 400 days at a time), soonest first.
 */
export async function clientSessions(clientId) {
  const today = todayIn('UTC');
  const [past, next] = await Promise.all([
    all('/api/v1/appointments', { client_id: clientId, from: addDays(today, -399), to: today }),
    all('/api/v1/appointments', { client_id: clientId, from: today, to: addDays(today, 399) })]);
  const seen = new Set();
  return [...past, ...next].filter((a) => a.kind !== 'consultation' && a.status === 'booked' && !seen.has(a.id) && seen.add(a.id))
    .sort((a, b) => (a.start < b.start ? -1 : 1));
}

const thumb = (p, cls = 'photo-tile-img') => h('img', { src: `/api/v1/photos/${p.id}/thumb`, alt: photoWords(p), class: cls, loading: 'lazy' });

/** photosCard: the client page's Photos card — the newest thumbnails and the way in. */
export async function photosCard(c) {
  const photos = (await get(`/api/v1/clients/${c.id}/photos`)).items.sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
  return h('section', { class: 'card', 'aria-labelledby': 'client-photos-h' },
    h('h2', { id: 'client-photos-h' }, 'Photos'),
    photos.length
      ? h('ul', { class: 'photo-strip', 'aria-label': 'Newest photos' }, photos.slice(0, 6).map((p) => h('li', {}, thumb(p, 'photo-strip-img'))))
      : h('p', { class: 'muted' }, 'No photos yet.'),
    h('div', { class: 'actions' },
      navButton(photos.length ? 'Photos: upload and compare' : 'Upload photos', `#/clients/${c.id}/photos`, 'secondary')));
}

export async function photosPage({ params, query: q }) {
  const client = await get(`/api/v1/clients/${encodeURIComponent(params.id)}`);
  const [listed, sessions] = await Promise.all([get(`/api/v1/clients/${client.id}/photos`), clientSessions(client.id)]);
  let photos = listed.items;
  const sessionWords = (id) => {
    const a = sessions.find((x) => x.id === id);
    return a ? `session of ${apptWhen(a)}` : `appointment ${id}`;
  };

  // ---- upload ---------------------------------------------------------------------------------
  const fileId = uid('pfile');
  const fileErrText = h('span', {});
  const fileErr = h('p', { class: 'field-error', id: `${fileId}-error`, hidden: true }, h('span', { class: 'visually-hidden' }, 'Error: '), fileErrText);
  const fileIn = h('input', { type: 'file', id: fileId, accept: 'image/jpeg,image/png', class: 'file-input', 'aria-describedby': `${fileId}-hint` });
  const fileField = h('div', { class: 'field' }, h('label', { for: fileId }, 'Photo file'),
    h('p', { class: 'hint', id: `${fileId}-hint` }, 'A JPEG or PNG up to 15 MB. Location and camera details are removed when it is kept.'), fileErr, fileIn);
  const showFileErr = (msg) => {
    fileErrText.textContent = msg || '';
    fileErr.hidden = !msg;
    fileField.classList.toggle('has-error', !!msg);
    if (msg) fileIn.setAttribute('aria-invalid', 'true'); else fileIn.removeAttribute('aria-invalid');
    fileIn.setAttribute('aria-describedby', `${fileId}-hint${msg ? ` ${fileId}-error` : ''}`);
  };
  fileIn.addEventListener('change', () => showFileErr(null));
  const preselect = Number(q.get('session')) || '';
  const up = createForm({
    label: 'Upload a photo',
    submitLabel: 'Upload',
    fields: [
      { name: 'label', label: 'View', type: 'select', value: 'front', width: 'medium',
        options: Object.entries(PHOTO_LABELS).map(([value, label]) => ({ value, label })) },
      { name: 'stage', label: 'Stage', type: 'radios', inline: true, value: 'before',
        options: Object.entries(PHOTO_STAGES).map(([value, label]) => ({ value, label })) },
      { name: 'appointment_id', label: 'Session', type: 'select', value: sessions.some((a) => a.id === preselect) ? preselect : '',
        options: [{ value: '', label: 'Not linked to a session' }, ...sessions.map((a) => ({ value: a.id, label: apptWhen(a) }))] },
      { name: 'marketing_consent', label: 'The client agrees to this photo being used in marketing', type: 'checkbox', value: false,
        hint: 'A separate yes for each photo; leave it unticked unless the client said so.' },
    ],
    onSubmit: async (v) => {
      const file = fileIn.files?.[0];
      if (!file) { showFileErr('Choose the photo to upload'); fileIn.focus(); return; }
      showFileErr(null);
      const params = new URLSearchParams({ label: v.label, stage: v.stage });
      if (v.appointment_id) params.set('appointment_id', v.appointment_id);
      let p;
      try {
        p = await upload(`/api/v1/clients/${client.id}/photos?${params}`, file);
      } catch (e) {
        if (e.field === 'file' || !e.field) { showFileErr(e.message.charAt(0).toUpperCase() + e.message.slice(1)); fileIn.focus(); return; }
        throw e;
      }
      if (v.marketing_consent) p = await patch(`/api/v1/photos/${p.id}`, { marketing_consent: true });
      photos = [...photos, p];
      fileIn.value = '';
      up.fields.get('marketing_consent').inputs[0].checked = false; // a separate yes for each photo
      drawGallery();
      drawCompare(true);
      announce(`Uploaded: ${photoWords(p)}`);
    },
  });
  up.fields.get('label').wrap.before(fileField);
  up.el.classList.add('form-plain');

  // ---- the gallery ------------------------------------------------------------------------------
  const galleryOut = h('div', {});
  const gallery = h('ul', { class: 'photo-grid', 'aria-label': 'Photos, newest first' });
  function drawGallery() {
    const sorted = [...photos].sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : b.id - a.id));
    gallery.replaceChildren(...sorted.map((p) => h('li', { class: 'photo-tile' },
      h('figure', {},
        h('a', { href: `/api/v1/photos/${p.id}/image`, target: '_blank', rel: 'noopener' }, thumb(p)),
        h('figcaption', {},
          h('span', { class: 'photo-tile-what' }, `${PHOTO_LABELS[p.label] || p.label}, ${(PHOTO_STAGES[p.stage] || p.stage).toLowerCase()}`),
          h('span', { class: 'photo-date' }, gbDay(p.created_at)),
          p.appointment_id ? h('span', { class: 'photo-date' }, `From the ${sessionWords(p.appointment_id)}`) : null,
          p.marketing_consent ? h('span', { class: 'tag tag-on' }, 'Marketing: yes') : h('span', { class: 'tag' }, 'Marketing: no'))),
      can(...CLINICAL) ? h('button', { type: 'button', class: 'btn btn-danger btn-small', 'aria-label': `Delete photo: ${photoWords(p)}`, onclick: async () => {
        const yes = await confirm({ title: 'Delete this photo?', message: `${photoWords(p)}. The picture is removed for good; the audit log keeps a note of the deletion.`, confirmLabel: 'Yes, delete' });
        if (!yes) return;
        galleryOut.replaceChildren();
        try {
          await del(`/api/v1/photos/${p.id}`);
          photos = photos.filter((x) => x.id !== p.id);
          drawGallery();
          drawCompare(true);
          announce('Photo deleted');
        } catch (e) {
          if (e.status !== 401) galleryOut.replaceChildren(notice('error', h('p', {}, e.message)));
        }
      } }, 'Delete') : null)));
    gallery.hidden = !photos.length;
    galleryEmpty.hidden = !!photos.length;
  }
  const galleryEmpty = h('p', { class: 'muted' }, 'No photos yet: upload the first one above.');

  // ---- before and after -------------------------------------------------------------------------
  const beforeSel = h('select', { id: uid('cmp-before') });
  const afterSel = h('select', { id: uid('cmp-after') });
  const modeName = uid('cmp-mode');
  const modes = [['side', 'Side by side'], ['slider', 'Slider']].map(([value, label], i) => {
    const id = uid('cmp-mode');
    return h('div', { class: 'choice' }, h('input', { type: 'radio', name: modeName, id, value, checked: i === 0, onchange: () => drawPictures() }),
      h('label', { for: id }, label));
  });
  const mode = () => modes.map((m) => m.querySelector('input')).find((i) => i.checked).value;
  const pictures = h('div', { class: 'compare-pictures' });
  const compareEmpty = h('p', { class: 'muted' }, 'Upload a photo before the session and one after it to compare them.');
  const controls = h('div', { class: 'compare-controls' },
    h('div', { class: 'field' }, h('label', { for: beforeSel.id }, 'Before'), beforeSel),
    h('div', { class: 'field' }, h('label', { for: afterSel.id }, 'After'), afterSel),
    h('fieldset', { class: 'field radios segmented' }, h('legend', {}, 'Show'), h('div', { class: 'choices' }, modes)));
  beforeSel.addEventListener('change', drawPictures);
  afterSel.addEventListener('change', drawPictures);

  function pick(stage) {
    const newest = [...photos].sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : b.id - a.id));
    return newest.find((p) => stage.includes(p.stage)) || null;
  }
  function drawCompare(reset) {
    const opts = () => [...photos].sort((a, b) => (a.created_at < b.created_at ? -1 : 1))
      .map((p) => h('option', { value: String(p.id) }, photoWords(p)));
    const keep = [beforeSel.value, afterSel.value];
    beforeSel.replaceChildren(...opts());
    afterSel.replaceChildren(...opts());
    const has = (v) => photos.some((p) => String(p.id) === v);
    const b = !reset && has(keep[0]) ? keep[0] : String(pick(['before'])?.id ?? photos[0]?.id ?? '');
    const a = !reset && has(keep[1]) ? keep[1] : String(pick(['after', 'healed'])?.id ?? photos[photos.length - 1]?.id ?? '');
    beforeSel.value = b;
    afterSel.value = a;
    controls.hidden = photos.length < 2;
    compareEmpty.hidden = photos.length >= 2;
    drawPictures();
  }
  function drawPictures() {
    if (photos.length < 2) { pictures.replaceChildren(); return; }
    const b = photos.find((p) => String(p.id) === beforeSel.value);
    const a = photos.find((p) => String(p.id) === afterSel.value);
    if (!a || !b) { pictures.replaceChildren(); return; }
    const img = (p, cls) => h('img', { src: `/api/v1/photos/${p.id}/image`, alt: `${photoWords(p)}`, class: cls });
    if (mode() === 'side') {
      pictures.replaceChildren(h('div', { class: 'preview-two' },
        h('figure', { class: 'preview-figure' }, img(b, 'preview-img compare-before'), h('figcaption', {}, `Before: ${photoWords(b)}`)),
        h('figure', { class: 'preview-figure' }, img(a, 'preview-img compare-after'), h('figcaption', {}, `After: ${photoWords(a)}`))));
      return;
    }
    const afterImg = img(a, 'preview-img ba-after compare-after');
    const divider = h('span', { class: 'ba-divider', 'aria-hidden': 'true' });
    const slider = h('input', { type: 'range', min: 0, max: 100, step: 1, value: '50', class: 'ba-range', 'aria-label': 'Before and after divider' });
    const set = () => {
      const v = Number(slider.value);
      afterImg.style.clipPath = `inset(0 0 0 ${v}%)`;
      divider.style.left = `${v}%`;
      slider.setAttribute('aria-valuetext', v === 0 ? 'All after' : v === 100 ? 'All before' : `${v} % before, ${100 - v} % after`);
    };
    slider.addEventListener('input', set);
    set();
    pictures.replaceChildren(h('figure', { class: 'preview-figure compare-slider' },
      h('div', { class: 'ba-stack' }, img(b, 'preview-img compare-before'), afterImg, divider, slider),
      h('figcaption', {}, `Before (left): ${photoWords(b)}. After (right): ${photoWords(a)}. Drag the divider or use the arrow keys.`)));
  }

  drawGallery();
  drawCompare(true);
  return page(`Photos of ${fullName(client)}`, null,
    h('p', { class: 'lede' }, 'For ', link(fullName(client), `#/clients/${client.id}`),
      '. Photos are health records: they are shown only here, to signed-in staff, and every view is audited.'),
    h('section', { class: 'card', 'aria-labelledby': 'ph-up-h' }, h('h2', { id: 'ph-up-h' }, 'Upload a photo'), up.el),
    h('section', { class: 'card', 'aria-labelledby': 'ph-cmp-h' }, h('h2', { id: 'ph-cmp-h' }, 'Before and after'), compareEmpty, controls, pictures),
    h('section', { class: 'card', 'aria-labelledby': 'ph-all-h' }, h('h2', { id: 'ph-all-h' }, 'All photos'), galleryOut, galleryEmpty, gallery));
}
