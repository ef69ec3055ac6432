/* table_xlsx.c - the XLSX side of the table reader: a zip reader over the
 * central directory (stored and deflate entries, CRC and size checked, the
 * total inflated size capped), and expat handlers for the workbook, its
 * relationships, the shared strings and the first worksheet. The worksheet
 * is parsed as a stream: the parser suspends at every </row> and resumes on
 * the next table_next(), so memory stays flat whatever the sheet's size. */
#define ZLIB_CONST
#include "io/table_impl.h"

#include <expat.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "core/str.h"
#include "core/util.h"

#define CHUNK 65536
#define XLSX_MAX_ROW 1048576

/* ---- zip ---- */

typedef struct zent {
    const unsigned char *name;
    size_t name_len;
    unsigned method, flags;
    uint32_t crc;
    size_t csize, usize, lho;
} zent;

typedef struct zstream {
    const zent *ent;
    const char *part; /* entry name, NUL-terminated, for messages */
    const unsigned char *src;
    size_t src_len, used;
    z_stream z;
    bool z_init;
    size_t out;
    uint32_t crc;
    bool eof;
} zstream;

typedef enum cell_type { CT_NUM, CT_SST, CT_TEXT } cell_type;

struct xlsx_state {
    table_reader *r;
    zent *ent;
    size_t nent;
    size_t inflated; /* bytes inflated from all entries so far */
    size_t declared; /* their declared sizes */

    /* Shared strings: string i is sst[sst_off[i] .. sst_off[i+1]). A string
     * kept at TABLE_MAX_FIELD + 1 bytes was longer (an error if used). */
    char *sst;
    size_t sst_len, sst_cap;
    uint32_t *sst_off;
    size_t sst_n, sst_off_cap;

    /* Text being collected: a shared string, or a cell's value. */
    char *txt;
    size_t txt_len;
    bool txt_on, txt_over;
    int rph; /* depth inside <rPh> (phonetic runs, not part of the text) */
    bool in_si;

    /* workbook.xml and its relationships */
    char rid[128];
    char sheet_target[512];
    char sst_target[512];
    bool have_rid;

    /* the worksheet */
    XML_Parser cur; /* parser whose handlers are running */
    XML_Parser xp;
    zstream zs;
    bool zs_open, suspended, sheet_done, failed;
    bool in_data, in_row, in_cell, in_is;
    size_t row_no;
    size_t next_col, col;
    cell_type ct;
};

static uint16_t rd16(const unsigned char *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static int corrupt(table_reader *r, hh_error *e, const char *why)
{
    return table_fail(r, e, HH_ERR_INPUT, "%s: filen ligner en XLSX-fil, men kan ikke læses (%s)", r->name, why);
}

static int corrupt_part(table_reader *r, hh_error *e, const char *why, const char *part)
{
    return table_fail(r, e, HH_ERR_INPUT, "%s: filen ligner en XLSX-fil, men kan ikke læses (%s %s)", r->name, why,
                      part);
}

static int too_big(table_reader *r, hh_error *e)
{
    return table_fail(r, e, HH_ERR_INPUT, "%s: filen ligner en XLSX-fil, men fylder over %zu MiB udpakket og afvises",
                      r->name, TABLE_XLSX_MAX_INFLATED >> 20);
}

static int zip_directory(table_reader *r, hh_error *e)
{
    xlsx_state *x = r->x;
    const unsigned char *d = r->data;
    size_t len = r->len;
    if (len < 22)
        return corrupt(r, e, "zip-arkivet er afkortet");
    /* The end-of-central-directory record: 22 bytes plus a comment of at
     * most 65535, searched from the end. */
    size_t lo = len - 22 > 65535 ? len - 22 - 65535 : 0;
    size_t eocd = SIZE_MAX;
    for (size_t i = len - 22 + 1; i-- > lo;) {
        if (rd32(d + i) == 0x06054b50) {
            eocd = i;
            break;
        }
    }
    if (eocd == SIZE_MAX)
        return corrupt(r, e, "zip-arkivets indholdsfortegnelse mangler; filen er nok afkortet");
    unsigned disk = rd16(d + eocd + 4), cd_disk = rd16(d + eocd + 6);
    size_t n_disk = rd16(d + eocd + 8), n = rd16(d + eocd + 10);
    size_t cd_size = rd32(d + eocd + 12), cd_off = rd32(d + eocd + 16);
    if (n == 0xFFFF || cd_size == 0xFFFFFFFF || cd_off == 0xFFFFFFFF ||
        (eocd >= 20 && rd32(d + eocd - 20) == 0x07064b50))
        return corrupt(r, e, "zip64-formatet understøttes ikke");
    if (disk != 0 || cd_disk != 0 || n_disk != n)
        return corrupt(r, e, "zip-arkivet er delt over flere filer");
    if (n > TABLE_XLSX_MAX_ENTRIES)
        return table_fail(r, e, HH_ERR_INPUT, "%s: filen ligner en XLSX-fil, men indeholder for mange dele (over %d)",
                          r->name, TABLE_XLSX_MAX_ENTRIES);
    if (cd_off > eocd || cd_size > eocd - cd_off)
        return corrupt(r, e, "zip-arkivets indholdsfortegnelse er ødelagt");
    x->ent = xcalloc(n ? n : 1, sizeof(zent));
    size_t p = cd_off, end = cd_off + cd_size;
    for (size_t i = 0; i < n; i++) {
        if (end - p < 46 || rd32(d + p) != 0x02014b50)
            return corrupt(r, e, "zip-arkivets indholdsfortegnelse er ødelagt");
        zent *z = &x->ent[i];
        z->flags = rd16(d + p + 8);
        z->method = rd16(d + p + 10);
        z->crc = rd32(d + p + 16);
        z->csize = rd32(d + p + 20);
        z->usize = rd32(d + p + 24);
        size_t nlen = rd16(d + p + 28), xlen = rd16(d + p + 30), clen = rd16(d + p + 32);
        z->lho = rd32(d + p + 42);
        if (end - p - 46 < nlen + xlen + clen)
            return corrupt(r, e, "zip-arkivets indholdsfortegnelse er ødelagt");
        if (z->csize == 0xFFFFFFFF || z->usize == 0xFFFFFFFF || z->lho == 0xFFFFFFFF)
            return corrupt(r, e, "zip64-formatet understøttes ikke");
        z->name = d + p + 46;
        z->name_len = nlen;
        p += 46 + nlen + xlen + clen;
        x->nent = i + 1;
    }
    return 0;
}

static const zent *zip_find(const xlsx_state *x, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < x->nent; i++)
        if (x->ent[i].name_len == n && memcmp(x->ent[i].name, name, n) == 0)
            return &x->ent[i];
    for (size_t i = 0; i < x->nent; i++) /* Windows tools are careless about case */
        if (x->ent[i].name_len == n && strncasecmp((const char *)x->ent[i].name, name, n) == 0)
            return &x->ent[i];
    return NULL;
}

static int zs_begin(table_reader *r, zstream *s, const zent *z, const char *part, hh_error *e)
{
    const unsigned char *d = r->data;
    memset(s, 0, sizeof(*s));
    s->ent = z;
    s->part = part;
    if ((z->flags & 0x41) || z->method == 99)
        return table_fail(r, e, HH_ERR_INPUT,
                          "%s: filen er beskyttet med adgangskode (krypteret); gem den uden adgangskode", r->name);
    if (z->method != 0 && z->method != 8)
        return corrupt_part(r, e, "ukendt komprimering af", part);
    /* Zip bombs: the declared sizes of what is read must fit under the cap
     * (and zs_read holds every entry to its declared size). */
    if (z->usize > TABLE_XLSX_MAX_INFLATED - r->x->declared)
        return too_big(r, e);
    r->x->declared += z->usize;
    if (z->lho > r->len || r->len - z->lho < 30 || rd32(d + z->lho) != 0x04034b50)
        return corrupt_part(r, e, "ødelagt zip-hoved for", part);
    size_t data = z->lho + 30 + rd16(d + z->lho + 26) + rd16(d + z->lho + 28);
    if (data > r->len || r->len - data < z->csize)
        return corrupt_part(r, e, "afkortet", part);
    if (z->method == 0 && z->csize != z->usize)
        return corrupt_part(r, e, "ødelagt", part);
    s->src = d + data;
    s->src_len = z->csize;
    if (z->method == 8) {
        if (inflateInit2(&s->z, -MAX_WBITS) != Z_OK)
            hh_fatal("zlib: inflateInit2 failed");
        s->z_init = true;
    }
    return 0;
}

static void zs_end(zstream *s)
{
    if (s->z_init)
        inflateEnd(&s->z);
    s->z_init = false;
}

/* Reads the next bytes of an entry into out (cap <= CHUNK); *got > 0
 * unless the entry has ended (s->eof). */
static int zs_read(table_reader *r, zstream *s, unsigned char *out, size_t cap, size_t *got, hh_error *e)
{
    xlsx_state *x = r->x;
    *got = 0;
    if (s->eof)
        return 0;
    if (s->ent->method == 0) {
        size_t k = s->src_len - s->used < cap ? s->src_len - s->used : cap;
        memcpy(out, s->src + s->used, k);
        s->used += k;
        *got = k;
        s->eof = s->used == s->src_len;
    } else {
        for (;;) {
            size_t avail = s->src_len - s->used;
            uInt ain = avail > UINT_MAX ? UINT_MAX : (uInt)avail;
            s->z.next_in = s->src + s->used;
            s->z.avail_in = ain;
            s->z.next_out = out;
            s->z.avail_out = (uInt)cap;
            int zr = inflate(&s->z, Z_NO_FLUSH);
            s->used += ain - s->z.avail_in;
            *got = cap - s->z.avail_out;
            if (zr == Z_STREAM_END) {
                s->eof = true;
                break;
            }
            if (zr != Z_OK && zr != Z_BUF_ERROR)
                return corrupt_part(r, e, "ødelagte komprimerede data i", s->part);
            if (*got > 0)
                break;
            if (s->used == s->src_len)
                return corrupt_part(r, e, "afkortet", s->part);
        }
    }
    s->out += *got;
    x->inflated += *got;
    if (s->out > s->ent->usize)
        return corrupt_part(r, e, "forkert størrelse på", s->part);
    if (x->inflated > TABLE_XLSX_MAX_INFLATED)
        return too_big(r, e);
    s->crc = (uint32_t)crc32(s->crc, out, (uInt)*got);
    if (s->eof && (s->out != s->ent->usize || s->crc != s->ent->crc))
        return corrupt_part(r, e, "kontrolsummen passer ikke for", s->part);
    return 0;
}

/* ---- XML helpers ---- */

static const char *local_name(const char *name)
{
    const char *c = strrchr(name, ':');
    return c ? c + 1 : name;
}

static const char *attr(const XML_Char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(local_name(atts[i]), name) == 0)
            return atts[i + 1];
    return NULL;
}

/* A handler's failure: r->err is already set. */
static void stop_failed(xlsx_state *x)
{
    x->failed = true;
    XML_StopParser(x->cur, XML_FALSE);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
                               int has_internal)
{
    xlsx_state *x = ud;
    corrupt(x->r, NULL, "den indeholder en DOCTYPE-erklæring");
    stop_failed(x);
}

static void txt_reset(xlsx_state *x)
{
    x->txt_len = 0;
    x->txt_over = false;
    x->txt[0] = '\0';
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int n)
{
    xlsx_state *x = ud;
    if (!x->txt_on || n <= 0)
        return;
    size_t k = (size_t)n;
    if (k > TABLE_MAX_FIELD + 1 - x->txt_len) {
        k = TABLE_MAX_FIELD + 1 - x->txt_len;
        x->txt_over = true;
    }
    memcpy(x->txt + x->txt_len, s, k);
    x->txt_len += k;
    x->txt[x->txt_len] = '\0';
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Decodes OOXML's escapes "_xHHHH_" (control characters; "_x005F_" is a
 * literal '_') in place and returns the new length. */
static size_t unescape_ooxml(char *s, size_t n)
{
    const char *u = n >= 7 ? memchr(s, '_', n) : NULL;
    if (!u)
        return n;
    size_t w = (size_t)(u - s);
    for (size_t i = w; i < n;) {
        if (s[i] == '_' && n - i >= 7 && s[i + 1] == 'x' && s[i + 6] == '_') {
            int a = hexval(s[i + 2]), b = hexval(s[i + 3]), c = hexval(s[i + 4]), d = hexval(s[i + 5]);
            unsigned cp = a < 0 || b < 0 || c < 0 || d < 0 ? 0 : (unsigned)((a << 12) | (b << 8) | (c << 4) | d);
            if (cp != 0 && (cp < 0xD800 || cp > 0xDFFF)) {
                if (cp < 0x80)
                    s[w++] = (char)cp;
                else if (cp < 0x800) {
                    s[w++] = (char)(0xC0 | (cp >> 6));
                    s[w++] = (char)(0x80 | (cp & 0x3F));
                } else {
                    s[w++] = (char)(0xE0 | (cp >> 12));
                    s[w++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                    s[w++] = (char)(0x80 | (cp & 0x3F));
                }
                i += 7;
                continue;
            }
        }
        s[w++] = s[i++];
    }
    return w;
}

/* Runs a whole entry through a fresh parser with x's handlers. */
static int xml_part(table_reader *r, const zent *z, const char *part, XML_StartElementHandler start,
                    XML_EndElementHandler end, hh_error *e)
{
    xlsx_state *x = r->x;
    XML_Parser p = XML_ParserCreate(NULL);
    if (!p)
        hh_fatal("expat: out of memory");
    XML_SetUserData(p, x);
    XML_SetElementHandler(p, start, end);
    XML_SetCharacterDataHandler(p, on_text);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
    x->cur = p;
    x->failed = false;
    zstream s;
    int rc = zs_begin(r, &s, z, part, e);
    while (rc == 0) {
        void *b = XML_GetBuffer(p, CHUNK);
        if (!b)
            hh_fatal("expat: out of memory");
        size_t got;
        rc = zs_read(r, &s, b, CHUNK, &got, e);
        if (rc < 0)
            break;
        if (XML_ParseBuffer(p, (int)got, s.eof) != XML_STATUS_OK) {
            if (!x->failed) {
                char why[128];
                snprintf(why, sizeof why, "ugyldig XML i linje %lu af", (unsigned long)XML_GetCurrentLineNumber(p));
                corrupt_part(r, NULL, why, part);
            }
            rc = -1;
            break;
        }
        if (s.eof)
            break;
    }
    zs_end(&s);
    XML_ParserFree(p);
    x->cur = NULL;
    if (rc < 0 && e)
        *e = r->err;
    return rc;
}

/* ---- workbook.xml and workbook.xml.rels ---- */

static void XMLCALL wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    xlsx_state *x = ud;
    if (x->have_rid || strcmp(local_name(name), "sheet") != 0)
        return;
    /* r:id, whatever the relationships namespace's prefix is */
    for (size_t i = 0; atts[i]; i += 2) {
        if (strchr(atts[i], ':') && strcmp(local_name(atts[i]), "id") == 0) {
            hh_strlcpy(x->rid, atts[i + 1], sizeof(x->rid));
            x->have_rid = true;
            return;
        }
    }
}

static void XMLCALL no_end(void *ud, const XML_Char *name)
{
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    xlsx_state *x = ud;
    if (strcmp(local_name(name), "Relationship") != 0)
        return;
    const char *id = attr(atts, "Id"), *type = attr(atts, "Type"), *target = attr(atts, "Target");
    if (!target)
        return;
    if (x->have_rid && id && strcmp(id, x->rid) == 0)
        hh_strlcpy(x->sheet_target, target, sizeof(x->sheet_target));
    else if (type && ends_with(type, "/sharedStrings") && !x->sst_target[0])
        hh_strlcpy(x->sst_target, target, sizeof(x->sst_target));
}

/* Turns a relationship target (relative to xl/, or absolute from the
 * package root) into an entry name, resolving "." and "..". */
static void resolve_target(const char *target, char *out, size_t cap)
{
    char tmp[600];
    if (target[0] == '/')
        snprintf(tmp, sizeof tmp, "%s", target + 1);
    else
        snprintf(tmp, sizeof tmp, "xl/%s", target);
    size_t w = 0;
    out[0] = '\0';
    for (const char *p = tmp; *p;) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if (n == 0 || (n == 1 && p[0] == '.')) {
            /* skip */
        } else if (n == 2 && p[0] == '.' && p[1] == '.') {
            while (w > 0 && out[w - 1] != '/')
                w--;
            if (w > 0)
                w--;
        } else if (w + 1 + n < cap) {
            if (w > 0)
                out[w++] = '/';
            memcpy(out + w, p, n);
            w += n;
        }
        out[w] = '\0';
        p += n;
        if (*p == '/')
            p++;
    }
}

/* ---- sharedStrings.xml ---- */

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    xlsx_state *x = ud;
    const char *ln = local_name(name);
    if (strcmp(ln, "si") == 0) {
        x->in_si = true;
        x->rph = 0;
        txt_reset(x);
    } else if (strcmp(ln, "rPh") == 0)
        x->rph++;
    else if (strcmp(ln, "t") == 0 && x->in_si && x->rph == 0)
        x->txt_on = true;
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
    xlsx_state *x = ud;
    const char *ln = local_name(name);
    if (strcmp(ln, "t") == 0)
        x->txt_on = false;
    else if (strcmp(ln, "rPh") == 0)
        x->rph--;
    else if (strcmp(ln, "si") == 0 && x->in_si) {
        x->in_si = false;
        size_t n = x->txt_over ? x->txt_len : unescape_ooxml(x->txt, x->txt_len);
        if (!x->sst || x->sst_cap - x->sst_len < n) { /* allocated even for "" */
            size_t cap = x->sst_cap ? x->sst_cap : 65536;
            while (cap - x->sst_len < n)
                cap *= 2;
            x->sst = xrealloc(x->sst, cap);
            x->sst_cap = cap;
        }
        if (n)
            memcpy(x->sst + x->sst_len, x->txt, n);
        x->sst_len += n;
        if (x->sst_n + 2 > x->sst_off_cap) {
            x->sst_off_cap = x->sst_off_cap ? 2 * x->sst_off_cap : 1024;
            x->sst_off = xrealloc(x->sst_off, x->sst_off_cap * sizeof(uint32_t));
        }
        if (x->sst_n == 0)
            x->sst_off[0] = 0;
        x->sst_n++;
        x->sst_off[x->sst_n] = (uint32_t)x->sst_len; /* sst_len <= the 1 GiB inflate cap */
    }
}

/* ---- the worksheet ---- */

/* Column index from a reference such as "AB12" (A = 0). */
static bool ref_col(const char *ref, size_t *col)
{
    size_t c = 0;
    int k = 0;
    for (; *ref >= 'A' && *ref <= 'Z'; ref++) {
        if (++k > 3)
            return false;
        c = c * 26 + (size_t)(*ref - 'A' + 1);
    }
    if (k == 0 || c > 16384)
        return false;
    *col = c - 1;
    return true;
}

/* Numbers stored with more digits than Excel shows (0.1 + 0.2 is stored as
 * 0.30000000000000004) are rounded to the 15 significant digits it shows. */
static size_t number_text(const char *s, size_t n, char *out, size_t cap)
{
    size_t sig = 0;
    bool lead = true;
    for (size_t i = 0; i < n && s[i] != 'e' && s[i] != 'E'; i++) {
        if (s[i] >= '1' && s[i] <= '9')
            lead = false;
        if (s[i] >= '0' && s[i] <= '9' && !lead)
            sig++;
    }
    if (sig <= 15 || n >= 64)
        return SIZE_MAX;
    char tmp[64];
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    char *end;
    double v = strtod(tmp, &end);
    if (end != tmp + n || !isfinite(v))
        return SIZE_MAX;
    int k = snprintf(out, cap, "%.15g", v);
    return k > 0 && (size_t)k < cap ? (size_t)k : SIZE_MAX;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

static void cell_fail(xlsx_state *x, const char *what)
{
    table_reader *r = x->r;
    table_fail(r, NULL, HH_ERR_INPUT, "%s, række %zu, kolonne %zu: %s", r->name, r->line, x->col + 1, what);
    stop_failed(x);
}

static void cell_end(xlsx_state *x)
{
    table_reader *r = x->r;
    const char *v = x->txt;
    size_t n = x->txt_len;
    char num[40];
    if (x->ct == CT_SST) {
        while (n && is_space(v[n - 1]))
            n--;
        while (n && is_space(*v)) {
            v++;
            n--;
        }
        int64_t i;
        if (n == 0)
            return;
        if (!hh_parse_int64(v, n, &i) || i < 0 || (uint64_t)i >= x->sst_n) {
            cell_fail(x, "cellen henviser til en tekst, der ikke findes (filen er ødelagt)");
            return;
        }
        v = x->sst + x->sst_off[i];
        n = x->sst_off[i + 1] - x->sst_off[i];
    } else if (x->txt_over)
        n = TABLE_MAX_FIELD + 1;
    else if (x->ct == CT_TEXT)
        n = unescape_ooxml(x->txt, n);
    else {
        size_t k = number_text(v, n, num, sizeof num);
        if (k != SIZE_MAX) {
            v = num;
            n = k;
        }
    }
    while (n && is_space(v[n - 1]))
        n--;
    while (n && is_space(*v)) {
        v++;
        n--;
    }
    if (n == 0)
        return;
    if (n > TABLE_MAX_FIELD) {
        cell_fail(x, "feltet er længere end 64 KiB");
        return;
    }
    if (x->col >= TABLE_MAX_FIELDS) {
        table_fail(r, NULL, HH_ERR_INPUT, "%s, række %zu: rækken har mere end %d kolonner", r->name, r->line,
                   TABLE_MAX_FIELDS);
        stop_failed(x);
        return;
    }
    if (x->col < r->n) {
        cell_fail(x, "cellerne står i forkert rækkefølge (filen er ødelagt)");
        return;
    }
    for (size_t i = r->n; i < x->col; i++) {
        r->off[i] = 0;
        r->flen[i] = 0;
    }
    char *w = table_rb_reserve(r, n + 1);
    memcpy(w, v, n);
    w[n] = '\0';
    r->off[x->col] = r->rb_len;
    r->flen[x->col] = n;
    r->rb_len += n + 1;
    r->n = x->col + 1;
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    xlsx_state *x = ud;
    table_reader *r = x->r;
    const char *ln = local_name(name);
    if (!x->in_data) {
        if (strcmp(ln, "sheetData") == 0)
            x->in_data = true;
        return;
    }
    if (strcmp(ln, "row") == 0) {
        const char *rs = attr(atts, "r");
        int64_t v;
        if (rs && hh_parse_int64(rs, strlen(rs), &v) && v >= 1 && v <= XLSX_MAX_ROW)
            x->row_no = (size_t)v;
        else
            x->row_no++;
        r->line = x->row_no;
        table_row_begin(r);
        x->in_row = true;
        x->in_cell = false;
        x->next_col = 0;
    } else if (strcmp(ln, "c") == 0 && x->in_row) {
        const char *ref = attr(atts, "r"), *t = attr(atts, "t");
        if (!ref || !ref_col(ref, &x->col))
            x->col = x->next_col;
        x->next_col = x->col + 1;
        x->ct = !t || strcmp(t, "n") == 0 ? CT_NUM : strcmp(t, "s") == 0 ? CT_SST : CT_TEXT;
        x->in_cell = true;
        x->in_is = false;
        x->rph = 0;
        txt_reset(x);
    } else if (!x->in_cell)
        return;
    else if (strcmp(ln, "v") == 0)
        x->txt_on = true;
    else if (strcmp(ln, "is") == 0)
        x->in_is = true;
    else if (strcmp(ln, "rPh") == 0)
        x->rph++;
    else if (strcmp(ln, "t") == 0 && x->in_is && x->rph == 0)
        x->txt_on = true;
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
    xlsx_state *x = ud;
    table_reader *r = x->r;
    if (!x->in_data)
        return;
    const char *ln = local_name(name);
    if (strcmp(ln, "v") == 0 || strcmp(ln, "t") == 0)
        x->txt_on = false;
    else if (strcmp(ln, "is") == 0)
        x->in_is = false;
    else if (strcmp(ln, "rPh") == 0)
        x->rph--;
    else if (strcmp(ln, "c") == 0) {
        if (x->in_cell) {
            x->in_cell = false;
            x->txt_on = false;
            cell_end(x);
        }
    } else if (strcmp(ln, "row") == 0) {
        if (x->in_row && r->n > 0 && !x->failed)
            XML_StopParser(x->cur, XML_TRUE); /* a row for table_next() */
        x->in_row = false;
    } else if (strcmp(ln, "sheetData") == 0)
        x->in_data = false;
}

/* ---- opening, reading, closing ---- */

hh_err table_xlsx_open(table_reader *r, hh_error *e)
{
    xlsx_state *x = xcalloc(1, sizeof(*x));
    r->x = x;
    x->r = r;
    x->txt = xmalloc(TABLE_MAX_FIELD + 2);
    txt_reset(x);
    if (zip_directory(r, e) < 0)
        return HH_ERR_INPUT;

    /* The first sheet in workbook order, through the relationships. */
    char path[600];
    const zent *sheet = NULL, *z;
    if ((z = zip_find(x, "xl/workbook.xml")) && xml_part(r, z, "xl/workbook.xml", wb_start, no_end, e) < 0)
        return HH_ERR_INPUT;
    if ((z = zip_find(x, "xl/_rels/workbook.xml.rels")) &&
        xml_part(r, z, "xl/_rels/workbook.xml.rels", rels_start, no_end, e) < 0)
        return HH_ERR_INPUT;
    if (x->sheet_target[0]) {
        resolve_target(x->sheet_target, path, sizeof path);
        sheet = zip_find(x, path);
    }
    if (!sheet)
        sheet = zip_find(x, "xl/worksheets/sheet1.xml");
    if (!sheet) {
        corrupt(r, e, "der er intet regneark i den");
        return HH_ERR_INPUT;
    }

    resolve_target(x->sst_target[0] ? x->sst_target : "sharedStrings.xml", path, sizeof path);
    if ((z = zip_find(x, path)) && xml_part(r, z, "xl/sharedStrings.xml", sst_start, sst_end, e) < 0)
        return HH_ERR_INPUT;

    x->xp = XML_ParserCreate(NULL);
    if (!x->xp)
        hh_fatal("expat: out of memory");
    XML_SetUserData(x->xp, x);
    XML_SetElementHandler(x->xp, sheet_start, sheet_end);
    XML_SetCharacterDataHandler(x->xp, on_text);
    XML_SetStartDoctypeDeclHandler(x->xp, on_doctype);
    x->cur = x->xp;
    x->failed = false;
    x->txt_on = false;
    x->rph = 0;
    if (zs_begin(r, &x->zs, sheet, "regnearket", e) < 0)
        return HH_ERR_INPUT;
    x->zs_open = true;
    return HH_OK;
}

int table_xlsx_next(table_reader *r, table_row *row, hh_error *e)
{
    xlsx_state *x = r->x;
    for (;;) {
        enum XML_Status st;
        if (x->suspended) {
            x->suspended = false;
            st = XML_ResumeParser(x->xp);
        } else if (x->sheet_done) {
            r->state = 1;
            return 0;
        } else {
            void *b = XML_GetBuffer(x->xp, CHUNK);
            if (!b)
                hh_fatal("expat: out of memory");
            size_t got;
            if (zs_read(r, &x->zs, b, CHUNK, &got, e) < 0)
                return -1;
            st = XML_ParseBuffer(x->xp, (int)got, x->zs.eof);
            if (x->zs.eof)
                x->sheet_done = true;
        }
        if (st == XML_STATUS_ERROR) {
            if (!x->failed) {
                char why[128];
                snprintf(why, sizeof why, "ugyldig XML i linje %lu af", (unsigned long)XML_GetCurrentLineNumber(x->xp));
                corrupt_part(r, NULL, why, "regnearket");
            }
            r->state = -1;
            if (e)
                *e = r->err;
            return -1;
        }
        if (st == XML_STATUS_SUSPENDED) {
            x->suspended = true;
            table_row_finish(r, row);
            return 1;
        }
    }
}

size_t table_xlsx_progress(const table_reader *r, size_t *total)
{
    const xlsx_state *x = r->x;
    size_t t = x && x->zs_open ? x->zs.src_len : 0;
    if (total)
        *total = t;
    return x && x->zs_open ? x->zs.used : 0;
}

void table_xlsx_free(table_reader *r)
{
    xlsx_state *x = r->x;
    if (!x)
        return;
    if (x->xp)
        XML_ParserFree(x->xp);
    zs_end(&x->zs);
    free(x->ent);
    free(x->sst);
    free(x->sst_off);
    free(x->txt);
    free(x);
    r->x = NULL;
}
