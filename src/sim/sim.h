/*
 * sim.h — the SMP simulator: where the dots go, session by session, and how they look healed
 * and years later. Pure: no I/O, no clock; the same design and seed give the same dots, bit for
 * bit. Coordinates are millimetres on the canvas, x to the right, y down (like an image).
 *
 * A design is a treatment area (one or more polygons combined by the even-odd rule, so an inner
 * polygon is a hole — e.g. existing hair), a hairline (a polyline along the front edge of the
 * area), a style, a target density and the cumulative fraction of the final density reached
 * after each session (e.g. 0.3, 0.7, 1.0).
 */
#ifndef STIPPLE_SIM_H
#define STIPPLE_SIM_H

#include <stdbool.h>
#include <stdint.h>

enum { SIM_MAX_POLYGONS = 8, SIM_MAX_VERTICES = 256, SIM_MAX_HAIRLINE = 64, SIM_MAX_SESSIONS = 4 };

struct sim_point {
    double x, y;
};

struct sim_polygon {
    int n;
    struct sim_point v[SIM_MAX_VERTICES];
};

enum sim_style { SIM_SOFT, SIM_FEATHERED, SIM_JAGGED, SIM_DEFINED, SIM_RECEDED };

/* How dots look after healing and over the years (documented in docs/design-format.md). */
struct sim_ageing {
    double healed_shrink;      /* diameter factor after healing (0.85) */
    double healed_lighten;     /* opacity factor after healing (0.80) */
    double fade_per_year;      /* opacity lost per year, fraction (0.06) */
    double spread_per_year_mm; /* diameter gained per year (0.01) */
    double sun_factor;         /* multiplies fading for high sun exposure (1.5) */
    double oily_factor;        /* multiplies fading and spreading for oily skin (1.3) */
};

extern const struct sim_ageing sim_ageing_defaults;

struct sim_design {
    double width_mm, height_mm, px_per_mm; /* canvas; image size = canvas × px_per_mm */
    int n_areas;
    struct sim_polygon areas[SIM_MAX_POLYGONS];
    int n_hairline; /* 0: no hairline (e.g. a scar or the crown) */
    struct sim_point hairline[SIM_MAX_HAIRLINE];
    enum sim_style style;
    double transition_mm;   /* depth of the density ramp behind the hairline */
    double density_per_cm2; /* final density deep inside the area */
    int n_sessions;
    double sessions[SIM_MAX_SESSIONS];  /* cumulative fractions, increasing, last ≤ 1 */
    double dot_diameter_mm;             /* mean fresh impression diameter */
    uint8_t rgb[3];                     /* pigment colour */
    int dilution_pct[SIM_MAX_SESSIONS]; /* per session: 0 = neat pigment, 60 = much lighter */
    uint64_t seed;
    char background[128];     /* the photo reference as given ("" for none); drawn by the caller */
    bool own_ageing;          /* ageing below replaces sim_ageing_defaults */
    struct sim_ageing ageing; /* the design's own ageing model ("ageing" in the file) */
};

/* sim_ageing_of answers the ageing model a design is drawn with: its own or the defaults. */
const struct sim_ageing *sim_ageing_of(const struct sim_design *d);

/* One impression. session is 1-based; shade 0..255 is a per-dot variation of darkness. */
struct sim_dot {
    float x, y;      /* centre, mm */
    float d;         /* diameter, mm */
    uint8_t session; /* the session that placed it */
    uint8_t shade;
};

/* sim_area_cm2 returns the treatment area in cm² (even-odd over the polygons). */
double sim_area_cm2(const struct sim_design *d);

/* sim_contains says whether point p is inside the treatment area (even-odd). */
bool sim_contains(const struct sim_design *d, struct sim_point p);

/* sim_density returns the target final density (dots per cm²) at p: density_per_cm2 deep inside,
 * ramping down over transition_mm behind the hairline with the style's irregular edge, 0 outside
 * the area. */
double sim_density(const struct sim_design *d, struct sim_point p);

/* sim_place places the dots of every session into out (at most max), blue-noise (Poisson-disk)
 * over the density field: session k adds dots in the gaps of sessions 1..k-1 (earlier dots never
 * move) until the cumulative fraction sessions[k-1] of the target is reached; no two dots closer
 * than about half the local mean spacing; the total within a few per cent of the integral of
 * the density field. Returns the number of dots, ordered by session; per_session[k] (may be
 * NULL) gets each session's count. Deterministic in d (including seed). */
int sim_place(const struct sim_design *d, struct sim_dot *out, int max,
              int per_session[SIM_MAX_SESSIONS]);

/* sim_place_estimate returns an upper bound for sim_place's count (to size out). */
int sim_place_estimate(const struct sim_design *d);

/* sim_appearance gives a dot's rendered diameter (mm) and opacity (0..1) for the dot's session
 * dilution, healed or fresh, after `years` (0 = freshly healed when healed is true), with high
 * sun and oily skin flags. */
void sim_appearance(const struct sim_design *d, const struct sim_dot *dot, bool healed,
                    double years, bool high_sun, bool oily, const struct sim_ageing *a,
                    double *diameter_mm, double *opacity);

/* sim_minutes estimates the chair time for n impressions at rate impressions per hour. */
int sim_minutes(int impressions, int per_hour);

#endif
