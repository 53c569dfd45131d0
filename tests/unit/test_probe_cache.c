#include "media/probe_cache.h"
#include "util.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testfs.h"
#include "testhelp.h"

#define AUDIO "tests/data/audio/"

/* A scratch folder holding `file` (a fixture) as a.mp3, its path in `path`. */
static bool setup(struct test_ctx *t, struct testfs *fs, const char *file, char *path, size_t n)
{
	char *data = NULL;
	size_t len = 0;
	bool ok;

	if (!testfs_init(fs, "probe-cache")) {
		t->failures++;
		return false;
	}
	snprintf(path, n, "%s/a.mp3", fs->root);
	ok = pp_read_file(file, &data, &len) == PP_OK && testfs_write(path, data, len);
	free(data);
	EXPECT(t, ok);
	return ok;
}

/* Looks `path` up; returns true when it came from the cache. */
static bool lookup(struct test_ctx *t, struct probe_cache *c, const char *path, struct probe *p)
{
	char sha[IDENT_SHA256_SIZE], expect[IDENT_SHA256_SIZE];
	int64_t size = -1, expect_size = -2;
	size_t hits = c->hits;
	struct diag diag;

	diag_init(&diag);
	EXPECT_INT(t, probe_cache_file(c, path, p, sha, &size, &diag), PP_OK);
	EXPECT_INT(t, diag.count, 0);
	diag_release(&diag);
	/* Whether from the cache or not, the figures are the file's own. */
	EXPECT_INT(t, ident_sha256_file(path, expect, &expect_size), PP_OK);
	EXPECT_STR(t, sha, expect);
	EXPECT_INT(t, size, expect_size);
	EXPECT_STR(t, p->path, path);
	return c->hits > hits;
}

static void unchanged_file_comes_from_the_cache(struct test_ctx *t)
{
	struct testfs fs;
	char path[128];
	struct probe_cache c;
	struct probe p, again;

	probe_cache_init(&c);
	probe_init(&p);
	probe_init(&again);
	if (!setup(t, &fs, AUDIO "cbr.mp3", path, sizeof(path)))
		goto out;
	EXPECT(t, !lookup(t, &c, path, &p));
	EXPECT(t, lookup(t, &c, path, &again));
	/* Saved and read back: the same probe, tags and all. */
	EXPECT_INT(t, probe_cache_save(&c, fs.root), PP_OK);
	probe_cache_release(&c);
	EXPECT_INT(t, probe_cache_load(&c, fs.root), PP_OK);
	EXPECT_INT(t, c.count, 1);
	/* Nothing to read for one episode; a second one is new. */
	EXPECT(t, !probe_cache_stale(&c, 1));
	EXPECT(t, probe_cache_stale(&c, 2));
	EXPECT(t, lookup(t, &c, path, &again));
	EXPECT(t, again.duration == p.duration); /* the same double, not a rounding */
	EXPECT_INT(t, again.duration_source, p.duration_source);
	EXPECT_STR(t, again.container, p.container);
	EXPECT_STR(t, again.mime_type, p.mime_type);
	EXPECT_INT(t, again.bit_rate, p.bit_rate);
	EXPECT_INT(t, again.tag_count, p.tag_count);
	EXPECT_STR(t, probe_tag(&again, "title"), probe_tag(&p, "title"));
out:
	probe_release(&p);
	probe_release(&again);
	probe_cache_release(&c);
	testfs_release(&fs);
}

/* Each kind of change makes the file probed again, from a saved cache. */
enum change { CONTENT_SAME_SIZE, SIZE, MTIME, REPLACED_SAME_SIZE_AND_MTIME };

static void change_file(struct test_ctx *t, const char *path, enum change how)
{
	struct stat before;
	char *data = NULL;
	size_t len = 0;

	EXPECT_INT(t, stat(path, &before), 0);
	EXPECT_INT(t, pp_read_file(path, &data, &len), PP_OK);
	if (!data)
		return;
	if (how == CONTENT_SAME_SIZE || how == REPLACED_SAME_SIZE_AND_MTIME)
		data[len - 1] ^= 0x55; /* the last byte of audio */
	if (how == CONTENT_SAME_SIZE) {
		/* In place, then the old mtime back: only ctime tells. */
		struct timespec times[2] = { before.st_atim, before.st_mtim };
		int fd = open(path, O_WRONLY);

		EXPECT(t, fd >= 0 && pwrite(fd, data + len - 1, 1, (off_t)len - 1) == 1);
		if (fd >= 0)
			close(fd);
		EXPECT_INT(t, utimensat(AT_FDCWD, path, times, 0), 0);
	} else if (how == SIZE) {
		data[len] = '\0';
		EXPECT(t, testfs_write(path, data, len - 1));
	} else if (how == MTIME) {
		struct timespec times[2] = { before.st_atim, before.st_mtim };

		times[1].tv_nsec = (times[1].tv_nsec + 1) % 1000000000;
		EXPECT_INT(t, utimensat(AT_FDCWD, path, times, 0), 0);
	} else {
		/* A new file renamed over the old one, as an editor saves. */
		char tmp[160];
		struct timespec times[2] = { before.st_atim, before.st_mtim };

		snprintf(tmp, sizeof(tmp), "%s.new", path);
		EXPECT(t, testfs_write(tmp, data, len));
		EXPECT_INT(t, utimensat(AT_FDCWD, tmp, times, 0), 0);
		EXPECT_INT(t, rename(tmp, path), 0);
	}
	free(data);
}

static void every_change_is_probed_again(struct test_ctx *t)
{
	static const char *const names[] = { "content, same size", "size", "mtime",
					     "replaced, same size and mtime" };

	for (int how = CONTENT_SAME_SIZE; how <= REPLACED_SAME_SIZE_AND_MTIME; how++) {
		struct testfs fs;
		char path[128];
		struct probe_cache c;
		struct probe p;
		int before = t->failures;

		probe_cache_init(&c);
		probe_init(&p);
		if (setup(t, &fs, AUDIO "cbr.mp3", path, sizeof(path))) {
			EXPECT(t, !lookup(t, &c, path, &p));
			EXPECT_INT(t, probe_cache_save(&c, fs.root), PP_OK);
			change_file(t, path, (enum change)how);
			EXPECT_INT(t, probe_cache_load(&c, fs.root), PP_OK);
			EXPECT_INT(t, c.count, 1);
			/* The build's guess agrees: media will be read. */
			EXPECT(t, probe_cache_stale(&c, 1));
			EXPECT(t, !lookup(t, &c, path, &p));
			/* And the new figures are cached in their turn. */
			EXPECT(t, lookup(t, &c, path, &p));
		}
		if (t->failures != before)
			printf("#   ... after a change of %s\n", names[how]);
		probe_release(&p);
		probe_cache_release(&c);
		testfs_release(&fs);
	}
}

/* A cache file that is garbage, cut short, another program's or another
 * version's, or has one bad entry, is ignored whole: nothing of it is used,
 * and the build goes on and writes a good one. */
static void damaged_cache_is_ignored(struct test_ctx *t)
{
	struct testfs fs;
	char path[128], cache_path[192], *good = NULL;
	size_t good_len = 0;
	struct probe_cache c;
	struct probe p;

	probe_cache_init(&c);
	probe_init(&p);
	if (!setup(t, &fs, AUDIO "cbr.mp3", path, sizeof(path)))
		goto out;
	EXPECT(t, !lookup(t, &c, path, &p));
	EXPECT_INT(t, probe_cache_save(&c, fs.root), PP_OK);
	snprintf(cache_path, sizeof(cache_path), "%s/%s/%s", fs.root, PROBE_CACHE_DIR,
		 PROBE_CACHE_FILE);
	EXPECT_INT(t, pp_read_file(cache_path, &good, &good_len), PP_OK);
	if (!good)
		goto out;
	{
		char *bad_sha = strdup(good), *foreign = strdup(good), *version = strdup(good);
		char *at;
		const struct {
			const char *what;
			const char *data;
			size_t len;
		} cases[] = {
			{ "garbage", "\x89PNG\r\n\x1a\n\0\0\0\0 not json", 20 },
			{ "cut short", good, good_len / 2 },
			{ "empty", "", 0 },
			{ "a JSON array", "[1, 2, 3]", 9 },
			{ "another program's", foreign, good_len },
			{ "another version", version, good_len },
			{ "a bad hash", bad_sha, good_len },
		};

		if ((at = strstr(bad_sha, "\"sha256\":\"")))
			at[10] = 'z';
		if ((at = strstr(foreign, "podpub probe cache")))
			at[0] = 'P';
		if ((at = strstr(version, "\"version\":3")))
			at[10] = '7';
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			int before = t->failures;

			EXPECT(t, testfs_write(cache_path, cases[i].data, cases[i].len));
			EXPECT_INT(t, probe_cache_load(&c, fs.root), PP_OK);
			EXPECT_INT(t, c.count, 0);
			EXPECT(t, !lookup(t, &c, path, &p));
			if (t->failures != before)
				printf("#   ... with a cache file that is %s\n", cases[i].what);
			EXPECT_INT(t, probe_cache_save(&c, fs.root), PP_OK);
		}
		free(bad_sha);
		free(foreign);
		free(version);
	}
	/* The cache written after the last bad one is good again. */
	EXPECT_INT(t, probe_cache_load(&c, fs.root), PP_OK);
	EXPECT_INT(t, c.count, 1);
	EXPECT(t, lookup(t, &c, path, &p));
out:
	free(good);
	probe_release(&p);
	probe_cache_release(&c);
	testfs_release(&fs);
}

/* The show's art: cached beside the audio, its facts and hash read back,
 * and probed again once the file changes. */
static void art_comes_from_the_cache_until_it_changes(struct test_ctx *t)
{
	char path[160], sha[IDENT_SHA256_SIZE], again_sha[IDENT_SHA256_SIZE];
	struct probe_image img, again;
	int64_t size = 0, again_size = 0;
	struct probe_cache c;
	struct testfs fs;
	struct diag diag;
	char *data = NULL;
	size_t len = 0;

	probe_cache_init(&c);
	diag_init(&diag);
	if (!testfs_init(&fs, "probe-cache-art")) {
		t->failures++;
		return;
	}
	snprintf(path, sizeof(path), "%s/cover.png", fs.root);
	EXPECT(t, pp_read_file("tests/data/show/feed/cover.png", &data, &len) == PP_OK &&
			  testfs_write(path, data, len));
	EXPECT_INT(t, probe_cache_image(&c, path, &img, sha, &size, &diag), PP_OK);
	EXPECT_INT(t, (int)c.misses, 1);
	EXPECT_INT(t, probe_cache_save(&c, fs.root), PP_OK);
	probe_cache_release(&c);
	EXPECT_INT(t, probe_cache_load(&c, fs.root), PP_OK);
	EXPECT_INT(t, probe_cache_image(&c, path, &again, again_sha, &again_size, &diag), PP_OK);
	EXPECT_INT(t, (int)c.hits, 1);
	EXPECT_STR(t, again.format, "png");
	EXPECT_INT(t, again.width, img.width);
	EXPECT_INT(t, again.height, img.height);
	EXPECT(t, again.color == img.color);
	EXPECT_STR(t, again_sha, sha);
	EXPECT_INT(t, again_size, size);
	/* Cut short: no longer the cached file, so read again. */
	EXPECT(t, testfs_write(path, data, len / 2));
	if (probe_cache_image(&c, path, &again, again_sha, &again_size, &diag) == PP_OK)
		EXPECT_STR_NE(t, again_sha, sha);
	EXPECT_INT(t, (int)c.misses, 1);
	EXPECT_INT(t, (int)c.hits, 1);
	free(data);
	diag_release(&diag);
	probe_cache_release(&c);
	testfs_release(&fs);
}

TEST_MAIN(TEST_CASE(unchanged_file_comes_from_the_cache),
		     TEST_CASE(every_change_is_probed_again), TEST_CASE(damaged_cache_is_ignored),
		     TEST_CASE(art_comes_from_the_cache_until_it_changes))
