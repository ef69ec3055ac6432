/* cm.h - includes cmocka needs, in its required order. */
#ifndef HELHED_TEST_CM_H
#define HELHED_TEST_CM_H
// clang-format off
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
// clang-format on
#endif
