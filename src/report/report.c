/* report.c - building an rpt_doc (report.h): tables and blocks in an arena. */
#include <math.h>
#include <string.h>

#include "report/report.h"

rpt_table *rpt_table_new(arena *a, const char *id, const char *title, rpt_kind kind, size_t nrows,
                         const char *const *cols, size_t ncols)
{
    rpt_table *t = arena_zalloc(a, sizeof *t);
    t->id = id;
    t->title = title ? title : "";
    t->note = "";
    t->kind = kind;
    t->ncols = ncols;
    t->nrows = nrows;
    t->cols = arena_zalloc(a, ncols * sizeof *t->cols);
    t->numeric = arena_zalloc(a, ncols * sizeof *t->numeric);
    for (size_t c = 0; c < ncols; c++) {
        t->cols[c] = cols[c];
        t->numeric[c] = c > 0 && kind != RPT_FACTS && kind != RPT_TEXTS;
    }
    t->cells = arena_zalloc(a, (nrows ? nrows : 1) * ncols * sizeof *t->cells);
    for (size_t i = 0; i < nrows * ncols; i++) {
        t->cells[i].text = "";
        t->cells[i].num = NAN;
    }
    return t;
}

void rpt_builder_init(rpt_builder *b, arena *a)
{
    memset(b, 0, sizeof *b);
    b->a = a;
}

rpt_block *rpt_add(rpt_builder *b, rpt_block_kind kind)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 32;
        b->blocks = arena_grow(b->a, b->blocks, b->n * sizeof *b->blocks, cap * sizeof *b->blocks);
        b->cap = cap;
    }
    rpt_block *x = &b->blocks[b->n++];
    memset(x, 0, sizeof *x);
    x->kind = kind;
    x->level = 1;
    return x;
}

void rpt_heading(rpt_builder *b, int level, const char *text)
{
    rpt_block *x = rpt_add(b, RB_HEADING);
    x->level = level;
    x->text = text;
}

void rpt_text(rpt_builder *b, const char *text)
{
    rpt_add(b, RB_TEXT)->text = text;
}

void rpt_note(rpt_builder *b, const char *text)
{
    rpt_add(b, RB_NOTE)->text = text;
}

rpt_block *rpt_add_table(rpt_builder *b, const rpt_table *t, int level)
{
    rpt_block *x = rpt_add(b, RB_TABLE);
    x->table = t;
    x->level = level;
    return x;
}

void rpt_page_break(rpt_builder *b)
{
    rpt_add(b, RB_PAGE_BREAK);
}

void rpt_builder_finish(rpt_builder *b, rpt_doc *doc)
{
    doc->blocks = b->blocks;
    doc->nblocks = b->n;
}
