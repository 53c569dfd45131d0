#include "apple.h"

#include "testhelp.h"

static void categories_are_apples_spelling(struct test_ctx *t)
{
	EXPECT(t, apple_category_known("Government"));
	EXPECT(t, apple_category_known("Society & Culture"));
	EXPECT(t, apple_category_known("TV & Film"));
	EXPECT(t, !apple_category_known("government"));
	EXPECT(t, !apple_category_known("Society and Culture"));
	EXPECT(t, !apple_category_known("News & Politics")); /* the pre-2019 name */
	EXPECT(t, !apple_category_known(""));
}

static void subcategories_belong_to_their_category(struct test_ctx *t)
{
	EXPECT(t, apple_subcategory_known("News", "Politics"));
	EXPECT(t, apple_subcategory_known("Education", "How To"));
	EXPECT(t, !apple_subcategory_known("Education", "How-To"));
	EXPECT(t, !apple_subcategory_known("Arts", "Politics"));
	EXPECT(t, !apple_subcategory_known("Government", "Politics"));
	EXPECT(t, !apple_subcategory_known("Nonsense", "Politics"));
}

TEST_MAIN(TEST_CASE(categories_are_apples_spelling),
	  TEST_CASE(subcategories_belong_to_their_category))
