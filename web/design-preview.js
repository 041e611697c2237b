// design-preview.js — the designer's pictures, drawn by the server's simulator from the design
// being edited (POST /api/v1/designs/preview, nothing saved): one session fresh, healed or years
// later; a before/after comparison (the bare scalp, session 0, under the chosen session, with a
// divider that is an <input type=range> so it drags with a finger and moves with the arrow keys);
// and the same design in two styles side by side. Requests wait for a pause (300 ms) and a newer
// request cancels an older one (AbortController), so dragging a point stays smooth; answers are
// kept as object URLs in a small cache that is revoked when the screen is left.
import { h, uid } from './dom.js';
import { query, requestBlob } from './api.js';
import { STYLES, styleLabel } from './design-geom.js';

const DEBOUNCE_MS = 300;
const CACHE_MAX = 24;

/** blobCache keeps object URLs by key, revoking the oldest beyond CACHE_MAX, or all on clear(). */
export function blobCache() {
  const urls = new Map();
  return {
    get: (k) => urls.get(k),
    put(k, blob) {
      const url = URL.createObjectURL(blob);
      urls.set(k, url);
      while (urls.size > CACHE_MAX) {
        const [old, oldUrl] = urls.entries().next().value;
        URL.revokeObjectURL(oldUrl);
        urls.delete(old);
      }
      return url;
    },
    clear() {
      for (const u of urls.values()) URL.revokeObjectURL(u);
      urls.clear();
    },
  };
}

/** radios builds a labelled group of radio buttons: {el, value(), set(v), inputs}. */
function radios(legend, options, value, cls = 'segmented') {
  const name = uid('r');
  const inputs = options.map((o) => {
    const id = uid('r');
    return { o, id, input: h('input', { type: 'radio', name, id, value: o.value, checked: o.value === value }) };
  });
  const el = h('fieldset', { class: `field ${cls}` }, h('legend', {}, legend),
    h('div', { class: 'choices' }, inputs.map(({ o, id, input }) => h('div', { class: 'choice' }, input, h('label', { for: id }, o.label)))));
  return { el, inputs: inputs.map((x) => x.input), value: () => inputs.find((x) => x.input.checked)?.o.value, set: (v) => { for (const x of inputs) x.input.checked = x.o.value === v; } };
}

function labelled(text, control, hint) {
  const id = control.id || uid('c');
  control.id = id;
  const hid = hint ? `${id}-hint` : null;
  if (hid) control.setAttribute('aria-describedby', hid);
  return h('div', { class: 'field' }, h('label', { for: id }, text), hint ? h('p', { class: 'hint', id: hid }, hint) : null, control);
}

/**
 * previewPanel makes the picture panel. opts: clientId, design(style?) → the design file or
 * null while it cannot be drawn (the reason is shown elsewhere), sessions() → how many, onError
 * (ApiError | null) for a refusal to place next to its control, answering the words it showed.
 * Answers {el, refresh(),
 * setSessions(n), dispose(), controls}.
 */
export function previewPanel({ clientId, design, sessions, onError = () => {} }) {
  const cache = blobCache();
  const slots = new Map();

  const view = radios('Show', [
    { value: 'one', label: 'One session' }, { value: 'compare', label: 'Before and after' }, { value: 'styles', label: 'Two styles' }], 'one');
  const sessionSel = h('select', { class: 'w-short' });
  const look = radios('Look', [
    { value: 'fresh', label: 'Fresh' }, { value: 'healed', label: 'Healed' }, { value: 'years', label: 'Years later' }], 'fresh');
  const years = h('input', { type: 'number', min: 0, max: 10, step: 1, value: '3', class: 'w-short', inputmode: 'numeric' });
  const sun = h('input', { type: 'checkbox', id: uid('sun') });
  const oily = h('input', { type: 'checkbox', id: uid('oily') });
  const yearsBox = h('div', { class: 'preview-years' },
    labelled('Years after healing', years, '0 to 10.'),
    h('div', { class: 'check' }, sun, h('label', { for: sun.id }, 'High sun exposure')),
    h('div', { class: 'check' }, oily, h('label', { for: oily.id }, 'Oily skin')));
  const styleA = h('select', {}, STYLES.map((s) => h('option', { value: s.value }, s.label)));
  const styleB = h('select', {}, STYLES.map((s) => h('option', { value: s.value }, s.label)));
  styleA.value = 'soft';
  styleB.value = 'feathered';
  const stylesBox = h('div', { class: 'preview-style-pick' }, labelled('Left style', styleA), labelled('Right style', styleB));

  const state = h('p', { class: 'preview-state', role: 'status' });
  // one session
  const oneImg = h('img', { class: 'preview-img', alt: '' });
  const oneFig = h('figure', { class: 'preview-figure' }, oneImg, h('figcaption', {}));
  // before and after
  const beforeImg = h('img', { class: 'preview-img', alt: '' });
  const afterImg = h('img', { class: 'preview-img ba-after', alt: '' });
  const divider = h('span', { class: 'ba-divider', 'aria-hidden': 'true' });
  const slider = h('input', { type: 'range', min: 0, max: 100, step: 1, value: '50', class: 'ba-range',
    'aria-label': 'Before and after divider', 'aria-valuetext': 'Half before, half after' });
  const baCaption = h('figcaption', {});
  const baFig = h('figure', { class: 'preview-figure ba' },
    h('div', { class: 'ba-stack' }, beforeImg, afterImg, divider, slider), baCaption);
  // two styles
  const imgA = h('img', { class: 'preview-img', alt: '' });
  const imgB = h('img', { class: 'preview-img', alt: '' });
  const capA = h('figcaption', {});
  const capB = h('figcaption', {});
  const twoBox = h('div', { class: 'preview-two' }, h('figure', { class: 'preview-figure' }, imgA, capA), h('figure', { class: 'preview-figure' }, imgB, capB));

  const placeholder = h('p', { class: 'preview-empty' }, 'Draw the treatment area to see the simulation.');
  const pictures = h('div', { class: 'preview-pictures' }, placeholder, oneFig, baFig, twoBox);

  const sessionField = labelled('Session', sessionSel);
  const el = h('div', { class: 'preview-panel' },
    view.el,
    h('div', { class: 'preview-controls' }, sessionField, look.el, yearsBox, stylesBox),
    state, pictures);

  function setDivider() {
    const v = Number(slider.value);
    afterImg.style.clipPath = `inset(0 0 0 ${v}%)`;
    divider.style.left = `${v}%`;
    slider.setAttribute('aria-valuetext', v === 0 ? 'All after' : v === 100 ? 'All before' : `${v} % before, ${100 - v} % after`);
  }
  slider.addEventListener('input', setDivider);
  setDivider();

  const lookWords = () => {
    const l = look.value();
    if (l === 'fresh') return 'fresh';
    if (l === 'healed') return 'healed';
    const y = Number(years.value);
    return `${y} year${y === 1 ? '' : 's'} after healing${sun.checked ? ', high sun' : ''}${oily.checked ? ', oily skin' : ''}`;
  };
  const params = (session) => {
    const l = look.value();
    return { format: 'png', session, healed: l === 'fresh' ? 'false' : 'true', years: l === 'years' ? years.value : undefined,
      sun: l === 'years' && sun.checked ? 'high' : undefined, oily: l === 'years' && oily.checked ? 'true' : undefined };
  };

  /** load asks for one picture for a slot, after the pause, cancelling the slot's older request. */
  function load(slot, body, p, img, alt) {
    const key = JSON.stringify([body, p]);
    const old = slots.get(slot);
    if (old && old.key === key) return old.promise;
    if (old) { clearTimeout(old.timer); old.ctrl?.abort(); }
    const entry = { key, ctrl: null, timer: null };
    const hit = cache.get(key);
    entry.promise = new Promise((resolve, reject) => {
      const show = (url) => {
        if (img.getAttribute('src') !== url) img.src = url;
        img.alt = alt;
        resolve(url);
      };
      if (hit) { show(hit); return; }
      entry.timer = setTimeout(async () => {
        entry.ctrl = new AbortController();
        try {
          const blob = await requestBlob('POST', `/api/v1/designs/preview${query(p)}`, body, { accept: 'image/png', signal: entry.ctrl.signal });
          show(cache.put(key, blob));
        } catch (e) {
          if (e?.name === 'AbortError') return;
          reject(e);
        }
      }, DEBOUNCE_MS);
    });
    entry.promise.catch(() => {});
    slots.set(slot, entry);
    return entry.promise;
  }

  let generation = 0;
  /** refresh shows the controls for the chosen view and asks for its pictures. */
  async function refresh() {
    const v = view.value();
    const l = look.value();
    yearsBox.hidden = l !== 'years';
    stylesBox.hidden = v !== 'styles';
    oneFig.hidden = v !== 'one';
    baFig.hidden = v !== 'compare';
    twoBox.hidden = v !== 'styles';
    const d = design();
    const gen = ++generation;
    if (!d) {
      placeholder.hidden = false;
      pictures.classList.add('is-empty');
      state.textContent = '';
      return;
    }
    placeholder.hidden = true;
    pictures.classList.remove('is-empty');
    const s = Number(sessionSel.value) || 1;
    const body = { client_id: clientId, design: d };
    const words = `after session ${s} of ${sessions()}, ${lookWords()}`;
    const jobs = [];
    if (v === 'one') {
      oneFig.querySelector('figcaption').textContent = `Simulation ${words}.`;
      jobs.push(load('one', body, params(s), oneImg, `Simulated scalp ${words}`));
    } else if (v === 'compare') {
      baCaption.textContent = `Left of the divider: before treatment. Right: ${words}.`;
      jobs.push(load('before', body, { format: 'png', session: 0 }, beforeImg, 'The scalp before treatment'));
      jobs.push(load('after', body, params(s), afterImg, `Simulated scalp ${words}`));
    } else {
      const a = styleA.value;
      const b = styleB.value;
      capA.textContent = `${styleLabel(a)}, ${words}.`;
      capB.textContent = `${styleLabel(b)}, ${words}.`;
      jobs.push(load('styleA', { client_id: clientId, design: design(a) }, params(s), imgA, `${styleLabel(a)} hairline ${words}`));
      jobs.push(load('styleB', { client_id: clientId, design: design(b) }, params(s), imgB, `${styleLabel(b)} hairline ${words}`));
    }
    el.setAttribute('aria-busy', 'true');
    state.textContent = 'Drawing…';
    try {
      await Promise.all(jobs);
      if (gen !== generation) return;
      state.textContent = v === 'styles' ? 'Showing both styles.' : 'Up to date.';
      onError(null);
    } catch (e) {
      if (gen !== generation) return;
      if (e?.status === 401) return;
      const shown = onError(e);
      state.textContent = `Not drawn: ${shown || e.message || 'the simulation failed'}`.replace(/[^.]$/, '$&.');
    } finally {
      if (gen === generation) el.removeAttribute('aria-busy');
    }
  }

  /** setSessions fills the session choice with 1..n, keeping the chosen one when it still exists. */
  function setSessions(n) {
    const keep = Number(sessionSel.value) || n;
    sessionSel.replaceChildren(...Array.from({ length: n }, (_, i) => h('option', { value: String(i + 1) }, `${i + 1}`)));
    sessionSel.value = String(Math.min(keep, n));
  }

  for (const c of [...view.inputs, ...look.inputs, sessionSel, years, sun, oily, styleA, styleB]) c.addEventListener('change', () => refresh());
  years.addEventListener('input', () => refresh());

  function dispose() {
    for (const s of slots.values()) { clearTimeout(s.timer); s.ctrl?.abort(); }
    cache.clear();
  }

  return { el, refresh, setSessions, dispose, controls: { sessionSel, years, slider, view, look } };
}
