/* password.h - Argon2id password hashing and the password policy. */
#ifndef HELHED_PASSWORD_H
#define HELHED_PASSWORD_H

#include <stdbool.h>

#define PASSWORD_HASH_MAX 128
#define PASSWORD_MIN_LENGTH 12
#define PASSWORD_MAX_LENGTH 256

/* Returns NULL when the password is acceptable, otherwise a Danish sentence
 * saying why (too short, too long, too common). */
const char *password_policy(const char *password);
/* Argon2id (libsodium's interactive limits) into out; false on failure. */
bool password_hash(const char *password, char out[PASSWORD_HASH_MAX]);
bool password_verify(const char *hash, const char *password);
/* Spends the time of one verification, for unknown accounts, so login
 * timing does not reveal whether an email address has an account. */
void password_verify_dummy(const char *password);

#endif
