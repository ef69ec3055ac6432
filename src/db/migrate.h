/* migrate.h - versioned schema migrations per dialect.
 *
 * Migrations are embedded SQL files named NNNN_name.sql (both dialects),
 * NNNN_name.sqlite.sql or NNNN_name.postgres.sql. Each version is applied in
 * its own transaction and recorded in schema_version; applying is idempotent
 * and safe when two processes start at once. */
#ifndef HELHED_MIGRATE_H
#define HELHED_MIGRATE_H

#include "core/embed.h"
#include "db/db.h"

/* Applies every pending migration from dir (normally &embed_migrations).
 * *applied (may be NULL) receives how many were applied. */
hh_err migrate_run(db *d, const embed_dir *dir, int *applied, hh_error *e);

/* The highest version applied, 0 for an empty database. */
hh_err migrate_current(db *d, int *version, hh_error *e);

/* The highest version available for a dialect in dir. Checks the set: every
 * version from 1 up must have exactly one file for the dialect; returns
 * HH_ERR_INTERNAL naming the problem otherwise. */
hh_err migrate_latest(const embed_dir *dir, db_kind kind, int *version, hh_error *e);

#endif
