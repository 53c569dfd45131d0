#include "publish.h"

#include <stdlib.h>
#include <string.h>

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
	}
	free(p->items);
	publish_plan_init(p);
}

const char *publish_kind_name(enum publish_kind kind)
{
	static const char *const names[] = {
		[PUBLISH_MEDIA] = "media",
		[PUBLISH_ART] = "art",
		[PUBLISH_FEED] = "feed",
	};
	return names[kind];
}

static enum pp_result add_item(struct publish_plan *p, enum publish_kind kind,
			       const char *local_path, const char *remote_path, int64_t size,
			       const char *sha256)
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
	p->count++;
	return PP_OK;
}

enum pp_result publish_plan_build(const struct show *show, const char *feed_path,
				  const char *feed_xml, size_t feed_len, struct publish_plan *plan,
				  struct diag *diag)
{
	const char *feed_remote, *base = show->config.base_url;
	char feed_sha[IDENT_SHA256_SIZE];
	int64_t feed_size;
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
	plan->items = calloc(show->episode_count + 2, sizeof(*plan->items));
	if (!plan->items)
		return PP_ENOMEM;
	for (size_t i = 0; i < show->episode_count; i++) {
		const struct show_file *f = &show->episodes[i].audio;

		res = add_item(plan, PUBLISH_MEDIA, f->local_path, f->remote_path, f->size, f->sha256);
		if (res != PP_OK)
			return res;
	}
	res = add_item(plan, PUBLISH_ART, show->image.local_path, show->image.remote_path,
		       show->image.size, show->image.sha256);
	if (res != PP_OK)
		return res;
	return add_item(plan, PUBLISH_FEED, feed_path, feed_remote, feed_size, feed_sha);
}

/* Puts one file under a temporary name, renames it into place and checks
 * the size the target reports. */
static enum pp_result send_item(const struct target_ops *ops, struct target *t,
				const struct publish_item *item, struct diag *diag)
{
	struct target_source src = { .path = item->local_path };
	char *tmp = pp_asprintf("%s.podpub-tmp", item->remote_path);
	enum pp_result res;
	bool exists;
	int64_t size;

	if (!tmp)
		return PP_ENOMEM;
	res = ops->put(t, &src, tmp, diag);
	if (res == PP_OK)
		res = ops->commit(t, tmp, item->remote_path, diag);
	if (res == PP_OK)
		res = ops->size(t, item->remote_path, &exists, &size, diag);
	if (res == PP_OK && (!exists || size != item->size)) {
		diag_error(diag, item->remote_path, 0,
			   "target holds %lld bytes after upload, expected %lld",
			   (long long)size, (long long)item->size);
		res = PP_ETARGET;
	}
	if (res != PP_OK)
		(void)ops->remove(t, tmp, diag);
	free(tmp);
	return res;
}

enum pp_result publish_run(struct publish_plan *plan, const struct target_ops *ops,
			   struct target *t, bool dry_run, struct diag *diag)
{
	struct manifest *manifest = NULL;
	bool manifest_dirty = false;
	enum pp_result res = manifest_read(ops, t, &manifest, diag);

	if (res != PP_OK)
		goto out;
	for (size_t i = 0; i < plan->count; i++) {
		struct publish_item *item = &plan->items[i];
		bool exists = false;
		int64_t size = 0;

		/* The manifest alone could be stale (a file deleted by hand). */
		res = ops->size(t, item->remote_path, &exists, &size, diag);
		if (res != PP_OK)
			goto out;
		if (exists && size == item->size &&
		    manifest_has(manifest, item->remote_path, item->size, item->sha256)) {
			item->action = PUBLISH_UNCHANGED;
			continue;
		}
		item->action = PUBLISH_SEND;
		if (dry_run)
			continue;
		/* Record the media in the manifest before the feed names them. */
		if (item->kind == PUBLISH_FEED && manifest_dirty) {
			if ((res = manifest_write(ops, t, manifest, diag)) != PP_OK)
				goto out;
			manifest_dirty = false;
		}
		if ((res = send_item(ops, t, item, diag)) != PP_OK)
			goto out;
		item->action = PUBLISH_SENT;
		res = manifest_set(manifest, item->remote_path, item->size, item->sha256);
		if (res != PP_OK)
			goto out;
		manifest_dirty = true;
	}
	if (manifest_dirty)
		res = manifest_write(ops, t, manifest, diag);
out:
	manifest_free(&manifest);
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
	publication_init(p);
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
	    !config_check_location(wanted, false, "--target", 0, "the location", diag))
		return PP_EPARSE;
	if (url[0] == '/' || target_scheme_length(url))
		*location = strdup(url);
	else
		*location = pp_path_join(req->root, url);
	if (!*location)
		return PP_ENOMEM;
	if (named) {
		*settings = named;
	} else {
		bare->url = *location;
		bare->line = req->target ? 0 : c->target_line;
		*settings = bare;
	}
	return PP_OK;
}

/* What listeners' apps have is the live feed: an episode of it that this
 * publish would drop is refused, unless the producer means it. */
static enum pp_result check_live_feed(const struct publication *p, const struct target_ops *ops,
				      struct target *target, bool allow_removal,
				      struct diag *diag)
{
	const char *remote = p->plan.items[p->plan.count - 1].remote_path; /* the feed, last */
	char *live = NULL, *where = NULL;
	size_t len = 0, dropped = 0;
	enum pp_result res = ops->read(target, remote, &live, &len, diag);

	if (res == PP_OK && !(where = pp_path_join(p->location, remote)))
		res = PP_ENOMEM;
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

enum pp_result publish_show(const struct publish_request *req, struct publication *p,
			    struct diag *diag)
{
	const struct config_target *settings = NULL;
	struct config_target bare = { 0 };
	const struct target_ops *ops;
	struct target *target = NULL;
	const char *rest;
	enum pp_result res;

	/* Nothing touches the target until the feed is built and clean. */
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
	res = publish_plan_build(&p->build.show, p->feed_path, p->build.xml, p->build.len,
				 &p->plan, diag);
	if (res != PP_OK)
		return res;
	res = ops->open(settings, rest, &target, diag);
	if (res != PP_OK)
		return res;
	res = check_live_feed(p, ops, target, req->allow_removal, diag);
	if (res == PP_OK && !req->dry_run)
		res = build_write(&p->build, p->feed_path, diag);
	if (res == PP_OK) {
		p->ran = true;
		res = publish_run(&p->plan, ops, target, req->dry_run, diag);
	}
	ops->close(&target);
	return res;
}
