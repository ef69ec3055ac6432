#include "cli/cli.h"
#include "domain/keyfig.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/embed.h"
#include "db/migrate.h"

int usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "helhed: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'helhed %s%s--help'.\n", cmd ? cmd : "", cmd ? " " : "");
    return EXIT_USAGE;
}

int bad_arg(const char *cmd, const char *arg)
{
    return usage_error(cmd, arg[0] == '-' ? "unknown option '%s'" : "unexpected argument '%s'", arg);
}

int cli_parse(const options *o, int from, const char *cmd, const cli_opt *opts, size_t nopts, const char **positional,
              size_t npositional)
{
    size_t npos = 0;
    for (int i = from; i < o->argc; i++) {
        const char *arg = o->argv[i];
        const cli_opt *opt = NULL;
        for (size_t k = 0; k < nopts && !opt; k++)
            if (strcmp(arg, opts[k].name) == 0)
                opt = &opts[k];
        if (opt && opt->flag) {
            *opt->flag = true;
        } else if (opt) {
            if (i + 1 >= o->argc)
                return usage_error(cmd, "option '%s' needs a value", arg);
            *opt->value = o->argv[++i];
        } else if (arg[0] != '-' && npos < npositional) {
            positional[npos++] = arg;
        } else {
            return bad_arg(cmd, arg);
        }
    }
    return 0;
}

int no_args(const options *o)
{
    return o->argc > 1 ? bad_arg(o->argv[0], o->argv[1]) : 0;
}

int open_migrated(const options *o, db **out, int *applied)
{
    hh_error e;
    hh_err rc = db_open(o->db, out, &e);
    if (rc) {
        fprintf(stderr, "helhed: %s\n", e.msg);
        return rc == HH_ERR_USAGE ? EXIT_USAGE : EXIT_RUNTIME;
    }
    if (migrate_run(*out, &embed_migrations, applied, &e) != HH_OK || kf_catalogue_sync(*out, &e) != HH_OK) {
        fprintf(stderr, "helhed: %s\n", e.msg);
        db_close(*out);
        return EXIT_RUNTIME;
    }
    return 0;
}
