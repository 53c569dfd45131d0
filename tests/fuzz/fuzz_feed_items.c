/* libFuzzer harness: the live feed read back from a target, which anyone
 * with access to the target may have written (feed_read_items). */
#include <stddef.h>
#include <stdint.h>

#include "feed.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct feed_items items;

	if (feed_read_items((const char *)data, size, &items) == PP_OK)
		feed_items_release(&items);
	return 0;
}
