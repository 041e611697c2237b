/*
 * h_quote_doc.c — a quote as the A4 document a client takes home (src/docs/pdf.c): the clinic's
 * letterhead, the lines and total printed like "£1,800.00", what is included, validity, the
 * deposit and the representative finance example.
 */
#include "docs/pdf.h"
#include "domain/money.h"
#include "http/handlers.h"
#include "store/store_client.h"
#include "store/store_clinic.h"
#include "store/store_quote.h"
#include "util/tz.h"

#include <stdio.h>
#include <string.h>

int quote_pdf_answer(struct req *rq, struct resp *rs, const struct quote *q, const char *status)
{
    struct client client;
    struct clinic clinic;
    struct err e;
    if (store_client_get(rq->db, rq->a, q->client_id, &client, &e) < 0 ||
        store_clinic_get(rq->db, rq->a, q->clinic_id, &clinic, &e) < 0)
        return resp_error(rs, &e);
    struct quote_doc d = {
        .clinic_name = clinic.name,
        .clinic_address = clinic.address,
        .client_name = arena_printf(rq->a, "%s %s", client.first_name, client.last_name),
        .number = arena_printf(rq->a, "Q-%06lld", q->id),
        .valid_until = q->valid_until,
        .notes = q->notes,
    };
    char date[11], money[48], pct[16], example[512];
    tz_date_of(clinic.timezone, q->created_at, date); /* the clinic's day, not UTC's */
    d.date = date;
    if (strcmp(status, "draft") && strcmp(status, "sent"))
        d.status = !strcmp(status, "accepted") && q->accepted_name
                       ? arena_printf(rq->a, "Accepted by %s", q->accepted_name)
                       : arena_printf(rq->a, "Status: %s", status);
    for (int i = 0; i < q->n_lines && i < PDF_MAX_LINES; i++) {
        const struct quote_line *l = &q->lines[i];
        const char *band = band_name(l->area, l->band), *name = area_name(l->area);
        char *what = arena_printf(rq->a, "%c%s%s%s%s", name[0] - 32, name + 1, band ? " (" : "",
                                  band ? band : "", band ? ")" : "");
        for (char *p = what; *p; p++)
            *p = *p == '_' ? ' ' : *p;
        d.lines[d.n_lines++] = (struct pdf_line){
            what, arena_strdup(rq->a, money_format(l->pence, q->currency, money, sizeof money))};
    }
    d.n_lines = q->n_lines < PDF_MAX_LINES ? q->n_lines : PDF_MAX_LINES;
    d.subtotal = arena_strdup(rq->a, money_format(q->subtotal, q->currency, money, sizeof money));
    if (q->discount > 0)
        d.discount = arena_printf(rq->a, "−%s (%s %%)",
                                  money_format(q->discount, q->currency, money, sizeof money),
                                  percent_text(q->discount_bp, pct, sizeof pct));
    d.total = arena_strdup(rq->a, money_format(q->total, q->currency, money, sizeof money));
    d.included = arena_printf(rq->a,
                              "Included: %d visit%s — the treatment sessions of the course, with "
                              "their aftercare advice. Estimated chair time about %d hours in all.",
                              q->sessions_included, q->sessions_included == 1 ? "" : "s",
                              (q->estimated_minutes + 30) / 60);
    d.deposit = arena_printf(rq->a,
                             "Deposit to book your first session: %s. The balance is due "
                             "by the last session.",
                             money_format(q->deposit, q->currency, money, sizeof money));
    struct finance f;
    if (q->total - q->deposit > 0 &&
        finance_plan(q->total - q->deposit, q->finance_months, q->finance_apr_bp, &f) == 0)
        d.finance = arena_strdup(rq->a, finance_example(&f, q->currency, example, sizeof example));
    if (quote_pdf(&d, &rs->body) < 0) {
        buf_reset(&rs->body);
        return resp_fail(rs, ERR_INTERNAL, NULL, "the quote could not be printed");
    }
    rs->status = 200;
    rs->content_type = "application/pdf";
    return 0;
}
