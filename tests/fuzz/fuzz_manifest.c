/* libFuzzer harness: a target's .podpub-manifest.json, as manifest_read
 * gets it from a target driver; then a lookup and an update of it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What the stand-in driver serves: the fuzzer's bytes as the manifest. */
struct input {
	const uint8_t *data;
	size_t size;
};

static enum pp_result serve(struct target *t, const char *remote, char **out, size_t *len,
			    struct diag *diag)
{
	const struct input *in = (const struct input *)(void *)t;

	(void)remote;
	(void)diag;
	*out = malloc(in->size + 1);
	if (!*out)
		return PP_ENOMEM;
	memcpy(*out, in->data, in->size);
	(*out)[in->size] = '\0';
	*len = in->size;
	return PP_OK;
}

static const struct target_ops fuzz_ops = { .scheme = "fuzz", .read = serve };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	struct manifest *m = NULL;
	struct diag diag;

	diag_init(&diag);
	if (manifest_read(&fuzz_ops, (struct target *)(void *)&in, &m, &diag) == PP_OK) {
		(void)manifest_has(m, "media/a.mp3", 1234, "00");
		(void)manifest_set(m, "media/a.mp3", 1234, "00");
		manifest_free(&m);
	}
	diag_release(&diag);
	return 0;
}
