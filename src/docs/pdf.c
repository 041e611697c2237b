/*
 * pdf.c — quotes and receipts as A4 PDFs (see pdf.h). A tiny flow layout: a cursor moves down
 * the page; each block is a pango layout (wrapped to the column) drawn at the cursor; money
 * tables put the amount right-aligned in a second column. A block that would cross the bottom
 * margin starts a new page.
 */
#include "docs/pdf.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#define PAGE_W 595.28 /* A4 in points */
#define PAGE_H 841.89
#define MARGIN 56.0
#define COL_W (PAGE_W - 2 * MARGIN)
#define AMOUNT_W 120.0

struct page {
    cairo_surface_t *s;
    cairo_t *cr;
    double y;
};

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int length)
{
    buf_append(closure, data, length);
    return CAIRO_STATUS_SUCCESS;
}

/* Lays out text (plain, not markup) in font at width; the caller unrefs the layout. */
static PangoLayout *layout(struct page *p, const char *text, const char *font, double width,
                           PangoAlignment align)
{
    PangoLayout *l = pango_cairo_create_layout(p->cr);
    PangoFontDescription *fd = pango_font_description_from_string(font);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l, align);
    pango_layout_set_text(l, text ? text : "", -1);
    return l;
}

static double height(PangoLayout *l)
{
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return (double)h / PANGO_SCALE;
}

/* Starts a new page when h more points do not fit. */
static void room(struct page *p, double h)
{
    if (p->y + h <= PAGE_H - MARGIN)
        return;
    cairo_show_page(p->cr);
    p->y = MARGIN;
}

/* A paragraph across the column, then gap points of space. */
static void para(struct page *p, const char *text, const char *font, double gap)
{
    if (!text || !*text)
        return;
    PangoLayout *l = layout(p, text, font, COL_W, PANGO_ALIGN_LEFT);
    room(p, height(l));
    cairo_move_to(p->cr, MARGIN, p->y);
    pango_cairo_show_layout(p->cr, l);
    p->y += height(l) + gap;
    g_object_unref(l);
}

/* A table row: what on the left, amount right-aligned. */
static void row(struct page *p, const char *what, const char *amount, const char *font)
{
    PangoLayout *a = layout(p, what, font, COL_W - AMOUNT_W - 12, PANGO_ALIGN_LEFT),
                *b = layout(p, amount, font, AMOUNT_W, PANGO_ALIGN_RIGHT);
    double h = height(a) > height(b) ? height(a) : height(b);
    room(p, h + 6);
    cairo_move_to(p->cr, MARGIN, p->y);
    pango_cairo_show_layout(p->cr, a);
    cairo_move_to(p->cr, PAGE_W - MARGIN - AMOUNT_W, p->y);
    pango_cairo_show_layout(p->cr, b);
    p->y += h + 6;
    g_object_unref(a);
    g_object_unref(b);
}

static void rule(struct page *p)
{
    cairo_set_line_width(p->cr, 0.6);
    cairo_move_to(p->cr, MARGIN, p->y + 2);
    cairo_line_to(p->cr, PAGE_W - MARGIN, p->y + 2);
    cairo_stroke(p->cr);
    p->y += 8;
}

static void begin(struct page *p, struct buf *out, const char *title)
{
    p->s = cairo_pdf_surface_create_for_stream(to_buf, out, PAGE_W, PAGE_H);
    cairo_pdf_surface_set_metadata(p->s, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(p->s, CAIRO_PDF_METADATA_CREATOR, "stipple");
    p->cr = cairo_create(p->s);
    cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.12);
    p->y = MARGIN;
}

static int finish(struct page *p)
{
    cairo_show_page(p->cr);
    cairo_status_t st = cairo_status(p->cr);
    cairo_destroy(p->cr);
    cairo_surface_finish(p->s);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(p->s);
    cairo_surface_destroy(p->s);
    return st == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

/* The letterhead: the clinic's name and address, then the document's title. */
static void head(struct page *p, const char *clinic, const char *address, const char *title)
{
    para(p, clinic, "DejaVu Sans Bold 16", 2);
    para(p, address, "DejaVu Sans 9", 18);
    para(p, title, "DejaVu Sans Bold 13", 8);
}

int quote_pdf(const struct quote_doc *d, struct buf *out)
{
    struct page p;
    char line[256];
    begin(&p, out, "Quote");
    head(&p, d->clinic_name, d->clinic_address, "Quote");
    snprintf(line, sizeof line, "For %s · Quote %s · %s · valid until %s", d->client_name,
             d->number, d->date, d->valid_until);
    para(&p, line, "DejaVu Sans 10", 4);
    if (d->status)
        para(&p, d->status, "DejaVu Sans Bold 10", 4);
    p.y += 8;
    row(&p, "Treatment", "Price", "DejaVu Sans Bold 10");
    rule(&p);
    for (int i = 0; i < d->n_lines && i < PDF_MAX_LINES; i++)
        row(&p, d->lines[i].what, d->lines[i].amount, "DejaVu Sans 10");
    rule(&p);
    row(&p, "Subtotal", d->subtotal, "DejaVu Sans 10");
    if (d->discount)
        row(&p, "Discount", d->discount, "DejaVu Sans 10");
    row(&p, "Total", d->total, "DejaVu Sans Bold 12");
    p.y += 10;
    para(&p, d->included, "DejaVu Sans 10", 6);
    para(&p, d->deposit, "DejaVu Sans 10", 10);
    if (d->finance) {
        para(&p, "Paying in instalments", "DejaVu Sans Bold 10", 3);
        para(&p, d->finance, "DejaVu Sans 9", 10);
    }
    if (d->notes) {
        para(&p, "Notes", "DejaVu Sans Bold 10", 3);
        para(&p, d->notes, "DejaVu Sans 9", 10);
    }
    para(&p,
         "Prices include everything listed for the visits stated. A touch-up years later is "
         "quoted separately. This quote is valid until the date shown.",
         "DejaVu Sans 8", 0);
    return finish(&p);
}

int receipt_pdf(const struct receipt_doc *d, struct buf *out)
{
    struct page p;
    char line[256];
    begin(&p, out, "Receipt");
    head(&p, d->clinic_name, d->clinic_address, d->kind);
    snprintf(line, sizeof line, "For %s · %s %s · %s", d->client_name, d->kind, d->number, d->date);
    para(&p, line, "DejaVu Sans 10", 12);
    row(&p, d->method, d->amount, "DejaVu Sans Bold 12");
    rule(&p);
    if (d->reference && *d->reference) {
        snprintf(line, sizeof line, "Reference: %s", d->reference);
        para(&p, line, "DejaVu Sans 9", 4);
    }
    if (d->reason && *d->reason) {
        snprintf(line, sizeof line, "Reason: %s", d->reason);
        para(&p, line, "DejaVu Sans 9", 4);
    }
    p.y += 8;
    row(&p, "Course total", d->course_total, "DejaVu Sans 10");
    row(&p, "Paid so far (less refunds)", d->paid, "DejaVu Sans 10");
    row(&p, "Balance due", d->balance, "DejaVu Sans Bold 11");
    return finish(&p);
}

int aftercare_pdf(const struct aftercare_doc *d, struct buf *out)
{
    struct page p;
    char line[256];
    begin(&p, out, "Aftercare");
    head(&p, d->clinic_name, d->clinic_address, "Looking after your scalp");
    snprintf(line, sizeof line, "For %s · session on %s", d->client_name, d->session_on);
    para(&p, line, "DejaVu Sans 10", 14);
    for (int i = 0; i < d->n && i < 8; i++) {
        para(&p, d->items[i].title, "DejaVu Sans Bold 11", 1);
        para(&p, d->items[i].when, "DejaVu Sans Oblique 9", 3);
        para(&p, d->items[i].advice, "DejaVu Sans 10", 12);
    }
    para(&p,
         "Call the clinic if redness lasts beyond two days, if the area becomes hot, swollen or "
         "weeps, or if you feel unwell.",
         "DejaVu Sans Bold 9", 6);
    para(&p, d->document, "DejaVu Sans 8", 0);
    return finish(&p);
}

void pdf_shutdown(void)
{
    pango_cairo_font_map_set_default(NULL);
}
