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

const char *apple_category_parent(const char *sub)
{
	for (size_t i = 0; i < COUNT(categories); i++)
		for (const char *const *s = categories[i].subcategories; *s; s++)
			if (strcmp(*s, sub) == 0)
				return categories[i].name;
	return NULL;
}

/* The names Apple retired in its 2019 revision, which it still reads and
 * maps: a subcategory of NULL stands for the category itself, and
 * `instead` is what to write now ("Category > Subcategory"). */
static const struct {
	const char *name;
	const char *subcategory;
	const char *instead;
} obsolete[] = {
	{ "Games & Hobbies", NULL, "Leisure" },
	{ "Games & Hobbies", "Automotive", "Leisure > Automotive" },
	{ "Games & Hobbies", "Aviation", "Leisure > Aviation" },
	{ "Games & Hobbies", "Hobbies", "Leisure > Hobbies" },
	{ "Games & Hobbies", "Other Games", "Leisure > Games" },
	{ "Games & Hobbies", "Video Games", "Leisure > Video Games" },
	{ "Government & Organizations", NULL, "Government" },
	{ "Government & Organizations", "Local", "Government" },
	{ "Government & Organizations", "National", "Government" },
	{ "Government & Organizations", "Non-Profit", "Business > Non-Profit" },
	{ "Government & Organizations", "Regional", "Government" },
	{ "Health", NULL, "Health & Fitness" },
	{ "Health", "Alternative Health", "Health & Fitness > Alternative Health" },
	{ "Health", "Fitness & Nutrition", "Health & Fitness > Fitness" },
	{ "Health", "Self-Help", "Education > Self-Improvement" },
	{ "Health", "Sexuality", "Health & Fitness > Sexuality" },
	{ "News & Politics", NULL, "News" },
	{ "Science & Medicine", NULL, "Science" },
	{ "Science & Medicine", "Medicine", "Health & Fitness > Medicine" },
	{ "Science & Medicine", "Natural Sciences", "Science > Natural Sciences" },
	{ "Science & Medicine", "Social Sciences", "Science > Social Sciences" },
	{ "Sports & Recreation", NULL, "Sports" },
	{ "Sports & Recreation", "Amateur", "Sports" },
	{ "Sports & Recreation", "College & High School", "Sports" },
	{ "Sports & Recreation", "Outdoor", "Sports > Wilderness" },
	{ "Sports & Recreation", "Professional", "Sports" },
	{ "Arts", "Literature", "Arts > Books" },
	{ "Business", "Business News", "News > Business News" },
	{ "Business", "Management & Marketing", "Business > Management or Business > Marketing" },
	{ "Business", "Shopping", "Business" },
	{ "Education", "Educational Technology", "Education" },
	{ "Education", "Higher Education", "Education" },
	{ "Education", "K-12", "Education" },
	{ "Education", "Language Courses", "Education > Language Learning" },
	{ "Education", "Training", "Education > Courses" },
	{ "Religion & Spirituality", "Other", "Religion & Spirituality > Religion" },
	{ "Society & Culture", "History", "History" },
	{ "Technology", "Gadgets", "Technology" },
	{ "Technology", "Podcasting", "Technology" },
	{ "Technology", "Software How-To", "Technology" },
	{ "Technology", "Tech News", "News > Tech News" },
};

const char *apple_category_obsolete(const char *name, const char *sub)
{
	for (size_t i = 0; i < COUNT(obsolete); i++) {
		if (strcmp(obsolete[i].name, name) != 0)
			continue;
		if (!sub && !obsolete[i].subcategory)
			return obsolete[i].instead;
		if (sub && obsolete[i].subcategory && strcmp(obsolete[i].subcategory, sub) == 0)
			return obsolete[i].instead;
	}
	return NULL;
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
