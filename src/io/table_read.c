/* table_read.c - the table reader's public API, the row buffer, CSV, and
 * decimal parsing. XLSX lives in table_xlsx.c. */
#include "io/table_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/util.h"

/* ---- shared helpers ---- */

int table_fail(table_reader *r, hh_error *e, hh_err code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    r->err.code = code;
    r->err.field[0] = '\0';
    vsnprintf(r->err.msg, sizeof(r->err.msg), fmt, ap);
    va_end(ap);
    r->state = -1;
    if (e)
        *e = r->err;
    return -1;
}

char *table_rb_reserve(table_reader *r, size_t extra)
{
    if (r->rb_cap - r->rb_len < extra) {
        size_t cap = r->rb_cap ? r->rb_cap : 4096;
        while (cap - r->rb_len < extra)
            cap *= 2;
        r->rb = xrealloc(r->rb, cap);
        r->rb_cap = cap;
    }
    return r->rb + r->rb_len;
}

void table_row_begin(table_reader *r)
{
    table_rb_reserve(r, 1);
    r->rb[0] = '\0';
    r->rb_len = 1;
    r->n = 0;
}

void table_row_finish(table_reader *r, table_row *row)
{
    for (size_t i = 0; i < r->n; i++)
        r->fptr[i] = r->rb + r->off[i];
    row->line = r->line;
    row->n = r->n;
    row->field = r->fptr;
    row->len = r->flen;
}

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t';
}

/* ---- encoding ---- */

/* Windows-1252 0x80-0x9F as Unicode code points; 0 = undefined. */
static const uint16_t cp1252_hi[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* Returns the offset of the first byte of s[0..n) that does not belong to a
 * well-formed UTF-8 sequence (overlong forms, surrogates and code points
 * above U+10FFFF are ill-formed), or SIZE_MAX. NUL counts as valid here. */
static size_t utf8_invalid_at(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        /* ASCII runs, eight bytes at a time. */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t need;
        unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
        if (c >= 0xC2 && c <= 0xDF)
            need = 1;
        else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0)
                lo = 0xA0; /* overlong */
            else if (c == 0xED)
                hi = 0x9F; /* surrogates */
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else
            return i;
        if (n - i <= need || s[i + 1] < lo || s[i + 1] > hi)
            return i;
        for (size_t k = 2; k <= need; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
        i += need + 1;
    }
    return SIZE_MAX;
}

static bool utf16_suspect(const unsigned char *d, size_t len)
{
    if (len >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) || (d[0] == 0xFE && d[1] == 0xFF)))
        return true;
    return memchr(d, 0, len < 4096 ? len : 4096) != NULL;
}

/* ---- CSV ---- */

static void csv_detect_separator(table_reader *r, size_t start)
{
    const unsigned char *d = r->data;
    size_t p = start, len = r->len;
    size_t semi = 0, tab = 0, comma = 0;
    /* The first record with any content (blank lines before a header do not
     * count), outside quotes. */
    while (p < len) {
        bool inq = false, content = false;
        for (; p < len; p++) {
            unsigned char c = d[p];
            if (c == '"')
                inq = !inq;
            else if (!inq) {
                if (c == '\n' || c == '\r')
                    break;
                if (c == ';')
                    semi++;
                else if (c == '\t')
                    tab++;
                else if (c == ',')
                    comma++;
            }
            if (c != ' ' && c != '\t')
                content = true;
        }
        if (content)
            break;
        while (p < len && (d[p] == '\n' || d[p] == '\r'))
            p++;
    }
    char sep = ';';
    size_t best = semi;
    if (tab > best) {
        sep = '\t';
        best = tab;
    }
    if (comma > best)
        sep = ',';
    r->sep = sep;
    memset(r->stop, 0, sizeof(r->stop));
    r->stop[(unsigned char)sep] = 1;
    r->stop['\r'] = 1;
    r->stop['\n'] = 1;
}

static hh_err csv_open(table_reader *r, hh_error *e)
{
    const unsigned char *d = r->data;
    size_t len = r->len, start = 0;
    bool bom = len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF;
    if (!bom && utf16_suspect(d, len)) {
        table_fail(r, e, HH_ERR_INPUT,
                   "%s: filen er gemt som UTF-16; gem den som CSV UTF-8 eller CSV (semikolonsepareret)", r->name);
        return HH_ERR_INPUT;
    }
    if (bom) {
        start = 3;
        if (memchr(d + 3, 0, len - 3 < 4096 ? len - 3 : 4096)) {
            table_fail(r, e, HH_ERR_INPUT,
                       "%s: filen er gemt som UTF-16; gem den som CSV UTF-8 eller CSV (semikolonsepareret)", r->name);
            return HH_ERR_INPUT;
        }
    }
    size_t bad = utf8_invalid_at(d + start, len - start);
    const unsigned char *nul = memchr(d + start, 0, len - start);
    size_t nul_off = nul ? (size_t)(nul - d) : SIZE_MAX;
    r->bad_off = SIZE_MAX;
    if (bad == SIZE_MAX) {
        r->enc = bom ? ENC_UTF8_BOM : ENC_UTF8;
        r->bad_off = nul_off;
    } else if (bom) {
        /* Marked as UTF-8 but is not: report the first bad byte's row. */
        r->enc = ENC_UTF8_BOM;
        r->bad_off = start + bad < nul_off ? start + bad : nul_off;
    } else
        r->enc = ENC_CP1252;
    r->pos = start;
    csv_detect_separator(r, start);
    return HH_OK;
}

static int csv_bad_byte(table_reader *r, hh_error *e, unsigned char c)
{
    return table_fail(r, e, HH_ERR_INPUT,
                      "%s, række %zu: ugyldigt tegn (byte 0x%02X); forventede UTF-8 eller Windows-1252", r->name,
                      r->line, c);
}

static int csv_too_long(table_reader *r, hh_error *e, size_t col)
{
    return table_fail(r, e, HH_ERR_INPUT, "%s, række %zu, kolonne %zu: feltet er længere end %d KiB%s", r->name,
                      r->line, col + 1, TABLE_MAX_FIELD / 1024,
                      r->in_quotes ? " (mangler et citationstegn (\") til at lukke feltet?)" : "");
}

/* Appends input bytes [src, src+n) to the field that starts at fstart in the
 * row buffer, converting from Windows-1252 when needed. */
static int csv_put(table_reader *r, size_t src, size_t n, size_t fstart, size_t col, hh_error *e)
{
    size_t have = r->rb_len - fstart;
    if (n > TABLE_MAX_FIELD || have + n > TABLE_MAX_FIELD)
        return csv_too_long(r, e, col);
    const unsigned char *s = r->data + src;
    if (r->enc != ENC_CP1252) {
        if (r->bad_off < src + n)
            return csv_bad_byte(r, e, r->data[r->bad_off]);
        char *w = table_rb_reserve(r, n + 1);
        memcpy(w, s, n);
        r->rb_len += n;
        return 0;
    }
    unsigned char *w = (unsigned char *)table_rb_reserve(r, 3 * n + 1);
    unsigned char *w0 = w;
    for (size_t i = 0; i < n; i++) {
        unsigned c = s[i];
        if (c < 0x80 && c != 0) {
            *w++ = (unsigned char)c;
            continue;
        }
        unsigned cp = c;
        if (c >= 0x80 && c < 0xA0)
            cp = cp1252_hi[c - 0x80];
        if (cp == 0)
            return csv_bad_byte(r, e, (unsigned char)c);
        if (cp < 0x800) {
            *w++ = (unsigned char)(0xC0 | (cp >> 6));
            *w++ = (unsigned char)(0x80 | (cp & 0x3F));
        } else {
            *w++ = (unsigned char)(0xE0 | (cp >> 12));
            *w++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
            *w++ = (unsigned char)(0x80 | (cp & 0x3F));
        }
    }
    r->rb_len += (size_t)(w - w0);
    if (r->rb_len - fstart > TABLE_MAX_FIELD)
        return csv_too_long(r, e, col);
    return 0;
}

/* Parses a quoted field's content; *pp is just after the opening quote and
 * ends on the separator, line end or end of input that follows the field. */
static int csv_quoted(table_reader *r, size_t *pp, size_t fstart, size_t col, hh_error *e)
{
    const unsigned char *d = r->data;
    size_t p = *pp, len = r->len;
    for (;;) {
        const unsigned char *q = memchr(d + p, '"', len - p);
        if (!q)
            return table_fail(r, e, HH_ERR_INPUT, "%s, række %zu: et citationstegn (\") åbnes, men lukkes aldrig",
                              r->name, r->line);
        size_t qi = (size_t)(q - d);
        if (csv_put(r, p, qi - p, fstart, col, e) < 0)
            return -1;
        p = qi + 1;
        if (p < len && d[p] == '"') { /* "" is one quote */
            if (csv_put(r, qi, 1, fstart, col, e) < 0)
                return -1;
            p++;
            continue;
        }
        size_t t = p;
        while (t < len && is_space(d[t]) && d[t] != (unsigned char)r->sep)
            t++;
        if (t == len || d[t] == (unsigned char)r->sep || d[t] == '\r' || d[t] == '\n') {
            *pp = t;
            return 0;
        }
        /* A quote inside the text: keep it and stay quoted. */
        if (csv_put(r, qi, 1, fstart, col, e) < 0)
            return -1;
    }
}

static int csv_next(table_reader *r, table_row *row, hh_error *e)
{
    const unsigned char *d = r->data;
    const size_t len = r->len;
    const unsigned char sep = (unsigned char)r->sep;
    size_t p = r->pos;
    for (;;) {
        if (p >= len) {
            r->pos = len;
            r->state = 1;
            return 0;
        }
        r->line++;
        table_row_begin(r);
        bool blank = true;
        for (;;) {
            size_t col = r->n;
            if (col == TABLE_MAX_FIELDS)
                return table_fail(r, e, HH_ERR_INPUT, "%s, række %zu: rækken har mere end %d kolonner", r->name,
                                  r->line, TABLE_MAX_FIELDS);
            while (p < len && is_space(d[p]) && d[p] != sep)
                p++;
            size_t fstart = r->rb_len;
            if (p < len && d[p] == '"') {
                p++;
                r->in_quotes = true;
                if (csv_quoted(r, &p, fstart, col, e) < 0)
                    return -1;
                r->in_quotes = false;
                while (r->rb_len > fstart && is_space((unsigned char)r->rb[r->rb_len - 1]))
                    r->rb_len--;
                while (fstart < r->rb_len && is_space((unsigned char)r->rb[fstart]))
                    fstart++;
            } else {
                size_t s = p;
                while (p < len && !r->stop[d[p]])
                    p++;
                size_t t = p;
                while (t > s && is_space(d[t - 1]))
                    t--;
                if (t > s && csv_put(r, s, t - s, fstart, col, e) < 0)
                    return -1;
            }
            table_rb_reserve(r, 1);
            r->rb[r->rb_len] = '\0';
            r->off[col] = fstart;
            r->flen[col] = r->rb_len - fstart;
            r->rb_len++;
            r->n++;
            if (r->flen[col])
                blank = false;
            if (p >= len)
                break;
            unsigned char c = d[p++];
            if (c == sep)
                continue;
            if (c == '\r' && p < len && d[p] == '\n')
                p++;
            break;
        }
        r->pos = p;
        if (!blank) {
            table_row_finish(r, row);
            return 1;
        }
    }
}

/* ---- opening and the public API ---- */

static void set_name(table_reader *r, const char *name)
{
    if (!name || !*name)
        name = "filen";
    size_t n = strlen(name);
    if (n > TABLE_NAME_MAX) {
        n = TABLE_NAME_MAX;
        while (n > 0 && ((unsigned char)name[n] & 0xC0) == 0x80) /* do not cut a UTF-8 sequence */
            n--;
    }
    memcpy(r->name, name, n);
    r->name[n] = '\0';
}

static bool is_ole2(const unsigned char *d, size_t len)
{
    static const unsigned char sig[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
    return len >= 8 && memcmp(d, sig, 8) == 0;
}

static hh_err open_common(table_reader *r, table_reader **out, hh_error *e)
{
    hh_err rc;
    if (r->len >= 4 && memcmp(r->data, "PK\3\4", 4) == 0) {
        r->format = TABLE_XLSX;
        rc = table_xlsx_open(r, e);
    } else if (is_ole2(r->data, r->len)) {
        table_fail(r, e, HH_ERR_INPUT,
                   "%s: filen er en gammel Excel-fil (.xls) eller beskyttet med adgangskode; gem den som "
                   "Excel-projektmappe (.xlsx) uden adgangskode eller som CSV UTF-8",
                   r->name);
        rc = HH_ERR_INPUT;
    } else {
        r->format = TABLE_CSV;
        rc = csv_open(r, e);
    }
    if (rc) {
        table_close(r);
        *out = NULL;
        return rc;
    }
    *out = r;
    return HH_OK;
}

hh_err table_open_mem(const char *name, const void *data, size_t len, table_reader **out, hh_error *e)
{
    table_reader *r = xcalloc(1, sizeof(*r));
    set_name(r, name);
    r->data = data ? data : (const void *)"";
    r->len = data ? len : 0;
    return open_common(r, out, e);
}

hh_err table_open_file_as(const char *path, const char *name, table_reader **out, hh_error *e)
{
    *out = NULL;
    if (!name)
        name = path;
    table_reader *r = xcalloc(1, sizeof(*r));
    set_name(r, name);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        int err = errno;
        if (fd >= 0)
            close(fd);
        hh_fail(e, HH_ERR_IO, NULL, "%s: kan ikke åbne filen (%s)", r->name, strerror(err));
        free(r);
        return HH_ERR_IO;
    }
    if (S_ISREG(st.st_mode) && st.st_size > 0) {
        void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m != MAP_FAILED) {
            madvise(m, (size_t)st.st_size, MADV_SEQUENTIAL);
            r->map = m;
            r->map_len = (size_t)st.st_size;
            r->data = m;
            r->len = r->map_len;
        }
    }
    if (!r->map) { /* pipes, empty files, or mmap refused: read it all */
        size_t cap = 65536, n = 0;
        unsigned char *b = xmalloc(cap);
        for (;;) {
            if (n == cap)
                b = xrealloc(b, cap *= 2);
            ssize_t k = read(fd, b + n, cap - n);
            if (k < 0 && errno == EINTR)
                continue;
            if (k < 0) {
                int err = errno;
                free(b);
                close(fd);
                hh_fail(e, HH_ERR_IO, NULL, "%s: kan ikke læse filen (%s)", r->name, strerror(err));
                free(r);
                return HH_ERR_IO;
            }
            if (k == 0)
                break;
            n += (size_t)k;
        }
        r->owned = b;
        r->data = b;
        r->len = n;
    }
    close(fd);
    return open_common(r, out, e);
}

hh_err table_open_file(const char *path, table_reader **out, hh_error *e)
{
    return table_open_file_as(path, path, out, e);
}

int table_next(table_reader *r, table_row *row, hh_error *e)
{
    if (r->state < 0) {
        if (e)
            *e = r->err;
        return -1;
    }
    if (r->state > 0)
        return 0;
    return r->format == TABLE_XLSX ? table_xlsx_next(r, row, e) : csv_next(r, row, e);
}

table_format table_get_format(const table_reader *r)
{
    return r->format;
}

const char *table_name(const table_reader *r)
{
    return r->name;
}

char table_separator(const table_reader *r)
{
    return r->format == TABLE_CSV ? r->sep : '\0';
}

const char *table_encoding(const table_reader *r)
{
    if (r->format == TABLE_XLSX)
        return "XLSX";
    switch (r->enc) {
    case ENC_UTF8: return "UTF-8";
    case ENC_UTF8_BOM: return "UTF-8 med BOM";
    case ENC_CP1252: return "Windows-1252";
    }
    return "UTF-8";
}

size_t table_progress(const table_reader *r, size_t *total)
{
    if (r->format == TABLE_XLSX)
        return table_xlsx_progress(r, total);
    if (total)
        *total = r->len;
    return r->pos;
}

void table_close(table_reader *r)
{
    if (!r)
        return;
    table_xlsx_free(r);
    if (r->map)
        munmap(r->map, r->map_len);
    free(r->owned);
    free(r->rb);
    free(r);
}

/* ---- decimal numbers ---- */

/* Powers of ten that a double holds exactly. */
static const double pow10_exact[] = { 1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                      1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };

/* Checks that s[0..n) is digit groups split by mark: 1-3 digits, then
 * groups of exactly 3. */
static bool valid_groups(const char *s, size_t n, char mark)
{
    size_t run = 0;
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == mark) {
            if (run == 0 || run > 3 || (!first && run != 3))
                return false;
            first = false;
            run = 0;
        } else
            run++;
    }
    return !first && run == 3;
}

bool hh_parse_decimal(const char *s, size_t n, double *out)
{
    while (n && is_space((unsigned char)s[0])) {
        s++;
        n--;
    }
    while (n && is_space((unsigned char)s[n - 1]))
        n--;
    if (n == 0 || n > 400) /* no number anyone types is longer */
        return false;
    size_t i = 0;
    bool neg = false;
    if (s[0] == '-' || s[0] == '+') {
        neg = s[0] == '-';
        i = 1;
    }
    size_t mend = i;
    size_t ndot = 0, ncomma = 0, last_dot = 0, last_comma = 0;
    for (; mend < n && s[mend] != 'e' && s[mend] != 'E'; mend++) {
        char c = s[mend];
        if (c == '.') {
            ndot++;
            last_dot = mend;
        } else if (c == ',') {
            ncomma++;
            last_comma = mend;
        } else if (c < '0' || c > '9')
            return false;
    }
    /* Decide which mark is decimal and which groups thousands. */
    char dec = 0, grp = 0;
    size_t dec_pos = mend;
    if (ndot && ncomma) {
        dec = last_dot > last_comma ? '.' : ',';
        grp = dec == '.' ? ',' : '.';
        if ((dec == '.' ? ndot : ncomma) != 1)
            return false;
        dec_pos = dec == '.' ? last_dot : last_comma;
    } else if (ndot == 1 || ncomma == 1) {
        dec = ndot ? '.' : ',';
        dec_pos = ndot ? last_dot : last_comma;
    } else if (ndot > 1 || ncomma > 1)
        grp = ndot ? '.' : ',';
    if (grp && !valid_groups(s + i, dec_pos - i, grp))
        return false;
    if (dec && dec_pos + 1 == mend) /* "5," */
        return false;
    /* Collect the digits: mantissa m (first 19 significant), their count,
     * and the decimal exponent. */
    uint64_t m = 0;
    int sig = 0, digits = 0;
    long exp10 = 0;
    char norm[512];
    size_t k = 0;
    for (size_t j = i; j < mend; j++) {
        char c = s[j];
        if (c == grp)
            continue;
        if (c == dec)
            continue;
        digits++;
        if (j > dec_pos)
            exp10--;
        if (sig == 0 && c == '0')
            continue;
        if (sig < 19)
            m = m * 10 + (uint64_t)(c - '0');
        sig++;
        norm[k++] = c;
    }
    if (digits == 0)
        return false;
    if (mend < n) { /* exponent */
        size_t j = mend + 1;
        bool eneg = false;
        if (j < n && (s[j] == '-' || s[j] == '+')) {
            eneg = s[j] == '-';
            j++;
        }
        if (j == n)
            return false;
        long ev = 0;
        for (; j < n; j++) {
            if (s[j] < '0' || s[j] > '9')
                return false;
            if (ev < 100000)
                ev = ev * 10 + (s[j] - '0');
        }
        exp10 += eneg ? -ev : ev;
    }
    double v;
    if (sig == 0)
        v = 0.0;
    else if (sig <= 15 && exp10 >= -22 && exp10 <= 22) /* exact operands, one rounding */
        v = exp10 < 0 ? (double)m / pow10_exact[-exp10] : (double)m * pow10_exact[exp10];
    else {
        snprintf(norm + k, sizeof(norm) - k, "e%ld", exp10);
        v = strtod(norm, NULL);
    }
    if (!isfinite(v))
        return false;
    *out = neg ? -v : v;
    return true;
}
