#include "publish.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

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

/* The manifest: {"files": {"media/x.mp3": {"size": N, "sha256": "..."}}}.
 * A missing or damaged manifest is an empty one: everything is sent again,
 * which is slow but never wrong. */
static json_t *manifest_read(const struct target_ops *ops, struct target *t, struct diag *diag,
			     enum pp_result *res)
{
	char *data = NULL;
	size_t len = 0;
	json_t *root = NULL, *files;
	bool had_manifest;

	*res = ops->read(t, PUBLISH_MANIFEST, &data, &len, diag);
	if (*res != PP_OK)
		return NULL;
	had_manifest = data != NULL;
	if (had_manifest)
		root = json_loadb(data, len, 0, NULL);
	free(data);
	if (!root || !json_is_object(json_object_get(root, "files"))) {
		if (had_manifest)
			diag_warning(diag, PUBLISH_MANIFEST, 0,
				     "target's manifest is damaged: sending every file again");
		json_decref(root);
		root = json_pack("{s:{}}", "files");
	}
	files = root ? json_object_get(root, "files") : NULL;
	if (!files)
		*res = PP_ENOMEM;
	return root;
}

static enum pp_result manifest_write(const struct target_ops *ops, struct target *t,
				     json_t *manifest, struct diag *diag)
{
	char *text = json_dumps(manifest, JSON_INDENT(1) | JSON_SORT_KEYS);
	struct target_source src;
	enum pp_result res;

	if (!text)
		return PP_ENOMEM;
	src = (struct target_source){ .data = text, .len = strlen(text) };
	res = ops->put(t, &src, PUBLISH_MANIFEST ".podpub-tmp", diag);
	if (res == PP_OK)
		res = ops->commit(t, PUBLISH_MANIFEST ".podpub-tmp", PUBLISH_MANIFEST, diag);
	free(text);
	return res;
}

static bool manifest_has(json_t *files, const struct publish_item *item)
{
	json_t *entry = json_object_get(files, item->remote_path);
	const char *sha = json_string_value(json_object_get(entry, "sha256"));

	return entry && sha && strcmp(sha, item->sha256) == 0 &&
	       json_integer_value(json_object_get(entry, "size")) == item->size;
}

static enum pp_result manifest_set(json_t *files, const struct publish_item *item)
{
	json_t *entry = json_pack("{s:I,s:s}", "size", (json_int_t)item->size, "sha256",
				  item->sha256);

	if (!entry || json_object_set_new(files, item->remote_path, entry) != 0)
		return PP_ENOMEM;
	return PP_OK;
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
	enum pp_result res;
	json_t *manifest = manifest_read(ops, t, diag, &res);
	json_t *files = manifest ? json_object_get(manifest, "files") : NULL;
	bool manifest_dirty = false;

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
		if (exists && size == item->size && manifest_has(files, item)) {
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
		if ((res = manifest_set(files, item)) != PP_OK)
			goto out;
		manifest_dirty = true;
	}
	if (manifest_dirty)
		res = manifest_write(ops, t, manifest, diag);
out:
	json_decref(manifest);
	if (res == PP_EIO)
		res = PP_ETARGET;
	return res;
}
