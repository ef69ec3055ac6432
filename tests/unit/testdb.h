/* testdb.h - a new, empty database for a unit test: a SQLite file in dir,
 * or a new database on the throwaway PostgreSQL of tests/with-postgres.sh
 * (HELHED_TEST_PG), named PREFIX_PID_SEQ. Fails the test when it cannot. */
#ifndef HELHED_TEST_DB_H
#define HELHED_TEST_DB_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cm.h"
#include "db/db.h"

static inline db *testdb_fresh(db_kind kind, const char *dir, const char *prefix, int seq)
{
    char url[512];
    hh_error e;
    if (kind == DB_SQLITE) {
        snprintf(url, sizeof(url), "sqlite:%s/t%d.db", dir, seq);
    } else {
        const char *pg = getenv("HELHED_TEST_PG");
        db *admin;
        snprintf(url, sizeof(url), "%s/postgres", pg);
        if (db_open(url, &admin, &e))
            fail_msg("%s", e.msg);
        char sql[128];
        snprintf(sql, sizeof(sql), "CREATE DATABASE %s_%d_%d", prefix, (int)getpid(), seq);
        if (db_exec(admin, sql, &e))
            fail_msg("%s", e.msg);
        db_close(admin);
        snprintf(url, sizeof(url), "%s/%s_%d_%d", pg, prefix, (int)getpid(), seq);
    }
    db *d;
    if (db_open(url, &d, &e))
        fail_msg("%s", e.msg);
    return d;
}

#endif
