/*
 * fuzz_design.c — libFuzzer target for the design file decoder (src/http/design.c): every input
 * must end in a design or a named refusal; accepted designs are bounded (the simulator is not
 * run here, so the fuzzer explores the decoder rather than waiting on placement).
 */
#include "http/design.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sim_design *d = malloc(sizeof *d);
    struct err e = {0};
    if (design_parse((const char *)data, size, d, &e) == 0) {
        if (d->width_mm * d->px_per_mm > 8000 || d->n_sessions < 1 || d->n_areas < 1)
            abort(); /* the decoder's promise */
    }
    free(d);
    return 0;
}
