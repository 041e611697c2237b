// design-geom.js — the pure part of the hairline designer: the designer's working state and the
// design file it becomes (docs/design-format.md, millimetres, x right and y down), the styles and
// session presets, polygon area and containment, the nearest edge of a shape (to add a point
// where the person clicked), and a live estimate of the impressions per session that follows the
// simulator's density field (src/sim/sim.c) closely enough to show while drawing — the saved
// version carries the simulator's own counts. No DOM here, so it is easy to reason about.

export const STYLES = [
  { value: 'soft', label: 'Soft', description: 'A gentle ramp behind the hairline: the most natural look for most clients.' },
  { value: 'feathered', label: 'Feathered', description: 'A long, gentle ramp with scattered single dots in front.' },
  { value: 'jagged', label: 'Jagged', description: 'A broken, irregular edge, as hair grows.' },
  { value: 'defined', label: 'Defined', description: 'A short ramp: a crisp, shaped line.' },
  { value: 'receded', label: 'Receded', description: 'A mature hairline, deeper at the temples.' },
];
export const styleLabel = (v) => STYLES.find((s) => s.value === v)?.label || v;

/** The cumulative share of the final density after each session, and the dilution, by count. */
export const SESSION_PRESETS = {
  2: { percent: [50, 100], dilution: [60, 40] },
  3: { percent: [30, 70, 100], dilution: [60, 40, 40] },
  4: { percent: [25, 50, 75, 100], dilution: [60, 50, 40, 40] },
};

export const PREVIEW_PX_PER_MM = 4;
export const NEUTRAL_CANVAS = { width_mm: 200, height_mm: 160 };
export const DEFAULT_RATE = 4500; // impressions an hour, the server's default clinic rate

/** newState answers the designer's starting state: nothing drawn, the neutral template. */
export function newState() {
  return {
    canvas: { ...NEUTRAL_CANVAS },
    photo: null, // {id, width, height} when the background is a photo
    photoWidthMm: 200,
    area: [],
    hairline: [],
    style: 'soft',
    transition_mm: 6,
    density_per_cm2: 80,
    percent: [...SESSION_PRESETS[3].percent],
    dilution: [...SESSION_PRESETS[3].dilution],
    dot_mm: 0.25,
    seed: 1,
    color: '#2b2622',
  };
}

const r1 = (x) => Math.round(x * 10) / 10;

/** canvasFor answers the canvas size in mm for a photo (cover, width from the field) or none. */
export function canvasFor(photo, widthMm) {
  if (!photo) return { ...NEUTRAL_CANVAS };
  const w = Number(widthMm) || 200;
  return { width_mm: w, height_mm: Math.round((w * photo.height) / photo.width) };
}

/** stateFromDesign turns a saved design file back into designer state (photo is looked up later). */
export function stateFromDesign(d) {
  const s = newState();
  s.canvas = { width_mm: d.canvas.width_mm, height_mm: d.canvas.height_mm };
  s.photoWidthMm = d.canvas.width_mm;
  const area = Array.isArray(d.area?.[0]?.[0]) ? d.area[0] : d.area || [];
  s.area = area.map(([x, y]) => [x, y]);
  s.hairline = (d.hairline?.points || []).map(([x, y]) => [x, y]);
  s.style = d.hairline?.style || 'soft';
  s.transition_mm = d.hairline?.transition_mm ?? 6;
  s.density_per_cm2 = d.density_per_cm2;
  s.percent = d.sessions.map((f) => Math.round(f * 100));
  const n = d.sessions.length;
  s.dilution = d.pigment?.dilution_pct || (SESSION_PRESETS[n] || SESSION_PRESETS[3]).dilution.slice(0, n);
  s.dot_mm = d.dot?.diameter_mm ?? 0.25;
  s.seed = d.seed ?? 1;
  s.color = d.pigment?.color || '#2b2622';
  s.background = d.background || null;
  return s;
}

const num = (v) => (v === '' || v === null || v === undefined ? v : Number(v));

/**
 * designOf builds the design file (version 1) from the state; style overrides the hairline
 * style (to compare two styles), pxPerMm the resolution (4 while editing). Numbers the person
 * typed are sent as typed so the server can name a bad one; points are rounded to 0.1 mm; a
 * hairline of one point (still being drawn) is left out.
 */
export function designOf(s, { style, pxPerMm = PREVIEW_PX_PER_MM } = {}) {
  return {
    version: 1,
    canvas: { width_mm: s.canvas.width_mm, height_mm: s.canvas.height_mm, px_per_mm: pxPerMm },
    background: s.photo ? `photo:${s.photo.id}` : null,
    area: s.area.map(([x, y]) => [r1(x), r1(y)]),
    hairline: s.hairline.length >= 2
      ? { points: s.hairline.map(([x, y]) => [r1(x), r1(y)]), style: style || s.style, transition_mm: num(s.transition_mm) }
      : null,
    density_per_cm2: num(s.density_per_cm2),
    sessions: s.percent.map((p) => (p === '' ? p : Math.round(Number(p) * 10) / 1000)),
    dot: { diameter_mm: num(s.dot_mm) },
    pigment: { color: s.color, dilution_pct: s.dilution.map(num) },
    seed: num(s.seed),
  };
}

/** polygonArea answers the area of a simple polygon in mm² (shoelace). */
export function polygonArea(pts) {
  let a = 0;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) a += pts[j][0] * pts[i][1] - pts[i][0] * pts[j][1];
  return Math.abs(a) / 2;
}

/** contains is true when p is inside the polygon (even-odd rule). */
export function contains(pts, [x, y]) {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** segmentDistance answers {dist, t} from p to the segment a–b (t: 0 at a, 1 at b). */
export function segmentDistance([px, py], [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const l2 = dx * dx + dy * dy;
  let t = l2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / l2 : 0;
  t = Math.max(0, Math.min(1, t));
  return { dist: Math.hypot(ax + t * dx - px, ay + t * dy - py), t };
}

/**
 * nearestEdge answers {index, dist} for the edge of pts nearest p, where index is the point the
 * edge starts at (a new point goes in at index + 1); closed adds the edge from last to first.
 * Answers null for fewer than two points.
 */
export function nearestEdge(pts, p, closed) {
  let best = null;
  const n = pts.length;
  for (let i = 0; i < (closed ? n : n - 1) && n >= 2; i++) {
    const { dist } = segmentDistance(p, pts[i], pts[(i + 1) % n]);
    if (!best || dist < best.dist) best = { index: i, dist };
  }
  return best;
}

/** clampTo keeps a point on the canvas. */
export const clampTo = (canvas, [x, y]) => [Math.min(canvas.width_mm, Math.max(0, x)), Math.min(canvas.height_mm, Math.max(0, y))];

/** pathLength answers the length of a polyline in mm. */
export function pathLength(pts) {
  let len = 0;
  for (let i = 1; i < pts.length; i++) len += Math.hypot(pts[i][0] - pts[i - 1][0], pts[i][1] - pts[i - 1][1]);
  return len;
}

/** The density factor at p behind the hairline, as src/sim/sim.c's hair_factor (jagged: its mean edge). */
function hairFactor(h, p) {
  if (!h) return 1;
  let best = Infinity;
  let s = 0;
  let cum = 0;
  for (let i = 1; i < h.pts.length; i++) {
    const a = h.pts[i - 1];
    const b = h.pts[i];
    const seg = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const { dist, t } = segmentDistance(p, a, b);
    if (dist < best) { best = dist; s = cum + t * seg; }
    cum += seg;
  }
  let dist = best;
  let { depth } = h;
  let lo = 0.15;
  if (dist >= h.reach) return 1;
  if (h.style === 'jagged') dist -= 3 * 0.5;
  else if (h.style === 'receded') {
    const edge = h.len > 0 ? Math.min(s, h.len - s) / (0.25 * h.len) : 1;
    depth *= 1 + 1.5 * (edge < 1 ? (1 - edge) * (1 - edge) : 0);
  } else if (h.style === 'defined') lo = 0.3;
  else if (h.style === 'feathered') lo = 0.1;
  if (dist <= 0) return lo;
  const u = dist / depth;
  if (u >= 1) return 1;
  const g = h.style === 'feathered' ? u * (0.6 + 0.4 * u) : u * u * (3 - 2 * u);
  return lo + (1 - lo) * g;
}

/**
 * estimate answers the live summary {area_cm2, impressions_per_session, estimated_minutes} of
 * the state, or null while the area has fewer than three points or a number is not valid: the
 * density field integrated over a grid of at most about 40,000 cells, shared out by session.
 */
export function estimate(s, rate = DEFAULT_RATE) {
  if (s.area.length < 3) return null;
  const density = Number(s.density_per_cm2);
  const percent = s.percent.map(Number);
  const t = Number(s.transition_mm);
  if (!(density > 0) || percent.some((p) => !(p > 0)) || !(t >= 0)) return null;
  const area = polygonArea(s.area);
  let h = null;
  if (s.hairline.length >= 2 && t > 0) {
    const depth = s.style === 'feathered' ? 1.6 * t : s.style === 'defined' ? Math.max(1, t / 3) : t;
    h = { pts: s.hairline, style: s.style, depth, len: pathLength(s.hairline),
      reach: depth * (s.style === 'receded' ? 2.5 : 1) + (s.style === 'jagged' ? 3 : 0) + 1e-9 };
  }
  const xs = s.area.map((p) => p[0]);
  const ys = s.area.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const cell = Math.max(0.5, Math.sqrt(((x1 - x0) * (y1 - y0)) / 40000));
  let sum = 0;
  for (let y = y0 + cell / 2; y < y1; y += cell) {
    for (let x = x0 + cell / 2; x < x1; x += cell) if (contains(s.area, [x, y])) sum += hairFactor(h, [x, y]);
  }
  const total = (sum * cell * cell * density) / 100;
  const per = [];
  let before = 0;
  for (const p of percent) {
    const upTo = Math.round((total * p) / 100);
    per.push(Math.max(0, upTo - before));
    before = upTo;
  }
  return {
    area_cm2: area / 100,
    impressions_per_session: per,
    estimated_minutes: per.map((n) => Math.ceil((n * 60) / rate)),
  };
}

/** minutesWords: "3 h 20 min", "45 min". */
export function minutesWords(m) {
  const hrs = Math.floor(m / 60);
  const min = m % 60;
  if (!hrs) return `${min} min`;
  return min ? `${hrs} h ${min} min` : `${hrs} h`;
}

/**
 * starterShape answers a typical frontal area and hairline for the canvas (a start to adjust):
 * the area spans the middle 70 % of the width from 18 % to 62 % of the height; the hairline
 * runs along its front edge, lower at the centre.
 */
export function starterShape(canvas) {
  const W = canvas.width_mm;
  const H = canvas.height_mm;
  const xa = W * 0.15;
  const xb = W * 0.85;
  const yf = H * 0.2;
  const area = [[xa, yf + H * 0.04], [W * 0.5, yf], [xb, yf + H * 0.04], [xb, H * 0.62], [xa, H * 0.62]].map(([x, y]) => [r1(x), r1(y)]);
  const hairline = [[xa, yf + H * 0.04], [W * 0.32, yf + H * 0.015], [W * 0.5, yf], [W * 0.68, yf + H * 0.015], [xb, yf + H * 0.04]]
    .map(([x, y]) => [r1(x), r1(y)]);
  return { area, hairline };
}
