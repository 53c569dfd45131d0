#include "show.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "apple.h"
#include "buf.h"
#include "feed.h"
#include "media/probe_cache.h"
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
	free(f->data);
	memset(f, 0, sizeof(*f));
}

static void show_episode_release(struct show_episode *e)
{
	episode_release(&e->meta);
	probe_release(&e->probe);
	show_file_release(&e->audio);
	show_file_release(&e->chapters);
	for (size_t i = 0; i < e->transcript_count; i++) {
		show_file_release(&e->transcripts[i].file);
		transcript_release(&e->transcripts[i].cues);
	}
	free(e->transcripts);
	show_file_release(&e->art);
	free(e->page_url);
}

void show_release(struct show *s)
{
	for (size_t i = 0; i < s->episode_count; i++)
		show_episode_release(&s->episodes[i]);
	for (size_t i = 0; i < s->waiting_count; i++)
		show_episode_release(&s->waiting[i]);
	free(s->episodes);
	free(s->waiting);
	show_file_release(&s->image);
	config_release(&s->config);
	show_init(s);
}

/* Apple Podcasts' rules for show art (apple.h): square, 1400 to 3000
 * pixels a side, PNG or JPEG, in colour. */
static enum pp_result check_cover(const char *path, const struct probe_image *img,
				  struct diag *diag)
{
	enum pp_result res = PP_OK;

	if (img->width != img->height || img->width < APPLE_ART_MIN_PX ||
	    img->width > APPLE_ART_MAX_PX) {
		diag_error(diag, path, 0, "cover art must be square, %d to %d pixels a side: it is %dx%d",
			   APPLE_ART_MIN_PX, APPLE_ART_MAX_PX, img->width, img->height);
		res = PP_EMEDIA;
	}
	if (!img->color) {
		diag_error(diag, path, 0, "cover art must be in colour (RGB), not greyscale");
		res = PP_EMEDIA;
	}
	return res;
}

static enum pp_result load_image(struct show *s, const char *root, const struct fence *fence,
				 struct probe_cache *cache, struct diag *diag)
{
	const char *name = s->config.image;
	const char *ext = strrchr(name, '.');
	struct show_file *f = &s->image;
	struct probe_image img;
	enum pp_result res;

	if (!ext || !(pp_has_suffix_nocase(name, ".png") || pp_has_suffix_nocase(name, ".jpg") ||
		      pp_has_suffix_nocase(name, ".jpeg"))) {
		diag_error(diag, s->config.path, 0, "'image' must be a JPEG or PNG file, not '%s'", name);
		return PP_EPARSE;
	}
	if (!(f->local_path = pp_path_join(root, name)) ||
	    !(f->remote_path = pp_asprintf("cover%s", ext)))
		return PP_ENOMEM;
	/* Lowercase the published extension: "cover.PNG" would be a surprise. */
	for (char *p = f->remote_path; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	if ((res = fence_check(fence, f->local_path, FENCE_FILE, false, diag)) != PP_OK)
		return res;
	res = probe_cache_image(cache, f->local_path, &img, f->sha256, &f->size, diag);
	if (res == PP_EIO)
		return PP_EPARSE;
	if (res != PP_OK)
		return res;
	if (!(f->url = pp_asprintf("%s%s", s->config.base_url, f->remote_path)))
		return PP_ENOMEM;
	return check_cover(f->local_path, &img, diag);
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

/* A file podpub writes (`data`, `len` bytes, taken over), published as
 * `remote` (taken over) under base_url. */
static enum pp_result generated_file(struct show_file *f, const char *source, char *remote,
				     char *data, size_t len, const char *base_url)
{
	f->remote_path = remote;
	f->data = data;
	f->size = (int64_t)len;
	if (!remote || !data || !(f->local_path = strdup(source)) ||
	    !(f->url = pp_asprintf("%s%s", base_url, remote)))
		return PP_ENOMEM;
	return ident_sha256_buffer(data, len, f->sha256);
}

/* The episode's chapters: episode.md's list wins over the audio's. Checked
 * against the audio's length, then written as media/<slug>.chapters.json. */
static enum pp_result load_chapters(struct show_episode *se, const char *base_url,
				    struct diag *diag)
{
	const struct chapters *c = se->meta.chapters.count ? &se->meta.chapters : &se->probe.chapters;
	const char *where = c == &se->meta.chapters ? se->meta.md_path : se->meta.audio_path;
	char *json = NULL;
	size_t len = 0;
	enum pp_result res;

	if (c->count == 0)
		return PP_OK;
	if (!chapters_check(c, se->probe.duration, where, diag))
		return PP_EPARSE;
	if ((res = chapters_to_json(c, &json, &len)) != PP_OK)
		return res;
	return generated_file(&se->chapters, where,
			      pp_asprintf("media/%s%s", se->meta.slug, CHAPTERS_SUFFIX), json, len,
			      base_url);
}

/* One transcript of the folder: read (bounded), checked against the
 * audio's length and kept as the bytes to publish, so the file sent is the
 * file checked. */
static enum pp_result load_transcript(struct show_transcript *t,
				      const struct episode_transcript *et,
				      const struct show_episode *se, const struct fence *fence,
				      const char *base_url, struct diag *diag)
{
	char *data = NULL;
	size_t len = 0;
	struct stat st;
	enum pp_result res;

	if ((res = fence_check(fence, et->path, FENCE_FILE, false, diag)) != PP_OK)
		return res;
	res = pp_read_file_max(et->path, TRANSCRIPT_MAX_BYTES, &data, &len, &st);
	if (res == PP_EIO) {
		diag_error(diag, et->path, 0, "cannot read: %s", strerror(errno));
		return PP_EPARSE;
	}
	if (res == PP_EPARSE)
		diag_refused_file(diag, et->path, "transcript", &st, TRANSCRIPT_MAX_BYTES);
	if (res != PP_OK)
		return res;
	res = transcript_parse(data, len, et->format, se->probe.duration, et->path, &t->cues, diag);
	if (res != PP_OK) {
		free(data);
		return res;
	}
	return generated_file(&t->file, et->path,
			      pp_asprintf("media/%s.%s%s", se->meta.slug, t->language,
					  transcript_suffix(et->format)),
			      data, len, base_url);
}

/* The folder's transcripts, each checked (all of them, so one build names
 * every problem); two that would publish under one name are refused. */
static enum pp_result load_transcripts(struct show_episode *se, const char *show_language,
				       const struct fence *fence, const char *base_url,
				       struct diag *diag)
{
	const struct episode *e = &se->meta;
	enum pp_result res, worst = PP_OK;

	if (!e->transcript_count)
		return PP_OK;
	if (!(se->transcripts = calloc(e->transcript_count, sizeof(*se->transcripts))))
		return PP_ENOMEM;
	for (size_t i = 0; i < e->transcript_count; i++) {
		struct show_transcript *t = &se->transcripts[se->transcript_count++];

		transcript_init(&t->cues);
		t->format = e->transcripts[i].format;
		t->language = e->transcripts[i].language ? e->transcripts[i].language : show_language;
		for (size_t j = 0; j < i; j++) {
			if (se->transcripts[j].format == t->format &&
			    strcmp(se->transcripts[j].language, t->language) == 0) {
				diag_error(diag, e->transcripts[i].path, 0,
					   "a second '%s' transcript beside '%s': name each file's "
					   "language before its ending, as 'transcript.fi%s'",
					   t->language, e->transcripts[j].path,
					   transcript_suffix(t->format));
				worst = PP_EPARSE;
			}
		}
		res = load_transcript(t, &e->transcripts[i], se, fence, base_url, diag);
		if (res == PP_ENOMEM || res == PP_EINTERNAL)
			return res;
		if (res != PP_OK)
			worst = res;
	}
	return worst;
}

/* The first of Apple's rules for art (apple.h) that `img` breaks, worded
 * into `why`; true when it keeps them all. */
static bool art_fits(const struct probe_image *img, char *why, size_t size)
{
	if (!img->format)
		snprintf(why, size, "must be a JPEG or PNG");
	else if (img->width != img->height || img->width < APPLE_ART_MIN_PX ||
		 img->width > APPLE_ART_MAX_PX)
		snprintf(why, size, "must be square, %d to %d pixels a side: it is %dx%d",
			 APPLE_ART_MIN_PX, APPLE_ART_MAX_PX, img->width, img->height);
	else if (!img->color)
		snprintf(why, size, "must be in colour (RGB), not greyscale");
	else
		return true;
	return false;
}

/* The name art is published under: its bytes' hash in it, so changed art
 * gets a new URL and apps, which cache art by URL, fetch it again. */
static char *art_remote_path(const char *slug, const char *sha256, const char *format)
{
	return pp_asprintf("media/%s-%.8s.%s", slug, sha256,
			   strcmp(format, "png") == 0 ? "png" : "jpg");
}

/* The folder's cover image: it must keep the rules, as the show's art. */
static enum pp_result load_folder_art(struct show_episode *se, const struct fence *fence,
				      struct probe_cache *cache, const char *base_url,
				      struct diag *diag)
{
	struct show_file *f = &se->art;
	const char *path = se->meta.art_path;
	struct probe_image img;
	char why[160];
	enum pp_result res;

	if ((res = fence_check(fence, path, FENCE_FILE, false, diag)) != PP_OK)
		return res;
	/* The cache answers for unchanged art, as for the show's. */
	if ((res = probe_cache_image(cache, path, &img, f->sha256, &f->size, diag)) != PP_OK)
		return res == PP_EIO ? PP_EPARSE : res;
	if (!art_fits(&img, why, sizeof(why))) {
		diag_error(diag, path, 0, "episode art %s", why);
		return PP_EMEDIA;
	}
	if (!(f->local_path = strdup(path)) ||
	    !(f->remote_path = art_remote_path(se->meta.slug, f->sha256, img.format)) ||
	    !(f->url = pp_asprintf("%s%s", base_url, f->remote_path)))
		return PP_ENOMEM;
	return PP_OK;
}

/* The picture embedded in the audio, when it keeps the rules; one that
 * does not is left out with a warning (the producer may never have chosen
 * it: encoders and editors add art of their own). */
/* The episode's art as a file of the show: the picture kept in the cache
 * (probe_cache.h). */
static enum pp_result kept_art(struct show_episode *se, struct probe_cache_picture *kept,
			       const char *base_url)
{
	struct show_file *f = &se->art;

	f->local_path = kept->path;
	kept->path = NULL;
	memcpy(f->sha256, kept->sha256, IDENT_SHA256_SIZE);
	f->size = kept->size;
	if (!(f->remote_path = art_remote_path(se->meta.slug, kept->sha256, kept->format)) ||
	    !(f->url = pp_asprintf("%s%s", base_url, f->remote_path)))
		return PP_ENOMEM;
	return PP_OK;
}

static enum pp_result load_embedded_art(struct show_episode *se, struct probe_cache *cache,
					const char *base_url, struct diag *diag)
{
	const char *path = se->meta.audio_path;
	struct probe_cache_picture kept;
	struct probe_picture pic;
	char sha[IDENT_SHA256_SIZE], why[160];
	struct diag own;
	enum pp_result res;

	/* Unchanged audio whose picture was kept: not decoded again. */
	if (probe_cache_picture(cache, path, &kept))
		return kept_art(se, &kept, base_url);
	/* A picture that cannot be read is left out too: a warning. */
	diag_init(&own);
	res = probe_attached_picture(path, &pic, &own);
	diag_move(diag, &own, true);
	if (res == PP_EMEDIA || res == PP_EIO)
		res = PP_OK;
	if (res != PP_OK || !pic.size)
		goto out;
	if (!pic.data) {
		diag_warning(diag, path, 0,
			     "the picture in the audio is %zu bytes, more than the %zu MiB podpub "
			     "reads: left out, the show's art stands for the episode",
			     pic.size, PROBE_PICTURE_MAX >> 20);
		goto out;
	}
	if (!art_fits(&pic.image, why, sizeof(why))) {
		diag_warning(diag, path, 0,
			     "the picture in the audio (%s) %s: left out, the show's art stands for "
			     "the episode; put a cover.jpg in the folder to give it its own",
			     pic.codec, why);
		goto out;
	}
	if ((res = ident_sha256_buffer(pic.data, pic.size, sha)) != PP_OK)
		goto out;
	res = probe_cache_keep_picture(cache, path, pic.data, pic.size, pic.image.format, sha, &kept);
	if (res == PP_OK) {
		res = kept_art(se, &kept, base_url);
		goto out;
	}
	if (res != PP_EIO)
		goto out;
	/* No cache folder to keep it in: the bytes stay in memory. */
	res = generated_file(&se->art, path, art_remote_path(se->meta.slug, sha, pic.image.format),
			     pic.data, pic.size, base_url);
	pic.data = NULL; /* the show file's now */
out:
	free(pic.data);
	return res;
}

/* The episode's art: the folder's cover image wins over the audio's. */
static enum pp_result load_art(struct show_episode *se, const struct fence *fence,
			       struct probe_cache *cache, const char *base_url, struct diag *diag)
{
	if (se->meta.art_path)
		return load_folder_art(se, fence, cache, base_url, diag);
	if (se->probe.has_cover_art)
		return load_embedded_art(se, cache, base_url, diag);
	return PP_OK;
}

/* podcast.yaml's `loudness:`: a warning for audio outside the target (by
 * its channels) or above the true-peak ceiling, with the figures. */
static void check_loudness(const struct show_episode *se, const struct config_loudness *want,
			   struct diag *diag)
{
	const struct probe_loudness *l = &se->probe.loudness;
	double target = se->probe.channels == 1 ? want->target_mono : want->target;
	double off = l->integrated - target;

	if (!want->check || !l->measured)
		return;
	if (off <= want->tolerance && off >= -want->tolerance && l->true_peak <= want->max_true_peak)
		return;
	diag_warning(diag, se->meta.audio_path, 0,
		     "episode '%s' is outside the loudness target: %.1f LUFS integrated "
		     "(target %.1f ± %.1f for %s), true peak %.1f dBTP (at most %.1f), "
		     "loudness range %.1f LU",
		     se->meta.slug, l->integrated, target, want->tolerance,
		     se->probe.channels == 1 ? "mono" : "stereo", l->true_peak, want->max_true_peak,
		     l->range);
}

/* The episode folder and its episode.md lie inside the show; the audio
 * inside the show or media_root. */
static enum pp_result fence_episode(const struct fence *fence, const char *episodes_dir,
				    const char *dir, struct diag *diag)
{
	char *md = pp_path_join(dir, "episode.md");
	enum pp_result res;

	if (!md)
		return PP_ENOMEM;
	res = fence_check_child(fence, episodes_dir, dir, FENCE_FOLDER, false, diag);
	if (res == PP_OK)
		res = fence_check_child(fence, dir, md, FENCE_FILE, false, diag);
	free(md);
	return res;
}

static enum pp_result load_episode(struct show *s, const char *episodes_dir, const char *slug,
				   struct probe_cache *cache, const struct fence *fence,
				   struct diag *diag)
{
	struct show_episode *se = &s->episodes[s->episode_count++];
	char *dir = pp_path_join(episodes_dir, slug);
	enum pp_result res;

	episode_init(&se->meta);
	probe_init(&se->probe);
	if (!dir)
		return PP_ENOMEM;
	res = fence_episode(fence, episodes_dir, dir, diag);
	if (res != PP_OK) {
		free(dir);
		return res;
	}
	res = episode_load(episodes_dir, slug, s->config.timezone, &se->meta, diag);
	if (se->meta.draft) {
		free(dir);
		return res; /* not probed: its audio may be half-uploaded */
	}
	if (se->meta.audio_path) {
		enum pp_result fenced = fence_check_child(fence, dir, se->meta.audio_path,
							  FENCE_FILE, true, diag);

		if (fenced != PP_OK) {
			free(dir);
			return res == PP_ENOMEM ? res : fenced;
		}
	}
	free(dir);
	if (se->meta.audio_path) {
		/* Probe even when the front matter is wrong: report every
		 * problem at once. The cache answers for unchanged files,
		 * probe and hash alike. */
		enum pp_result probed = probe_cache_file(cache, se->meta.audio_path, &se->probe,
							 se->audio.sha256, &se->audio.size, diag);
		if (probed == PP_EIO && se->probe.extension)
			probed = PP_EPARSE; /* probed, then unreadable: bad input, as the art */
		if (res == PP_OK)
			res = probed;
	}
	if (res != PP_OK)
		return res;
	if (!(se->audio.local_path = strdup(se->meta.audio_path)) ||
	    !(se->audio.remote_path = pp_asprintf("media/%s.%s", slug, se->probe.extension)) ||
	    !(se->audio.url = pp_asprintf("%s%s", s->config.base_url, se->audio.remote_path)))
		return PP_ENOMEM;
	check_loudness(se, &s->config.loudness, diag);
	if ((res = load_chapters(se, s->config.base_url, diag)) != PP_OK)
		return res;
	/* Both, so that one build names every problem of the folder. */
	res = load_transcripts(se, s->config.language, fence, s->config.base_url, diag);
	if (res != PP_ENOMEM && res != PP_EINTERNAL) {
		enum pp_result art = load_art(se, fence, cache, s->config.base_url, diag);

		if (res == PP_OK || art == PP_ENOMEM || art == PP_EINTERNAL)
			res = art;
	}
	if (res != PP_OK)
		return res;
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

/* Loads one episode; a draft (`draft: true`) is left out of the show, and
 * its problems are reported as warnings so a half-done folder can live on
 * the main branch without blocking the others. */
static enum pp_result load_or_skip(struct show *s, const char *episodes_dir, const char *slug,
				   struct probe_cache *cache, const struct fence *fence,
				   struct diag *diag)
{
	struct show_episode *se = &s->episodes[s->episode_count];
	struct diag own;
	enum pp_result res;

	diag_init(&own);
	res = load_episode(s, episodes_dir, slug, cache, fence, &own);
	if (res != PP_ENOMEM && res != PP_EINTERNAL && se->meta.draft) {
		diag_add(&own, DIAG_NOTE, se->meta.md_path, 0,
			 "a draft: left out of the feed until 'draft: true' is removed");
		diag_move(diag, &own, true);
		show_episode_release(se);
		s->episode_count--;
		return diag->out_of_memory ? PP_ENOMEM : PP_OK;
	}
	diag_move(diag, &own, false);
	return diag->out_of_memory ? PP_ENOMEM : res;
}

/* What podcast apps and speech want of an episode's audio */
#define AUDIO_WARN_BYTES (100LL * 1000 * 1000)
#define AUDIO_WARN_BIT_RATE 192000

/* Habits of an episode's audio worth a warning, each naming the episode's
 * own file and what to do: a format Apple does not take, a video stream, a
 * file larger or a bit rate higher than speech needs. */
static void check_audio(const struct show_episode *se, struct diag *diag)
{
	const char *path = se->audio.local_path, *mime = se->probe.mime_type;
	const char *dot = strrchr(path, '.');
	int stem = dot ? (int)(dot - path) : (int)strlen(path);

	if (mime && !apple_media_type_accepted(mime, strlen(mime)))
		diag_warning(diag, path, 0,
			     "%s audio (%s) is not a format Apple Podcasts takes: convert it to MP3, "
			     "e.g. ffmpeg -i '%s' -b:a 128k '%.*s.mp3'",
			     se->probe.codec, mime, path, stem, path);
	if (se->probe.has_video)
		diag_warning(diag, path, 0,
			     "has a video stream: apps expect audio only; keep the audio with "
			     "ffmpeg -i '%s' -vn -c:a copy '%.*s.m4a'",
			     path, stem, path);
	if (se->audio.size > AUDIO_WARN_BYTES)
		diag_warning(diag, path, 0,
			     "is %lld MB: over 100 MB, listeners on mobile data may skip it; "
			     "128 kb/s MP3 is plenty for speech",
			     (long long)(se->audio.size / 1000000));
	else if (se->probe.bit_rate > AUDIO_WARN_BIT_RATE)
		diag_warning(diag, path, 0,
			     "bit rate %lld kb/s is more than speech needs (up to 192): e.g. "
			     "ffmpeg -i '%s' -b:a 128k '%.*s-128k.mp3'",
			     (long long)(se->probe.bit_rate / 1000), path, stem, path);
}

static int by_audio_then_order(const void *x, const void *y)
{
	const struct show_episode *a = *(const struct show_episode *const *)x;
	const struct show_episode *b = *(const struct show_episode *const *)y;
	int c = strcmp(a->audio.sha256, b->audio.sha256);

	return c ? c : (a > b) - (a < b);
}

/* For each episode, the first earlier one with the same audio, or NULL:
 * sorted by hash, so a show of a thousand episodes costs no more than
 * its sort, and a file copied a hundred times is named once each. */
static const struct show_episode **find_same_audio(const struct show *s)
{
	size_t n = s->episode_count;
	const struct show_episode **sorted, **first;

	if (!n || !(sorted = malloc(n * sizeof(*sorted))))
		return NULL;
	if (!(first = calloc(n, sizeof(*first)))) {
		free(sorted);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		sorted[i] = &s->episodes[i];
	qsort(sorted, n, sizeof(*sorted), by_audio_then_order);
	for (size_t i = 1, run = 0; i < n; i++) {
		if (strcmp(sorted[i]->audio.sha256, sorted[run]->audio.sha256) != 0)
			run = i;
		else
			first[sorted[i] - s->episodes] = sorted[run];
	}
	free(sorted);
	return first;
}

/* Between episodes: the same audio twice (a copied folder), and an episode
 * without a number among numbered siblings. */
static void check_siblings(const struct show *s, struct diag *diag)
{
	const struct show_episode **same = find_same_audio(s);
	size_t numbered = 0;

	if (s->episode_count && !same)
		diag->out_of_memory = true;
	for (size_t i = 0; i < s->episode_count; i++)
		numbered += s->episodes[i].meta.number != 0;
	for (size_t i = 0; i < s->episode_count; i++) {
		const struct show_episode *a = &s->episodes[i];

		check_audio(a, diag);
		if (!a->meta.number && numbered &&
		    strcmp(a->meta.type ? a->meta.type : "full", "full") == 0)
			diag_warning(diag, a->meta.md_path, 0,
				     "no 'episode' number, while %zu other episodes have one: add "
				     "'episode: N' so apps keep the order",
				     numbered);
		if (same && same[i])
			diag_warning(diag, a->audio.local_path, 0,
				     "the same audio as '%s': was the folder copied without "
				     "its new recording?",
				     same[i]->audio.local_path);
	}
	free(same);
}

/* Apple requires a number on every full episode of a serial show, and lint
 * would refuse the feed (apple-serial-episode); say so at the episode. */
static bool check_serial(const struct show *s, struct diag *diag)
{
	bool ok = true;

	if (!s->config.type || strcmp(s->config.type, "serial") != 0)
		return true;
	for (size_t i = 0; i < s->episode_count; i++) {
		const struct episode *e = &s->episodes[i].meta;

		if (!e->number && (!e->type || strcmp(e->type, "full") == 0)) {
			diag_error(diag, e->md_path, 0,
				   "a serial show numbers every full episode: add 'episode: N' "
				   "(or 'type: trailer' or 'type: bonus')");
			ok = false;
		}
	}
	return ok;
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

/* True when `dir` holds podcast.yaml; *top when it is the file system's root. */
static enum pp_result has_config(const char *dir, bool *found, bool *top)
{
	char *yaml = pp_path_join(dir, "podcast.yaml"), *parent = pp_path_join(dir, "..");
	struct stat here, above;

	if (yaml && parent) {
		*found = access(yaml, F_OK) == 0;
		*top = stat(dir, &here) != 0 || stat(parent, &above) != 0 ||
		       (here.st_dev == above.st_dev && here.st_ino == above.st_ino);
	}
	free(yaml);
	free(parent);
	return yaml && parent ? PP_OK : PP_ENOMEM;
}

enum pp_result show_find_root(const char *given, char **root, struct diag *diag)
{
	enum pp_result res = PP_OK;
	bool found = false, top = false;
	struct buf dir;

	*root = NULL;
	if (given)
		return (*root = strdup(given)) ? PP_OK : PP_ENOMEM;
	buf_init(&dir);
	res = buf_puts(&dir, ".");
	for (int depth = 0; res == PP_OK && depth < 64; depth++) {
		res = has_config(dir.data, &found, &top);
		if (res != PP_OK || found || top)
			break;
		res = buf_puts(&dir, depth ? "/.." : ".");
	}
	if (res == PP_OK && found) {
		*root = buf_detach(&dir, NULL);
		res = *root ? PP_OK : PP_ENOMEM;
	} else if (res == PP_OK) {
		diag_error(diag, NULL, 0,
			   "no podcast.yaml here or above; run from the show's folder or give --repo");
		res = PP_EPARSE;
	}
	buf_release(&dir);
	return res;
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
	struct probe_warmup warmup = { .started = false };
	struct fence fence;
	int count = 0;

	probe_cache_init(&cache);
	fence_init(&fence);

	if (!(config_path = pp_path_join(root, "podcast.yaml")) ||
	    !(episodes_dir = pp_path_join(root, "episodes")))
		goto out;
	if ((res = fence_open(&fence, root, config_path, diag)) != PP_OK ||
	    (res = fence_check(&fence, config_path, FENCE_FILE, false, diag)) != PP_OK)
		goto out;
	res = config_load(config_path, &s->config, diag);
	if (res == PP_OK && base_url)
		res = config_rebase(&s->config, base_url);
	if (res != PP_OK)
		goto out;
	if (s->config.media_root &&
	    (res = fence_set_media_root(&fence, root, s->config.media_root, config_path,
					s->config.media_root_line, diag)) != PP_OK)
		goto out;
	if ((res = probe_cache_load(&cache, root)) != PP_OK)
		goto out;
	cache.loudness = s->config.loudness.check;
	res = load_image(s, root, &fence, &cache, diag);
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
	/* Loading libav* while the episodes are read, when some will be probed. */
	/* Loading libav* while the episodes are read, when some will be probed. */
	if (probe_cache_stale(&cache, (size_t)count))
		probe_warmup_start(&warmup);
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
		res = load_or_skip(s, episodes_dir, names[i]->d_name, &cache, &fence, diag);
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
	if (worst == PP_OK && !check_serial(s, diag))
		worst = PP_EPARSE;
	/* Only when something was probed: an unchanged show writes nothing.
	 * A cache that cannot be written costs speed, not correctness. */
	if (cache.misses > 0 && probe_cache_save(&cache, root) != PP_OK)
		diag_warning(diag, root, 0, "cannot write the probe cache '%s/%s': %s",
			     PROBE_CACHE_DIR, PROBE_CACHE_FILE, strerror(errno));
	if (worst == PP_OK)
		check_siblings(s, diag);
	if (worst == PP_OK) {
		qsort(s->episodes, s->episode_count, sizeof(*s->episodes), newest_first);
		s->newest = s->episodes[0].meta.date;
	}
	res = worst;
out:
	probe_warmup_finish(&warmup);
	probe_cache_release(&cache);
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

/* The earlier feed's item with `guid`, searched from *next round to it:
 * the feed lists the episodes in the show's order, so each is found at
 * once (a search from the first item cost a million comparisons for a
 * thousand episodes). */
static const struct feed_item *previous_item(const struct feed_items *previous, const char *guid,
					     size_t *next)
{
	for (size_t n = 0; n < previous->count; n++) {
		size_t i = (*next + n) % previous->count;

		if (strcmp(previous->items[i].guid, guid) == 0) {
			*next = i + 1;
			return &previous->items[i];
		}
	}
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
	size_t next = 0;

	for (size_t i = 0; i < s->episode_count; i++) {
		struct show_episode *e = &s->episodes[i];
		const struct feed_item *item = previous_item(previous, e->guid, &next);
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
