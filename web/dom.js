// dom.js — the only way the app makes DOM: h(tag, attrs, ...children) builds an element with
// document.createElement, sets attributes and properties, attaches `on*` listeners and appends
// children (strings become text nodes, so data is never parsed as HTML). clear() empties a node;
// uid() makes ids for label/aria wiring. Nothing here knows about the API or the screens.

let counter = 0;

/** uid returns a fresh id with the given prefix, for label/aria-describedby wiring. */
export function uid(prefix = 'id') {
  counter += 1;
  return `${prefix}-${counter}`;
}

const PROPS = new Set(['value', 'checked', 'selected', 'disabled', 'indeterminate']);

/**
 * h builds an element. attrs: `class`, any attribute (false/null/undefined are skipped, true
 * becomes ""), `on<event>` functions, and the properties value/checked/selected/disabled.
 * Children may be nodes, strings, numbers, arrays of those, or null/false (skipped).
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (PROPS.has(k)) el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

/** append adds children (nodes, strings, arrays, null) to el. */
export function append(el, children) {
  for (const c of [children].flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** clear removes every child of el. */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}
