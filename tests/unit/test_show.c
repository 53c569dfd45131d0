/* The show model, loaded from a scratch copy of the tests' own show
 * (tests/data/show), never from the repository's episodes/. */
#include "show.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "media/probe.h"
#include "testfs.h"
#include "testhelp.h"
#include "util.h"

static const char *const newest_first[] = {
	"jarjestotyollistaminen-osa-2", "jarjestotyollistaminen-osa-1",
	"jarjestoavustukset-osa-2", "jarjestoavustukset-osa-1",
};

/* A scratch copy of the test show for one case: fs->root/show, in `dir`. */
static bool copy_show(struct test_ctx *t, struct testfs *fs, char *dir, size_t size)
{
	bool copied = testfs_show(fs, "show", dir, size);

	EXPECT(t, copied);
	return copied;
}

static void test_show_loads_newest_first(struct test_ctx *t)
{
	struct testfs fs;
	char dir[128];
	struct show s;
	struct diag d;

	show_init(&s);
	diag_init(&d);
	if (!copy_show(t, &fs, dir, sizeof(dir)))
		goto out;
	EXPECT_INT(t, show_load(dir, &s, &d), PP_OK);
	EXPECT_INT(t, d.count, 0);
	EXPECT_INT(t, s.episode_count, 4);
	for (size_t i = 0; i < s.episode_count && i < 4; i++)
		EXPECT_STR(t, s.episodes[i].meta.slug, newest_first[i]);
	if (s.episode_count == 4)
		EXPECT_INT(t, s.newest, s.episodes[0].meta.date);
out:
	show_release(&s);
	diag_release(&d);
	testfs_release(&fs);
}

/* Writes episodes/<slug>/ with a minimal episode.md dated `date` and a copy
 * of a test-show episode's audio. */
static bool add_episode(const struct testfs *fs, const char *slug, const char *date)
{
	char rel[128], md[256], from[256], to[256];

	snprintf(rel, sizeof(rel), "show/episodes/%s/episode.md", slug);
	snprintf(md, sizeof(md), "---\ntitle: %s\ndate: %s\n---\nMuistiinpanot.\n", slug, date);
	if (!testfs_put(fs, rel, md, strlen(md)))
		return false;
	snprintf(from, sizeof(from), "%s/episodes/%s/%s.mp3", TESTFS_SHOW,
		 "jarjestoavustukset-osa-1", "jarjestoavustukset-osa-1");
	snprintf(to, sizeof(to), "%s/show/episodes/%s/%s.mp3", fs->root, slug, slug);
	return testfs_copy_file(from, to);
}

/* Episodes published at the same minute: the slug decides, A to Z, so the
 * order never depends on the order the folders are read in. */
static void same_date_orders_by_slug(struct test_ctx *t)
{
	static const char *const want[] = {
		"jarjestotyollistaminen-osa-2", "jarjestotyollistaminen-osa-1",
		"aaa-sama-paiva", "jarjestoavustukset-osa-2", "zzz-sama-paiva",
		"jarjestoavustukset-osa-1",
	};
	struct testfs fs;
	char dir[128];
	struct show s;
	struct diag d;

	show_init(&s);
	diag_init(&d);
	if (!copy_show(t, &fs, dir, sizeof(dir)))
		goto out;
	/* The date of jarjestoavustukset-osa-2, on one slug before and one after. */
	EXPECT(t, add_episode(&fs, "zzz-sama-paiva", "2025-03-11 09:00"));
	EXPECT(t, add_episode(&fs, "aaa-sama-paiva", "2025-03-11 09:00"));
	EXPECT_INT(t, show_load(dir, &s, &d), PP_OK);
	EXPECT_INT(t, s.episode_count, COUNT(want));
	for (size_t i = 0; i < s.episode_count && i < COUNT(want); i++)
		EXPECT_STR(t, s.episodes[i].meta.slug, want[i]);
	if (s.episode_count == COUNT(want))
		EXPECT_INT(t, s.episodes[2].meta.date, s.episodes[4].meta.date);
out:
	show_release(&s);
	diag_release(&d);
	testfs_release(&fs);
}

/* A serial show numbers every full episode (Apple requires it, and lint
 * refuses the feed otherwise): the unnumbered one is named. */
static void serial_show_needs_episode_numbers(struct test_ctx *t)
{
	struct testfs fs;
	char dir[128], yaml[256];
	char *text = NULL, *serial = NULL, *at;
	size_t len;
	struct show s;
	struct diag d;

	show_init(&s);
	diag_init(&d);
	if (!copy_show(t, &fs, dir, sizeof(dir)))
		goto out;
	snprintf(yaml, sizeof(yaml), "%s/podcast.yaml", dir);
	EXPECT_INT(t, pp_read_file(yaml, &text, &len), PP_OK);
	at = text ? strstr(text, "type: episodic") : NULL;
	EXPECT(t, at != NULL);
	if (!at)
		goto out;
	*at = '\0';
	serial = pp_asprintf("%stype: serial%s", text, at + strlen("type: episodic"));
	EXPECT(t, serial && testfs_put(&fs, "show/podcast.yaml", serial, strlen(serial)));
	/* The test show's episodes are numbered: a serial show as it is. */
	EXPECT_INT(t, show_load(dir, &s, &d), PP_OK);
	EXPECT_INT(t, d.count, 0);
	show_release(&s);
	show_init(&s);
	EXPECT(t, add_episode(&fs, "ilman-numeroa", "2025-04-01 09:00"));
	EXPECT_INT(t, show_load(dir, &s, &d), PP_EPARSE);
	EXPECT_INT(t, d.count, 1);
	if (d.count == 1) {
		EXPECT_CONTAINS(t, d.entries[0].path, "episodes/ilman-numeroa/episode.md");
		EXPECT_STARTS(t, d.entries[0].message, "a serial show numbers every full episode");
	}
out:
	free(serial);
	free(text);
	show_release(&s);
	diag_release(&d);
	testfs_release(&fs);
}

static void files_have_paths_sizes_and_hashes(struct test_ctx *t)
{
	struct testfs fs;
	char dir[128];
	struct show s;
	struct diag d;

	show_init(&s);
	diag_init(&d);
	if (!copy_show(t, &fs, dir, sizeof(dir)))
		goto out;
	EXPECT_INT(t, show_load(dir, &s, &d), PP_OK);
	for (size_t i = 0; i < s.episode_count; i++) {
		const struct show_file *f = &s.episodes[i].audio;
		char want[256];
		char sha[IDENT_SHA256_SIZE];
		int64_t size = -1;
		struct stat st;

		snprintf(want, sizeof(want), "media/%s.mp3", s.episodes[i].meta.slug);
		EXPECT_STR(t, f->remote_path, want);
		snprintf(want, sizeof(want), "https://yhdistysyhteistyo.fi/jane/podcast/media/%s.mp3",
			 s.episodes[i].meta.slug);
		EXPECT_STR(t, f->url, want);
		int found = stat(f->local_path, &st);

		EXPECT_INT(t, found, 0);
		if (found == 0)
			EXPECT_INT(t, st.st_size, f->size);
		EXPECT_INT(t, ident_sha256_file(f->local_path, sha, &size), PP_OK);
		EXPECT_STR(t, f->sha256, sha);
		EXPECT_STR(t, s.episodes[i].probe.mime_type, "audio/mpeg");
		EXPECT_CMP(t, s.episodes[i].probe.duration, >, 10.0);
	}
	EXPECT_STR(t, s.image.remote_path, "cover.png");
	EXPECT_STR(t, s.image.url, "https://yhdistysyhteistyo.fi/jane/podcast/cover.png");
out:
	show_release(&s);
	diag_release(&d);
	testfs_release(&fs);
}

/* Guids are UUIDv5 of the show's podcast:guid and the slug, so they do
 * not depend on the host, the feed URL or the audio file's name. */
static void guids_derive_from_show_guid_and_slug(struct test_ctx *t)
{
	struct testfs fs;
	char dir[128];
	struct show s;
	struct diag d;

	show_init(&s);
	diag_init(&d);
	if (!copy_show(t, &fs, dir, sizeof(dir)))
		goto out;
	EXPECT_INT(t, show_load(dir, &s, &d), PP_OK);
	EXPECT_STR(t, s.config.podcast_guid, "9e7dddac-f03b-5fa0-a224-10ef2e2bffa6");
	for (size_t i = 0; i < s.episode_count; i++) {
		char want[IDENT_UUID_SIZE];

		EXPECT_INT(t, ident_uuid5(s.config.podcast_guid, s.episodes[i].meta.slug, want), PP_OK);
		EXPECT_STR(t, s.episodes[i].guid, want);
		for (size_t j = 0; j < i; j++)
			EXPECT_STR_NE(t, s.episodes[i].guid, s.episodes[j].guid);
	}
out:
	show_release(&s);
	diag_release(&d);
	testfs_release(&fs);
}

static void missing_show_names_podcast_yaml(struct test_ctx *t)
{
	struct show s;
	struct diag d;

	show_init(&s);
	diag_init(&d);
	EXPECT_CMP(t, show_load("/nonexistent-podpub-show", &s, &d), !=, PP_OK);
	EXPECT_INT(t, d.count, 1);
	if (d.count == 1)
		EXPECT_STR(t, d.entries[0].path, "/nonexistent-podpub-show/podcast.yaml");
	show_release(&s);
	diag_release(&d);
}

TEST_MAIN(TEST_CASE(test_show_loads_newest_first),
		     TEST_CASE(same_date_orders_by_slug),
		     TEST_CASE(serial_show_needs_episode_numbers),
		     TEST_CASE(files_have_paths_sizes_and_hashes),
		     TEST_CASE(guids_derive_from_show_guid_and_slug),
		     TEST_CASE(missing_show_names_podcast_yaml))
