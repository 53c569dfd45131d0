/* libFuzzer harness: another host's feed as podpub import reads it
 * (import_feed_parse), and each item's notes, then the bytes themselves,
 * as HTML made into Markdown (import_html_markdown): a stranger wrote
 * both. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "import/import_feed.h"
#include "import/import_html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void markdown(const char *html, size_t len)
{
	char *md = NULL;

	if (import_html_markdown(html, len, &md) == PP_OK)
		free(md);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_feed feed;
	struct diag diag;

	diag_init(&diag);
	import_feed_init(&feed);
	if (import_feed_parse((const char *)data, size, "https://host.example/feed.xml", "fuzz",
			      &feed, &diag) == PP_OK)
		for (size_t i = 0; i < feed.count; i++)
			if (feed.items[i].notes)
				markdown(feed.items[i].notes, strlen(feed.items[i].notes));
	import_feed_release(&feed);
	diag_release(&diag);
	markdown((const char *)data, size);
	return 0;
}
