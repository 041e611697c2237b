/*
 * design.h — reading a design file (docs/design-format.md) into a struct sim_design, naming the
 * first bad key ("canvas.width_mm", "hairline.style", …) when it is refused.
 */
#ifndef STIPPLE_DESIGN_H
#define STIPPLE_DESIGN_H

#include "sim/sim.h"
#include "util/err.h"

#include <jansson.h>
#include <stddef.h>

/* design_parse reads len bytes of JSON text into d (ERR_MALFORMED when it is not a JSON object,
 * ERR_INVALID naming the key otherwise). */
int design_parse(const char *text, size_t len, struct sim_design *d, struct err *e);

/* design_from_json is design_parse for an already parsed object. */
int design_from_json(json_t *o, struct sim_design *d, struct err *e);

/* design_summary returns {"area_cm2","impressions_per_session":[…],"estimated_minutes":[…]}
 * as compact JSON text (caller frees); per_hour is the clinic's impressions an hour. */
char *design_summary(const struct sim_design *d, const int per_session[SIM_MAX_SESSIONS],
                     int per_hour);

#endif
