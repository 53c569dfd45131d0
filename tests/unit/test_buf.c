#include "buf.h"

#include <stdint.h>
#include <stdlib.h>

#include "testhelp.h"

static void appends_stay_terminated(struct test_ctx *t)
{
	struct buf b;
	size_t len = 99;
	char *text;

	buf_init(&b);
	EXPECT_INT(t, buf_puts(&b, "Järjestö"), PP_OK);
	EXPECT_INT(t, buf_add(&b, "avustukset-and-more", 10), PP_OK);
	EXPECT_STR(t, b.data, "Järjestöavustukset");
	for (int i = 0; i < 1000; i++)
		EXPECT_INT(t, buf_puts(&b, "x"), PP_OK);
	EXPECT_INT(t, b.len, 20 + 1000);
	EXPECT_INT(t, b.data[b.len], '\0');
	text = buf_detach(&b, &len);
	EXPECT_INT(t, len, 1020);
	EXPECT(t, b.data == NULL && b.len == 0 && b.alloc == 0);
	free(text);
}

static void empty_buffer_detaches_to_empty_string(struct test_ctx *t)
{
	struct buf b;
	size_t len = 99;
	char *text;

	buf_init(&b);
	text = buf_detach(&b, &len);
	EXPECT_STR(t, text, "");
	EXPECT_INT(t, len, 0);
	free(text);
}

static void grow_doubles_and_refuses_overflow(struct test_ctx *t)
{
	size_t alloc = 0;
	int *items = pp_grow(NULL, &alloc, 1, sizeof(*items));
	int *same;

	EXPECT(t, items != NULL);
	EXPECT_INT(t, alloc, 8);
	same = pp_grow(items, &alloc, 8, sizeof(*items));
	EXPECT(t, same == items);
	items = pp_grow(items, &alloc, 9, sizeof(*items));
	EXPECT_INT(t, alloc, 16);
	EXPECT(t, pp_grow(items, &alloc, SIZE_MAX / 2, sizeof(*items)) == NULL);
	EXPECT_INT(t, alloc, 16); /* untouched on failure */
	free(items);
}

TEST_MAIN(TEST_CASE(appends_stay_terminated), TEST_CASE(empty_buffer_detaches_to_empty_string),
	  TEST_CASE(grow_doubles_and_refuses_overflow))
