/* web_keyfig.h - key-figure helpers shared by pages and API handlers. */
#ifndef HELHED_WEB_KEYFIG_H
#define HELHED_WEB_KEYFIG_H

#include "domain/import.h"
#include "domain/keyfig.h"
#include "domain/kf_export.h"
#include "domain/registry.h"
#include "http/http.h"

/* Rows of a level visible to the caller, suppressed (administrators may ask
 * for the real values with ?raw=1). Answers 500 itself on failure. */
bool web_level_rows(http_req *req, kf_level level, int year, int kf, kf_row **rows, size_t *n);
/* Sends rows as CSV, JSON or XLSX (a download named BASENAME.csv …). */
void web_send_rows(http_req *req, const kf_row *rows, size_t n, kf_level level, kf_file_format format,
                   const char *basename);

/* An organisation's departments for one figure and year with the total,
 * with complementary suppression. */
typedef struct org_table {
    kf_row *rows;
    kf_cell *cells;
    size_t n;
    kf_parts total;
    bool total_suppressed;
} org_table;
bool web_org_table(http_req *req, const organisation *o, int kf, int year, org_table *t);

/* Runs an import of data as the caller (scope), auditing a written import. */
hh_err web_import(http_req *req, const import_kind *kind, const char *data, size_t len, const char *name, bool dry_run,
                  import_report *rep, hh_error *e);

#endif
