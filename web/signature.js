// signature.js — drawn signatures. signaturePad is a <canvas> the client signs on with a finger,
// stylus or mouse (Pointer Events; the CSS class sets touch-action: none so the page does not
// scroll under the finger), with a "Clear" button; it answers the strokes as SVG path data
// ("M x y L x y …", whole numbers in a 600×200 box), the form the server stores. signatureSvg
// draws stored path data back as an inline <svg> (made with createElementNS, never markup).
import { h } from './dom.js';

export const BOX = { width: 600, height: 200 };
const RES = 2; // backing pixels per box unit: crisp on high-density tablet screens
const MAX_PATH = 60000; // the server takes up to 64 KiB of path data
const SVG = 'http://www.w3.org/2000/svg';

const EMPTY_LABEL = 'Signature box: empty';
const SIGNED_LABEL = 'Signature box: a signature is drawn';

/**
 * signaturePad makes the pad. opts: describedBy (ids for aria-describedby), onChange(). Answers
 * {el, canvas, clearButton, isEmpty(), pathData(), clear()}.
 */
export function signaturePad({ describedBy = null, onChange = () => {} } = {}) {
  const canvas = h('canvas', {
    class: 'sigpad-canvas', width: BOX.width * RES, height: BOX.height * RES,
    role: 'img', 'aria-label': EMPTY_LABEL, 'aria-describedby': describedBy,
  });
  const g = canvas.getContext('2d');
  g.scale(RES, RES);
  g.lineCap = 'round';
  g.lineJoin = 'round';
  g.lineWidth = 2.5;
  g.strokeStyle = '#1b2430';
  g.fillStyle = '#1b2430';

  let strokes = [];
  let current = null;
  let pointer = null;

  const at = (e) => {
    const r = canvas.getBoundingClientRect();
    return {
      x: Math.min(BOX.width, Math.max(0, ((e.clientX - r.left) * BOX.width) / r.width)),
      y: Math.min(BOX.height, Math.max(0, ((e.clientY - r.top) * BOX.height) / r.height)),
    };
  };
  const changed = () => {
    canvas.setAttribute('aria-label', strokes.length ? SIGNED_LABEL : EMPTY_LABEL);
    onChange();
  };

  canvas.addEventListener('pointerdown', (e) => {
    if (pointer !== null || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    pointer = e.pointerId;
    canvas.setPointerCapture?.(e.pointerId);
    const p = at(e);
    current = [p];
    strokes.push(current);
    g.beginPath();
    g.arc(p.x, p.y, g.lineWidth / 2, 0, Math.PI * 2);
    g.fill();
  });
  canvas.addEventListener('pointermove', (e) => {
    if (e.pointerId !== pointer || !current) return;
    e.preventDefault();
    const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
    for (const ev of events.length ? events : [e]) {
      const p = at(ev);
      const last = current[current.length - 1];
      if (Math.abs(p.x - last.x) < 0.5 && Math.abs(p.y - last.y) < 0.5) continue;
      g.beginPath();
      g.moveTo(last.x, last.y);
      g.lineTo(p.x, p.y);
      g.stroke();
      current.push(p);
    }
  });
  const end = (e) => {
    if (e.pointerId !== pointer) return;
    pointer = null;
    current = null;
    changed();
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);

  function clear() {
    strokes = [];
    current = null;
    pointer = null;
    g.clearRect(0, 0, BOX.width, BOX.height);
    changed();
  }

  /** pathData answers the strokes as whole-number path data, thinned if it would be too long. */
  function pathData() {
    for (let every = 1; ; every *= 2) {
      const parts = strokes.map((s) => {
        const pts = [];
        s.forEach((p, i) => {
          if (i % every && i !== s.length - 1) return;
          const q = [Math.round(p.x), Math.round(p.y)];
          const last = pts[pts.length - 1];
          if (!last || last[0] !== q[0] || last[1] !== q[1]) pts.push(q);
        });
        // a dot is drawn as a one-unit line, so the path still has an L to draw
        if (pts.length === 1) pts.push([pts[0][0] < BOX.width ? pts[0][0] + 1 : pts[0][0] - 1, pts[0][1]]);
        return `M ${pts[0][0]} ${pts[0][1]}${pts.slice(1).map(([x, y]) => ` L ${x} ${y}`).join('')}`;
      });
      const d = parts.join(' ');
      if (d.length <= MAX_PATH || every >= 256) return d;
    }
  }

  const clearButton = h('button', { type: 'button', class: 'btn btn-secondary', onclick: clear }, 'Clear');
  const el = h('div', { class: 'sigpad' }, h('div', { class: 'sigpad-box' }, canvas), h('div', { class: 'sigpad-tools' }, clearButton));
  return { el, canvas, clearButton, isEmpty: () => strokes.length === 0, pathData, clear };
}

/** signatureSvg draws stored path data as an inline, labelled <svg> image. */
export function signatureSvg(d, label) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${BOX.width} ${BOX.height}`);
  svg.setAttribute('class', 'sig-svg');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', d);
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', 'currentColor');
  path.setAttribute('stroke-width', '3');
  path.setAttribute('stroke-linecap', 'round');
  path.setAttribute('stroke-linejoin', 'round');
  svg.append(path);
  return svg;
}
