// view-designer.js — the hairline designer (#/clients/:id/designs/new, ?from=DESIGN_ID to start
// from a saved version). The practitioner picks the client's photo (or uploads one) or works on
// the neutral head template, draws the treatment area and the hairline (design-editor.js),
// chooses the style, the transition, the density, the sessions with their cumulative share and
// pigment dilution, the dot size and the seed, and sees a live estimate of the area, the
// impressions and the chair time per session next to the simulator's pictures
// (design-preview.js). "Save version" keeps the design as the client's next version and opens
// it. The server judges every value: a refusal (422 naming e.g. design.hairline.points) is shown
// next to the control it names, while previewing and when saving.
import { h, uid } from './dom.js';
import { get, post, upload } from './api.js';
import { buildField } from './form.js';
import { go } from './router.js';
import { flash } from './flash.js';
import { gbDay, link, notice, page } from './ui.js';
import { designEditor, headTemplate, svg } from './design-editor.js';
import { previewPanel } from './design-preview.js';
import {
  SESSION_PRESETS, STYLES, canvasFor, clampTo, designOf, estimate, minutesWords, newState, stateFromDesign,
} from './design-geom.js';

const fullName = (c) => `${c.first_name} ${c.last_name}`;
const nf = new Intl.NumberFormat('en-GB');
const PHOTO_LABELS = ['front', 'top', 'left', 'right', 'back', 'other'];
const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/** photos of a client; an empty list where the server has no photo store yet. */
async function clientPhotos(id) {
  try {
    return (await get(`/api/v1/clients/${id}/photos`)).items || [];
  } catch (e) {
    if (e.status === 401) throw e;
    return [];
  }
}

/** summaryTable shows area, impressions and minutes per session ({area_cm2, …} or null). */
export function summaryBlock(sum, { estimated }) {
  if (!sum) return h('p', { class: 'muted' }, 'Draw the treatment area (at least 3 points) to see the figures.');
  const imp = sum.impressions_per_session;
  const mins = sum.estimated_minutes;
  const total = imp.reduce((a, b) => a + b, 0);
  const about = estimated ? 'about ' : '';
  return h('div', { class: 'design-summary' },
    h('p', { class: 'design-area' }, h('span', { class: 'design-area-n' }, `${nf.format(Math.round(sum.area_cm2 * 10) / 10)} cm²`), ' treatment area'),
    h('table', { class: 'summary-table' },
      h('caption', { class: 'visually-hidden' }, 'Impressions and chair time per session'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Session'), h('th', { scope: 'col', class: 'num' }, 'Impressions'),
        h('th', { scope: 'col', class: 'num' }, 'Chair time'))),
      h('tbody', {}, imp.map((n, i) => h('tr', {}, h('th', { scope: 'row' }, `Session ${i + 1}`),
        h('td', { class: 'num' }, `${about}${nf.format(n)}`), h('td', { class: 'num' }, `${about}${minutesWords(mins[i])}`)))),
      h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, 'All sessions'), h('td', { class: 'num' }, `${about}${nf.format(total)}`),
        h('td', { class: 'num' }, `${about}${minutesWords(mins.reduce((a, b) => a + b, 0))}`)))),
    estimated ? h('p', { class: 'hint' }, 'Estimated while drawing, at 4,500 impressions an hour; the saved version has the simulator’s exact counts at the clinic’s rate.') : null);
}

export async function designerView({ params, query: q }) {
  const client = await get(`/api/v1/clients/${encodeURIComponent(params.id)}`);
  let photos = await clientPhotos(client.id);
  const from = Number(q.get('from')) || null;
  let base = null;
  const st = newState();
  if (from) {
    base = await get(`/api/v1/designs/${from}`);
    Object.assign(st, stateFromDesign(base.design));
    const pid = /^photo:(\d+)$/.exec(base.design.background || '')?.[1];
    const p = pid ? photos.find((x) => x.id === Number(pid)) : null;
    st.photo = p ? { id: p.id, width: p.width, height: p.height } : null;
  }

  // ---- settings fields -------------------------------------------------------------------
  const fields = {
    photoWidth: buildField({ name: 'photo_width', label: 'Photo width (mm)', type: 'number', min: 10, max: 500, value: String(st.photoWidthMm),
      hint: 'How wide the photo is on the scalp; the height follows the photo.', width: 'short', required: true }),
    style: buildField({ name: 'style', label: 'Hairline style', type: 'select', value: st.style,
      options: STYLES.map((s) => ({ value: s.value, label: s.label })), hint: STYLES.find((s) => s.value === st.style).description }),
    transition: buildField({ required: true, name: 'transition_mm', label: 'Transition (mm)', type: 'number', min: 0, max: 40, value: String(st.transition_mm),
      hint: 'How deep the density ramps up behind the hairline.', width: 'short' }),
    density: buildField({ required: true, name: 'density', label: 'Density per cm²', type: 'number', min: 1, max: 300, value: String(st.density_per_cm2),
      hint: 'Impressions per cm² deep inside the area after the last session.', width: 'short' }),
    sessions: buildField({ name: 'sessions', label: 'Sessions', type: 'select', value: String(st.percent.length),
      options: [2, 3, 4].map((n) => ({ value: n, label: String(n) })), width: 'short' }),
    dot: buildField({ required: true, name: 'dot', label: 'Dot size (mm)', type: 'number', min: 0.05, max: 1.5, step: 0.05, value: String(st.dot_mm),
      hint: 'The mean diameter of a fresh impression.', width: 'short' }),
    seed: buildField({ required: true, name: 'seed', label: 'Seed', type: 'number', min: 0, max: 2147483647, value: String(st.seed),
      hint: 'Another number places the dots differently; the same number always gives the same picture.', width: 'short' }),
  };
  const styleHint = fields.style.wrap.querySelector('.hint');

  // the per-session table: the cumulative share of the final density and the pigment dilution
  const sessErrId = uid('sess-err');
  const sessErrText = h('span', {});
  const sessErr = h('p', { class: 'field-error', id: sessErrId, hidden: true }, h('span', { class: 'visually-hidden' }, 'Error: '), sessErrText);
  const sessRows = h('tbody', {});
  const sessGroup = h('fieldset', { class: 'field session-plan' },
    h('legend', {}, 'Session plan'),
    h('p', { class: 'hint' }, 'After each session, the share of the final density reached (rising to 100 %), and how much the pigment is diluted (the first session is done lighter).'),
    sessErr,
    h('table', { class: 'session-table' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Session'),
      h('th', { scope: 'col' }, 'Density reached (%)'), h('th', { scope: 'col' }, 'Dilution (%)'))), sessRows));
  const showSessErr = (msg) => {
    sessErrText.textContent = msg || '';
    sessErr.hidden = !msg;
    sessGroup.classList.toggle('has-error', !!msg);
    for (const i of sessRows.querySelectorAll('input')) {
      if (msg) i.setAttribute('aria-invalid', 'true'); else i.removeAttribute('aria-invalid');
    }
    sessGroup.setAttribute('aria-describedby', msg ? sessErrId : '');
  };
  function drawSessionRows() {
    sessRows.replaceChildren(...st.percent.map((p, i) => {
      const pid = uid('pct');
      const did = uid('dil');
      const pct = h('input', { id: pid, type: 'number', min: 1, max: 100, step: 1, value: String(p), class: 'w-short', inputmode: 'numeric',
        'aria-label': `Session ${i + 1}: density reached (%)`, oninput: (e) => { st.percent[i] = e.target.value.trim(); changed(); } });
      const dil = h('input', { id: did, type: 'number', min: 0, max: 90, step: 5, value: String(st.dilution[i]), class: 'w-short', inputmode: 'numeric',
        'aria-label': `Session ${i + 1}: dilution (%)`, oninput: (e) => { st.dilution[i] = e.target.value.trim(); changed(); } });
      return h('tr', {}, h('th', { scope: 'row' }, `Session ${i + 1}`), h('td', {}, pct), h('td', {}, dil));
    }));
  }

  // ---- the background: the client's photos, an upload, or the head template ----------------
  const bgName = uid('bg');
  const bgErrText = h('span', {});
  const bgErr = h('p', { class: 'field-error', hidden: true }, h('span', { class: 'visually-hidden' }, 'Error: '), bgErrText);
  const bgChoices = h('div', { class: 'photo-choices' });
  const bgGroup = h('fieldset', { class: 'field photo-pick' }, h('legend', {}, 'Background'), bgErr, bgChoices);
  const showBgErr = (msg) => { bgErrText.textContent = msg || ''; bgErr.hidden = !msg; bgGroup.classList.toggle('has-error', !!msg); };
  function drawPhotoChoices() {
    const opt = (value, text, thumb) => {
      const id = uid('bg');
      const checked = value === 'none' ? !st.photo : st.photo?.id === value;
      return h('div', { class: 'photo-choice' },
        h('input', { type: 'radio', name: bgName, id, value: String(value), checked, onchange: () => choosePhoto(value) }),
        h('label', { for: id }, thumb ? h('img', { src: thumb, alt: '', class: 'photo-thumb' })
          : svg('svg', { viewBox: '0 0 200 160', class: 'photo-thumb head-thumb', 'aria-hidden': 'true' }, headTemplate({ width_mm: 200, height_mm: 160 })),
          h('span', { class: 'photo-choice-text' }, text)));
    };
    bgChoices.replaceChildren(opt('none', 'Head template'),
      ...photos.map((p) => opt(p.id, [`${cap(p.label || 'photo')} photo`, h('span', { class: 'photo-date' }, gbDay(p.created_at))], `/api/v1/photos/${p.id}/thumb`)));
    fields.photoWidth.wrap.hidden = !st.photo;
  }
  const labelSel = h('select', { id: uid('plabel'), class: 'w-medium' }, PHOTO_LABELS.map((l) => h('option', { value: l }, cap(l))));
  const fileIn = h('input', { type: 'file', id: uid('pfile'), accept: 'image/jpeg,image/png', class: 'file-input' });
  const upStatus = h('p', { class: 'hint upload-status', role: 'status' });
  const upErrText = h('span', {});
  const upErr = h('p', { class: 'field-error', hidden: true }, h('span', { class: 'visually-hidden' }, 'Error: '), upErrText);
  const uploadBox = h('div', { class: 'photo-upload' },
    h('div', { class: 'field' }, h('label', { for: labelSel.id }, 'New photo of the'), labelSel),
    h('div', { class: 'field' }, h('label', { for: fileIn.id }, 'Upload a photo'), h('p', { class: 'hint' }, 'A JPEG or PNG, taken square on.'), upErr, fileIn));
  const uploadDetails = h('details', { class: 'upload-details' }, h('summary', {}, 'Add a new photo'), uploadBox);
  fileIn.addEventListener('change', async () => {
    const file = fileIn.files?.[0];
    if (!file) return;
    upErr.hidden = true;
    upStatus.textContent = 'Uploading…';
    try {
      const p = await upload(`/api/v1/clients/${client.id}/photos?label=${encodeURIComponent(labelSel.value)}`, file);
      photos = await clientPhotos(client.id);
      if (!photos.some((x) => x.id === p.id)) photos.push(p);
      upStatus.textContent = 'Photo uploaded and chosen as the background.';
      fileIn.value = '';
      uploadDetails.open = false;
      choosePhoto(p.id);
    } catch (e) {
      if (e.status === 401) return;
      upStatus.textContent = '';
      upErrText.textContent = e.message ? cap(e.message) : 'The photo could not be uploaded.';
      upErr.hidden = false;
    }
  });

  // ---- the editor, the pictures, the summary -----------------------------------------------
  const editor = designEditor(st, { onChange: (how) => changed(how) });
  const preview = previewPanel({
    clientId: client.id,
    sessions: () => st.percent.length,
    design: (style) => (st.area.length >= 3 ? designOf(st, { style }) : null),
    onError: (e) => showServerError(e),
  });
  preview.setSessions(st.percent.length);
  preview.controls.sessionSel.value = String(st.percent.length >= 3 ? 1 : st.percent.length);
  const summarySlot = h('div', { 'aria-live': 'off' });

  const saveOut = h('div', {});
  const saveBtn = h('button', { type: 'button', class: 'btn btn-primary' }, 'Save version');

  function choosePhoto(value) {
    const p = value === 'none' ? null : photos.find((x) => x.id === value);
    st.photo = p ? { id: p.id, width: p.width, height: p.height } : null;
    st.canvas = canvasFor(st.photo, st.photoWidthMm);
    st.area = st.area.map((pt) => clampTo(st.canvas, pt));
    st.hairline = st.hairline.map((pt) => clampTo(st.canvas, pt));
    drawPhotoChoices();
    editor.setBackground(st.photo ? `/api/v1/photos/${st.photo.id}/image` : null);
    changed();
  }

  // ---- errors from the server, next to what they name --------------------------------------
  const errorTargets = [
    ['design.hairline.points', (m) => editor.showError('hairline', m), 'Hairline'],
    ['design.hairline.style', (m) => fields.style.show(m), 'Hairline style'],
    ['design.hairline.transition_mm', (m) => fields.transition.show(m), 'Transition'],
    ['design.hairline', (m) => editor.showError('hairline', m), 'Hairline'],
    ['design.area', (m) => editor.showError('area', m), 'The treatment area'],
    ['design.density_per_cm2', (m) => fields.density.show(m), 'Density per cm²'],
    ['design.sessions', showSessErr, 'The session plan'],
    ['design.pigment', showSessErr, 'The dilution'],
    ['design.dot', (m) => fields.dot.show(m), 'Dot size'],
    ['design.seed', (m) => fields.seed.show(m), 'Seed'],
    ['design.canvas', (m) => (st.photo ? fields.photoWidth.show(m) : showBgErr(m)), 'The picture size'],
    ['design.background', showBgErr, 'The background'],
  ];
  let shownFields = [];
  function clearErrors() {
    for (const [, show] of errorTargets) show(null);
    shownFields = [];
    saveOut.replaceChildren();
  }
  /** wording: the server names its key at the start ("density_per_cm2 must be …"): use the label. */
  function wording(e, labelText) {
    const key = (e.field || '').replace(/^design\./, '');
    let m = e.message || 'The server refused this design.';
    if (key && m.startsWith(key)) m = labelText + m.slice(key.length);
    return cap(m);
  }
  function showServerError(e) {
    if (!e) { if (shownFields.length) clearErrors(); return null; }
    clearErrors();
    const t = e.field ? errorTargets.find(([k]) => e.field === k || e.field.startsWith(`${k}.`)) : null;
    const msg = t ? wording(e, t[2]) : cap(e.message || 'Something went wrong. Try again.');
    if (t) { t[1](msg); shownFields.push(t[0]); }
    return msg;
  }

  // ---- reacting to changes -------------------------------------------------------------------
  function readFields() {
    st.photoWidthMm = fields.photoWidth.read();
    st.style = fields.style.read();
    st.transition_mm = fields.transition.read();
    st.density_per_cm2 = fields.density.read();
    st.dot_mm = fields.dot.read();
    st.seed = fields.seed.read();
  }
  function changed(how = 'done') {
    summarySlot.replaceChildren(summaryBlock(estimate(st), { estimated: true }));
    if (how === 'drag' || how === 'done') preview.refresh();
  }
  for (const f of Object.values(fields)) {
    for (const i of f.inputs) i.addEventListener('input', () => { readFields(); if (f === fields.photoWidth && st.photo) resizeCanvas(); changed(); });
  }
  fields.style.inputs[0].addEventListener('change', () => { styleHint.textContent = STYLES.find((s) => s.value === fields.style.read())?.description || ''; });
  fields.sessions.inputs[0].addEventListener('change', () => {
    const n = Number(fields.sessions.read());
    st.percent = [...SESSION_PRESETS[n].percent];
    st.dilution = [...SESSION_PRESETS[n].dilution];
    drawSessionRows();
    preview.setSessions(n);
    changed();
  });
  function resizeCanvas() {
    const w = Number(st.photoWidthMm);
    if (!(w >= 10 && w <= 500)) return;
    const old = st.canvas;
    st.canvas = canvasFor(st.photo, w);
    const k = st.canvas.width_mm / old.width_mm;
    st.area = st.area.map(([x, y]) => clampTo(st.canvas, [x * k, y * k]));
    st.hairline = st.hairline.map(([x, y]) => clampTo(st.canvas, [x * k, y * k]));
    editor.setBackground(`/api/v1/photos/${st.photo.id}/image`);
  }

  // ---- saving ---------------------------------------------------------------------------------
  saveBtn.addEventListener('click', async () => {
    readFields();
    clearErrors();
    if (st.area.length < 3) {
      const msg = 'Draw the treatment area: at least 3 points';
      editor.showError('area', msg);
      saveOut.replaceChildren(notice('error', h('p', {}, `${msg}.`)));
      editor.focusFirst();
      return;
    }
    const big = Math.max(st.canvas.width_mm, st.canvas.height_mm);
    const px = Math.max(1, Math.min(8, Math.floor(8000 / big)));
    saveBtn.disabled = true;
    try {
      const r = await post('/api/v1/designs', { client_id: client.id, consultation_id: base?.consultation_id || undefined, design: designOf(st, { pxPerMm: px }) });
      flash(`Saved version ${r.version}`);
      go(`#/designs/${r.id}`);
    } catch (e) {
      saveBtn.disabled = false;
      if (e.status === 401) return;
      const msg = e.status === 403 ? 'Your role can’t save designs.' : showServerError(e);
      saveOut.replaceChildren(notice('error', h('p', {}, `Not saved: ${msg}`)));
    }
  });

  // ---- the page -------------------------------------------------------------------------------
  drawSessionRows();
  drawPhotoChoices();
  const pictureId = uid('sec');
  const simId = uid('sec');
  const setId = uid('sec');
  const sumId = uid('sec');
  editor.setBackground(st.photo ? `/api/v1/photos/${st.photo.id}/image` : null);
  changed('init');
  // leaving the screen frees the pictures
  const onLeave = () => { preview.dispose(); window.removeEventListener('hashchange', onLeave); };
  window.addEventListener('hashchange', onLeave);
  queueMicrotask(() => preview.refresh());

  const bgId = uid('sec');
  return page('Design a hairline', null,
    h('p', { class: 'lede' }, 'For ', link(fullName(client), `#/clients/${client.id}`),
      base ? `, starting from version ${base.version}. Saving keeps it as a new version.` : '. Saving keeps it as the client’s next design version.'),
    h('section', { class: 'card designer-bg', 'aria-labelledby': bgId },
      h('h2', { id: bgId, class: 'visually-hidden' }, 'Background'),
      h('div', { class: 'designer-bg-row' }, bgGroup, fields.photoWidth.wrap),
      uploadDetails, upStatus),
    h('div', { class: 'designer-grid' },
      h('section', { class: 'card designer-card', 'aria-labelledby': pictureId },
        h('h2', { id: pictureId }, 'Area and hairline'),
        editor.el),
      h('section', { class: 'card designer-card', 'aria-labelledby': simId },
        h('h2', { id: simId }, 'Simulation'),
        preview.el)),
    h('div', { class: 'designer-grid' },
      h('section', { class: 'card', 'aria-labelledby': setId },
        h('h2', { id: setId }, 'Style, density and sessions'),
        h('div', { class: 'designer-fields' }, fields.style.wrap, fields.transition.wrap, fields.density.wrap, fields.sessions.wrap,
          fields.dot.wrap, fields.seed.wrap),
        sessGroup),
      h('section', { class: 'card', 'aria-labelledby': sumId },
        h('h2', { id: sumId }, 'Summary'),
        summarySlot,
        saveOut,
        h('div', { class: 'form-actions' }, saveBtn,
          h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => go(`#/clients/${client.id}`) }, 'Cancel')))));
}
