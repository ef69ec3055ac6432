/* plans_budget.c - budget lines per year and funding source, and the
 * funding rules (DOMAIN.md §3, 002:L1024-1034): LBF pays at most 75 % of a
 * social plan, at least 25 % local co-financing from the 2011-2014 round on,
 * and no payout before the municipal council has approved the plan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numfmt.h"
#include "core/util.h"
#include "domain/plans.h"
#include "domain/plans_impl.h"

/* Bounds that keep the sums and 4 · total inside int64: 10,000 lines of at
 * most 1 trillion kroner each. */
#define PLAN_BUDGET_MAX_LINES 10000
#define PLAN_LINE_MAX_ORE 100000000000000LL

void plan_budget_sum(const plan_budget_line *lines, size_t n, plan_budget_totals *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n; i++) {
        out->total_ore += lines[i].budget_ore;
        out->spent_ore += lines[i].spent_ore;
        if (lines[i].source == SRC_LBF) {
            out->lbf_ore += lines[i].budget_ore;
            out->spent_lbf_ore += lines[i].spent_ore;
        } else if (lines[i].source == SRC_MUNICIPALITY || lines[i].source == SRC_ORGANISATION ||
                   lines[i].source == SRC_REGION) {
            /* Local co-financing: the municipality, the housing organisation
             * and the region; foundations and other sponsors add to the
             * total but are not local (002:L1024-1028, DOMAIN.md §3). */
            out->cofinancing_ore += lines[i].budget_ore;
        }
    }
}

/* "75,01 %": part of total with two decimals. */
static const char *pct(char *out, size_t n, int64_t part, int64_t total)
{
    double v = total ? 100.0 * (double)part / (double)total : 0;
    char num[24];
    fmt_num_da(num, sizeof num, v, 2);
    snprintf(out, n, "%s %%", num);
    return out;
}

/* Index of the first LBF line with the most weight (for the field name). */
static size_t first_line(const plan_budget_line *lines, size_t n, bool lbf)
{
    for (size_t i = 0; i < n; i++)
        if ((lines[i].source == SRC_LBF) == lbf && lines[i].budget_ore > 0)
            return i;
    return 0;
}

hh_err plan_budget_check(const plan *pl, const plan_budget_line *lines, size_t n, hh_error *e)
{
    char field[48];
    if (n > PLAN_BUDGET_MAX_LINES)
        return plan_rule_fail(e, HH_ERR_INPUT, "budget_line", "budget", "budgettet har mere end %d linjer",
                              PLAN_BUDGET_MAX_LINES);
    for (size_t i = 0; i < n; i++) {
        const plan_budget_line *l = &lines[i];
        if (l->year < 2000 || l->year > 2100) {
            snprintf(field, sizeof field, "budget[%zu].year", i);
            return plan_rule_fail(e, HH_ERR_INPUT, "budget_line", field, "året %d ligger ikke i 2000-2100", l->year);
        }
        if ((int)l->source < 0 || l->source >= SRC_COUNT) {
            snprintf(field, sizeof field, "budget[%zu].source", i);
            return plan_rule_fail(e, HH_ERR_INPUT, "budget_line", field, "ukendt finansieringskilde");
        }
        if (l->budget_ore < 0) {
            snprintf(field, sizeof field, "budget[%zu].budget_ore", i);
            return plan_rule_fail(e, HH_ERR_INPUT, "budget_line", field, "budgettet for %d (%s) er negativt", l->year,
                                  plan_source_label[l->source]);
        }
        if (l->spent_ore < 0) {
            snprintf(field, sizeof field, "budget[%zu].spent_ore", i);
            return plan_rule_fail(e, HH_ERR_INPUT, "budget_line", field, "forbruget for %d (%s) er negativt", l->year,
                                  plan_source_label[l->source]);
        }
        if (l->budget_ore > PLAN_LINE_MAX_ORE || l->spent_ore > PLAN_LINE_MAX_ORE) {
            snprintf(field, sizeof field, "budget[%zu].%s", i,
                     l->budget_ore > PLAN_LINE_MAX_ORE ? "budget_ore" : "spent_ore");
            return plan_rule_fail(e, HH_ERR_INPUT, "budget_line", field, "beløbet for %d (%s) er over 1 billion kr.",
                                  l->year, plan_source_label[l->source]);
        }
        for (size_t k = 0; k < i; k++)
            if (lines[k].year == l->year && lines[k].source == l->source) {
                snprintf(field, sizeof field, "budget[%zu].source", i);
                return plan_rule_fail(e, HH_ERR_INPUT, "budget_line", field, "der er to linjer for %d fra %s", l->year,
                                      plan_source_label[l->source]);
            }
    }
    plan_budget_totals t;
    plan_budget_sum(lines, n, &t);
    arena a;
    arena_init(&a);
    hh_err rc = HH_OK;
    char p1[40];
    const plan_round *r = plan_round_find(pl->round);
    if (pl->type == PLAN_SOCIAL && t.total_ore > 0 && 4 * t.lbf_ore > 3 * t.total_ore) {
        snprintf(field, sizeof field, "budget[%zu].budget_ore", first_line(lines, n, true));
        rc = plan_rule_fail(e, HH_ERR_INPUT, "lbf_share_max", field, "budgettet har %s fra LBF af i alt %s (%s).",
                            plan_format_dkk(&a, t.lbf_ore), plan_format_dkk(&a, t.total_ore),
                            pct(p1, sizeof p1, t.lbf_ore, t.total_ore));
    } else if (pl->type == PLAN_SOCIAL && r && r->cofinancing_rule && t.total_ore > 0 &&
               4 * t.cofinancing_ore < t.total_ore) {
        snprintf(field, sizeof field, "budget[%zu].budget_ore", first_line(lines, n, false));
        rc = plan_rule_fail(e, HH_ERR_INPUT, "cofinancing_min", field,
                            "budgettet har %s i lokal medfinansiering af i alt %s (%s) i puljen %s.",
                            plan_format_dkk(&a, t.cofinancing_ore), plan_format_dkk(&a, t.total_ore),
                            pct(p1, sizeof p1, t.cofinancing_ore, t.total_ore), r->label);
    } else if (!pl->approved) {
        for (size_t i = 0; i < n; i++)
            if (lines[i].source == SRC_LBF && lines[i].spent_ore > 0) {
                snprintf(field, sizeof field, "budget[%zu].spent_ore", i);
                rc = plan_rule_fail(e, HH_ERR_INPUT, "no_payout_before_approval", field,
                                    "budgettet viser %s udbetalt fra LBF i %d, men kommunalbestyrelsens godkendelse"
                                    " er ikke registreret.",
                                    plan_format_dkk(&a, lines[i].spent_ore), lines[i].year);
                break;
            }
    }
    arena_free(&a);
    return rc;
}

static bool read_line(db_stmt *st, arena *a, void *elem)
{
    plan_budget_line *l = elem;
    l->year = (int)db_col_int64(st, 0);
    int s = plan_enum_find(plan_source_code, SRC_COUNT, db_col_text(st, 1));
    l->source = s < 0 ? SRC_OTHER : (plan_source)s;
    l->budget_ore = db_col_int64(st, 2);
    l->spent_ore = db_col_int64(st, 3);
    l->note = arena_strdup(a, db_col_text(st, 4));
    return true;
}

static int cmp_line(const void *x, const void *y)
{
    const plan_budget_line *a = x, *b = y;
    if (a->year != b->year)
        return a->year - b->year;
    return (int)a->source - (int)b->source;
}

hh_err plan_budget_get(db *d, arena *a, int64_t plan_id, plan_budget_line **out, size_t *n, hh_error *e)
{
    hh_err rc;
    if ((rc = plan_collect(d, a,
                           "SELECT year, source, budget_ore, spent_ore, note FROM plan_budget WHERE plan_id = ?"
                           " ORDER BY year, source",
                           plan_id, sizeof(plan_budget_line), read_line, (void **)out, n, "read the budget", e)))
        return rc;
    qsort(*out, *n, sizeof **out, cmp_line); /* by source in enumeration order */
    return HH_OK;
}

hh_err plan_budget_put(db *d, const principal *p, arena *a, int64_t plan_id, const plan_budget_line *lines, size_t n,
                       hh_error *e)
{
    plan pl;
    hh_err rc = plan_load_writable(d, p, a, plan_id, &pl, e);
    if (rc || (rc = plan_budget_check(&pl, lines, n, e)))
        return rc;
    bool own;
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    db_stmt *st = db_prepare(d, "DELETE FROM plan_budget WHERE plan_id = ?");
    if (!st) {
        rc = db_fail(d, e, "save the budget");
    } else {
        db_bind_int64(st, 1, plan_id);
        if (db_step(st) == DB_ERROR)
            rc = db_fail(d, e, "save the budget");
        db_done(st);
    }
    for (size_t i = 0; i < n && rc == HH_OK; i++) {
        st = db_prepare(d, "INSERT INTO plan_budget (plan_id, year, source, budget_ore, spent_ore, note)"
                           " VALUES (?, ?, ?, ?, ?, ?)");
        if (!st) {
            rc = db_fail(d, e, "save the budget");
            break;
        }
        db_bind_int64(st, 1, plan_id);
        db_bind_int64(st, 2, lines[i].year);
        db_bind_text(st, 3, plan_source_code[lines[i].source]);
        db_bind_int64(st, 4, lines[i].budget_ore);
        db_bind_int64(st, 5, lines[i].spent_ore);
        db_bind_text(st, 6, lines[i].note ? lines[i].note : "");
        if (db_step(st) == DB_ERROR)
            rc = db_fail(d, e, "save the budget");
        db_done(st);
    }
    if (rc == HH_OK)
        rc = plan_touch(d, plan_id, e);
    return plan_tx_end(d, own, rc, e);
}
