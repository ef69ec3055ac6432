/* respcache.h - per-worker-thread cache of whole responses.
 *
 * For responses that depend only on the request line and on one group of
 * tables (e.g. "geo": regions and municipalities). Each cached body carries
 * the group's data version (table data_version, bumped by triggers on every
 * change from any process), so a hit is always current: the check costs one
 * primary-key lookup instead of building the response again.
 *
 *   if (respcache_serve(req, "geo")) return;
 *   ... build the response ...
 *   respcache_store(req);
 */
#ifndef HELHED_RESPCACHE_H
#define HELHED_RESPCACHE_H

#include <stdbool.h>

#include "http/http.h"

/* Serves a current cached response and returns true; otherwise remembers
 * the group's version in req so respcache_store() can keep the result. */
bool respcache_serve(http_req *req, const char *group);
/* Keeps req's response if it is a 200 built after respcache_serve(). */
void respcache_store(http_req *req);

/* Fragments: a part of a page that is the same for everyone allowed to see
 * it (checked by the caller first), keyed by the caller. respcache_fragment
 * appends a current fragment to req->out and returns true; otherwise it sets
 * *version for respcache_fragment_store, which keeps req->out from byte
 * `from` on.
 *
 * `group` may also name several groups, comma-separated ("plans,registry"):
 * the version is then the sum of theirs, read in one query, which changes
 * whenever any of them does (versions only grow), so a fragment that depends
 * on several groups of tables is current exactly when all of them are. */
bool respcache_fragment(http_req *req, const char *key, const char *group, int64_t *version);
void respcache_fragment_store(http_req *req, const char *key, int64_t version, size_t from);

#endif
