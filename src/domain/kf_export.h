/* kf_export.h - key-figure tables written as CSV, JSON or XLSX, for the
 * command line, the API and every page's download link. Suppressed values
 * are written as "<5" (CSV, XLSX) or null with "suppressed": true (JSON), and
 * their numerator and denominator are left out. */
#ifndef HELHED_KF_EXPORT_H
#define HELHED_KF_EXPORT_H

#include "core/buf.h"
#include "core/error.h"
#include "domain/keyfig.h"

typedef enum kf_file_format { KF_CSV, KF_JSON, KF_XLSX } kf_file_format;

/* Format by name ("csv", "json", "xlsx"); false when unknown. */
bool kf_format_parse(const char *s, kf_file_format *out);

/* CSV and JSON into out; XLSX into the file at xlsx_path (out unused). */
hh_err kf_export_write(const kf_row *rows, size_t n, kf_level level, kf_file_format format, buf *out,
                       const char *xlsx_path, hh_error *e);

#endif
