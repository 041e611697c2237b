/*
 * links.h — hiding the secrets in links. A message to a client carries a link with a one-time or
 * long-lived token (a portal sign-in "p_…", a quote "q_…", a booking "b_…"). Once the message is
 * out, or whenever staff read it back on the timeline, the token is replaced so the text can be
 * shown and kept without being usable.
 */
#ifndef STIPPLE_LINKS_H
#define STIPPLE_LINKS_H

/* links_hide_tokens rewrites s in place: every token of the form "/p_", "/q_" or "/b_" followed
 * by 20 or more URL-safe Base64 characters keeps its slash and prefix and loses the rest, which
 * becomes "…" (the text only gets shorter). Returns s. */
char *links_hide_tokens(char *s);

#endif
