// view-record.js — the session record of an appointment, filled in on the treatment-room tablet
// (#/appointments/:id/record, and …/record/edit once saved): the pigment and needle lots, each
// added by scanning or typing the code on the bottle (looked up through the API and shown as a
// removable chip, expired or retired ones marked), dilution, areas, the shade decision, the
// impressions estimate, numbing, reactions (the serious ones say a follow-up task will be
// opened), notes and the cleaning log. The server judges: its refusals (cleaning not confirmed,
// an expired or retired lot, no signed consent) appear beside the part they name and nothing
// typed is lost. Saved, the record reads back with its lots, whether and when it was edited and
// every earlier version the API keeps. Clinical roles only: a record is health data.
import { h, uid } from './dom.js';
import { all, ApiError, get, patch, post } from './api.js';
import { createForm } from './form.js';
import { go } from './router.js';
import { flash } from './flash.js';
import { details, gbDate, link, navButton, notice, page, when } from './ui.js';
import { apptWhat, apptWhen } from './view-calendar.js';
import { lotExpired, lotName } from './view-lots.js';

export const AREAS = {
  hairline: 'Hairline', temples: 'Temples', crown: 'Crown', mid_scalp: 'Mid-scalp', full_scalp: 'Full scalp',
  sides: 'Sides', back: 'Back', scar: 'Scar', patch: 'Patch', density: 'Density (behind existing hair)',
};
export const REACTIONS = {
  redness: 'Redness', swelling: 'Swelling', bruising: 'Bruising', scabbing: 'Scabbing',
  lymph_nodes: 'Swollen lymph nodes', infection: 'Signs of infection', allergic_reaction: 'Allergic reaction',
};
export const SERIOUS = ['lymph_nodes', 'infection', 'allergic_reaction'];
const SHADES = { lighter: 'Go lighter next session', same: 'Keep the same shade', darker: 'Go darker next session' };
const LOT_FIELDS = { pigment_lot_ids: 'Pigment lots', needle_lot_ids: 'Needle lots' };

const fullName = (c) => `${c.first_name} ${c.last_name}`;
const nf = new Intl.NumberFormat('en-GB');

/** The appointment of the route with its client, clinic and practitioner. */
async function loadSession(id) {
  const appt = await get(`/api/v1/appointments/${encodeURIComponent(id)}`);
  const [client, clinic, people, course] = await Promise.all([
    get(`/api/v1/clients/${appt.client_id}`), get(`/api/v1/clinics/${appt.clinic_id}`), all('/api/v1/practitioners'),
    appt.course_id ? get(`/api/v1/courses/${appt.course_id}`) : null]);
  const who = people.find((p) => p.id === appt.practitioner_id)?.name || `practitioner ${appt.practitioner_id}`;
  return { appt, client, clinic, course, who };
}

/** The line under the heading: client, session, time, clinic, practitioner. */
const sessionLede = (s) => h('p', { class: 'lede' }, link(fullName(s.client), `#/clients/${s.client.id}`),
  ` — ${apptWhat(s.appt, s.course)}, ${apptWhen(s.appt)} at ${s.clinic.name} with ${s.who}.`);

/** getRecord answers the appointment's record, or null when none was saved yet. */
async function getRecord(id) {
  try {
    return await get(`/api/v1/appointments/${id}/record`);
  } catch (e) {
    if (e.status === 404) return null;
    throw e;
  }
}

// ---- reading a record -----------------------------------------------------------------------

const lotItem = (l) => h('li', {}, link(l.lot, `#/lots/${l.id}`), ` — ${lotName(l)}`);
const lotList = (lots) => (lots.length ? h('ul', { class: 'plain' }, lots.map(lotItem)) : null);
const words = (names, map) => (names?.length ? names.map((n) => map[n] || n).join(', ') : null);

function cleaningWords(c) {
  if (!c) return null;
  const done = [c.needles_disposed ? 'needles disposed' : null, c.equipment_cleaned ? 'equipment cleaned' : null].filter(Boolean);
  return done.length ? `Confirmed: ${done.join(' and ')}` : 'Not confirmed';
}

function recordPairs(r) {
  const serious = (r.reactions || []).filter((x) => SERIOUS.includes(x));
  return [
    ['Pigment lots', lotList(r.pigment_lots || [])],
    ['Needle lots', lotList(r.needle_lots || [])],
    ['Dilution', r.dilution_pct === undefined ? null : `${r.dilution_pct} %`],
    ['Areas', words(r.areas, AREAS)],
    ['Shade decision', r.shade_decision ? SHADES[r.shade_decision] : null],
    ['Impressions (estimate)', r.impressions_estimate ? nf.format(r.impressions_estimate) : null],
    ['Numbing', r.numbing],
    ['Reactions', r.reactions?.length ? [words(r.reactions, REACTIONS),
      serious.length ? [' ', h('span', { class: 'tag tag-off' }, 'Follow-up task opened')] : null] : 'None'],
    ['Notes', r.notes ? h('span', { class: 'pre' }, r.notes) : null],
    ['Cleaning log', cleaningWords(r.cleaning)],
  ];
}

function recordView(s, r) {
  const edited = r.version > 1;
  const history = [...(r.history || [])].sort((a, b) => b.version - a.version);
  return [
    sessionLede(s),
    h('p', { class: 'record-state' },
      edited ? h('span', { class: 'tag tag-update' }, `Edited: version ${r.version}`) : h('span', { class: 'tag' }, 'Version 1'),
      ' Recorded ', when(r.created_at), edited ? [', last changed ', when(r.updated_at)] : null, '.',
      r.backfill ? [' ', h('span', { class: 'tag' }, 'Entered from history')] : null),
    h('section', { class: 'card', 'aria-labelledby': 'rec-h' }, h('h2', { id: 'rec-h' }, 'What was done'), details(recordPairs(r))),
    h('section', { class: 'card', 'aria-labelledby': 'rec-hist-h' },
      h('h2', { id: 'rec-hist-h' }, 'Earlier versions'),
      history.length
        ? h('ol', { class: 'history-list', reversed: true }, history.map((v) => h('li', {},
          h('details', { class: 'version' }, h('summary', {}, `Version ${v.version}, replaced `, when(v.changed_at)),
            details(recordPairs({ ...v.body, pigment_lots: [], needle_lots: [] }).filter(([k]) => !k.endsWith('lots')))))))
        : h('p', { class: 'muted' }, 'None: the record has not been edited.')),
  ];
}

export async function recordPage({ params }) {
  const s = await loadSession(params.id);
  const r = await getRecord(s.appt.id);
  if (!r) return recordForm(s, null);
  return page('Session record', [
    navButton('Edit', `#/appointments/${s.appt.id}/record/edit`, 'primary'),
    navButton('Aftercare', `#/appointments/${s.appt.id}/aftercare`),
    navButton('Photos', `#/clients/${s.client.id}/photos?session=${s.appt.id}`),
  ], recordView(s, r));
}

export async function recordEdit({ params }) {
  const s = await loadSession(params.id);
  const r = await getRecord(s.appt.id);
  if (!r) { go(`#/appointments/${s.appt.id}/record`); return page('Session record', null); }
  return recordForm(s, r);
}

// ---- the lot picker ------------------------------------------------------------------------

/**
 * lotPicker is one kind's lots as chips with a code box: typing or scanning a code and pressing
 * Enter (or Add) looks the lot up; answers {el, ids(), show(msg), focus()}.
 */
function lotPicker({ kind, label, sessionDay, initial }) {
  const chosen = [...initial];
  const id = uid(`lot-${kind}`);
  const hintId = `${id}-hint`;
  const errId = `${id}-error`;
  const errText = h('span', {});
  const err = h('p', { class: 'field-error', id: errId, hidden: true }, h('span', { class: 'visually-hidden' }, 'Error: '), errText);
  const input = h('input', { type: 'text', id, class: 'w-medium', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'characters',
    'aria-describedby': hintId, enterkeyhint: 'enter' });
  const addBtn = h('button', { type: 'button', class: 'btn btn-secondary' }, 'Add');
  const status = h('p', { class: 'visually-hidden', role: 'status' });
  const chips = h('ul', { class: 'chips', 'aria-label': `${label} chosen` });
  const wrap = h('fieldset', { class: 'field lot-picker', 'aria-describedby': hintId },
    h('legend', {}, label),
    h('p', { class: 'hint', id: hintId }, `Scan or type the lot code on the ${kind === 'pigment' ? 'bottle' : 'box'}, then press Enter or Add.`),
    err, chips,
    h('div', { class: 'lot-entry' }, h('div', {}, h('label', { for: id }, `${kind === 'pigment' ? 'Pigment' : 'Needle'} lot code`), input), addBtn),
    status);

  function show(msg) {
    errText.textContent = msg || '';
    err.hidden = !msg;
    wrap.classList.toggle('has-error', !!msg);
    if (msg) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
    input.setAttribute('aria-describedby', [hintId, msg ? errId : null].filter(Boolean).join(' '));
  }

  function drawChips() {
    chips.replaceChildren(...chosen.map((l) => {
      const bad = l.retired ? 'Retired' : lotExpired(l, sessionDay) ? `Expired on ${gbDate(l.expires_on)}` : null;
      return h('li', { class: `chip${bad ? ' chip-bad' : ''}` },
        h('span', { class: 'chip-code' }, l.lot),
        h('span', { class: 'chip-name' }, `${lotName(l)}, expires ${gbDate(l.expires_on)}`),
        bad ? h('span', { class: 'tag tag-off' }, bad) : null,
        h('button', { type: 'button', class: 'btn btn-quiet btn-small', 'aria-label': `Remove lot ${l.lot}`, onclick: () => {
          chosen.splice(chosen.indexOf(l), 1);
          drawChips();
          show(null);
          status.textContent = `Removed lot ${l.lot}.`;
          input.focus();
        } }, 'Remove'));
    }));
    chips.hidden = !chosen.length;
  }

  async function find(code) {
    const ask = async (c) => (await get(`/api/v1/lots?kind=${kind}&include_retired=true&code=${encodeURIComponent(c)}`)).items;
    let found = await ask(code);
    if (!found.length && code.toUpperCase() !== code) found = await ask(code.toUpperCase());
    return found[0] || null;
  }

  async function add() {
    const code = input.value.trim();
    if (!code) { show(`Type or scan the ${kind} lot code`); input.focus(); return; }
    addBtn.disabled = true;
    try {
      const l = await find(code);
      if (!l) { show(`No ${kind} lot has the code ${code}. Check the code, or add the lot on the Lots screen.`); return; }
      if (chosen.some((x) => x.id === l.id)) { show(`Lot ${l.lot} is already on this record`); return; }
      chosen.push(l);
      drawChips();
      show(null);
      input.value = '';
      status.textContent = `Added lot ${l.lot}, ${lotName(l)}.`;
    } catch (e) {
      if (e.status !== 401) show(e.message);
    } finally {
      addBtn.disabled = false;
      input.focus();
    }
  }
  addBtn.addEventListener('click', add);
  // a scanner types the code and presses Enter: add the lot, never submit the form
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); add(); } });
  input.addEventListener('input', () => { if (!err.hidden) show(null); });
  drawChips();
  return { el: wrap, ids: () => chosen.map((l) => l.id), show, focus: () => input.focus() };
}

// ---- the form ---------------------------------------------------------------------------

async function recordForm(s, r) {
  const day = s.appt.start_local.slice(0, 10);
  const consent = await get(`/api/v1/clients/${s.client.id}/consent-status`);
  const signed = consent.kinds?.consent?.status === 'current';
  const pickers = {
    pigment_lot_ids: lotPicker({ kind: 'pigment', label: 'Pigment lots', sessionDay: day, initial: r?.pigment_lots || [] }),
    needle_lot_ids: lotPicker({ kind: 'needle', label: 'Needle lots', sessionDay: day, initial: r?.needle_lots || [] }),
  };
  // the consent the server checks, with its own place for the server's refusal
  const consentErrText = h('span', {});
  const consentErr = h('p', { class: 'field-error', hidden: true }, h('span', { class: 'visually-hidden' }, 'Error: '), consentErrText);
  const consentBox = h('div', { class: `field consent-check${signed ? '' : ' consent-unsigned'}` },
    h('p', { class: `consent-line consent-${signed ? 'current' : 'missing'}` },
      signed ? 'Consent: signed' : 'Consent: not signed'),
    consentErr,
    signed ? null : h('p', {}, 'The current consent form must be signed before the session. ',
      link('Sign consent', `#/clients/${s.client.id}/consent`), '.'));
  const showConsent = (msg) => {
    consentErrText.textContent = msg || '';
    consentErr.hidden = !msg;
    consentBox.classList.toggle('has-error', !!msg);
  };

  const f = createForm({
    label: 'Session record',
    submitLabel: r ? 'Save changes' : 'Save the record',
    cancel: { hash: r ? `#/appointments/${s.appt.id}/record` : `#/clients/${s.client.id}` },
    fields: [
      { name: 'dilution_pct', label: 'Dilution %', type: 'number', min: 0, max: 90, width: 'short', inputmode: 'numeric',
        value: r?.dilution_pct === undefined ? '' : String(r.dilution_pct), hint: 'Water in the pigment, 0 to 90.' },
      { name: 'areas', label: 'Areas treated', type: 'checkboxes', value: r?.areas || [],
        options: Object.entries(AREAS).map(([value, label]) => ({ value, label })) },
      { name: 'shade_decision', label: 'Shade decision', type: 'select', value: r?.shade_decision || '',
        options: [{ value: '', label: 'Not decided' }, ...Object.entries(SHADES).map(([value, label]) => ({ value, label }))] },
      { name: 'impressions_estimate', label: 'Impressions (estimate)', type: 'number', min: 0, max: 200000, width: 'medium', inputmode: 'numeric',
        value: r?.impressions_estimate ? String(r.impressions_estimate) : '' },
      { name: 'numbing', label: 'Numbing', maxLength: 200, value: r?.numbing, hint: 'What was used, if anything, for example topical lidocaine 5 %.' },
      { name: 'reactions', label: 'Reactions', type: 'checkboxes', value: r?.reactions || [],
        hint: 'Swollen lymph nodes, signs of infection and an allergic reaction are serious: saving opens a follow-up task to call the client.',
        options: Object.entries(REACTIONS).map(([value, label]) => ({ value,
          label: SERIOUS.includes(value) ? `${label} (a follow-up task will be created)` : label })) },
      { name: 'notes', label: 'Notes', type: 'textarea', rows: 4, maxLength: 4000, value: r?.notes },
      { name: 'cleaning', label: 'Cleaning log', type: 'checkboxes', value: r ? Object.keys(r.cleaning || {}).filter((k) => r.cleaning[k]) : [],
        hint: 'Confirm both before saving.',
        options: [{ value: 'needles_disposed', label: 'Needles disposed of in the sharps bin' },
          { value: 'equipment_cleaned', label: 'Equipment cleaned and disinfected' }] },
    ],
    onSubmit: async (v) => {
      pickers.pigment_lot_ids.show(null);
      pickers.needle_lot_ids.show(null);
      showConsent(null);
      const body = {
        pigment_lot_ids: pickers.pigment_lot_ids.ids(),
        needle_lot_ids: pickers.needle_lot_ids.ids(),
        areas: v.areas,
        reactions: v.reactions,
        cleaning: { needles_disposed: v.cleaning.includes('needles_disposed'), equipment_cleaned: v.cleaning.includes('equipment_cleaned') },
      };
      if (v.dilution_pct !== '') body.dilution_pct = Number(v.dilution_pct);
      if (v.shade_decision) body.shade_decision = v.shade_decision;
      if (v.impressions_estimate !== '') body.impressions_estimate = Number(v.impressions_estimate);
      if (v.numbing) body.numbing = v.numbing;
      if (v.notes) body.notes = v.notes;
      try {
        const saved = r ? await patch(`/api/v1/appointments/${s.appt.id}/record`, body) : await post(`/api/v1/appointments/${s.appt.id}/record`, body);
        const serious = (saved.reactions || []).some((x) => SERIOUS.includes(x));
        flash(`${r ? 'Saved: version ' + saved.version : 'Session recorded'}${serious ? '. A follow-up task was opened' : ''}`);
        go(`#/appointments/${s.appt.id}/record`);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        // the parts the form has no field for: the lots and the consent
        if (pickers[e.field]) {
          const msg = e.message.startsWith(`${e.field}: `) ? e.message.slice(e.field.length + 2) : e.message;
          const text = msg.charAt(0).toUpperCase() + msg.slice(1);
          pickers[e.field].show(text);
          throw new ApiError(e.status, e.code, `${LOT_FIELDS[e.field]}: ${text}`, null);
        }
        if (e.field === 'consent') {
          const text = e.message.charAt(0).toUpperCase() + e.message.slice(1);
          showConsent(text);
          throw new ApiError(e.status, e.code, `Consent: ${text}`, null);
        }
        throw e;
      }
    },
  });
  // the lots first, as the practitioner reaches for the bottles; the consent above everything
  const first = f.fields.get('dilution_pct').wrap;
  first.before(consentBox, pickers.pigment_lot_ids.el, pickers.needle_lot_ids.el);
  f.el.classList.add('record-form');
  return page(r ? 'Edit session record' : 'Record session', null, sessionLede(s),
    r ? notice('info', h('p', {}, `Saving keeps version ${r.version} in the record’s history.`)) : null,
    f.el);
}
