#include "publish.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "interrupt.h"
#include "feed.h"
#include "lock.h"
#include "target/notify.h"
#include "target/served.h"
#include "manifest.h"
#include "util.h"

void publish_plan_init(struct publish_plan *p)
{
	memset(p, 0, sizeof(*p));
}

void publish_plan_release(struct publish_plan *p)
{
	for (size_t i = 0; i < p->count; i++) {
		free(p->items[i].local_path);
		free(p->items[i].remote_path);
		free(p->items[i].data);
	}
	free(p->items);
	for (size_t i = 0; i < p->removed_count; i++)
		free(p->removed[i]);
	free(p->removed);
	target_leftovers_release(&p->swept);
	publish_plan_init(p);
}

const char *publish_kind_name(enum publish_kind kind)
{
	static const char *const names[] = {
		[PUBLISH_MEDIA] = "media",
		[PUBLISH_SIDECAR] = "sidecar",
		[PUBLISH_ART] = "art",
		[PUBLISH_PAGE] = "page",
		[PUBLISH_FEED] = "feed",
	};
	return names[kind];
}

static enum pp_result add_item(struct publish_plan *p, enum publish_kind kind,
			       const char *local_path, const char *remote_path, int64_t size,
			       const char *sha256, const char *content_type)
{
	struct publish_item *item = &p->items[p->count];

	if (!(item->local_path = strdup(local_path)) ||
	    !(item->remote_path = strdup(remote_path))) {
		free(item->local_path);
		return PP_ENOMEM;
	}
	item->size = size;
	memcpy(item->sha256, sha256, sizeof(item->sha256));
	item->kind = kind;
	item->action = PUBLISH_PENDING;
	item->content_type = content_type;
	p->count++;
	return PP_OK;
}

/* An episode's file beside its audio (a sidecar, or its art: from its
 * folder or, with `data`, out of its audio); none when remote_path is NULL. */
static enum pp_result add_own(struct publish_plan *p, enum publish_kind kind,
			      const struct show_file *f, const char *content_type)
{
	struct publish_item *item = &p->items[p->count];
	enum pp_result res;

	if (!f->remote_path)
		return PP_OK;
	res = add_item(p, kind, f->local_path, f->remote_path, f->size, f->sha256, content_type);
	if (res != PP_OK || !f->data)
		return res;
	if (!(item->data = malloc((size_t)f->size + 1)))
		return PP_ENOMEM;
	memcpy(item->data, f->data, (size_t)f->size);
	return PP_OK;
}

enum pp_result publish_plan_build(const struct show *show, const char *feed_path,
				  const char *feed_xml, size_t feed_len, struct publish_plan *plan,
				  struct diag *diag)
{
	const char *feed_remote, *base = show->config.base_url;
	char feed_sha[IDENT_SHA256_SIZE];
	int64_t feed_size;
	size_t count;
	enum pp_result res;

	/* The feed's remote name is its URL below base_url. */
	if (strncmp(show->config.feed_url, base, strlen(base)) != 0 ||
	    !show->config.feed_url[strlen(base)]) {
		diag_error(diag, show->config.path, 0, "'feed_url' must lie under 'base_url' ('%s')",
			   base);
		return PP_EPARSE;
	}
	feed_remote = show->config.feed_url + strlen(base);
	feed_size = (int64_t)feed_len;
	res = ident_sha256_buffer(feed_xml, feed_len, feed_sha);
	if (res != PP_OK)
		return res;
	/* Each episode's audio, chapters, transcripts and art, the show's art,
	 * the feed. */
	count = show->episode_count * 3 + 2;
	for (size_t i = 0; i < show->episode_count; i++)
		count += show->episodes[i].transcript_count;
	plan->items = calloc(count, sizeof(*plan->items));
	if (!plan->items)
		return PP_ENOMEM;
	for (size_t i = 0; i < show->episode_count; i++) {
		const struct show_file *f = &show->episodes[i].audio;

		res = add_item(plan, PUBLISH_MEDIA, f->local_path, f->remote_path, f->size, f->sha256,
			       show->episodes[i].probe.mime_type);
		if (res != PP_OK)
			return res;
	}
	for (size_t i = 0; i < show->episode_count; i++) {
		const struct show_episode *e = &show->episodes[i];

		if ((res = add_own(plan, PUBLISH_SIDECAR, &e->chapters, "application/json")) != PP_OK)
			return res;
		for (size_t j = 0; j < e->transcript_count; j++) {
			const struct show_transcript *t = &e->transcripts[j];

			res = add_own(plan, PUBLISH_SIDECAR, &t->file,
				      transcript_content_type(t->format));
			if (res != PP_OK)
				return res;
		}
	}
	for (size_t i = 0; i < show->episode_count; i++) {
		const struct show_file *f = &show->episodes[i].art;

		if (!f->remote_path)
			continue; /* the show's art stands for it */
		res = add_own(plan, PUBLISH_ART, f,
			      pp_has_suffix_nocase(f->remote_path, ".png") ? "image/png" : "image/jpeg");
		if (res != PP_OK)
			return res;
	}
	res = add_item(plan, PUBLISH_ART, show->image.local_path, show->image.remote_path,
		       show->image.size, show->image.sha256,
		       pp_has_suffix_nocase(show->image.remote_path, ".png") ? "image/png"
									     : "image/jpeg");
	if (res != PP_OK)
		return res;
	return add_item(plan, PUBLISH_FEED, feed_path, feed_remote, feed_size, feed_sha,
			"application/rss+xml; charset=utf-8");
}

enum pp_result publish_plan_add_pages(struct publish_plan *plan, const struct site *site)
{
	struct publish_item *items, feed;

	if (!site->count)
		return PP_OK;
	items = realloc(plan->items, (plan->count + site->count) * sizeof(*items));
	if (!items)
		return PP_ENOMEM;
	plan->items = items;
	/* The feed stays last. */
	feed = items[plan->count - 1];
	for (size_t i = 0; i < site->count; i++) {
		const struct site_page *page = &site->pages[i];
		struct publish_item *item = &items[plan->count - 1 + i];

		memset(item, 0, sizeof(*item));
		if (!(item->remote_path = strdup(page->path))) {
			items[plan->count - 1 + i] = feed; /* the plan stays whole */
			plan->count += i;
			return PP_ENOMEM;
		}
		if (!(item->data = malloc(page->len + 1))) {
			free(item->remote_path);
			items[plan->count - 1 + i] = feed;
			plan->count += i;
			return PP_ENOMEM;
		}
		memcpy(item->data, page->data, page->len);
		item->size = (int64_t)page->len;
		memcpy(item->sha256, page->sha256, sizeof(item->sha256));
		item->kind = PUBLISH_PAGE;
		item->action = PUBLISH_PENDING;
		item->content_type = page->content_type;
	}
	plan->count += site->count;
	items[plan->count - 1] = feed;
	return PP_OK;
}

/* How long caches may keep a file: media and art for a day (a changed
 * file is sent again and listeners' apps fetch it by the feed's URL), the
 * feed and the pages for a minute, so a new episode shows up at once. */
static const char *cache_control(enum publish_kind kind)
{
	return kind == PUBLISH_FEED || kind == PUBLISH_PAGE ? "public, max-age=60"
							   : "public, max-age=86400";
}

/* How many times a file is tried, each under a fresh temporary name. */
#define SEND_ATTEMPTS 3

/* What a file's transfer tells the display: its item and the callback. */
struct item_progress {
	const struct publish_progress *progress;
	const struct publish_item *item;
};

static void on_item_progress(void *ctx, int64_t sent)
{
	const struct item_progress *ip = ctx;

	ip->progress->sent(ip->progress->ctx, ip->item, sent);
}

/* Sends the items `which` (indices into the plan) with up to `jobs` at
 * once; each goes under a temporary name, is renamed into place and its
 * size checked. Items sent are marked PUBLISH_SENT, in the manifest too. */
static enum pp_result send_items(struct publish_plan *plan, const size_t *which, size_t count,
				 struct target_sender *sender, int jobs,
				 const struct publish_options *opt, struct manifest *manifest,
				 bool *manifest_dirty, struct diag *diag)
{
	struct target_file *files = calloc(count ? count : 1, sizeof(*files));
	struct item_progress *progress = calloc(count ? count : 1, sizeof(*progress));
	enum pp_result res = files && progress ? PP_OK : PP_ENOMEM;

	for (size_t i = 0; res == PP_OK && i < count; i++) {
		const struct publish_item *item = &plan->items[which[i]];

		files[i].src = (struct target_source){
			.path = item->data ? NULL : item->local_path,
			.data = item->data,
			.len = item->data ? (size_t)item->size : 0,
			.content_type = item->content_type,
			.cache_control = cache_control(item->kind),
			.sha256 = item->sha256,
		};
		if (opt->progress) {
			progress[i] = (struct item_progress){ opt->progress, item };
			files[i].src.progress = on_item_progress;
			files[i].src.progress_ctx = &progress[i];
		}
		files[i].remote = item->remote_path;
		files[i].size = item->size;
	}
	if (res == PP_OK)
		res = target_sender_send(sender, files, count, jobs, diag);
	/* What is whole under its final name goes into the manifest (written
	 * before the feed; after a failure it is not written at all, and the
	 * next publish sends those files again). */
	for (size_t i = 0; files && i < count; i++) {
		struct publish_item *item = &plan->items[which[i]];
		enum pp_result set;

		if (!files[i].done)
			continue;
		item->action = PUBLISH_SENT;
		if (opt->progress && opt->progress->done)
			opt->progress->done(opt->progress->ctx, item);
		if ((set = manifest_set(manifest, item->remote_path, item->size, item->sha256)) != PP_OK)
			res = set;
		*manifest_dirty = true;
	}
	free(files);
	free(progress);
	return res;
}

static bool in_plan(const struct publish_plan *plan, const char *path)
{
	for (size_t i = 0; i < plan->count; i++)
		if (strcmp(plan->items[i].remote_path, path) == 0)
			return true;
	return false;
}

/* Once the new feed is live: removes the files the manifest lists that no
 * feed names any more (a dropped episode, replaced audio, old art), never
 * a file podpub did not put there. Each goes into plan->removed. */
static enum pp_result prune(struct publish_plan *plan, const struct target_ops *ops,
			    struct target *t, struct manifest *manifest, bool dry_run,
			    bool *manifest_dirty, struct diag *diag)
{
	char **paths = NULL;
	size_t count = 0;
	enum pp_result res = manifest_list(manifest, &paths, &count);

	if (res == PP_OK && !(plan->removed = calloc(count ? count : 1, sizeof(*plan->removed))))
		res = PP_ENOMEM;
	for (size_t i = 0; res == PP_OK && i < count; i++) {
		if (in_plan(plan, paths[i]))
			continue;
		if (!dry_run) {
			if ((res = ops->remove(t, paths[i], diag)) != PP_OK)
				break;
			manifest_unset(manifest, paths[i]);
			*manifest_dirty = true;
		}
		plan->removed[plan->removed_count++] = paths[i];
		paths[i] = NULL;
	}
	for (size_t i = 0; i < count; i++)
		free(paths[i]);
	free(paths);
	return res;
}

/* Once the new feed is live: removes the temporary files an earlier
 * publish left (its transfer cut with the server, or podpub killed before
 * it tidied up), as the listings read for sizes showed them. This
 * publish holds the target's lock, so none is being written. A removal
 * the server refuses (vsftpd keeps a cut upload's file for a minute) is a
 * warning: the next publish tries again. Those removed move from `left`
 * to plan->swept; a dry run removes nothing and moves them all. */
static enum pp_result sweep(struct publish_plan *plan, const struct target_ops *ops,
			    struct target *t, struct target_leftovers *left, bool dry_run,
			    struct diag *diag)
{
	size_t kept = 0;
	enum pp_result res = PP_OK;

	for (size_t i = 0; i < left->count; i++) {
		struct diag tried;
		enum pp_result removed = PP_OK;

		diag_init(&tried);
		if (!dry_run && res == PP_OK)
			removed = ops->remove(t, left->remote[i], &tried);
		if (removed == PP_ETARGET)
			diag_warning(diag, left->remote[i], 0,
				     "a temporary file an earlier publish left stays for now (the "
				     "next publish tries again): %s",
				     tried.count ? tried.entries[0].message : "the server refused");
		else if (removed != PP_OK)
			res = removed;
		diag_release(&tried);
		if (removed == PP_OK && res == PP_OK)
			left->remote[kept++] = left->remote[i];
		else
			free(left->remote[i]);
	}
	left->count = kept;
	target_leftovers_release(&plan->swept);
	plan->swept = *left;
	memset(left, 0, sizeof(*left));
	return res;
}

enum pp_result publish_run(struct publish_plan *plan, const struct target_ops *ops,
			   struct target *t, bool dry_run, bool prune_old, struct diag *diag)
{
	const struct publish_options opt = { .dry_run = dry_run, .prune = prune_old, .jobs = 1 };

	return publish_send(plan, ops, t, &opt, diag);
}

enum pp_result publish_send(struct publish_plan *plan, const struct target_ops *ops,
			    struct target *t, const struct publish_options *opt, struct diag *diag)
{
	struct manifest *manifest = NULL;
	struct target_leftovers left = { 0 };
	bool manifest_dirty = false;
	size_t *which = calloc(plan->count ? plan->count : 1, sizeof(*which));
	struct target_size *sizes = calloc(plan->count ? plan->count : 1, sizeof(*sizes));
	struct target_sender *sender = NULL;
	size_t count = 0, pages, feed = plan->count;
	int64_t bytes = 0;
	enum pp_result res = which && sizes ? manifest_read(ops, t, &manifest, diag) : PP_ENOMEM;

	if (res != PP_OK)
		goto out;
	if (interrupted()) {
		res = PP_EINTR;
		goto out;
	}
	/* First what differs: the target's sizes against the manifest. The
	 * manifest alone could be stale (a file deleted by hand). */
	for (size_t i = 0; i < plan->count; i++)
		sizes[i].remote = plan->items[i].remote_path;
	if ((res = target_sizes(ops, t, sizes, plan->count, &left, diag)) != PP_OK)
		goto out;
	for (size_t i = 0; i < plan->count; i++) {
		struct publish_item *item = &plan->items[i];

		if (sizes[i].exists && sizes[i].size == item->size &&
		    manifest_has(manifest, item->remote_path, item->size, item->sha256)) {
			item->action = PUBLISH_UNCHANGED;
			continue;
		}
		item->action = PUBLISH_SEND;
		bytes += item->size;
		if (item->kind == PUBLISH_FEED)
			feed = i;
		else
			which[count++] = i;
	}
	if (opt->dry_run)
		goto pruning;
	if (opt->progress && opt->progress->begin)
		opt->progress->begin(opt->progress->ctx, plan, bytes);
	/* Media, sidecars and art side by side; then the pages that show
	 * them, side by side too, once all of those are whole in place. */
	for (size_t i = 0, media = 0; i < count; i++)
		if (plan->items[which[i]].kind != PUBLISH_PAGE) {
			size_t keep = which[i];

			memmove(which + media + 1, which + media, (i - media) * sizeof(*which));
			which[media++] = keep;
		}
	for (pages = 0; pages < count && plan->items[which[count - 1 - pages]].kind == PUBLISH_PAGE;)
		pages++;
	/* One sender for every wave: its connections are logged in to once. */
	if ((res = target_sender_new(ops, t, opt->jobs, SEND_ATTEMPTS, &sender)) != PP_OK)
		goto out;
	res = send_items(plan, which, count - pages, sender, opt->jobs, opt, manifest,
			 &manifest_dirty, diag);
	if (res == PP_OK && pages)
		res = send_items(plan, which + count - pages, pages, sender, opt->jobs, opt,
				 manifest, &manifest_dirty, diag);
	if (res != PP_OK)
		goto out;
	/* Record the media in the manifest before the feed names them. */
	if (feed < plan->count && manifest_dirty) {
		if ((res = manifest_write(ops, t, manifest, diag)) != PP_OK)
			goto out;
		manifest_dirty = false;
	}
	/* The feed last, alone, once everything it names is whole in place. */
	if (feed < plan->count) {
		which[0] = feed;
		res = send_items(plan, which, 1, sender, 1, opt, manifest, &manifest_dirty, diag);
		if (res != PP_OK)
			goto out;
	}
pruning:
	if (opt->prune) {
		/* The manifest first: it must name what the live feed needs. */
		if (manifest_dirty && !opt->dry_run) {
			if ((res = manifest_write(ops, t, manifest, diag)) != PP_OK)
				goto out;
			manifest_dirty = false;
		}
		res = prune(plan, ops, t, manifest, opt->dry_run, &manifest_dirty, diag);
		if (res != PP_OK) {
			/* Keep what was removed out of the manifest; the failure
			 * is the one to report. */
			enum pp_result written =
				manifest_dirty ? manifest_write(ops, t, manifest, diag) : PP_OK;

			(void)written;
			goto out;
		}
	}
	if (manifest_dirty)
		res = manifest_write(ops, t, manifest, diag);
	if (res == PP_OK)
		res = sweep(plan, ops, t, &left, opt->dry_run, diag);
out:
	target_leftovers_release(&left);
	target_sender_free(&sender);
	manifest_free(&manifest);
	free(which);
	free(sizes);
	if (res == PP_EIO)
		res = PP_ETARGET;
	return res;
}

void publication_init(struct publication *p)
{
	memset(p, 0, sizeof(*p));
	build_init(&p->build);
	publish_plan_init(&p->plan);
}

void publication_release(struct publication *p)
{
	build_release(&p->build);
	publish_plan_release(&p->plan);
	free(p->location);
	free(p->feed_path);
	free(p->moved.location);
	publication_init(p);
}

/* A bare word given as --target (or moved_from's target) that names none
 * of the targets and no folder there is: most likely a target's name
 * mistyped, which would otherwise publish into a new folder of that name
 * in the show. The show's own `target:` stays a folder (public/ is made
 * by the first publish). Told at `where` and `line`. */
static bool unknown_target_name(const char *word, const char *root, const struct config *c,
				const char *where, int line, struct diag *diag)
{
	char *folder;
	struct stat st;
	bool exists;
	const char *near;
	struct buf names;

	if (strchr(word, '/') || target_scheme_length(word) || strcmp(word, c->target) == 0)
		return false;
	if (!(folder = pp_path_join(root, word)))
		return false;
	exists = stat(folder, &st) == 0;
	free(folder);
	if (exists)
		return false;
	near = c->target_count ? pp_did_you_mean(word, (const char *const *)&c->targets[0].name,
						 c->target_count, sizeof(c->targets[0]))
			       : NULL;
	if (near) {
		diag_error(diag, where, line, "no target named '%s': did you mean '%s'?", word, near);
		return true;
	}
	buf_init(&names);
	for (size_t i = 0; i < c->target_count; i++)
		if (buf_printf(&names, "%s%s", i ? ", " : "", c->targets[i].name) != PP_OK)
			break;
	if (c->target_count)
		diag_error(diag, where, line,
			   "no target named '%s': podcast.yaml's targets are %s (a new folder: "
			   "./%s)",
			   word, names.data ? names.data : "", word);
	else
		diag_error(diag, where, line,
			   "no target named '%s': podcast.yaml has no targets: (a new folder: ./%s)",
			   word, word);
	buf_release(&names);
	return true;
}

/* The settings and location of a target: `named` from podcast.yaml's
 * targets:, else the location `url` (a folder relative to the show's
 * repository), with `bare` for its settings, from `line`. */
static enum pp_result locate(const char *root, const struct config_target *named,
			     const char *url, int line, struct config_target *bare,
			     const struct config_target **settings, char **location)
{
	if (url[0] == '/' || target_scheme_length(url))
		*location = strdup(url);
	else
		*location = pp_path_join(root, url);
	if (!*location)
		return PP_ENOMEM;
	if (named) {
		*settings = named;
	} else {
		bare->url = *location;
		bare->line = line;
		*settings = bare;
	}
	return PP_OK;
}

/* The target the request names (a name from podcast.yaml's targets:, or a
 * location), else podcast.yaml's `target:`. A folder is relative to the
 * show's repository. *settings is borrowed from the config, or `bare`. */
static enum pp_result choose_target(const struct publish_request *req, const struct config *c,
				    struct config_target *bare, const struct config_target **settings,
				    char **location, struct diag *diag)
{
	const char *wanted = req->target ? req->target : c->target;
	const struct config_target *named = config_find_target(c, wanted);
	const char *url = named ? named->url : wanted;

	if (!named && req->target &&
	    (!config_check_location(wanted, false, "--target", 0, "the location", diag) ||
	     unknown_target_name(req->target, req->root, c, "--target", 0, diag)))
		return PP_EPARSE;
	return locate(req->root, named, url, req->target ? 0 : c->target_line, bare, settings,
		      location);
}

/* What listeners' apps have is the live feed: an episode of it that this
 * publish would drop is refused, unless the producer means it. */
static enum pp_result check_live_feed(struct publication *p, const struct target_ops *ops,
				      struct target *target, bool allow_removal,
				      struct diag *diag)
{
	const struct config *c = &p->build.show.config;
	const char *remote = c->feed_url + strlen(c->base_url);
	char *live = NULL, *where = NULL;
	size_t len = 0, dropped = 0;
	enum pp_result res = ops->read(target, remote, &live, &len, diag);

	if (res == PP_OK && !(where = pp_path_join(p->location, remote)))
		res = PP_ENOMEM;
	/* The names listeners' apps know win over the last local build's. */
	if (res == PP_OK)
		res = build_keep_published_names(&p->build, live, len, diag);
	if (res == PP_OK)
		res = build_check_identity(&p->build, live, len, where,
					   allow_removal ? DIAG_WARNING : DIAG_ERROR, &dropped, diag);
	if (res == PP_OK && dropped && !allow_removal) {
		diag_add(diag, DIAG_NOTE, where, 0,
			 "nothing was published; to drop episodes on purpose, publish with --allow-removal");
		res = PP_EPARSE;
	}
	free(live);
	free(where);
	return res;
}

/* The audio names of the last local build: a publish of what was built
 * agrees with it until the live feed says otherwise. */
static enum pp_result keep_local_names(struct publication *p)
{
	char *previous = NULL;
	size_t len = 0;
	struct diag ignored;
	enum pp_result res = pp_read_file(p->feed_path, &previous, &len);

	if (res == PP_EIO)
		return PP_OK; /* never built here */
	/* The live feed's notes are the ones to show. */
	diag_init(&ignored);
	if (res == PP_OK)
		res = build_keep_published_names(&p->build, previous, len, &ignored);
	if (ignored.out_of_memory)
		res = PP_ENOMEM;
	diag_release(&ignored);
	free(previous);
	return res;
}

/* Where podcast.yaml's moved_from says the old feed lives; its driver.
 * Refused when it is the target this publish goes to: the new feed would
 * name itself as the place to move to. */
static enum pp_result locate_moved_from(const struct publish_request *req, struct publication *p,
					struct config_target *bare,
					const struct config_target **settings,
					const struct target_ops **ops, const char **rest,
					struct diag *diag)
{
	const struct config *c = &p->build.show.config;
	const struct config_target *named = config_find_target(c, c->moved_from_target);
	enum pp_result res;

	if (!named && unknown_target_name(c->moved_from_target, req->root, c, c->path,
					  c->moved_from_line, diag))
		return PP_EPARSE;
	res = locate(req->root, named, named ? named->url : c->moved_from_target,
		     c->moved_from_line, bare, settings, &p->moved.location);
	if (res != PP_OK)
		return res;
	if (strcmp(p->moved.location, p->location) == 0) {
		diag_error(diag, c->path, c->moved_from_line,
			   "'moved_from' names '%s', the target this publish goes to: the old "
			   "feed lives on the show's old host",
			   p->moved.location);
		return PP_EPARSE;
	}
	if (!(*ops = target_for(p->moved.location, rest))) {
		diag_error(diag, c->path, c->moved_from_line,
			   "'moved_from' target '%s': podpub has no driver for it", p->moved.location);
		return PP_EPARSE;
	}
	return PP_OK;
}

/* The old address's target, as locate_moved_from found it. */
struct moved_target {
	struct config_target bare; /* its settings when it is a location */
	const struct config_target *settings;
	const struct target_ops *ops;
	const char *rest;
};

/* After a publish whose new feed is live: the feed at the show's old
 * address (moved_from, at `old`) becomes the same feed with
 * <itunes:new-feed-url>, so apps that still ask there move on, and its
 * episodes name the new host's files, which are all in place by now. Sent
 * under the old target's lock, like any feed (temporary name, then
 * rename); left alone when it already says so byte for byte. */
static enum pp_result send_moved_feed(const struct publish_request *req, struct publication *p,
				      const struct moved_target *old, struct diag *diag)
{
	const struct config *c = &p->build.show.config;
	const struct target_ops *ops = old->ops;
	struct target *target = NULL;
	struct lock *lock = NULL;
	char *xml = NULL, *live = NULL;
	size_t len = 0, live_len = 0;
	enum pp_result res = feed_build_moved(&p->build.show, &xml, &len);

	if (res == PP_OK)
		res = ops->open(old->settings, old->rest, &target, diag);
	if (res == PP_OK && !req->dry_run)
		res = lock_acquire(ops, target, req->break_lock, &lock, diag);
	if (res == PP_OK)
		res = ops->read(target, c->moved_from_feed, &live, &live_len, diag);
	p->moved.size = len;
	if (res == PP_OK && live && live_len == len && memcmp(live, xml, len) == 0) {
		p->moved.action = PUBLISH_UNCHANGED;
	} else if (res == PP_OK && req->dry_run) {
		p->moved.action = PUBLISH_SEND;
	} else if (res == PP_OK) {
		const struct target_source src = { .data = xml,
						   .len = len,
						   .content_type = "application/rss+xml",
						   .cache_control = cache_control(PUBLISH_FEED) };

		p->moved.action = PUBLISH_SEND;
		res = target_write(ops, target, &src, c->moved_from_feed, SEND_ATTEMPTS, diag);
		if (res == PP_OK)
			p->moved.action = PUBLISH_SENT;
	}
	if (target) {
		lock_release(ops, target, &lock, diag);
		ops->close(&target);
	}
	free(live);
	free(xml);
	return res;
}

enum pp_result publish_show(const struct publish_request *req, struct publication *p,
			    struct diag *diag)
{
	const struct config_target *settings = NULL;
	struct lock *lock = NULL;
	struct config_target bare = { 0 };
	const struct target_ops *ops;
	struct target *target = NULL;
	struct moved_target moved = { 0 };
	const char *rest;
	enum pp_result res;

	/* Nothing touches the target until the feed is built and clean. */
	p->build.with_site = true;
	res = build_feed(req->root, &req->schedule, &p->build, diag);
	if (res != PP_OK)
		return res;
	if (!(p->feed_path = pp_path_join(req->root, "feed/feed.xml")))
		return PP_ENOMEM;
	res = choose_target(req, &p->build.show.config, &bare, &settings, &p->location, diag);
	if (res != PP_OK)
		return res;
	ops = target_for(p->location, &rest);
	if (!ops) {
		/* Name where the location came from: the option or podcast.yaml. */
		diag_error(diag, req->target ? "--target" : p->build.show.config.path, 0,
			   "target '%s': podpub has no driver for '%.*s:' targets yet",
			   p->location, (int)target_scheme_length(p->location), p->location);
		return PP_EPARSE;
	}
	/* moved_from, checked before anything is sent. */
	if (p->build.show.config.moved_from_target &&
	    (res = locate_moved_from(req, p, &moved.bare, &moved.settings, &moved.ops,
				     &moved.rest, diag)) != PP_OK)
		return res;
	if ((res = keep_local_names(p)) != PP_OK)
		return res;
	/* Where the feed goes: its URL below base_url (checked before any
	 * connection is made). */
	if ((res = publish_plan_build(&p->build.show, p->feed_path, p->build.xml, p->build.len,
				      &p->plan, diag)) != PP_OK ||
	    (res = publish_plan_add_pages(&p->plan, &p->build.site)) != PP_OK)
		return res;
	res = ops->open(settings, rest, &target, diag);
	if (res != PP_OK)
		return res;
	/* A dry run writes nothing, a lock included. */
	if (!req->dry_run && (res = lock_acquire(ops, target, req->break_lock, &lock, diag)) != PP_OK) {
		ops->close(&target);
		return res;
	}
	res = check_live_feed(p, ops, target, req->allow_removal, diag);
	/* The plan again: the live feed may have renamed audio. */
	if (res == PP_OK) {
		publish_plan_release(&p->plan);
		res = publish_plan_build(&p->build.show, p->feed_path, p->build.xml, p->build.len,
					 &p->plan, diag);
		if (res == PP_OK)
			res = publish_plan_add_pages(&p->plan, &p->build.site);
	}
	if (res == PP_OK && !req->dry_run)
		res = build_write(&p->build, p->feed_path, diag);
	if (res == PP_OK) {
		p->ran = true;
		const struct publish_options opt = { .dry_run = req->dry_run,
						     .prune = req->prune,
						     .jobs = req->jobs,
						     .progress = req->progress };

		res = publish_send(&p->plan, ops, target, &opt, diag);
	}
	/* Only a feed that changed and is verified live is worth a ping. */
	if (res == PP_OK && p->plan.items[p->plan.count - 1].action == PUBLISH_SENT)
		res = notify_feed_changed(&p->build.show.config, &p->notified, diag);
	lock_release(ops, target, &lock, diag);
	ops->close(&target);
	/* The old address points on only once the new one is whole. */
	if (res == PP_OK && p->build.show.config.moved_from_target)
		res = send_moved_feed(req, p, &moved, diag);
	return res;
}

void check_report_release(struct check_report *r)
{
	free(r->location);
	free(r->served_by);
	memset(r, 0, sizeof(*r));
}

/* check-target's look at its probe file through base_url. */
struct served_look {
	const struct config *config;
	const char *ca_file;
	bool served;
};

static enum pp_result look_through_base_url(void *ctx, const char *remote, const char *text,
					    size_t len, struct diag *diag)
{
	struct served_look *look = ctx;
	const struct served_probe probe = { .remote = remote, .text = text, .len = len };

	return served_check(look->config, look->ca_file, &probe, &look->served, diag);
}

enum pp_result publish_check_target(const struct publish_request *req,
				    struct check_report *report, struct diag *diag)
{
	const struct config_target *settings = NULL;
	struct config_target bare = { 0 };
	const struct target_ops *ops = NULL;
	struct target *target = NULL;
	struct config config;
	struct served_look look = { .config = &config };
	char *config_path = pp_path_join(req->root, "podcast.yaml");
	const char *rest;
	enum pp_result res = config_path ? PP_OK : PP_ENOMEM;

	memset(report, 0, sizeof(*report));
	report->connections = 1;
	config_init(&config);
	if (res == PP_OK)
		res = config_load(config_path, &config, diag);
	if (res == PP_OK)
		res = choose_target(req, &config, &bare, &settings, &report->location, diag);
	if (res == PP_OK && !(ops = target_for(report->location, &rest))) {
		diag_error(diag, req->target ? "--target" : config.path, 0,
			   "target '%s': podpub has no driver for it", report->location);
		res = PP_EPARSE;
	}
	if (res == PP_OK)
		res = ops->open(settings, rest, &target, diag);
	look.ca_file = settings ? settings->ca_file : NULL;
	if (res == PP_OK)
		res = target_check(ops, target, ops == &target_file_ops ? NULL : look_through_base_url,
				   &look, diag);
	if (res == PP_OK && look.served && !(report->served_by = strdup(config.base_url)))
		res = PP_ENOMEM;
	if (res == PP_OK)
		res = target_count_connections(ops, target, req->jobs, &report->connections);
	if (target)
		ops->close(&target);
	config_release(&config);
	free(config_path);
	return res;
}
