/* cli_user.c - `helhed user ...`, `helhed audit verify` and `helhed routes`:
 * account administration for scripts and operators. Every change is
 * written to the audit log with client "cli". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "auth/audit.h"
#include "auth/crypto.h"
#include "auth/password.h"
#include "auth/session.h"
#include "auth/users.h"
#include "cli/cli.h"
#include "http/json.h"
#include "web/pages.h"

static void cli_audit_event(db *d, const char *action, const char *object_id, const char *outcome)
{
    audit_event ev = { .email = "",
                       .action = action,
                       .object_type = "user",
                       .object_id = object_id,
                       .scope = "",
                       .client = "cli",
                       .outcome = outcome };
    hh_error e;
    if (audit_append(d, &ev, &e) != HH_OK)
        fprintf(stderr, "helhed: warning: %s\n", e.msg);
}

/* Reads one line (without the newline) into out; false at end of input. */
static bool read_line(FILE *f, char *out, size_t n)
{
    if (!fgets(out, (int)n, f))
        return false;
    out[strcspn(out, "\r\n")] = '\0';
    return true;
}

/* Reads a password: with a prompt and no echo on a terminal, else a line. */
static bool read_password(const char *prompt, char *out, size_t n)
{
    if (!isatty(STDIN_FILENO))
        return read_line(stdin, out, n);
    struct termios old, quiet;
    tcgetattr(STDIN_FILENO, &old);
    quiet = old;
    quiet.c_lflag &= ~(tcflag_t)ECHO;
    fprintf(stderr, "%s", prompt);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    bool ok = read_line(stdin, out, n);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    fputc('\n', stderr);
    return ok;
}

static int fail(db *d, const hh_error *e)
{
    fprintf(stderr, "helhed: %s\n", e->msg);
    db_close(d);
    return EXIT_RUNTIME;
}

/* Opens the database and finds the user; on failure prints one line and
 * returns the exit code (the database is then closed). */
static int open_user(options *o, arena *a, const char *email, db **d, user *u)
{
    int rc = open_migrated(o, d, NULL);
    if (rc)
        return rc;
    hh_error e;
    return users_find(*d, a, email, u, NULL, &e) ? fail(*d, &e) : 0;
}

static int user_add(options *o, arena *a)
{
    const char *email = NULL, *name = NULL;
    bool admin = false, from_stdin = false;
    const char **specs = arena_alloc(a, (size_t)o->argc * sizeof(char *));
    int nspecs = 0;
    for (int i = 2; i < o->argc; i++) {
        const char *arg = o->argv[i];
        if (strcmp(arg, "--name") == 0 && i + 1 < o->argc)
            name = o->argv[++i];
        else if (strcmp(arg, "--grant") == 0 && i + 1 < o->argc)
            specs[nspecs++] = o->argv[++i];
        else if (strcmp(arg, "--admin") == 0)
            admin = true;
        else if (strcmp(arg, "--password-stdin") == 0)
            from_stdin = true;
        else if (arg[0] != '-' && !email)
            email = arg;
        else
            return bad_arg("user", arg);
    }
    if (!email || !name)
        return usage_error("user", "user add needs EMAIL and --name NAME");
    db *d;
    int rc = open_migrated(o, &d, NULL);
    if (rc)
        return rc;
    hh_error e;
    /* Check every grant before creating anything. */
    grant *all = NULL;
    size_t nall = 0;
    if (admin)
        specs[nspecs++] = "admin";
    for (int i = 0; i < nspecs; i++) {
        grant *g;
        size_t n;
        if (grant_parse(d, a, specs[i], &g, &n, &e) != HH_OK)
            return fail(d, &e);
        all = arena_grow(a, all, nall * sizeof(grant), (nall + n) * sizeof(grant));
        memcpy(all + nall, g, n * sizeof(grant));
        nall += n;
    }
    char pw[PASSWORD_MAX_LENGTH + 2];
    bool generated = !from_stdin;
    if (from_stdin) {
        if (!read_line(stdin, pw, sizeof(pw))) {
            fprintf(stderr, "helhed: no password on standard input\n");
            db_close(d);
            return EXIT_USAGE;
        }
    } else {
        char tok[HH_TOKEN_CHARS];
        crypto_random_token(tok);
        snprintf(pw, sizeof(pw), "%.16s", tok);
    }
    int64_t id;
    if (db_begin(d, &e) || users_add(d, a, email, name, pw, generated, &id, &e) || users_grant(d, id, all, nall, &e)) {
        db_rollback(d);
        return fail(d, &e);
    }
    cli_audit_event(d, "user_create", email, "success");
    for (size_t i = 0; i < nall; i++)
        cli_audit_event(d, "grant", arena_printf(a, "%s:%s", email, grant_format(a, &all[i])), "success");
    if (db_commit(d, &e))
        return fail(d, &e);
    printf("user %s created", email);
    if (generated)
        printf("; temporary password: %s (must be changed at first login)", pw);
    printf("\n");
    memset(pw, 0, sizeof(pw));
    db_close(d);
    return 0;
}

static int user_grant_revoke(options *o, arena *a, bool grant_it)
{
    if (o->argc != 4)
        return usage_error("user", "user %s needs EMAIL and ROLE[:SCOPE,...]", o->argv[1]);
    db *d;
    user u;
    int rc = open_user(o, a, o->argv[2], &d, &u);
    if (rc)
        return rc;
    hh_error e;
    grant *g;
    size_t n;
    if (grant_parse(grant_it ? d : NULL, a, o->argv[3], &g, &n, &e))
        return fail(d, &e);
    int64_t removed = 0;
    if (grant_it ? users_grant(d, u.id, g, n, &e) : users_revoke(d, u.id, g, n, &removed, &e))
        return fail(d, &e);
    if (!grant_it && removed == 0) {
        fprintf(stderr, "helhed: %s does not hold %s\n", u.email, o->argv[3]);
        db_close(d);
        return EXIT_RUNTIME;
    }
    cli_audit_event(d, grant_it ? "grant" : "revoke", arena_printf(a, "%s:%s", u.email, o->argv[3]), "success");
    printf("%s %s %s\n", grant_it ? "granted" : "revoked", o->argv[3], u.email);
    db_close(d);
    return 0;
}

static int user_passwd(options *o, arena *a)
{
    if (o->argc != 3)
        return usage_error("user", "user passwd needs EMAIL");
    db *d;
    user u;
    int rc = open_user(o, a, o->argv[2], &d, &u);
    if (rc)
        return rc;
    hh_error e;
    char pw[PASSWORD_MAX_LENGTH + 2], again[PASSWORD_MAX_LENGTH + 2];
    if (!read_password("New password: ", pw, sizeof(pw))) {
        fprintf(stderr, "helhed: no password given\n");
        db_close(d);
        return EXIT_USAGE;
    }
    if (isatty(STDIN_FILENO) && (!read_password("Repeat: ", again, sizeof(again)) || strcmp(pw, again) != 0)) {
        fprintf(stderr, "helhed: the passwords differ\n");
        db_close(d);
        return EXIT_RUNTIME;
    }
    if (users_set_password(d, u.id, pw, false, &e) || session_destroy_all(d, u.id, NULL, &e)) {
        memset(pw, 0, sizeof(pw));
        return fail(d, &e);
    }
    memset(pw, 0, sizeof(pw));
    cli_audit_event(d, "password_reset", u.email, "success");
    printf("password changed for %s; their sessions were ended\n", u.email);
    db_close(d);
    return 0;
}

static int user_list(options *o, arena *a)
{
    if (o->argc != 2)
        return bad_arg("user", o->argv[2]);
    db *d;
    int rc = open_migrated(o, &d, NULL);
    if (rc)
        return rc;
    hh_error e;
    user *u;
    size_t n;
    if (users_list(d, a, &u, &n, &e))
        return fail(d, &e);
    printf("%-36s %-28s %-8s %s\n", "EMAIL", "NAME", "STATUS", "GRANTS");
    for (size_t i = 0; i < n; i++) {
        grant *g;
        size_t ng;
        if (users_grants(d, a, u[i].id, &g, &ng, &e))
            return fail(d, &e);
        printf("%-36s %-28s %-8s", u[i].email, u[i].name, u[i].active ? "active" : "inactive");
        for (size_t k = 0; k < ng; k++)
            printf(" %s", grant_format(a, &g[k]));
        printf("\n");
    }
    cli_audit_event(d, "read_personal", "user_list", "success");
    db_close(d);
    return 0;
}

static int user_token(options *o, arena *a)
{
    const char *email = NULL, *label = NULL;
    const cli_opt opts[] = { { "--label", &label, NULL } };
    int prc = cli_parse(o, 2, "user", opts, 1, &email, 1);
    if (prc)
        return prc;
    if (!email || !label)
        return usage_error("user", "user token needs EMAIL and --label TEXT");
    db *d;
    user u;
    int rc = open_user(o, a, email, &d, &u);
    if (rc)
        return rc;
    hh_error e;
    char token[TOKEN_CHARS];
    int64_t id;
    if (token_create(d, a, u.id, label, NULL, 0, token, &id, &e))
        return fail(d, &e);
    cli_audit_event(d, "token_create", arena_printf(a, "%s:%lld", u.email, (long long)id), "success");
    printf("%s\n", token);
    db_close(d);
    return 0;
}

int cli_user(options *o)
{
    static const struct {
        const char *verb;
        int (*fn)(options *, arena *);
    } verbs[] = { { "add", user_add }, { "passwd", user_passwd }, { "list", user_list }, { "token", user_token } };
    if (o->argc < 2)
        return usage_error("user", "user needs a verb: add, grant, revoke, passwd, list or token");
    arena a;
    arena_init(&a);
    int rc = -1;
    const char *verb = o->argv[1];
    if (strcmp(verb, "grant") == 0 || strcmp(verb, "revoke") == 0)
        rc = user_grant_revoke(o, &a, strcmp(verb, "grant") == 0);
    for (size_t i = 0; rc < 0 && i < sizeof(verbs) / sizeof(verbs[0]); i++)
        if (strcmp(verb, verbs[i].verb) == 0)
            rc = verbs[i].fn(o, &a);
    if (rc < 0)
        rc = usage_error("user", "unknown verb '%s' (add, grant, revoke, passwd, list, token)", verb);
    arena_free(&a);
    return rc;
}

int cli_audit(options *o)
{
    if (o->argc != 2 || strcmp(o->argv[1], "verify") != 0)
        return usage_error("audit", "audit needs the verb 'verify'");
    db *d;
    int rc = open_migrated(o, &d, NULL);
    if (rc)
        return rc;
    int64_t rows = 0, bad = 0;
    hh_error e;
    hh_err err = audit_verify(d, &rows, &bad, &e);
    db_close(d);
    if (err == HH_ERR_CONFLICT) {
        fprintf(stderr, "helhed: audit log broken: %s\n", e.msg);
        return EXIT_RUNTIME;
    }
    if (err) {
        fprintf(stderr, "helhed: %s\n", e.msg);
        return EXIT_RUNTIME;
    }
    printf("audit log intact: %lld rows, hash chain verified\n", (long long)rows);
    return 0;
}

int cli_routes(options *o)
{
    int rc = no_args(o);
    if (rc)
        return rc;
    buf b;
    buf_init(&b, 0);
    jw w;
    jw_init(&w, &b);
    jw_obj(&w);
    jw_key(&w, "routes");
    jw_arr(&w);
    for (size_t i = 0; i < helhed_nroutes; i++) {
        const route *r = &helhed_routes[i];
        jw_obj(&w);
        jw_kstr(&w, "method", r->method);
        jw_kstr(&w, "pattern", r->pattern);
        jw_kbool(&w, "public", (r->access & ACCESS_PUBLIC) != 0);
        jw_key(&w, "roles");
        jw_arr(&w);
        for (int k = 0; k < ROLE_COUNT; k++)
            if (r->access & ROLE_BIT(k))
                jw_str(&w, role_defs[k].code);
        jw_arr_end(&w);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    printf("%s\n", buf_cstr(&b));
    buf_free(&b);
    return 0;
}
