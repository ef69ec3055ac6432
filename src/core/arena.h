/* arena.h - region allocator for per-request and per-command memory.
 *
 * Everything allocated from an arena is released at once by arena_free()
 * (h2o's mem pool). Allocation never fails (aborts on out-of-memory). */
#ifndef HELHED_ARENA_H
#define HELHED_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct arena_chunk arena_chunk;

typedef struct arena {
    arena_chunk *head;
    size_t total; /* bytes handed out, for limits and diagnostics */
} arena;

void arena_init(arena *a);
/* Frees every chunk; the arena can be reused afterwards. */
void arena_free(arena *a);
void *arena_alloc(arena *a, size_t n);
void *arena_zalloc(arena *a, size_t n);
/* Returns a new block of new_size bytes holding the first used bytes of p
 * (arena arrays grow by copying; the old block is reclaimed with the arena). */
void *arena_grow(arena *a, const void *p, size_t used, size_t new_size);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena *a, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

#endif
