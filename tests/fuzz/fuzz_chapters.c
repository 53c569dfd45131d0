/* libFuzzer harness: a chapters file another host serves (podpub import
 * reads it with chapters_parse_json), and the same bytes as a published
 * chapters file (chapters_check_json, what lint --online reads). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "media/chapters.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct chapters ch;
	char why[256];

	chapters_init(&ch);
	if (chapters_parse_json((const char *)data, size, &ch, why, sizeof(why)) == PP_OK) {
		/* Every chapter the reader keeps has a start a build can use. */
		for (size_t i = 0; i < ch.count; i++)
			if (isnan(ch.items[i].start))
				abort();
	} else if (!why[0]) {
		abort(); /* a refusal always says why */
	}
	chapters_release(&ch);
	(void)chapters_check_json((const char *)data, size, why, sizeof(why));
	return 0;
}
