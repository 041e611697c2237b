/*
 * pdf.h — the documents stipple prints for clients: a quote and a payment receipt, A4 PDFs laid
 * out with pango on cairo (fonts embedded as subsets, the text selectable and searchable). The
 * callers pass the words already formatted (amounts as "£1,800.00"); nothing here reads the
 * database or JSON, and everything is drawn into memory.
 */
#ifndef STIPPLE_DOCS_PDF_H
#define STIPPLE_DOCS_PDF_H

#include "util/buf.h"

enum { PDF_MAX_LINES = 16 };

/* One row of a money table: what, and its amount. */
struct pdf_line {
    const char *what, *amount;
};

/* A quote as the client reads it. */
struct quote_doc {
    const char *clinic_name, *clinic_address;
    const char *client_name;
    const char *number, *date, *valid_until, *status;
    int n_lines;
    struct pdf_line lines[PDF_MAX_LINES];
    const char *subtotal, *discount, *total; /* discount NULL when none */
    const char *included;                    /* "3 visits …" */
    const char *deposit;                     /* "Deposit to book: £360.00 (20 %)" */
    const char *finance;                     /* the representative example, or NULL */
    const char *notes;                       /* or NULL */
};

/* quote_pdf appends an A4 quote to out; returns 0, or -1 when cairo fails. */
int quote_pdf(const struct quote_doc *d, struct buf *out);

/* A payment or refund receipt. */
struct receipt_doc {
    const char *clinic_name, *clinic_address;
    const char *client_name;
    const char *number, *date, *kind, *method, *amount, *reference, *reason;
    const char *course_total, *paid, *balance;
};

/* receipt_pdf appends an A4 receipt to out; returns 0, or -1 when cairo fails. */
int receipt_pdf(const struct receipt_doc *d, struct buf *out);

/* An aftercare handout: the stages of the weeks after a session. */
struct aftercare_doc {
    const char *clinic_name, *clinic_address, *client_name, *session_on, *document;
    int n;
    struct {
        const char *when, *title, *advice;
    } items[8];
};

/* aftercare_pdf appends an A4 handout to out; returns 0, or -1 when cairo fails. */
int aftercare_pdf(const struct aftercare_doc *d, struct buf *out);

/* pdf_shutdown frees pango's font map of the calling thread (call with the other process-wide
 * cleanups, at exit). */
void pdf_shutdown(void);

#endif
