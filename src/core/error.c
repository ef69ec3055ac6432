#include "error.h"

#include <stdarg.h>
#include <stdio.h>

#include "util.h"

hh_err hh_fail(hh_error *e, hh_err code, const char *field, const char *fmt, ...)
{
    if (!e)
        return code;
    e->code = code;
    hh_strlcpy(e->field, field ? field : "", sizeof(e->field));
    e->rule[0] = '\0';
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
    va_end(ap);
    return code;
}

hh_err hh_fail_rule(hh_error *e, hh_err code, const char *rule, const char *field, const char *fmt, ...)
{
    if (!e)
        return code;
    e->code = code;
    hh_strlcpy(e->field, field ? field : "", sizeof(e->field));
    hh_strlcpy(e->rule, rule ? rule : "", sizeof(e->rule));
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
    va_end(ap);
    return code;
}

void hh_error_clear(hh_error *e)
{
    e->code = HH_OK;
    e->field[0] = '\0';
    e->rule[0] = '\0';
    e->msg[0] = '\0';
}
