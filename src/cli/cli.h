/* cli.h - what the subcommands of `helhed` share: parsed global options,
 * usage errors and exit codes. Exit codes: 0 success, 1 runtime failure,
 * 2 bad usage. CLI text is English; the web UI is Danish. */
#ifndef HELHED_CLI_H
#define HELHED_CLI_H

#include <stdbool.h>

#include "db/db.h"

#define EXIT_RUNTIME 1
#define EXIT_USAGE 2
#define DEFAULT_DB "sqlite:helhed.db"
#define DEFAULT_LISTEN "127.0.0.1:8080"

typedef struct options {
    const char *db;
    const char *listen;
    int threads;
    bool help;
    int argc; /* remaining arguments: subcommand and its own */
    char **argv;
} options;

/* Prints "helhed: MESSAGE" and a pointer to the help; returns EXIT_USAGE. */
int usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "unknown option" or "unexpected argument" for arg. */
int bad_arg(const char *cmd, const char *arg);
/* One option of a subcommand: "--name VALUE" stores VALUE in *value (the
 * last one wins when repeated); a flag (value NULL) sets *flag. */
typedef struct cli_opt {
    const char *name;
    const char **value;
    bool *flag;
} cli_opt;

/* Parses o->argv[from..] against opts. Arguments that do not start with '-'
 * fill positional[0..npositional) in order (npositional 0: none accepted).
 * Unknown options, stray arguments and options without their value are usage
 * errors naming the argument; returns 0 or EXIT_USAGE (already printed). */
int cli_parse(const options *o, int from, const char *cmd, const cli_opt *opts, size_t nopts, const char **positional,
              size_t npositional);

/* Subcommands take no arguments of their own unless they say so. */
int no_args(const options *o);
/* Opens the database and applies pending migrations; on failure prints one
 * line and returns the exit code (0 on success). */
int open_migrated(const options *o, db **out, int *applied);

/* Subcommands implemented outside main.c. */
int cli_user(options *o);
int cli_audit(options *o);
int cli_routes(options *o);
int cli_import(options *o);
int cli_export(options *o);
int cli_keyfigures(options *o);
int cli_lists(options *o);
int cli_warnings(options *o);
int cli_plans(options *o);
/* `helhed report plan-year ...` and `helhed report dialogue ...` (cli_report.c). */
int cli_report(options *o);
/* `helhed lists compute ...` (o->argv: "lists", "compute", options). */
int cli_lists_compute(options *o);
/* Classifies CSV in the classify input format held in memory (the output
 * of compute) and writes the classify CSV for year to out; rules_code 0 =
 * by year. Problems go to standard error; returns an exit code. */
struct buf;
int cli_lists_classify_csv(const char *name, const char *data, size_t len, int year, int rules_code, struct buf *out);
/* `helhed demo microdata ...` (o->argv: "demo", "microdata", options). */
int cli_demo_microdata(options *o);

#endif
