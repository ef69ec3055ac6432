/* pages.h - HTML page handlers (Danish UI) and the API handlers. */
#ifndef HELHED_PAGES_H
#define HELHED_PAGES_H

#include "http/http.h"

void page_home(http_req *req);
void page_municipalities(http_req *req);
void page_municipalities_csv(http_req *req);
void page_municipality(http_req *req);
void page_regions(http_req *req);
void page_region(http_req *req);
void page_static(http_req *req);
void page_healthz(http_req *req);

void api_version(http_req *req);
void api_regions(http_req *req);
void api_municipalities(http_req *req);
void api_municipality(http_req *req);
void api_municipality_lookup(http_req *req);

extern const route helhed_routes[];
extern const size_t helhed_nroutes;

#endif
