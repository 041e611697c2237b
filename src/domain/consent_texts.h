/*
 * consent_texts.h — the documents a new installation starts with: an SMP consent form, the
 * aftercare advice and a privacy notice, written from DOMAIN.md and its seeds. Clinics replace
 * them with their own reviewed versions.
 */
#ifndef STIPPLE_CONSENT_TEXTS_H
#define STIPPLE_CONSENT_TEXTS_H

#include "domain/model.h"

/* consent_kinds lists the document kinds, NULL-terminated. */
extern const char *const consent_kinds[];

/* consent_kind_valid says whether kind is one of consent_kinds. */
int consent_kind_valid(const char *kind);

/* consent_defaults returns the default documents (kind, title, body, reviewed_by,
 * reviewed_on set; the rest zero) and their count. */
const struct consent_document *consent_defaults(int *n);

/* signature_valid says whether s is SVG path data of a drawn signature: M/L commands with
 * coordinates, at least one line, at most 64 KiB. */
int signature_valid(const char *s);

#endif
