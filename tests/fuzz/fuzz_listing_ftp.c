/* libFuzzer harness: an FTP or SFTP server's words about a folder, as
 * target_rfs.c reads them for sizes: a LIST (or SFTP long names), the
 * replies to a batch of SIZE commands, and a STAT reply with its listing
 * on the control connection; then lookups in what was kept, and the
 * answers and leftovers a publish takes from it (target_size_answer). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "target/listing.h"
#include "target/target.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void look_up(const struct listing *l)
{
	static const char *const names[] = { "a.mp3", "jakso 1.mp3", "", "feed.xml" };
	struct target_size files[] = { { .remote = "media/a.mp3" }, { .remote = "media/feed.xml" } };
	struct target_size_query *q = target_size_queries(files, 2);
	struct target_leftovers left = { 0 };
	int64_t found;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		(void)listing_find(l, names[i], &found);
	if (q)
		(void)target_size_answer(q, 2, l, false, &left);
	target_leftovers_release(&left);
	free(q);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct listing l;
	int64_t sizes[8];
	bool found, whole;

	listing_init(&l);
	if (listing_parse(text, size, &l) == PP_OK)
		look_up(&l);
	listing_release(&l);
	(void)listing_ftp_sizes(text, size, sizes, 8);
	listing_init(&l);
	if (listing_ftp_stat(text, size, &l, &found, &whole) == PP_OK)
		look_up(&l);
	listing_release(&l);
	return 0;
}
