#include "http/json.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void jw_init(jw *w, buf *b)
{
    w->b = b;
    w->depth = 0;
    w->need_comma[0] = false;
}

static void before_value(jw *w)
{
    if (w->need_comma[w->depth])
        buf_putc(w->b, ',');
    w->need_comma[w->depth] = true;
}

static void open_(jw *w, char c)
{
    before_value(w);
    buf_putc(w->b, c);
    if (w->depth + 1 < JW_MAX_DEPTH)
        w->depth++;
    w->need_comma[w->depth] = false;
}

static void close_(jw *w, char c)
{
    buf_putc(w->b, c);
    if (w->depth > 0)
        w->depth--;
}

void jw_obj(jw *w)
{
    open_(w, '{');
}

void jw_obj_end(jw *w)
{
    close_(w, '}');
}

void jw_arr(jw *w)
{
    open_(w, '[');
}

void jw_arr_end(jw *w)
{
    close_(w, ']');
}

void json_escape(buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    buf_putc(b, '"');
    const char *run = s;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        /* '<' '>' '&' escaped too, so JSON is inert if ever inlined in HTML. */
        if (c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&') {
            buf_append(b, run, (size_t)(p - run));
            char esc[7];
            switch (c) {
            case '"': buf_append(b, "\\\"", 2); break;
            case '\\': buf_append(b, "\\\\", 2); break;
            case '\n': buf_append(b, "\\n", 2); break;
            case '\r': buf_append(b, "\\r", 2); break;
            case '\t': buf_append(b, "\\t", 2); break;
            default:
                memcpy(esc, "\\u00", 4);
                esc[4] = hex[c >> 4];
                esc[5] = hex[c & 15];
                buf_append(b, esc, 6);
            }
            run = p + 1;
        }
    }
    buf_append(b, run, strlen(run));
    buf_putc(b, '"');
}

void jw_key(jw *w, const char *key)
{
    before_value(w);
    json_escape(w->b, key);
    buf_putc(w->b, ':');
    /* The value that follows needs no comma. */
    w->need_comma[w->depth] = false;
}

void jw_str(jw *w, const char *s)
{
    before_value(w);
    if (s)
        json_escape(w->b, s);
    else
        buf_append(w->b, "null", 4);
}

void jw_int(jw *w, int64_t v)
{
    before_value(w);
    buf_printf(w->b, "%lld", (long long)v);
}

void jw_double(jw *w, double v)
{
    before_value(w);
    if (isfinite(v))
        buf_printf(w->b, "%.15g", v);
    else
        buf_append(w->b, "null", 4);
}

void jw_bool(jw *w, bool v)
{
    before_value(w);
    buf_puts(w->b, v ? "true" : "false");
}

void jw_null(jw *w)
{
    before_value(w);
    buf_append(w->b, "null", 4);
}

void jw_raw(jw *w, const char *json)
{
    before_value(w);
    buf_puts(w->b, json);
}

void jw_kstr(jw *w, const char *key, const char *s)
{
    jw_key(w, key);
    jw_str(w, s);
}

void jw_kint(jw *w, const char *key, int64_t v)
{
    jw_key(w, key);
    jw_int(w, v);
}

void jw_kbool(jw *w, const char *key, bool v)
{
    jw_key(w, key);
    jw_bool(w, v);
}
