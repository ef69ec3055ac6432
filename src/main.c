/* main.c - the `helhed` command: wires the modules together.
 *
 * Global options (--db, --listen, --threads, also as HELHED_DB, HELHED_LISTEN,
 * HELHED_THREADS) are valid before or after any subcommand. Exit codes:
 * 0 success, 1 runtime failure, 2 bad usage. CLI text is English; the web UI
 * is Danish. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/crypto.h"
#include "cli/cli.h"
#include "core/embed.h"
#include "core/log.h"
#include "core/str.h"
#include "core/util.h"
#include "db/db.h"
#include "db/migrate.h"
#include "domain/demo.h"
#include "http/server.h"
#include "version.h"
#include "web/auth_web.h"
#include "web/layout.h"
#include "web/pages.h"

#define MAX_BODY (1024 * 1024)

typedef struct command {
    const char *name;
    const char *summary;
    const char *usage; /* printed by `helhed NAME --help` */
    int (*run)(options *o);
} command;

static const char global_help[] =
    "Global options (valid for every command):\n"
    "  --db URL          database: sqlite:PATH or postgres://USER@HOST/DB  [HELHED_DB, default " DEFAULT_DB "]\n"
    "  --listen ADDR     address to serve on, HOST:PORT  [HELHED_LISTEN, default " DEFAULT_LISTEN "]\n"
    "  --threads N       worker threads, 1-256  [HELHED_THREADS, default: number of CPUs]\n"
    "  -h, --help        show help\n";

static int cmd_serve(options *o)
{
    int rc = no_args(o);
    db *d;
    if (rc || (rc = open_migrated(o, &d, NULL)))
        return rc;
    db_close(d);
    server_config cfg = {
        .listen = o->listen,
        .threads = o->threads,
        .db_url = o->db,
        .routes = helhed_routes,
        .nroutes = helhed_nroutes,
        .max_body = MAX_BODY,
        .error_page = page_error,
        .authorize = web_authorize,
        .access_log = true,
    };
    const char *trust = getenv("HELHED_TRUST_PROXY");
    http_set_trust_proxy(trust && strcmp(trust, "1") == 0);
    hh_error e;
    hh_err err = server_run(&cfg, &e);
    if (err) {
        fprintf(stderr, "helhed: %s\n", e.msg);
        return err == HH_ERR_USAGE ? EXIT_USAGE : EXIT_RUNTIME;
    }
    return 0;
}

static int cmd_migrate(options *o)
{
    int rc = no_args(o), applied = 0, version = 0;
    db *d;
    if (rc || (rc = open_migrated(o, &d, &applied)))
        return rc;
    hh_error e;
    migrate_current(d, &version, &e);
    printf("database schema at version %d (%d migration%s applied)\n", version, applied, applied == 1 ? "" : "s");
    db_close(d);
    return 0;
}

static int cmd_demo(options *o)
{
    if (o->argc > 1 && strcmp(o->argv[1], "microdata") == 0)
        return cli_demo_microdata(o);
    demo_options dopt = { .seed = 1 };
    for (int i = 1; i < o->argc; i++) {
        if (strcmp(o->argv[i], "--seed") == 0 && i + 1 < o->argc) {
            int64_t s;
            if (!hh_parse_int64(o->argv[i + 1], strlen(o->argv[i + 1]), &s) || s < 0)
                return usage_error("demo", "--seed takes a non-negative integer, not '%s'", o->argv[i + 1]);
            dopt.seed = (uint64_t)s;
            i++;
        } else if (strcmp(o->argv[i], "--truth") == 0 && i + 1 < o->argc) {
            dopt.truth_path = o->argv[++i];
        } else if (strcmp(o->argv[i], "--scale") == 0 && i + 1 < o->argc) {
            const char *v = o->argv[++i];
            if (strcmp(v, "small") == 0)
                dopt.scale = DEMO_SMALL;
            else if (strcmp(v, "national") == 0)
                dopt.scale = DEMO_NATIONAL;
            else
                return usage_error("demo", "--scale takes small or national, not '%s'", v);
        } else {
            return bad_arg("demo", o->argv[i]);
        }
    }
    db *d;
    int rc = open_migrated(o, &d, NULL);
    if (rc)
        return rc;
    hh_error e;
    if (demo_load(d, &dopt, &e) != HH_OK) {
        fprintf(stderr, "helhed: cannot load demo data: %s\n", e.msg);
        db_close(d);
        return EXIT_RUNTIME;
    }
    db_close(d);
    printf("demo data ready in %s (seed %llu)\n", o->db, (unsigned long long)dopt.seed);
    printf("\nDemo logins (one per role; the passwords are as public as the data):\n");
    for (size_t i = 0; i < demo_nlogins; i++)
        printf("  %-34s %-24s %s\n", demo_logins[i].email, demo_logins[i].password, demo_logins[i].grant);
    return 0;
}

static int cmd_version(options *o)
{
    int rc = no_args(o);
    if (rc)
        return rc;
    printf("helhed %s\n", HELHED_VERSION);
    return 0;
}

static const command commands[] = {
    { "serve", "serve the web application and API",
      "Usage: helhed serve [--db URL] [--listen ADDR] [--threads N]\n\n"
      "Applies pending migrations, then serves Helhed until SIGINT or SIGTERM;\n"
      "requests in flight are finished before it exits.\n",
      cmd_serve },
    { "migrate", "bring the database schema up to date",
      "Usage: helhed migrate [--db URL]\n\n"
      "Applies every pending schema migration, each in its own transaction.\n",
      cmd_migrate },
    { "demo", "create or refresh the demo data",
      "Usage: helhed demo [--db URL] [--seed N] [--scale small|national] [--truth FILE]\n"
      "       helhed demo microdata [--persons N] [--years Y] [--seed N] [--out FILE]\n\n"
      "Creates (or refreshes) clearly synthetic demo data in the database and exits.\n"
      "Pages of a database with demo data carry the banner 'Demodata — fiktive tal'.\n"
      "  --seed N          seed for the generators (default 1)\n"
      "  --scale S         small (default: a dozen organisations) or national (~500 organisations,\n"
      "                    ~8,000 departments, ~600,000 dwellings, 10 years of every key figure)\n"
      "  --truth FILE      write the departments the generator sent down the negative spiral to FILE,\n"
      "                    one ORG-DEPT a line (ground truth for testing early warning)\n\n"
      "microdata writes a synthetic person-level register extract, the input of 'helhed lists compute'\n"
      "(no database): one row per person and data year, the latest 2025, ';' separated. About 11 % live\n"
      "in social housing areas (BO-<municipality>-<n>), from well-off to strained, several near each\n"
      "threshold of the lists; the same seed gives the same file.\n"
      "  --persons N       persons per data year (default 5900000, the national population)\n"
      "  --years Y         data years, 1-10 (default 2)\n"
      "  --out FILE        write to FILE (whole or not at all) instead of standard output\n",
      cmd_demo },
    { "user", "manage users, grants, passwords and API tokens",
      "Usage: helhed user add EMAIL --name NAME [--admin] [--grant ROLE[:SCOPE,...]]... [--password-stdin]\n"
      "       helhed user grant|revoke EMAIL ROLE[:SCOPE,...]\n"
      "       helhed user passwd EMAIL        (reads the new password from the terminal or standard input)\n"
      "       helhed user list\n"
      "       helhed user token EMAIL --label TEXT   (prints the new token alone on standard output)\n\n"
      "Roles: admin, national, municipality:CODE,..., organisation:NUMBER,..., plan_staff:PLAN,...,\n"
      "caretaker:ORG-DEPT,..., viewer:municipality=CODE | viewer:organisation=NUMBER.\n"
      "Without --password-stdin, add generates a temporary password, prints it, and the user must change it.\n",
      cli_user },
    { "audit", "check the audit log",
      "Usage: helhed audit verify\n\nRecomputes the audit log's hash chain; exits 1 "
      "and names the first broken row if anything was altered.\n",
      cli_audit },
    { "routes", "print the route table (JSON)",
      "Usage: helhed routes\n\nPrints every route with its method, "
      "pattern and the roles that may use it, as JSON.\n",
      cli_routes },
    { "import", "import the registry, key figures, area lists or boundaries from a file",
      "Usage: helhed import registry FILE [--dry-run] [--as EMAIL]\n"
      "       helhed import keyfigures FILE [--dry-run] [--as EMAIL]\n"
      "       helhed import lists FILE [--dry-run] [--as EMAIL]\n"
      "       helhed import list-status FILE [--dry-run] [--as EMAIL]\n"
      "       helhed import boundaries FILE [--kind municipality|region]\n\n"
      "Reads CSV (';' ',' or tab separated, decimal comma or point, UTF-8 with or without BOM or\n"
      "Windows-1252) or XLSX. registry: one row per department with org_no, org_name, cvr, department_no,\n"
      "department_name, address, municipality_code, dwellings, build_year (more columns optional).\n"
      "keyfigures: long form (org_no, department_no, year, key_figure, value | numerator + denominator;\n"
      "area_code instead of org_no/department_no for area-level figures) or wide form (a column per\n"
      "key-figure code, CODE.numerator and CODE.denominator for shares). lists: area-list criterion values\n"
      "per area and list year (the input of `helhed lists classify`, the output of `helhed lists compute`).\n"
      "list-status: published list statuses (area_code, year, categories), the history the lists build on.\n"
      "boundaries: DAGI GeoJSON or TopoJSON.\n"
      "Every problem is reported with row and column; with any problem nothing is written. Importing the\n"
      "same file again changes nothing.\n"
      "  --dry-run         check and report without writing\n"
      "  --as EMAIL        import with that user's rights (scope)\n",
      cli_import },
    { "export", "export aggregated key figures",
      "Usage: helhed export keyfigures [--level LEVEL] [--year Y] [--key-figure CODE]\n"
      "                                [--format csv|xlsx|json] [--out FILE] [--no-suppression]\n\n"
      "LEVEL is department (default), area, organisation, municipality, region, country or peer.\n"
      "Values resting on fewer than 5 are written as <5 unless --no-suppression (operators only).\n",
      cli_export },
    { "keyfigures", "list the key-figure catalogue", "Usage: helhed keyfigures\n", cli_keyfigures },
    { "lists", "the official area lists: classify, compute from register data, derive from key figures",
      "Usage: helhed lists classify --input FILE --year Y [--rules auto|2010|2013|2018|2021]\n"
      "                             [--history FILE] [--format csv|json] [--out FILE]\n"
      "       helhed lists compute --persons FILE --list-year Y [--rules auto|2010|2013|2018|2021]\n"
      "                            [--out FILE] [--classify]\n"
      "       helhed lists derive [--db URL] [--from Y] [--to Y]\n\n"
      "derive stores list values for list years Y (default: the year after the latest key figures, the\n"
      "coming list) for every registry area, computed from the areas' key figures (data years Y-2 and Y-1);\n"
      "values imported from a file (`helhed import lists`) are kept. The pages and the API classify them.\n\n"
      "Classifies every area and year in FILE under the rule set of each year (almenboligloven § 61 a and\n"
      "§ 61 b; rule sets 2010, 2013, 2018 and 2021) and prints the rows of list year Y, sorted by area code.\n"
      "Earlier years in FILE serve as history for hard ghetto (2018 rules) and transformation area (2021\n"
      "rules). Needs no database.\n\n"
      "FILE is CSV (';' ',' or tab separated, decimal comma or point) or XLSX with a header row and one row\n"
      "per area and year. Required columns:\n"
      "  area_code               the area's code (at most 31 characters)\n"
      "  year                    list year, 1990-2100\n"
      "  residents               residents on 1 January of the list year (whole number)\n"
      "  non_western_pct         % immigrants and descendants from non-Western countries\n"
      "  outside_labour_pct      % of residents 18-64 outside labour market or education (averaged as published)\n"
      "  convicted_pct           % of residents 18+ convicted (averaged as published)\n"
      "  national_convicted_pct  the same share for all of Denmark (for the 2018 and 2021 rules)\n"
      "  basic_education_pct     % of residents 30-59 with basic school only\n"
      "  income_pct_of_region    mean gross income of taxpayers 15-64 not in education, % of the region's mean\n"
      "Optional columns (denominators that make the persons-to-flip forecast exact; estimated otherwise):\n"
      "  persons_18_64, persons_18_plus, persons_30_59, taxpayers\n"
      "An empty cell is a missing value: a year missing a value its rule set needs is reported as not\n"
      "computable, never guessed. Percentages are numbers 0-100 (42,5 for 42.5 %, not Excel's percent-formatted\n"
      "0.425); income 0-1000.\n\n"
      "  --year Y          the list year to output (other years are history)\n"
      "  --rules R         auto (default: the rule set in force for each year) or one rule set for all years\n"
      "  --history FILE    published statuses: columns area_code, year, categories (codes separated by |:\n"
      "                    ghetto, udsat, haardt_ghetto, parallelsamfund, omdannelse, forebyggelse; empty =\n"
      "                    none); a published status overrides the one computed from FILE\n"
      "  --format F        csv (default) or json\n"
      "  --out FILE        write to FILE instead of standard output\n\n"
      "CSV output (';', decimal point, UTF-8): area_code;year;rule_set;categories, then per test of the rule\n"
      "set ID_value;ID_threshold;ID_met;ID_margin (met 1/0, empty when missing; margin = value - threshold),\n"
      "then computable (1/0) and note (why not computable, in Danish). JSON adds each test's rule text and\n"
      "persons_to_flip, the history used and a Danish explanation. Problems in a file are reported in\n"
      "Danish with row and column; exit 1.\n\n"
      "compute reads a person-level register extract (CSV, one row per person and data year; ';' ',' or\n"
      "tab separated; decimal comma allowed unless ',' separates) with the columns year, person_id,\n"
      "area_code (empty outside areas), region_code (1081-1085), age, outside_labour_fte (0-1),\n"
      "convicted, basic_education_only, in_education, taxable, gross_income (DKK) and non_western\n"
      "(0/1), in any order, and writes each area's criterion values for the list year as CSV (',' and\n"
      "'.'): residents, non-Western %, outside labour market or education % and convicted % (mean of\n"
      "the latest 2 data years in the file, 4 under the 2010 rules; empty when the area lacks one of\n"
      "them), the national convicted %, basic education % and income as % of the region's mean (latest\n"
      "data year), and the denominators. This is the input of 'helhed lists classify'. Problems in the\n"
      "file are reported in Danish with row and column, and nothing is written. Uses --threads parts.\n"
      "  --persons FILE    the register extract\n"
      "  --list-year YEAR  the list year (written in the year column; chooses the rules with auto)\n"
      "  --rules R         rule set: auto (default: the one in force for the list year) or its first year\n"
      "  --out FILE        write to FILE (whole or not at all) instead of standard output\n"
      "  --classify        classify the computed values right away (the classify CSV for the list year)\n",
      cli_lists },
    { "warnings", "early warning: status of every department and area on the negative spiral",
      "Usage: helhed warnings [--year Y] [--level department|area] [--status S[,S...]]\n"
      "                       [--municipality CODE] [--org N] [--format csv|json]\n"
      "       helhed warnings events [--level department|area] [--format csv|json]\n"
      "       helhed warnings refresh\n"
      "       helhed warnings config [KEY VALUE|default]\n\n"
      "Lists the early-warning status (stable, watch, alarm) of every department (or area) for a year\n"
      "(default: the latest), worst first, with the score of each link of the spiral (wear, insecurity,\n"
      "moveout, social) and the reasons in Danish. CSV is ';' separated with decimal commas.\n"
      "  --status S        only these statuses, e.g. watch,alarm\n"
      "  --municipality C  only units in municipality C (e.g. 0101)\n"
      "  --org N           only departments of organisation N (areas: with a current member of it)\n"
      "events lists status changes, newest first; refresh rebuilds every status (also done by every\n"
      "import and registry change); config shows the thresholds, or sets KEY to VALUE (or back to its\n"
      "default) and rebuilds. The method: docs/EARLY-WARNING.md.\n",
      cli_warnings },
    { "plans", "holistic plans: export the plan list, show a plan",
      "Usage: helhed plans export [--format csv|xlsx|json] [--out FILE] [--type T] [--state S]\n"
      "                           [--round R] [--municipality CODE]\n"
      "       helhed plans show ID\n\n"
      "export writes one row per plan (every plan: the operator sees all): id, name, type (social, physical,\n"
      "health), state (idea … anchored), round (2006-2010, 2011-2014, 2015-2018, 2019-2026), municipality\n"
      "code and name, region code, organisations, start and end date, focus areas (joined with ' · '), the\n"
      "budget total, LBF's part and what has been spent in kroner with two decimals, and LBF's share of the\n"
      "budget in per cent. CSV is ';' separated UTF-8 with decimal commas; JSON is an array (amounts as\n"
      "numbers, and also in øre); XLSX needs --out. The file is written whole or not at all.\n"
      "  --type T          only plans of type T\n"
      "  --state S         only plans in state S\n"
      "  --round R         only plans of funding round R\n"
      "  --municipality C  only plans in municipality C (e.g. 0101)\n"
      "show prints a plan's summary, budget totals and its history of transitions.\n",
      cli_plans },
    { "report", "reports: the yearly report of a plan to LBF, a steering dialogue's package",
      "Usage: helhed report plan-year --plan ID --year Y --format pdf|html|csv|xlsx [--out FILE] [--internal]\n"
      "       helhed report dialogue --org ORG --municipality CODE --year Y --format pdf|html [--out FILE]\n\n"
      "Reports (one subcommand each):\n"
      "  plan-year         the yearly report of a plan to Landsbyggefonden: the plan, its activities by\n"
      "                    category and focus area, sessions, participants (attendances, unique, new,\n"
      "                    returning), volunteers, gender and age, reach, the involvement profile and its\n"
      "                    change over the years, goal achievement, resident roles and courses, outreach and\n"
      "                    the stories selected for the report.\n"
      "  dialogue          the documentation package of a steering dialogue: the organisation's summary\n"
      "                    and definitions, the scores, the selection with SWOT, goals and last year's\n"
      "                    follow-up, the plans, and a sheet per department with its key figures.\n\n"
      "Options of plan-year:\n"
      "  --plan ID         the plan (its number, as in 'helhed plans export')\n"
      "  --year Y          the report's year (1990-2100)\n"
      "  --format F        pdf (A4), html (a standalone document), csv (one file: table;title;row;column;\n"
      "                    value, ';' separated UTF-8 with decimal commas) or xlsx (a sheet per table;\n"
      "                    needs --out)\n"
      "  --out FILE        write to FILE (whole or not at all) instead of standard output\n"
      "  --internal        the team's report with every number; without it (the default, meant for LBF)\n"
      "                    person counts of 1-4 are shown as <5 and complementary cells as x\n\n"
      "Options of dialogue:\n"
      "  --org ORG         the housing organisation (its number)\n"
      "  --municipality C  the municipality (four digits, e.g. 0101)\n"
      "  --year Y          the dialogue's year (1990-2100)\n"
      "  --format F        pdf (A4) or html (a standalone document)\n"
      "  --out FILE        write to FILE (whole or not at all) instead of standard output\n",
      cli_report },
    { "version", "print the version", "Usage: helhed version\n", cmd_version },
};

static void print_usage(FILE *f)
{
    fprintf(f, "helhed %s - the platform for Danish social housing\n\nUsage: helhed COMMAND [OPTIONS]\n\nCommands:\n",
            HELHED_VERSION);
    for (size_t i = 0; i < HH_ARRAY_LEN(commands); i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n%s\nRun 'helhed COMMAND --help' for a command's own options.\n", global_help);
}

/* Takes the global options out of argv (anywhere on the line), leaving the
 * subcommand and its own arguments in o->argv. */
static int parse_globals(int argc, char **argv, options *o)
{
    /* Flags override the environment. */
    static const char *const value_opts[] = { "--db", "--listen", "--threads" };
    const char *vals[3] = { getenv("HELHED_DB"), getenv("HELHED_LISTEN"), getenv("HELHED_THREADS") };
    o->argv = xcalloc((size_t)argc + 1, sizeof(char *));
    o->argc = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool taken = false;
        for (size_t k = 0; k < HH_ARRAY_LEN(value_opts); k++) {
            size_t n = strlen(value_opts[k]);
            if (strncmp(a, value_opts[k], n) != 0)
                continue;
            if (a[n] == '=') {
                vals[k] = a + n + 1;
                taken = true;
            } else if (a[n] == '\0') {
                if (i + 1 >= argc)
                    return usage_error(NULL, "option '%s' needs a value", a);
                vals[k] = argv[++i];
                taken = true;
            }
        }
        if (taken)
            continue;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            o->help = true;
            continue;
        }
        o->argv[o->argc++] = argv[i];
    }
    o->db = vals[0] && *vals[0] ? vals[0] : DEFAULT_DB;
    o->listen = vals[1] && *vals[1] ? vals[1] : DEFAULT_LISTEN;
    if (vals[2] && *vals[2]) {
        if (!hh_parse_int(vals[2], 1, 256, &o->threads))
            return usage_error(NULL, "threads must be an integer from 1 to 256, not '%s'", vals[2]);
    } else {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        o->threads = n < 1 ? 1 : (n > 256 ? 256 : (int)n);
    }
    db_kind kind;
    hh_error e;
    if (db_url_kind(o->db, &kind, &e) != HH_OK) {
        fprintf(stderr, "helhed: %s\n", e.msg); /* one line: the URL says it all */
        return EXIT_USAGE;
    }
    return 0;
}

int main(int argc, char **argv)
{
    options o = { 0 };
    if (!crypto_init()) {
        fprintf(stderr, "helhed: cannot initialise libsodium\n");
        return EXIT_RUNTIME;
    }
    int rc = parse_globals(argc, argv, &o);
    if (rc)
        goto out;
    if (o.argc == 0) {
        print_usage(o.help ? stdout : stderr);
        rc = o.help ? 0 : EXIT_USAGE;
        goto out;
    }
    if (strcmp(o.argv[0], "help") == 0) {
        print_usage(stdout);
        goto out;
    }
    for (size_t i = 0; i < HH_ARRAY_LEN(commands); i++) {
        if (strcmp(o.argv[0], commands[i].name) != 0)
            continue;
        if (o.help) {
            printf("%s\n%s", commands[i].usage, global_help);
            goto out;
        }
        rc = commands[i].run(&o);
        goto out;
    }
    rc = usage_error(NULL, "unknown command '%s'", o.argv[0]);
out:
    free(o.argv);
    return rc;
}
