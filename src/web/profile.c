#include "web/profile.h"

#include <math.h>
#include <string.h>

#include "domain/geo.h"
#include "http/json.h"

static bool load_set(http_req *req, profile_set *s, kf_level level, const char *code, const char *label)
{
    hh_error e;
    s->level = level;
    s->code = code;
    s->label = label;
    if (kf_unit_series(req->db, level, code, -1, &req->a, &s->rows, &s->n, &e)) {
        http_fail_db(req, "reading key figures");
        return false;
    }
    kf_suppress_rows(s->rows, s->n);
    return true;
}

static void years(profile *p)
{
    p->first_year = 0;
    p->last_year = 0;
    for (size_t i = 0; i < p->unit.n; i++) {
        int y = p->unit.rows[i].year;
        if (!p->first_year || y < p->first_year)
            p->first_year = y;
        if (y > p->last_year)
            p->last_year = y;
    }
    /* Ten years at most, the latest. */
    if (p->last_year && p->last_year - p->first_year > 9)
        p->first_year = p->last_year - 9;
}

static bool load_common(http_req *req, profile *p, const char *muni_code)
{
    geo_municipality m;
    hh_error e;
    if (geo_municipality_get(req->db, &req->a, muni_code, &m, &e)) {
        http_fail_db(req, "reading a municipality");
        return false;
    }
    p->ncmp = 0;
    if (!load_set(req, &p->cmp[p->ncmp++], LEVEL_MUNICIPALITY, m.code, arena_printf(&req->a, "%s Kommune", m.name)) ||
        !load_set(req, &p->cmp[p->ncmp++], LEVEL_REGION, m.region_code, m.region_name) ||
        !load_set(req, &p->cmp[p->ncmp++], LEVEL_COUNTRY, "DK", "Hele landet"))
        return false;
    return true;
}

bool profile_load_dept(http_req *req, const void *unit, profile *p)
{
    const department *d = unit;
    memset(p, 0, sizeof *p);
    if (!load_set(req, &p->unit, LEVEL_DEPARTMENT, arena_printf(&req->a, "%lld", (long long)d->id), d->name) ||
        !load_common(req, p, d->municipality_code) ||
        !load_set(req, &p->cmp[p->ncmp++], LEVEL_PEER, d->peer_group, "Sammenlignelige afdelinger"))
        return false;
    years(p);
    return true;
}

bool profile_load_area(http_req *req, const void *unit, profile *p)
{
    const housing_area *a = unit;
    memset(p, 0, sizeof *p);
    if (!load_set(req, &p->unit, LEVEL_AREA, arena_printf(&req->a, "%lld", (long long)a->id), a->name) ||
        !load_common(req, p, a->municipality_code))
        return false;
    years(p);
    return true;
}

const kf_row *profile_figure(const profile_set *s, int kf, size_t *n)
{
    size_t i = 0;
    while (i < s->n && s->rows[i].kf != kf)
        i++;
    size_t j = i;
    while (j < s->n && s->rows[j].kf == kf)
        j++;
    *n = j - i;
    return *n ? &s->rows[i] : NULL;
}

static void json_set(jw *w, const profile_set *s)
{
    char text[64];
    jw_obj(w);
    jw_kstr(w, "level", kf_level_code[s->level]);
    jw_kstr(w, "label", s->label);
    jw_key(w, "values");
    jw_arr(w);
    for (size_t i = 0; i < s->n; i++) {
        const kf_row *r = &s->rows[i];
        const key_figure *kf = &kf_catalogue[r->kf];
        jw_obj(w);
        jw_kstr(w, "key_figure", kf->code);
        jw_kint(w, "year", r->year);
        jw_kbool(w, "suppressed", r->suppressed);
        jw_key(w, "value");
        jw_double(w, r->suppressed ? NAN : kf_result(kf, &r->parts));
        jw_kstr(w, "display", kf_format(kf, &r->parts, r->suppressed, text, sizeof text));
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_obj_end(w);
}

void profile_json(http_req *req, const profile *p)
{
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_key(&w, "unit");
    json_set(&w, &p->unit);
    jw_key(&w, "comparisons");
    jw_arr(&w);
    for (size_t i = 0; i < p->ncmp; i++)
        json_set(&w, &p->cmp[i]);
    jw_arr_end(&w);
    jw_obj_end(&w);
}
