/*
 * sim.c — the SMP dot simulator behind sim.h: the treatment area (even-odd polygons), the target
 * density field (full inside, a style-shaped ramp behind the hairline), blue-noise placement
 * session by session, and how a dot looks healed and after years.
 *
 * Placement is Bridson's Poisson-disk sampling with a variable radius r = c / sqrt(density) over
 * a raster of the density field (cells flagged where a polygon edge passes, so containment is
 * exact), with a linked-list background grid for neighbour queries. Each session keeps the
 * earlier dots fixed, re-activates them, grows new dots into the gaps with the session's smaller
 * radius, sweeps the area for gaps the active list missed (holes and separate polygons), and then
 * drops random surplus new dots so the cumulative count meets the session's share of the density
 * integral. Every random choice comes from a splitmix64 stream seeded by the design seed and the
 * session number, so a run with fewer sessions places the same earlier dots. Scratch memory is
 * malloc'ed and freed inside sim_place.
 */
#include "sim/sim.h"

#include "util/mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const struct sim_ageing sim_ageing_defaults = {0.85, 0.80, 0.06, 0.01, 1.5, 1.3};

const struct sim_ageing *sim_ageing_of(const struct sim_design *d)
{
    return d->own_ageing ? &d->ageing : &sim_ageing_defaults;
}

/* The radius constants c in r = c / sqrt(cumulative density): saturated sampling lands 2–25 % above
 * the session's target (C_FIRST for a session on bare skin, C_LATER for one filling the gaps of
 * earlier dots; measured over 20–200 mm squares at 40–180 dots/cm² and 1–4 session plans), so
 * trimming the surplus hits the target. ATTEMPTS candidates per active dot; the gap sweep tries
 * one point per SWEEP × radius square. */
#define C_FIRST 0.88
#define C_LATER 0.68
#define ATTEMPTS 8
#define SWEEP 2.0
#define FLOOR_FACTOR 0.1 /* the lowest density factor inside the area, as a fraction of full */
#define JAG_MM 3.0       /* how far the jagged edge wanders behind the drawn hairline */

/* ---- random numbers ---------------------------------------------------------------------- */

static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* uniform in [0, 1) */
static double unit(uint64_t *s)
{
    return (double)(splitmix(s) >> 11) * 0x1.0p-53;
}

/* a fixed value in [-1, 1] for lattice point i of the design's noise */
static double lattice(uint64_t seed, long i)
{
    uint64_t s = seed ^ ((uint64_t)i * 0xd1b54a32d192ed03ull);
    return unit(&s) * 2 - 1;
}

/* smooth 1-D value noise in about [-1, 1] with the given wavelength */
static double noise(uint64_t seed, double x, double wavelength)
{
    double t = x / wavelength, f = floor(t), u = t - f;
    u = u * u * (3 - 2 * u);
    return lattice(seed, (long)f) * (1 - u) + lattice(seed, (long)f + 1) * u;
}

/* ---- the area ---------------------------------------------------------------------------- */

double sim_area_cm2(const struct sim_design *d)
{
    double sum = 0;
    for (int k = 0; k < d->n_areas && k < SIM_MAX_POLYGONS; k++) {
        const struct sim_polygon *p = &d->areas[k];
        double a = 0;
        for (int i = 0, j = p->n - 1; i < p->n && p->n <= SIM_MAX_VERTICES; j = i++)
            a += p->v[j].x * p->v[i].y - p->v[i].x * p->v[j].y;
        /* even-odd over nested polygons: an inner polygon is a hole, one inside that an island */
        double w = fabs(a) / 2;
        int depth = 0;
        if (p->n > 0)
            for (int m = 0; m < d->n_areas && m < SIM_MAX_POLYGONS; m++) {
                if (m == k)
                    continue;
                const struct sim_polygon *q = &d->areas[m];
                bool in = false;
                struct sim_point v = p->v[0];
                for (int i = 0, j = q->n - 1; i < q->n && q->n <= SIM_MAX_VERTICES; j = i++)
                    if ((q->v[i].y > v.y) != (q->v[j].y > v.y) &&
                        v.x <
                            (q->v[j].x - q->v[i].x) * (v.y - q->v[i].y) / (q->v[j].y - q->v[i].y) +
                                q->v[i].x)
                        in = !in;
                depth += in;
            }
        sum += depth % 2 ? -w : w;
    }
    return sum / 100;
}

bool sim_contains(const struct sim_design *d, struct sim_point p)
{
    bool in = false;
    for (int k = 0; k < d->n_areas && k < SIM_MAX_POLYGONS; k++) {
        const struct sim_polygon *q = &d->areas[k];
        if (q->n > SIM_MAX_VERTICES)
            continue;
        for (int i = 0, j = q->n - 1; i < q->n; j = i++)
            if ((q->v[i].y > p.y) != (q->v[j].y > p.y) &&
                p.x < (q->v[j].x - q->v[i].x) * (p.y - q->v[i].y) / (q->v[j].y - q->v[i].y) +
                          q->v[i].x)
                in = !in;
    }
    return in;
}

/* ---- the density field ------------------------------------------------------------------- */

/* The hairline as the field needs it: ramp depth and reach per style. */
struct hair {
    int n;
    double len; /* total arc length */
    double cum[SIM_MAX_HAIRLINE];
    double depth; /* ramp depth before the temple deepening */
    double reach; /* beyond this distance from the polyline the factor is 1 */
};

static void hair_init(const struct sim_design *d, struct hair *h)
{
    h->n = d->n_hairline >= 2 && d->n_hairline <= SIM_MAX_HAIRLINE ? d->n_hairline : 0;
    h->len = 0;
    for (int i = 0; i < h->n; i++) {
        if (i > 0)
            h->len += hypot(d->hairline[i].x - d->hairline[i - 1].x,
                            d->hairline[i].y - d->hairline[i - 1].y);
        h->cum[i] = h->len;
    }
    double t = isfinite(d->transition_mm) && d->transition_mm > 0 ? d->transition_mm : 0;
    if (t > 200)
        t = 200;
    switch (d->style) {
    case SIM_FEATHERED:
        h->depth = 1.6 * t;
        break;
    case SIM_DEFINED:
        h->depth = t / 3 > 1 ? t / 3 : 1;
        break;
    default:
        h->depth = t;
    }
    h->reach = h->depth * (d->style == SIM_RECEDED ? 2.5 : 1) +
               (d->style == SIM_JAGGED ? JAG_MM : 0) + 1e-9;
    if (h->depth <= 0)
        h->n = 0;
}

/* the factor (FLOOR_FACTOR..1) of full density at p, inside the area */
static double hair_factor(const struct sim_design *d, const struct hair *h, struct sim_point p)
{
    if (h->n == 0)
        return 1;
    double best = INFINITY, s = 0;
    for (int i = 1; i < h->n; i++) {
        struct sim_point a = d->hairline[i - 1], b = d->hairline[i];
        double dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy;
        double t = l2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / l2 : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y, e = ex * ex + ey * ey;
        if (e < best) {
            best = e;
            s = h->cum[i - 1] + t * (h->cum[i] - h->cum[i - 1]);
        }
    }
    double dist = sqrt(best), depth = h->depth, lo = 0.15;
    if (dist >= h->reach)
        return 1;
    switch (d->style) {
    case SIM_JAGGED: /* the edge itself wanders: large and small scale */
        dist -= JAG_MM * (0.5 + 0.35 * noise(d->seed, s, 14) + 0.15 * noise(d->seed ^ 1, s, 5));
        break;
    case SIM_RECEDED: { /* deeper at the temples, the ends of the hairline */
        double edge = h->len > 0 ? fmin(s, h->len - s) / (0.25 * h->len) : 1;
        depth *= 1 + 1.5 * (edge < 1 ? (1 - edge) * (1 - edge) : 0);
        break;
    }
    case SIM_DEFINED:
        lo = 0.3;
        break;
    case SIM_FEATHERED:
        lo = FLOOR_FACTOR;
        break;
    default:
        break;
    }
    if (dist <= 0)
        return lo;
    double u = dist / depth;
    if (u >= 1)
        return 1;
    /* feathered: a gentle, long, nearly linear ramp; the others a smoothstep */
    double g = d->style == SIM_FEATHERED ? u * (0.6 + 0.4 * u) : u * u * (3 - 2 * u);
    return lo + (1 - lo) * g;
}

static double full_density(const struct sim_design *d)
{
    double v = d->density_per_cm2;
    return isfinite(v) && v > 0 ? v : 0;
}

double sim_density(const struct sim_design *d, struct sim_point p)
{
    if (!sim_contains(d, p))
        return 0;
    struct hair h;
    hair_init(d, &h);
    return full_density(d) * hair_factor(d, &h, p);
}

/* ---- the raster of the field ------------------------------------------------------------- */

/* The density factor on a grid of square cells over the area's bounding box (clipped to the
 * canvas): 0 outside, FLOOR_FACTOR..1 inside (at the cell centre); edge marks cells a polygon
 * edge may cross, where a point's containment must be tested exactly. */
struct raster {
    double x0, y0, h;
    int w, rows;
    float *f;
    unsigned char *edge;
    float *q; /* 1/sqrt(f); 0 outside; negative at edge cells (-INFINITY: centre outside) */
};

static bool raster_build(const struct sim_design *d, struct raster *r)
{
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    int edges = 0;
    for (int k = 0; k < d->n_areas && k < SIM_MAX_POLYGONS; k++) {
        const struct sim_polygon *q = &d->areas[k];
        if (q->n > SIM_MAX_VERTICES)
            continue;
        for (int i = 0; i < q->n; i++) {
            if (!isfinite(q->v[i].x) || !isfinite(q->v[i].y))
                return false;
            x0 = fmin(x0, q->v[i].x), x1 = fmax(x1, q->v[i].x);
            y0 = fmin(y0, q->v[i].y), y1 = fmax(y1, q->v[i].y);
        }
        edges += q->n;
    }
    if (d->width_mm > 0 && d->height_mm > 0) {
        x0 = fmax(x0, 0), y0 = fmax(y0, 0);
        x1 = fmin(x1, d->width_mm), y1 = fmin(y1, d->height_mm);
    }
    if (!(x1 > x0 && y1 > y0) || edges == 0)
        return false;
    /* half-millimetre cells, coarser for a huge canvas (at most about 4M cells) */
    double h = 0.5, area = (x1 - x0) * (y1 - y0);
    if (area / (h * h) > 4e6)
        h = sqrt(area / 4e6);
    r->x0 = x0, r->y0 = y0, r->h = h;
    r->w = (int)ceil((x1 - x0) / h), r->rows = (int)ceil((y1 - y0) / h);
    size_t n = (size_t)r->w * (size_t)r->rows;
    r->f = xcalloc(n, sizeof *r->f);
    r->edge = xcalloc(n, 1);
    double *xs = xmalloc(sizeof *xs * (size_t)(edges + 1));
    struct hair hr;
    hair_init(d, &hr);
    double hx0 = INFINITY, hy0 = INFINITY, hx1 = -INFINITY, hy1 = -INFINITY;
    for (int i = 0; i < hr.n; i++) {
        hx0 = fmin(hx0, d->hairline[i].x), hx1 = fmax(hx1, d->hairline[i].x);
        hy0 = fmin(hy0, d->hairline[i].y), hy1 = fmax(hy1, d->hairline[i].y);
    }
    hx0 -= hr.reach, hy0 -= hr.reach, hx1 += hr.reach, hy1 += hr.reach;
    /* scanlines through the cell centres: even-odd spans */
    for (int row = 0; row < r->rows; row++) {
        double y = y0 + (row + 0.5) * h;
        int m = 0;
        for (int k = 0; k < d->n_areas && k < SIM_MAX_POLYGONS; k++) {
            const struct sim_polygon *q = &d->areas[k];
            if (q->n > SIM_MAX_VERTICES)
                continue;
            for (int i = 0, j = q->n - 1; i < q->n; j = i++)
                if ((q->v[i].y > y) != (q->v[j].y > y))
                    xs[m++] = (q->v[j].x - q->v[i].x) * (y - q->v[i].y) / (q->v[j].y - q->v[i].y) +
                              q->v[i].x;
        }
        for (int i = 1; i < m; i++) /* insertion sort: few crossings a row */
            for (int j = i; j > 0 && xs[j - 1] > xs[j]; j--) {
                double t = xs[j];
                xs[j] = xs[j - 1], xs[j - 1] = t;
            }
        for (int i = 0; i + 1 < m; i += 2) {
            /* cells whose centre x lies in (xs[i], xs[i+1]) — as sim_contains decides */
            int c0 = (int)ceil((xs[i] - x0) / h - 0.5), c1 = (int)ceil((xs[i + 1] - x0) / h - 0.5);
            c0 = c0 < 0 ? 0 : c0, c1 = c1 > r->w ? r->w : c1;
            for (int c = c0; c < c1; c++) {
                struct sim_point p = {x0 + (c + 0.5) * h, y};
                bool near = p.x >= hx0 && p.x <= hx1 && p.y >= hy0 && p.y <= hy1;
                r->f[(size_t)row * r->w + c] = near ? (float)hair_factor(d, &hr, p) : 1.0f;
            }
        }
    }
    free(xs);
    /* mark every cell within one cell of a polygon edge */
    for (int k = 0; k < d->n_areas && k < SIM_MAX_POLYGONS; k++) {
        const struct sim_polygon *q = &d->areas[k];
        if (q->n > SIM_MAX_VERTICES)
            continue;
        for (int i = 0, j = q->n - 1; i < q->n; j = i++) {
            double dx = q->v[i].x - q->v[j].x, dy = q->v[i].y - q->v[j].y;
            int steps = (int)ceil(hypot(dx, dy) / (h / 2)) + 1;
            for (int s = 0; s <= steps; s++) {
                double t = (double)s / steps;
                int cx = (int)floor((q->v[j].x + t * dx - x0) / h);
                int cy = (int)floor((q->v[j].y + t * dy - y0) / h);
                for (int yy = cy - 1; yy <= cy + 1; yy++)
                    for (int xx = cx - 1; xx <= cx + 1; xx++)
                        if (xx >= 0 && yy >= 0 && xx < r->w && yy < r->rows)
                            r->edge[(size_t)yy * r->w + xx] = 1;
            }
        }
    }
    r->q = xmalloc(sizeof *r->q * n);
    for (size_t i = 0; i < n; i++) {
        float inv = r->f[i] > 0 ? 1 / sqrtf(r->f[i]) : 0;
        r->q[i] = !r->edge[i] ? inv : inv > 0 ? -inv : -INFINITY;
    }
    return true;
}

static void raster_free(struct raster *r)
{
    free(r->f);
    free(r->edge);
    free(r->q);
}

/* 1 / sqrt(density factor) at (x, y), 0 outside the area (exact at the edges) */
static double raster_inv(const struct sim_design *d, const struct raster *r, double x, double y)
{
    double fx = (x - r->x0) / r->h, fy = (y - r->y0) / r->h;
    if (!(fx >= 0 && fy >= 0 && fx < r->w && fy < r->rows))
        return 0;
    float q = r->q[(size_t)(int)fy * r->w + (size_t)(int)fx];
    if (q >= 0)
        return q;
    if (!sim_contains(d, (struct sim_point){x, y}))
        return 0;
    if (q == -INFINITY) { /* an inside point in a cell whose centre is outside */
        struct hair h;
        hair_init(d, &h);
        return 1 / sqrt(hair_factor(d, &h, (struct sim_point){x, y}));
    }
    return -q;
}

/* the target number of dots: the integral of the field over the raster */
static double raster_total(const struct raster *r, double full)
{
    double sum = 0;
    size_t n = (size_t)r->w * r->rows;
    for (size_t i = 0; i < n; i++)
        sum += r->f[i];
    return sum * r->h * r->h * full / 100;
}

/* ---- placement --------------------------------------------------------------------------- */

/* A background grid of cells the size of the smallest radius / √2, so a cell holds at most one
 * dot: its coordinates inline (EMPTY when none) for cache-friendly neighbour queries. */
#define EMPTY -1e30f

struct cell {
    float x, y;
};

struct placer {
    const struct sim_design *d;
    const struct raster *r;
    double rho;  /* full density, dots per mm² */
    double c;    /* the radius constant of this session */
    double rs;   /* the session's radius at full density */
    double frac; /* this session's cumulative fraction */
    double gs;   /* background grid cell size, mm */
    int gw, gh;  /* grid size in cells */
    struct cell *grid;
    struct sim_dot *dots;
    int n, cap, hard_cap;
    int *active;
    int n_active;
    uint64_t rng;
};

/* the session's radius where 1/sqrt(density factor) is inv */
static double radius(const struct placer *p, double inv)
{
    return p->rs * inv;
}

static struct cell *cell_of(const struct placer *p, double x, double y)
{
    int cx = (int)((x - p->r->x0) / p->gs), cy = (int)((y - p->r->y0) / p->gs);
    return &p->grid[(size_t)cy * p->gw + cx];
}

/* whether no dot lies closer than rad to (x, y) */
static bool free_at(const struct placer *p, double x, double y, double rad)
{
    double gx = (x - p->r->x0) / p->gs, gy = (y - p->r->y0) / p->gs, gr = rad / p->gs;
    int cx0 = (int)(gx - gr), cx1 = (int)(gx + gr), cy0 = (int)(gy - gr), cy1 = (int)(gy + gr);
    cx0 = cx0 < 0 ? 0 : cx0, cy0 = cy0 < 0 ? 0 : cy0;
    cx1 = cx1 >= p->gw ? p->gw - 1 : cx1, cy1 = cy1 >= p->gh ? p->gh - 1 : cy1;
    float fx = (float)x, fy = (float)y, r2 = (float)(rad * rad);
    for (int cy = cy0; cy <= cy1; cy++) {
        const struct cell *row = &p->grid[(size_t)cy * p->gw];
        for (int cx = cx0; cx <= cx1; cx++) {
            float dx = row[cx].x - fx, dy = row[cx].y - fy;
            if (dx * dx + dy * dy < r2)
                return false;
        }
    }
    return true;
}

static void add_dot(struct placer *p, double x, double y, int session)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 1024;
        p->active = xrealloc(p->active, sizeof *p->active * (size_t)p->cap);
        p->dots = xrealloc(p->dots, sizeof *p->dots * (size_t)p->cap);
    }
    int i = p->n++;
    /* natural variation: diameter ±15 %, shade around the middle (sum of two uniforms) */
    double dd = p->d->dot_diameter_mm * (0.85 + 0.3 * unit(&p->rng));
    double sh = 64 + 64 * (unit(&p->rng) + unit(&p->rng));
    p->dots[i] = (struct sim_dot){(float)x, (float)y, (float)dd, (uint8_t)session,
                                  (uint8_t)(sh > 255 ? 255 : sh)};
    *cell_of(p, p->dots[i].x, p->dots[i].y) = (struct cell){p->dots[i].x, p->dots[i].y};
    p->active[p->n_active++] = i;
}

/* a candidate at (x, y): inside, and clear of every dot by its own radius */
static bool try_at(struct placer *p, double x, double y, int session)
{
    if (p->n >= p->hard_cap)
        return false;
    double inv = raster_inv(p->d, p->r, x, y);
    if (inv <= 0 || !free_at(p, x, y, radius(p, inv)))
        return false;
    add_dot(p, x, y, session);
    return true;
}

/* Bridson (with Roberts' refinement): around a random active dot try ATTEMPTS candidates just
 * beyond its radius at evenly spaced angles from a random start; retire the dot when all fail. */
static void grow(struct placer *p, int session)
{
    const double step = 6.283185307179586 / ATTEMPTS, cs = cos(step), sn = sin(step);
    while (p->n_active > 0) {
        int k = (int)(unit(&p->rng) * p->n_active);
        const struct sim_dot *o = &p->dots[p->active[k]];
        double ox = o->x, oy = o->y;
        double inv = raster_inv(p->d, p->r, ox, oy);
        double rad = radius(p, inv > 0 ? inv : 1) * 1.0001;
        double a = unit(&p->rng) * 6.283185307179586, ux = cos(a), uy = sin(a);
        bool found = false;
        for (int t = 0; t < ATTEMPTS && !found; t++) {
            found = try_at(p, ox + rad * ux, oy + rad * uy, session);
            double nx = ux * cs - uy * sn;
            uy = ux * sn + uy * cs, ux = nx;
        }
        if (!found)
            p->active[k] = p->active[--p->n_active];
    }
}

/* one session: sweep the area for gaps (one random try per lattice cell the size of the session's
 * smallest radius), growing from each new dot, then trim to the target */
static void place_session(struct placer *p, int session, double frac, long target)
{
    p->frac = frac;
    p->c = p->n == 0 ? C_FIRST : C_LATER;
    p->rs = p->c / sqrt(frac * p->rho);
    p->rng = p->d->seed ^ (0x632be59bd9b4e019ull * (uint64_t)session);
    int start = p->n;
    p->n_active = 0;
    double step = radius(p, 1);
    /* the grid for this session: cells of the session's smallest radius / √2 */
    const struct raster *r = p->r;
    double bw = r->w * r->h, bh = r->rows * r->h;
    p->gs = step / sqrt(2);
    p->gw = (int)ceil(bw / p->gs) + 1, p->gh = (int)ceil(bh / p->gs) + 1;
    size_t cells = (size_t)p->gw * (size_t)p->gh;
    p->grid = xrealloc(p->grid, sizeof *p->grid * cells);
    for (size_t c = 0; c < cells; c++)
        p->grid[c] = (struct cell){EMPTY, EMPTY};
    for (int i = 0; i < p->n; i++)
        *cell_of(p, p->dots[i].x, p->dots[i].y) = (struct cell){p->dots[i].x, p->dots[i].y};
    step *= SWEEP;
    int sw = (int)ceil(r->w * r->h / step), sh = (int)ceil(r->rows * r->h / step);
    for (int j = 0; j < sh; j++)
        for (int i = 0; i < sw; i++) {
            double x = r->x0 + (i + unit(&p->rng)) * step, y = r->y0 + (j + unit(&p->rng)) * step;
            if (try_at(p, x, y, session))
                grow(p, session);
        }
    /* trim: drop random surplus new dots */
    long surplus = p->n - target;
    int fresh = p->n - start;
    if (surplus <= 0)
        return;
    if (surplus > fresh)
        surplus = fresh;
    int *idx = p->active; /* free now: reuse as the index list of the new dots */
    for (int i = 0; i < fresh; i++)
        idx[i] = start + i;
    for (long i = 0; i < surplus; i++) {
        int j = (int)i + (int)(unit(&p->rng) * (fresh - (int)i));
        int t = idx[i];
        idx[i] = idx[j], idx[j] = t;
        struct sim_dot *o = &p->dots[idx[i]];
        *cell_of(p, o->x, o->y) = (struct cell){EMPTY, EMPTY};
        o->session = 0; /* marked for removal */
    }
    int m = start;
    for (int i = start; i < p->n; i++)
        if (p->dots[i].session != 0)
            p->dots[m++] = p->dots[i];
    p->n = m;
}

/* ---- single dots in front of a soft or feathered hairline ---------------------------------- */

/* How deep in front of the hairline single dots are scattered (mm; 0: none), and their density
 * right at the hairline as a fraction of full. */
static double front_depth(const struct sim_design *d, double *edge_frac)
{
    double t = isfinite(d->transition_mm) && d->transition_mm > 0 ? d->transition_mm : 0;
    if (d->n_hairline < 2 || (d->style != SIM_FEATHERED && d->style != SIM_SOFT))
        return 0;
    *edge_frac = d->style == SIM_FEATHERED ? 0.2 : 0.08;
    return d->style == SIM_FEATHERED ? fmin(0.5 * t, 5) : fmin(0.25 * t, 2);
}

/* The point at arc length s along the hairline and its unit normal. */
static void along(const struct sim_design *d, double s, struct sim_point *at, double *nx,
                  double *ny)
{
    int i = 1;
    double seg = 0;
    for (; i < d->n_hairline; i++) {
        struct sim_point a = d->hairline[i - 1], b = d->hairline[i];
        seg = hypot(b.x - a.x, b.y - a.y);
        if (s <= seg || i == d->n_hairline - 1)
            break;
        s -= seg;
    }
    struct sim_point a = d->hairline[i - 1], b = d->hairline[i];
    double t = seg > 0 ? fmin(1, s / seg) : 0;
    at->x = a.x + t * (b.x - a.x), at->y = a.y + t * (b.y - a.y);
    *nx = seg > 0 ? -(b.y - a.y) / seg : 0, *ny = seg > 0 ? (b.x - a.x) / seg : 1;
}

static bool clear_of(const struct sim_dot *v, const int *idx, int n, double x, double y, double r)
{
    for (int i = 0; i < n; i++) {
        double dx = v[idx[i]].x - x, dy = v[idx[i]].y - y;
        if (dx * dx + dy * dy < r * r)
            return false;
    }
    return true;
}

/* Scatters single dots just in front of the hairline (outside the area), their density falling
 * from edge_frac of full at the line to none at the front depth, no two closer than half the
 * local mean spacing; they belong to the last session, as practitioners add them last. */
static void front_dots(struct placer *p, int session)
{
    const struct sim_design *d = p->d;
    double edge_frac = 0, depth = front_depth(d, &edge_frac), len = 0;
    if (depth <= 0 || p->rho <= 0)
        return;
    double lo_x = INFINITY, lo_y = INFINITY, hi_x = -INFINITY, hi_y = -INFINITY;
    for (int i = 0; i < d->n_hairline; i++) {
        if (i)
            len += hypot(d->hairline[i].x - d->hairline[i - 1].x,
                         d->hairline[i].y - d->hairline[i - 1].y);
        lo_x = fmin(lo_x, d->hairline[i].x), hi_x = fmax(hi_x, d->hairline[i].x);
        lo_y = fmin(lo_y, d->hairline[i].y), hi_y = fmax(hi_y, d->hairline[i].y);
    }
    double rho0 = edge_frac * p->rho, spacing0 = 1 / sqrt(rho0);
    long want = lround(len * rho0 * depth / 2); /* a linear fall-off over depth */
    if (want <= 0 || len <= 0)
        return;
    /* the dots that could be too close: near the hairline's box */
    double reach = depth + spacing0;
    int *near = xmalloc(sizeof *near * (size_t)(p->n + want + 1)), n_near = 0;
    for (int i = 0; i < p->n; i++)
        if (p->dots[i].x > lo_x - reach && p->dots[i].x < hi_x + reach &&
            p->dots[i].y > lo_y - reach && p->dots[i].y < hi_y + reach)
            near[n_near++] = i;
    uint64_t rng = d->seed ^ 0x9e3779b97f4a7c15ull;
    long placed = 0;
    for (long tries = 0; placed < want && tries < want * 60; tries++) {
        struct sim_point at;
        double nx, ny, u = depth * (1 - sqrt(unit(&rng))); /* more near the line */
        along(d, unit(&rng) * len, &at, &nx, &ny);
        struct sim_point c = {at.x + nx * u, at.y + ny * u};
        if (sim_contains(d, c)) /* the normal points into the area: the front is the other way */
            c = (struct sim_point){at.x - nx * u, at.y - ny * u};
        double local = spacing0 / sqrt(fmax(1 - u / depth, 0.05));
        if (sim_contains(d, c) || c.x < 0 || c.y < 0 || c.x > d->width_mm || c.y > d->height_mm ||
            !clear_of(p->dots, near, n_near, c.x, c.y, 0.5 * local) || p->n >= p->hard_cap)
            continue;
        if (p->n == p->cap) {
            p->cap = p->cap ? p->cap * 2 : 1024;
            p->active = xrealloc(p->active, sizeof *p->active * (size_t)p->cap);
            p->dots = xrealloc(p->dots, sizeof *p->dots * (size_t)p->cap);
        }
        double dd = d->dot_diameter_mm * (0.85 + 0.3 * unit(&rng));
        p->dots[p->n] = (struct sim_dot){(float)c.x, (float)c.y, (float)dd, (uint8_t)session,
                                         (uint8_t)(80 + 60 * unit(&rng))};
        near[n_near++] = p->n++;
        placed++;
    }
    free(near);
}

int sim_place(const struct sim_design *d, struct sim_dot *out, int max,
              int per_session[SIM_MAX_SESSIONS])
{
    if (per_session)
        for (int k = 0; k < SIM_MAX_SESSIONS; k++)
            per_session[k] = 0;
    double full = full_density(d);
    int sessions = d->n_sessions < SIM_MAX_SESSIONS ? d->n_sessions : SIM_MAX_SESSIONS;
    struct raster r;
    if (full <= 0 || sessions <= 0 || max <= 0 || !raster_build(d, &r))
        return 0;
    double total = raster_total(&r, full);
    double last = 0;
    for (int k = 0; k < sessions; k++)
        if (isfinite(d->sessions[k]) && d->sessions[k] > last)
            last = d->sessions[k] > 1 ? 1 : d->sessions[k];
    struct placer p = {.d = d, .r = &r, .rho = full / 100};
    /* refuse absurd grids (over ~8M dots) */
    double bw = r.w * r.h, bh = r.rows * r.h, gs = C_LATER / sqrt(last * p.rho) / sqrt(2);
    if (last <= 0 || total < 0.5 || bw * bh / (gs * gs) > 16e6) {
        raster_free(&r);
        return 0;
    }
    /* never more working dots than a generous multiple of what the caller can take */
    p.hard_cap = max > (1 << 28) ? (1 << 29) : max * 2 + 1024;
    int before = 0;
    double prev = 0;
    for (int k = 0; k < sessions; k++) {
        double f = isfinite(d->sessions[k]) ? d->sessions[k] : 0;
        f = f > 1 ? 1 : f;
        if (f > prev) {
            place_session(&p, k + 1, f, lround(f * total));
            prev = f;
        }
        if (k == sessions - 1)
            front_dots(&p, k + 1);
        if (per_session)
            per_session[k] = p.n - before;
        before = p.n;
    }
    int n = p.n < max ? p.n : max;
    if (n > 0)
        memcpy(out, p.dots, sizeof *out * (size_t)n);
    if (per_session && n < p.n) { /* out was too small: count what it holds */
        for (int k = 0; k < SIM_MAX_SESSIONS; k++)
            per_session[k] = 0;
        for (int i = 0; i < n; i++)
            per_session[out[i].session - 1]++;
    }
    free(p.grid), free(p.active), free(p.dots);
    raster_free(&r);
    return n;
}

int sim_place_estimate(const struct sim_design *d)
{
    double n = sim_area_cm2(d) * full_density(d) * 1.05 + 16, edge_frac = 0;
    double depth = front_depth(d, &edge_frac);
    for (int i = 1; depth > 0 && i < d->n_hairline; i++) /* the dots in front of the hairline */
        n += hypot(d->hairline[i].x - d->hairline[i - 1].x,
                   d->hairline[i].y - d->hairline[i - 1].y) *
             depth * edge_frac * full_density(d) / 100;
    return n > 1e9 ? 1000000000 : (int)n;
}

/* ---- appearance and time ----------------------------------------------------------------- */

void sim_appearance(const struct sim_design *d, const struct sim_dot *dot, bool healed,
                    double years, bool high_sun, bool oily, const struct sim_ageing *a,
                    double *diameter_mm, double *opacity)
{
    if (!a)
        a = &sim_ageing_defaults;
    int s = dot->session < 1                  ? 1
            : dot->session > SIM_MAX_SESSIONS ? SIM_MAX_SESSIONS
                                              : dot->session;
    int dil = d->dilution_pct[s - 1];
    dil = dil < 0 ? 0 : dil > 100 ? 100 : dil;
    double dia = isfinite(dot->d) && dot->d > 0 ? dot->d : 0;
    /* shade: the darkest dots are fully opaque, the lightest about 70 % */
    double op = (0.7 + 0.3 * dot->shade / 255.0) * (1 - dil / 100.0 * 0.8);
    if (healed) {
        dia *= a->healed_shrink;
        op *= a->healed_lighten;
    }
    if (isfinite(years) && years > 0) {
        double fade =
            a->fade_per_year * (high_sun ? a->sun_factor : 1) * (oily ? a->oily_factor : 1);
        fade = fade < 0 ? 0 : fade > 1 ? 1 : fade;
        op *= pow(1 - fade, years);
        dia += a->spread_per_year_mm * (oily ? a->oily_factor : 1) * years;
    }
    *diameter_mm = !isfinite(dia) || dia < 0 ? 0 : dia > 10 ? 10 : dia;
    *opacity = !isfinite(op) || op < 0 ? 0 : op > 1 ? 1 : op;
}

int sim_minutes(int impressions, int per_hour)
{
    if (impressions <= 0 || per_hour <= 0)
        return 0;
    long long m = ((long long)impressions * 60 + per_hour - 1) / per_hour;
    return m > 2147483647 ? 2147483647 : (int)m;
}
