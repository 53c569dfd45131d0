#include "show.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "apple.h"
#include "fence.h"
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

static enum pp_result load_image(struct show *s, const char *root, const struct fence *fence,
				 struct diag *diag)
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
	if ((res = fence_check(fence, s->image.local_path, FENCE_FILE, false, diag)) != PP_OK)
		return res;
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

/* The episode folder and its episode.md lie inside the show; the audio
 * inside the show or media_root. */
static enum pp_result fence_episode(const struct fence *fence, const char *dir,
				    struct diag *diag)
{
	char *md = pp_path_join(dir, "episode.md");
	enum pp_result res;

	if (!md)
		return PP_ENOMEM;
	res = fence_check(fence, dir, FENCE_FOLDER, false, diag);
	if (res == PP_OK)
		res = fence_check(fence, md, FENCE_FILE, false, diag);
	free(md);
	return res;
}

static enum pp_result load_episode(struct show *s, const char *episodes_dir, const char *slug,
				   const struct fence *fence, struct diag *diag)
{
	struct show_episode *se = &s->episodes[s->episode_count++];
	char *dir = pp_path_join(episodes_dir, slug);
	enum pp_result res;

	episode_init(&se->meta);
	probe_init(&se->probe);
	if (!dir)
		return PP_ENOMEM;
	res = fence_episode(fence, dir, diag);
	free(dir);
	if (res != PP_OK)
		return res;
	res = episode_load(episodes_dir, slug, s->config.timezone, &se->meta, diag);
	if (se->meta.audio_path) {
		enum pp_result fenced =
			fence_check(fence, se->meta.audio_path, FENCE_FILE, true, diag);

		if (fenced != PP_OK)
			return res == PP_ENOMEM ? res : fenced;
	}
	if (se->meta.audio_path) {
		/* Probe even when the front matter is wrong: report every problem at once. */
		enum pp_result probed = probe_file(se->meta.audio_path, &se->probe, diag);
		if (res == PP_OK)
			res = probed;
	}
	if (res != PP_OK)
		return res;
	if (!(se->audio.local_path = strdup(se->meta.audio_path)) ||
	    !(se->audio.remote_path = pp_asprintf("media/%s.%s", slug, se->probe.extension)))
		return PP_ENOMEM;
	res = describe_file(&se->audio, s->config.base_url, diag);
	if (res != PP_OK)
		return res;
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
	enum pp_result res = PP_ENOMEM, worst = PP_OK;
	char *config_path = NULL, *episodes_dir = NULL;
	struct dirent **names = NULL;
	struct fence fence;
	int count = 0;

	fence_init(&fence);

	if (!(config_path = pp_path_join(root, "podcast.yaml")) ||
	    !(episodes_dir = pp_path_join(root, "episodes")))
		goto out;
	if ((res = fence_open(&fence, root, config_path, diag)) != PP_OK ||
	    (res = fence_check(&fence, config_path, FENCE_FILE, false, diag)) != PP_OK)
		goto out;
	res = config_load(config_path, &s->config, diag);
	if (res != PP_OK)
		goto out;
	if (s->config.media_root &&
	    (res = fence_set_media_root(&fence, root, s->config.media_root, config_path,
					s->config.media_root_line, diag)) != PP_OK)
		goto out;
	res = load_image(s, root, &fence, diag);
	if (res != PP_OK && res != PP_EPARSE && res != PP_EMEDIA)
		goto out;
	worst = res;

	if ((res = fence_check(&fence, episodes_dir, FENCE_FOLDER, false, diag)) != PP_OK)
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
		struct stat st, lst;
		bool is_dir = dir && stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
		/* A link that dangles or loops is named, never skipped. */
		bool broken_link = dir && !is_dir && lstat(dir, &lst) == 0 && S_ISLNK(lst.st_mode) &&
				   stat(dir, &st) != 0;

		if (!dir) {
			res = PP_ENOMEM;
			goto out;
		}
		if (broken_link)
			res = fence_check(&fence, dir, FENCE_FOLDER, false, diag);
		free(dir);
		if (broken_link) {
			if (res == PP_ENOMEM)
				goto out;
			if (worst == PP_OK)
				worst = PP_EPARSE;
			continue;
		}
		if (!is_dir)
			continue; /* a README or notes beside the episode folders */
		res = load_episode(s, episodes_dir, names[i]->d_name, &fence, diag);
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
	if (worst == PP_OK) {
		qsort(s->episodes, s->episode_count, sizeof(*s->episodes), newest_first);
		s->newest = s->episodes[0].meta.date;
	}
	res = worst;
out:
	for (int i = 0; i < count; i++)
		free(names[i]);
	free(names);
	free(config_path);
	free(episodes_dir);
	fence_release(&fence);
	if (diag->out_of_memory && res == PP_OK)
		res = PP_ENOMEM;
	return res;
}
