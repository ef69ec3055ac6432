#include "auth/password.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

#include "core/str.h"

/* A small built-in list of the most common passwords of 12+ characters and
 * Danish favourites; the length rule already excludes the shorter ones. */
static const char *const common[] = {
    "123456789012",   "1234567890123",   "12345678901234", "123456789abc",     "qwertyuiopå",  "qwertyuiop12",
    "qwertyuiop123",  "password1234",    "password12345",  "passwordpassword", "adgangskode1", "adgangskode12",
    "adgangskode123", "adgangskode1234", "sommer2024!!",   "sommer123456",     "vinter123456", "velkommen123",
    "velkommen1234",  "helhed123456",    "helhedhelhed",   "111111111111",     "000000000000", "abcdefghijkl",
    "iloveyou1234",   "letmein12345",    "administrator",  "administrator1",   "danmark12345", "københavn123",
    "qwerty123456",   "1q2w3e4r5t6y",    "aaaaaaaaaaaa",   "changeme1234",     "welcome12345",
};

const char *password_policy(const char *password)
{
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)password; *p; p++)
        if ((*p & 0xC0) != 0x80) /* count code points, not bytes */
            chars++;
    if (chars < PASSWORD_MIN_LENGTH)
        return "Adgangskoden skal være mindst 12 tegn lang.";
    if (strlen(password) > PASSWORD_MAX_LENGTH)
        return "Adgangskoden må højst være 256 tegn lang.";
    for (size_t i = 0; i < sizeof(common) / sizeof(common[0]); i++)
        if (hh_collate_da(password, common[i]) == 0 || hh_contains_fold(password, common[i]) ||
            (strlen(password) == strlen(common[i]) && hh_contains_fold(common[i], password)))
            return "Adgangskoden er for almindelig. Vælg en, der er sværere at gætte.";
    return NULL;
}

bool password_hash(const char *password, char out[PASSWORD_HASH_MAX])
{
    return crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
}

bool password_verify(const char *hash, const char *password)
{
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

static char dummy_hash[PASSWORD_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
    password_hash("helhed-dummy-password-for-timing", dummy_hash);
}

void password_verify_dummy(const char *password)
{
    pthread_once(&dummy_once, make_dummy);
    (void)password_verify(dummy_hash, password);
}
