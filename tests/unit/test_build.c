/* From the tests' own show (a scratch copy of tests/data/show) to a checked
 * feed, and the identity check. */
#include "build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "media/probe.h"
#include "testfs.h"
#include "testhelp.h"
#include "util.h"

/* Builds a scratch copy of the test show; the copy is the caller's to
 * release with testfs_release(). */
static bool load_show(struct test_ctx *t, struct testfs *fs, struct build *b, struct diag *d)
{
	char dir[128];

	build_init(b);
	diag_init(d);
	if (!testfs_show(fs, "build", dir, sizeof(dir))) {
		t->failures++;
		return false;
	}
	EXPECT_INT(t, build_feed(dir, NULL, b, d), PP_OK);
	return b->xml != NULL;
}

static void test_show_builds_clean(struct test_ctx *t)
{
	struct testfs fs;
	struct build b;
	struct diag d;

	if (load_show(t, &fs, &b, &d)) {
		EXPECT_INT(t, d.count, 0);
		EXPECT_INT(t, lint_count(&b.lint, LINT_ERROR), 0);
		EXPECT_INT(t, lint_count(&b.lint, LINT_WARNING), 0);
		EXPECT_CONTAINS(t, b.xml, "<title>JANEn Vaikuttamis-podcast</title>");
	}
	build_release(&b);
	diag_release(&d);
	testfs_release(&fs);
}

static void identity_check_finds_dropped_episodes(struct test_ctx *t)
{
	/* An earlier feed with one episode the test show does not have. */
	static const char earlier[] =
		"<rss version=\"2.0\"><channel><title>x</title>"
		"<item><title>Vanha jakso</title><guid isPermaLink=\"false\">old-guid-1</guid></item>"
		"</channel></rss>";
	struct testfs fs;
	struct build b;
	struct diag d;
	size_t dropped = 99;

	if (!load_show(t, &fs, &b, &d))
		goto out;
	EXPECT_INT(t, build_check_identity(&b, b.xml, b.len, "same.xml", DIAG_ERROR, &dropped, &d),
		   PP_OK);
	EXPECT_INT(t, dropped, 0);
	EXPECT_INT(t, build_check_identity(&b, NULL, 0, "none.xml", DIAG_ERROR, &dropped, &d), PP_OK);
	EXPECT_INT(t, dropped, 0);
	EXPECT_INT(t, d.count, 0);
	EXPECT_INT(t, build_check_identity(&b, earlier, sizeof(earlier) - 1, "live.xml", DIAG_ERROR,
					   &dropped, &d),
		   PP_OK);
	EXPECT_INT(t, dropped, 1);
	EXPECT_INT(t, diag_count(&d, DIAG_ERROR), 1);
	if (d.count == 1) {
		EXPECT_STR(t, d.entries[0].path, "live.xml");
		EXPECT_CONTAINS(t, d.entries[0].message, "'Vanha jakso' (guid old-guid-1)");
		EXPECT_CONTAINS(t, d.entries[0].message, "add 'guid: old-guid-1'");
	}
	diag_release(&d);
	diag_init(&d);
	EXPECT_INT(t, build_check_identity(&b, "not xml", 7, "bad.xml", DIAG_ERROR, &dropped, &d),
		   PP_OK);
	EXPECT_INT(t, dropped, 0);
	EXPECT_INT(t, diag_count(&d, DIAG_WARNING), 1);
out:
	build_release(&b);
	diag_release(&d);
	testfs_release(&fs);
}

static void write_replaces_the_file_whole(struct test_ctx *t)
{
	char dir[] = "/tmp/podpub-build-XXXXXX", path[64], tmp[80];
	struct testfs fs;
	struct build b;
	struct diag d;
	char *data = NULL;
	size_t len = 0;

	if (!load_show(t, &fs, &b, &d) || !mkdtemp(dir)) {
		t->failures++;
		goto out;
	}
	snprintf(path, sizeof(path), "%s/feed/feed.xml", dir);
	snprintf(tmp, sizeof(tmp), "%s.podpub-tmp", path);
	EXPECT_INT(t, build_write(&b, path, &d), PP_OK);
	EXPECT_INT(t, pp_read_file(path, &data, &len), PP_OK);
	EXPECT_MEM(t, data, len, b.xml, b.len);
	EXPECT(t, access(tmp, F_OK) != 0);
	free(data);
	unlink(path);
	snprintf(path, sizeof(path), "%s/feed", dir);
	rmdir(path);
	rmdir(dir);
out:
	build_release(&b);
	diag_release(&d);
	testfs_release(&fs);
}

TEST_MAIN(TEST_CASE(test_show_builds_clean),
		     TEST_CASE(identity_check_finds_dropped_episodes),
		     TEST_CASE(write_replaces_the_file_whole))
