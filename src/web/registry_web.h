/* registry_web.h - what the registry's pages and API handlers share:
 * loading the object a path names within the caller's scope (answering 404
 * otherwise) and writing inside one transaction that also refreshes the
 * key-figure aggregates. */
#ifndef HELHED_REGISTRY_WEB_H
#define HELHED_REGISTRY_WEB_H

#include "domain/registry.h"
#include "http/http.h"

/* {org}: organisation number; visible in the caller's aggregate scope. */
bool web_load_org(http_req *req, organisation *out);
/* {key}: "ORG-DEPT"; visible in the caller's read scope. */
bool web_load_dept(http_req *req, department *out);
/* {area}: area code; visible in the caller's aggregate scope. */
bool web_load_area(http_req *req, housing_area *out);

typedef enum reg_kind { REG_ORG, REG_DEPT, REG_AREA } reg_kind;

/* Field values with some keys fixed (the object a path names wins over what
 * a form or body says): pairs of key and value, then the inner getter. */
typedef struct reg_fixed {
    const char *const *pairs;
    size_t npairs;
    reg_get_fn get;
    void *ctx;
} reg_fixed;
const char *reg_fixed_get(void *ctx, const char *key);

/* Creates or updates an organisation, department or area from field values,
 * within the caller's write scope, in one transaction (refreshing the
 * aggregates when a department changed); audits the change as
 * "<object>.create|update" with the object's key. */
hh_err web_registry_put(http_req *req, reg_kind kind, reg_get_fn get, void *ctx, reg_outcome *out, hh_error *e);
/* The object's key as the paths name it: "101", "101-1", "BO-0101-1". */
const char *web_registry_key(http_req *req, reg_kind kind, reg_get_fn get, void *ctx);

/* Adds a department to the area or ends its membership (see
 * reg_area_member_put), refreshing aggregates and auditing. */
hh_err web_area_member(http_req *req, const housing_area *area, reg_get_fn get, void *ctx, hh_error *e);

hh_err web_tx_begin(http_req *req, hh_error *e);
/* Commits when rc is HH_OK (refreshing aggregates first if asked), else
 * rolls back; returns the outcome. */
hh_err web_tx_end(http_req *req, hh_err rc, bool refresh, hh_error *e);

#endif
