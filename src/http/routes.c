/*
 * routes.c — THE route table: every URL stipple answers, who may call it, and how big a body
 * it takes. Sorted by path, then method. Adding a route means adding a line here, a handler,
 * and its entry in docs/openapi.yaml (a test checks all three agree).
 */
#include "http/routes.h"

#include "http/handlers.h"

#define KB 1024
#define JSON_BODY (64 * KB)

const struct route routes[] = {
    /* method, pattern, handler, roles, body limit, flags */
    {"GET", "/", h_index, 0, 0, ROUTE_NO_DB},
    {"GET", "/api/v1/audit", h_audit_list, ROLE_ADMIN, 0, 0},
    {"GET", "/api/v1/classification-scales", h_classification_scales, ROLE_STAFF, 0, 0},
    {"GET", "/api/v1/clients", h_client_list, ROLE_STAFF, 0, 0},
    {"POST", "/api/v1/clients", h_client_create, ROLE_STAFF, JSON_BODY, ROUTE_BODY},
    {"DELETE", "/api/v1/clients/{id}", h_client_delete, ROLE_ADMIN, 0, 0},
    {"GET", "/api/v1/clients/{id}", h_client_get, ROLE_STAFF, 0, 0},
    {"PATCH", "/api/v1/clients/{id}", h_client_update, ROLE_STAFF, JSON_BODY, ROUTE_BODY},
    {"GET", "/api/v1/clients/{id}/consent-status", h_consent_status, ROLE_STAFF, 0, 0},
    {"GET", "/api/v1/clients/{id}/consents", h_consent_list, ROLE_STAFF, 0, 0},
    {"POST", "/api/v1/clients/{id}/consents", h_consent_sign, ROLE_STAFF, 128 * KB, ROUTE_BODY},
    {"GET", "/api/v1/clients/{id}/consultations", h_consultation_list, ROLE_CLINICAL, 0, 0},
    {"POST", "/api/v1/clients/{id}/consultations", h_consultation_create, ROLE_CLINICAL, JSON_BODY,
     ROUTE_BODY},
    {"GET", "/api/v1/clinics", h_clinic_list, ROLE_STAFF, 0, 0},
    {"POST", "/api/v1/clinics", h_clinic_create, ROLE_ADMIN, JSON_BODY, ROUTE_BODY},
    {"DELETE", "/api/v1/clinics/{id}", h_clinic_delete, ROLE_OWNER, 0, 0},
    {"GET", "/api/v1/clinics/{id}", h_clinic_get, ROLE_STAFF, 0, 0},
    {"PATCH", "/api/v1/clinics/{id}", h_clinic_update, ROLE_ADMIN, JSON_BODY, ROUTE_BODY},
    {"GET", "/api/v1/consent-documents", h_document_list, ROLE_STAFF, 0, 0},
    {"POST", "/api/v1/consent-documents", h_document_create, ROLE_ADMIN, 128 * KB, ROUTE_BODY},
    {"GET", "/api/v1/consent-documents/{id}", h_document_get, ROLE_STAFF, 0, 0},
    {"GET", "/api/v1/consents/{id}", h_consent_get, ROLE_STAFF, 0, 0},
    {"GET", "/api/v1/consultations/{id}", h_consultation_get, ROLE_CLINICAL, 0, 0},
    {"PATCH", "/api/v1/consultations/{id}", h_consultation_update, ROLE_CLINICAL, JSON_BODY,
     ROUTE_BODY},
    {"GET", "/api/v1/consultations/{id}/eligibility", h_consultation_eligibility, ROLE_CLINICAL, 0,
     0},
    {"POST", "/api/v1/login", h_login, 0, 4 * KB, ROUTE_BODY | ROUTE_OWN_TX},
    {"POST", "/api/v1/logout", h_logout, ROLE_STAFF, 0, 0},
    {"GET", "/api/v1/me", h_me, ROLE_STAFF, 0, 0},
    {"GET", "/api/v1/practitioners", h_practitioner_list, ROLE_STAFF, 0, 0},
    {"POST", "/api/v1/practitioners", h_practitioner_create, ROLE_ADMIN, JSON_BODY, ROUTE_BODY},
    {"DELETE", "/api/v1/practitioners/{id}", h_practitioner_delete, ROLE_ADMIN, 0, 0},
    {"GET", "/api/v1/practitioners/{id}", h_practitioner_get, ROLE_STAFF, 0, 0},
    {"PATCH", "/api/v1/practitioners/{id}", h_practitioner_update, ROLE_ADMIN, JSON_BODY,
     ROUTE_BODY},
    {"GET", "/api/v1/users", h_user_list, ROLE_OWNER, 0, 0},
    {"POST", "/api/v1/users", h_user_create, ROLE_OWNER, 4 * KB, ROUTE_BODY | ROUTE_OWN_TX},
    {"GET", "/api/v1/users/{id}", h_user_get, ROLE_OWNER, 0, 0},
    {"PATCH", "/api/v1/users/{id}", h_user_update, ROLE_OWNER, 4 * KB, ROUTE_BODY | ROUTE_OWN_TX},
    {"GET", "/assets/{name}", h_asset, 0, 0, ROUTE_NO_DB},
    {"GET", "/healthz", h_healthz, 0, 0, ROUTE_NO_DB},
    {"GET", "/metrics", h_metrics, ROLE_ADMIN, 0, 0},
};

const size_t routes_count = sizeof routes / sizeof routes[0];
