/* Accounts on an in-file SQLite database: password policy, grants, sessions,
 * tokens and the audit chain. (The API and CLI tests run the same code on
 * PostgreSQL too.) */
#include "cm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/audit.h"
#include "auth/crypto.h"
#include "auth/password.h"
#include "auth/session.h"
#include "auth/users.h"
#include "core/embed.h"
#include "db/migrate.h"

static char dir[] = "/tmp/helhed-test-auth.XXXXXX";
static db *d;
static arena a;

static int setup(void **state)
{
    char url[256];
    static int n;
    snprintf(url, sizeof(url), "sqlite:%s/t%d.db", dir, ++n);
    hh_error e;
    if (db_open(url, &d, &e) || migrate_run(d, &embed_migrations, NULL, &e))
        fail_msg("%s", e.msg);
    arena_init(&a);
    return 0;
}

static int teardown(void **state)
{
    db_close(d);
    arena_free(&a);
    return 0;
}

static void test_password_policy(void **state)
{
    assert_non_null(password_policy("short"));
    assert_non_null(password_policy("elleve-tegn"));    /* 11 characters */
    assert_null(password_policy("tolv-tegn-ok"));       /* 12 */
    assert_null(password_policy("æøåæøåæøåæøå"));       /* 12 characters, 24 bytes */
    assert_non_null(password_policy("Adgangskode123")); /* common, any case */
    assert_non_null(password_policy("123456789012"));
    char hash[PASSWORD_HASH_MAX];
    assert_true(password_hash("correct horse battery", hash));
    assert_true(strncmp(hash, "$argon2id$", 10) == 0);
    assert_true(password_verify(hash, "correct horse battery"));
    assert_false(password_verify(hash, "correct horse batterY"));
}

static void test_grant_parse(void **state)
{
    grant *g;
    size_t n;
    hh_error e;
    assert_int_equal(grant_parse(d, &a, "municipality:0101,0147", &g, &n, &e), HH_OK);
    assert_int_equal(n, 2);
    assert_string_equal(g[1].scope, "0147");
    assert_int_equal(grant_parse(d, &a, "admin", &g, &n, &e), HH_OK);
    assert_string_equal(g[0].scope, "");
    assert_int_equal(grant_parse(d, &a, "viewer:organisation=12", &g, &n, &e), HH_OK);
    assert_int_equal(grant_parse(d, &a, "caretaker:12-3", &g, &n, &e), HH_OK);
    assert_int_equal(grant_parse(d, &a, "admin:0101", &g, &n, &e), HH_ERR_INPUT);
    assert_string_equal(e.msg, "role 'admin' takes no scope");
    assert_int_equal(grant_parse(d, &a, "municipality", &g, &n, &e), HH_ERR_INPUT);
    assert_int_equal(grant_parse(d, &a, "municipality:9999", &g, &n, &e), HH_ERR_INPUT);
    assert_string_equal(e.msg, "scope '9999' of role 'municipality': no municipality has this code");
    assert_int_equal(grant_parse(d, &a, "boss", &g, &n, &e), HH_ERR_INPUT);
    assert_int_equal(grant_parse(d, &a, "viewer:0101", &g, &n, &e), HH_ERR_INPUT);
    assert_int_equal(grant_parse(d, &a, "caretaker:12", &g, &n, &e), HH_ERR_INPUT);
    assert_int_equal(grant_parse(d, &a, "plan_staff:0", &g, &n, &e), HH_ERR_INPUT);
}

static int64_t add_user(const char *email, const char *spec)
{
    int64_t id;
    grant *g;
    size_t n;
    hh_error e;
    if (users_add(d, &a, email, "Test", "a-good-long-password", false, &id, &e) ||
        grant_parse(d, &a, spec, &g, &n, &e) || users_grant(d, id, g, n, &e))
        fail_msg("%s", e.msg);
    return id;
}

static void test_users(void **state)
{
    hh_error e;
    int64_t id = add_user("  Anna@Example.DK ", "municipality:0101");
    user u;
    assert_int_equal(users_find(d, &a, "anna@example.dk", &u, NULL, &e), HH_OK);
    assert_int_equal(u.id, id);
    assert_int_equal(users_add(d, &a, "ANNA@example.dk", "X", "a-good-long-password", false, NULL, &e),
                     HH_ERR_CONFLICT);
    assert_int_equal(users_add(d, &a, "not-an-address", "X", "a-good-long-password", false, NULL, &e), HH_ERR_INPUT);
    assert_int_equal(users_add(d, &a, "b@example.dk", "X", "short", false, NULL, &e), HH_ERR_INPUT);
    principal p;
    assert_int_equal(users_principal(d, &a, id, &p, &e), HH_OK);
    assert_true(principal_has_role(&p, ROLE_MUNICIPALITY));
    assert_true(principal_has_scope(&p, ROLE_MUNICIPALITY, "0101"));
    assert_false(principal_has_scope(&p, ROLE_MUNICIPALITY, "0147"));
    assert_int_equal(users_set_active(d, id, false, &e), HH_OK);
    assert_int_equal(users_principal(d, &a, id, &p, &e), HH_ERR_NOTFOUND);
}

static void test_sessions(void **state)
{
    hh_error e;
    int64_t id = add_user("s@example.dk", "national");
    char cookie[HH_TOKEN_CHARS], csrf[HH_TOKEN_CHARS];
    assert_int_equal(session_create(d, id, cookie, csrf, &e), HH_OK);
    assert_int_equal(strlen(cookie), 43);
    principal p;
    assert_int_equal(session_lookup(d, &a, cookie, &p, &e), HH_OK);
    assert_string_equal(p.csrf, csrf);
    /* Only the hash is stored. */
    int64_t n = -1;
    db_stmt *st = db_prepare(d, "SELECT COUNT(*) FROM session WHERE id_hash = ?");
    db_bind_text(st, 1, cookie);
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_col_int64(st, 0), 0);
    db_done(st);
    /* Idle expiry: make the session look old. */
    assert_int_equal(db_exec(d, "UPDATE session SET last_seen_at = last_seen_at - 7200", &e), HH_OK);
    assert_int_equal(session_lookup(d, &a, cookie, &p, &e), HH_ERR_NOTFOUND);
    assert_true(db_query_int64(d, "SELECT COUNT(*) FROM session", &n));
    assert_int_equal(n, 0); /* deleted on sight */
    /* Absolute expiry despite activity. */
    assert_int_equal(session_create(d, id, cookie, csrf, &e), HH_OK);
    assert_int_equal(db_exec(d, "UPDATE session SET created_at = created_at - 50000", &e), HH_OK);
    assert_int_equal(session_lookup(d, &a, cookie, &p, &e), HH_ERR_NOTFOUND);
    assert_int_equal(session_lookup(d, &a, "garbage", &p, &e), HH_ERR_NOTFOUND);
}

static void test_tokens(void **state)
{
    hh_error e;
    int64_t id = add_user("t@example.dk", "municipality:0101,0147");
    grant *g;
    size_t n;
    char token[TOKEN_CHARS];
    int64_t tid;
    assert_int_equal(grant_parse(d, &a, "municipality:0147", &g, &n, &e), HH_OK);
    assert_int_equal(token_create(d, &a, id, "one", g, n, token, &tid, &e), HH_OK);
    assert_true(strncmp(token, "hh_", 3) == 0);
    principal p;
    assert_int_equal(token_lookup(d, &a, token, &p, &e), HH_OK);
    assert_int_equal(p.ngrants, 1); /* only what the token was given */
    assert_string_equal(p.grants[0].scope, "0147");
    /* More than the user holds is refused. */
    assert_int_equal(grant_parse(d, &a, "admin", &g, &n, &e), HH_OK);
    assert_int_equal(token_create(d, &a, id, "two", g, n, token, &tid, &e), HH_ERR_INPUT);
    assert_int_equal(token_revoke(d, tid, id + 1, &e), HH_ERR_NOTFOUND); /* another user's */
}

static void test_audit_chain(void **state)
{
    hh_error e;
    for (int i = 0; i < 5; i++) {
        audit_event ev = { .email = "x@example.dk",
                           .action = "login",
                           .object_type = "user",
                           .object_id = "x",
                           .client = "127.0.0.1",
                           .outcome = i % 2 ? "failure" : "success" };
        assert_int_equal(audit_append(d, &ev, &e), HH_OK);
    }
    int64_t rows, bad;
    assert_int_equal(audit_verify(d, &rows, &bad, &e), HH_OK);
    assert_int_equal(rows, 5);
    assert_int_equal(db_exec(d, "UPDATE audit_log SET outcome = 'x' WHERE id = 2", &e), HH_ERR_DB);
    assert_non_null(strstr(e.msg, "append-only"));
    assert_int_equal(
        db_exec(d, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET client = '10.0.0.1' WHERE id = 4", &e),
        HH_OK);
    assert_int_equal(audit_verify(d, &rows, &bad, &e), HH_ERR_CONFLICT);
    assert_int_equal(bad, 4);
    assert_string_equal(e.msg, "row 4 was altered: its content does not match its hash");
    audit_filter f = { .action = "login", .limit = 2 };
    audit_row *r;
    size_t n;
    assert_int_equal(audit_query(d, &a, &f, &r, &n, &e), HH_OK);
    assert_int_equal(n, 2);
    assert_int_equal(r[0].id, 5); /* newest first */
}

int main(void)
{
    if (!crypto_init() || !mkdtemp(dir))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_password_policy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_grant_parse, setup, teardown),
        cmocka_unit_test_setup_teardown(test_users, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sessions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tokens, setup, teardown),
        cmocka_unit_test_setup_teardown(test_audit_chain, setup, teardown),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    if (system(cmd) != 0 && rc == 0)
        rc = 1;
    return rc;
}
