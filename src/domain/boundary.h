/* boundary.h - municipality and region boundaries as ready-to-draw SVG paths.
 *
 * A user imports a boundary file (GeoJSON FeatureCollection or TopoJSON
 * Topology of Polygon/MultiPolygon features in WGS84 longitude/latitude, such
 * as DAGI's). The parser projects it once onto a plane (x = lon * cos 56°,
 * y = -lat), fits every shape of the file into one viewBox 1000 units wide,
 * simplifies each line (Douglas-Peucker, 0.5 unit) and writes compact path
 * data ("M..L..Z", integer coordinates). A map is then drawn by putting the
 * stored paths of one kind side by side in that viewBox (web/svg.h).
 *
 * Rings lying wholly east of 14° E (Bornholm, Christiansø) are moved into an
 * inset at the top right corner, as Danish maps usually do; the inset's frame
 * is part of the view so maps can draw it.
 *
 * TopoJSON lines are simplified once per arc, so neighbours keep an identical
 * shared border. Feature properties name the code (KOMKODE, komkode,
 * kommunekode, kode, code for municipalities; REGIONKODE, regionskode, kode
 * for regions) and the name (KOMNAVN, REGIONNAVN, navn, name). Several
 * features with the same code become one shape.
 *
 * Messages for users are Danish and start with the file name; objects are
 * counted from 1 in file order. */
#ifndef HELHED_BOUNDARY_H
#define HELHED_BOUNDARY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/error.h"
#include "db/db.h"

typedef enum boundary_kind {
    BOUNDARY_AUTO = 0, /* parse: decide from the properties */
    BOUNDARY_MUNICIPALITY,
    BOUNDARY_REGION,
} boundary_kind;

/* "municipality" or "region" (the value of boundary.kind); "auto" for AUTO. */
const char *boundary_kind_name(boundary_kind k);
/* Accepts "municipality"/"kommune" and "region"; false for anything else. */
bool boundary_kind_parse(const char *s, boundary_kind *out);

/* The coordinate system shared by all shapes of one kind: paths are drawn in
 * viewBox "0 0 width height". inset_w is 0 when there is no inset; otherwise
 * (inset_x, inset_y, inset_w, inset_h) is the inset's frame. */
typedef struct boundary_view {
    int width, height;
    double inset_x, inset_y, inset_w, inset_h;
} boundary_view;

typedef struct boundary_shape {
    const char *code; /* "0101" (4 digits) */
    const char *name;
    const char *path; /* SVG path data in the view's coordinates */
    size_t object;    /* parse: first object (from 1) with this code; 0 when loaded */
} boundary_shape;

typedef struct boundary_set {
    boundary_kind kind;
    boundary_shape *shapes; /* by code */
    size_t n;
    boundary_view view;
    size_t objects;    /* features or geometries read */
    size_t points_in;  /* positions read */
    size_t points_out; /* positions written to paths */
    size_t path_bytes; /* total length of all paths */
} boundary_set;

/* Parses GeoJSON or TopoJSON of len bytes (need not be NUL-terminated).
 * kind BOUNDARY_AUTO decides from the properties: a municipality key
 * (KOMKODE, komkode, kommunekode) before a region key (REGIONKODE,
 * regionskode); with only kode/code, codes 1081-1085 make regions. name is the
 * file name for messages. Everything returned lives in a. Returns
 * HH_ERR_INPUT with a Danish message naming the file, the object and, for
 * JSON syntax, line and column. */
hh_err boundary_parse(const char *data, size_t len, const char *name, boundary_kind kind, arena *a, boundary_set *out,
                      hh_error *e);

typedef struct boundary_summary {
    boundary_kind kind;
    size_t shapes;
    size_t path_bytes;
} boundary_summary;

/* Parses and replaces every boundary of the file's kind in one transaction:
 * all or nothing. Every code must exist in table municipality or region
 * ("<file>: objekt 12 har kommunekode 9999, som ikke findes"); shapes take the
 * names from those tables so the site spells them one way. summary may be
 * NULL. */
hh_err boundary_import(db *d, boundary_kind kind, const char *data, size_t len, const char *name,
                       boundary_summary *summary, hh_error *e);
/* Reads the file at path (at most BOUNDARY_FILE_MAX bytes) and imports it
 * under its base name: what `helhed import boundaries FILE` calls.
 * HH_ERR_IO when the file cannot be read. */
#define BOUNDARY_FILE_MAX (64u << 20)
hh_err boundary_import_file(db *d, boundary_kind kind, const char *path, boundary_summary *summary, hh_error *e);

/* The stored shapes of a kind, by code (none is not an error: *n = 0). */
hh_err boundary_load(db *d, boundary_kind kind, arena *a, boundary_shape **out, size_t *n, hh_error *e);
/* The view the stored shapes of a kind are drawn in; HH_ERR_NOTFOUND when
 * none have been imported. */
hh_err boundary_view_load(db *d, boundary_kind kind, boundary_view *out, hh_error *e);

#endif
