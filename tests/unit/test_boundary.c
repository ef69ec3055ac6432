/* Boundaries: GeoJSON and TopoJSON parsing, projection and simplification,
 * the real DAGI files when shared/ is beside the source, and import into a
 * database (replace, all or nothing). Runs on SQLite by default; with the
 * argument "postgres" on the throwaway server of tests/with-postgres.sh. */
#include "cm.h"
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/embed.h"
#include "db/migrate.h"
#include "domain/boundary.h"

static db_kind kind = DB_SQLITE;
static char tmpdir[] = "/tmp/helhed-test-boundary.XXXXXX";
static int seq;

/* Copenhagen with a hole (Frederiksberg), Frederiksberg with the code as a
 * number, and two more islands for København under the short code "101". */
static const char geojson[] = "{\"type\":\"FeatureCollection\",\"features\":["
                              "{\"type\":\"Feature\",\"properties\":{\"KOMKODE\":\"0101\",\"KOMNAVN\":\"Kbh\"},"
                              "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":["
                              "[[12.50,55.60],[12.70,55.60],[12.70,55.75],[12.50,55.75],[12.50,55.60]],"
                              "[[12.55,55.65],[12.60,55.65],[12.60,55.70],[12.55,55.70],[12.55,55.65]]]}},"
                              "{\"type\":\"Feature\",\"properties\":{\"KOMKODE\":147,\"KOMNAVN\":\"Frederiksberg\"},"
                              "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                              "[[[12.55,55.65],[12.60,55.65],[12.60,55.70],[12.55,55.70],[12.55,55.65]]]}},"
                              "{\"type\":\"Feature\",\"properties\":{\"KOMKODE\":\"101\",\"KOMNAVN\":\"Kbh\"},"
                              "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":["
                              "[[[12.72,55.60],[12.78,55.60],[12.78,55.66],[12.72,55.60]]],"
                              "[[[12.40,55.60],[12.45,55.60],[12.45,55.64],[12.40,55.60]]]]}}"
                              "]}";

/* Two squares sharing arc 0 (the right one uses it reversed, ~0 = -1) and a
 * MultiPolygon of two single-arc islands; quantized and delta-encoded. */
static const char topo_quantized[] =
    "{\"type\":\"Topology\",\"transform\":{\"scale\":[0.5,0.25],\"translate\":[10,55]},"
    "\"arcs\":[[[1,0],[0,1]],[[1,1],[-1,0],[0,-1],[1,0]],[[1,0],[1,0],[0,1],[-1,0]],"
    "[[3,0],[1,0],[0,1],[-1,0],[0,-1]],[[3,2],[1,0],[0,1],[-1,0],[0,-1]]],"
    "\"objects\":{\"kommuner\":{\"type\":\"GeometryCollection\",\"geometries\":["
    "{\"type\":\"Polygon\",\"properties\":{\"kode\":\"0101\",\"navn\":\"A\"},\"arcs\":[[0,1]]},"
    "{\"type\":\"Polygon\",\"properties\":{\"kode\":\"0147\",\"navn\":\"B\"},\"arcs\":[[2,-1]]},"
    "{\"type\":\"MultiPolygon\",\"properties\":{\"kode\":\"0151\",\"navn\":\"C\"},\"arcs\":[[[3]],[[4]]]}"
    "]}}}";

/* The same topology, not quantized. */
static const char topo_plain[] =
    "{\"type\":\"Topology\","
    "\"arcs\":[[[10.5,55],[10.5,55.25]],[[10.5,55.25],[10,55.25],[10,55],[10.5,55]],"
    "[[10.5,55],[11,55],[11,55.25],[10.5,55.25]],"
    "[[11.5,55],[12,55],[12,55.25],[11.5,55.25],[11.5,55]],"
    "[[11.5,55.5],[12,55.5],[12,55.75],[11.5,55.75],[11.5,55.5]]],"
    "\"objects\":{\"kommuner\":{\"type\":\"GeometryCollection\",\"geometries\":["
    "{\"type\":\"Polygon\",\"properties\":{\"kode\":\"0101\",\"navn\":\"A\"},\"arcs\":[[0,1]]},"
    "{\"type\":\"Polygon\",\"properties\":{\"kode\":\"0147\",\"navn\":\"B\"},\"arcs\":[[2,-1]]},"
    "{\"type\":\"MultiPolygon\",\"properties\":{\"kode\":\"0151\",\"navn\":\"C\"},\"arcs\":[[[3]],[[4]]]}"
    "]}}}";

static size_t count(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* Path data holds only M, L, Z, digits and spaces, starts with M and ends
 * with Z; every coordinate lies within (x0, y0)-(x1, y1). */
static void assert_path_within(const char *d, double x0, double y0, double x1, double y1)
{
    assert_true(strspn(d, "MLZ0123456789 ") == strlen(d));
    if (!*d)
        return;
    assert_int_equal(d[0], 'M');
    assert_int_equal(d[strlen(d) - 1], 'Z');
    const char *p = d;
    while (*p) {
        if (*p == 'M' || *p == 'L') {
            char *end;
            double x = strtod(p + 1, &end);
            double y = strtod(end, &end);
            if (x < x0 || x > x1 || y < y0 || y > y1)
                fail_msg("point %g %g outside %g %g %g %g", x, y, x0, y0, x1, y1);
            p = end;
        } else {
            p++;
        }
    }
}

/* The smallest area of a ring in path data (square viewBox units), and the
 * number of rings. */
static double min_ring_area(const char *d, size_t *rings)
{
    double min = 1e300, sum = 0, x0 = 0, y0 = 0, px = 0, py = 0;
    *rings = 0;
    for (const char *p = d; *p;) {
        char c = *p;
        if (c == 'M' || c == 'L') {
            char *end;
            double x = strtod(p + 1, &end), y = strtod(end, &end);
            if (c == 'M') {
                x0 = x;
                y0 = y;
                sum = 0;
            } else {
                sum += px * y - x * py;
            }
            px = x;
            py = y;
            p = end;
        } else if (c == 'Z') {
            sum += px * y0 - x0 * py;
            double area = (sum < 0 ? -sum : sum) / 2;
            if (area < min)
                min = area;
            ++*rings;
            p++;
        } else {
            p++;
        }
    }
    return min;
}

static const boundary_shape *find(const boundary_set *s, const char *code)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->shapes[i].code, code) == 0)
            return &s->shapes[i];
    return NULL;
}

static hh_err parse(const char *json, boundary_kind k, arena *a, boundary_set *s, hh_error *e)
{
    return boundary_parse(json, strlen(json), "t.json", k, a, s, e);
}

static void test_geojson(void **state)
{
    arena a;
    arena_init(&a);
    boundary_set s;
    hh_error e;
    assert_int_equal(parse(geojson, BOUNDARY_AUTO, &a, &s, &e), HH_OK);
    assert_int_equal(s.kind, BOUNDARY_MUNICIPALITY);
    assert_int_equal(s.n, 2);
    assert_int_equal(s.objects, 3);
    assert_int_equal(s.view.width, 1000);
    assert_true(s.view.height > 100 && s.view.height < 1000);
    assert_true(s.view.inset_w == 0);
    /* Sorted by code, codes zero-padded, same codes merged. */
    assert_string_equal(s.shapes[0].code, "0101");
    assert_string_equal(s.shapes[0].name, "Kbh");
    assert_int_equal(s.shapes[0].object, 1);
    assert_string_equal(s.shapes[1].code, "0147");
    assert_int_equal(s.shapes[1].object, 2);
    assert_int_equal(count(s.shapes[0].path, "M"), 4); /* outer, hole, two islands */
    assert_int_equal(count(s.shapes[1].path, "M"), 1);
    size_t total = 0;
    for (size_t i = 0; i < s.n; i++) {
        assert_path_within(s.shapes[i].path, 0, 0, s.view.width, s.view.height);
        total += strlen(s.shapes[i].path);
    }
    assert_int_equal(total, s.path_bytes);
    /* The hole and Frederiksberg are the same square, drawn alike. */
    const char *hole = strstr(s.shapes[0].path, "ZM") + 1;
    assert_memory_equal(hole, s.shapes[1].path, strlen(s.shapes[1].path));
    arena_free(&a);
}

static void test_topojson(void **state)
{
    arena a;
    arena_init(&a);
    boundary_set q, p;
    hh_error e;
    assert_int_equal(parse(topo_quantized, BOUNDARY_AUTO, &a, &q, &e), HH_OK);
    assert_int_equal(q.kind, BOUNDARY_MUNICIPALITY); /* "kode" outside 1081-1085 */
    assert_int_equal(q.n, 3);
    assert_int_equal(parse(topo_plain, BOUNDARY_AUTO, &a, &p, &e), HH_OK);
    assert_int_equal(p.n, 3);
    /* Quantized or not, the same shapes. */
    assert_int_equal(q.view.height, p.view.height);
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(q.shapes[i].code, p.shapes[i].code);
        assert_string_equal(q.shapes[i].path, p.shapes[i].path);
        assert_path_within(q.shapes[i].path, 0, 0, q.view.width, q.view.height);
    }
    const boundary_shape *left = find(&q, "0101"), *right = find(&q, "0147"), *multi = find(&q, "0151");
    assert_string_equal(left->name, "A");
    /* Four corners each; a reversed arc read forwards would add a spike. */
    assert_int_equal(count(left->path, "L"), 3);
    assert_int_equal(count(right->path, "L"), 3);
    /* Both start on the shared arc's first point: (10.5, 55) is the bottom
     * of the shared edge, at x = 4 + 0.5 * cos 56° * scale. */
    const char *sp = strchr(left->path, 'L');
    assert_memory_equal(left->path, right->path, (size_t)(sp - left->path));
    assert_int_equal(count(multi->path, "M"), 2);
    arena_free(&a);
}

static void test_kinds(void **state)
{
    arena a;
    arena_init(&a);
    boundary_set s;
    hh_error e;
    static const char region[] = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                                 "\"properties\":{\"REGIONKODE\":\"1084\",\"REGIONNAVN\":\"Region Hovedstaden\"},"
                                 "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                                 "[[[12,55],[13,55],[13,56],[12,55]]]}}]}";
    assert_int_equal(parse(region, BOUNDARY_AUTO, &a, &s, &e), HH_OK);
    assert_int_equal(s.kind, BOUNDARY_REGION);
    assert_string_equal(s.shapes[0].code, "1084");
    assert_string_equal(s.shapes[0].name, "Region Hovedstaden");
    /* kode alone: 1081-1085 are regions. */
    static const char kode[] =
        "{\"type\":\"Feature\",\"properties\":{\"kode\":1085,\"navn\":\"Sjælland\"},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[11,55],[12,55],[12,56],[11,55]]]}}";
    assert_int_equal(parse(kode, BOUNDARY_AUTO, &a, &s, &e), HH_OK);
    assert_int_equal(s.kind, BOUNDARY_REGION);
    assert_string_equal(s.shapes[0].code, "1085");
    /* A municipality file that also carries regionskode (as DAGI's does)
     * is a municipality file, unless the region kind is asked for. */
    static const char both[] =
        "{\"type\":\"Feature\",\"properties\":{\"kommunekode\":\"0101\",\"regionskode\":\"1084\",\"navn\":\"K\"},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[12,55],[13,55],[13,56],[12,55]]]}}";
    assert_int_equal(parse(both, BOUNDARY_AUTO, &a, &s, &e), HH_OK);
    assert_int_equal(s.kind, BOUNDARY_MUNICIPALITY);
    assert_string_equal(s.shapes[0].code, "0101");
    assert_int_equal(parse(both, BOUNDARY_REGION, &a, &s, &e), HH_OK);
    assert_string_equal(s.shapes[0].code, "1084");
    boundary_kind k;
    assert_true(boundary_kind_parse("region", &k) && k == BOUNDARY_REGION);
    assert_true(boundary_kind_parse("municipality", &k) && k == BOUNDARY_MUNICIPALITY);
    assert_false(boundary_kind_parse("county", &k));
    assert_string_equal(boundary_kind_name(BOUNDARY_REGION), "region");
    arena_free(&a);
}

static void assert_parse_error(const char *json, const char *expect)
{
    arena a;
    arena_init(&a);
    boundary_set s;
    hh_error e;
    assert_int_equal(parse(json, BOUNDARY_AUTO, &a, &s, &e), HH_ERR_INPUT);
    if (!strstr(e.msg, expect))
        fail_msg("message '%s' lacks '%s'", e.msg, expect);
    assert_int_equal(s.n, 0);
    arena_free(&a);
}

#define FEATURE(props, geom) "{\"type\":\"Feature\",\"properties\":" props ",\"geometry\":" geom "}"
#define SQUARE "{\"type\":\"Polygon\",\"coordinates\":[[[12,55],[13,55],[13,56],[12,55]]]}"

static void test_errors(void **state)
{
    assert_parse_error("{\"type\":\"FeatureCollection\",\n\"features\":[", "t.json: ugyldig JSON i linje 2, kolonne");
    assert_parse_error("{\"type\":\"Feature\",\"type\":\"Feature\"}", "ugyldig JSON i linje 1");
    assert_parse_error("{\"type\":\"Point\",\"coordinates\":[1,2]}", "t.json: filen er hverken GeoJSON");
    assert_parse_error("[]", "hverken GeoJSON");
    assert_parse_error("{\"type\":\"FeatureCollection\",\"features\":[]}", "t.json: filen indeholder ingen objekter");
    assert_parse_error("{\"type\":\"FeatureCollection\",\"features\":[" FEATURE(
                           "{\"KOMKODE\":\"0101\"}", SQUARE) "," FEATURE("{\"navn\":\"x\"}", SQUARE) "]}",
                       "t.json: objekt 2 har ingen kommunekode");
    assert_parse_error(FEATURE("{\"KOMKODE\":\"12345\"}", SQUARE), "objekt 1 har en ugyldig kommunekode: \"12345\"");
    assert_parse_error(FEATURE("{\"KOMKODE\":\"01a1\"}", SQUARE), "ugyldig kommunekode");
    assert_parse_error(FEATURE("{\"KOMKODE\":0}", SQUARE), "ugyldig kommunekode: 0");
    assert_parse_error(FEATURE("{\"KOMKODE\":1.5}", SQUARE), "ugyldig kommunekode");
    assert_parse_error(FEATURE("{\"KOMKODE\":\"0101\"}", "{\"type\":\"Point\",\"coordinates\":[12,55]}"),
                       "objekt 1 har geometritypen Point; kun Polygon og MultiPolygon");
    assert_parse_error(FEATURE("{\"KOMKODE\":\"0101\"}", "null"), "objekt 1 har ingen geometri");
    assert_parse_error(FEATURE("{\"KOMKODE\":\"0101\"}", "{\"type\":\"Polygon\",\"coordinates\":"
                                                         "[[[720000,6170000],[721000,6170000],[721000,6171000]]]}"),
                       "som ikke er længde og bredde i WGS84");
    assert_parse_error(FEATURE("{\"KOMKODE\":\"0101\"}", "{\"type\":\"Polygon\",\"coordinates\":"
                                                         "[[[12,55],[13,\"x\"],[13,56]]]}"),
                       "objekt 1 har en position, som ikke er [længde, bredde]");
    assert_parse_error(FEATURE("{\"KOMKODE\":\"0101\"}", "{\"type\":\"Polygon\",\"coordinates\":[[[12,55],[12,55]]]}"),
                       "ingen polygoner");
    /* TopoJSON: arcs out of range, a bad transform, bad arc contents. */
    assert_parse_error("{\"type\":\"Topology\",\"arcs\":[[[10,55],[11,55]]],\"objects\":{\"k\":{\"type\":\"Polygon\","
                       "\"properties\":{\"kode\":\"0101\"},\"arcs\":[[0,7]]}}}",
                       "objekt 1 henviser til bue 7, men filen har kun 1 buer");
    assert_parse_error("{\"type\":\"Topology\",\"arcs\":[[[10,55],[11,55]]],\"objects\":{\"k\":{\"type\":\"Polygon\","
                       "\"properties\":{\"kode\":\"0101\"},\"arcs\":[[-3]]}}}",
                       "henviser til bue -3");
    assert_parse_error("{\"type\":\"Topology\",\"transform\":{\"scale\":[1]},\"arcs\":[],\"objects\":{}}",
                       "\"transform\" skal have scale og translate");
    assert_parse_error("{\"type\":\"Topology\",\"arcs\":[[[10,55],[11]]],\"objects\":{\"k\":{\"type\":\"Polygon\","
                       "\"properties\":{\"kode\":\"0101\"},\"arcs\":[[0]]}}}",
                       "bue 0 har en position, som ikke er to tal");
    assert_parse_error("{\"type\":\"Topology\",\"arcs\":[[[10,55],[11,95]]],\"objects\":{\"k\":{\"type\":\"Polygon\","
                       "\"properties\":{\"kode\":\"0101\"},\"arcs\":[[0]]}}}",
                       "bue 0 har koordinaten (11, 95)");
    assert_parse_error("{\"type\":\"Topology\",\"arcs\":[],\"objects\":{\"k\":{\"type\":\"Polygon\","
                       "\"properties\":{\"kode\":\"0101\"},\"arcs\":[[\"a\"]]}}}",
                       "henviser til buen \"a\", som ikke er et heltal");
    assert_parse_error(FEATURE("{\"KOMKODE\":\"0101\"}", "{\"type\":\"Polygon\",\"coordinates\":"
                                                         "[[[12,55],[12,55],[12,55],[12,55]]]}"),
                       "figurerne har ingen udstrækning");
}

static void test_simplify_and_inset(void **state)
{
    /* A square of 400 positions along its edges simplifies to its corners; a
     * tiny island beside it is dropped; a shape east of 14° E goes into the
     * inset at the top right. */
    char *json = malloc(64 * 1024);
    size_t n = (size_t)snprintf(json, 64 * 1024,
                                "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                                "\"properties\":{\"KOMKODE\":\"0751\"},\"geometry\":{\"type\":\"MultiPolygon\","
                                "\"coordinates\":[[[");
    for (int side = 0; side < 4; side++)
        for (int i = 0; i < 100; i++) {
            double t = i / 100.0, x = side == 0 ? t : side == 1 ? 1 : side == 2 ? 1 - t : 0;
            double y = side == 0 ? 0 : side == 1 ? t : side == 2 ? 1 : 1 - t;
            n += (size_t)snprintf(json + n, 64 * 1024 - n, "[%.4f,%.4f],", 8 + 4 * x, 55 + 2.5 * y);
        }
    n += (size_t)snprintf(json + n, 64 * 1024 - n,
                          "[8,55]]],[[[11.5,57.5],[11.5001,57.5],[11.5001,57.5001],[11.5,57.5]]]");
    /* Islands of about one square unit: those under 1 are dropped. */
    for (int i = 0; i < 60; i++) {
        double x = 12.3 + 0.0137 * (i % 10), y = 56.0 + 0.0121 * (i / 10), w = 0.001 + 0.00005 * i;
        n += (size_t)snprintf(json + n, 64 * 1024 - n, ",[[[%.5f,%.5f],[%.5f,%.5f],[%.5f,%.5f],[%.5f,%.5f]]]", x, y,
                              x + 2 * w, y, x + w, y + w, x, y);
    }
    n += (size_t)snprintf(json + n, 64 * 1024 - n,
                          "]}},"
                          "{\"type\":\"Feature\",\"properties\":{\"KOMKODE\":\"0400\"},\"geometry\":"
                          "{\"type\":\"Polygon\",\"coordinates\":[[[14.7,55.0],[15.1,55.0],[15.1,55.3],[14.7,55.0]]]}}"
                          "]}");
    arena a;
    arena_init(&a);
    boundary_set s;
    hh_error e;
    assert_int_equal(boundary_parse(json, n, "t.json", BOUNDARY_AUTO, &a, &s, &e), HH_OK);
    const boundary_shape *big = find(&s, "0751"), *east = find(&s, "0400");
    assert_int_equal(s.points_in, 401 + 4 + 60 * 4 + 4);
    /* The square keeps its corners; of the islands only those of at least
     * one square unit are left. */
    assert_memory_equal(big->path, "M4 ", 3);
    size_t rings;
    assert_true(min_ring_area(big->path, &rings) >= 1.0);
    assert_true(rings > 1 && rings < 61);
    const char *island = strchr(big->path, 'Z');
    assert_int_equal(count(big->path, "L") - count(island, "L"), 3);
    assert_true(s.view.inset_w > 0 && s.view.inset_h > 0);
    assert_path_within(east->path, s.view.inset_x, s.view.inset_y, s.view.inset_x + s.view.inset_w,
                       s.view.inset_y + s.view.inset_h);
    /* The inset sits at the top right, inside the view. */
    assert_true(s.view.inset_x + s.view.inset_w <= s.view.width && s.view.inset_y < 10);
    assert_path_within(big->path, 0, 0, s.view.width, s.view.height);
    free(json);
    arena_free(&a);
}

/* shared/data beside the source tree, if it is there. */
static const char *shared_file(const char *name, char *out, size_t n)
{
    const char *dir = getenv("HELHED_SHARED_DATA");
    char def[2048];
    if (!dir) {
        const char *src = getenv("HELHED_SOURCE_DIR");
        if (!src)
            return NULL;
        snprintf(def, sizeof(def), "%s/../shared/data", src);
        dir = def;
    }
    if ((size_t)snprintf(out, n, "%.2000s/geo/%s", dir, name) >= n)
        return NULL;
    return access(out, R_OK) == 0 ? out : NULL;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *d = malloc((size_t)n);
    assert_int_equal(fread(d, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return d;
}

static void test_real_files(void **state)
{
    char path[4096];
    if (!shared_file("dagi_kommuner_2014.topojson", path, sizeof(path))) {
        print_message("shared data not found (HELHED_SHARED_DATA): skipping the real boundary files\n");
        skip();
    }
    size_t len;
    char *data = slurp(path, &len);
    arena a;
    arena_init(&a);
    boundary_set s;
    hh_error e;
    if (boundary_parse(data, len, "dagi_kommuner_2014.topojson", BOUNDARY_AUTO, &a, &s, &e))
        fail_msg("%s", e.msg);
    free(data);
    assert_int_equal(s.kind, BOUNDARY_MUNICIPALITY);
    assert_true(s.n == 98 || s.n == 99);
    assert_non_null(find(&s, "0101"));
    assert_non_null(find(&s, "0860"));
    assert_true(s.path_bytes < 150 * 1024);
    assert_int_equal(s.view.width, 1000);
    assert_true(s.view.inset_w > 0); /* Bornholm */
    for (size_t i = 0; i < s.n; i++) {
        size_t rings;
        double min = min_ring_area(s.shapes[i].path, &rings);
        assert_true(rings == 1 || min >= 1.0); /* a lone small ring is kept */
        assert_true(strlen(s.shapes[i].name) > 0);
        assert_true(strlen(s.shapes[i].path) > 10);
        assert_path_within(s.shapes[i].path, 0, 0, s.view.width, s.view.height);
    }
    print_message("municipalities: %zu shapes, %zu -> %zu points, %zu bytes of paths, view %dx%d\n", s.n, s.points_in,
                  s.points_out, s.path_bytes, s.view.width, s.view.height);
    if (shared_file("dagi_regioner_2014.topojson", path, sizeof(path))) {
        data = slurp(path, &len);
        boundary_set r;
        if (boundary_parse(data, len, "dagi_regioner_2014.topojson", BOUNDARY_AUTO, &a, &r, &e))
            fail_msg("%s", e.msg);
        free(data);
        assert_int_equal(r.kind, BOUNDARY_REGION);
        assert_int_equal(r.n, 5);
        assert_true(r.path_bytes < 100 * 1024);
        /* The same extent, so both kinds share one view. */
        assert_int_equal(r.view.width, s.view.width);
        assert_int_equal(r.view.height, s.view.height);
        print_message("regions: %zu shapes, %zu bytes of paths\n", r.n, r.path_bytes);
    }
    arena_free(&a);
}

/* ---- database ---- */

/* A new database with the schema. */
static db *fresh(void)
{
    db *d = testdb_fresh(kind, tmpdir, "boundary", ++seq);
    hh_error e;
    if (migrate_run(d, &embed_migrations, NULL, &e))
        fail_msg("%s", e.msg);
    return d;
}

static int64_t query(db *d, const char *sql)
{
    int64_t n = -1;
    assert_true(db_query_int64(d, sql, &n));
    return n;
}

static hh_err import(db *d, boundary_kind k, const char *json, const char *name, hh_error *e)
{
    return boundary_import(d, k, json, strlen(json), name, NULL, e);
}

static void test_import(void **state)
{
    db *d = fresh();
    hh_error e;
    int64_t v0 = query(d, "SELECT version FROM data_version WHERE grp = 'boundary'");
    boundary_summary sum;
    assert_int_equal(boundary_import(d, BOUNDARY_AUTO, geojson, strlen(geojson), "kommuner.geojson", &sum, &e), HH_OK);
    assert_int_equal(sum.kind, BOUNDARY_MUNICIPALITY);
    assert_int_equal(sum.shapes, 2);
    assert_true(sum.path_bytes > 0);
    assert_int_equal(query(d, "SELECT COUNT(*) FROM boundary WHERE kind = 'municipality'"), 2);
    assert_true(query(d, "SELECT version FROM data_version WHERE grp = 'boundary'") > v0);

    arena a;
    arena_init(&a);
    boundary_shape *sh;
    size_t n;
    assert_int_equal(boundary_load(d, BOUNDARY_MUNICIPALITY, &a, &sh, &n, &e), HH_OK);
    assert_int_equal(n, 2);
    assert_string_equal(sh[0].code, "0101");
    assert_string_equal(sh[0].name, "København"); /* the site's spelling, not the file's "Kbh" */
    assert_string_equal(sh[1].code, "0147");
    assert_int_equal(sh[0].object, 0);
    boundary_view view;
    assert_int_equal(boundary_view_load(d, BOUNDARY_MUNICIPALITY, &view, &e), HH_OK);
    assert_int_equal(view.width, 1000);
    assert_true(view.height > 0);
    assert_int_equal(boundary_view_load(d, BOUNDARY_REGION, &view, &e), HH_ERR_NOTFOUND);
    assert_int_equal(boundary_load(d, BOUNDARY_REGION, &a, &sh, &n, &e), HH_OK);
    assert_int_equal(n, 0);

    /* A new file replaces every shape of its kind. */
    assert_int_equal(import(d, BOUNDARY_MUNICIPALITY, topo_quantized, "topo.json", &e), HH_OK);
    assert_int_equal(query(d, "SELECT COUNT(*) FROM boundary WHERE kind = 'municipality'"), 3);
    static const char only_one[] = "{\"type\":\"FeatureCollection\",\"features\":[" FEATURE(
        "{\"KOMKODE\":\"0101\"}", "{\"type\":\"Polygon\",\"coordinates\":[[[12,55],[13,55],[13,56],[12,55]]]}") "]}";
    assert_int_equal(import(d, BOUNDARY_MUNICIPALITY, only_one, "en.geojson", &e), HH_OK);
    assert_int_equal(query(d, "SELECT COUNT(*) FROM boundary WHERE kind = 'municipality'"), 1);
    assert_int_equal(boundary_view_load(d, BOUNDARY_MUNICIPALITY, &view, &e), HH_OK);
    int height = view.height;

    /* All or nothing: an unknown code in object 3 leaves the previous shapes. */
    static const char bad[] =
        "{\"type\":\"FeatureCollection\",\"features\":[" FEATURE("{\"KOMKODE\":\"0101\"}", SQUARE) "," FEATURE(
            "{\"KOMKODE\":\"0147\"}", SQUARE) "," FEATURE("{\"KOMKODE\":\"9999\"}", SQUARE) "]}";
    assert_int_equal(import(d, BOUNDARY_MUNICIPALITY, bad, "bad.geojson", &e), HH_ERR_INPUT);
    assert_string_equal(e.msg, "bad.geojson: objekt 3 har kommunekode 9999, som ikke findes");
    assert_int_equal(query(d, "SELECT COUNT(*) FROM boundary WHERE kind = 'municipality'"), 1);
    assert_int_equal(boundary_view_load(d, BOUNDARY_MUNICIPALITY, &view, &e), HH_OK);
    assert_int_equal(view.height, height);
    assert_false(db_in_transaction(d));
    /* A parse error changes nothing either. */
    assert_int_equal(import(d, BOUNDARY_MUNICIPALITY, "{", "x.json", &e), HH_ERR_INPUT);
    assert_int_equal(query(d, "SELECT COUNT(*) FROM boundary"), 1);

    /* Regions live beside municipalities. */
    static const char regions[] = "{\"type\":\"FeatureCollection\",\"features\":[" FEATURE(
        "{\"REGIONKODE\":\"1084\"}", SQUARE) "," FEATURE("{\"REGIONKODE\":\"1085\"}", SQUARE) "]}";
    assert_int_equal(import(d, BOUNDARY_AUTO, regions, "r.geojson", &e), HH_OK);
    assert_int_equal(query(d, "SELECT COUNT(*) FROM boundary WHERE kind = 'region'"), 2);
    assert_int_equal(query(d, "SELECT COUNT(*) FROM boundary WHERE kind = 'municipality'"), 1);
    assert_int_equal(boundary_load(d, BOUNDARY_REGION, &a, &sh, &n, &e), HH_OK);
    assert_string_equal(sh[1].name, "Region Sjælland");
    static const char bad_region[] = FEATURE("{\"REGIONKODE\":1090}", SQUARE);
    assert_int_equal(import(d, BOUNDARY_AUTO, bad_region, "r.geojson", &e), HH_ERR_INPUT);
    assert_string_equal(e.msg, "r.geojson: objekt 1 har regionskode 1090, som ikke findes");
    assert_int_equal(query(d, "SELECT COUNT(*) FROM boundary WHERE kind = 'region'"), 2);
    arena_free(&a);
    db_close(d);
}

static void test_import_file(void **state)
{
    db *d = fresh();
    hh_error e;
    char path[512];
    snprintf(path, sizeof(path), "%s/kommuner.geojson", tmpdir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(geojson, f);
    fclose(f);
    boundary_summary sum;
    assert_int_equal(boundary_import_file(d, BOUNDARY_AUTO, path, &sum, &e), HH_OK);
    assert_int_equal(sum.shapes, 2);
    snprintf(path, sizeof(path), "%s/broken.json", tmpdir);
    f = fopen(path, "w");
    fputs("{\"type\":", f);
    fclose(f);
    assert_int_equal(boundary_import_file(d, BOUNDARY_AUTO, path, NULL, &e), HH_ERR_INPUT);
    assert_non_null(strstr(e.msg, "broken.json: ugyldig JSON i linje 1, kolonne"));
    assert_null(strstr(e.msg, tmpdir)); /* the base name only */
    snprintf(path, sizeof(path), "%s/missing.json", tmpdir);
    assert_int_equal(boundary_import_file(d, BOUNDARY_AUTO, path, NULL, &e), HH_ERR_IO);
    assert_int_equal(query(d, "SELECT COUNT(*) FROM boundary"), 2);
    db_close(d);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "postgres") == 0) {
        if (!getenv("HELHED_TEST_PG")) {
            fprintf(stderr, "test_boundary postgres: HELHED_TEST_PG is not set (run under tests/with-postgres.sh)\n");
            return 1;
        }
        kind = DB_POSTGRES;
    }
    if (!mkdtemp(tmpdir))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_geojson), cmocka_unit_test(test_topojson),           cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_errors),  cmocka_unit_test(test_simplify_and_inset), cmocka_unit_test(test_real_files),
        cmocka_unit_test(test_import),  cmocka_unit_test(test_import_file),
    };
    int rc =
        cmocka_run_group_tests_name(kind == DB_SQLITE ? "boundary/sqlite" : "boundary/postgres", tests, NULL, NULL);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
    if (system(cmd) != 0)
        rc = rc ? rc : 1;
    return rc;
}
