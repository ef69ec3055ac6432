/* json.h - a small streaming JSON writer into a buf.
 *
 * Responses are written directly rather than built as a jansson tree: the
 * API's hot paths (lists of municipalities, key-figure series) then cost one
 * pass and no per-value allocation. jansson is used for parsing requests. */
#ifndef HELHED_JSON_H
#define HELHED_JSON_H

#include <stdbool.h>
#include <stdint.h>

#include "core/buf.h"

#define JW_MAX_DEPTH 32

typedef struct jw {
    buf *b;
    int depth;
    bool need_comma[JW_MAX_DEPTH];
} jw;

void jw_init(jw *w, buf *b);
void jw_obj(jw *w);     /* { */
void jw_obj_end(jw *w); /* } */
void jw_arr(jw *w);     /* [ */
void jw_arr_end(jw *w); /* ] */
void jw_key(jw *w, const char *key);
void jw_str(jw *w, const char *s); /* NULL writes null */
void jw_int(jw *w, int64_t v);
void jw_double(jw *w, double v); /* non-finite writes null */
void jw_bool(jw *w, bool v);
void jw_null(jw *w);
/* A value that is already valid JSON text (a stored snapshot), as is. */
void jw_raw(jw *w, const char *json);

/* Convenience: key + value. */
void jw_kstr(jw *w, const char *key, const char *s);
void jw_kint(jw *w, const char *key, int64_t v);
void jw_kbool(jw *w, const char *key, bool v);

/* Appends s as a JSON string literal (with quotes) to b. */
void json_escape(buf *b, const char *s);

#endif
