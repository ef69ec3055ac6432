/* embed.h - files compiled into the binary by tools/embed.c at build time:
 * web assets (web/), SQL migrations (src/db/migrations/) and the OpenAPI
 * document's components (src/web/openapi/). */
#ifndef HELHED_EMBED_H
#define HELHED_EMBED_H

#include <stddef.h>

typedef struct embed_file {
    const char *name; /* path relative to the embedded folder, e.g. "style.css" */
    const unsigned char *data;
    size_t len;
    const char *ctype; /* Content-Type */
    const char *etag;  /* quoted strong ETag from the content hash */
} embed_file;

typedef struct embed_dir {
    const embed_file *files; /* sorted by name */
    size_t count;
} embed_dir;

extern const embed_dir embed_web;
extern const embed_dir embed_migrations;
extern const embed_dir embed_openapi; /* src/web/openapi/: the API document's components */

/* Binary search by name (n bytes, not NUL-terminated); NULL if absent. */
const embed_file *embed_find(const embed_dir *d, const char *name, size_t n);

#endif
