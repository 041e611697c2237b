// eligibility.js — may this client be treated, and from when? The same rules as the server
// (src/domain/eligibility.c, docs/CONSULTATIONS.md "Eligibility"), applied here to the wizard's
// answers for instant feedback; once a consultation is saved the server's answer is shown
// instead. Also the "Eligibility" panel both use: the status in plain words ("Eligible",
// "Caution", "Defer until 1 March 2027", "Refer") and each finding's message.
import { h, uid } from './dom.js';
import { gbDate } from './ui.js';

/** The clinic thresholds when the clinic has none of its own. */
export const DEFAULT_RULES = { transplant_wait_months: 9, chemo_wait_months: 6, scar_wait_months: 6, min_age: 18 };

const RANK = { eligible: 0, caution: 1, defer: 2, refer: 3 };

/** parseDate answers {y, m, d} for a real YYYY-MM-DD date, or null. */
export function parseDate(s) {
  const m = typeof s === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) : null;
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return null;
  return { y, m: mo, d };
}

function daysIn(y, m) {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const pad = (n, w = 2) => String(n).padStart(w, '0');
export const formatDate = (c) => `${pad(c.y, 4)}-${pad(c.m)}-${pad(c.d)}`;
const cmp = (a, b) => (a.y - b.y) || (a.m - b.m) || (a.d - b.d);

/** addMonths is d plus n calendar months, the day clamped to the month (31 May + 9 = 28 Feb). */
export function addMonths(d, n) {
  const months = d.y * 12 + (d.m - 1) + n;
  const y = Math.floor(months / 12);
  const m = (months % 12) + 1;
  return { y, m, d: Math.min(d.d, daysIn(y, m)) };
}

function ageOn(born, on) {
  let age = on.y - born.y;
  if (on.m < born.m || (on.m === born.m && on.d < born.d)) age -= 1;
  return age;
}

/**
 * assess applies every rule to a consultation (the API's JSON shape) as of `on` (YYYY-MM-DD)
 * for a client born on `dob` (or null), with the clinic's thresholds. Answers the server's
 * shape: {status, as_of, findings: [{rule, severity, until, message}]}.
 */
export function assess(c, dob, on, rules = DEFAULT_RULES) {
  const r = { ...DEFAULT_RULES, ...(rules || {}) };
  const today = parseDate(on);
  const m = c.medical || {};
  const findings = [];
  const add = (rule, severity, until, message) => findings.push({ rule, severity, until: until ? formatDate(until) : null, message });
  const waitAfter = (rule, date, months, what) => {
    const d = parseDate(date);
    if (!d) return;
    const until = addMonths(d, months);
    if (cmp(today, until) >= 0) return;
    add(rule, 'defer', until, `${what}: wait at least ${months} months, until ${formatDate(until)}.`);
  };

  const born = parseDate(dob);
  if (born && ageOn(born, today) < r.min_age) {
    let adult = addMonths(born, 12 * r.min_age);
    if (born.m === 2 && born.d === 29 && adult.d === 28) adult = { y: adult.y, m: 3, d: 1 };
    add('minor', 'refer', adult,
      `The client is under ${r.min_age} until ${formatDate(adult)}: SMP is a tattoo and may not be done on a minor.`);
  }
  waitAfter('transplant_recent', m.hair_transplant_on, r.transplant_wait_months, 'Recent hair transplant');
  if (m.blood_thinners && m.blood_thinners.length) {
    add('blood_thinners', 'caution', null,
      'Blood thinners increase bleeding: aspirin should be stopped before treatment (paracetamol or '
      + 'ibuprofen are fine); prescribed anticoagulants only with the prescriber\'s agreement.');
  }
  if ((m.scalp_conditions || []).includes('active_infection') || m.scalp_flare === true) {
    add('scalp_active', 'defer', null, 'Active scalp infection or flare-up: treat only once the scalp has settled.');
  }
  if (m.pigment_allergy === true && m.patch_test === 'positive') {
    add('pigment_allergy', 'refer', null,
      'Positive patch test to the pigment: do not treat with it; refer to a dermatologist.');
  } else if (m.pigment_allergy === true && m.patch_test !== 'negative') {
    add('pigment_allergy', 'defer', null,
      'History of pigment or tattoo allergy: do a patch test 48 to 72 hours before treatment, and '
      + 'treat only if it is negative.');
  }
  if (m.keloid === true) {
    add('keloid', 'caution', null, 'Tendency to keloid scarring: discuss the risk and consider a test area first.');
  }
  if (m.chemotherapy === 'ongoing') {
    add('chemotherapy_ongoing', 'defer', null,
      'Chemotherapy is ongoing: treat after it has ended and the scalp has recovered.');
  } else if (m.chemotherapy === 'ended') {
    waitAfter('chemotherapy_recent', m.chemotherapy_ended_on, r.chemo_wait_months, 'Chemotherapy ended recently');
  }
  if (m.pregnant === true) {
    add('pregnancy', 'defer', null, 'Pregnant or breastfeeding: defer treatment until after breastfeeding.');
  }
  if (c.scale === 'scar' && Number.isInteger(c.scar_age_months) && c.scar_age_months >= 0
      && c.scar_age_months < r.scar_wait_months) {
    const d = parseDate(c.date);
    if (d) {
      const until = addMonths(d, r.scar_wait_months - c.scar_age_months);
      if (cmp(today, until) < 0) {
        add('scar_recent', 'defer', until,
          `The scar is younger than ${r.scar_wait_months} months: wait until ${formatDate(until)}.`);
      }
    }
  }
  if (c.scale === 'alopecia_areata' && c.alopecia_active === true) {
    add('alopecia_active', 'caution', null,
      'Alopecia areata is still active: hair regrowing in treated patches can make the pigment look '
      + 'darker; agree this with the client first.');
  }
  const status = findings.reduce((s, f) => (RANK[f.severity] > RANK[s] ? f.severity : s), 'eligible');
  return { status, as_of: on, findings };
}

/** plainDates rewrites the YYYY-MM-DD dates in a message in words ("until 1 March 2027."). */
export const plainDates = (text) => text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (d) => gbDate(d));

const SEVERITY_WORDS = { eligible: 'Eligible', caution: 'Caution', defer: 'Defer', refer: 'Refer' };

/**
 * statusText is the status in plain words. A deferral names the day it ends when every deferring
 * finding has one (the latest of them): "Defer until 1 March 2027".
 */
export function statusText(result) {
  const word = SEVERITY_WORDS[result.status] || result.status;
  if (result.status !== 'defer') return word;
  const defers = result.findings.filter((f) => f.severity === 'defer');
  if (!defers.length || defers.some((f) => !f.until)) return word;
  const last = defers.map((f) => f.until).sort().at(-1);
  return `${word} until ${gbDate(last)}`;
}

/**
 * eligibilityPanel makes the "Eligibility" region: live (aria-live=polite) in the wizard, a
 * plain record on the consultation page. update(result, note) redraws it only when something
 * a person would read changed, so a screen reader hears each change once.
 */
export function eligibilityPanel({ live = false, note = null } = {}) {
  const hid = uid('elig');
  const body = h('div', { class: 'elig-body' });
  const noteEl = h('p', { class: 'hint elig-note' }, note || '');
  noteEl.hidden = !note;
  const el = h('section', {
    class: 'card elig', role: 'region', 'aria-labelledby': hid, 'aria-live': live ? 'polite' : null,
  }, h('h2', { id: hid }, 'Eligibility'), body, noteEl);
  let shown = null;
  function update(result, extra = null) {
    const words = statusText(result);
    const key = JSON.stringify([words, result.findings.map((f) => [f.severity, f.message]), extra]);
    if (key === shown) return;
    shown = key;
    body.replaceChildren(...[
      h('p', { class: `elig-status elig-${result.status}` }, words),
      result.findings.length
        ? h('ul', { class: 'elig-findings' }, result.findings.map((f) => h('li', { class: `elig-finding elig-${f.severity}` },
          h('span', { class: `tag tag-${f.severity}` }, SEVERITY_WORDS[f.severity] || f.severity), ' ',
          plainDates(f.message))))
        : h('p', {}, 'No finding stands in the way of treatment.'),
      extra ? h('p', { class: 'muted' }, extra) : null].filter(Boolean));
  }
  return { el, update };
}
