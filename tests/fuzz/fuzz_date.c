/* libFuzzer harness: dates as producers type them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "datetime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	char out[DATETIME_RFC2822_SIZE];
	time_t t;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (datetime_parse(text, "Europe/Helsinki", &t) == PP_OK)
		datetime_rfc2822(t, out);
	free(text);
	return 0;
}
