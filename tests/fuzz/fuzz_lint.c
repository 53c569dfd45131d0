/* libFuzzer harness: the linter reads feeds from anywhere, so no input may
 * crash it, leak or read out of bounds. */
#include <stddef.h>
#include <stdint.h>

#include "lint/lint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* As if fetched from a url, so the rules that compare the feed with
	 * its own url (rss-self-link-mismatch) run too. */
	static const struct lint_source src = { "https://example.fi/podcast/feed.xml", NULL };
	struct lint_report report;

	lint_report_init(&report);
	(void)lint_feed_from((const char *)data, size, &src, 0, &report);
	lint_report_release(&report);
	return 0;
}
