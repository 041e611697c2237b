// view-design.js — a saved hairline design version (#/designs/:id): the simulator's pictures of
// it (each session fresh, the last one healed and years later — plain <img> from
// GET /api/v1/designs/{id}/render.png, the session cookie is enough), the summary with the
// simulator's exact counts at the clinic's rate, the PDF design sheet to download, and "Edit as
// new version", which opens the designer on a copy. Also the line each version gets on the
// client's timeline.
import { h, uid } from './dom.js';
import { get, query } from './api.js';
import { details, link, navButton, page, when } from './ui.js';
import { styleLabel } from './design-geom.js';
import { summaryBlock } from './view-designer.js';

const fullName = (c) => `${c.first_name} ${c.last_name}`;
const nf = new Intl.NumberFormat('en-GB');

/** designTitle: "Hairline design, version 2". */
export const designTitle = (d) => `Hairline design, version ${d.version}`;

/** designLine: "92.4 cm²; impressions per session 2,214, 2,952 and 2,214" for the timeline. */
export function designLine(d) {
  const imp = d.impressions_per_session.map((n) => nf.format(n));
  const list = imp.length < 2 ? imp.join('') : `${imp.slice(0, -1).join(', ')} and ${imp[imp.length - 1]}`;
  return `${nf.format(Math.round(d.area_cm2 * 10) / 10)} cm²; impressions per session ${list}`;
}

export async function designPage({ params }) {
  const d = await get(`/api/v1/designs/${encodeURIComponent(params.id)}`);
  const client = await get(`/api/v1/clients/${d.client_id}`);
  const n = d.impressions_per_session.length;
  const src = (p) => `/api/v1/designs/${d.id}/render.png${query(p)}`;
  const figure = (p, caption) => h('figure', { class: 'preview-figure' },
    h('img', { class: 'preview-img', src: src(p), alt: `Simulated scalp ${caption.toLowerCase()}`, loading: 'lazy' }),
    h('figcaption', {}, caption));
  const design = d.design || {};
  const hl = design.hairline;
  const picsId = uid('sec');
  const sumId = uid('sec');
  return page(designTitle(d), [
    navButton('Edit as new version', `#/clients/${client.id}/designs/new?from=${d.id}`, 'primary'),
    h('a', { class: 'btn btn-secondary', href: `/api/v1/designs/${d.id}/render.pdf`, download: `design-${client.last_name.toLowerCase()}-v${d.version}.pdf` },
      'Download the design sheet (PDF)'),
  ],
  h('p', { class: 'lede' }, 'For ', link(fullName(client), `#/clients/${client.id}`), '. Saved ', when(d.created_at), '.'),
  h('div', { class: 'designer-grid' },
    h('section', { class: 'card', 'aria-labelledby': sumId },
      h('h2', { id: sumId }, 'Summary'),
      summaryBlock(d, { estimated: false }),
      details([
        ['Hairline', hl ? `${styleLabel(hl.style || 'soft')}, ${hl.transition_mm ?? 6} mm transition, ${hl.points.length} points` : 'None (no front edge)'],
        ['Density', design.density_per_cm2 ? `${design.density_per_cm2} per cm² after the last session` : null],
        ['Session plan', design.sessions ? design.sessions.map((f, i) => `${Math.round(f * 100)} %${design.pigment?.dilution_pct ? ` (dilution ${design.pigment.dilution_pct[i]} %)` : ''}`).join(' → ') : null],
        ['Dot size', design.dot?.diameter_mm ? `${design.dot.diameter_mm} mm` : null],
        ['Background', design.background ? 'The client’s photo' : 'Neutral scalp'],
        ['Seed', design.seed ?? null],
      ])),
    h('section', { class: 'card', 'aria-labelledby': picsId },
      h('h2', { id: picsId }, 'Simulation'),
      h('div', { class: 'preview-gallery' },
        Array.from({ length: n }, (_, i) => figure({ session: i + 1, healed: 'false' }, `After session ${i + 1} of ${n}, fresh`)),
        figure({ session: n, healed: 'true' }, `After session ${n} of ${n}, healed`),
        figure({ session: n, healed: 'true', years: 5 }, 'Five years after healing')))));
}
