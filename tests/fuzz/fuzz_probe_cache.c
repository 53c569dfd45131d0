/* libFuzzer harness: the probe cache's reader. The cache file lives in the
 * show's folder, where anything may overwrite it; whatever it holds, the
 * reader keeps all of it or none, and never crashes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "media/probe_cache.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct probe_cache c;

	probe_cache_init(&c);
	if (probe_cache_parse(&c, (const char *)data, size) != PP_OK && c.count != 0)
		abort(); /* a rejected cache must leave nothing behind */
	for (size_t i = 0; i < c.count; i++) {
		const struct probe_cache_entry *e = &c.entries[i];

		/* Art has its image facts; audio its probe's static strings. */
		if (e->is_image ? !e->image.format || e->image.width <= 0
				: !e->probe.mime_type || !e->probe.extension)
			abort();
		if (strlen(e->sha256) != IDENT_SHA256_SIZE - 1 ||
		    (e->picture_format && strlen(e->picture_sha256) != IDENT_SHA256_SIZE - 1))
			abort();
	}
	probe_cache_release(&c);
	return 0;
}
