/* numfmt.h - numbers as Danish readers write them: 1.234.567,8
 *
 * Used by pages, charts and exports meant for people (CSV for machines keeps
 * plain digits). */
#ifndef HELHED_NUMFMT_H
#define HELHED_NUMFMT_H

#include <stddef.h>

/* Writes v rounded to `decimals` (0-6) places with '.' between thousands and
 * ',' before the decimals; "-" for NaN. Returns out. */
char *fmt_num_da(char *out, size_t n, double v, int decimals);

#endif
