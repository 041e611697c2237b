// quote-public.js — the page a client opens from the link in their quote email
// (#/q/<token>, a public route: no staff session, no staff navigation). It reads the quote with
// public-api.js from /api/v1/shared/quotes/<token> — the secret token is the key, so no CSRF
// header is sent — and shows it as the printed quote does, with the PDF link and
// "Accept" with the client's typed full name. An unknown or replaced link gets a page of its
// own; an expired, accepted or declined quote says so instead of offering to accept.
import { h, uid } from './dom.js';
import { gbDate, notice, page } from './ui.js';
import { quoteSummary, statusTag } from './view-quote.js';
import { pub } from './public-api.js';

const base = (token) => `/api/v1/shared/quotes/${encodeURIComponent(token)}`;

/** call runs a public-api.js request and answers {status, body} — the error's words as body. */
async function call(request) {
  try {
    return { status: 200, body: await request() };
  } catch (e) {
    return { status: e.status, body: { error: { message: e.message, field: e.field } } };
  }
}

function unknownLink() {
  return page('This link does not work', null,
    notice('info', h('p', {}, 'This quote link is not valid any more. It may have been replaced by a newer link, or mistyped.')),
    h('p', {}, 'Please use the link in the most recent email from the clinic, or contact the clinic and ask them to send your quote again.'));
}

export async function sharedQuote({ params }) {
  const token = params.token;
  const r = await call(() => pub.get(base(token)));
  if (r.status === 404) return unknownLink();
  if (r.status !== 200) {
    return page('Your quote', null, notice('error', h('p', {}, r.body?.error?.message || 'The quote could not be shown just now. Try again later.')));
  }
  const holder = h('div', {});
  draw(r.body, null);
  return holder;

  function draw(q, justAccepted) {
    const clinic = q.clinic?.name || 'the clinic';
    const pdf = h('a', { class: 'btn btn-secondary', href: `${base(token)}/pdf`, download: 'quote.pdf' }, 'Download the quote (PDF)');
    const state = {
      draft: null,
      sent: null,
      accepted: h('div', { class: 'notice notice-info notice-ok', role: justAccepted ? 'status' : null },
        h('p', {}, h('strong', {}, justAccepted ? `Thank you, ${q.accepted_name}. ` : `Accepted by ${q.accepted_name || 'you'}. `),
          `${clinic} will be in touch to book your ${q.sessions_included} visits.`)),
      declined: notice('info', h('p', {}, `This quote was declined. If you have changed your mind, please contact ${clinic}.`)),
      expired: notice('warn', h('p', {}, `This quote expired on ${gbDate(q.valid_until)} and can no longer be accepted. Please ask ${clinic} for a new one.`)),
    }[q.status];
    const where = [q.clinic?.name, q.clinic?.address].filter(Boolean);
    holder.replaceChildren(page(`Your quote from ${clinic}`, [pdf],
      h('p', { class: 'lede' }, q.client_first_name ? `Hello ${q.client_first_name}, here is ` : 'Here is ',
        `your quote for scalp micropigmentation. It is valid until ${gbDate(q.valid_until)}.`),
      h('p', { class: 'quote-state' }, statusTag(q.status)),
      state,
      h('section', { class: 'card', 'aria-labelledby': 'shared-lines-h' },
        h('h2', { id: 'shared-lines-h' }, 'What is included'), quoteSummary(q)),
      q.status === 'draft' || q.status === 'sent' ? acceptForm(q) : null,
      where.length ? h('section', { class: 'card', 'aria-labelledby': 'shared-clinic-h' },
        h('h2', { id: 'shared-clinic-h' }, 'The clinic'),
        where.map((line) => h('p', { class: 'pre' }, line))) : null));
  }

  function acceptForm(q) {
    const id = uid('accept-name');
    const errId = `${id}-error`;
    const input = h('input', { id, type: 'text', name: 'name', autocomplete: 'name', required: true, 'aria-describedby': `${id}-hint` });
    const errText = h('span', {});
    const err = h('p', { class: 'field-error', id: errId, hidden: true }, h('span', { class: 'visually-hidden' }, 'Error: '), errText);
    const fieldWrap = h('div', { class: 'field' }, h('label', { for: id }, 'Your full name'),
      h('p', { class: 'hint', id: `${id}-hint` }, 'Typing your name is your signature: you accept this quote and its deposit of ', q.deposit_text, '.'),
      err, input);
    const out = h('div', {});
    const showError = (msg) => {
      errText.textContent = msg || '';
      err.hidden = !msg;
      fieldWrap.classList.toggle('has-error', !!msg);
      if (msg) { input.setAttribute('aria-invalid', 'true'); input.setAttribute('aria-describedby', `${id}-hint ${errId}`); }
      else { input.removeAttribute('aria-invalid'); input.setAttribute('aria-describedby', `${id}-hint`); }
    };
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Accept this quote');
    const form = h('form', { class: 'form accept-form', novalidate: true, 'aria-labelledby': 'accept-h' },
      h('h2', { id: 'accept-h' }, 'Accept the quote'),
      fieldWrap, out, h('div', { class: 'form-actions' }, submit));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      out.replaceChildren();
      const name = input.value.trim();
      if (name.length < 2) { showError('Type your full name to accept the quote'); input.focus(); return; }
      showError(null);
      submit.disabled = true;
      const r = await call(() => pub.post(`${base(token)}/accept`, { name }));
      submit.disabled = false;
      if (r.status === 200) {
        draw(r.body, true);
        holder.querySelector('h1')?.focus();
        return;
      }
      if (r.status === 404) { holder.replaceChildren(unknownLink()); holder.querySelector('h1')?.focus(); return; }
      const msg = r.body?.error?.message || 'The quote could not be accepted just now. Try again.';
      const text = msg.charAt(0).toUpperCase() + msg.slice(1);
      if (r.body?.error?.field === 'name') { showError(text); input.focus(); } else out.replaceChildren(notice('error', h('p', {}, text)));
    });
    return form;
  }
}
