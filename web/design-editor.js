// design-editor.js — the drawing surface of the hairline designer: an <svg> whose viewBox is the
// canvas in millimetres, showing the client's photo (covering the canvas, centred, as the
// simulator draws it) or a neutral head template, with the treatment area (a closed polygon)
// and the hairline (an open polyline) on top. Pointer Events make it work with a mouse, a finger
// or a stylus: pressing on the canvas adds a point to the shape being drawn (on one of its edges
// it goes into that edge, elsewhere at its end) and keeps dragging it; a point's handle drags.
// Each handle is focusable: arrow keys move it 1 mm (Shift: 10 mm), Delete removes it. The
// editor changes state.area and state.hairline in place and calls onChange('drag' | 'done').
import { h, uid } from './dom.js';
import { button } from './ui.js';
import { clampTo, nearestEdge, starterShape } from './design-geom.js';

const SVG = 'http://www.w3.org/2000/svg';

/** svg makes an SVG element with attributes (createElementNS, never markup). */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined && v !== false) el.setAttribute(k, String(v));
  for (const c of children.flat()) if (c) el.append(c);
  return el;
}

const pointsAttr = (pts) => pts.map(([x, y]) => `${x},${y}`).join(' ');
const mm = (v) => `${Math.round(v)} mm`;

/**
 * headTemplate draws a neutral head seen from the front and above, scaled to the canvas: the
 * skull's outline, the ears, the brows and a dashed midline — a guide for drawing, not data.
 */
export function headTemplate(canvas) {
  const W = canvas.width_mm;
  const H = canvas.height_mm;
  const cx = W / 2;
  const rx = W * 0.36;
  const top = H * 0.08;
  const ry = H * 0.58;
  const cy = top + ry;
  const earY = cy - ry * 0.05;
  const ear = (side) => {
    const x = cx + side * rx;
    return `M ${x} ${earY} c ${side * W * 0.05} ${-H * 0.02} ${side * W * 0.06} ${H * 0.16} ${side * W * 0.005} ${H * 0.2}`;
  };
  const brow = (side) => {
    const x0 = cx + side * W * 0.05;
    const x1 = cx + side * W * 0.2;
    return `M ${x0} ${H * 0.9} Q ${(x0 + x1) / 2} ${H * 0.86} ${x1} ${H * 0.9}`;
  };
  return svg('g', { class: 'head-template', 'aria-hidden': 'true' },
    svg('ellipse', { cx, cy, rx, ry, class: 'head-outline' }),
    svg('path', { d: `${ear(-1)} ${ear(1)}`, class: 'head-outline' }),
    svg('path', { d: `${brow(-1)} ${brow(1)}`, class: 'head-outline' }),
    svg('line', { x1: cx, y1: top, x2: cx, y2: H, class: 'head-midline' }));
}

const KIND_WORDS = { area: 'Treatment area', hairline: 'Hairline' };

/**
 * designEditor makes the editor for state (see design-geom.js newState). opts: onChange(how),
 * describedBy (ids of help text). Answers {el, svg, redraw(), setBackground(url | null),
 * showError(kind, message | null), focusFirst()}.
 */
export function designEditor(state, { onChange = () => {} } = {}) {
  let tool = 'area';
  let selected = null; // {kind, index}
  let drag = null; // {pointer, kind, index, dx, dy}
  let bgUrl = null;

  const helpId = uid('ed-help');
  const statusId = uid('ed-status');
  const surface = svg('svg', { class: 'designer-svg', role: 'group', 'aria-label': 'Design canvas', 'aria-describedby': `${helpId} ${statusId}` });
  const layerBg = svg('g', {});
  const areaShape = svg('polygon', { class: 'area-shape' });
  const hairShape = svg('polyline', { class: 'hairline-shape' });
  const handles = svg('g', { class: 'handles' });
  surface.append(layerBg, areaShape, hairShape, handles);

  const status = h('p', { class: 'designer-status', id: statusId });
  const errors = { area: h('p', { class: 'field-error', id: uid('ed-err'), hidden: true }),
    hairline: h('p', { class: 'field-error', id: uid('ed-err'), hidden: true }) };

  // which shape new points go to
  const toolName = uid('tool');
  const toolRadios = ['area', 'hairline'].map((k) => {
    const id = uid('tool');
    const input = h('input', { type: 'radio', name: toolName, id, value: k, checked: k === tool,
      onchange: () => { tool = k; selected = null; redraw(); } });
    return h('div', { class: 'choice' }, input, h('label', { for: id }, k === 'area' ? 'Treatment area' : 'Hairline'));
  });
  const toolGroup = h('fieldset', { class: 'field segmented designer-tool' }, h('legend', {}, 'Draw'), h('div', { class: 'choices' }, toolRadios));

  const addBtn = button('Add point', () => addAfterSelected(), 'secondary');
  const removeBtn = button('Remove point', () => removeSelected(), 'secondary', { disabled: true });
  const clearBtn = button('Clear', () => {
    state[tool] = [];
    selected = null;
    redraw();
    onChange('done');
  }, 'secondary');
  const starterBtn = button('Start from a typical shape', () => {
    const s = starterShape(state.canvas);
    state.area = s.area;
    state.hairline = s.hairline;
    selected = null;
    redraw();
    onChange('done');
    focusHandle('area', 0);
  }, 'secondary');

  const help = h('p', { class: 'hint designer-help', id: helpId },
    'Choose what to draw, then click or tap on the picture to add points; press on a line to add a point there. '
    + 'Drag a point to move it. With the keyboard: “Add point” adds one after the chosen point; Tab to a point, move it with the arrow keys (1 mm; with Shift 10 mm), remove it with Delete.');

  const el = h('div', { class: 'designer-editor' },
    h('div', { class: 'designer-tools' }, toolGroup, h('div', { class: 'actions' }, addBtn, removeBtn, clearBtn)),
    errors.area, errors.hairline,
    h('div', { class: 'designer-canvas' }, surface),
    status, help, h('div', { class: 'actions' }, starterBtn));

  /** the pointer's position in canvas millimetres */
  function at(e) {
    const m = surface.getScreenCTM();
    if (!m) return [0, 0];
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(m.inverse());
    return [p.x, p.y];
  }
  /** canvas millimetres per screen pixel */
  function mmPerPx() {
    const r = surface.getBoundingClientRect();
    return r.width > 0 ? state.canvas.width_mm / r.width : 0.5;
  }

  function label(kind, i) {
    const [x, y] = state[kind][i];
    return `${KIND_WORDS[kind]} point ${i + 1} of ${state[kind].length}, ${mm(x)} from the left, ${mm(y)} from the top`;
  }

  function focusHandle(kind, index) {
    const g = handles.querySelector(`[data-kind="${kind}"][data-index="${index}"]`);
    if (g) g.focus();
  }

  function drawHandles() {
    const focused = document.activeElement && handles.contains(document.activeElement)
      ? { kind: document.activeElement.dataset.kind, index: Number(document.activeElement.dataset.index) } : null;
    const k = mmPerPx();
    const rDot = 6 * k;
    const rHit = 16 * k;
    handles.replaceChildren(...['area', 'hairline'].flatMap((kind) => state[kind].map(([x, y], i) => {
      const sel = selected && selected.kind === kind && selected.index === i;
      const g = svg('g', { class: `handle handle-${kind}${sel ? ' handle-selected' : ''}${kind === tool ? '' : ' handle-other'}`,
        tabindex: 0, role: 'button', 'aria-roledescription': 'draggable point', 'aria-label': label(kind, i),
        'aria-pressed': sel ? 'true' : 'false', 'data-kind': kind, 'data-index': i },
      svg('circle', { cx: x, cy: y, r: rHit, class: 'handle-hit' }),
      svg('circle', { cx: x, cy: y, r: rDot * 1.7, class: 'handle-ring' }),
      svg('circle', { cx: x, cy: y, r: rDot, class: 'handle-dot' }));
      return g;
    })));
    if (focused) focusHandle(focused.kind, Math.min(focused.index, state[focused.kind].length - 1));
  }

  /** redraw draws the shapes, the handles and the status line from the state. */
  function redraw() {
    surface.setAttribute('viewBox', `0 0 ${state.canvas.width_mm} ${state.canvas.height_mm}`);
    surface.setAttribute('aria-label', `Design canvas, ${state.canvas.width_mm} by ${state.canvas.height_mm} mm`);
    areaShape.setAttribute('points', pointsAttr(state.area));
    hairShape.setAttribute('points', pointsAttr(state.hairline));
    drawHandles();
    removeBtn.disabled = !selected;
    clearBtn.textContent = tool === 'area' ? 'Clear area' : 'Clear hairline';
    const a = state.area.length;
    const l = state.hairline.length;
    status.textContent = `Treatment area: ${a ? `${a} point${a === 1 ? '' : 's'}` : 'not drawn'}${a && a < 3 ? ' (at least 3 are needed)' : ''}. `
      + `Hairline: ${l ? `${l} point${l === 1 ? '' : 's'}` : 'not drawn'}${l === 1 ? ' (at least 2 are needed)' : ''}.`;
  }

  /** setBackground shows a photo (an image URL, covering the canvas) or the head template (null). */
  function setBackground(url) {
    bgUrl = url;
    const W = state.canvas.width_mm;
    const H = state.canvas.height_mm;
    layerBg.replaceChildren(svg('rect', { x: 0, y: 0, width: W, height: H, class: 'canvas-skin' }),
      bgUrl ? svg('image', { href: bgUrl, x: 0, y: 0, width: W, height: H, preserveAspectRatio: 'xMidYMid slice' }) : headTemplate(state.canvas));
    redraw();
  }

  /**
   * addAfterSelected adds a point to the shape being drawn (for the keyboard): halfway to the
   * next point after the chosen one (or the last), 10 mm on from the end of a hairline, or in
   * the middle of an empty canvas; the new point takes the focus.
   */
  function addAfterSelected() {
    const kind = selected?.kind || tool;
    const pts = state[kind];
    if (pts.length >= (kind === 'area' ? 256 : 64)) return;
    const i = selected ? selected.index : pts.length - 1;
    let p;
    if (!pts.length) p = [state.canvas.width_mm / 2, state.canvas.height_mm / 2];
    else if (kind === 'hairline' && i === pts.length - 1) p = [pts[i][0] + 10, pts[i][1]];
    else if (pts.length === 1) p = [pts[0][0] + 10, pts[0][1]];
    else {
      const q = pts[(i + 1) % pts.length];
      p = [(pts[i][0] + q[0]) / 2, (pts[i][1] + q[1]) / 2];
    }
    pts.splice(i + 1, 0, clampTo(state.canvas, p));
    selected = { kind, index: i + 1 };
    redraw();
    onChange('done');
    focusHandle(kind, i + 1);
  }

  function removeSelected() {
    if (!selected) return;
    const { kind, index } = selected;
    state[kind].splice(index, 1);
    selected = state[kind].length ? { kind, index: Math.min(index, state[kind].length - 1) } : null;
    redraw();
    onChange('done');
    if (selected) focusHandle(selected.kind, selected.index);
    else surface.closest('.designer-editor')?.querySelector('input[type=radio]:checked')?.focus();
  }

  surface.addEventListener('pointerdown', (e) => {
    if (drag || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    const p = clampTo(state.canvas, at(e));
    const g = e.target.closest?.('.handle');
    let kind;
    let index;
    if (g) {
      kind = g.dataset.kind;
      index = Number(g.dataset.index);
    } else {
      kind = tool;
      const pts = state[kind];
      const edge = nearestEdge(pts, p, kind === 'area' && pts.length >= 3);
      const max = kind === 'area' ? 256 : 64;
      if (pts.length >= max) return;
      index = edge && edge.dist <= 12 * mmPerPx() ? edge.index + 1 : pts.length;
      pts.splice(index, 0, p);
    }
    const [x, y] = state[kind][index];
    drag = { pointer: e.pointerId, kind, index, dx: x - p[0], dy: y - p[1] };
    selected = { kind, index };
    surface.setPointerCapture?.(e.pointerId);
    surface.classList.add('dragging');
    redraw();
    onChange('drag');
  });
  surface.addEventListener('pointermove', (e) => {
    if (!drag || e.pointerId !== drag.pointer) return;
    e.preventDefault();
    const [x, y] = at(e);
    state[drag.kind][drag.index] = clampTo(state.canvas, [x + drag.dx, y + drag.dy]);
    redraw();
    onChange('drag');
  });
  const end = (e) => {
    if (!drag || e.pointerId !== drag.pointer) return;
    const { kind, index } = drag;
    drag = null;
    surface.classList.remove('dragging');
    onChange('done');
    if (e.pointerType !== 'touch') focusHandle(kind, index);
  };
  surface.addEventListener('pointerup', end);
  surface.addEventListener('pointercancel', end);

  surface.addEventListener('focusin', (e) => {
    const g = e.target.closest?.('.handle');
    if (!g || drag) return;
    const next = { kind: g.dataset.kind, index: Number(g.dataset.index) };
    if (selected?.kind === next.kind && selected?.index === next.index) return;
    selected = next;
    redraw();
  });
  surface.addEventListener('keydown', (e) => {
    const g = e.target.closest?.('.handle');
    if (!g) return;
    const kind = g.dataset.kind;
    const index = Number(g.dataset.index);
    const step = e.shiftKey ? 10 : 1;
    const move = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
    if (move) {
      e.preventDefault();
      const [x, y] = state[kind][index];
      state[kind][index] = clampTo(state.canvas, [x + move[0], y + move[1]]);
      selected = { kind, index };
      redraw();
      onChange('done');
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      selected = { kind, index };
      removeSelected();
    }
  });

  // handles keep their size on screen when the layout changes
  if (typeof ResizeObserver === 'function') new ResizeObserver(() => { if (!drag) drawHandles(); }).observe(surface);

  /** showError puts a message by the canvas for 'area' or 'hairline' (null clears it). */
  function showError(kind, message) {
    errors[kind].textContent = message || '';
    errors[kind].hidden = !message;
    el.classList.toggle('has-error', !errors.area.hidden || !errors.hairline.hidden);
    const shown = [errors.area, errors.hairline].filter((x) => !x.hidden).map((x) => x.id);
    surface.setAttribute('aria-describedby', [...shown, helpId, statusId].join(' '));
  }

  return { el, svg: surface, redraw, setBackground, showError, focusFirst: () => toolRadios[0].querySelector('input').focus() };
}
