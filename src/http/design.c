/*
 * design.c — the design file decoder (see design.h and docs/design-format.md). Every number is
 * range-checked before the simulator sees it, so a hostile file cannot ask for a gigapixel image
 * or a billion dots.
 */
#include "http/design.h"

#include "http/json.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Refuses a key of object o (the design's member name) that is not in known, naming it as
 * "name.key". */
static int only_in(json_t *o, const char *name, const char *const *known, struct err *e)
{
    if (jin_only(o, known, e) == 0)
        return 0;
    char field[64];
    snprintf(field, sizeof field, "%s.%.40s", name, e->field);
    return err_set(e, ERR_INVALID, field, "unknown key %s", field);
}

static int number(json_t *o, const char *key, const char *field, double lo, double hi, double *out,
                  struct err *e)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_number(v) || !isfinite(json_number_value(v)) || json_number_value(v) < lo ||
        json_number_value(v) > hi)
        return err_set(e, ERR_INVALID, field, "%s must be a number from %g to %g", field, lo, hi);
    *out = json_number_value(v);
    return 0;
}

/* Reads the optional "ageing" object: any of the model's parameters (docs/design-format.md),
 * each within a sensible range; the others keep their defaults. */
static int ageing(json_t *ag, struct sim_design *d, struct err *e)
{
    static const char *const known[] = {"healed_shrink",
                                        "healed_lighten",
                                        "fade_per_year",
                                        "spread_per_year_mm",
                                        "sun_factor",
                                        "oily_factor",
                                        NULL};
    d->ageing = sim_ageing_defaults;
    d->own_ageing = false;
    if (!ag || json_is_null(ag))
        return 0;
    if (!json_is_object(ag))
        return err_set(e, ERR_INVALID, "ageing", "ageing must be an object or null");
    if (only_in(ag, "ageing", known, e) < 0)
        return -1;
    struct sim_ageing *a = &d->ageing;
    if ((json_object_get(ag, "healed_shrink") &&
         number(ag, "healed_shrink", "ageing.healed_shrink", 0.3, 1, &a->healed_shrink, e) < 0) ||
        (json_object_get(ag, "healed_lighten") &&
         number(ag, "healed_lighten", "ageing.healed_lighten", 0.2, 1, &a->healed_lighten, e) <
             0) ||
        (json_object_get(ag, "fade_per_year") &&
         number(ag, "fade_per_year", "ageing.fade_per_year", 0, 0.5, &a->fade_per_year, e) < 0) ||
        (json_object_get(ag, "spread_per_year_mm") &&
         number(ag, "spread_per_year_mm", "ageing.spread_per_year_mm", 0, 0.2,
                &a->spread_per_year_mm, e) < 0) ||
        (json_object_get(ag, "sun_factor") &&
         number(ag, "sun_factor", "ageing.sun_factor", 1, 5, &a->sun_factor, e) < 0) ||
        (json_object_get(ag, "oily_factor") &&
         number(ag, "oily_factor", "ageing.oily_factor", 1, 5, &a->oily_factor, e) < 0))
        return -1;
    d->own_ageing = true;
    return 0;
}

static int point(json_t *v, struct sim_point *p, const struct sim_design *d)
{
    if (!json_is_array(v) || json_array_size(v) != 2 || !json_is_number(json_array_get(v, 0)) ||
        !json_is_number(json_array_get(v, 1)))
        return -1;
    p->x = json_number_value(json_array_get(v, 0));
    p->y = json_number_value(json_array_get(v, 1));
    return isfinite(p->x) && isfinite(p->y) && p->x >= 0 && p->y >= 0 && p->x <= d->width_mm &&
                   p->y <= d->height_mm
               ? 0
               : -1;
}

static int polygon(json_t *v, struct sim_polygon *poly, const struct sim_design *d)
{
    if (!json_is_array(v) || json_array_size(v) < 3 || json_array_size(v) > SIM_MAX_VERTICES)
        return -1;
    poly->n = (int)json_array_size(v);
    for (int i = 0; i < poly->n; i++)
        if (point(json_array_get(v, (size_t)i), &poly->v[i], d) < 0)
            return -1;
    return 0;
}

int design_from_json(json_t *o, struct sim_design *d, struct err *e)
{
    static const char *const known[] = {
        "version",  "canvas", "background", "area", "hairline", "density_per_cm2",
        "sessions", "dot",    "pigment",    "seed", "name",     "ageing",
        NULL};
    memset(d, 0, sizeof *d);
    if (!json_is_object(o))
        return err_set(e, ERR_MALFORMED, NULL, "a design is a JSON object");
    if (jin_only(o, known, e) < 0)
        return -1;
    json_t *version = json_object_get(o, "version");
    if (!json_is_integer(version) || json_integer_value(version) != 1)
        return err_set(e, ERR_INVALID, "version", "version must be 1");
    json_t *canvas = json_object_get(o, "canvas");
    static const char *const canvas_known[] = {"width_mm", "height_mm", "px_per_mm", NULL};
    if (!json_is_object(canvas))
        return err_set(e, ERR_INVALID, "canvas", "canvas must be an object");
    if (only_in(canvas, "canvas", canvas_known, e) < 0)
        return -1;
    if (number(canvas, "width_mm", "canvas.width_mm", 10, 500, &d->width_mm, e) < 0 ||
        number(canvas, "height_mm", "canvas.height_mm", 10, 500, &d->height_mm, e) < 0 ||
        number(canvas, "px_per_mm", "canvas.px_per_mm", 1, 20, &d->px_per_mm, e) < 0)
        return -1;
    json_t *bg = json_object_get(o, "background");
    if (bg && !json_is_null(bg) &&
        (!json_is_string(bg) || json_string_length(bg) < 1 ||
         json_string_length(bg) >= sizeof d->background ||
         strlen(json_string_value(bg)) != json_string_length(bg)))
        return err_set(e, ERR_INVALID, "background", "background is null or a photo reference");
    if (json_is_string(bg))
        memcpy(d->background, json_string_value(bg), json_string_length(bg) + 1);
    json_t *area = json_object_get(o, "area");
    if (!json_is_array(area) || json_array_size(area) == 0)
        return err_set(e, ERR_INVALID, "area", "area must be a polygon or a list of polygons");
    bool several = json_is_array(json_array_get(json_array_get(area, 0), 0));
    if (several) {
        if (json_array_size(area) > SIM_MAX_POLYGONS)
            return err_set(e, ERR_INVALID, "area", "area has more than %d polygons",
                           SIM_MAX_POLYGONS);
        d->n_areas = (int)json_array_size(area);
        for (int k = 0; k < d->n_areas; k++)
            if (polygon(json_array_get(area, (size_t)k), &d->areas[k], d) < 0)
                return err_set(e, ERR_INVALID, "area",
                               "each area polygon needs 3 to %d [x, y] points on the canvas",
                               SIM_MAX_VERTICES);
    } else {
        d->n_areas = 1;
        if (polygon(area, &d->areas[0], d) < 0)
            return err_set(e, ERR_INVALID, "area", "area needs 3 to %d [x, y] points on the canvas",
                           SIM_MAX_VERTICES);
    }
    json_t *hl = json_object_get(o, "hairline");
    d->style = SIM_SOFT;
    d->transition_mm = 6;
    if (hl && !json_is_null(hl)) {
        static const char *const hl_known[] = {"points", "style", "transition_mm", NULL};
        if (!json_is_object(hl))
            return err_set(e, ERR_INVALID, "hairline", "hairline must be an object or null");
        if (only_in(hl, "hairline", hl_known, e) < 0)
            return -1;
        json_t *pts = json_object_get(hl, "points");
        if (!json_is_array(pts) || json_array_size(pts) < 2 ||
            json_array_size(pts) > SIM_MAX_HAIRLINE)
            return err_set(e, ERR_INVALID, "hairline.points",
                           "hairline.points needs 2 to %d [x, y] points", SIM_MAX_HAIRLINE);
        d->n_hairline = (int)json_array_size(pts);
        for (int i = 0; i < d->n_hairline; i++)
            if (point(json_array_get(pts, (size_t)i), &d->hairline[i], d) < 0)
                return err_set(e, ERR_INVALID, "hairline.points",
                               "hairline.points must be [x, y] points on the canvas");
        static const char *const styles[] = {"soft", "feathered", "jagged", "defined", "receded"};
        json_t *st = json_object_get(hl, "style");
        if (st) {
            int found = -1;
            for (int i = 0; i < 5; i++)
                if (json_is_string(st) && !strcmp(json_string_value(st), styles[i]))
                    found = i;
            if (found < 0)
                return err_set(e, ERR_INVALID, "hairline.style",
                               "hairline.style is soft, feathered, jagged, defined or receded");
            d->style = (enum sim_style)found;
        }
        if (json_object_get(hl, "transition_mm") &&
            number(hl, "transition_mm", "hairline.transition_mm", 0, 40, &d->transition_mm, e) < 0)
            return -1;
    }
    if (number(o, "density_per_cm2", "density_per_cm2", 1, 300, &d->density_per_cm2, e) < 0)
        return -1;
    json_t *ss = json_object_get(o, "sessions");
    if (!json_is_array(ss) || json_array_size(ss) < 1 || json_array_size(ss) > SIM_MAX_SESSIONS)
        return err_set(e, ERR_INVALID, "sessions",
                       "sessions lists 1 to %d cumulative fractions, e.g. [0.3, 0.7, 1.0]",
                       SIM_MAX_SESSIONS);
    d->n_sessions = (int)json_array_size(ss);
    for (int k = 0; k < d->n_sessions; k++) {
        json_t *f = json_array_get(ss, (size_t)k);
        double x = json_is_number(f) ? json_number_value(f) : -1;
        if (!(x > 0 && x <= 1) || (k && x <= d->sessions[k - 1]))
            return err_set(e, ERR_INVALID, "sessions",
                           "sessions must rise, each above 0 and at most 1");
        d->sessions[k] = x;
    }
    json_t *dot = json_object_get(o, "dot");
    d->dot_diameter_mm = 0.25;
    if (dot && !json_is_object(dot))
        return err_set(e, ERR_INVALID, "dot", "dot must be {\"diameter_mm\": …}");
    static const char *const dot_known[] = {"diameter_mm", NULL};
    if (dot && only_in(dot, "dot", dot_known, e) < 0)
        return -1;
    if (dot && number(dot, "diameter_mm", "dot.diameter_mm", 0.05, 1.5, &d->dot_diameter_mm, e) < 0)
        return -1;
    json_t *pig = json_object_get(o, "pigment");
    d->rgb[0] = 0x2b, d->rgb[1] = 0x26, d->rgb[2] = 0x22;
    for (int k = 0; k < SIM_MAX_SESSIONS; k++)
        d->dilution_pct[k] = 0;
    if (pig) {
        if (!json_is_object(pig))
            return err_set(e, ERR_INVALID, "pigment", "pigment must be an object");
        static const char *const pig_known[] = {"color", "dilution_pct", NULL};
        if (only_in(pig, "pigment", pig_known, e) < 0)
            return -1;
        json_t *col = json_object_get(pig, "color");
        unsigned r, g, b;
        if (col && (!json_is_string(col) || strlen(json_string_value(col)) != 7 ||
                    sscanf(json_string_value(col), "#%2x%2x%2x", &r, &g, &b) != 3))
            return err_set(e, ERR_INVALID, "pigment.color", "pigment.color is like #2b2622");
        if (col) {
            d->rgb[0] = (uint8_t)r;
            d->rgb[1] = (uint8_t)g;
            d->rgb[2] = (uint8_t)b;
        }
        json_t *dil = json_object_get(pig, "dilution_pct");
        if (dil) {
            if (!json_is_array(dil) || (int)json_array_size(dil) != d->n_sessions)
                return err_set(e, ERR_INVALID, "pigment.dilution_pct",
                               "pigment.dilution_pct gives one percentage per session");
            for (int k = 0; k < d->n_sessions; k++) {
                json_t *x = json_array_get(dil, (size_t)k);
                if (!json_is_integer(x) || json_integer_value(x) < 0 || json_integer_value(x) > 90)
                    return err_set(e, ERR_INVALID, "pigment.dilution_pct",
                                   "each dilution is a whole percentage from 0 to 90");
                d->dilution_pct[k] = (int)json_integer_value(x);
            }
        }
    }
    if (ageing(json_object_get(o, "ageing"), d, e) < 0)
        return -1;
    json_t *seed = json_object_get(o, "seed");
    if (seed && (!json_is_integer(seed) || json_integer_value(seed) < 0))
        return err_set(e, ERR_INVALID, "seed", "seed is a whole number of 0 or more");
    d->seed = seed ? (uint64_t)json_integer_value(seed) : 1;
    if (d->width_mm * d->px_per_mm > 8000 || d->height_mm * d->px_per_mm > 8000)
        return err_set(e, ERR_INVALID, "canvas.px_per_mm",
                       "the image would be larger than 8000 pixels a side");
    return 0;
}

int design_parse(const char *text, size_t len, struct sim_design *d, struct err *e)
{
    json_t *o;
    if (json_parse_body(text, len, &o, e) < 0)
        return -1;
    int rc = design_from_json(o, d, e);
    json_decref(o);
    return rc;
}

char *design_summary(const struct sim_design *d, const int per_session[SIM_MAX_SESSIONS],
                     int per_hour)
{
    json_t *imp = json_array(), *min = json_array();
    for (int k = 0; k < d->n_sessions; k++) {
        json_array_append_new(imp, json_integer(per_session[k]));
        json_array_append_new(min, json_integer(sim_minutes(per_session[k], per_hour)));
    }
    json_t *j = json_pack("{s:f,s:o,s:o}", "area_cm2", round(sim_area_cm2(d) * 100) / 100,
                          "impressions_per_session", imp, "estimated_minutes", min);
    char *text = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(8));
    json_decref(j);
    return text;
}
