#include "apple.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "util.h"

/* Apple Podcasts categories as of the 2019 revision (19 categories), spelt
 * as the feed's itunes:category text attribute must spell them. */
static const struct {
	const char *name;
	const char *const subcategories[16]; /* NULL-terminated */
} categories[] = {
	{ "Arts", { "Books", "Design", "Fashion & Beauty", "Food", "Performing Arts",
		    "Visual Arts", NULL } },
	{ "Business", { "Careers", "Entrepreneurship", "Investing", "Management", "Marketing",
			"Non-Profit", NULL } },
	{ "Comedy", { "Comedy Interviews", "Improv", "Stand-Up", NULL } },
	{ "Education", { "Courses", "How To", "Language Learning", "Self-Improvement", NULL } },
	{ "Fiction", { "Comedy Fiction", "Drama", "Science Fiction", NULL } },
	{ "Government", { NULL } },
	{ "History", { NULL } },
	{ "Health & Fitness", { "Alternative Health", "Fitness", "Medicine", "Mental Health",
				"Nutrition", "Sexuality", NULL } },
	{ "Kids & Family", { "Education for Kids", "Parenting", "Pets & Animals",
			     "Stories for Kids", NULL } },
	{ "Leisure", { "Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies",
		       "Home & Garden", "Video Games", NULL } },
	{ "Music", { "Music Commentary", "Music History", "Music Interviews", NULL } },
	{ "News", { "Business News", "Daily News", "Entertainment News", "News Commentary",
		    "Politics", "Sports News", "Tech News", NULL } },
	{ "Religion & Spirituality", { "Buddhism", "Christianity", "Hinduism", "Islam", "Judaism",
				       "Religion", "Spirituality", NULL } },
	{ "Science", { "Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics",
		       "Natural Sciences", "Nature", "Physics", "Social Sciences", NULL } },
	{ "Society & Culture", { "Documentary", "Personal Journals", "Philosophy",
				 "Places & Travel", "Relationships", NULL } },
	{ "Sports", { "Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf",
		      "Hockey", "Rugby", "Running", "Soccer", "Swimming", "Tennis", "Volleyball",
		      "Wilderness", "Wrestling", NULL } },
	{ "Technology", { NULL } },
	{ "True Crime", { NULL } },
	{ "TV & Film", { "After Shows", "Film History", "Film Interviews", "Film Reviews",
			 "TV Reviews", NULL } },
};

static int category_index(const char *name)
{
	for (size_t i = 0; i < COUNT(categories); i++)
		if (strcmp(categories[i].name, name) == 0)
			return (int)i;
	return -1;
}

bool apple_category_known(const char *name)
{
	return category_index(name) >= 0;
}

const char *apple_category_near(const char *name)
{
	return pp_did_you_mean(name, &categories[0].name, COUNT(categories), sizeof(categories[0]));
}

bool apple_subcategory_known(const char *name, const char *sub)
{
	int i = category_index(name);

	if (i < 0)
		return false;
	for (const char *const *s = categories[i].subcategories; *s; s++)
		if (strcmp(*s, sub) == 0)
			return true;
	return false;
}

/* Apple's list of enclosure types, taken literally: audio/mp4 and
 * audio/aac play in Apple Podcasts but are not on it. */
static const char *const media_types[] = {
	"audio/x-m4a", "audio/mpeg", "video/quicktime", "video/mp4", "video/x-m4v", "application/pdf",
};

bool apple_media_type_accepted(const char *type, size_t len)
{
	for (size_t i = 0; i < COUNT(media_types); i++)
		if (strlen(media_types[i]) == len && strncasecmp(type, media_types[i], len) == 0)
			return true;
	return false;
}
