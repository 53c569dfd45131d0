#include "show.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "apple.h"
#include "feed.h"
#include "media/probe_cache.h"
#include "util.h"

void show_init(struct show *s)
{
	memset(s, 0, sizeof(*s));
	config_init(&s->config);
}

static void show_file_release(struct show_file *f)
{
	free(f->local_path);
	free(f->remote_path);
	free(f->url);
	memset(f, 0, sizeof(*f));
}

void show_release(struct show *s)
{
	for (size_t i = 0; i < s->episode_count; i++) {
		episode_release(&s->episodes[i].meta);
		probe_release(&s->episodes[i].probe);
		show_file_release(&s->episodes[i].audio);
		free(s->episodes[i].page_url);
	}
	free(s->episodes);
	show_file_release(&s->image);
	config_release(&s->config);
	show_init(s);
}

/* Fills size, hash and URL of a file whose local and remote paths are set. */
static enum pp_result describe_file(struct show_file *f, const char *base_url, struct diag *diag)
{
	enum pp_result res = ident_sha256_file(f->local_path, f->sha256, &f->size);

	if (res == PP_EIO) {
		diag_error(diag, f->local_path, 0, "cannot read: %s", strerror(errno));
		return PP_EPARSE;
	}
	if (res != PP_OK)
		return res;
	if (!(f->url = pp_asprintf("%s%s", base_url, f->remote_path)))
		return PP_ENOMEM;
	return PP_OK;
}

/* Apple Podcasts' rules for show art (apple.h): square, 1400 to 3000
 * pixels a side, PNG or JPEG, in colour. */
static enum pp_result check_cover(const char *path, struct diag *diag)
{
	struct probe_image img;
	enum pp_result res = probe_image(path, &img, diag);

	if (res != PP_OK)
		return res == PP_EIO ? PP_EPARSE : res;
	if (img.width != img.height || img.width < APPLE_ART_MIN_PX || img.width > APPLE_ART_MAX_PX) {
		diag_error(diag, path, 0, "cover art must be square, %d to %d pixels a side: it is %dx%d",
			   APPLE_ART_MIN_PX, APPLE_ART_MAX_PX, img.width, img.height);
		res = PP_EMEDIA;
	}
	if (!img.color) {
		diag_error(diag, path, 0, "cover art must be in colour (RGB), not greyscale");
		res = PP_EMEDIA;
	}
	return res;
}

static enum pp_result load_image(struct show *s, const char *root, struct diag *diag)
{
	const char *name = s->config.image;
	const char *ext = strrchr(name, '.');
	enum pp_result res;

	if (!ext || !(pp_has_suffix_nocase(name, ".png") || pp_has_suffix_nocase(name, ".jpg") ||
		      pp_has_suffix_nocase(name, ".jpeg"))) {
		diag_error(diag, s->config.path, 0, "'image' must be a JPEG or PNG file, not '%s'", name);
		return PP_EPARSE;
	}
	if (!(s->image.local_path = pp_path_join(root, name)) ||
	    !(s->image.remote_path = pp_asprintf("cover%s", ext)))
		return PP_ENOMEM;
	/* Lowercase the published extension: "cover.PNG" would be a surprise. */
	for (char *p = s->image.remote_path; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	res = describe_file(&s->image, s->config.base_url, diag);
	if (res != PP_OK)
		return res;
	return check_cover(s->image.local_path, diag);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int only_visible(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/* Newest first; the slug breaks ties so the order never depends on readdir. */
static int newest_first(const void *a, const void *b)
{
	const struct show_episode *x = a, *y = b;

	if (x->meta.date != y->meta.date)
		return x->meta.date < y->meta.date ? 1 : -1;
	return strcmp(x->meta.slug, y->meta.slug);
}

static enum pp_result load_episode(struct show *s, const char *episodes_dir, const char *slug,
				   struct probe_cache *cache, struct diag *diag)
{
	struct show_episode *se = &s->episodes[s->episode_count++];
	enum pp_result res;

	episode_init(&se->meta);
	probe_init(&se->probe);
	res = episode_load(episodes_dir, slug, s->config.timezone, &se->meta, diag);
	if (se->meta.audio_path) {
		/* Probe even when the front matter is wrong: report every
		 * problem at once. The cache answers for unchanged files,
		 * probe and hash alike. */
		enum pp_result probed = probe_cache_file(cache, se->meta.audio_path, &se->probe,
							 se->audio.sha256, &se->audio.size, diag);
		if (probed == PP_EIO && se->probe.extension)
			probed = PP_EPARSE; /* probed, then unreadable: as describe_file */
		if (res == PP_OK)
			res = probed;
	}
	if (res != PP_OK)
		return res;
	if (!(se->audio.local_path = strdup(se->meta.audio_path)) ||
	    !(se->audio.remote_path = pp_asprintf("media/%s.%s", slug, se->probe.extension)) ||
	    !(se->audio.url = pp_asprintf("%s%s", s->config.base_url, se->audio.remote_path)))
		return PP_ENOMEM;
	if (s->config.site && !(se->page_url = pp_asprintf("%s%s/", s->config.base_url, slug)))
		return PP_ENOMEM;
	if (se->meta.guid) {
		if (strlen(se->meta.guid) >= sizeof(se->guid)) {
			diag_error(diag, se->meta.md_path, se->meta.guid_line, "'guid' is too long");
			return PP_EPARSE;
		}
		strncpy(se->guid, se->meta.guid, sizeof(se->guid) - 1);
		return PP_OK;
	}
	/* Derived from the show's guid and the slug: survives a change of host,
	 * of feed URL and of the audio file's name. */
	return ident_uuid5(s->config.podcast_guid, slug, se->guid);
}

static bool check_unique(const struct show *s, struct diag *diag)
{
	bool ok = true;

	for (size_t i = 0; i < s->episode_count; i++) {
		const struct show_episode *a = &s->episodes[i];

		for (size_t j = i + 1; j < s->episode_count; j++) {
			const struct show_episode *b = &s->episodes[j];

			if (a->meta.number && a->meta.number == b->meta.number &&
			    a->meta.season == b->meta.season) {
				diag_error(diag, b->meta.md_path, b->meta.number_line,
					   "duplicate episode number %ld: '%s' has it too", b->meta.number,
					   a->meta.md_path);
				ok = false;
			}
			if (strcmp(a->guid, b->guid) == 0) {
				diag_error(diag, b->meta.md_path, b->meta.guid_line,
					   "duplicate guid '%s': '%s' has it too", b->guid, a->meta.md_path);
				ok = false;
			}
		}
	}
	return ok;
}

enum pp_result show_load(const char *root, struct show *s, struct diag *diag)
{
	return show_load_at(root, NULL, s, diag);
}

enum pp_result show_load_at(const char *root, const char *base_url, struct show *s,
			    struct diag *diag)
{
	enum pp_result res = PP_ENOMEM, worst = PP_OK;
	char *config_path = NULL, *episodes_dir = NULL;
	struct dirent **names = NULL;
	struct probe_cache cache;
	int count = 0;

	probe_cache_init(&cache);

	if (!(config_path = pp_path_join(root, "podcast.yaml")) ||
	    !(episodes_dir = pp_path_join(root, "episodes")))
		goto out;
	res = config_load(config_path, &s->config, diag);
	if (res == PP_OK && base_url)
		res = config_rebase(&s->config, base_url);
	if (res != PP_OK)
		goto out;
	res = load_image(s, root, diag);
	if (res != PP_OK && res != PP_EPARSE && res != PP_EMEDIA)
		goto out;
	worst = res;
	if ((res = probe_cache_load(&cache, root)) != PP_OK)
		goto out;

	count = scandir(episodes_dir, &names, only_visible, by_name);
	if (count < 0) {
		diag_error(diag, episodes_dir, 0, "cannot read episodes folder: %s", strerror(errno));
		res = PP_EPARSE;
		goto out;
	}
	s->episodes = calloc((size_t)count + 1, sizeof(*s->episodes));
	if (!s->episodes) {
		res = PP_ENOMEM;
		goto out;
	}
	for (int i = 0; i < count; i++) {
		char *dir = pp_path_join(episodes_dir, names[i]->d_name);
		struct stat st;
		bool is_dir = dir && stat(dir, &st) == 0 && S_ISDIR(st.st_mode);

		if (!dir) {
			res = PP_ENOMEM;
			goto out;
		}
		free(dir);
		if (!is_dir)
			continue; /* a README or notes beside the episode folders */
		res = load_episode(s, episodes_dir, names[i]->d_name, &cache, diag);
		if (res == PP_ENOMEM || res == PP_EINTERNAL)
			goto out;
		if (res != PP_OK && worst == PP_OK)
			worst = res;
	}
	if (s->episode_count == 0) {
		diag_error(diag, episodes_dir, 0, "no episodes: add a folder with episode.md and its audio");
		worst = PP_EPARSE;
	}
	if (worst == PP_OK && !check_unique(s, diag))
		worst = PP_EPARSE;
	/* Only when something was probed: an unchanged show writes nothing.
	 * A cache that cannot be written costs speed, not correctness. */
	if (cache.misses > 0 && probe_cache_save(&cache, root) != PP_OK)
		diag_warning(diag, root, 0, "cannot write the probe cache '%s/%s': %s",
			     PROBE_CACHE_DIR, PROBE_CACHE_FILE, strerror(errno));
	if (worst == PP_OK) {
		qsort(s->episodes, s->episode_count, sizeof(*s->episodes), newest_first);
		s->newest = s->episodes[0].meta.date;
	}
	res = worst;
out:
	probe_cache_release(&cache);
	for (int i = 0; i < count; i++)
		free(names[i]);
	free(names);
	free(config_path);
	free(episodes_dir);
	if (diag->out_of_memory && res == PP_OK)
		res = PP_ENOMEM;
	return res;
}

static const struct feed_item *previous_item(const struct feed_items *previous, const char *guid)
{
	for (size_t i = 0; i < previous->count; i++)
		if (strcmp(previous->items[i].guid, guid) == 0)
			return &previous->items[i];
	return NULL;
}

/* Points the episode's audio at `remote` under base_url. */
static enum pp_result rename_audio(struct show_file *f, const char *base_url, char *remote)
{
	char *url = remote ? pp_asprintf("%s%s", base_url, remote) : NULL;

	if (!url) {
		free(remote);
		return PP_ENOMEM;
	}
	free(f->remote_path);
	free(f->url);
	f->remote_path = remote;
	f->url = url;
	return PP_OK;
}

enum pp_result show_keep_published_names(struct show *s, const struct feed_items *previous,
					 bool *changed, struct diag *diag)
{
	const char *base = s->config.base_url;
	size_t base_len = strlen(base);

	*changed = false;
	for (size_t i = 0; i < s->episode_count; i++) {
		struct show_episode *e = &s->episodes[i];
		const struct feed_item *item = previous_item(previous, e->guid);
		const char *published;
		char *name;
		enum pp_result res;

		if (!item || strncmp(item->enclosure_url, base, base_len) != 0 ||
		    strncmp(item->enclosure_url + base_len, "media/", 6) != 0)
			continue; /* new, or published elsewhere: the plain name */
		published = item->enclosure_url + base_len;
		if (item->enclosure_length == e->audio.size) {
			/* The same length: the published name stands. */
			if (strcmp(published, e->audio.remote_path) == 0)
				continue;
			name = strdup(published);
		} else {
			name = pp_asprintf("media/%s-%.8s.%s", e->meta.slug, e->audio.sha256,
					   e->probe.extension);
			if (name && strcmp(name, published) != 0)
				diag_add(diag, DIAG_NOTE, e->meta.md_path, 0,
					 "new audio (%lld bytes, was %lld) goes out as '%s': "
					 "apps fetch it anew, the episode stays the same",
					 (long long)e->audio.size, item->enclosure_length, name);
		}
		if (name && strcmp(name, e->audio.remote_path) == 0) {
			free(name);
			continue;
		}
		if ((res = rename_audio(&e->audio, base, name)) != PP_OK)
			return res;
		*changed = true;
	}
	return PP_OK;
}
