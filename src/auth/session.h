/* session.h - login sessions and personal API tokens.
 *
 * A session id is 32 random bytes (base64url) in the cookie helhed_session;
 * the database keeps only its BLAKE2b hash. Sessions end after an idle time
 * and an absolute lifetime. API tokens ("hh_" + 32 random bytes) are stored
 * hashed too, carry their own grants (a subset of the user's) and can be
 * revoked. */
#ifndef HELHED_SESSION_H
#define HELHED_SESSION_H

#include <stdint.h>

#include "auth/crypto.h"
#include "auth/roles.h"

#define SESSION_COOKIE "helhed_session"
#define TOKEN_PREFIX "hh_"
#define TOKEN_CHARS (3 + HH_TOKEN_CHARS)

typedef struct session_limits {
    int64_t idle_seconds; /* default 3600 (HELHED_SESSION_IDLE) */
    int64_t max_seconds;  /* default 43200 (HELHED_SESSION_MAX) */
} session_limits;

/* Limits from the environment, with defaults. */
session_limits session_limits_get(void);

/* Creates a session; writes the cookie value and the CSRF token. */
hh_err session_create(db *d, int64_t user_id, char cookie[HH_TOKEN_CHARS], char csrf[HH_TOKEN_CHARS], hh_error *e);
/* Resolves a cookie to a principal; HH_ERR_NOTFOUND for an unknown, expired
 * or deactivated one (an expired session is deleted). */
hh_err session_lookup(db *d, arena *a, const char *cookie, principal *p, hh_error *e);
hh_err session_destroy(db *d, const char *cookie, hh_error *e);
/* Ends every session of the user ("log out everywhere"). */
hh_err session_destroy_all(db *d, int64_t user_id, int64_t *count, hh_error *e);

typedef struct api_token {
    int64_t id;
    int64_t user_id;
    const char *user_email;
    const char *label;
    const char *prefix;
    int64_t created_at, last_used_at, revoked_at; /* 0 = never */
    int64_t ngrants;                              /* how many grants the token carries */
} api_token;

/* Creates a token with the given grants (each must be one the user holds;
 * n == 0 means all of them). Writes the token, shown once, into out. */
hh_err token_create(db *d, arena *a, int64_t user_id, const char *label, const grant *g, size_t n,
                    char out[TOKEN_CHARS], int64_t *id, hh_error *e);
hh_err token_lookup(db *d, arena *a, const char *token, principal *p, hh_error *e);
/* Tokens of one user (user_id > 0) or of everybody (user_id == 0). */
hh_err token_list(db *d, arena *a, int64_t user_id, api_token **out, size_t *n, hh_error *e);
/* Revokes a token of user_id (0: any user's). NOTFOUND if none matched. */
hh_err token_revoke(db *d, int64_t id, int64_t user_id, hh_error *e);

/* Login throttling per account and per client address. */
#define THROTTLE_WINDOW 900 /* seconds */
#define THROTTLE_ACCOUNT_MAX 5
#define THROTTLE_IP_MAX 20
/* True when either key has reached its limit; *retry_after in seconds. */
bool throttle_locked(db *d, const char *email, const char *client, int64_t *retry_after);
void throttle_fail(db *d, const char *email, const char *client);
void throttle_clear(db *d, const char *email);

#endif
