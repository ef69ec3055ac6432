/* fuzz_csv - the table reader on arbitrary bytes (mostly CSV; a zip
 * signature takes the XLSX path). Checks what every row promises: 1 to
 * TABLE_MAX_FIELDS fields, each NUL-free UTF-8 of its stated length within
 * TABLE_MAX_FIELD, trimmed, not all empty, and CSV row numbers that grow. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read_table(data, size);
    return 0;
}
