#include "domain/boundary.h"

#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "core/util.h"
#include "domain/meta.h"

#define VIEW_WIDTH 1000.0    /* viewBox width of every map */
#define VIEW_HEIGHT_MAX 2000 /* a very tall file is fitted by its height */
#define VIEW_MARGIN 4.0      /* viewBox units around the shapes */
#define TOLERANCE 0.5        /* Douglas-Peucker tolerance, viewBox units */
#define MIN_RING_AREA 1.0    /* smaller rings are dropped, square viewBox units */
#define INSET_EAST 14.0      /* rings wholly east of this longitude go into the inset */
#define INSET_PAD 0.03       /* projected units between the inset's shapes and its frame */
#define COS_56 0.5591929034707468
/* Bounds against hostile files: a ring may name one arc many times. */
#define MAX_OUT_POINTS 10000000u
#define MAX_ARCS 10000000u
#define NCODES 10000 /* 4-digit codes */

typedef struct pt {
    double x, y;
} pt;

typedef struct bbox {
    double x0, y0, x1, y1; /* x0 > x1 when empty */
} bbox;

/* A line: a TopoJSON arc or a GeoJSON ring. Positions are longitude and
 * latitude until projected; s holds the simplified positions. */
typedef struct line {
    pt *p;
    size_t n;
    pt *s;
    size_t ns;
    bbox box; /* longitude/latitude */
    bool decoded, simplified;
} line;

/* A ring: lines joined end to end; ref ~i is line i reversed. */
typedef struct ring {
    int64_t *refs;
    size_t nrefs;
    size_t next; /* next ring of the same shape, 0 = none (index + 1) */
    bool inset;
} ring;

typedef struct shape_acc {
    char code[5];
    const char *name;
    size_t object;
    size_t first, last; /* rings, index + 1 */
} shape_acc;

typedef struct item {
    json_t *props, *geom;
} item;

typedef struct parser {
    const char *name;
    hh_error *e;
    boundary_kind kind;
    arena *out;
    arena tmp;
    json_t *root;
    bool topo;
    /* TopoJSON */
    json_t *arcs;
    bool quantized;
    double sx, sy, tx, ty;
    /* everything */
    item *items;
    size_t nitems, cap_items;
    line *lines;
    size_t nlines, cap_lines;
    ring *rings;
    size_t nrings, cap_rings;
    shape_acc *shapes;
    size_t nshapes, cap_shapes;
    int *slot; /* code -> shape index + 1 */
    size_t points_in;
} parser;

const char *boundary_kind_name(boundary_kind k)
{
    switch (k) {
    case BOUNDARY_MUNICIPALITY: return "municipality";
    case BOUNDARY_REGION: return "region";
    default: return "auto";
    }
}

bool boundary_kind_parse(const char *s, boundary_kind *out)
{
    if (!s)
        return false;
    if (strcmp(s, "municipality") == 0 || strcmp(s, "kommune") == 0)
        *out = BOUNDARY_MUNICIPALITY;
    else if (strcmp(s, "region") == 0)
        *out = BOUNDARY_REGION;
    else
        return false;
    return true;
}

/* Danish word for the code of a kind, for messages. */
static const char *code_word(boundary_kind k)
{
    return k == BOUNDARY_REGION ? "regionskode" : "kommunekode";
}

static void *grow(arena *a, void *p, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return p;
    size_t nc = *cap ? *cap * 2 : 16;
    if (nc > SIZE_MAX / size)
        hh_fatal("boundary: array too large");
    void *q = arena_grow(a, p, *cap * size, nc * size);
    *cap = nc;
    return q;
}

static void bbox_empty(bbox *b)
{
    b->x0 = b->y0 = INFINITY;
    b->x1 = b->y1 = -INFINITY;
}

static void bbox_add(bbox *b, double x, double y)
{
    if (x < b->x0)
        b->x0 = x;
    if (x > b->x1)
        b->x1 = x;
    if (y < b->y0)
        b->y0 = y;
    if (y > b->y1)
        b->y1 = y;
}

static void bbox_union(bbox *b, const bbox *o)
{
    if (o->x0 > o->x1)
        return;
    bbox_add(b, o->x0, o->y0);
    bbox_add(b, o->x1, o->y1);
}

/* ---- properties ---- */

static const char *const muni_only_keys[] = { "KOMKODE", "komkode", "kommunekode", NULL };
static const char *const region_only_keys[] = { "REGIONKODE", "regionskode", "regionkode", NULL };
static const char *const generic_keys[] = { "kode", "code", NULL };
static const char *const muni_name_keys[] = { "KOMNAVN", "komnavn", "kommunenavn", "navn", "name", NULL };
static const char *const region_name_keys[] = { "REGIONNAVN", "regionsnavn", "regionnavn", "navn", "name", NULL };

static json_t *prop(json_t *props, const char *const *keys)
{
    if (!json_is_object(props))
        return NULL;
    for (; *keys; keys++) {
        json_t *v = json_object_get(props, *keys);
        if (v && !json_is_null(v))
            return v;
    }
    return NULL;
}

/* A code as an integer 1-9999 or a string of 1-4 digits, zero-padded. */
static bool code_value(json_t *v, char out[5])
{
    long long c;
    if (json_is_integer(v)) {
        c = json_integer_value(v);
    } else if (json_is_string(v)) {
        const char *s = json_string_value(v);
        size_t n = json_string_length(v);
        int64_t x;
        if (n < 1 || n > 4 || !hh_is_digits(s, n) || !hh_parse_int64(s, n, &x))
            return false;
        c = x;
    } else {
        return false;
    }
    if (c < 1 || c > 9999)
        return false;
    snprintf(out, 5, "%04lld", c);
    return true;
}

/* A short JSON rendering of v for a message. */
static const char *show(parser *ps, json_t *v)
{
    char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    if (!s)
        return "?";
    char *r = arena_printf(&ps->tmp, "%.40s%s", s, strlen(s) > 40 ? "…" : "");
    free(s);
    return r;
}

static boundary_kind detect_kind(parser *ps)
{
    for (size_t i = 0; i < ps->nitems; i++)
        if (prop(ps->items[i].props, muni_only_keys))
            return BOUNDARY_MUNICIPALITY;
    for (size_t i = 0; i < ps->nitems; i++)
        if (prop(ps->items[i].props, region_only_keys))
            return BOUNDARY_REGION;
    /* Only kode/code: region codes are 1081-1085, municipality codes 0101-0860. */
    bool any = false;
    for (size_t i = 0; i < ps->nitems; i++) {
        char c[5];
        json_t *v = prop(ps->items[i].props, generic_keys);
        if (!v || !code_value(v, c))
            continue;
        if (strcmp(c, "1081") < 0 || strcmp(c, "1085") > 0)
            return BOUNDARY_MUNICIPALITY;
        any = true;
    }
    return any ? BOUNDARY_REGION : BOUNDARY_MUNICIPALITY;
}

/* ---- geometry ---- */

static hh_err bad_coordinate(parser *ps, const char *where, double lon, double lat)
{
    return hh_fail(ps->e, HH_ERR_INPUT, "file",
                   "%s: %s har koordinaten (%g, %g), som ikke er længde og bredde i WGS84 "
                   "(er filen i et andet koordinatsystem, fx UTM?)",
                   ps->name, where, lon, lat);
}

static bool lonlat_ok(double lon, double lat)
{
    return isfinite(lon) && isfinite(lat) && lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
}

static hh_err too_big(parser *ps)
{
    return hh_fail(ps->e, HH_ERR_INPUT, "file", "%s: filen er for stor (over %u punkter)", ps->name, MAX_OUT_POINTS);
}

static void add_ring(parser *ps, size_t shape, int64_t *refs, size_t nrefs)
{
    ps->rings = grow(&ps->tmp, ps->rings, &ps->cap_rings, ps->nrings, sizeof(ring));
    ring *r = &ps->rings[ps->nrings++];
    r->refs = refs;
    r->nrefs = nrefs;
    r->next = 0;
    r->inset = false;
    shape_acc *s = &ps->shapes[shape];
    if (s->last)
        ps->rings[s->last - 1].next = ps->nrings;
    else
        s->first = ps->nrings;
    s->last = ps->nrings;
}

/* Reads a position [lon, lat, ...] (more values, such as height, are ignored). */
static bool position(json_t *v, double *x, double *y)
{
    if (!json_is_array(v) || json_array_size(v) < 2)
        return false;
    json_t *a = json_array_get(v, 0), *b = json_array_get(v, 1);
    if (!json_is_number(a) || !json_is_number(b))
        return false;
    *x = json_number_value(a);
    *y = json_number_value(b);
    return true;
}

/* GeoJSON: each ring of positions becomes a line of its own. */
static hh_err geojson_ring(parser *ps, size_t obj, size_t shape, json_t *coords)
{
    if (!json_is_array(coords))
        return hh_fail(ps->e, HH_ERR_INPUT, "file", "%s: objekt %zu har en ring, som ikke er en liste af positioner",
                       ps->name, obj);
    size_t n = json_array_size(coords);
    if (n < 3)
        return HH_OK; /* no area: nothing to draw */
    if (n > MAX_OUT_POINTS - ps->points_in)
        return too_big(ps);
    ps->points_in += n;
    ps->lines = grow(&ps->tmp, ps->lines, &ps->cap_lines, ps->nlines, sizeof(line));
    line *l = &ps->lines[ps->nlines];
    memset(l, 0, sizeof(*l));
    l->p = arena_alloc(&ps->tmp, n * sizeof(pt));
    l->n = n;
    bbox_empty(&l->box);
    char where[48];
    snprintf(where, sizeof(where), "objekt %zu", obj);
    for (size_t i = 0; i < n; i++) {
        double x, y;
        if (!position(json_array_get(coords, i), &x, &y))
            return hh_fail(ps->e, HH_ERR_INPUT, "file", "%s: objekt %zu har en position, som ikke er [længde, bredde]",
                           ps->name, obj);
        if (!lonlat_ok(x, y))
            return bad_coordinate(ps, where, x, y);
        l->p[i] = (pt){ x, y };
        bbox_add(&l->box, x, y);
    }
    l->decoded = true;
    int64_t *ref = arena_alloc(&ps->tmp, sizeof(int64_t));
    *ref = (int64_t)ps->nlines++;
    add_ring(ps, shape, ref, 1);
    return HH_OK;
}

/* TopoJSON: a ring is a list of arc indexes; ~i (negative) is arc i reversed. */
static hh_err topo_ring(parser *ps, size_t obj, size_t shape, json_t *refs)
{
    if (!json_is_array(refs) || json_array_size(refs) == 0)
        return hh_fail(ps->e, HH_ERR_INPUT, "file", "%s: objekt %zu har en ring, som ikke er en liste af buer",
                       ps->name, obj);
    size_t n = json_array_size(refs);
    int64_t *r = arena_alloc(&ps->tmp, n * sizeof(int64_t));
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_array_get(refs, i);
        if (!json_is_integer(v))
            return hh_fail(ps->e, HH_ERR_INPUT, "file", "%s: objekt %zu henviser til buen %s, som ikke er et heltal",
                           ps->name, obj, show(ps, v));
        json_int_t k = json_integer_value(v);
        json_int_t arc = k < 0 ? ~k : k;
        if ((uint64_t)arc >= ps->nlines)
            return hh_fail(ps->e, HH_ERR_INPUT, "file",
                           "%s: objekt %zu henviser til bue %lld, men filen har kun %zu buer", ps->name, obj,
                           (long long)k, ps->nlines);
        r[i] = k;
    }
    add_ring(ps, shape, r, n);
    return HH_OK;
}

/* Reads the rings of a Polygon or MultiPolygon: coordinates (GeoJSON) or arcs
 * (TopoJSON). */
static hh_err geometry(parser *ps, size_t obj, size_t shape, json_t *g)
{
    const char *type = json_string_value(json_object_get(g, "type"));
    if (!json_is_object(g) || !type)
        return hh_fail(ps->e, HH_ERR_INPUT, "file", "%s: objekt %zu har ingen geometri", ps->name, obj);
    bool multi = strcmp(type, "MultiPolygon") == 0;
    if (!multi && strcmp(type, "Polygon") != 0)
        return hh_fail(ps->e, HH_ERR_INPUT, "file",
                       "%s: objekt %zu har geometritypen %.40s; kun Polygon og MultiPolygon kan bruges", ps->name, obj,
                       type);
    json_t *body = json_object_get(g, ps->topo ? "arcs" : "coordinates");
    if (!json_is_array(body))
        return hh_fail(ps->e, HH_ERR_INPUT, "file", "%s: objekt %zu mangler \"%s\"", ps->name, obj,
                       ps->topo ? "arcs" : "coordinates");
    size_t npoly = multi ? json_array_size(body) : 1;
    for (size_t p = 0; p < npoly; p++) {
        json_t *poly = multi ? json_array_get(body, p) : body;
        if (!json_is_array(poly))
            return hh_fail(ps->e, HH_ERR_INPUT, "file", "%s: objekt %zu har en polygon, som ikke er en liste af ringe",
                           ps->name, obj);
        size_t i;
        json_t *rv;
        json_array_foreach (poly, i, rv) {
            hh_err rc = ps->topo ? topo_ring(ps, obj, shape, rv) : geojson_ring(ps, obj, shape, rv);
            if (rc)
                return rc;
        }
    }
    return HH_OK;
}

/* Decodes TopoJSON arc i into longitude/latitude (undoing quantisation and
 * delta encoding). */
static hh_err decode_arc(parser *ps, size_t i)
{
    line *l = &ps->lines[i];
    if (l->decoded)
        return HH_OK;
    json_t *arc = json_array_get(ps->arcs, i);
    size_t n = json_array_size(arc);
    char where[48];
    snprintf(where, sizeof(where), "bue %zu", i);
    if (!json_is_array(arc) || n == 0)
        return hh_fail(ps->e, HH_ERR_INPUT, "file", "%s: bue %zu er ikke en liste af positioner", ps->name, i);
    if (n > MAX_OUT_POINTS - ps->points_in)
        return too_big(ps);
    ps->points_in += n;
    l->p = arena_alloc(&ps->tmp, n * sizeof(pt));
    l->n = n;
    bbox_empty(&l->box);
    double qx = 0, qy = 0;
    for (size_t k = 0; k < n; k++) {
        double x, y;
        if (!position(json_array_get(arc, k), &x, &y))
            return hh_fail(ps->e, HH_ERR_INPUT, "file", "%s: bue %zu har en position, som ikke er to tal", ps->name, i);
        if (ps->quantized) {
            qx += x;
            qy += y;
            x = qx * ps->sx + ps->tx;
            y = qy * ps->sy + ps->ty;
        }
        if (!lonlat_ok(x, y))
            return bad_coordinate(ps, where, x, y);
        l->p[k] = (pt){ x, y };
        bbox_add(&l->box, x, y);
    }
    l->decoded = true;
    return HH_OK;
}

static line *ref_line(parser *ps, int64_t ref)
{
    return &ps->lines[ref < 0 ? ~ref : ref];
}

/* ---- input: the features or geometries, each with properties ---- */

static void add_item(parser *ps, json_t *props, json_t *geom)
{
    ps->items = grow(&ps->tmp, ps->items, &ps->cap_items, ps->nitems, sizeof(item));
    ps->items[ps->nitems++] = (item){ props, geom };
}

static hh_err read_transform(parser *ps)
{
    json_t *t = json_object_get(ps->root, "transform");
    if (!t || json_is_null(t))
        return HH_OK;
    json_t *scale = json_object_get(t, "scale"), *translate = json_object_get(t, "translate");
    if (!position(scale, &ps->sx, &ps->sy) || !position(translate, &ps->tx, &ps->ty) || !isfinite(ps->sx) ||
        !isfinite(ps->sy) || !isfinite(ps->tx) || !isfinite(ps->ty))
        return hh_fail(ps->e, HH_ERR_INPUT, "file", "%s: TopoJSON-filens \"transform\" skal have scale og translate",
                       ps->name);
    ps->quantized = true;
    return HH_OK;
}

static hh_err collect_items(parser *ps)
{
    json_t *root = ps->root;
    const char *type = json_string_value(json_object_get(root, "type"));
    if (type && strcmp(type, "FeatureCollection") == 0) {
        json_t *features = json_object_get(root, "features"), *f;
        if (!json_is_array(features))
            return hh_fail(ps->e, HH_ERR_INPUT, "file", "%s: FeatureCollection uden \"features\"", ps->name);
        size_t i;
        json_array_foreach (features, i, f)
            add_item(ps, json_object_get(f, "properties"), json_object_get(f, "geometry"));
        return HH_OK;
    }
    if (type && strcmp(type, "Feature") == 0) {
        add_item(ps, json_object_get(root, "properties"), json_object_get(root, "geometry"));
        return HH_OK;
    }
    if (type && strcmp(type, "Topology") == 0) {
        ps->topo = true;
        ps->arcs = json_object_get(root, "arcs");
        json_t *objects = json_object_get(root, "objects");
        if (!json_is_array(ps->arcs) || !json_is_object(objects))
            return hh_fail(ps->e, HH_ERR_INPUT, "file", "%s: TopoJSON uden \"arcs\" og \"objects\"", ps->name);
        if (json_array_size(ps->arcs) > MAX_ARCS)
            return too_big(ps);
        hh_err rc = read_transform(ps);
        if (rc)
            return rc;
        ps->nlines = ps->cap_lines = json_array_size(ps->arcs);
        ps->lines = arena_zalloc(&ps->tmp, (ps->nlines ? ps->nlines : 1) * sizeof(line));
        const char *key;
        json_t *o;
        json_object_foreach (objects, key, o) {
            const char *ot = json_string_value(json_object_get(o, "type"));
            if (ot && strcmp(ot, "GeometryCollection") == 0) {
                json_t *geoms = json_object_get(o, "geometries"), *g;
                size_t i;
                json_array_foreach (geoms, i, g)
                    add_item(ps, json_object_get(g, "properties"), g);
            } else {
                add_item(ps, json_object_get(o, "properties"), o);
            }
        }
        return HH_OK;
    }
    return hh_fail(ps->e, HH_ERR_INPUT, "file",
                   "%s: filen er hverken GeoJSON (FeatureCollection) eller TopoJSON (Topology)", ps->name);
}

static hh_err read_items(parser *ps)
{
    const char *const *code_keys[2];
    if (ps->kind == BOUNDARY_REGION) {
        code_keys[0] = region_only_keys;
        code_keys[1] = generic_keys;
    } else {
        code_keys[0] = muni_only_keys;
        code_keys[1] = generic_keys;
    }
    const char *const *name_keys = ps->kind == BOUNDARY_REGION ? region_name_keys : muni_name_keys;
    ps->slot = arena_zalloc(&ps->tmp, NCODES * sizeof(int));
    for (size_t i = 0; i < ps->nitems; i++) {
        size_t obj = i + 1;
        json_t *props = ps->items[i].props;
        json_t *v = prop(props, code_keys[0]);
        if (!v)
            v = prop(props, code_keys[1]);
        char code[5];
        if (!v)
            return hh_fail(ps->e, HH_ERR_INPUT, "file", "%s: objekt %zu har ingen %s", ps->name, obj,
                           code_word(ps->kind));
        if (!code_value(v, code))
            return hh_fail(ps->e, HH_ERR_INPUT, "file", "%s: objekt %zu har en ugyldig %s: %s", ps->name, obj,
                           code_word(ps->kind), show(ps, v));
        int c = (code[0] - '0') * 1000 + (code[1] - '0') * 100 + (code[2] - '0') * 10 + (code[3] - '0');
        if (!ps->slot[c]) {
            ps->shapes = grow(&ps->tmp, ps->shapes, &ps->cap_shapes, ps->nshapes, sizeof(shape_acc));
            shape_acc *s = &ps->shapes[ps->nshapes];
            memset(s, 0, sizeof(*s));
            memcpy(s->code, code, 5);
            s->object = obj;
            ps->slot[c] = (int)++ps->nshapes;
        }
        shape_acc *s = &ps->shapes[ps->slot[c] - 1];
        json_t *nv = prop(props, name_keys);
        if (!s->name && json_is_string(nv))
            s->name = json_string_value(nv);
        hh_err rc = geometry(ps, obj, (size_t)(ps->slot[c] - 1), ps->items[i].geom);
        if (rc)
            return rc;
    }
    return HH_OK;
}

/* ---- projection, simplification, output ---- */

/* Squared distance from p to the segment a-b. */
static double seg_dist2(pt p, pt a, pt b)
{
    double dx = b.x - a.x, dy = b.y - a.y;
    double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
    if (t < 0)
        t = 0;
    else if (t > 1)
        t = 1;
    double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
    return ex * ex + ey * ey;
}

/* Douglas-Peucker without recursion: keeps both ends and every position
 * further than tol from the simplified line. */
static void simplify(arena *a, line *l, double tol)
{
    size_t n = l->n;
    if (n <= 2) {
        l->s = l->p;
        l->ns = n;
        return;
    }
    unsigned char *keep = arena_zalloc(a, n);
    size_t *stack = arena_alloc(a, 2 * n * sizeof(size_t));
    size_t top = 0;
    keep[0] = keep[n - 1] = 1;
    stack[top++] = 0;
    stack[top++] = n - 1;
    double tol2 = tol * tol;
    size_t kept = 2;
    while (top) {
        size_t j = stack[--top], i = stack[--top];
        if (j <= i + 1)
            continue;
        double best = -1;
        size_t k = i;
        for (size_t m = i + 1; m < j; m++) {
            double d = seg_dist2(l->p[m], l->p[i], l->p[j]);
            if (d > best) {
                best = d;
                k = m;
            }
        }
        if (best > tol2) {
            keep[k] = 1;
            kept++;
            /* each split adds at most two ranges; kept <= n bounds the stack */
            stack[top++] = i;
            stack[top++] = k;
            stack[top++] = k;
            stack[top++] = j;
        }
    }
    l->s = arena_alloc(a, kept * sizeof(pt));
    l->ns = 0;
    for (size_t m = 0; m < n; m++)
        if (keep[m])
            l->s[l->ns++] = l->p[m];
}

typedef struct fit {
    double minx, miny, scale;
    double dx, dy; /* inset shift, projected units */
} fit;

static inline double proj_x(double lon)
{
    return lon * COS_56;
}

static inline double proj_y(double lat)
{
    return -lat;
}

/* Longitude/latitude box of a ring. */
static bbox ring_box(parser *ps, const ring *r)
{
    bbox b;
    bbox_empty(&b);
    for (size_t i = 0; i < r->nrefs; i++)
        bbox_union(&b, &ref_line(ps, r->refs[i])->box);
    return b;
}

static void projected_add(bbox *b, const bbox *ll)
{
    if (ll->x0 > ll->x1)
        return;
    bbox_add(b, proj_x(ll->x0), proj_y(ll->y1));
    bbox_add(b, proj_x(ll->x1), proj_y(ll->y0));
}

/* Decides the inset and the scale; fills the view. */
static hh_err fit_view(parser *ps, fit *f, boundary_view *view)
{
    bbox main_box, inset_box;
    bbox_empty(&main_box);
    bbox_empty(&inset_box);
    size_t ninset = 0;
    for (size_t i = 0; i < ps->nrings; i++) {
        ring *r = &ps->rings[i];
        bbox b = ring_box(ps, r);
        r->inset = b.x0 > INSET_EAST;
        ninset += r->inset;
    }
    if (ninset == ps->nrings) /* nothing else to put it beside */
        for (size_t i = 0; i < ps->nrings; i++)
            ps->rings[i].inset = false;
    for (size_t i = 0; i < ps->nrings; i++) {
        bbox b = ring_box(ps, &ps->rings[i]);
        projected_add(ps->rings[i].inset ? &inset_box : &main_box, &b);
    }
    memset(view, 0, sizeof(*view));
    f->dx = f->dy = 0;
    bbox all = main_box;
    bbox frame = { 0, 0, 0, 0 };
    bool inset = inset_box.x0 <= inset_box.x1;
    if (inset) {
        /* The frame sits in the top right corner of the rest. */
        frame = (bbox){ inset_box.x0 - INSET_PAD, inset_box.y0 - INSET_PAD, inset_box.x1 + INSET_PAD,
                        inset_box.y1 + INSET_PAD };
        f->dx = main_box.x1 - frame.x1;
        f->dy = main_box.y0 - frame.y0;
        frame = (bbox){ frame.x0 + f->dx, frame.y0 + f->dy, frame.x1 + f->dx, frame.y1 + f->dy };
        bbox_union(&all, &frame);
    }
    double w = all.x1 - all.x0, h = all.y1 - all.y0;
    if (!(w > 0) && !(h > 0))
        return hh_fail(ps->e, HH_ERR_INPUT, "file", "%s: figurerne har ingen udstrækning", ps->name);
    double s = w > 0 ? (VIEW_WIDTH - 2 * VIEW_MARGIN) / w : INFINITY;
    if (h > 0 && h * s > VIEW_HEIGHT_MAX - 2 * VIEW_MARGIN)
        s = (VIEW_HEIGHT_MAX - 2 * VIEW_MARGIN) / h;
    if (!isfinite(s) || !(s > 0))
        return hh_fail(ps->e, HH_ERR_INPUT, "file", "%s: figurerne har ingen udstrækning", ps->name);
    f->minx = all.x0;
    f->miny = all.y0;
    f->scale = s;
    /* w * s can come out a hair above the width it was derived from. */
    view->width = (int)ceil(w * s + 2 * VIEW_MARGIN - 1e-6);
    view->height = (int)ceil(h * s + 2 * VIEW_MARGIN - 1e-6);
    if (inset) {
        view->inset_x = round((VIEW_MARGIN + (frame.x0 - all.x0) * s) * 10) / 10;
        view->inset_y = round((VIEW_MARGIN + (frame.y0 - all.y0) * s) * 10) / 10;
        view->inset_w = round((frame.x1 - frame.x0) * s * 10) / 10;
        view->inset_h = round((frame.y1 - frame.y0) * s * 10) / 10;
    }
    return HH_OK;
}

/* Projects a line into viewBox units (before any inset shift) and simplifies it. */
static void prepare_line(parser *ps, const fit *f, line *l)
{
    if (l->simplified)
        return;
    for (size_t i = 0; i < l->n; i++) {
        l->p[i].x = VIEW_MARGIN + (proj_x(l->p[i].x) - f->minx) * f->scale;
        l->p[i].y = VIEW_MARGIN + (proj_y(l->p[i].y) - f->miny) * f->scale;
    }
    simplify(&ps->tmp, l, TOLERANCE);
    l->simplified = true;
}

typedef struct ipt {
    long x, y; /* integer viewBox units */
} ipt;

/* Joins a ring's simplified lines, shifts it into the inset if it belongs
 * there, rounds and removes repeated positions. Returns the count. */
static size_t assemble(parser *ps, const fit *f, const ring *r, ipt *out)
{
    double sx = r->inset ? f->dx * f->scale : 0, sy = r->inset ? f->dy * f->scale : 0;
    size_t n = 0;
    for (size_t i = 0; i < r->nrefs; i++) {
        const line *l = ref_line(ps, r->refs[i]);
        bool rev = r->refs[i] < 0;
        for (size_t k = 0; k < l->ns; k++) {
            pt p = l->s[rev ? l->ns - 1 - k : k];
            ipt q = { lround(p.x + sx), lround(p.y + sy) };
            if (n > 0 && out[n - 1].x == q.x && out[n - 1].y == q.y)
                continue;
            out[n++] = q;
        }
    }
    if (n > 1 && out[n - 1].x == out[0].x && out[n - 1].y == out[0].y)
        n--;
    return n;
}

/* Twice the signed area. */
static double area2(const ipt *p, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++) {
        const ipt *a = &p[i], *b = &p[(i + 1) % n];
        s += (double)a->x * (double)b->y - (double)b->x * (double)a->y;
    }
    return s;
}

static void write_ring(buf *b, const ipt *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        buf_printf(b, "%c%ld %ld", i ? 'L' : 'M', p[i].x, p[i].y);
    buf_putc(b, 'Z');
}

static hh_err build_shapes(parser *ps, boundary_set *out)
{
    fit f;
    hh_err rc = fit_view(ps, &f, &out->view);
    if (rc)
        return rc;
    /* The longest ring bounds the scratch space for one ring. */
    size_t longest = 0, total = 0;
    for (size_t i = 0; i < ps->nrings; i++) {
        const ring *r = &ps->rings[i];
        size_t len = 0;
        for (size_t k = 0; k < r->nrefs; k++) {
            line *l = ref_line(ps, r->refs[k]);
            prepare_line(ps, &f, l);
            len += l->ns;
        }
        total += len;
        if (total > MAX_OUT_POINTS)
            return too_big(ps);
        if (len > longest)
            longest = len;
    }
    ipt *pts = arena_alloc(&ps->tmp, (longest ? longest : 1) * sizeof(ipt));
    out->shapes = arena_alloc(ps->out, (ps->nshapes ? ps->nshapes : 1) * sizeof(boundary_shape));
    out->n = 0;
    buf b;
    buf_init(&b, 0);
    for (int c = 0; c < NCODES; c++) {
        if (!ps->slot[c])
            continue;
        const shape_acc *s = &ps->shapes[ps->slot[c] - 1];
        buf_reset(&b);
        /* Keep the largest ring even when it is small, so every code is drawn. */
        double best_area = 0;
        size_t best = 0;
        for (size_t ri = s->first; ri; ri = ps->rings[ri - 1].next) {
            size_t n = assemble(ps, &f, &ps->rings[ri - 1], pts);
            if (n < 3)
                continue;
            double a = fabs(area2(pts, n)) / 2;
            if (a >= MIN_RING_AREA) {
                write_ring(&b, pts, n);
                out->points_out += n;
            } else if (a > best_area) {
                best_area = a;
                best = ri;
            }
        }
        if (b.len == 0 && best) {
            size_t n = assemble(ps, &f, &ps->rings[best - 1], pts);
            write_ring(&b, pts, n);
            out->points_out += n;
        }
        boundary_shape *sh = &out->shapes[out->n++];
        sh->code = arena_strdup(ps->out, s->code);
        sh->name = arena_strdup(ps->out, s->name ? s->name : s->code);
        sh->path = arena_strndup(ps->out, buf_cstr(&b), b.len);
        sh->object = s->object;
        out->path_bytes += b.len;
    }
    buf_free(&b);
    return HH_OK;
}

hh_err boundary_parse(const char *data, size_t len, const char *name, boundary_kind kind, arena *a, boundary_set *out,
                      hh_error *e)
{
    memset(out, 0, sizeof(*out));
    parser ps = { .name = name ? name : "fil", .e = e, .kind = kind, .out = a };
    arena_init(&ps.tmp);
    json_error_t err;
    hh_err rc = HH_OK;
    ps.root = json_loadb(data ? data : "", data ? len : 0, JSON_REJECT_DUPLICATES, &err);
    if (!ps.root) {
        rc = hh_fail(e, HH_ERR_INPUT, "file", "%s: ugyldig JSON i linje %d, kolonne %d: %s", ps.name, err.line,
                     err.column, err.text);
        goto out;
    }
    if ((rc = collect_items(&ps)))
        goto out;
    if (ps.nitems == 0) {
        rc = hh_fail(e, HH_ERR_INPUT, "file", "%s: filen indeholder ingen objekter", ps.name);
        goto out;
    }
    if (ps.kind == BOUNDARY_AUTO)
        ps.kind = detect_kind(&ps);
    if ((rc = read_items(&ps)))
        goto out;
    if (ps.topo)
        for (size_t i = 0; i < ps.nrings && !rc; i++)
            for (size_t k = 0; k < ps.rings[i].nrefs && !rc; k++) {
                int64_t ref = ps.rings[i].refs[k];
                rc = decode_arc(&ps, (size_t)(ref < 0 ? ~ref : ref));
            }
    if (rc)
        goto out;
    if (ps.nrings == 0) {
        rc = hh_fail(e, HH_ERR_INPUT, "file", "%s: filen indeholder ingen polygoner", ps.name);
        goto out;
    }
    out->kind = ps.kind;
    out->objects = ps.nitems;
    out->points_in = ps.points_in;
    rc = build_shapes(&ps, out);
out:
    if (rc)
        memset(out, 0, sizeof(*out));
    json_decref(ps.root);
    arena_free(&ps.tmp);
    return rc;
}

/* ---- database ---- */

static void view_key(char *out, size_t n, boundary_kind kind)
{
    snprintf(out, n, "boundary_view:%s", boundary_kind_name(kind));
}

hh_err boundary_import(db *d, boundary_kind kind, const char *data, size_t len, const char *name,
                       boundary_summary *summary, hh_error *e)
{
    arena a;
    arena_init(&a);
    boundary_set set;
    if (!name)
        name = "fil";
    hh_err rc = boundary_parse(data, len, name, kind, &a, &set, e);
    if (rc)
        goto out;
    if ((rc = db_begin(d, e)))
        goto out;
    /* Two imports at once take turns (SQLite's BEGIN IMMEDIATE already does). */
    if (db_get_kind(d) == DB_POSTGRES && (rc = db_exec(d, "SELECT pg_advisory_xact_lock(4842)", e)))
        goto fail;
    db_stmt *st = db_prepare(d, "DELETE FROM boundary WHERE kind = ?");
    if (!st) {
        rc = db_fail(d, e, "replace boundaries");
        goto fail;
    }
    db_bind_text(st, 1, boundary_kind_name(set.kind));
    int s = db_step(st);
    db_done(st);
    if (s == DB_ERROR) {
        rc = db_fail(d, e, "replace boundaries");
        goto fail;
    }
    const char *lookup = set.kind == BOUNDARY_REGION ? "SELECT name FROM region WHERE code = ?"
                                                     : "SELECT name FROM municipality WHERE code = ?";
    for (size_t i = 0; i < set.n; i++) {
        const boundary_shape *sh = &set.shapes[i];
        if (!(st = db_prepare(d, lookup))) {
            rc = db_fail(d, e, "read codes");
            goto fail;
        }
        db_bind_text(st, 1, sh->code);
        s = db_step(st);
        const char *canonical = s == DB_ROW ? arena_strdup(&a, db_col_text(st, 0)) : NULL;
        db_done(st);
        if (s == DB_ERROR) {
            rc = db_fail(d, e, "read codes");
            goto fail;
        }
        if (!canonical) {
            rc = hh_fail(e, HH_ERR_INPUT, "file", "%s: objekt %zu har %s %s, som ikke findes", name, sh->object,
                         code_word(set.kind), sh->code);
            goto fail;
        }
        if (!(st = db_prepare(d, "INSERT INTO boundary (kind, code, name, path) VALUES (?, ?, ?, ?)"))) {
            rc = db_fail(d, e, "write boundaries");
            goto fail;
        }
        db_bind_text(st, 1, boundary_kind_name(set.kind));
        db_bind_text(st, 2, sh->code);
        db_bind_text(st, 3, canonical);
        db_bind_text(st, 4, sh->path);
        s = db_step(st);
        db_done(st);
        if (s == DB_ERROR) {
            rc = db_fail(d, e, "write boundaries");
            goto fail;
        }
    }
    char key[48], value[160];
    view_key(key, sizeof(key), set.kind);
    snprintf(value, sizeof(value), "%d %d %.1f %.1f %.1f %.1f", set.view.width, set.view.height, set.view.inset_x,
             set.view.inset_y, set.view.inset_w, set.view.inset_h);
    if ((rc = meta_set(d, key, value, e)) || (rc = db_commit(d, e)))
        goto fail;
    if (summary) {
        summary->kind = set.kind;
        summary->shapes = set.n;
        summary->path_bytes = set.path_bytes;
    }
    goto out;
fail:
    db_rollback(d);
out:
    arena_free(&a);
    return rc;
}

hh_err boundary_import_file(db *d, boundary_kind kind, const char *path, boundary_summary *summary, hh_error *e)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return hh_fail(e, HH_ERR_IO, "file", "%s: filen kan ikke åbnes", path);
    buf b;
    buf_init(&b, BOUNDARY_FILE_MAX);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        if (!buf_append(&b, chunk, n))
            break;
    bool failed = ferror(f) != 0;
    fclose(f);
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    hh_err rc;
    if (failed)
        rc = hh_fail(e, HH_ERR_IO, "file", "%s: filen kan ikke læses", base);
    else if (b.overflow)
        rc = hh_fail(e, HH_ERR_INPUT, "file", "%s: filen er større end %u MB", base, BOUNDARY_FILE_MAX >> 20);
    else
        rc = boundary_import(d, kind, b.data, b.len, base, summary, e);
    buf_free(&b);
    return rc;
}

static bool read_shape(db_stmt *st, arena *a, void *elem)
{
    boundary_shape *s = elem;
    s->code = arena_strdup(a, db_col_text(st, 0));
    s->name = arena_strdup(a, db_col_text(st, 1));
    s->path = arena_strdup(a, db_col_text(st, 2));
    s->object = 0;
    return true;
}

hh_err boundary_load(db *d, boundary_kind kind, arena *a, boundary_shape **out, size_t *n, hh_error *e)
{
    db_stmt *st = db_prepare(d, "SELECT code, name, path FROM boundary WHERE kind = ? ORDER BY code");
    if (!st)
        return db_fail(d, e, "read boundaries");
    db_bind_text(st, 1, boundary_kind_name(kind));
    if (db_collect(st, a, sizeof(boundary_shape), read_shape, (void **)out, n) == DB_ERROR)
        return db_fail(d, e, "read boundaries");
    return HH_OK;
}

hh_err boundary_view_load(db *d, boundary_kind kind, boundary_view *out, hh_error *e)
{
    char key[48];
    view_key(key, sizeof(key), kind);
    db_stmt *st = db_prepare(d, "SELECT value FROM meta WHERE key = ?");
    if (!st)
        return db_fail(d, e, "read boundary view");
    db_bind_text(st, 1, key);
    int s = db_step(st);
    bool ok = false;
    memset(out, 0, sizeof(*out));
    if (s == DB_ROW)
        ok = sscanf(db_col_text(st, 0), "%d %d %lf %lf %lf %lf", &out->width, &out->height, &out->inset_x,
                    &out->inset_y, &out->inset_w, &out->inset_h) == 6 &&
             out->width > 0 && out->height > 0;
    db_done(st);
    if (s == DB_ERROR)
        return db_fail(d, e, "read boundary view");
    if (!ok)
        return hh_fail(e, HH_ERR_NOTFOUND, "kind", "no %s boundaries have been imported", boundary_kind_name(kind));
    return HH_OK;
}
