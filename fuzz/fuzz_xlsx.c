/* fuzz_xlsx - the XLSX reader. An input that starts like a zip is read as
 * it is (the zip layer); any other input is wrapped into a minimal zip, so
 * the fuzzer reaches the XML handlers directly: the bytes after the first
 * are the worksheet XML, up to a NUL, then the shared strings XML; the first
 * byte's low bit stores the entries deflated instead of stored. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "fuzz_table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct zbuf {
    uint8_t *p;
    size_t n;
} zbuf;

static void put(zbuf *b, const void *src, size_t n)
{
    memcpy(b->p + b->n, src, n);
    b->n += n;
}

static void put16(zbuf *b, unsigned v)
{
    uint8_t t[2] = { (uint8_t)v, (uint8_t)(v >> 8) };
    put(b, t, 2);
}

static void put32(zbuf *b, uint32_t v)
{
    uint8_t t[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
    put(b, t, 4);
}

/* Raw deflate of src into a new buffer; NULL if it fails. */
static uint8_t *deflate_raw(const uint8_t *src, size_t n, size_t *out_n)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return NULL;
    size_t cap = deflateBound(&z, (uLong)n);
    uint8_t *out = malloc(cap);
    z.next_in = (Bytef *)src;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    int rc = deflate(&z, Z_FINISH);
    *out_n = cap - z.avail_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END) {
        free(out);
        return NULL;
    }
    return out;
}

static void wrap_and_read(const uint8_t *data, size_t size)
{
    int method = size > 0 && (data[0] & 1) ? 8 : 0;
    const uint8_t *body = size > 0 ? data + 1 : data;
    size_t body_n = size > 0 ? size - 1 : 0;
    const uint8_t *nul = memchr(body, 0, body_n);
    const char *names[2] = { "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml" };
    const uint8_t *part[2] = { body, nul ? nul + 1 : NULL };
    size_t part_n[2] = { nul ? (size_t)(nul - body) : body_n, nul ? body_n - (size_t)(nul - body) - 1 : 0 };
    size_t count = nul ? 2 : 1;

    uint8_t *packed[2] = { NULL, NULL };
    size_t packed_n[2] = { 0, 0 };
    size_t cap = 256;
    for (size_t i = 0; i < count; i++) {
        if (method == 8)
            packed[i] = deflate_raw(part[i], part_n[i], &packed_n[i]);
        if (!packed[i])
            packed_n[i] = part_n[i];
        cap += 2 * (46 + strlen(names[i])) + packed_n[i];
    }
    zbuf b = { malloc(cap), 0 };
    uint32_t offset[2], crc[2];
    for (size_t i = 0; i < count; i++) {
        unsigned m = packed[i] ? 8 : 0;
        crc[i] = (uint32_t)crc32(0, part[i], (uInt)part_n[i]);
        offset[i] = (uint32_t)b.n;
        put32(&b, 0x04034b50);
        put16(&b, 20);
        put16(&b, 0);
        put16(&b, m);
        put32(&b, 0);
        put32(&b, crc[i]);
        put32(&b, (uint32_t)packed_n[i]);
        put32(&b, (uint32_t)part_n[i]);
        put16(&b, (unsigned)strlen(names[i]));
        put16(&b, 0);
        put(&b, names[i], strlen(names[i]));
        put(&b, packed[i] ? packed[i] : part[i], packed_n[i]);
    }
    size_t cd = b.n;
    for (size_t i = 0; i < count; i++) {
        put32(&b, 0x02014b50);
        put16(&b, 20);
        put16(&b, 20);
        put16(&b, 0);
        put16(&b, packed[i] ? 8 : 0);
        put32(&b, 0);
        put32(&b, crc[i]);
        put32(&b, (uint32_t)packed_n[i]);
        put32(&b, (uint32_t)part_n[i]);
        put16(&b, (unsigned)strlen(names[i]));
        put16(&b, 0);
        put16(&b, 0);
        put16(&b, 0);
        put16(&b, 0);
        put32(&b, 0);
        put32(&b, offset[i]);
        put(&b, names[i], strlen(names[i]));
    }
    uint32_t cd_size = (uint32_t)(b.n - cd);
    put32(&b, 0x06054b50);
    put16(&b, 0);
    put16(&b, 0);
    put16(&b, (unsigned)count);
    put16(&b, (unsigned)count);
    put32(&b, cd_size);
    put32(&b, (uint32_t)cd);
    put16(&b, 0);
    fuzz_read_table(b.p, b.n);
    free(b.p);
    free(packed[0]);
    free(packed[1]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= 4 && memcmp(data, "PK\3\4", 4) == 0)
        fuzz_read_table(data, size);
    else
        wrap_and_read(data, size);
    return 0;
}
