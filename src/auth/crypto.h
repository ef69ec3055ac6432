/* crypto.h - the few primitives accounts need, all from libsodium. */
#ifndef HELHED_CRYPTO_H
#define HELHED_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>

#define HH_TOKEN_BYTES 32
#define HH_TOKEN_CHARS 44 /* base64url of 32 bytes, no padding: 43 + NUL */
#define HH_HASH_HEX 65    /* BLAKE2b-256 as hex + NUL */

/* Must be called once before any other function here (main does). */
bool crypto_init(void);
/* 32 random bytes as base64url without padding into out[HH_TOKEN_CHARS]. */
void crypto_random_token(char out[HH_TOKEN_CHARS]);
/* BLAKE2b-256 of data as lower-case hex into out[HH_HASH_HEX]. */
void crypto_hash_hex(const void *data, size_t len, char out[HH_HASH_HEX]);
/* Constant-time comparison of two NUL-terminated strings. */
bool crypto_str_equal(const char *a, const char *b);

#endif
