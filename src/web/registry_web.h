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

hh_err web_tx_begin(http_req *req, hh_error *e);
/* Commits when rc is HH_OK (refreshing aggregates first if asked), else
 * rolls back; returns the outcome. */
hh_err web_tx_end(http_req *req, hh_err rc, bool refresh, hh_error *e);

#endif
