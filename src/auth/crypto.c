#include "auth/crypto.h"

#include <sodium.h>
#include <string.h>

bool crypto_init(void)
{
    return sodium_init() >= 0;
}

void crypto_random_token(char out[HH_TOKEN_CHARS])
{
    unsigned char raw[HH_TOKEN_BYTES];
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2base64(out, HH_TOKEN_CHARS, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof(raw));
}

void crypto_hash_hex(const void *data, size_t len, char out[HH_HASH_HEX])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof(h), data, len, NULL, 0);
    sodium_bin2hex(out, HH_HASH_HEX, h, sizeof(h));
}

bool crypto_str_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb)
        return false;
    return la == 0 || sodium_memcmp(a, b, la) == 0;
}
