/* Unit tests of publish: the plan for a hand-built show, and running it
 * against the local folder target, with and without faults. Each case works
 * in a fresh folder under /tmp: src/ holds the show's files, target/ is the
 * publish target (made by the first upload). */
#include "publish.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "testfs.h"
#include "testhelp.h"
#include "util.h"

static const char feed_v1[] = "<?xml version=\"1.0\"?><rss version=\"2.0\">one</rss>\n";
static const char feed_v2[] = "<?xml version=\"1.0\"?><rss version=\"2.0\">two, longer</rss>\n";

struct fixture {
	struct testfs fs;
	char target[96];
	char src[96];
	struct show show;
	struct target *t;
	struct target_ops ops; /* the file target's, its uploads counted */
};

/* ---- files ---- */

/* True when the file at root/rel holds exactly these bytes. */
static bool file_is(const char *root, const char *rel, const char *data, size_t len)
{
	char path[512];
	char *got = NULL;
	size_t got_len = 0;
	bool same;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	same = pp_read_file(path, &got, &got_len) == PP_OK && got_len == len &&
	       memcmp(got, data, len) == 0;
	free(got);
	return same;
}

static bool exists(const char *root, const char *rel)
{
	char path[512];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	return stat(path, &st) == 0;
}

static void count_if_tmp(const char *path, const char *name, void *count)
{
	size_t len = strlen(name);

	(void)path;
	if (len >= 11 && !strcmp(name + len - 11, ".podpub-tmp"))
		++*(int *)count;
}

/* Number of files under `path` whose name ends with ".podpub-tmp". */
static int count_tmp_files(const char *path)
{
	int n = 0;

	testfs_walk(path, count_if_tmp, &n);
	return n;
}

/* ---- the show ---- */

/* Local files of the show: name in src/, remote path, first content. */
static const struct {
	const char *name;
	const char *remote;
	const char *content;
} media[] = {
	{ "osa-2.mp3", "media/osa-2.mp3", "ID3 second episode audio bytes" },
	{ "osa-1.mp3", "media/osa-1.mp3", "ID3 first episode audio" },
};
static const char cover[] = "\x89PNG\r\n\x1a\n cover art";

static char *str_dup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* Fills a show_file for src/<name>: paths, URL, size and SHA-256. */
static bool describe(struct fixture *f, struct show_file *sf, const char *name, const char *remote)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", f->src, name);
	free(sf->local_path);
	free(sf->remote_path);
	free(sf->url);
	sf->local_path = str_dup(path);
	sf->remote_path = str_dup(remote);
	sf->url = pp_asprintf("%s%s", f->show.config.base_url, remote);
	return sf->local_path && sf->remote_path && sf->url &&
	       ident_sha256_file(path, sf->sha256, &sf->size) == PP_OK;
}

/* Rewrites src/<name> and the show's facts about it. */
static bool change_file(struct fixture *f, struct show_file *sf, const char *name,
			const char *remote, const char *content)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", f->src, name);
	return testfs_write(path, content, strlen(content)) && describe(f, sf, name, remote);
}

/* Writes src/feed.xml and builds the plan for it. */
static enum pp_result plan_for(struct fixture *f, const char *feed, struct publish_plan *plan,
			       struct diag *d)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/feed.xml", f->src);
	publish_plan_init(plan);
	diag_init(d);
	if (!testfs_write(path, feed, strlen(feed)))
		return PP_EIO;
	return publish_plan_build(&f->show, path, feed, strlen(feed), plan, d);
}

/* ---- a target that counts uploads and can fail the feed's ---- */

static int put_count;
static bool fail_feed_put;

static enum pp_result counting_put(struct target *t, const struct target_source *src,
				   const char *remote_tmp, struct diag *diag)
{
	enum pp_result res = target_file_ops.put(t, src, remote_tmp, diag);

	put_count++;
	/* The bytes are under the temporary name; then the connection "drops". */
	if (fail_feed_put && strncmp(remote_tmp, "feed.xml", 8) == 0) {
		diag_error(diag, remote_tmp, 0, "injected fault");
		return PP_ETARGET;
	}
	return res;
}

static struct target_ops counting_ops(void)
{
	struct target_ops ops = target_file_ops;

	ops.put = counting_put;
	put_count = 0;
	fail_feed_put = false;
	return ops;
}

static void fixture_release(struct fixture *f)
{
	target_file_ops.close(&f->t);
	show_release(&f->show);
	testfs_release(&f->fs);
}

/* Makes the folders, the show and the target; false, and a failure
 * counted, when that cannot be done. */
static bool fixture_init(struct test_ctx *t, struct fixture *f)
{
	struct config *c = &f->show.config;
	bool ok = true;

	memset(f, 0, sizeof(*f));
	show_init(&f->show);
	f->ops = counting_ops();
	if (!testfs_init(&f->fs, "publish"))
		goto fail;
	snprintf(f->src, sizeof(f->src), "%s/src", f->fs.root);
	snprintf(f->target, sizeof(f->target), "%s/target", f->fs.root);
	if (mkdir(f->src, 0755) != 0)
		goto fail;

	c->path = str_dup("podcast.yaml");
	c->base_url = str_dup("https://example.com/podcast/");
	c->feed_url = str_dup("https://example.com/podcast/feed.xml");
	f->show.episodes = calloc(2, sizeof(*f->show.episodes));
	if (!c->path || !c->base_url || !c->feed_url || !f->show.episodes)
		goto fail;
	f->show.episode_count = 2;
	for (size_t i = 0; i < 2; i++) {
		episode_init(&f->show.episodes[i].meta);
		probe_init(&f->show.episodes[i].probe);
		ok &= change_file(f, &f->show.episodes[i].audio, media[i].name, media[i].remote,
				  media[i].content);
	}
	ok &= change_file(f, &f->show.image, "cover.png", "cover.png", cover);
	if (ok) {
		struct diag d;

		diag_init(&d);
		ok = target_file_ops.open(NULL, f->target, &f->t, &d) == PP_OK;
		diag_release(&d);
	}
	if (ok)
		return true;
fail:
	t->failures++;
	fixture_release(f);
	return false;
}

/* Plans `feed` for the fixture's show and runs the plan. */
static enum pp_result run(struct fixture *f, const char *feed, bool dry_run,
			  struct publish_plan *plan)
{
	struct diag d;
	enum pp_result res = plan_for(f, feed, plan, &d);

	if (res == PP_OK)
		res = publish_run(plan, &f->ops, f->t, dry_run, false, &d);
	if (res != PP_OK)
		diag_print(&d, stdout);
	diag_release(&d);
	return res;
}

/* A first, real run of feed_v1, for the cases about the runs after one;
 * the upload count starts again from 0 after it. */
static void publish_once(struct test_ctx *t, struct fixture *f)
{
	struct publish_plan plan;

	EXPECT_INT(t, run(f, feed_v1, false, &plan), PP_OK);
	publish_plan_release(&plan);
	put_count = 0;
}

static const struct publish_item *item_at(const struct publish_plan *p, const char *remote)
{
	for (size_t i = 0; i < p->count; i++)
		if (!strcmp(p->items[i].remote_path, remote))
			return &p->items[i];
	return NULL;
}

static int action_of(const struct publish_plan *p, const char *remote)
{
	const struct publish_item *item = item_at(p, remote);

	return item ? (int)item->action : -1;
}

static void expect_every_action(struct test_ctx *t, const struct publish_plan *p,
				enum publish_action action)
{
	for (size_t i = 0; i < p->count; i++)
		EXPECT_INT(t, p->items[i].action, action);
}

/* The target's manifest, NULL when it is not JSON. Caller frees with
 * json_decref. */
static json_t *load_manifest(const struct fixture *f)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/" PUBLISH_MANIFEST, f->target);
	return json_load_file(path, 0, NULL);
}

/* ---- cases ---- */

static void plan_lists_media_art_then_feed(struct test_ctx *t)
{
	struct fixture f;
	struct publish_plan plan;
	struct diag d;

	if (!fixture_init(t, &f))
		return;
	EXPECT_INT(t, plan_for(&f, feed_v1, &plan, &d), PP_OK);
	EXPECT_INT(t, plan.count, 4);
	if (plan.count == 4) {
		EXPECT_STR(t, plan.items[0].remote_path, "media/osa-2.mp3");
		EXPECT_INT(t, plan.items[0].kind, PUBLISH_MEDIA);
		EXPECT_INT(t, plan.items[0].size, (long long)strlen(media[0].content));
		EXPECT_STR(t, plan.items[0].sha256, f.show.episodes[0].audio.sha256);
		EXPECT_STR(t, plan.items[1].remote_path, "media/osa-1.mp3");
		EXPECT_INT(t, plan.items[1].kind, PUBLISH_MEDIA);
		EXPECT_STR(t, plan.items[2].remote_path, "cover.png");
		EXPECT_INT(t, plan.items[2].kind, PUBLISH_ART);
		EXPECT_INT(t, plan.items[2].size, sizeof(cover) - 1);
		EXPECT_STR(t, plan.items[3].remote_path, "feed.xml");
		EXPECT_INT(t, plan.items[3].kind, PUBLISH_FEED);
		EXPECT_INT(t, plan.items[3].size, strlen(feed_v1));
		EXPECT_CONTAINS(t, plan.items[3].local_path, "/src/feed.xml");
		expect_every_action(t, &plan, PUBLISH_PENDING);
	}
	EXPECT_STR(t, publish_kind_name(PUBLISH_MEDIA), "media");
	EXPECT_STR(t, publish_kind_name(PUBLISH_ART), "art");
	EXPECT_STR(t, publish_kind_name(PUBLISH_FEED), "feed");
	publish_plan_release(&plan);
	diag_release(&d);
	fixture_release(&f);
}

static void feed_url_outside_base_url_is_refused(struct test_ctx *t)
{
	struct fixture f;
	struct publish_plan plan;
	struct diag d;

	if (!fixture_init(t, &f))
		return;
	free(f.show.config.feed_url);
	f.show.config.feed_url = str_dup("https://elsewhere.example.com/feed.xml");
	EXPECT_INT(t, plan_for(&f, feed_v1, &plan, &d), PP_EPARSE);
	EXPECT_INT(t, diag_count(&d, DIAG_ERROR), 1);
	EXPECT_CMP(t, d.count, >, 0);
	if (d.count)
		EXPECT_CONTAINS(t, d.entries[0].message, "'feed_url' must lie under 'base_url'");
	publish_plan_release(&plan);
	diag_release(&d);
	fixture_release(&f);
}

static void first_run_sends_everything(struct test_ctx *t)
{
	struct fixture f;
	struct publish_plan plan;
	json_t *manifest, *files;

	if (!fixture_init(t, &f))
		return;
	EXPECT_INT(t, run(&f, feed_v1, false, &plan), PP_OK);
	expect_every_action(t, &plan, PUBLISH_SENT);
	EXPECT(t, file_is(f.target, "media/osa-2.mp3", media[0].content, strlen(media[0].content)));
	EXPECT(t, file_is(f.target, "media/osa-1.mp3", media[1].content, strlen(media[1].content)));
	EXPECT(t, file_is(f.target, "cover.png", cover, sizeof(cover) - 1));
	EXPECT(t, file_is(f.target, "feed.xml", feed_v1, strlen(feed_v1)));
	EXPECT_INT(t, count_tmp_files(f.target), 0);

	manifest = load_manifest(&f);
	files = json_object_get(manifest, "files");
	EXPECT(t, json_is_object(files));
	EXPECT_INT(t, json_object_size(files), 4);
	for (size_t i = 0; i < plan.count; i++) {
		json_t *entry = json_object_get(files, plan.items[i].remote_path);

		EXPECT(t, entry != NULL);
		EXPECT_STR(t, json_string_value(json_object_get(entry, "sha256")),
			   plan.items[i].sha256);
		EXPECT_INT(t, json_integer_value(json_object_get(entry, "size")), plan.items[i].size);
	}
	json_decref(manifest);
	publish_plan_release(&plan);
	fixture_release(&f);
}

static void second_run_sends_nothing(struct test_ctx *t)
{
	struct fixture f;
	struct publish_plan plan;

	if (!fixture_init(t, &f))
		return;
	publish_once(t, &f);
	EXPECT_INT(t, run(&f, feed_v1, false, &plan), PP_OK);
	EXPECT_INT(t, plan.count, 4);
	expect_every_action(t, &plan, PUBLISH_UNCHANGED);
	EXPECT_INT(t, put_count, 0);
	publish_plan_release(&plan);
	fixture_release(&f);
}

static void changed_audio_alone_is_sent_again(struct test_ctx *t)
{
	/* Same length as media[1].content, other bytes: only the hash differs. */
	static const char changed[] = "ID3 first episode AUDIO";
	struct fixture f;
	struct publish_plan plan;

	if (!fixture_init(t, &f))
		return;
	publish_once(t, &f);

	EXPECT_INT(t, strlen(changed), strlen(media[1].content));
	EXPECT(t, change_file(&f, &f.show.episodes[1].audio, media[1].name, media[1].remote, changed));
	EXPECT_INT(t, run(&f, feed_v1, false, &plan), PP_OK);
	EXPECT_INT(t, action_of(&plan, "media/osa-1.mp3"), PUBLISH_SENT);
	EXPECT_INT(t, action_of(&plan, "media/osa-2.mp3"), PUBLISH_UNCHANGED);
	EXPECT_INT(t, action_of(&plan, "cover.png"), PUBLISH_UNCHANGED);
	EXPECT_INT(t, action_of(&plan, "feed.xml"), PUBLISH_UNCHANGED);
	EXPECT(t, file_is(f.target, "media/osa-1.mp3", changed, strlen(changed)));
	/* The file and the manifest: nothing else. */
	EXPECT_INT(t, put_count, 2);
	publish_plan_release(&plan);

	/* The manifest now knows the new bytes. */
	put_count = 0;
	EXPECT_INT(t, run(&f, feed_v1, false, &plan), PP_OK);
	EXPECT_INT(t, action_of(&plan, "media/osa-1.mp3"), PUBLISH_UNCHANGED);
	EXPECT_INT(t, put_count, 0);
	publish_plan_release(&plan);
	fixture_release(&f);
}

static void dry_run_sends_nothing(struct test_ctx *t)
{
	struct fixture f;
	struct publish_plan plan;
	struct stat st;

	if (!fixture_init(t, &f))
		return;
	EXPECT_INT(t, run(&f, feed_v1, true, &plan), PP_OK);
	expect_every_action(t, &plan, PUBLISH_SEND);
	EXPECT_INT(t, put_count, 0);
	EXPECT(t, stat(f.target, &st) != 0 && errno == ENOENT);
	publish_plan_release(&plan);

	/* After a real run, a dry run with one change reports just that one. */
	publish_once(t, &f);
	EXPECT_INT(t, run(&f, feed_v2, true, &plan), PP_OK);
	EXPECT_INT(t, action_of(&plan, "feed.xml"), PUBLISH_SEND);
	EXPECT_INT(t, action_of(&plan, "media/osa-1.mp3"), PUBLISH_UNCHANGED);
	EXPECT_INT(t, put_count, 0);
	EXPECT(t, file_is(f.target, "feed.xml", feed_v1, strlen(feed_v1)));
	publish_plan_release(&plan);
	fixture_release(&f);
}

static void file_deleted_on_target_is_sent_again(struct test_ctx *t)
{
	struct fixture f;
	struct publish_plan plan;
	char path[256];

	if (!fixture_init(t, &f))
		return;
	publish_once(t, &f);
	snprintf(path, sizeof(path), "%s/media/osa-2.mp3", f.target);
	EXPECT_INT(t, unlink(path), 0);

	EXPECT_INT(t, run(&f, feed_v1, false, &plan), PP_OK);
	EXPECT_INT(t, action_of(&plan, "media/osa-2.mp3"), PUBLISH_SENT);
	EXPECT_INT(t, action_of(&plan, "media/osa-1.mp3"), PUBLISH_UNCHANGED);
	EXPECT_INT(t, action_of(&plan, "feed.xml"), PUBLISH_UNCHANGED);
	EXPECT(t, file_is(f.target, "media/osa-2.mp3", media[0].content, strlen(media[0].content)));
	publish_plan_release(&plan);
	fixture_release(&f);
}

static void damaged_manifest_sends_everything_again(struct test_ctx *t)
{
	struct fixture f;
	struct publish_plan plan;
	struct diag d;
	char path[256];

	if (!fixture_init(t, &f))
		return;
	publish_once(t, &f);
	snprintf(path, sizeof(path), "%s/" PUBLISH_MANIFEST, f.target);
	EXPECT(t, testfs_write(path, "{\"files\": [", 11));

	EXPECT_INT(t, plan_for(&f, feed_v1, &plan, &d), PP_OK);
	EXPECT_INT(t, publish_run(&plan, &f.ops, f.t, false, false, &d), PP_OK);
	expect_every_action(t, &plan, PUBLISH_SENT);
	EXPECT_INT(t, diag_count(&d, DIAG_WARNING), 1);
	EXPECT_INT(t, diag_count(&d, DIAG_ERROR), 0);
	publish_plan_release(&plan);
	diag_release(&d);

	/* ... and repairs it. */
	put_count = 0;
	EXPECT_INT(t, run(&f, feed_v1, false, &plan), PP_OK);
	EXPECT_INT(t, put_count, 0);
	publish_plan_release(&plan);
	fixture_release(&f);
}

static void failed_feed_upload_keeps_the_old_feed(struct test_ctx *t)
{
	static const char changed[] = "ID3 first episode, re-edited";
	struct fixture f;
	struct publish_plan plan;
	struct diag d;
	json_t *manifest;

	if (!fixture_init(t, &f))
		return;
	publish_once(t, &f);

	/* A new episode file and a new feed; the feed's upload fails. */
	EXPECT(t, change_file(&f, &f.show.episodes[1].audio, media[1].name, media[1].remote, changed));
	fail_feed_put = true;
	EXPECT_INT(t, plan_for(&f, feed_v2, &plan, &d), PP_OK);
	EXPECT_INT(t, publish_run(&plan, &f.ops, f.t, false, false, &d), PP_ETARGET);
	EXPECT_CMP(t, diag_count(&d, DIAG_ERROR), >=, 1);
	EXPECT_INT(t, action_of(&plan, "media/osa-1.mp3"), PUBLISH_SENT);
	EXPECT_CMP(t, action_of(&plan, "feed.xml"), !=, PUBLISH_SENT);
	EXPECT(t, file_is(f.target, "feed.xml", feed_v1, strlen(feed_v1)));
	EXPECT(t, file_is(f.target, "media/osa-1.mp3", changed, strlen(changed)));
	EXPECT_INT(t, count_tmp_files(f.target), 0);
	EXPECT(t, !exists(f.target, "feed.xml.podpub-tmp"));
	/* The media sent before the failure are in the manifest, the feed is not. */
	manifest = load_manifest(&f);
	EXPECT_STR(t,
		   json_string_value(json_object_get(
			   json_object_get(json_object_get(manifest, "files"), "media/osa-1.mp3"),
			   "sha256")),
		   f.show.episodes[1].audio.sha256);
	json_decref(manifest);
	publish_plan_release(&plan);
	diag_release(&d);

	/* Once the target works again only the feed is sent. */
	fail_feed_put = false;
	EXPECT_INT(t, run(&f, feed_v2, false, &plan), PP_OK);
	EXPECT_INT(t, action_of(&plan, "feed.xml"), PUBLISH_SENT);
	EXPECT_INT(t, action_of(&plan, "media/osa-1.mp3"), PUBLISH_UNCHANGED);
	EXPECT(t, file_is(f.target, "feed.xml", feed_v2, strlen(feed_v2)));
	publish_plan_release(&plan);
	fixture_release(&f);
}

TEST_MAIN(TEST_CASE(plan_lists_media_art_then_feed),
	  TEST_CASE(feed_url_outside_base_url_is_refused), TEST_CASE(first_run_sends_everything),
	  TEST_CASE(second_run_sends_nothing), TEST_CASE(changed_audio_alone_is_sent_again),
	  TEST_CASE(dry_run_sends_nothing), TEST_CASE(file_deleted_on_target_is_sent_again),
	  TEST_CASE(damaged_manifest_sends_everything_again),
	  TEST_CASE(failed_feed_upload_keeps_the_old_feed))
