/* libFuzzer harness: one page of an S3 ListObjectsV2 reply, the service's
 * bytes as target_s3's sizes read them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "target/listing_s3.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void count(void *ctx, const char *key, int64_t bytes)
{
	size_t *n = ctx;

	/* Every key is a string, every size a size. */
	if (strlen(key) == 0 || bytes < 0)
		abort();
	(*n)++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n = 0;
	bool more = false;
	char *token = NULL;

	if (listing_s3_page((const char *)data, size, count, &n, &more, &token) == PP_OK &&
	    more && !token)
		abort();
	free(token);
	return 0;
}
