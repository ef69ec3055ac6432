/* pages_import.c - the upload page for registry and key-figure files: a
 * file is checked first (the same report as `--dry-run`, with the first rows
 * of the file shown and each problem beside its row), kept for the user in a
 * private temporary file, and written only when the user confirms. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth/crypto.h"
#include "core/str.h"
#include "domain/import.h"
#include "web/auth_web.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/web_keyfig.h"

#define UPLOAD_MAX ((size_t)256 << 20)
#define PREVIEW_ROWS 8

static const char *upload_dir(void)
{
    const char *d = getenv("HELHED_UPLOAD_DIR");
    if (d && *d)
        return d;
    d = getenv("TMPDIR");
    return d && *d ? d : "/tmp";
}

/* Uploads are stored as helhed-upload-<user id>-<random>; the user id in the
 * name keeps one user from committing another's file. */
static const char *upload_path(http_req *req, const char *token)
{
    principal *p = web_principal(req);
    return arena_printf(&req->a, "%s/helhed-upload-%lld-%s", upload_dir(), (long long)(p ? p->user_id : 0), token);
}

static bool token_ok(const char *t)
{
    if (!t || strlen(t) != HH_TOKEN_CHARS - 1)
        return false;
    for (const char *p = t; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
              *p == '_'))
            return false;
    return true;
}

static void import_crumbs(http_req *req, page *pg, const char *title)
{
    crumb *c = arena_alloc(&req->a, 2 * sizeof(crumb));
    c[0] = (crumb){ "/", "Forside" };
    c[1] = (crumb){ NULL, title };
    *pg = (page){ .title = title, .nav = "import", .crumbs = c, .ncrumbs = 2 };
}

static void upload_form(http_req *req, const char *kind, const char *title, const char *help)
{
    buf *b = &req->out;
    html_printf(b, "<section class=\"card\" aria-labelledby=\"h-%s\"><h2 id=\"h-%s\">%s</h2><p>%r</p>", kind, kind,
                title, help);
    html_printf(b,
                "<form method=\"post\" action=\"/import/%s\" enctype=\"multipart/form-data\">"
                "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">"
                "<label for=\"file-%s\">Fil (CSV eller XLSX)</label>"
                "<input id=\"file-%s\" name=\"file\" type=\"file\" accept=\".csv,.txt,.xlsx\" required>"
                "<button type=\"submit\">Kontrollér filen</button></form></section>\n",
                kind, web_csrf_token(req), kind, kind);
}

void page_import(http_req *req)
{
    page pg;
    import_crumbs(req, &pg, "Import");
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b, "<h1>Import</h1>\n<p class=\"lead\">Indlæs data fra et regneark. Filen kontrolleres først, og "
                   "intet gemmes, før du har set rapporten og bekræftet. Semikolon eller komma, decimalkomma eller "
                   "-punktum, UTF-8 eller Windows-1252 og XLSX kan bruges.</p>\n");
    for (size_t i = 0; i < import_nkinds; i++)
        if (import_kind_allowed(&import_kinds[i], web_principal(req)))
            upload_form(req, import_kinds[i].code, import_kinds[i].title, import_kinds[i].help);
    page_end(req, 200);
}

/* The kind of the {kind} parameter, when the caller may import it. */
static const import_kind *kind_param(http_req *req)
{
    const import_kind *k = import_kind_find(http_param(req, "kind"));
    return k && import_kind_allowed(k, web_principal(req)) ? k : NULL;
}

static void report_html(http_req *req, const import_report *rep, const import_kind *kind)
{
    buf *b = &req->out;
    if (*rep->source)
        html_printf(b, "<p>%s: %s%r%s, %zu rækker med data.</p>\n", rep->file, rep->source, *rep->layout ? ", " : "",
                    *rep->layout ? arena_printf(&req->a, "%s form", rep->layout) : "", rep->rows);
    size_t problems = rep->nproblems + rep->more_problems;
    if (!problems) {
        buf text;
        buf_init(&text, 0);
        buf_puts(&text, "Filen er i orden: ");
        import_summary_da(kind, rep, &text);
        notice(req, "ok", arena_strdup(&req->a, buf_cstr(&text)));
        buf_free(&text);
        return;
    }
    notice(req, "error",
           arena_printf(&req->a, "%zu %s fundet. Intet er gemt. Ret filen og prøv igen.", problems,
                        problems == 1 ? "problem" : "problemer"));
    html_printf(b, "<div class=\"table-wrap\"><table class=\"data problems\"><caption>Problemer</caption><thead>"
                   "<tr><th scope=\"col\">Række</th><th scope=\"col\">Kolonne</th><th scope=\"col\">Værdi</th>"
                   "<th scope=\"col\">Problem</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < rep->nproblems; i++) {
        const import_problem *p = &rep->problems[i];
        char letter[8];
        /* Row and column have their own cells; a message about the whole
         * file may still carry ", række N: " from the reader. */
        const char *msg = p->message;
        if (*msg == ',' || *msg == ':')
            msg += strspn(msg, ",: ");
        html_printf(b, "<tr><td class=\"num\">%s</td><td>%s%r%s%r</td><td>%s</td><td>%s</td></tr>\n",
                    p->row ? arena_printf(&req->a, "%zu", p->row) : "",
                    p->col ? import_column_letter(p->col, letter) : "", p->col && *p->column ? " (" : "",
                    p->col ? p->column : "", p->col && *p->column ? ")" : "", p->value, msg);
    }
    html_printf(b, "</tbody></table></div>\n");
    if (rep->more_problems)
        html_printf(b, "<p>… og %zu problemer mere.</p>\n", rep->more_problems);
}

/* The first rows of the file as the reader saw them. */
static void preview_html(http_req *req, const char *data, size_t len, const char *name, const import_report *rep)
{
    table_reader *r;
    hh_error e;
    if (table_open_mem(name, data, len, &r, &e))
        return;
    buf *b = &req->out;
    table_row row;
    html_printf(b, "<div class=\"table-wrap\"><table class=\"data preview\"><caption>De første rækker</caption>\n");
    for (int i = 0; i < PREVIEW_ROWS + 1 && table_next(r, &row, &e) > 0; i++) {
        bool bad = false;
        for (size_t k = 0; k < rep->nproblems; k++)
            bad = bad || rep->problems[k].row == row.line;
        html_printf(b, "<tr%r><th scope=\"row\">%zu</th>", bad ? " class=\"bad\"" : "", row.line);
        for (size_t c = 0; c < row.n && c < 20; c++)
            html_printf(b, i == 0 ? "<th scope=\"col\">%s</th>" : "<td>%s</td>", row.field[c]);
        html_printf(b, "</tr>\n");
    }
    html_printf(b, "</table></div>\n");
    table_close(r);
}

void page_import_check(http_req *req)
{
    const import_kind *kind = kind_param(req);
    if (!kind) {
        http_error(req, 404, "not_found", "Siden findes ikke.", NULL);
        return;
    }
    const char *data;
    size_t len;
    const char *name = http_upload(req, &data, &len);
    if (!name) {
        http_error(req, 400, "invalid", "Vælg en fil at indlæse.", "file");
        return;
    }
    /* Only the base name of what the browser sent. */
    const char *slash = strrchr(name, '/');
    name = slash ? slash + 1 : name;
    import_report rep;
    hh_error e;
    hh_err rc = web_import(req, kind, data, len, name, true, &rep, &e);
    if (rc && rc != HH_ERR_INPUT) {
        http_fail_db(req, "checking an import");
        return;
    }
    const char *token = NULL;
    if (!rc) {
        char tok[HH_TOKEN_CHARS];
        crypto_random_token(tok);
        token = arena_strdup(&req->a, tok);
        const char *path = upload_path(req, token);
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
        bool ok = fd >= 0 && write(fd, data, len) == (ssize_t)len;
        if (fd >= 0 && close(fd) != 0)
            ok = false;
        if (!ok) {
            unlink(path);
            http_fail_db(req, "storing an upload");
            return;
        }
    }
    page pg;
    import_crumbs(req, &pg, "Kontrol af import");
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b, "<h1>Kontrol af %s</h1>\n", kind->noun);
    report_html(req, &rep, kind);
    preview_html(req, data, len, name, &rep);
    if (token) {
        form_open(req, arena_printf(&req->a, "/import/%s/gem", kind->code), NULL);
        html_printf(b,
                    "<input type=\"hidden\" name=\"upload\" value=\"%s\"><input type=\"hidden\" name=\"name\" "
                    "value=\"%s\"><button type=\"submit\">Gem i Helhed</button> <a href=\"/import\">Fortryd</a>"
                    "</form>\n",
                    token, name);
    } else {
        html_printf(b, "<p><a class=\"button\" href=\"/import\">Vælg en anden fil</a></p>\n");
    }
    page_end(req, rc ? 422 : 200);
}

void page_import_commit(http_req *req)
{
    const import_kind *kind = kind_param(req);
    const char *token = http_form(req, "upload"), *name = http_form(req, "name");
    if (!kind || !token_ok(token)) {
        http_error(req, 400, "invalid", "Filen er udløbet eller findes ikke. Indlæs den igen.", "upload");
        return;
    }
    const char *path = upload_path(req, token);
    FILE *f = fopen(path, "rb");
    if (!f) {
        http_error(req, 400, "invalid", "Filen er udløbet eller findes ikke. Indlæs den igen.", "upload");
        return;
    }
    buf data;
    buf_init(&data, UPLOAD_MAX);
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&data, chunk, got);
    fclose(f);
    unlink(path);
    import_report rep;
    hh_error e;
    hh_err rc = web_import(req, kind, buf_cstr(&data), data.len, name && *name ? name : "upload", false, &rep, &e);
    buf_free(&data);
    if (rc && rc != HH_ERR_INPUT) {
        http_fail_db(req, "importing");
        return;
    }
    page pg;
    import_crumbs(req, &pg, "Import");
    page_begin(req, &pg);
    html_printf(&req->out, "<h1>%s</h1>\n", rep.written ? "Importen er gemt" : "Importen blev ikke gemt");
    report_html(req, &rep, kind);
    html_printf(&req->out, "<p><a href=\"/import\">Indlæs en fil mere</a> · <a href=\"/organisationer\">"
                           "Boligorganisationer</a></p>\n");
    page_end(req, rc ? 422 : 200);
}
