// form.js — accessible forms from a list of field specs. Every input has a <label>, an optional
// hint and an error message tied to it with aria-describedby and aria-invalid. Fields are checked
// as the person types (required, length, email and phone shape, number range, dates not in the
// future, plus a spec's own `check`); on submit every field is checked and problems are listed
// in a summary at the top. A refusal from the server puts its message next to the field it names
// (and in the summary) and never clears what was typed.
import { h, uid } from './dom.js';
import { ApiError, session } from './api.js';
import { go } from './router.js';
import { checkValue, today } from './validate.js';

function control(spec, id, describedBy) {
  const common = { id, name: spec.name, 'aria-describedby': describedBy, required: spec.required || null };
  switch (spec.type) {
    case 'textarea':
      return h('textarea', { ...common, rows: spec.rows || 4, value: spec.value ?? '' });
    case 'select':
      return h('select', { ...common, autocomplete: spec.autocomplete },
        spec.options.map((o) => h('option', { value: String(o.value), selected: String(o.value) === String(spec.value ?? '') }, o.label)));
    case 'checkbox':
      return h('input', { ...common, type: 'checkbox', checked: !!spec.value });
    default:
      return h('input', {
        ...common,
        type: spec.type || 'text',
        value: spec.value ?? '',
        autocomplete: spec.autocomplete || 'off',
        inputmode: spec.inputmode,
        spellcheck: spec.type === 'email' || spec.type === 'password' ? 'false' : null,
        min: spec.type === 'number' ? spec.min : (spec.type === 'date' ? spec.notBefore : null),
        max: spec.type === 'number' ? spec.max : (spec.type === 'date' && spec.notFuture ? today() : null),
        step: spec.step ?? (spec.type === 'number' ? 1 : null),
        class: spec.width ? `w-${spec.width}` : null,
      });
  }
}

/**
 * buildField makes one field's DOM and its behaviour: {spec, id, inputs, wrap, read(),
 * show(msg), focusTarget()}. Screens with their own layout (the consultation wizard) use it
 * directly. `radios` options may carry a `description`, tied to the radio with aria-describedby.
 */
export function buildField(spec) {
  const id = uid(`f-${spec.name}`);
  const hintId = spec.hint ? `${id}-hint` : null;
  const errId = `${id}-error`;
  const errText = h('span', {});
  const err = h('p', { class: 'field-error', id: errId, hidden: true }, h('span', { class: 'visually-hidden' }, 'Error: '), errText);
  const hint = spec.hint ? h('p', { class: 'hint', id: hintId }, spec.hint) : null;
  const f = { spec, id, inputs: [], err, shown: null, dirty: false, timer: null };

  if (spec.type === 'checkboxes') {
    const boxes = spec.options.map((o) => {
      const bid = uid(`f-${spec.name}`);
      const box = h('input', { type: 'checkbox', id: bid, name: spec.name, value: String(o.value),
        checked: (spec.value || []).map(String).includes(String(o.value)) });
      f.inputs.push(box);
      return h('div', { class: 'check' }, box, h('label', { for: bid }, o.label));
    });
    f.focusTarget = () => f.inputs[0];
    f.wrap = h('fieldset', { class: 'field', 'aria-describedby': hintId || null },
      h('legend', {}, spec.label), hint, err,
      boxes.length ? h('div', { class: 'checks' }, boxes) : h('p', { class: 'muted' }, spec.emptyText || 'None to choose from.'));
    f.read = () => f.inputs.filter((b) => b.checked).map((b) => b.value);
  } else if (spec.type === 'radios') {
    const radios = spec.options.map((o) => {
      const rid = uid(`f-${spec.name}`);
      const descId = o.description ? `${rid}-desc` : null;
      const radio = h('input', { type: 'radio', id: rid, name: spec.name, value: String(o.value),
        checked: String(spec.value ?? '') === String(o.value),
        'aria-labelledby': descId ? `${rid}-label` : null, 'aria-describedby': descId });
      f.inputs.push(radio);
      // the whole option is the click target; its name is the title, the words its description
      return h('div', { class: o.description ? 'choice choice-described' : 'choice' }, radio,
        h('label', { for: rid },
          descId ? h('span', { class: 'choice-title', id: `${rid}-label` }, o.label) : o.label,
          descId ? h('span', { class: 'choice-desc', id: descId }, o.description) : null));
    });
    f.focusTarget = () => f.inputs.find((r) => r.checked) || f.inputs[0];
    const described = spec.options.some((o) => o.description);
    f.wrap = h('fieldset', { class: `field radios${spec.inline ? ' radios-inline' : ''}${described ? ' radios-described' : ''}`,
      'aria-describedby': hintId || null },
      h('legend', {}, spec.label), hint, err, h('div', { class: 'choices' }, radios));
    f.read = () => f.inputs.find((r) => r.checked)?.value ?? '';
  } else if (spec.type === 'checkbox') {
    const box = control(spec, id, hintId);
    f.inputs.push(box);
    f.focusTarget = () => box;
    f.wrap = h('div', { class: 'field' }, h('div', { class: 'check' }, box, h('label', { for: id }, spec.label)), hint, err);
    f.read = () => box.checked;
  } else {
    const input = control(spec, id, hintId);
    f.inputs.push(input);
    f.focusTarget = () => input;
    f.wrap = h('div', { class: 'field' },
      h('div', { class: 'label-row' }, h('label', { for: id }, spec.label),
        spec.required || spec.type === 'select' ? null : h('span', { class: 'optional', 'aria-hidden': 'true' }, 'optional')),
      hint, err, input);
    f.read = () => (spec.type === 'password' ? input.value : input.value.trim());
  }

  f.show = (msg) => {
    f.shown = msg;
    errText.textContent = msg || '';
    err.hidden = !msg;
    f.wrap.classList.toggle('has-error', !!msg);
    for (const i of f.inputs) {
      if (msg) i.setAttribute('aria-invalid', 'true'); else i.removeAttribute('aria-invalid');
      if (f.inputs.length === 1) i.setAttribute('aria-describedby', [hintId, msg ? errId : null].filter(Boolean).join(' '));
    }
    if (f.inputs.length !== 1) f.wrap.setAttribute('aria-describedby', [hintId, msg ? errId : null].filter(Boolean).join(' '));
    if (!f.inputs.length) f.wrap.removeAttribute('aria-describedby');
  };
  return f;
}

/**
 * createForm builds a <form>. opts: fields (specs: name, label, type, required, maxLength,
 * minLength, min, max, hint, options, value, autocomplete, notFuture, notBefore,
 * check(value, values) → message|null, apiName, when(values) → shown?), submitLabel, cancel
 * {label, hash | run()}, label (the form's accessible name), onSubmit(values) async. A field with
 * `when` is hidden (and not checked) while it answers false. Answers {el, values(), fields,
 * showError, refresh()}.
 */
export function createForm(opts) {
  const fields = opts.fields.map(buildField);
  const byName = new Map(fields.map((f) => [f.spec.name, f]));
  const values = () => Object.fromEntries(fields.map((f) => [f.spec.name, f.read()]));
  const shown = (f) => !f.spec.when || f.spec.when(values());
  const problem = (f) => (!shown(f) ? null
    : checkValue(f.spec, f.read(), f.inputs[0]) || (f.spec.check ? f.spec.check(f.read(), values()) : null));
  /** refresh shows and hides the conditional fields for the current values. */
  const refresh = () => {
    for (const f of fields) {
      if (!f.spec.when) continue;
      const on = shown(f);
      f.wrap.hidden = !on;
      if (!on && f.shown) f.show(null);
    }
  };

  const summaryList = h('ul', {});
  const summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true, role: 'alert' },
    h('h2', {}, 'There is a problem'), summaryList);

  function showSummary(items) {
    summaryList.replaceChildren(...items.map(({ f, msg }) => h('li', {},
      f ? h('a', { href: `#${f.focusTarget()?.id || f.id}`, onclick: (e) => { e.preventDefault(); f.focusTarget()?.focus(); } }, msg) : msg)));
    summary.hidden = !items.length;
  }

  const refreshSummary = () => {
    if (summary.hidden) return;
    const items = fields.filter((f) => f.shown).map((f) => ({ f, msg: f.shown }));
    if (!items.length) summary.hidden = true; else showSummary(items);
  };

  for (const f of fields) {
    const onInput = () => {
      f.dirty = true;
      clearTimeout(f.timer);
      const msg = problem(f);
      // clear or update a shown message at once; a new one waits for a pause in typing
      if (!msg || f.shown) { f.show(msg); refreshSummary(); } else f.timer = setTimeout(() => { f.show(problem(f)); }, 450);
    };
    const onLeave = (e) => {
      if (!f.dirty) return;
      clearTimeout(f.timer);
      const reveal = () => { f.show(problem(f)); refreshSummary(); };
      // Leaving for Save/Cancel: the submit checks everything anyway, and a message appearing
      // now would move the button away between mouse-down and mouse-up, losing the click.
      const to = e.relatedTarget;
      if (to && el.contains(to) && to.closest('.form-actions')) return;
      if (to) reveal(); else f.timer = setTimeout(reveal, 250);
    };
    for (const i of f.inputs) {
      i.addEventListener('input', onInput);
      i.addEventListener('change', onInput);
      i.addEventListener('blur', onLeave);
    }
  }

  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, opts.submitLabel || 'Save');
  let busy = false;
  const el = h('form', { class: 'form', novalidate: true, 'aria-label': opts.label || null },
    summary,
    fields.map((f) => f.wrap),
    h('div', { class: 'form-actions' }, submit,
      opts.cancel ? h('button', { type: 'button', class: 'btn btn-secondary',
        onclick: () => (opts.cancel.run ? opts.cancel.run() : go(opts.cancel.hash)) }, opts.cancel.label || 'Cancel') : null));

  /** showError puts a server (or other) failure next to its field and in the summary. */
  function showError(e) {
    if (e instanceof ApiError && e.status === 401 && e.code !== 'invalid_credentials') return; // the app shows sign-in
    let msg = e instanceof ApiError ? e.message : 'Something went wrong. Try again.';
    if (e instanceof ApiError && e.status === 403 && e.code === 'forbidden') {
      msg = `Your role (${session.user?.role || 'unknown'}) can't do this.`;
    }
    const f = e.field ? fields.find((x) => (x.spec.apiName || x.spec.name) === e.field) : null;
    if (f && msg.startsWith(e.field)) msg = f.spec.label + msg.slice(e.field.length);
    if (!msg.startsWith('stipple')) msg = msg.charAt(0).toUpperCase() + msg.slice(1);
    if (f) f.show(msg);
    const items = fields.filter((x) => x.shown && x !== f).map((x) => ({ f: x, msg: x.shown }));
    showSummary([{ f, msg }, ...items]);
    summary.focus();
  }

  el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    const bad = [];
    for (const f of fields) {
      clearTimeout(f.timer);
      const msg = problem(f);
      f.show(msg);
      if (msg) bad.push({ f, msg });
    }
    if (bad.length) { showSummary(bad); summary.focus(); return; }
    showSummary([]);
    busy = true;
    el.setAttribute('aria-busy', 'true');
    try {
      await opts.onSubmit(values());
    } catch (e) {
      showError(e);
    } finally {
      busy = false;
      el.removeAttribute('aria-busy');
    }
  });

  if (fields.some((f) => f.spec.when)) {
    el.addEventListener('input', refresh);
    el.addEventListener('change', refresh);
    refresh();
  }

  return { el, values, fields: byName, showError, refresh };
}

/** orNull turns an empty string into null (to clear an optional field). */
export const orNull = (s) => (s === '' ? null : s);
