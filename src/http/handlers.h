/*
 * handlers.h — every route handler, one file per resource (h_*.c).
 */
#ifndef STIPPLE_HANDLERS_H
#define STIPPLE_HANDLERS_H

#include "http/req.h"

/* h_system.c */
int h_index(struct req *rq, struct resp *rs);
int h_asset(struct req *rq, struct resp *rs);
int h_healthz(struct req *rq, struct resp *rs);
int h_metrics(struct req *rq, struct resp *rs);
/* h_auth.c */
int h_login(struct req *rq, struct resp *rs);
int h_logout(struct req *rq, struct resp *rs);
int h_me(struct req *rq, struct resp *rs);
/* h_clinic.c */
int h_clinic_list(struct req *rq, struct resp *rs);
int h_clinic_create(struct req *rq, struct resp *rs);
int h_clinic_get(struct req *rq, struct resp *rs);
int h_clinic_update(struct req *rq, struct resp *rs);
int h_clinic_delete(struct req *rq, struct resp *rs);
/* h_practitioner.c */
int h_practitioner_list(struct req *rq, struct resp *rs);
int h_practitioner_create(struct req *rq, struct resp *rs);
int h_practitioner_get(struct req *rq, struct resp *rs);
int h_practitioner_update(struct req *rq, struct resp *rs);
int h_practitioner_delete(struct req *rq, struct resp *rs);
/* h_client.c */
int h_client_list(struct req *rq, struct resp *rs);
int h_client_create(struct req *rq, struct resp *rs);
int h_client_get(struct req *rq, struct resp *rs);
int h_client_update(struct req *rq, struct resp *rs);
int h_client_delete(struct req *rq, struct resp *rs);
/* h_user.c */
int h_user_list(struct req *rq, struct resp *rs);
int h_user_create(struct req *rq, struct resp *rs);
int h_user_get(struct req *rq, struct resp *rs);
int h_user_update(struct req *rq, struct resp *rs);
/* h_consultation.c */
struct consultation;
/* consultation_decode applies rq->json to c (POST: c preset to unset; PATCH: the stored
 * record), then checks the whole record; ERR_INVALID names the first bad field by its path. */
int consultation_decode(struct req *rq, struct consultation *c, struct err *e);
int h_consultation_create(struct req *rq, struct resp *rs);
int h_consultation_list(struct req *rq, struct resp *rs);
int h_consultation_get(struct req *rq, struct resp *rs);
int h_consultation_update(struct req *rq, struct resp *rs);
int h_consultation_eligibility(struct req *rq, struct resp *rs);
int h_classification_scales(struct req *rq, struct resp *rs);
/* h_consent.c */
int h_document_list(struct req *rq, struct resp *rs);
int h_document_get(struct req *rq, struct resp *rs);
int h_document_create(struct req *rq, struct resp *rs);
int h_consent_sign(struct req *rq, struct resp *rs);
int h_consent_list(struct req *rq, struct resp *rs);
int h_consent_get(struct req *rq, struct resp *rs);
int h_consent_status(struct req *rq, struct resp *rs);
/* h_appointment.c */
int h_appointment_create(struct req *rq, struct resp *rs);
int h_appointment_get(struct req *rq, struct resp *rs);
int h_appointment_list(struct req *rq, struct resp *rs);
int h_appointment_update(struct req *rq, struct resp *rs);
int h_appointment_cancel(struct req *rq, struct resp *rs);
int h_availability(struct req *rq, struct resp *rs);
/* h_schedule.c */
int h_clinic_hours_get(struct req *rq, struct resp *rs);
int h_clinic_hours_put(struct req *rq, struct resp *rs);
int h_practitioner_hours_get(struct req *rq, struct resp *rs);
int h_practitioner_hours_put(struct req *rq, struct resp *rs);
int h_closure_list(struct req *rq, struct resp *rs);
int h_closure_create(struct req *rq, struct resp *rs);
int h_closure_delete(struct req *rq, struct resp *rs);
int h_chair_list(struct req *rq, struct resp *rs);
int h_chair_create(struct req *rq, struct resp *rs);
int h_chair_update(struct req *rq, struct resp *rs);
int h_time_off_list(struct req *rq, struct resp *rs);
int h_time_off_create(struct req *rq, struct resp *rs);
int h_time_off_delete(struct req *rq, struct resp *rs);
/* h_course.c */
int h_protocol_list(struct req *rq, struct resp *rs);
int h_course_create(struct req *rq, struct resp *rs);
int h_course_get(struct req *rq, struct resp *rs);
int h_course_plan(struct req *rq, struct resp *rs);
int h_course_book(struct req *rq, struct resp *rs);
/* h_calendar.c */
int h_practitioner_calendar(struct req *rq, struct resp *rs);
int h_practitioner_feed(struct req *rq, struct resp *rs);
int h_feed(struct req *rq, struct resp *rs);
int h_appointment_calendar(struct req *rq, struct resp *rs);
/* h_design.c */
int h_design_create(struct req *rq, struct resp *rs);
int h_design_list(struct req *rq, struct resp *rs);
int h_design_get(struct req *rq, struct resp *rs);
int h_design_png(struct req *rq, struct resp *rs);
int h_design_svg(struct req *rq, struct resp *rs);
int h_design_pdf(struct req *rq, struct resp *rs);
int h_design_preview(struct req *rq, struct resp *rs);

/* h_quote.c */
int h_price_book_get(struct req *rq, struct resp *rs);
int h_price_book_put(struct req *rq, struct resp *rs);
int h_quote_create(struct req *rq, struct resp *rs);
/* h_quote_preview prices a quote body exactly as h_quote_create would, saving nothing. */
int h_quote_preview(struct req *rq, struct resp *rs);
int h_quote_list(struct req *rq, struct resp *rs);
int h_quote_get(struct req *rq, struct resp *rs);
int h_quote_send(struct req *rq, struct resp *rs);
int h_quote_accept(struct req *rq, struct resp *rs);
int h_quote_decline(struct req *rq, struct resp *rs);
int h_quote_pdf(struct req *rq, struct resp *rs);
int h_shared_quote_get(struct req *rq, struct resp *rs);
int h_shared_quote_pdf(struct req *rq, struct resp *rs);
int h_shared_quote_accept(struct req *rq, struct resp *rs);
/* quote_pdf_answer answers q as an A4 PDF (h_quote_doc.c); status is how it reads today. */
struct quote;
int quote_pdf_answer(struct req *rq, struct resp *rs, const struct quote *q, const char *status);
/* public_limit counts one request against bucket, at most max per window_s seconds (the count
 * commits on its own, so refused attempts count too); over it: 429 with Retry-After and -1
 * (h_public.c). */
int public_limit(struct req *rq, struct resp *rs, const char *bucket, int max, int window_s,
                 struct err *e);

/* course_preset fills c's protocol with the seeds' preset for 2, 3 or 4 sessions (h_course.c);
 * -1 for another number. */
int course_preset(int sessions, struct course *c);

/* h_payment.c */
int h_account_get(struct req *rq, struct resp *rs);
int h_payment_create(struct req *rq, struct resp *rs);
int h_course_finance(struct req *rq, struct resp *rs);
int h_payment_receipt(struct req *rq, struct resp *rs);
int h_finance_get(struct req *rq, struct resp *rs);

/* consent_ready says whether client_id has signed the current version of the treatment consent
 * (h_consent.c). */
int consent_ready(struct req *rq, long long client_id, bool *ready, struct err *e);

/* h_record.c */
int h_lot_create(struct req *rq, struct resp *rs);
int h_lot_list(struct req *rq, struct resp *rs);
int h_lot_get(struct req *rq, struct resp *rs);
int h_lot_update(struct req *rq, struct resp *rs);
int h_lot_retire(struct req *rq, struct resp *rs);
int h_lot_exposures(struct req *rq, struct resp *rs);
int h_lot_exposures_csv(struct req *rq, struct resp *rs);
int h_record_create(struct req *rq, struct resp *rs);
int h_record_get(struct req *rq, struct resp *rs);
int h_record_update(struct req *rq, struct resp *rs);
int h_task_list(struct req *rq, struct resp *rs);
int h_task_done(struct req *rq, struct resp *rs);

/* h_aftercare.c */
int h_aftercare_get(struct req *rq, struct resp *rs);
int h_aftercare_ics(struct req *rq, struct resp *rs);
int h_aftercare_pdf(struct req *rq, struct resp *rs);

/* h_recall.c */
int h_recall_list(struct req *rq, struct resp *rs);
int h_recall_rules_get(struct req *rq, struct resp *rs);
int h_recall_rules_put(struct req *rq, struct resp *rs);
int h_recall_notify(struct req *rq, struct resp *rs);

/* appointment_ics is the client's invitation for x (METHOD REQUEST, or CANCEL once cancelled)
 * with times in zone tz; the caller frees it (h_calendar.c). */
char *appointment_ics(struct req *rq, const struct appointment *x, const char *tz);

/* h_message.c */
int h_message_list(struct req *rq, struct resp *rs);
int h_message_preferences(struct req *rq, struct resp *rs);

/* encode_week is a week of opening hours as {"mon": [["09:00","17:00"]], …} (h_schedule.c). */
struct week_hours;
json_t *encode_week(const struct week_hours *h);

/* h_public.c — the clinic's public pages and photo enquiries */
int h_public_clinics(struct req *rq, struct resp *rs);
int h_public_clinic(struct req *rq, struct resp *rs);
int h_public_enquiry_create(struct req *rq, struct resp *rs);
int h_public_enquiry_photo(struct req *rq, struct resp *rs);
int h_enquiry_list(struct req *rq, struct resp *rs);
int h_enquiry_get(struct req *rq, struct resp *rs);
int h_enquiry_update(struct req *rq, struct resp *rs);
int h_enquiry_convert(struct req *rq, struct resp *rs);
int h_enquiry_invite(struct req *rq, struct resp *rs);
int h_enquiry_photo_image(struct req *rq, struct resp *rs);
int h_enquiry_photo_thumb(struct req *rq, struct resp *rs);

/* h_booking.c — free consultations booked on the public page */
int h_public_slots(struct req *rq, struct resp *rs);
int h_public_booking_create(struct req *rq, struct resp *rs);
int h_public_booking_get(struct req *rq, struct resp *rs);
int h_public_booking_cancel(struct req *rq, struct resp *rs);
int h_public_booking_move(struct req *rq, struct resp *rs);

/* quote_accept_for_client accepts quote_id for client_id with the typed {"name"} of the body
 * (404 when the quote is not theirs); h_quote.c. */
int quote_accept_for_client(struct req *rq, struct resp *rs, long long quote_id,
                            long long client_id);

/* h_portal.c — the client portal */
int h_portal_link(struct req *rq, struct resp *rs);
int h_portal_session(struct req *rq, struct resp *rs);
int h_portal_logout(struct req *rq, struct resp *rs);
int h_portal_me(struct req *rq, struct resp *rs);
int h_portal_appointments(struct req *rq, struct resp *rs);
int h_portal_aftercare(struct req *rq, struct resp *rs);
int h_portal_aftercare_pdf(struct req *rq, struct resp *rs);
int h_portal_aftercare_ics(struct req *rq, struct resp *rs);
int h_portal_documents(struct req *rq, struct resp *rs);
int h_portal_quote_pdf(struct req *rq, struct resp *rs);
int h_portal_quote_accept(struct req *rq, struct resp *rs);
int h_portal_receipt(struct req *rq, struct resp *rs);
int h_portal_photos(struct req *rq, struct resp *rs);
int h_portal_photo_image(struct req *rq, struct resp *rs);
/* the current documents to sign (consent, aftercare, privacy) with their text */
int h_portal_consent_documents(struct req *rq, struct resp *rs);
int h_portal_consent_sign(struct req *rq, struct resp *rs);
int h_portal_export(struct req *rq, struct resp *rs);

/* h_photo.c */
int h_photo_upload(struct req *rq, struct resp *rs);
int h_photo_list(struct req *rq, struct resp *rs);
int h_photo_image(struct req *rq, struct resp *rs);
int h_photo_thumb(struct req *rq, struct resp *rs);
int h_photo_update(struct req *rq, struct resp *rs);
int h_photo_delete(struct req *rq, struct resp *rs);
/* h_audit.c */
int h_audit_list(struct req *rq, struct resp *rs);

#endif
