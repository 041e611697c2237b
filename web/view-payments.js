// view-payments.js — money on a course, from GET /api/v1/clients/{id}/account: the course's
// account on its page (total from the accepted quote, deposit, paid, refunded, balance due,
// every payment with its receipt PDF), "Record payment" (cash, card, bank transfer or finance,
// in pounds) and "Refund" (with its reason), the finance provider and reference, and the
// finance calculator (amount, months, APR → the server's instalment plan and representative
// example, GET /api/v1/finance). The client's page gets a short line per course. Amounts are
// typed in pounds and sent as integer pence (money.js); the server decides what is allowed and
// its refusals are shown beside the field.
import { h, uid } from './dom.js';
import { get, post, put, query } from './api.js';
import { createForm } from './form.js';
import { announce, gbDay, link, modal, notice, table } from './ui.js';
import { METHODS, checkPercent, checkPounds, formatPence, parsePounds, poundsText } from './money.js';

const methodOptions = Object.entries(METHODS).map(([value, label]) => ({ value, label }));

/** accountOf answers the account of course id of client clientId, or null. */
async function accountOf(clientId, courseId) {
  const r = await get(`/api/v1/clients/${clientId}/account`);
  return r.courses.find((x) => x.course_id === courseId) || null;
}

/** figures shows an account's sums as a row of labelled amounts. */
function figures(x) {
  const m = (p) => formatPence(p, x.currency);
  const fig = (label, value, cls) => h('div', { class: `money-fig ${cls || ''}` }, h('dt', {}, label), h('dd', {}, value));
  return h('dl', { class: 'money-figs' },
    fig('Total', m(x.total_pence)),
    fig('Deposit', [m(x.deposit_pence), ' ', h('span', { class: `tag ${x.deposit_paid ? 'tag-on' : 'tag-update'}` }, x.deposit_paid ? 'paid' : 'due')]),
    fig('Paid', m(x.paid_pence)),
    fig('Refunded', m(x.refunded_pence)),
    fig('Balance due', h('strong', { class: 'balance-due' }, x.balance_text || m(x.balance_pence)), 'money-fig-balance'));
}

/**
 * courseAccount answers the "Payments" section of a course's page; it redraws itself after a
 * payment, a refund or a finance change, and announces what happened.
 */
export async function courseAccount(course) {
  const sec = h('section', { class: 'card course-account', 'aria-labelledby': 'course-pay-h' });
  const calcHolder = h('div', {});
  async function draw(message) {
    let x;
    try {
      x = await accountOf(course.client_id, course.id);
    } catch (e) {
      if (e.status === 401) throw e;
      sec.replaceChildren(h('h2', { id: 'course-pay-h' }, 'Payments'), notice('warn', h('p', {}, `The account could not be loaded: ${e.message}`)));
      return;
    }
    const heading = h('h2', { id: 'course-pay-h', tabindex: '-1' }, 'Payments');
    if (!x || !x.quote_id) {
      sec.replaceChildren(heading, h('p', { class: 'muted' }, 'No accepted quote: nothing is due on this course. Accept a quote to create a course with its price.'));
      return;
    }
    const record = h('button', { type: 'button', class: 'btn btn-primary', disabled: x.balance_pence <= 0 },
      x.balance_pence <= 0 ? 'Paid in full' : 'Record payment');
    record.addEventListener('click', () => paymentDialog(x, 'payment', draw));
    const refund = h('button', { type: 'button', class: 'btn btn-secondary', disabled: x.paid_pence - x.refunded_pence <= 0 }, 'Refund');
    refund.addEventListener('click', () => paymentDialog(x, 'refund', draw));
    const fin = h('button', { type: 'button', class: 'btn btn-secondary' }, x.finance_provider ? 'Change finance' : 'Record finance');
    fin.addEventListener('click', () => financeDialog(x, draw));
    sec.replaceChildren(heading,
      x.quote_id ? h('p', { class: 'muted' }, 'From ', link('the accepted quote', `#/quotes/${x.quote_id}`), '.') : null,
      figures(x),
      h('p', { class: 'finance-line' }, x.finance_provider
        ? ['Finance: ', h('strong', {}, x.finance_provider), x.finance_reference ? `, agreement ${x.finance_reference}` : '', '.']
        : h('span', { class: 'muted' }, 'No finance agreement recorded.')),
      h('div', { class: 'actions' }, record, refund, fin),
      h('h3', { class: 'timeline-h' }, 'Payments and refunds'),
      table({
        caption: 'Payments and refunds on this course',
        empty: 'Nothing paid yet.',
        rows: x.payments,
        columns: [
          { label: 'Date', cell: (p) => gbDay(p.created_at) },
          { label: 'What', cell: (p) => (p.kind === 'refund' ? 'Refund' : 'Payment') },
          { label: 'Method', cell: (p) => METHODS[p.method] || p.method },
          { label: 'Amount', cell: (p) => (p.kind === 'refund' ? `−${p.text}` : p.text), class: 'num' },
          { label: 'Reference or reason', cell: (p) => [p.reference, p.reason].filter(Boolean).join(' — ') },
          { label: 'Receipt', cell: (p) => h('a', { href: `/api/v1/payments/${p.id}/receipt.pdf`, download: `receipt-${p.id}.pdf` },
            p.kind === 'refund' ? 'Refund note' : 'Receipt', h('span', { class: 'visually-hidden' }, ` for ${p.text} (PDF)`)) },
        ],
      }));
    if (!calcHolder.firstChild && x.balance_pence > 0) calcHolder.append(financeCalculator({ pence: x.balance_pence - (x.deposit_paid ? 0 : x.deposit_pence), currency: x.currency }));
    if (message) { announce(message); heading.focus(); }
  }
  await draw();
  return h('div', {}, sec, calcHolder);
}

/** paymentDialog asks for a payment or refund of account x and records it; then redraw(msg). */
function paymentDialog(x, kind, redraw) {
  const refund = kind === 'refund';
  const most = refund ? x.paid_pence - x.refunded_pence : x.balance_pence;
  const f = createForm({
    label: refund ? 'Refund' : 'Record payment',
    submitLabel: refund ? 'Record refund' : 'Record payment',
    cancel: { label: 'Cancel', run: () => dlg.close() },
    fields: [
      { name: 'pence', label: 'Amount (£)', required: true, inputmode: 'decimal', width: 'medium',
        value: refund ? '' : poundsText(x.deposit_paid ? x.balance_pence : Math.min(x.deposit_pence, x.balance_pence)),
        hint: refund ? `At most ${formatPence(most, x.currency)}, what was paid.` : `Balance due ${formatPence(most, x.currency)}; the deposit is ${formatPence(x.deposit_pence, x.currency)}.`,
        check: (v) => checkPounds(v, { min: 1, label: 'The amount' }) },
      { name: 'method', label: refund ? 'Refunded by' : 'Paid by', type: 'radios', inline: true, required: true, value: 'card', options: methodOptions },
      ...(refund ? [{ name: 'reason', label: 'Reason', type: 'textarea', rows: 3, required: true, maxLength: 500,
        requiredMessage: 'Enter the reason for the refund' }] : []),
      { name: 'reference', label: 'Reference', maxLength: 100, hint: 'A card slip, bank or finance reference.' },
    ],
    onSubmit: async (v) => {
      const pence = parsePounds(v.pence);
      await post(`/api/v1/courses/${x.course_id}/payments`, {
        kind, method: v.method, pence, reason: refund ? v.reason : undefined, reference: v.reference || undefined,
      });
      dlg.close();
      await redraw(`${refund ? 'Refund' : 'Payment'} of ${formatPence(pence, x.currency)} recorded`);
    },
  });
  f.el.classList.add('dialog-form');
  const { dlg } = modal({ title: refund ? 'Refund' : 'Record payment', content: f.el, focus: () => f.fields.get('pence').inputs[0] });
}

/** financeDialog records the finance provider and agreement reference of account x. */
function financeDialog(x, redraw) {
  const f = createForm({
    label: 'Finance agreement',
    cancel: { label: 'Cancel', run: () => dlg.close() },
    fields: [
      { name: 'provider', label: 'Finance provider', required: true, maxLength: 100, value: x.finance_provider || '' },
      { name: 'reference', label: 'Agreement reference', maxLength: 100, value: x.finance_reference || '' },
    ],
    onSubmit: async (v) => {
      await put(`/api/v1/courses/${x.course_id}/finance`, { provider: v.provider, reference: v.reference || undefined });
      dlg.close();
      await redraw('Finance agreement saved');
    },
  });
  f.el.classList.add('dialog-form');
  const { dlg } = modal({ title: 'Finance agreement', content: f.el, focus: () => f.fields.get('provider').inputs[0] });
}

/**
 * financeCalculator answers a card that asks the server for an instalment plan as the amount,
 * months or APR change: monthly payment, total payable, cost of credit and the UK
 * representative example. opts: pence (the amount to start from), currency, months, apr.
 */
export function financeCalculator({ pence = 200000, currency = 'GBP', months = 12, apr = '9.9' } = {}) {
  const out = h('div', { class: 'calc-out', role: 'status' });
  const id = uid('calc');
  let seq = 0;
  let timer = null;
  const f = createForm({
    label: 'Finance calculator',
    submitLabel: 'Work it out',
    fields: [
      { name: 'amount', label: 'Amount to borrow (£)', required: true, inputmode: 'decimal', width: 'medium', value: poundsText(Math.max(pence, 1)),
        apiName: 'amount_pence', check: (v) => checkPounds(v, { min: 1, label: 'The amount' }) },
      { name: 'months', label: 'Months', type: 'number', min: 1, max: 120, required: true, width: 'short', value: String(months) },
      { name: 'apr', label: 'APR %', inputmode: 'decimal', width: 'short', required: true, value: String(apr), apiName: 'apr_pct',
        check: (v) => checkPercent(v, 'APR %', 99.99) },
    ],
    onSubmit: async () => { await work(true); },
  });
  async function work(fromSubmit = false) {
    const v = f.values();
    const mine = ++seq;
    const bad = [...f.fields.values()].map((x) => (x.spec.check ? x.spec.check(x.read(), v) : null)).find(Boolean)
      || (!/^\d+$/.test(v.months) || Number(v.months) < 1 || Number(v.months) > 120 ? 'Months must be a whole number from 1 to 120' : null);
    if (bad) { out.replaceChildren(h('p', { class: 'muted' }, bad)); return; }
    try {
      const r = await get(`/api/v1/finance${query({ amount_pence: parsePounds(v.amount), months: v.months, apr_pct: v.apr, currency })}`);
      if (mine !== seq) return;
      const m = (p) => formatPence(p, currency);
      out.replaceChildren(
        h('dl', { class: 'money-figs' },
          h('div', { class: 'money-fig money-fig-balance' }, h('dt', {}, 'Monthly payment'), h('dd', {}, h('strong', {}, m(r.monthly_pence)))),
          h('div', { class: 'money-fig' }, h('dt', {}, 'Last payment'), h('dd', {}, m(r.last_pence))),
          h('div', { class: 'money-fig' }, h('dt', {}, 'Total payable'), h('dd', {}, m(r.total_pence))),
          h('div', { class: 'money-fig' }, h('dt', {}, 'Cost of credit'), h('dd', {}, m(r.cost_pence)))),
        h('p', { class: 'calc-example' }, r.text));
    } catch (e) {
      if (mine !== seq || e.status === 401) return;
      if (fromSubmit) throw e;
      out.replaceChildren(h('p', { class: 'muted' }, e.message.charAt(0).toUpperCase() + e.message.slice(1)));
    }
  }
  const schedule = () => { clearTimeout(timer); timer = setTimeout(() => work(), 250); };
  f.el.addEventListener('input', schedule);
  f.el.classList.add('calc-form');
  work();
  return h('section', { class: 'card finance-calc', 'aria-labelledby': id },
    h('h2', { id }, 'Finance calculator'),
    h('p', { class: 'muted' }, 'Instalments as a finance partner would quote them: the last instalment absorbs the rounding.'),
    h('div', { class: 'calc-grid' }, f.el, out));
}

/** clientAccounts answers the client page's short account lines: one per course with a price. */
export async function clientAccounts(c) {
  const r = await get(`/api/v1/clients/${c.id}/account`);
  const priced = r.courses.filter((x) => x.quote_id);
  if (!priced.length) return h('p', { class: 'muted' }, 'Nothing due: an accepted quote creates a course with its price.');
  return h('ul', { class: 'plain account-lines', 'aria-label': 'Courses and what is due' }, priced.map((x) => h('li', {},
    link(`Course ${x.course_id}`, `#/courses/${x.course_id}`), ': total ', formatPence(x.total_pence, x.currency),
    ', paid ', formatPence(x.paid_pence - x.refunded_pence, x.currency), ', balance due ',
    h('strong', {}, x.balance_text || formatPence(x.balance_pence, x.currency)),
    x.deposit_paid ? '' : [' ', h('span', { class: 'tag tag-update' }, 'deposit due')])));
}
