/* layout.h - the Danish page shell: head, skip link, demo banner, header
 * with navigation, main landmark, footer. Pages write their content between
 * page_begin() and page_end(). */
#ifndef HELHED_LAYOUT_H
#define HELHED_LAYOUT_H

#include "http/http.h"

typedef struct crumb {
    const char *href; /* NULL for the current page */
    const char *label;
} crumb;

typedef struct page {
    const char *title; /* <title> and, unless h1 is set, the heading */
    const char *nav;   /* key of the active navigation item ("home", "geo") */
    const crumb *crumbs;
    int ncrumbs;
} page;

void page_begin(http_req *req, const page *p);
/* Closes the page and responds with status. */
void page_end(http_req *req, int status);

/* URL of an embedded asset with its content hash, for long caching. */
const char *asset_url(http_req *req, const char *name);

/* <form method="post" action="..."> with the CSRF field. */
void form_open(http_req *req, const char *action, const char *cls);
/* Danish date and time "22.11.2026 kl. 14:05" (UTC) of a unix time; "—" for 0. */
const char *fmt_time(http_req *req, int64_t t);
/* The search form of a list page: one field "q" (value q) labelled label,
 * submitted to action by GET. With filter_id the list with that id is also
 * filtered as the user types (web/app.js) and the count in #antal is read out. */
void search_form(http_req *req, const char *action, const char *label, const char *q, const char *filter_id);
/* A notice box: kind "ok", "warn" or "error". */
void notice(http_req *req, const char *kind, const char *text);

/* The error page (http_error_page_fn). */
void page_error(http_req *req, int status, const char *message);

#endif
