/* libFuzzer harness: a WebDAV server's PROPFIND reply (207 Multi-Status),
 * the server's bytes, as target_dav.c reads it for a folder's sizes; then
 * lookups in what it kept. */
#include <stddef.h>
#include <stdint.h>

#include "target/listing_dav.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "a.mp3", "järjestöavustukset osa 1.mp3", "", "sub" };
	struct listing_dav l;
	int64_t found;

	listing_dav_init(&l);
	if (listing_dav_parse((const char *)data, size, "https://u@127.0.0.1:8443/dav/x/media/",
			      &l) == PP_OK)
		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			(void)listing_find(&l.files, names[i], &found);
	listing_dav_release(&l);
	return 0;
}
