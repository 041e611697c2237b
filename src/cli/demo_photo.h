/*
 * demo_photo.h — a drawn stand-in for a client's head photo, for the demo data.
 */
#ifndef STIPPLE_CLI_DEMO_PHOTO_H
#define STIPPLE_CLI_DEMO_PHOTO_H

#include "util/buf.h"

/* demo_photo_png appends a 1600 × 1000 PNG of a shaved head with a Norwood V pattern to out;
 * the same picture every time. Returns 0, or -1 when cairo fails. */
int demo_photo_png(struct buf *out);

#endif
