/* libFuzzer harness: the linter reads feeds from anywhere, so no input may
 * crash it, leak or read out of bounds. */
#include <stddef.h>
#include <stdint.h>

#include "lint/lint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lint_report report;

	lint_report_init(&report);
	(void)lint_feed((const char *)data, size, &report);
	lint_report_release(&report);
	return 0;
}
