#include "build.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feed.h"
#include "ident.h"
#include "util.h"

void build_init(struct build *b)
{
	memset(b, 0, sizeof(*b));
	show_init(&b->show);
	lint_report_init(&b->lint);
	site_init(&b->site);
}

void build_release(struct build *b)
{
	show_release(&b->show);
	lint_report_release(&b->lint);
	free(b->xml);
	free(b->output);
	site_release(&b->site);
	free(b->root);
	build_init(b);
}

/* The feed of b->show, written and linted, and its site when asked for
 * (again, after a change). */
static enum pp_result render(struct build *b, struct diag *diag)
{
	enum pp_result res;

	free(b->xml);
	b->xml = NULL;
	lint_report_release(&b->lint);
	site_release(&b->site);
	res = feed_build(&b->show, &b->xml, &b->len);
	if (res == PP_OK && b->with_site)
		res = site_render(&b->show, b->root, &b->site, diag);
	if (res != PP_OK)
		return res;
	/* Compared with the time the schedule used: a build --now in the
	 * future has no item "after the clock" that it did not mean. */
	res = lint_feed_from(b->xml, b->len, NULL, (long long)b->show.as_of, &b->lint);
	if (res != PP_OK)
		return res;
	/* podcast.yaml's `lint: ignore:`, the producer's decision. */
	for (size_t i = 0; i < b->show.config.lint_ignore_count; i++)
		lint_report_ignore(&b->lint, b->show.config.lint_ignore[i]);
	/* A show that says it moved (moved_from) keeps the guid its old feed
	 * address gave it: that is the point of podcast:guid. */
	if (b->show.config.moved_from_target)
		lint_report_ignore(&b->lint, "podcast-guid-feed-url");
	return lint_count(&b->lint, LINT_ERROR) ? PP_ELINT : PP_OK;
}

/* The show under `root`, scheduled; not yet rendered. */
static enum pp_result load(const char *root, const struct schedule_options *schedule,
			   struct build *b, struct diag *diag)
{
	enum pp_result res;

	if (!(b->root = strdup(root)))
		return PP_ENOMEM;
	res = show_load_at(root, b->base_url, &b->show, diag);
	if (res == PP_OK)
		res = schedule_apply(&b->show, schedule, diag);
	if (res != PP_OK)
		return res;
	/* Identity is forever: a guid derived from the feed URL would change
	 * when the show moves, so the producer is asked to pin it. */
	if (b->show.config.podcast_guid_derived)
		diag_add(diag, DIAG_NOTE, b->show.config.path, 0,
			 "no 'podcast_guid': add 'podcast_guid: %s' to keep the show's identity if the feed ever moves",
			 b->show.config.podcast_guid);
	return diag->out_of_memory ? PP_ENOMEM : PP_OK;
}

enum pp_result build_feed(const char *root, const struct schedule_options *schedule,
			  struct build *b, struct diag *diag)
{
	enum pp_result res = load(root, schedule, b, diag);

	return res == PP_OK ? render(b, diag) : res;
}

/* The audio names `previous` published, kept; *changed when any was. */
static enum pp_result keep_names(struct build *b, const char *previous, size_t len,
				 bool *changed, struct diag *diag)
{
	struct feed_items items = { 0 };
	enum pp_result res;

	*changed = false;
	if (!previous)
		return PP_OK;
	res = feed_read_items(previous, len, &items);
	if (res == PP_EPARSE)
		return PP_OK; /* build_check_identity says it is unreadable */
	if (res == PP_OK)
		res = show_keep_published_names(&b->show, &items, changed, diag);
	feed_items_release(&items);
	return res;
}

enum pp_result build_keep_published_names(struct build *b, const char *previous, size_t len,
					  struct diag *diag)
{
	bool changed;
	enum pp_result res = keep_names(b, previous, len, &changed, diag);

	if (res == PP_OK && changed)
		res = render(b, diag);
	return res;
}

/* The episode of `list` with `guid`, searched from *next round to it: the
 * earlier feed lists the episodes in the show's order, so each is found at
 * once. */
static const struct show_episode *find_guid(const struct show_episode *list, size_t count,
					    const char *guid, size_t *next)
{
	for (size_t n = 0; n < count; n++) {
		size_t i = (*next + n) % count;

		if (strcmp(list[i].guid, guid) == 0) {
			*next = i + 1;
			return &list[i];
		}
	}
	return NULL;
}

/* Each item of the earlier feed `items` that the show no longer has. */
static void compare_identity(const struct build *b, const struct feed_items *items,
			     const char *where, enum diag_level level, size_t *dropped,
			     struct diag *diag)
{
	size_t next = 0, next_waiting = 0;

	*dropped = 0;
	for (size_t i = 0; i < items->count; i++) {
		const struct feed_item *item = &items->items[i];
		const struct show_episode *waiting;

		if (!*item->guid ||
		    find_guid(b->show.episodes, b->show.episode_count, item->guid, &next))
			continue;
		(*dropped)++;
		waiting = find_guid(b->show.waiting, b->show.waiting_count, item->guid, &next_waiting);
		if (waiting) {
			/* Its date moved into the future (or the clock went back). */
			diag_add(diag, level, waiting->meta.md_path, 0,
				 "episode '%s' is in '%s' but dated '%s', in the future: it would "
				 "drop out of the feed until then",
				 item->title, where, waiting->meta.date_text);
			continue;
		}
		diag_add(diag, level, where, 0,
			 "episode '%s' (guid %s) would drop out of the feed; if its folder was "
			 "renamed, add 'guid: %s' to its episode.md so apps keep it as the same episode",
			 item->title, item->guid, item->guid);
	}
}

static void unreadable(const char *where, struct diag *diag)
{
	diag_warning(diag, where, 0, "earlier feed is unreadable: episode identities not compared");
}

enum pp_result build_check_identity(const struct build *b, const char *previous, size_t len,
				    const char *where, enum diag_level level, size_t *dropped,
				    struct diag *diag)
{
	struct feed_items items = { 0 };
	enum pp_result res;

	*dropped = 0;
	if (!previous)
		return PP_OK;
	res = feed_read_items(previous, len, &items);
	if (res == PP_EPARSE) {
		unreadable(where, diag);
		return PP_OK;
	}
	if (res == PP_OK)
		compare_identity(b, &items, where, level, dropped, diag);
	feed_items_release(&items);
	return res;
}

/* Writes `len` bytes of `data` to `path` through a temporary file and a
 * rename. */
static enum pp_result write_replacing(const char *path, const char *data, size_t len,
				      struct diag *diag)
{
	enum pp_result res = PP_EIO;
	char random[17], *tmp = NULL;
	bool created = false;
	FILE *f = NULL;
	int fd;

	if (ident_random_hex(random, 8) != PP_OK)
		return PP_EINTERNAL;
	/* A fresh name nobody can guess, created exclusively and never through
	 * a symlink: a link planted in the repository under a temporary name
	 * is not written through, and the rename replaces a link at `path`
	 * itself rather than the file it points to. */
	if (!(tmp = pp_asprintf("%s.%s.podpub-tmp", path, random)))
		return PP_ENOMEM;
	/* feed/ may not exist yet when the cover art lives elsewhere. */
	if (pp_make_parents(tmp) != 0) {
		diag_error(diag, tmp, 0, "cannot create folder: %s", strerror(errno));
		goto out;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0 || !(f = fdopen(fd, "wb"))) {
		diag_error(diag, tmp, 0, "cannot create: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		goto out;
	}
	created = true;
	if (fwrite(data, 1, len, f) != len || fflush(f) != 0) {
		diag_error(diag, tmp, 0, "cannot write: %s", strerror(errno));
		goto out;
	}
	if (fclose(f) != 0) {
		f = NULL;
		diag_error(diag, tmp, 0, "cannot write: %s", strerror(errno));
		goto out;
	}
	f = NULL;
	if (rename(tmp, path) != 0) {
		diag_error(diag, path, 0, "cannot rename '%s' into place: %s", tmp, strerror(errno));
		goto out;
	}
	res = PP_OK;
out:
	if (f)
		fclose(f);
	if (res != PP_OK && created)
		remove(tmp);
	free(tmp);
	return res;
}

enum pp_result build_write(const struct build *b, const char *path, struct diag *diag)
{
	return write_replacing(path, b->xml, b->len, diag);
}

/* The site's pages under `dir`, by their published names. */
static enum pp_result write_site(const struct build *b, const char *dir, struct diag *diag)
{
	enum pp_result res = PP_OK;

	for (size_t i = 0; res == PP_OK && i < b->site.count; i++) {
		const struct site_page *page = &b->site.pages[i];
		char *path = pp_path_join(dir, page->path);

		res = path ? write_replacing(path, page->data, page->len, diag) : PP_ENOMEM;
		free(path);
	}
	return res;
}

/* Renders the loaded show with the audio names the last build gave it
 * (kept before rendering, so a show with replaced audio is rendered once,
 * not twice), then warns early against that build; publish checks the
 * live feed. */
static enum pp_result render_after_previous(struct build *b, struct diag *diag)
{
	struct feed_items items = { 0 };
	char *previous = NULL;
	size_t len = 0, dropped;
	bool changed;
	enum pp_result parsed = PP_EIO, res = pp_read_file(b->output, &previous, &len);

	if (res == PP_EIO)
		res = PP_OK; /* the first build */
	else if (res == PP_OK && (parsed = feed_read_items(previous, len, &items)) == PP_ENOMEM)
		res = PP_ENOMEM;
	if (res == PP_OK && parsed == PP_OK)
		res = show_keep_published_names(&b->show, &items, &changed, diag);
	if (res == PP_OK)
		res = render(b, diag);
	if (res == PP_OK && parsed == PP_OK)
		compare_identity(b, &items, b->output, DIAG_WARNING, &dropped, diag);
	else if (res == PP_OK && previous)
		unreadable(b->output, diag);
	feed_items_release(&items);
	free(previous);
	return res;
}

enum pp_result build_show(const char *root, const struct build_options *opts, struct build *b,
			  struct diag *diag)
{
	static const struct build_options defaults = { 0 };
	enum pp_result res;

	if (!opts)
		opts = &defaults;
	if (opts->output)
		b->output = strdup(opts->output);
	else
		b->output = pp_path_join(root, opts->schedule.include_future ? "feed/preview.xml"
									     : "feed/feed.xml");
	if (!b->output)
		return PP_ENOMEM;
	b->with_site = opts->site_dir != NULL;
	res = load(root, &opts->schedule, b, diag);
	if (res == PP_OK)
		res = render_after_previous(b, diag);
	if (res == PP_OK)
		res = build_write(b, b->output, diag);
	if (res == PP_OK && opts->site_dir)
		res = write_site(b, opts->site_dir, diag);
	return res;
}
