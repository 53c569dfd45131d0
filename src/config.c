#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "apple.h"
#include "buf.h"
#include "config_lint.h"
#include "config_target.h"
#include "datetime.h"
#include "ident.h"
#include "util.h"
#include "value.h"
#include "yamldoc.h"

static const char *const show_types[] = { "episodic", "serial", NULL };

#define FIELD(key, kind, member, required) \
	{ key, kind, offsetof(struct config, member), required, NULL, 0 }

static const struct yamldoc_field config_fields[] = {
	FIELD("title", YF_STRING, title, true),
	FIELD("description", YF_STRING, description, true),
	FIELD("link", YF_URL, link, true),
	FIELD("language", YF_STRING, language, true),
	FIELD("author", YF_STRING, author, true),
	FIELD("owner", YF_CUSTOM, owner_name, true),
	FIELD("copyright", YF_STRING, copyright, false),
	FIELD("categories", YF_CUSTOM, categories, true),
	FIELD("explicit", YF_BOOL, explicit_content, false),
	{ "type", YF_CHOICE, offsetof(struct config, type), false, show_types, 0 },
	FIELD("timezone", YF_STRING, timezone, true),
	FIELD("image", YF_STRING, image, true),
	FIELD("media_root", YF_STRING, media_root, false),
	FIELD("base_url", YF_URL, base_url, true),
	FIELD("feed_url", YF_URL, feed_url, false),
	FIELD("podcast_guid", YF_STRING, podcast_guid, false),
	FIELD("locked", YF_BOOL, locked, false),
	FIELD("target", YF_STRING, target, false),
	FIELD("targets", YF_CUSTOM, targets, false),
	FIELD("moved_from", YF_CUSTOM, moved_from_target, false),
	FIELD("hub", YF_URL, hub, false),
	FIELD("notify", YF_CUSTOM, notify_podcastindex, false),
	FIELD("loudness", YF_CUSTOM, loudness, false),
	FIELD("site", YF_BOOL, site, false),
	FIELD("subscribe", YF_CUSTOM, subscribe, false),
	FIELD("lint", YF_CUSTOM, lint_ignore, false),
};

static const struct yamldoc_field moved_from_fields[] = {
	{ "target", YF_STRING, offsetof(struct config, moved_from_target), true, NULL, 0 },
	{ "feed", YF_STRING, offsetof(struct config, moved_from_feed), false, NULL, 0 },
};

static const struct yamldoc_field owner_fields[] = {
	{ "name", YF_STRING, offsetof(struct config, owner_name), true, NULL, 0 },
	{ "email", YF_EMAIL, offsetof(struct config, owner_email), true, NULL, 0 },
};

void config_init(struct config *c)
{
	memset(c, 0, sizeof(*c));
}

void config_release(struct config *c)
{
	yamldoc_release_fields(config_fields, COUNT(config_fields), c);
	yamldoc_release_fields(owner_fields, COUNT(owner_fields), c);
	yamldoc_release_fields(moved_from_fields, COUNT(moved_from_fields), c);
	for (size_t i = 0; i < c->category_count; i++) {
		free(c->categories[i].name);
		free(c->categories[i].subcategory);
	}
	free(c->categories);
	for (size_t i = 0; i < c->target_count; i++)
		config_target_release(&c->targets[i]);
	free(c->targets);
	for (size_t i = 0; i < c->subscribe_count; i++) {
		free(c->subscribe[i].service);
		free(c->subscribe[i].url);
	}
	free(c->subscribe);
	config_lint_release(c);
	free(c->notify_podcastindex);
	free(c->notify_podping);
	free(c->path);
	config_init(c);
}

static void category_error(const char *name, const char *path, int line, struct diag *diag)
{
	const char *near = apple_category_near(name);

	if (near)
		diag_error(diag, path, line,
			   "'%s' is not an Apple Podcasts category: did you mean '%s'?", name, near);
	else
		diag_error(diag, path, line, "'%s' is not an Apple Podcasts category", name);
}

static bool add_category(struct config *c, const char *name, const char *sub)
{
	struct config_category *grown;
	struct config_category *cat;

	grown = pp_grow(c->categories, &c->category_alloc, c->category_count + 1, sizeof(*grown));
	if (!grown)
		return false;
	c->categories = grown;
	cat = &c->categories[c->category_count];
	cat->name = strdup(name);
	cat->subcategory = sub ? strdup(sub) : NULL;
	c->category_count++;
	return cat->name && (!sub || cat->subcategory);
}

/* categories:
 *   - Government            a category alone
 *   - News: [Politics]      a category with one subcategory */
static bool read_categories(const struct yamldoc *doc, int list, struct config *c,
			    struct diag *diag)
{
	const char *path = yamldoc_path(doc);
	size_t n = yamldoc_length(doc, list);
	bool ok = true;

	if (yamldoc_kind(doc, list) != YAMLDOC_SEQUENCE || n == 0) {
		diag_error(diag, path, yamldoc_line(doc, list),
			   "'categories' must be a list of Apple Podcasts categories");
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		int item = yamldoc_item(doc, list, i);
		const char *name = yamldoc_scalar(doc, item);

		if (name && *name) {
			if (!apple_category_known(name)) {
				category_error(name, path, yamldoc_line(doc, item), diag);
				ok = false;
			} else if (!add_category(c, name, NULL)) {
				diag->out_of_memory = true;
				ok = false;
			}
			continue;
		}
		if (yamldoc_kind(doc, item) == YAMLDOC_MAPPING && yamldoc_length(doc, item) == 1) {
			int subs = yamldoc_pair_value(doc, item, 0);
			size_t sub_count = yamldoc_length(doc, subs);

			name = yamldoc_scalar(doc, yamldoc_pair_key(doc, item, 0));
			if (name && !apple_category_known(name)) {
				category_error(name, path, yamldoc_line(doc, item), diag);
				ok = false;
				continue;
			}
			if (name && yamldoc_kind(doc, subs) == YAMLDOC_SEQUENCE && sub_count > 0) {
				for (size_t k = 0; k < sub_count; k++) {
					const char *sub = yamldoc_scalar(doc, yamldoc_item(doc, subs, k));
					if (!sub || !*sub) {
						diag_error(diag, path, yamldoc_line(doc, subs),
							   "subcategory of '%s' must be a name", name);
						ok = false;
					} else if (!apple_subcategory_known(name, sub)) {
						diag_error(diag, path, yamldoc_line(doc, subs),
							   "'%s' is not an Apple Podcasts subcategory of '%s'",
							   sub, name);
						ok = false;
					} else if (!add_category(c, name, sub)) {
						diag->out_of_memory = true;
						ok = false;
					}
				}
				continue;
			}
		}
		diag_error(diag, path, yamldoc_line(doc, item),
			   "a category is a name, or 'Name: [Subcategory]'");
		ok = false;
	}
	return ok;
}

/* notify:
 *   podcastindex: true      # or another pubnotify URL; false (default): not told
 *   podping: true           # or a URL; sent only with PODPING_TOKEN set */
static const struct {
	const char *key;
	const char *default_url;
	size_t offset;
} notify_services[] = {
	{ "podcastindex", "https://api.podcastindex.org/api/1.0/hub/pubnotify",
	  offsetof(struct config, notify_podcastindex) },
	{ "podping", "https://podping.cloud/", offsetof(struct config, notify_podping) },
};

/* The keys of `loudness:`, their members and what they may be. */
static const struct {
	const char *key;
	size_t offset;
	double min, max;
} loudness_keys[] = {
	{ "target", offsetof(struct config_loudness, target), -70.0, 0.0 },
	{ "target_mono", offsetof(struct config_loudness, target_mono), -70.0, 0.0 },
	{ "tolerance", offsetof(struct config_loudness, tolerance), 0.0, 20.0 },
	{ "max_true_peak", offsetof(struct config_loudness, max_true_peak), -30.0, 3.0 },
};

/* The opening every mapping reader of podcast.yaml shares: true when `node`
 * is a mapping; otherwise an error at its line saying what it must be. */
static bool is_mapping(const struct yamldoc *doc, int node, const char *must_be,
		       struct diag *diag)
{
	if (yamldoc_kind(doc, node) == YAMLDOC_MAPPING)
		return true;
	diag_error(diag, yamldoc_path(doc), yamldoc_line(doc, node), "%s", must_be);
	return false;
}

/* The row of a table of `count` rows `stride` bytes apart, each starting
 * with its key's name, that names `name`; `count` when none does (or
 * `name` is NULL), after an error naming the key and listing `known`. */
static size_t key_row(const struct yamldoc *doc, int key, const char *name, const void *table,
		      size_t count, size_t stride, const char *where, struct diag *diag)
{
	for (size_t i = 0; name && i < count; i++)
		if (!strcmp(name, *(const char *const *)(const void *)((const char *)table +
									 i * stride)))
			return i;
	diag_error(diag, yamldoc_path(doc), yamldoc_line(doc, key), "unknown key '%s' in %s",
		   name ? name : "", where);
	return count;
}

/* `loudness: true`, or a mapping of the keys above; defaults as Apple and
 * others recommend: -16 LUFS (-19 for mono) within 1 LU, true peak -1 dBTP. */
static bool read_loudness(const struct yamldoc *doc, int node, struct config *c,
			  struct diag *diag)
{
	const char *path = yamldoc_path(doc), *v = yamldoc_scalar(doc, node);
	struct config_loudness *l = &c->loudness;
	bool ok = true;

	*l = (struct config_loudness){ false, -16.0, -19.0, 1.0, -1.0 };
	if (!node || (v && !strcmp(v, "false")))
		return true;
	l->check = true;
	if (v && !strcmp(v, "true"))
		return true;
	if (!is_mapping(doc, node,
			"'loudness' must be true, false or a mapping of target, target_mono, "
			"tolerance and max_true_peak",
			diag))
		return false;
	for (size_t i = 0; i < yamldoc_length(doc, node); i++) {
		int key = yamldoc_pair_key(doc, node, i), value = yamldoc_pair_value(doc, node, i);
		const char *name = yamldoc_scalar(doc, key), *text = yamldoc_scalar(doc, value);
		size_t k = key_row(doc, key, name, loudness_keys, COUNT(loudness_keys),
				   sizeof(loudness_keys[0]),
				   "loudness (target, target_mono, tolerance, max_true_peak)", diag);
		char *end = NULL;
		double d = 0.0;

		if (k == COUNT(loudness_keys)) {
			ok = false;
			continue;
		}
		if (text)
			d = strtod(text, &end);
		if (!text || !*text || end == text || *end || !(d >= loudness_keys[k].min) ||
		    !(d <= loudness_keys[k].max)) {
			diag_error(diag, path, yamldoc_line(doc, value),
				   "'%s' must be a number from %g to %g, not '%s'", name,
				   loudness_keys[k].min, loudness_keys[k].max, text ? text : "");
			ok = false;
			continue;
		}
		*(double *)((char *)l + loudness_keys[k].offset) = d;
	}
	return ok;
}

static bool read_notify(const struct yamldoc *doc, int mapping, struct config *c,
			struct diag *diag)
{
	const char *path = yamldoc_path(doc);
	bool ok = true;

	if (!mapping)
		return true;
	if (!is_mapping(doc, mapping,
			"'notify' maps services to true, false or a URL ('podcastindex: true')", diag))
		return false;
	for (size_t i = 0; i < yamldoc_length(doc, mapping); i++) {
		int key = yamldoc_pair_key(doc, mapping, i), value = yamldoc_pair_value(doc, mapping, i);
		const char *name = yamldoc_scalar(doc, key), *v = yamldoc_scalar(doc, value);
		size_t k = key_row(doc, key, name, notify_services, COUNT(notify_services),
				   sizeof(notify_services[0]), "notify (podcastindex, podping)", diag);
		char **slot;

		if (k == COUNT(notify_services)) {
			ok = false;
			continue;
		}
		slot = (char **)((char *)c + notify_services[k].offset);
		if (v && !strcmp(v, "false"))
			continue;
		if (!v || (strcmp(v, "true") && !value_is_http_url(v))) {
			diag_error(diag, path, yamldoc_line(doc, value),
				   "'%s' must be true, false or an http(s) URL", name);
			ok = false;
			continue;
		}
		free(*slot);
		if (!(*slot = strdup(strcmp(v, "true") ? v : notify_services[k].default_url)))
			diag->out_of_memory = true;
	}
	return ok;
}

/* Why the feed's name on the target (its URL below base_url) is unfit, or
 * NULL: it must be a plain path that no other published file takes (the
 * cover, the manifest and other hidden files, media/, temporary names). */
static const char *feed_name_problem(const char *name)
{
	static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~/";
	const char *seg = name;

	if (!*name)
		return "it names the folder base_url itself, not a file";
	if (name[strspn(name, safe)])
		return "it may hold only letters, digits and - _ . ~ /";
	for (const char *p = name;; p++) {
		if (*p && *p != '/')
			continue;
		if (p == seg)
			return "it has an empty path segment";
		if (*seg == '.')
			return "no part of it may start with '.' (the target's manifest and lock are such names)";
		if (!*p)
			break;
		seg = p + 1;
	}
	if (strncmp(name, "media/", 6) == 0)
		return "media/ holds the episodes' audio";
	if (strncmp(name, "cover.", 6) == 0 && !strchr(name, '/'))
		return "cover.* is the show's art";
	if (pp_has_suffix_nocase(name, ".podpub-tmp"))
		return "names ending in .podpub-tmp are podpub's temporary files";
	return NULL;
}

static enum pp_result check_feed_url(const struct config *c, const struct yamldoc *doc, int root,
				     struct diag *diag)
{
	size_t base_len = strlen(c->base_url);
	int line = yamldoc_line(doc, yamldoc_get(doc, root, "feed_url"));
	const char *why;

	if (strncmp(c->feed_url, c->base_url, base_len) != 0) {
		diag_error(diag, c->path, line, "'feed_url' must lie inside 'base_url' ('%s')",
			   c->base_url);
		return PP_EPARSE;
	}
	if ((why = feed_name_problem(c->feed_url + base_len))) {
		diag_error(diag, c->path, line,
			   "'feed_url' cannot be published as '%s' below 'base_url': %s",
			   c->feed_url + base_len, why);
		return PP_EPARSE;
	}
	return PP_OK;
}

/* subscribe:
 *   apple: https://podcasts.apple.com/...     any service name, an http(s) URL */
static bool read_subscribe(const struct yamldoc *doc, int mapping, struct config *c,
			   struct diag *diag)
{
	const char *path = yamldoc_path(doc);
	bool ok = true;

	if (!mapping)
		return true;
	if (!is_mapping(doc, mapping,
			"'subscribe' maps directories to the show's page there ('apple: URL')", diag))
		return false;
	for (size_t i = 0; i < yamldoc_length(doc, mapping); i++) {
		int key = yamldoc_pair_key(doc, mapping, i), value = yamldoc_pair_value(doc, mapping, i);
		const char *name = yamldoc_scalar(doc, key), *url = yamldoc_scalar(doc, value);
		struct config_link *grown, *link;

		if (!name || !*name || !url || !value_is_http_url(url)) {
			diag_error(diag, path, yamldoc_line(doc, value),
				   "'subscribe' entry '%s' must be an http(s) URL", name ? name : "");
			ok = false;
			continue;
		}
		grown = pp_grow(c->subscribe, &c->subscribe_alloc, c->subscribe_count + 1,
				sizeof(*grown));
		if (!grown) {
			diag->out_of_memory = true;
			return false;
		}
		c->subscribe = grown;
		link = &c->subscribe[c->subscribe_count++];
		link->service = strdup(name);
		link->url = strdup(url);
		if (!link->service || !link->url) {
			diag->out_of_memory = true;
			return false;
		}
	}
	return ok;
}

/* moved_from's target is a target's name or a location, and its feed a
 * plain path there (default feed.xml), as feed_url's is below base_url. */
static enum pp_result check_moved_from(struct config *c, struct diag *diag)
{
	const char *problem;

	if (!c->moved_from_feed && !(c->moved_from_feed = strdup("feed.xml")))
		return PP_ENOMEM;
	if (!config_find_target(c, c->moved_from_target) &&
	    !config_check_location(c->moved_from_target, false, c->path, c->moved_from_line,
				   "'moved_from' target", diag))
		return PP_EPARSE;
	if ((problem = feed_name_problem(c->moved_from_feed))) {
		diag_error(diag, c->path, c->moved_from_line,
			   "'moved_from' feed '%s' cannot be the old feed's path on its target: %s",
			   c->moved_from_feed, problem);
		return PP_EPARSE;
	}
	return PP_OK;
}

static enum pp_result fill_defaults(struct config *c, const struct yamldoc *doc, int root,
				    struct diag *diag)
{
	const char *path = c->path;

	/* The site is on unless podcast.yaml says `site: false`. */
	if (!yamldoc_get(doc, root, "site"))
		c->site = true;
	if (!c->type && !(c->type = strdup("episodic")))
		return PP_ENOMEM;
	if (!c->target && !(c->target = strdup("public")))
		return PP_ENOMEM;
	/* `target:` names a target of targets:, or is a location itself. */
	if (!config_find_target(c, c->target) &&
	    !config_check_location(c->target, false, path, c->target_line, "'target'", diag))
		return PP_EPARSE;
	if (c->base_url && c->base_url[strlen(c->base_url) - 1] != '/') {
		char *slashed = pp_asprintf("%s/", c->base_url);
		if (!slashed)
			return PP_ENOMEM;
		free(c->base_url);
		c->base_url = slashed;
	}
	if (c->base_url && !c->feed_url && !(c->feed_url = pp_asprintf("%sfeed.xml", c->base_url)))
		return PP_ENOMEM;
	if (c->base_url && c->feed_url && check_feed_url(c, doc, root, diag) != PP_OK)
		return PP_EPARSE;
	if (c->moved_from_target && check_moved_from(c, diag) != PP_OK)
		return PP_EPARSE;
	if (c->podcast_guid && !value_is_uuid(c->podcast_guid)) {
		diag_error(diag, path, yamldoc_line(doc, yamldoc_get(doc, root, "podcast_guid")),
			   "'podcast_guid' must be a lowercase UUID, not '%s'", c->podcast_guid);
		return PP_EPARSE;
	}
	if (!c->podcast_guid && c->feed_url) {
		char guid[IDENT_UUID_SIZE];
		enum pp_result made = ident_podcast_guid(c->feed_url, guid);

		/* Anything but ENOMEM would be our own namespace constant's fault. */
		if (made != PP_OK)
			return made == PP_ENOMEM ? PP_ENOMEM : PP_EINTERNAL;
		if (!(c->podcast_guid = strdup(guid)))
			return PP_ENOMEM;
		c->podcast_guid_derived = true;
	}
	if (c->language && !value_is_language_code(c->language)) {
		diag_error(diag, path, yamldoc_line(doc, yamldoc_get(doc, root, "language")),
			   "'language' must be a language code like 'fi' or 'en-US', not '%s'",
			   c->language);
		return PP_EPARSE;
	}
	if (c->timezone && !datetime_zone_known(c->timezone)) {
		diag_error(diag, path, yamldoc_line(doc, yamldoc_get(doc, root, "timezone")),
			   "unknown time zone '%s' (an IANA name such as 'Europe/Helsinki')",
			   c->timezone);
		return PP_EPARSE;
	}
	return PP_OK;
}

enum pp_result config_rebase(struct config *c, const char *base_url)
{
	size_t old_len = strlen(c->base_url);
	const char *below = strncmp(c->feed_url, c->base_url, old_len) == 0 ? c->feed_url + old_len
									      : "feed.xml";
	char *base = strdup(base_url), *feed = pp_asprintf("%s%s", base_url, below);

	if (!base || !feed) {
		free(base);
		free(feed);
		return PP_ENOMEM;
	}
	free(c->base_url);
	free(c->feed_url);
	c->base_url = base;
	c->feed_url = feed;
	return PP_OK;
}

enum pp_result config_load(const char *path, struct config *c, struct diag *diag)
{
	enum pp_result res;
	struct yamldoc *doc = NULL;
	char *text = NULL;
	size_t len = 0;
	struct stat st;
	int root;
	bool ok = true;

	if (!(c->path = strdup(path)))
		return PP_ENOMEM;
	res = pp_read_file_max(path, PP_TEXT_MAX, &text, &len, &st);
	if (res != PP_OK) {
		if (res == PP_EIO)
			diag_error(diag, path, 0, "cannot read show config: %s", strerror(errno));
		else if (res == PP_EPARSE)
			diag_refused_file(diag, path, "show config", &st, PP_TEXT_MAX);
		goto out;
	}
	if (!diag_check_text(diag, path, text, len)) {
		res = PP_EPARSE;
		goto out;
	}
	res = yamldoc_load(text, len, path, 1, &doc, diag);
	if (res != PP_OK)
		goto out;
	root = yamldoc_root(doc);
	if (yamldoc_read_fields(doc, root, "podcast.yaml", config_fields, COUNT(config_fields), c,
				diag) != PP_OK)
		ok = false;
	if (yamldoc_kind(doc, root) == YAMLDOC_MAPPING) {
		int owner = yamldoc_get(doc, root, "owner");
		int categories = yamldoc_get(doc, root, "categories");
		int targets = yamldoc_get(doc, root, "targets");
		int moved_from = yamldoc_get(doc, root, "moved_from");

		if (owner && yamldoc_read_fields(doc, owner, "'owner'", owner_fields,
						 COUNT(owner_fields), c, diag) != PP_OK)
			ok = false;
		if (categories && !read_categories(doc, categories, c, diag))
			ok = false;
		if (targets && !config_read_targets(doc, targets, c, diag))
			ok = false;
		if (moved_from &&
		    (!is_mapping(doc, moved_from,
				 "'moved_from' is a mapping: target (where the old feed lives) and "
				 "feed (its path there)",
				 diag) ||
		     yamldoc_read_fields(doc, moved_from, "'moved_from'", moved_from_fields,
					 COUNT(moved_from_fields), c, diag) != PP_OK))
			ok = false;
		c->moved_from_line = yamldoc_line(doc, moved_from);
		if (!read_notify(doc, yamldoc_get(doc, root, "notify"), c, diag))
			ok = false;
		if (!read_loudness(doc, yamldoc_get(doc, root, "loudness"), c, diag))
			ok = false;
		if (!read_subscribe(doc, yamldoc_get(doc, root, "subscribe"), c, diag))
			ok = false;
		if (!config_read_lint(doc, yamldoc_get(doc, root, "lint"), c, diag))
			ok = false;
		c->target_line = yamldoc_line(doc, yamldoc_get(doc, root, "target"));
		c->media_root_line = yamldoc_line(doc, yamldoc_get(doc, root, "media_root"));
		c->base_url_line = yamldoc_line(doc, yamldoc_get(doc, root, "base_url"));
	}
	if (!ok) {
		res = PP_EPARSE;
		goto out;
	}
	res = fill_defaults(c, doc, root, diag);
out:
	if (diag->out_of_memory)
		res = PP_ENOMEM;
	yamldoc_free(&doc);
	free(text);
	return res;
}
