// view-recalls.js — touch-up recall. The list (#/recalls): per clinic, the clients due a
// touch-up before a date (or all of them), soonest first, with the last recorded session, the
// due date (overdue marked), why it comes sooner (oily skin, high sun), whether a touch-up is
// already booked, and "Send recall" per client, whose result (queued, or already sent for this
// due date) is shown in the row. recallRulesCard is the clinic page's recall rule: read by every
// role, edited by owners and managers.
import { h } from './dom.js';
import { all, can, get, put, post } from './api.js';
import { createForm } from './form.js';
import { setQuery } from './router.js';
import { announce, details, gbDate, gbDay, link, notice, page, table } from './ui.js';
import { addDays, todayIn } from './time.js';

const ADMIN = ['owner', 'manager'];
const months = (n) => `${n} month${n === 1 ? '' : 's'}`;

export async function recallsList({ query: q }) {
  const clinics = await all('/api/v1/clinics');
  if (!clinics.length) return page('Recalls', null, notice('info', h('p', {}, 'There are no clinics yet.')));
  const clinic = clinics.find((c) => c.id === Number(q.get('clinic'))) || clinics[0];
  const today = todayIn(clinic.timezone);
  // ?before=all shows everyone with a recorded session; no ?before, the next two months
  const before = q.get('before') === 'all' ? '' : q.get('before') || addDays(today, 62);

  const results = h('div', { class: 'recall-results' });
  const f = createForm({
    label: 'Which recalls',
    submitLabel: 'Show',
    fields: [
      { name: 'clinic', label: 'Clinic', type: 'select', value: clinic.id, options: clinics.map((c) => ({ value: c.id, label: c.name })) },
      { name: 'before', label: 'Due before', type: 'date', value: before, width: 'medium', hint: 'Leave empty to see everyone with a recorded session.' },
    ],
    onSubmit: async (v) => {
      setQuery({ clinic: v.clinic, before: v.before || 'all' });
      await load(clinics.find((c) => c.id === Number(v.clinic)), v.before);
    },
  });
  f.el.classList.add('form-inline', 'filters');

  async function load(c, until) {
    const r = await get(`/api/v1/recalls?clinic_id=${c.id}${until ? `&due_before=${until}` : ''}`);
    const rows = r.items;
    const rule = r.rules;
    results.replaceChildren(
      h('p', { class: 'result-count', role: 'status' },
        `${rows.length} client${rows.length === 1 ? '' : 's'} at ${c.name}${until ? ` due before ${gbDate(until)}` : ' with a recorded session'}. `,
        `The rule: a touch-up ${months(rule.base_months)} after the last session, ${months(rule.oily_sooner_months)} sooner for oily skin, ${months(rule.sun_sooner_months)} sooner for high sun, never under ${months(rule.min_months)}.`),
      table({
        caption: `Touch-up recalls at ${c.name}`,
        empty: 'Nobody is due a touch-up in this period.',
        rows,
        columns: [
          { label: 'Client', cell: (x) => link(`${x.first_name} ${x.last_name}`, `#/clients/${x.client_id}`) },
          { label: 'Due', class: 'nowrap', cell: (x) => [gbDay(x.due_on), x.overdue ? [' ', h('span', { class: 'tag tag-off' }, 'Overdue')] : null] },
          { label: 'Last session', class: 'nowrap', cell: (x) => gbDay(x.last_session_on) },
          { label: 'Reason', cell: (x) => (x.sooner_for.length ? `Sooner for ${x.sooner_for.join(' and ')}` : `${months(rule.base_months)} after the last session`) },
          { label: 'Touch-up', cell: (x) => (x.touch_up_booked ? h('span', { class: 'tag tag-on' }, 'Booked') : 'Not booked') },
          { label: 'Recall', cell: (x) => sendCell(c, x) },
        ],
      }));
  }

  function sendCell(c, x) {
    const name = `${x.first_name} ${x.last_name}`;
    const out = h('span', { class: 'recall-result', role: 'status' });
    const btn = h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'aria-label': `Send recall to ${name}` }, 'Send recall');
    btn.addEventListener('click', async () => {
      btn.disabled = true;
      out.textContent = '';
      try {
        const r = await post('/api/v1/recalls/notify', { clinic_id: c.id, client_ids: [x.client_id] });
        out.textContent = r.queued ? 'Sent to the outbox' : (x.email || x.phone ? 'Already sent for this due date' : 'No email or phone to send to');
        announce(`${name}: ${out.textContent}`);
      } catch (e) {
        if (e.status !== 401) out.textContent = e.message.charAt(0).toUpperCase() + e.message.slice(1);
      } finally {
        btn.disabled = false;
      }
    });
    return h('div', { class: 'recall-send' }, btn, out);
  }

  await load(clinic, before);
  return page('Recalls', null,
    h('p', { class: 'lede' }, 'Clients due a touch-up, soonest first: their last recorded session plus the clinic’s rule, sooner for oily skin and high sun. ',
      'Send recall puts a message in the outbox (once per due date); the client’s timeline shows it.'),
    f.el, results);
}

/** recallRulesCard: the clinic's touch-up rule, with a form for owners and managers. */
export async function recallRulesCard(c) {
  const r = await get(`/api/v1/clinics/${c.id}/recall-rules`);
  const body = [];
  if (can(...ADMIN)) {
    const f = createForm({
      label: 'Touch-up recall rule',
      submitLabel: 'Save the rule',
      fields: [
        { name: 'base_months', label: 'Months from the last session', type: 'number', min: 6, max: 120, required: true, width: 'short', value: String(r.base_months) },
        { name: 'oily_sooner_months', label: 'Months sooner for oily skin', type: 'number', min: 0, max: 60, required: true, width: 'short', value: String(r.oily_sooner_months) },
        { name: 'sun_sooner_months', label: 'Months sooner for high sun exposure', type: 'number', min: 0, max: 60, required: true, width: 'short', value: String(r.sun_sooner_months) },
        { name: 'min_months', label: 'Never sooner than (months)', type: 'number', min: 1, max: 120, required: true, width: 'short', value: String(r.min_months),
          check: (x, v) => (Number(x) > Number(v.base_months) ? 'Never sooner than can’t be more than the months from the last session' : null) },
      ],
      onSubmit: async (v) => {
        await put(`/api/v1/clinics/${c.id}/recall-rules`, Object.fromEntries(Object.entries(v).map(([k, x]) => [k, Number(x)])));
        announce('Recall rule saved');
      },
    });
    f.el.classList.add('form-plain');
    body.push(h('p', { class: 'muted' }, 'Oily skin and high sun come from the client’s latest consultation.'), f.el);
  } else {
    body.push(details([
      ['Touch-up due', `${months(r.base_months)} after the last session`],
      ['Oily skin', `${months(r.oily_sooner_months)} sooner`],
      ['High sun exposure', `${months(r.sun_sooner_months)} sooner`],
      ['Never sooner than', months(r.min_months)],
    ]));
  }
  return h('section', { class: 'card', 'aria-labelledby': 'recall-rules-h' },
    h('h2', { id: 'recall-rules-h' }, 'Touch-up recall'), body,
    h('p', {}, link(`Recall list of ${c.name}`, `#/recalls?clinic=${c.id}`)));
}
