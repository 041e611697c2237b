// head-diagram.js — the quote builder's head diagram: a scalp seen from above (the face at the
// top) drawn as an inline SVG with createElementNS, whose regions — hairline, mid-scalp
// density, crown, a scar strip at the back, a patch on the side and the full scalp behind them
// — are checkboxes: click or tap one, or Tab to it and press Space or Enter, to choose that
// area. The diagram only shows and toggles; the list of checkboxes beside it stays the record,
// and the builder keeps the two in sync through setChecked() and onToggle(area).
import { h, uid } from './dom.js';
import { svg } from './design-editor.js';

/** The regions, back to front: the full scalp lies under the others. */
const REGIONS = [
  { area: 'full_scalp', label: 'Full scalp', tx: 150, ty: 262,
    shape: () => svg('ellipse', { cx: 150, cy: 160, rx: 112, ry: 138 }) },
  { area: 'density', label: 'Density', tx: 150, ty: 128,
    shape: () => svg('path', { d: 'M 72 104 Q 150 84 228 104 L 222 170 Q 150 158 78 170 Z' }) },
  { area: 'hairline', label: 'Hairline', tx: 150, ty: 58,
    shape: () => svg('path', { d: 'M 62 78 Q 150 12 238 78 L 226 98 Q 150 70 74 98 Z' }) },
  { area: 'crown', label: 'Crown', tx: 150, ty: 214,
    shape: () => svg('ellipse', { cx: 150, cy: 210, rx: 46, ry: 34 }) },
  { area: 'patch', label: 'Patch', tx: 74, ty: 224,
    shape: () => svg('circle', { cx: 74, cy: 220, r: 20 }) },
  { area: 'scar', label: 'Scar', tx: 150, ty: 292,
    shape: () => svg('path', { d: 'M 82 278 Q 150 298 218 278 L 214 290 Q 150 310 86 290 Z' }) },
];

/**
 * headDiagram draws the diagram. names: {area: words} for the accessible names; onToggle(area)
 * runs when a region is chosen by pointer or keyboard. Answers {el, setChecked(areas: Set)}.
 */
export function headDiagram({ names = {}, onToggle }) {
  const descId = uid('head-desc');
  const regions = new Map();
  const layer = svg('g', {});
  for (const r of REGIONS) {
    const name = names[r.area] || r.label;
    const shape = r.shape();
    shape.setAttribute('class', 'region-shape');
    const g = svg('g', { class: `region region-${r.area}`, role: 'checkbox', tabindex: '0',
      'aria-checked': 'false', 'aria-label': name, 'data-area': r.area },
    svg('title', {}), shape,
    svg('text', { x: r.tx, y: r.ty, class: 'region-label', 'text-anchor': 'middle', 'aria-hidden': 'true' }));
    g.querySelector('title').textContent = name;
    g.querySelector('text').textContent = r.label;
    g.addEventListener('click', (e) => { e.stopPropagation(); onToggle(r.area); });
    g.addEventListener('keydown', (e) => {
      if (e.key === ' ' || e.key === 'Enter') { e.preventDefault(); onToggle(r.area); }
    });
    regions.set(r.area, g);
    layer.append(g);
  }
  // the face: nose and ears say which way is the front (decoration only)
  const face = svg('g', { class: 'head-face', 'aria-hidden': 'true' },
    svg('path', { d: 'M 138 24 L 150 6 L 162 24' }),
    svg('path', { d: 'M 38 150 q -14 10 0 30' }),
    svg('path', { d: 'M 262 150 q 14 10 0 30' }));
  const surface = svg('svg', { class: 'head-diagram', viewBox: '0 0 300 316', role: 'group',
    'aria-label': 'Head diagram, seen from above with the face at the top', 'aria-describedby': descId },
  face, layer);
  const el = h('div', { class: 'head-diagram-wrap' }, surface,
    h('p', { class: 'hint', id: descId }, 'Seen from above, the face at the top. Click or tap an area, or Tab to it and press Space, to add it or take it away.'));
  return {
    el,
    setChecked(areas) {
      for (const [area, g] of regions) {
        const on = areas.has(area);
        g.setAttribute('aria-checked', on ? 'true' : 'false');
        g.classList.toggle('is-checked', on);
      }
    },
  };
}
