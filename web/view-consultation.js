// view-consultation.js — consultations (clinical roles only; every read is audited by the
// server): the wizard that records one in front of the client (Visit → Classification →
// Medical questionnaire → Review), used for new ones and for edits, with a live "Eligibility"
// panel worked out here from the answers; and the consultation's page, which shows the server's
// eligibility answer and every answer in words. One <form> holds all the steps, so nothing is
// lost moving between them; a refusal from the server is shown next to the field it names, on
// the step that holds it.
import { h, uid } from './dom.js';
import { all, ApiError, get, patch, post, session } from './api.js';
import { buildField, orNull } from './form.js';
import { go } from './router.js';
import { flash } from './flash.js';
import { checkValue, today } from './validate.js';
import { details, gbDate, gbDay, link, navButton, page, when } from './ui.js';
import { DEFAULT_RULES, assess, eligibilityPanel } from './eligibility.js';

// ---- words for the API's values ------------------------------------------------------------

export const MODES = { in_person: 'In person', phone: 'Phone', video: 'Video', photos: 'Photos sent in' };
const MODE_WORDS = { in_person: 'in person', phone: 'phone', video: 'video', photos: 'photos' };
const GOALS = {
  shaved_look: 'Shaved look (buzz cut)', density: 'Add density to thinning hair', scar: 'Hide a scar',
  alopecia: 'Cover alopecia patches', correction: 'Correct earlier SMP', touch_up: 'Touch-up',
};
const SCALES = {
  norwood: 'Norwood (male pattern)', ludwig: 'Ludwig (female pattern)', savin: 'Savin (female pattern, in detail)',
  alopecia_areata: 'Alopecia areata', scar: 'Scar',
};
const SCALE_SHORT = { norwood: 'Norwood', ludwig: 'Ludwig', savin: 'Savin', alopecia_areata: 'Alopecia areata', scar: 'Scar' };
const STAGE_NAMES = {
  patchy: 'Patchy', totalis: 'Totalis', universalis: 'Universalis',
  fut: 'FUT strip', fue: 'FUE dots', injury: 'Injury', burn: 'Burn', surgery: 'Surgery',
};
const stageName = (s) => STAGE_NAMES[s] || s;
const FITZPATRICK = [
  ['1', 'Type I', 'Very fair; always burns, never tans.'],
  ['2', 'Type II', 'Fair; usually burns, tans with difficulty.'],
  ['3', 'Type III', 'Medium; sometimes burns, tans gradually.'],
  ['4', 'Type IV', 'Olive; rarely burns, tans easily.'],
  ['5', 'Type V', 'Brown; very rarely burns, tans very easily.'],
  ['6', 'Type VI', 'Dark brown or black; never burns.'],
];
const SKINS = { oily: 'Oily', normal: 'Normal', dry: 'Dry' };
const SUN = { low: 'Low', moderate: 'Moderate', high: 'High' };
const TRAINING = { none: 'None', light: 'Light', regular: 'Regular', intense: 'Intense' };
const HAIRLINES = { soft: 'Soft', feathered: 'Feathered', jagged: 'Jagged (broken up)', defined: 'Defined (sharp)', receded: 'Receded (mature)' };
const TRANSPLANTS = { fue: 'FUE', fut: 'FUT (strip)', other: 'Other' };
const THINNERS = {
  aspirin: 'Aspirin', warfarin: 'Warfarin', apixaban: 'Apixaban (Eliquis)', rivaroxaban: 'Rivaroxaban (Xarelto)',
  dabigatran: 'Dabigatran (Pradaxa)', edoxaban: 'Edoxaban (Lixiana)', clopidogrel: 'Clopidogrel (Plavix)',
  heparin: 'Heparin', other: 'Another blood thinner',
};
const SCALP = {
  psoriasis: 'Psoriasis', eczema: 'Eczema', folliculitis: 'Folliculitis', active_infection: 'Active infection',
  seborrhoeic_dermatitis: 'Seborrhoeic dermatitis',
};
const PATCH = { not_done: 'Not done yet', negative: 'Negative', positive: 'Positive' };
const CHEMO = { none: 'No', ongoing: 'Yes, it is ongoing', ended: 'Yes, and it has ended' };

const opts = (map, empty) => [...(empty ? [{ value: '', label: empty }] : []),
  ...Object.entries(map).map(([value, label]) => ({ value, label }))];
const YES_NO = [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }];
const yesNo = (b) => (b === true ? 'Yes' : b === false ? 'No' : null);

/** consultationTitle names a consultation in a line: "Consultation — video — Norwood V". */
export function consultationTitle(c) {
  const parts = ['Consultation', MODE_WORDS[c.mode] || c.mode];
  if (c.scale) {
    const short = SCALE_SHORT[c.scale] || c.scale;
    parts.push(c.stage ? (c.scale === 'norwood' || c.scale === 'ludwig' || c.scale === 'savin'
      ? `${short} ${c.stage}` : `${short}, ${stageName(c.stage).toLowerCase()}`) : short);
  }
  return parts.join(' — ');
}

// ---- the answers in words (the review step and the consultation's page) -----------------------

function describe(c, { scales, practitioners }) {
  const m = c.medical || {};
  const stageDesc = scales.get(c.scale)?.get(c.stage);
  const practitioner = c.practitioner_id ? practitioners.get(Number(c.practitioner_id)) : null;
  const fitz = FITZPATRICK.find(([v]) => v === String(c.fitzpatrick));
  const dated = (text, ymd) => (ymd ? `${text}, on ${gbDate(ymd)}` : text);
  let allergy = 'No';
  if (m.pigment_allergy) {
    allergy = m.patch_test ? dated(`Yes — patch test ${m.patch_test}`, m.patch_test_on) : 'Yes — no patch test yet';
  }
  let scalp = 'No';
  if ((m.scalp_conditions || []).length || m.scalp_flare) {
    scalp = ['Yes', (m.scalp_conditions || []).map((s) => SCALP[s] || s).join(', '),
      m.scalp_flare ? 'flare-up now' : 'no flare-up now'].filter(Boolean).join(' — ');
  }
  const chemo = { none: 'No', ongoing: 'Yes — ongoing', ended: dated('Yes — ended', m.chemotherapy_ended_on) }[m.chemotherapy || 'none'];
  const scaleRows = [];
  if (c.scale === 'alopecia_areata') {
    scaleRows.push(['SALT score', c.salt === null || c.salt === undefined ? null : String(c.salt)],
      ['Still active', yesNo(c.alopecia_active)]);
  }
  if (c.scale === 'scar') {
    scaleRows.push(['Scar size', c.scar_size_cm2 ? `${c.scar_size_cm2} cm²` : null],
      ['Scar age', c.scar_age_months === null || c.scar_age_months === undefined ? null : `${c.scar_age_months} months`]);
  }
  return [
    { title: 'Visit', step: 0, rows: [
      ['Date', gbDay(c.date)],
      ['How', MODES[c.mode] || c.mode],
      ['Practitioner', practitioner ? practitioner.name : (c.practitioner_id ? `Practitioner ${c.practitioner_id}` : null)],
      ['Goal', GOALS[c.goal] || c.goal],
    ] },
    { title: 'Classification', step: 1, rows: [
      ['Scale', c.scale ? SCALES[c.scale] || c.scale : null],
      ['Stage', c.stage ? `${stageName(c.stage)}${stageDesc ? ` — ${stageDesc}` : ''}` : null],
      ...scaleRows,
      ['Fitzpatrick skin type', fitz ? `${fitz[1]} — ${fitz[2]}` : null],
      ['Skin', SKINS[c.skin] || null],
      ['Hair colour', c.hair_colour],
      ['Grey hair', c.grey_pct === null || c.grey_pct === undefined ? null : `${c.grey_pct}%`],
      ['Sun exposure', SUN[c.lifestyle?.sun_exposure] || null],
      ['Training', TRAINING[c.lifestyle?.training] || null],
      ['Swims regularly', yesNo(c.lifestyle?.swimming)],
      ['Hairline style', HAIRLINES[c.hairline?.style] || null],
      ['Conservative first', yesNo(c.hairline?.conservative_first)],
      ['Hairline notes', c.hairline?.notes ? h('span', { class: 'pre' }, c.hairline.notes) : null],
    ] },
    { title: 'Medical questionnaire', step: 2, rows: [
      ['Hair transplant', m.hair_transplant_on
        ? `${dated('Yes', m.hair_transplant_on)}${m.hair_transplant_type ? ` (${TRANSPLANTS[m.hair_transplant_type]})` : ''}` : 'No'],
      ['Blood thinners', (m.blood_thinners || []).length ? m.blood_thinners.map((b) => THINNERS[b] || b).join(', ') : 'No'],
      ['Pigment or tattoo allergy', allergy],
      ['Scalp condition', scalp],
      ['Chemotherapy', chemo],
      ['Pregnant or breastfeeding', m.pregnant ? 'Yes' : 'No'],
      ['Keloid scarring', m.keloid ? 'Yes' : 'No'],
      ['Diabetes', m.diabetes ? 'Yes' : 'No'],
      ['Other medicines', m.medications ? h('span', { class: 'pre' }, m.medications) : 'No'],
    ] },
  ];
}

// ---- the wizard ----------------------------------------------------------------------------

const STEPS = ['Visit', 'Classification', 'Medical questionnaire', 'Review'];
const STEP_SHORT = ['Visit', 'Classification', 'Medical', 'Review']; // the step indicator's words

/** The wizard's field values for a saved consultation (or the defaults for a new one). */
function initial(c, mine) {
  if (!c) return { date: today(), practitioner_id: mine ?? '' };
  const m = c.medical || {};
  const yn = (b) => (b === true ? 'yes' : b === false ? 'no' : '');
  const s = (v) => (v === null || v === undefined ? '' : String(v));
  return {
    date: c.date, mode: c.mode, practitioner_id: s(c.practitioner_id), goal: c.goal,
    scale: s(c.scale), ...(c.scale ? { [`stage_${c.scale}`]: s(c.stage) } : {}),
    salt: s(c.salt), alopecia_active: yn(c.alopecia_active), scar_size_cm2: s(c.scar_size_cm2),
    scar_age_months: s(c.scar_age_months), fitzpatrick: s(c.fitzpatrick), skin: s(c.skin),
    hair_colour: s(c.hair_colour), grey_pct: s(c.grey_pct),
    sun_exposure: s(c.lifestyle?.sun_exposure), training: s(c.lifestyle?.training), swimming: yn(c.lifestyle?.swimming),
    hairline_style: s(c.hairline?.style), conservative_first: c.hairline?.conservative_first === true,
    hairline_notes: s(c.hairline?.notes),
    transplant: m.hair_transplant_on ? 'yes' : 'no', hair_transplant_on: s(m.hair_transplant_on),
    hair_transplant_type: s(m.hair_transplant_type),
    thinners: (m.blood_thinners || []).length ? 'yes' : 'no', blood_thinners: m.blood_thinners || [],
    pigment_allergy: m.pigment_allergy ? 'yes' : 'no', patch_test: m.patch_test || 'not_done', patch_test_on: s(m.patch_test_on),
    scalp: (m.scalp_conditions || []).length || m.scalp_flare ? 'yes' : 'no', scalp_conditions: m.scalp_conditions || [],
    scalp_flare: m.scalp_flare ? 'yes' : 'no',
    chemotherapy: m.chemotherapy || 'none', chemotherapy_ended_on: s(m.chemotherapy_ended_on),
    pregnant: yn(!!m.pregnant), keloid: yn(!!m.keloid), diabetes: yn(!!m.diabetes),
    meds: m.medications ? 'yes' : 'no', medications: s(m.medications), notes: s(c.notes),
  };
}

/** body turns the wizard's values into the API's JSON (null clears a field on PATCH). */
function body(v) {
  const yes = (x) => x === 'yes';
  const yn = (x) => (x === 'yes' ? true : x === 'no' ? false : null);
  const num = (x) => (x === '' || x === undefined ? null : Number(String(x).replace(',', '.')));
  const scale = v.scale || null;
  const allergy = yes(v.pigment_allergy);
  const patchTest = allergy && (v.patch_test === 'negative' || v.patch_test === 'positive') ? v.patch_test : null;
  const scalp = yes(v.scalp);
  return {
    date: v.date, mode: v.mode || null, goal: v.goal || null,
    practitioner_id: v.practitioner_id ? Number(v.practitioner_id) : null,
    scale, stage: scale ? orNull(v[`stage_${scale}`] || '') : null,
    salt: scale === 'alopecia_areata' ? num(v.salt) : null,
    alopecia_active: scale === 'alopecia_areata' ? yn(v.alopecia_active) : null,
    scar_size_cm2: scale === 'scar' ? num(v.scar_size_cm2) : null,
    scar_age_months: scale === 'scar' ? num(v.scar_age_months) : null,
    fitzpatrick: num(v.fitzpatrick), skin: v.skin || null, hair_colour: orNull(v.hair_colour ?? ''),
    grey_pct: num(v.grey_pct),
    lifestyle: { sun_exposure: v.sun_exposure || null, training: v.training || null, swimming: yn(v.swimming) },
    hairline: { style: v.hairline_style || null, conservative_first: !!v.conservative_first, notes: orNull(v.hairline_notes ?? '') },
    medical: {
      hair_transplant_on: yes(v.transplant) ? orNull(v.hair_transplant_on) : null,
      hair_transplant_type: yes(v.transplant) ? v.hair_transplant_type || null : null,
      blood_thinners: yes(v.thinners) ? v.blood_thinners : [],
      pigment_allergy: allergy,
      patch_test: patchTest,
      patch_test_on: patchTest ? orNull(v.patch_test_on) : null,
      keloid: yes(v.keloid),
      scalp_conditions: scalp ? v.scalp_conditions : [],
      scalp_flare: scalp && yes(v.scalp_flare),
      pregnant: yes(v.pregnant),
      chemotherapy: v.chemotherapy || 'none',
      chemotherapy_ended_on: v.chemotherapy === 'ended' ? orNull(v.chemotherapy_ended_on) : null,
      diabetes: yes(v.diabetes),
      medications: yes(v.meds) ? orNull(v.medications ?? '') : null,
    },
    notes: orNull(v.notes ?? ''),
  };
}

/** The field specs; `step` places them, `when(values)` shows them, `apiName` is the server's name. */
function fieldSpecs(v, ctx) {
  const is = (name, value) => (x) => x[name] === value;
  const yesTo = (name) => is(name, 'yes');
  const scaleSpecs = [...ctx.scales.keys()].map((scale) => ({
    step: 1, name: `stage_${scale}`, apiName: 'stage', type: 'radios', required: true, when: is('scale', scale),
    label: `${SCALE_SHORT[scale] || scale} stage`, requiredMessage: `Choose the ${SCALE_SHORT[scale] || scale} stage`,
    options: [...ctx.scales.get(scale)].map(([stage, description]) => ({ value: stage, label: stageName(stage), description })),
  }));
  const practitioners = [...ctx.practitioners.values()].sort((a, b) => a.name.localeCompare(b.name));
  if (v.practitioner_id && !ctx.practitioners.has(Number(v.practitioner_id))) {
    practitioners.push({ id: Number(v.practitioner_id), name: `Practitioner ${v.practitioner_id} (no longer listed)` });
  }
  const yesNoSpec = (name, label, extra = {}) => ({ step: 2, name, label, type: 'radios', inline: true, options: YES_NO,
    required: true, requiredMessage: `Answer: ${label}`, ...extra });
  return [
    { step: 0, name: 'date', label: 'Date of the consultation', type: 'date', required: true, notFuture: true,
      notBefore: '1900-01-01', width: 'medium' },
    { step: 0, name: 'mode', label: 'How it is held', type: 'radios', inline: true, required: true,
      requiredMessage: 'Choose how the consultation is held', options: opts(MODES) },
    { step: 0, name: 'practitioner_id', label: 'Practitioner', type: 'select',
      options: [{ value: '', label: 'Not recorded' }, ...practitioners.map((p) => ({ value: p.id, label: p.name }))] },
    { step: 0, name: 'goal', label: 'The client’s goal', type: 'radios', required: true,
      requiredMessage: 'Choose the client’s goal', options: opts(GOALS) },

    { step: 1, name: 'scale', label: 'Classification scale', type: 'radios',
      options: [{ value: '', label: 'Not classified' }, ...[...ctx.scales.keys()].map((s) => ({ value: s, label: SCALES[s] || s }))] },
    ...scaleSpecs,
    { step: 1, name: 'salt', label: 'SALT score', type: 'number', min: 0, max: 100, width: 'short',
      hint: 'The percentage of the scalp without hair, 0 to 100.', when: is('scale', 'alopecia_areata') },
    { step: 1, name: 'alopecia_active', label: 'Is the alopecia still active?', type: 'radios', inline: true,
      options: YES_NO, hint: 'New patches appearing or spreading.', when: is('scale', 'alopecia_areata') },
    { step: 1, name: 'scar_size_cm2', label: 'Scar size (cm²)', inputmode: 'decimal', width: 'short',
      hint: 'For example 12.5.', when: is('scale', 'scar'),
      check: (x) => (x === '' || (/^\d{1,4}([.,]\d)?$/.test(x) && Number(x.replace(',', '.')) > 0 && Number(x.replace(',', '.')) <= 1000)
        ? null : 'Scar size must be a number above 0 and up to 1000, with at most one decimal place') },
    { step: 1, name: 'scar_age_months', label: 'Scar age (months)', type: 'number', min: 0, max: 1200, width: 'short',
      when: is('scale', 'scar') },
    { step: 1, name: 'fitzpatrick', label: 'Fitzpatrick skin type', type: 'radios',
      options: FITZPATRICK.map(([value, label, description]) => ({ value, label, description })) },
    { step: 1, name: 'skin', label: 'Skin', type: 'select', options: opts(SKINS, 'Not recorded'), width: 'medium' },
    { step: 1, name: 'hair_colour', label: 'Hair colour', maxLength: 100, hint: 'The client’s own hair, for example dark brown.' },
    { step: 1, name: 'grey_pct', label: 'Grey hair (%)', type: 'number', min: 0, max: 100, width: 'short' },
    { step: 1, group: 'lifestyle', name: 'sun_exposure', apiName: 'lifestyle.sun_exposure', label: 'Sun exposure', type: 'select',
      options: opts(SUN, 'Not recorded'), width: 'medium' },
    { step: 1, group: 'lifestyle', name: 'training', apiName: 'lifestyle.training', label: 'Training and sweating', type: 'select',
      options: opts(TRAINING, 'Not recorded'), width: 'medium' },
    { step: 1, group: 'lifestyle', name: 'swimming', apiName: 'lifestyle.swimming', label: 'Swims regularly?', type: 'radios',
      inline: true, options: YES_NO },
    { step: 1, group: 'hairline', name: 'hairline_style', apiName: 'hairline.style', label: 'Hairline style', type: 'select',
      options: opts(HAIRLINES, 'Not decided'), width: 'medium' },
    { step: 1, group: 'hairline', name: 'conservative_first', apiName: 'hairline.conservative_first', label: 'Conservative first',
      type: 'checkbox', hint: 'Start with a softer, lower-density hairline that later sessions can build on.' },
    { step: 1, group: 'hairline', name: 'hairline_notes', apiName: 'hairline.notes', label: 'Hairline notes', type: 'textarea',
      rows: 3, maxLength: 5000 },

    yesNoSpec('transplant', 'Has the client had a hair transplant?'),
    { step: 2, follow: 'transplant', name: 'hair_transplant_on', apiName: 'medical.hair_transplant_on', label: 'Date of the transplant',
      type: 'date', required: true, notFuture: true, notBefore: '1900-01-01', width: 'medium', when: yesTo('transplant'),
      hint: 'If only the month is known, use the 1st.' },
    { step: 2, follow: 'transplant', name: 'hair_transplant_type', apiName: 'medical.hair_transplant_type', label: 'Type of transplant',
      type: 'select', options: opts(TRANSPLANTS, 'Not known'), width: 'medium', when: yesTo('transplant') },
    yesNoSpec('thinners', 'Does the client take aspirin or another blood thinner?'),
    { step: 2, follow: 'thinners', name: 'blood_thinners', apiName: 'medical.blood_thinners', label: 'Which blood thinners?',
      type: 'checkboxes', options: opts(THINNERS), when: yesTo('thinners'),
      check: (x) => (x.length ? null : 'Choose the blood thinners the client takes') },
    yesNoSpec('pigment_allergy', 'Has the client had an allergic reaction to a pigment or tattoo?', { apiName: 'medical.pigment_allergy' }),
    { step: 2, follow: 'pigment_allergy', name: 'patch_test', apiName: 'medical.patch_test', label: 'Patch test result', type: 'radios',
      inline: true, required: true, requiredMessage: 'Choose the patch test result', options: opts(PATCH), when: yesTo('pigment_allergy') },
    { step: 2, follow: 'pigment_allergy', name: 'patch_test_on', apiName: 'medical.patch_test_on', label: 'Date of the patch test',
      type: 'date', notFuture: true, notBefore: '1900-01-01', width: 'medium',
      when: (x) => x.pigment_allergy === 'yes' && (x.patch_test === 'negative' || x.patch_test === 'positive') },
    yesNoSpec('scalp', 'Does the client have a scalp condition?'),
    { step: 2, follow: 'scalp', name: 'scalp_conditions', apiName: 'medical.scalp_conditions', label: 'Which conditions?',
      type: 'checkboxes', options: opts(SCALP), when: yesTo('scalp'),
      check: (x) => (x.length ? null : 'Choose the scalp conditions') },
    { step: 2, follow: 'scalp', name: 'scalp_flare', apiName: 'medical.scalp_flare', label: 'Is there a flare-up now?', type: 'radios',
      inline: true, options: YES_NO, required: true, requiredMessage: 'Answer: is there a flare-up now?', when: yesTo('scalp') },
    { step: 2, name: 'chemotherapy', apiName: 'medical.chemotherapy', label: 'Has the client had chemotherapy?', type: 'radios',
      inline: true, required: true, requiredMessage: 'Answer: has the client had chemotherapy?', options: opts(CHEMO) },
    { step: 2, follow: 'chemotherapy', name: 'chemotherapy_ended_on', apiName: 'medical.chemotherapy_ended_on',
      label: 'Date chemotherapy ended', type: 'date', required: true, notFuture: true, notBefore: '1900-01-01', width: 'medium',
      when: is('chemotherapy', 'ended') },
    yesNoSpec('pregnant', 'Is the client pregnant or breastfeeding?', { apiName: 'medical.pregnant' }),
    yesNoSpec('keloid', 'Does the client tend to form keloid (raised) scars?', { apiName: 'medical.keloid' }),
    yesNoSpec('diabetes', 'Does the client have diabetes?', { apiName: 'medical.diabetes' }),
    yesNoSpec('meds', 'Does the client take any other medicines?'),
    { step: 2, follow: 'meds', name: 'medications', apiName: 'medical.medications', label: 'Which medicines?', type: 'textarea',
      rows: 3, maxLength: 5000, required: true, requiredMessage: 'Enter the medicines the client takes', when: yesTo('meds') },

    { step: 3, name: 'notes', label: 'Notes', type: 'textarea', rows: 4, maxLength: 10000 },
  ].map((s) => ({ ...s, value: v[s.name] }));
}

/**
 * wizard builds the stepped form. ctx: {client, rules, scales: Map(scale → Map(stage → words)),
 * practitioners: Map(id → practitioner)}; c: the saved consultation or null; onSave(body) →
 * the saved consultation. Answers the node to put on the page.
 */
function wizard(ctx, c, onSave, cancelHash) {
  const mine = [...ctx.practitioners.values()].find((p) => p.user_id && p.user_id === session.user?.id)?.id;
  const fields = fieldSpecs(initial(c, mine), ctx).map((spec) => {
    const f = buildField(spec);
    f.dirty = false;
    return f;
  });
  const byName = new Map(fields.map((f) => [f.spec.name, f]));
  const values = () => Object.fromEntries(fields.map((f) => [f.spec.name, f.read()]));
  const visible = (f, v) => !f.spec.when || f.spec.when(v);
  const problem = (f, v) => checkValue(f.spec, f.read(), f.inputs[0]) || (f.spec.check ? f.spec.check(f.read(), v) : null);

  // the error summary, shared by all the steps: its links go to the step holding the field
  const summaryList = h('ul', {});
  const summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true, role: 'alert' },
    h('h2', {}, 'There is a problem'), summaryList);
  function showSummary(items) {
    summaryList.replaceChildren(...items.map(({ f, msg }) => h('li', {}, f
      ? h('a', { href: `#${f.focusTarget()?.id || f.id}`, onclick: (e) => { e.preventDefault(); show(f.spec.step, false); f.focusTarget()?.focus(); } }, msg)
      : msg)));
    summary.hidden = !items.length;
  }

  // the steps: each a <section> with its heading; the indicator lets a person jump to any step
  let step = 0;
  const headings = STEPS.map((title, i) => h('h2', { class: 'step-heading', tabindex: '-1' },
    h('span', { class: 'step-of' }, `Step ${i + 1} of ${STEPS.length}`), ' ', title));
  const sections = headings.map((heading) => h('section', { class: 'step' }, heading));
  const indicator = STEP_SHORT.map((title, i) => h('li', {},
    h('button', { type: 'button', class: 'step-link', onclick: () => show(i, true) },
      h('span', { class: 'step-n', 'aria-hidden': 'true' }, String(i + 1)),
      h('span', { class: 'visually-hidden' }, `Step ${i + 1}: `), title)));

  // place the fields: groups (Lifestyle, Hairline) and the follow-up questions under their answer
  const groups = new Map();
  const follows = new Map();
  for (const f of fields) {
    const s = f.spec;
    if (s.group) {
      if (!groups.has(s.group)) {
        const g = h('fieldset', { class: 'group' }, h('legend', {}, s.group === 'lifestyle' ? 'Lifestyle' : 'Hairline'));
        groups.set(s.group, g);
        sections[s.step].append(g);
      }
      groups.get(s.group).append(f.wrap);
    } else if (s.follow) {
      if (!follows.has(s.follow)) {
        const box = h('div', { class: 'follow-up' });
        follows.set(s.follow, box);
        byName.get(s.follow).wrap.after(box);
      }
      follows.get(s.follow).append(f.wrap);
    } else {
      sections[s.step].append(s.step === 2 ? h('div', { class: 'question' }, f.wrap) : f.wrap);
    }
  }
  const review = h('div', { class: 'review' });
  sections[3].insertBefore(review, byName.get('notes').wrap);
  sections[3].insertBefore(h('p', { class: 'lede' }, 'Check the answers, add any notes, then save.'), review);

  const back = h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => show(step - 1, true) }, 'Back');
  const next = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Next');
  const save = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Save consultation');
  const form = h('form', { class: 'form wizard-form', novalidate: true, 'aria-label': 'Consultation' },
    h('nav', { class: 'steps', 'aria-label': 'Consultation steps' }, h('ol', {}, indicator)),
    summary, sections,
    h('div', { class: 'form-actions' }, back, next, save,
      h('button', { type: 'button', class: 'btn btn-quiet', onclick: () => go(cancelHash) }, 'Cancel')));

  const panel = eligibilityPanel({ live: true, note: 'Worked out here from the answers so far; the server checks again once the consultation is saved.' });

  function drawReview() {
    const v = body(values());
    review.replaceChildren(...describe(v, ctx).map((s) => h('section', { class: 'review-part', 'aria-label': s.title },
      h('div', { class: 'review-head' }, h('h3', {}, s.title),
        h('button', { type: 'button', class: 'btn btn-quiet', 'aria-label': `Change ${s.title.toLowerCase()}`, onclick: () => show(s.step, true) }, 'Change')),
      details(s.rows))));
  }

  function refresh() {
    const v = values();
    for (const f of fields) {
      const on = visible(f, v);
      f.wrap.hidden = !on;
      if (!on && f.shown) f.show(null);
    }
    for (const box of follows.values()) box.hidden = [...box.children].every((x) => x.hidden);
    if (!summary.hidden) {
      const items = fields.filter((f) => f.shown).map((f) => ({ f, msg: f.shown }));
      const now = items.map((x) => x.msg).join('\n');
      if (!items.length) summary.hidden = true;
      else if (now !== [...summaryList.children].map((li) => li.textContent).join('\n')) showSummary(items);
    }
    panel.update(assess(body(v), ctx.client.date_of_birth, today(), ctx.rules));
  }

  /** show moves to step i; focus goes to its heading when `focus` (a person asked to move). */
  function show(i, focus) {
    step = Math.max(0, Math.min(STEPS.length - 1, i));
    sections.forEach((s, k) => { s.hidden = k !== step; });
    indicator.forEach((li, k) => {
      const b = li.firstChild;
      if (k === step) b.setAttribute('aria-current', 'step'); else b.removeAttribute('aria-current');
      li.classList.toggle('done', k < step);
    });
    back.hidden = step === 0;
    next.hidden = step === STEPS.length - 1;
    save.hidden = step !== STEPS.length - 1;
    if (step === STEPS.length - 1) drawReview();
    if (focus) headings[step].focus();
  }

  /** check shows the problems of the visible fields of the given steps; answers them. */
  function check(steps) {
    const v = values();
    const bad = [];
    for (const f of fields) {
      if (!steps.includes(f.spec.step)) continue;
      const msg = visible(f, v) ? problem(f, v) : null;
      f.show(msg);
      if (msg) bad.push({ f, msg });
    }
    return bad;
  }

  for (const f of fields) {
    for (const i of f.inputs) {
      i.addEventListener('input', () => {
        f.dirty = true;
        if (f.shown) { f.show(problem(f, values())); }
      });
      i.addEventListener('change', () => {
        f.dirty = true;
        if (f.shown) f.show(problem(f, values()));
      });
      i.addEventListener('blur', (e) => {
        if (!f.dirty || f.wrap.hidden) return;
        const to = e.relatedTarget;
        if (to && (to.closest('.form-actions') || f.inputs.includes(to))) return; // the click would move away
        if (f.spec.type !== 'radios' && f.spec.type !== 'checkboxes') f.show(problem(f, values()));
      });
    }
  }
  form.addEventListener('input', refresh);
  form.addEventListener('change', refresh);

  let busy = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    if (step < STEPS.length - 1) {
      const bad = check([step]);
      if (bad.length) { showSummary(bad); summary.focus(); return; }
      showSummary([]);
      show(step + 1, true);
      return;
    }
    const bad = check([0, 1, 2, 3]);
    if (bad.length) {
      show(bad[0].f.spec.step, false);
      showSummary(bad);
      summary.focus();
      return;
    }
    showSummary([]);
    busy = true;
    form.setAttribute('aria-busy', 'true');
    try {
      await onSave(body(values()));
    } catch (e) {
      showError(e);
    } finally {
      busy = false;
      form.removeAttribute('aria-busy');
    }
  });

  /** showError puts the server's refusal next to the field it names, on that field's step. */
  function showError(e) {
    if (e instanceof ApiError && e.status === 401) return; // the app shows sign-in
    let msg = e instanceof ApiError ? e.message : 'Something went wrong. Try again.';
    if (e instanceof ApiError && e.status === 403 && e.code === 'forbidden') msg = `Your role (${session.user?.role || 'unknown'}) can't do this.`;
    const v = values();
    const f = e.field ? fields.find((x) => (x.spec.apiName || x.spec.name) === e.field && visible(x, v)) : null;
    if (f && msg.startsWith(e.field)) msg = f.spec.label + msg.slice(e.field.length);
    msg = msg.charAt(0).toUpperCase() + msg.slice(1);
    if (f) { show(f.spec.step, false); f.show(msg); }
    showSummary([{ f, msg }, ...fields.filter((x) => x.shown && x !== f).map((x) => ({ f: x, msg: x.shown }))]);
    summary.focus();
  }

  show(0, false);
  refresh();
  return h('div', { class: 'wizard' }, form, h('div', { class: 'wizard-side' }, panel.el));
}

/** The scales as Map(scale → Map(stage → words)), in the server's order. */
async function loadScales() {
  const r = await get('/api/v1/classification-scales');
  return new Map(r.items.map((s) => [s.scale, new Map(s.stages.map((x) => [x.stage, x.description]))]));
}

async function loadContext(clientId, clinicId) {
  const [client, scales, practitioners] = await Promise.all([
    get(`/api/v1/clients/${encodeURIComponent(clientId)}`), loadScales(), all('/api/v1/practitioners')]);
  let rules = DEFAULT_RULES;
  try {
    const clinic = await get(`/api/v1/clinics/${clinicId ?? client.clinic_id}`);
    if (clinic.eligibility) rules = { ...DEFAULT_RULES, ...clinic.eligibility };
  } catch (e) { if (e.status === 401) throw e; }
  return { client, rules, scales, practitioners: new Map(practitioners.map((p) => [p.id, p])) };
}

const fullName = (c) => `${c.first_name} ${c.last_name}`;

export async function consultationNew({ params }) {
  const ctx = await loadContext(params.id);
  const node = wizard(ctx, null, async (b) => {
    const saved = await post(`/api/v1/clients/${ctx.client.id}/consultations`, b);
    flash('Saved');
    go(`#/consultations/${saved.id}`);
  }, `#/clients/${ctx.client.id}`);
  return page('New consultation', null, h('p', { class: 'lede' }, 'For ', link(fullName(ctx.client), `#/clients/${ctx.client.id}`)), node);
}

export async function consultationEdit({ params }) {
  const c = await get(`/api/v1/consultations/${encodeURIComponent(params.id)}`);
  const ctx = await loadContext(c.client_id, c.clinic_id);
  const node = wizard(ctx, c, async (b) => {
    await patch(`/api/v1/consultations/${c.id}`, b);
    flash('Saved');
    go(`#/consultations/${c.id}`);
  }, `#/consultations/${c.id}`);
  return page('Edit consultation', null,
    h('p', { class: 'lede' }, 'For ', link(fullName(ctx.client), `#/clients/${ctx.client.id}`), `, ${gbDate(c.date)}`), node);
}

export async function consultationPage({ params }) {
  const id = encodeURIComponent(params.id);
  const [c, eligibility, scales, practitioners] = await Promise.all([
    get(`/api/v1/consultations/${id}`), get(`/api/v1/consultations/${id}/eligibility`), loadScales(), all('/api/v1/practitioners')]);
  const client = await get(`/api/v1/clients/${c.client_id}`);
  const ctx = { scales, practitioners: new Map(practitioners.map((p) => [p.id, p])) };
  const panel = eligibilityPanel();
  panel.update(eligibility, `As of ${gbDate(eligibility.as_of)}.`);
  const parts = describe(c, ctx).map((s) => {
    const hid = uid('sec');
    return h('section', { class: 'card', 'aria-labelledby': hid }, h('h2', { id: hid }, s.title), details(s.rows));
  });
  const nid = uid('sec');
  return page(`Consultation on ${gbDate(c.date)}`, [navButton('Edit consultation', `#/consultations/${c.id}/edit`, 'primary'),
    navButton('New quote', `#/clients/${c.client_id}/quotes/new?consultation=${c.id}`)],
    h('p', { class: 'lede' }, 'For ', link(fullName(client), `#/clients/${client.id}`), ` — ${consultationTitle(c)}`),
    h('div', { class: 'consultation-grid' },
      h('div', { class: 'consultation-main' }, parts,
        h('section', { class: 'card', 'aria-labelledby': nid }, h('h2', { id: nid }, 'Notes'),
          c.notes ? h('p', { class: 'pre' }, c.notes) : h('p', { class: 'muted' }, 'No notes.'),
          details([['Recorded', when(c.created_at)], ['Last changed', when(c.updated_at)]]))),
      h('div', { class: 'consultation-side' }, panel.el)));
}
