#include "web/web_keyfig.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/roles.h"
#include "web/auth_web.h"

bool web_level_rows(http_req *req, kf_level level, int year, int kf, kf_row **rows, size_t *n)
{
    principal *p = web_principal(req);
    reg_scope s;
    const char *where = NULL;
    if (level == LEVEL_DEPARTMENT) {
        reg_scope_read(p, &req->a, &s);
        where = s.dept;
    } else if (level == LEVEL_AREA) {
        reg_scope_aggregate(p, &req->a, &s);
        where = s.area;
    } else if (level == LEVEL_ORGANISATION) {
        reg_scope_aggregate(p, &req->a, &s);
        where = s.org;
    }
    hh_error e;
    if (kf_level_rows(req->db, level, year, kf, where, &req->a, rows, n, &e)) {
        http_fail_db(req, "reading key figures");
        return false;
    }
    const char *raw = http_query(req, "raw");
    bool real = raw && strcmp(raw, "1") == 0 && p && principal_has_role(p, ROLE_ADMIN);
    if (!real)
        kf_suppress_rows(*rows, *n);
    return true;
}

void web_send_rows(http_req *req, const kf_row *rows, size_t n, kf_level level, kf_file_format format,
                   const char *basename)
{
    hh_error e;
    static const char *const ext[] = { "csv", "json", "xlsx" };
    static const char *const ctype[] = { "text/csv; charset=utf-8", "application/json",
                                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
    if (format == KF_XLSX) {
        const char *dir = getenv("TMPDIR");
        char path[512];
        snprintf(path, sizeof path, "%s/helhed-export-XXXXXX", dir && *dir ? dir : "/tmp");
        int fd = mkstemp(path);
        if (fd < 0) {
            http_fail_db(req, "creating a temporary file");
            return;
        }
        close(fd);
        hh_err rc = kf_export_write(rows, n, level, format, &req->out, path, &e);
        FILE *f = rc ? NULL : fopen(path, "rb");
        if (f) {
            char chunk[65536];
            size_t got;
            while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
                buf_append(&req->out, chunk, got);
            fclose(f);
        }
        unlink(path);
        if (!f) {
            http_fail_db(req, "writing XLSX");
            return;
        }
    } else if (kf_export_write(rows, n, level, format, &req->out, NULL, &e)) {
        http_fail_db(req, "writing the export");
        return;
    }
    if (format != KF_JSON)
        http_add_header(req, "Content-Disposition",
                        arena_printf(&req->a, "attachment; filename=\"%s.%s\"", basename, ext[format]));
    http_respond(req, 200, ctype[format]);
}

bool web_org_table(http_req *req, const organisation *o, int kf, int year, org_table *t)
{
    memset(t, 0, sizeof *t);
    reg_scope s;
    reg_scope_aggregate(web_principal(req), &req->a, &s);
    hh_error e;
    const char *where = arena_printf(&req->a, "d.org_no = %lld", (long long)o->org_no);
    if (kf_level_rows(req->db, LEVEL_DEPARTMENT, year, kf, where, &req->a, &t->rows, &t->n, &e)) {
        http_fail_db(req, "reading key figures");
        return false;
    }
    t->cells = arena_zalloc(&req->a, (t->n ? t->n : 1) * sizeof(kf_cell));
    t->total = (kf_parts){ 0, 0, 0, 0, 0 };
    bool has_num = false, has_den = false, has_val = false;
    for (size_t i = 0; i < t->n; i++) {
        kf_parts *p = &t->rows[i].parts;
        t->cells[i].parts = *p;
        if (!isnan(p->numerator))
            t->total.numerator += p->numerator, has_num = true;
        if (!isnan(p->denominator))
            t->total.denominator += p->denominator, has_den = true;
        if (!isnan(p->value))
            t->total.value += p->value, has_val = true;
        if (!isnan(p->weighted))
            t->total.weighted += p->weighted;
        t->total.units++;
    }
    if (!has_num)
        t->total.numerator = NAN;
    if (!has_den)
        t->total.denominator = NAN;
    if (!has_val)
        t->total.value = NAN;
    const key_figure *k = &kf_catalogue[kf];
    t->total_suppressed = kf_suppressed(k, &t->total);
    kf_suppress_group(k, t->cells, t->n, !t->total_suppressed);
    return true;
}

hh_err web_import(http_req *req, const import_kind *kind, const char *data, size_t len, const char *name, bool dry_run,
                  import_report *rep, hh_error *e)
{
    table_reader *r;
    principal *p = web_principal(req);
    import_options opt = { .dry_run = dry_run, .as = p };
    hh_err rc = table_open_mem(name, data, len, &r, e);
    if (rc) {
        /* An unreadable file is a problem of the report like any other. */
        memset(rep, 0, sizeof *rep);
        rep->file = name;
        rep->source = "";
        rep->layout = "";
        rep->problems = arena_zalloc(&req->a, sizeof(import_problem));
        size_t k = strlen(name);
        const char *msg = strncmp(e->msg, name, k) == 0 && (e->msg[k] == ',' || e->msg[k] == ':')
                              ? e->msg + k
                              : arena_printf(&req->a, ": %s", e->msg);
        rep->problems[0] = (import_problem){ 0, 0, "", "", arena_strdup(&req->a, msg) };
        rep->nproblems = 1;
        return HH_ERR_INPUT;
    }
    rc = kind->run(req->db, r, name, &opt, &req->a, rep, e);
    table_close(r);
    if (rep->written)
        web_audit(req, kind->audit, "file", name, "ok");
    return rc;
}
