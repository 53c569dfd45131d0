/* import.c - `podpub import`: decides what of the old feed the new show
 * keeps, downloads it, and moves the finished show into place.
 *
 * Decisions, each for the listener's sake (README.md, "Moving a show to
 * podpub"):
 * - an item's guid is kept verbatim: apps know the episode by it, and a
 *   new guid would show it again as new;
 * - an item without a guid takes its enclosure URL as written, which is
 *   what apps keyed it on;
 * - an item whose guid an earlier item of the feed already has is not
 *   imported: apps kept one episode per guid, and the first is the one
 *   they show. It is named in a warning, and is no failure;
 * - pubDate keeps its own offset in episode.md;
 * - a number another episode of the same season has is dropped (podpub
 *   refuses duplicates), with a warning;
 * - an item's own art, transcripts and chapters come along (the listener
 *   saw them), checked as the build will check them: one that breaks
 *   podpub's rules would fail the build, so it is left out with a warning
 *   naming the item and its URL, and the episode imported without it. */
#include "import/import.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "apple.h"
#include "buf.h"
#include "datetime.h"
#include "ident.h"
#include "import/import_feed.h"
#include "import/import_html.h"
#include "import/import_write.h"
#include "media/chapters.h"
#include "media/probe.h"
#include "media/transcript.h"
#include "podcast_taxonomy.h"
#include "scaffold.h"
#include "util.h"
#include "value.h"

/* itunes:duration and the audio may differ by this much before import
 * says so: hosts round, and some count the silence they add. */
#define DURATION_SLACK 5.0
#define PLACEHOLDER_BASE_URL "https://podcast.example.com/"
#define PLACEHOLDER_EMAIL "owner@example.com"
/* The longest guid a show keeps, its NUL included (show.h). */
#define GUID_MAX 512
/* The largest chapters file import downloads: a long episode's are some
 * kilobytes. */
#define CHAPTERS_MAX ((int64_t)1 << 20)

/* The zone a show's language most likely means; episode dates keep their
 * own offset, so this only says how podpub writes them in the new feed. */
static const struct {
	const char *language, *zone;
} zones[] = {
	{ "fi", "Europe/Helsinki" }, { "sv-fi", "Europe/Helsinki" }, { "sv", "Europe/Stockholm" },
	{ "et", "Europe/Tallinn" },  { "nb", "Europe/Oslo" },	     { "no", "Europe/Oslo" },
	{ "da", "Europe/Copenhagen" }, { "de", "Europe/Berlin" },    { "fr", "Europe/Paris" },
	{ "nl", "Europe/Amsterdam" }, { "es", "Europe/Madrid" },     { "it", "Europe/Rome" },
	{ "pl", "Europe/Warsaw" },   { "en-gb", "Europe/London" },   { "en-us", "America/New_York" },
	{ "en-au", "Australia/Sydney" },
};

/* Media types that name the same thing. */
static const struct {
	const char *alias, *type;
} media_aliases[] = {
	{ "audio/mp3", "audio/mpeg" },	 { "audio/x-mp3", "audio/mpeg" },
	{ "audio/x-mpeg", "audio/mpeg" }, { "audio/mpeg3", "audio/mpeg" },
	{ "audio/mp4", "audio/x-m4a" },	 { "audio/m4a", "audio/x-m4a" },
	{ "audio/aac", "audio/x-m4a" },
};

/* What an item has besides its audio, downloaded beside it. */
enum extra_kind { EXTRA_ART, EXTRA_TRANSCRIPT, EXTRA_CHAPTERS };

struct extra {
	enum extra_kind kind;
	const char *url;          /* borrowed from the feed */
	const char *language;     /* a transcript's, as the feed gives it; NULL: none */
	enum transcript_format format;
	char *label, *part, *done;
	size_t download;          /* its row in the download list */
	bool staged;              /* moved into the episode folder */
};

/* One item of the old feed, as import means to write it. */
struct planned {
	struct import_item *item; /* borrowed from the feed */
	size_t index;             /* 1-based, in feed order */
	char *label;              /* "item 3 'Title'", for messages (with the line) */
	char *slug, *guid, *notes, *part, *done; /* part: the download; done: once whole */
	char date[IMPORT_DATE_SIZE];
	long number, season;
	const char *type;         /* static */
	const char *note;         /* static: a comment for the episode.md */
	struct import_person_out *persons;
	size_t person_count;
	bool skip, failed, staged;
	size_t download;          /* its row in the download list; (size_t)-1: none */
	struct extra *extras;     /* art, transcripts, chapters */
	size_t extra_count, extra_alloc;
};

struct run {
	const struct import_request *req;
	struct diag *diag;
	const char *root;
	char *stage, *parts;
	struct import_feed feed;
	struct planned *plan;
	size_t count;
	bool download_failed;
};

static const char *media_type(const char *t)
{
	for (size_t i = 0; t && i < COUNT(media_aliases); i++)
		if (strcasecmp(t, media_aliases[i].alias) == 0)
			return media_aliases[i].type;
	return t;
}

static bool is_http(const char *url)
{
	return url && value_is_http_url(url);
}

/* Removes a folder that import made under the stage, and what it holds;
 * nothing else is ever passed here. */
static void remove_tree(const char *path, int depth)
{
	DIR *dir;
	struct dirent *ent;

	if (depth > 4 || !(dir = opendir(path))) {
		unlink(path);
		return;
	}
	while ((ent = readdir(dir))) {
		char *child;

		if (!strcmp(ent->d_name, ".") || !strcmp(ent->d_name, ".."))
			continue;
		if ((child = pp_path_join(path, ent->d_name))) {
			struct stat st;

			if (lstat(child, &st) == 0 && S_ISDIR(st.st_mode))
				remove_tree(child, depth + 1);
			else
				unlink(child);
			free(child);
		}
	}
	closedir(dir);
	rmdir(path);
}

static bool exists(const char *dir, const char *name, bool *yes)
{
	char *path = pp_path_join(dir, name);
	struct stat st;

	if (!path)
		return false;
	*yes = lstat(path, &st) == 0;
	free(path);
	return true;
}

/* The folder must be new, or hold no show yet (a git checkout is fine). */
static enum pp_result check_root(struct run *r)
{
	static const char *const taken[] = { "podcast.yaml", "episodes" };
	char *probe_path;
	int made;

	if (!(probe_path = pp_path_join(r->root, "x")))
		return PP_ENOMEM;
	made = pp_make_parents(probe_path);
	free(probe_path);
	if (made != 0) {
		diag_error(r->diag, r->root, 0, "cannot create folder: %s", strerror(errno));
		return PP_EIO;
	}
	for (size_t i = 0; i < COUNT(taken); i++) {
		bool yes;

		if (!exists(r->root, taken[i], &yes))
			return PP_ENOMEM;
		if (yes) {
			diag_error(r->diag, r->root, 0,
				   "already holds a show ('%s'): import makes a new show in an empty "
				   "folder; give another with --repo DIR",
				   taken[i]);
			return PP_EPARSE;
		}
	}
	return PP_OK;
}

static bool is_url(const char *s)
{
	return strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0;
}

static enum pp_result load_feed(struct run *r)
{
	const char *source = r->req->source;
	char *xml = NULL, *base = NULL;
	size_t len = 0;
	struct stat st;
	enum pp_result res;

	if (is_url(source)) {
		res = import_fetch_feed(source, PP_FEED_MAX, &xml, &len, &base, r->diag);
	} else {
		res = pp_read_file_max(source, PP_FEED_MAX, &xml, &len, &st);
		if (res == PP_EIO)
			diag_error(r->diag, source, 0, "cannot read the feed: %s", strerror(errno));
		else if (res == PP_EPARSE)
			diag_refused_file(r->diag, source, "feed", &st, PP_FEED_MAX);
	}
	if (res == PP_OK)
		res = import_feed_parse(xml, len, base, source, &r->feed, r->diag);
	free(xml);
	free(base);
	return res;
}

/* "FI" and "fi-fi" are common; the code is lowercase, its region upper. */
static void normalize_language(char *language)
{
	for (char *p = language, *dash = NULL; p && *p; p++) {
		if (*p == '-')
			dash = p;
		*p = dash ? (char)toupper((unsigned char)*p) : (char)tolower((unsigned char)*p);
	}
}

static enum pp_result make_dir(const char *path, struct diag *diag)
{
	if (mkdir(path, 0777) == 0 || errno == EEXIST)
		return PP_OK;
	diag_error(diag, path, 0, "cannot create folder: %s", strerror(errno));
	return PP_EIO;
}

/* Moves a whole download to its place in the stage; PP_EIO after an error
 * naming the place. */
static enum pp_result move_download(const struct import_download *d, const char *dest,
				    struct diag *diag)
{
	if (rename(d->done_path, dest) == 0)
		return PP_OK;
	diag_error(diag, dest, 0, "cannot write: %s", strerror(errno));
	return PP_EIO;
}

static void fail(struct run *r, struct planned *p, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void fail(struct run *r, struct planned *p, const char *fmt, ...)
{
	va_list ap;
	char *why;

	va_start(ap, fmt);
	why = pp_vasprintf(fmt, ap);
	va_end(ap);
	diag_error(r->diag, r->req->source, p->item->line, "%s: not imported: %s", p->label,
		   why ? why : "out of memory");
	free(why);
	p->failed = true;
}

static bool slug_taken(const struct run *r, size_t upto, const char *slug)
{
	for (size_t i = 0; i < upto; i++)
		if (r->plan[i].slug && strcmp(r->plan[i].slug, slug) == 0)
			return true;
	return false;
}

/* The folder name from the title, as `podpub new` makes it; a second
 * title with the same name gets -2, -3, ... */
static enum pp_result choose_slug(struct run *r, size_t i)
{
	struct planned *p = &r->plan[i];
	char *base = scaffold_slug(p->item->title);

	if (!base)
		return PP_ENOMEM;
	if (!*base) {
		free(base);
		if (!(base = pp_asprintf("episode-%zu", p->index)))
			return PP_ENOMEM;
	}
	if (!slug_taken(r, i, base)) {
		p->slug = base;
		return PP_OK;
	}
	for (int n = 2;; n++) {
		char *s = pp_asprintf("%s-%d", base, n);

		if (!s || !slug_taken(r, i, s)) {
			free(base);
			p->slug = s;
			return s ? PP_OK : PP_ENOMEM;
		}
		free(s);
	}
}

/* Persons whose role podpub knows; the namespace's default role is host. */
static enum pp_result plan_persons(struct run *r, struct planned *p)
{
	const struct import_item *it = p->item;

	if (!it->person_count)
		return PP_OK;
	if (!(p->persons = calloc(it->person_count, sizeof(*p->persons))))
		return PP_ENOMEM;
	for (size_t i = 0; i < it->person_count; i++) {
		const struct import_person *from = &it->persons[i];
		const char *role = from->role ? from->role : "host";

		if (!podcast_role_group(role, false)) {
			diag_warning(r->diag, r->req->source, it->line,
				     "%s: person '%s' left out: unknown role '%s'", p->label, from->name,
				     role);
			continue;
		}
		p->persons[p->person_count++] = (struct import_person_out){
			from->name, role, is_http(from->href) ? from->href : NULL,
			is_http(from->img) ? from->img : NULL
		};
	}
	return PP_OK;
}

static const char *const extra_names[] = { "episode art", "transcript", "chapters" };

/* The download files of `url` for item `p`: named by its kind, URL and the
 * guid, as the audio's are, so a rerun finds them. */
/* A download's .part and .done files, named by a hash of `key` (which it
 * frees; NULL: out of memory), so that a rerun finds the same files. */
static enum pp_result download_paths(const struct run *r, char *key, char **part, char **done)
{
	char hash[IDENT_SHA256_SIZE];
	enum pp_result res = key ? ident_sha256_buffer(key, strlen(key), hash) : PP_ENOMEM;

	free(key);
	if (res != PP_OK)
		return res;
	hash[24] = '\0';
	if (!(*part = pp_asprintf("%s/%s.part", r->parts, hash)) ||
	    !(*done = pp_asprintf("%s/%s.done", r->parts, hash)))
		return PP_ENOMEM;
	return PP_OK;
}

static enum pp_result add_extra(struct run *r, struct planned *p, enum extra_kind kind,
				const char *url, const char *language,
				enum transcript_format format)
{
	struct extra *grown, *x;
	enum pp_result res;

	grown = pp_grow(p->extras, &p->extra_alloc, p->extra_count + 1, sizeof(*grown));
	if (!grown)
		return PP_ENOMEM;
	p->extras = grown;
	x = &grown[p->extra_count];
	*x = (struct extra){ .kind = kind, .url = url, .language = language, .format = format };
	p->extra_count++;
	if ((res = download_paths(r, pp_asprintf("%s\n%s\n%s", extra_names[kind], url, p->guid),
				  &x->part, &x->done)) != PP_OK)
		return res;
	if (!(x->label = pp_asprintf("the %s of %s", extra_names[kind], p->label)))
		return PP_ENOMEM;
	return PP_OK;
}

/* The item's own art (when not the show's), its WebVTT and SubRip
 * transcripts and its JSON chapters: what a listener saw of the episode
 * besides the audio and the notes. */
static enum pp_result plan_extras(struct run *r, struct planned *p)
{
	const struct import_item *it = p->item;
	const char *cover = r->feed.channel.image_url;
	const char *ct = it->chapters_type;
	enum pp_result res;

	if (it->image_url && (!cover || strcmp(it->image_url, cover) != 0)) {
		if (!is_http(it->image_url))
			diag_warning(r->diag, r->req->source, it->line,
				     "%s: episode art '%s' left out: not an http or https URL",
				     p->label, it->image_url);
		else if ((res = add_extra(r, p, EXTRA_ART, it->image_url, NULL, 0)) != PP_OK)
			return res;
	}
	for (size_t i = 0; i < it->transcript_count; i++) {
		const struct import_transcript *t = &it->transcripts[i];
		enum transcript_format format;
		bool known = false;

		if (t->type && !strcmp(t->type, transcript_media_type(TRANSCRIPT_VTT))) {
			format = TRANSCRIPT_VTT;
			known = true;
		} else if (t->type && (!strcmp(t->type, transcript_media_type(TRANSCRIPT_SRT)) ||
				       !strcmp(t->type, "application/srt"))) {
			format = TRANSCRIPT_SRT;
			known = true;
		} else if (!t->type) {
			/* No type: the URL's ending tells, as it does in a folder. */
			char *path = strndup(t->url, strcspn(t->url, "?#"));

			if (!path)
				return PP_ENOMEM;
			known = transcript_format_of(path, &format);
			free(path);
		}
		if (!known) {
			diag_add(r->diag, DIAG_NOTE, r->req->source, it->line,
				 "%s: transcript '%s' skipped: %s%s%s, and podpub publishes WebVTT "
				 "(text/vtt) and SubRip (application/x-subrip) transcripts",
				 p->label, t->url, t->type ? "it is '" : "it has no type",
				 t->type ? t->type : "", t->type ? "'" : "");
			continue;
		}
		if (!is_http(t->url)) {
			diag_warning(r->diag, r->req->source, it->line,
				     "%s: transcript '%s' left out: not an http or https URL",
				     p->label, t->url);
			continue;
		}
		if ((res = add_extra(r, p, EXTRA_TRANSCRIPT, t->url, t->language, format)) != PP_OK)
			return res;
	}
	if (!it->chapters_url)
		return PP_OK;
	if (ct && strcmp(ct, CHAPTERS_TYPE) != 0 && strcmp(ct, "application/json") != 0) {
		diag_add(r->diag, DIAG_NOTE, r->req->source, it->line,
			 "%s: chapters '%s' skipped: they are '%s', and podpub reads JSON chapters "
			 "(%s)",
			 p->label, it->chapters_url, ct, CHAPTERS_TYPE);
		return PP_OK;
	}
	if (!is_http(it->chapters_url)) {
		diag_warning(r->diag, r->req->source, it->line,
			     "%s: chapters '%s' left out: not an http or https URL", p->label,
			     it->chapters_url);
		return PP_OK;
	}
	return add_extra(r, p, EXTRA_CHAPTERS, it->chapters_url, NULL, 0);
}

static enum pp_result plan_item(struct run *r, size_t i)
{
	struct planned *p = &r->plan[i];
	const struct import_item *it = p->item;
	enum pp_result res;
	time_t when;

	p->index = i + 1;
	p->download = (size_t)-1;
	if (!(p->label = pp_asprintf("item %zu '%s'", p->index, it->title ? it->title : "")))
		return PP_ENOMEM;
	if (!it->title) {
		fail(r, p, "it has no title");
		return PP_OK;
	}
	if (!it->enclosure_url) {
		fail(r, p, "it has no enclosure: there is no audio to download");
		return PP_OK;
	}
	if (!is_http(it->enclosure_url)) {
		fail(r, p, "its enclosure URL '%s' is not an http or https URL", it->enclosure_url);
		return PP_OK;
	}
	if (it->guid) {
		p->guid = strdup(it->guid);
	} else {
		/* What apps keyed the episode on when it had no guid. */
		p->guid = strdup(is_http(it->enclosure_raw) ? it->enclosure_raw : it->enclosure_url);
		p->note = "the old feed gave this episode no guid: apps knew it by its enclosure "
			  "URL, kept as its guid";
		diag_warning(r->diag, r->req->source, it->line,
			     "%s: no guid: its enclosure URL is kept as its guid, as apps knew it",
			     p->label);
	}
	if (!p->guid)
		return PP_ENOMEM;
	if (strlen(p->guid) >= GUID_MAX) {
		fail(r, p, "its guid is %zu bytes long, more than the %d podpub keeps",
		     strlen(p->guid), GUID_MAX - 1);
		return PP_OK;
	}
	for (size_t k = 0; k < i; k++) {
		if (r->plan[k].guid && strcmp(r->plan[k].guid, p->guid) == 0) {
			diag_warning(r->diag, r->req->source, it->line,
				     "%s: skipped: %s has its guid '%s' too, and apps keep one "
				     "episode per guid",
				     p->label, r->plan[k].label, p->guid);
			p->skip = true;
			return PP_OK;
		}
	}
	if (!it->pubdate || !import_pubdate(it->pubdate, p->date)) {
		fail(r, p, "its pubDate '%s' is not an RFC 2822 date", it->pubdate ? it->pubdate : "");
		return PP_OK;
	}
	res = datetime_parse(p->date, "UTC", &when);
	if (res == PP_ENOMEM)
		return res;
	if (res != PP_OK) {
		fail(r, p, "its pubDate '%s' names no real day", it->pubdate);
		return PP_OK;
	}
	p->season = it->season;
	p->number = it->number;
	for (size_t k = 0; k < i && p->number; k++) {
		if (!r->plan[k].skip && !r->plan[k].failed && r->plan[k].number == p->number &&
		    r->plan[k].season == p->season) {
			diag_warning(r->diag, r->req->source, it->line,
				     "%s: episode number %ld left out: %s has it too", p->label,
				     p->number, r->plan[k].label);
			p->number = 0;
		}
	}
	if (it->type) {
		static const char *const types[] = { "full", "trailer", "bonus" };

		for (size_t k = 0; k < COUNT(types); k++)
			if (strcmp(it->type, types[k]) == 0)
				p->type = types[k];
	}
	if ((res = choose_slug(r, i)) != PP_OK)
		return res;
	if ((res = plan_persons(r, p)) != PP_OK)
		return res;
	if (it->notes && (res = import_html_markdown(it->notes, strlen(it->notes), &p->notes)) != PP_OK)
		return res;
	/* Named by the URL and the guid, so a rerun finds the same file to
	 * continue, and two items of one enclosure never share a file. */
	if ((res = download_paths(r, pp_asprintf("%s\n%s", it->enclosure_url, p->guid), &p->part,
				  &p->done)) != PP_OK)
		return res;
	return plan_extras(r, p);
}

static void planned_release(struct planned *p)
{
	free(p->label);
	free(p->slug);
	free(p->guid);
	free(p->notes);
	free(p->part);
	free(p->done);
	free(p->persons);
	for (size_t i = 0; i < p->extra_count; i++) {
		free(p->extras[i].label);
		free(p->extras[i].part);
		free(p->extras[i].done);
	}
	free(p->extras);
}

/* An extra the episode is imported without: a warning naming the item,
 * what it was and its URL. */
static void left_out(struct run *r, const struct planned *p, const struct extra *x,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void left_out(struct run *r, const struct planned *p, const struct extra *x,
		     const char *fmt, ...)
{
	va_list ap;
	char *why;

	va_start(ap, fmt);
	why = pp_vasprintf(fmt, ap);
	va_end(ap);
	diag_warning(r->diag, r->req->source, p->item->line,
		     "%s: %s '%s' left out: %s; the episode is imported without it", p->label,
		     extra_names[x->kind], x->url, why ? why : "out of memory");
	free(why);
}

/* The first message of a check, with its line when it has one. */
static void left_out_diag(struct run *r, const struct planned *p, const struct extra *x,
			  const struct diag *own)
{
	const struct diag_entry *e = own->count ? &own->entries[0] : NULL;

	if (e && e->line)
		left_out(r, p, x, "line %d: %s", e->line, e->message);
	else
		left_out(r, p, x, "%s", e ? e->message : "it cannot be read");
}

/* A downloaded extra read into memory, at most `max` bytes; false (with a
 * warning) when it cannot be. */
static bool read_extra(struct run *r, const struct planned *p, const struct extra *x,
		       const struct import_download *d, size_t max, char **data, size_t *len)
{
	struct stat st;
	enum pp_result res;

	*data = NULL;
	if (!d->ok) {
		left_out(r, p, x, "cannot download it: %s", d->error);
		return false;
	}
	res = pp_read_file_max(d->done_path, max, data, len, &st);
	if (res == PP_ENOMEM)
		r->diag->out_of_memory = true;
	else if (res == PP_EPARSE)
		left_out(r, p, x, "it is more than the %zu KiB podpub reads", max >> 10);
	else if (res != PP_OK)
		left_out(r, p, x, "cannot read it: %s", strerror(errno));
	return res == PP_OK;
}

/* The item's art as the folder's cover.png or cover.jpg, when it keeps the
 * rules podpub's build holds episode art to. */
static enum pp_result stage_art(struct run *r, const struct planned *p, const struct extra *x,
				const struct import_download *d, const char *dir)
{
	struct probe_image info = { 0 };
	struct diag own;
	char *dest = NULL;
	enum pp_result res = PP_OK;

	diag_init(&own);
	if (!d->ok) {
		left_out(r, p, x, "cannot download it: %s", d->error);
		goto out;
	}
	if ((res = probe_image(d->done_path, &info, &own)) == PP_ENOMEM)
		goto out;
	res = PP_OK;
	if (!info.format) {
		left_out(r, p, x, "it is not a PNG or JPEG");
		goto out;
	}
	if (info.width != info.height || info.width < APPLE_ART_MIN_PX ||
	    info.width > APPLE_ART_MAX_PX) {
		left_out(r, p, x, "it is %dx%d px, and episode art is square, %d-%d px", info.width,
			 info.height, APPLE_ART_MIN_PX, APPLE_ART_MAX_PX);
		goto out;
	}
	if (!info.color) {
		left_out(r, p, x, "it is greyscale, and episode art is in colour");
		goto out;
	}
	if (!(dest = pp_asprintf("%s/cover.%s", dir, strcmp(info.format, "png") ? "jpg" : "png"))) {
		res = PP_ENOMEM;
		goto out;
	}
	res = move_download(d, dest, r->diag);
out:
	diag_release(&own);
	free(dest);
	return res;
}

/* The language a transcript without one is published in: the show's, as
 * podcast.yaml will say it (plan_channel). */
static const char *show_language(const struct run *r, char *buf, size_t size)
{
	const char *given = r->feed.channel.language;

	if (!given || strlen(given) >= size)
		return "en";
	snprintf(buf, size, "%s", given);
	normalize_language(buf);
	return value_is_language_code(buf) ? buf : "en";
}

/* A transcript the build reads: checked with podpub's own parser against
 * the audio, then named transcript[.<lang>].vtt|srt in the folder. A
 * second one of the same format and language is left out: the build
 * takes one of each. */
static enum pp_result stage_transcript(struct run *r, const struct planned *p, size_t k,
				       const struct import_download *list, const char *dir,
				       double duration)
{
	const struct extra *x = &p->extras[k];
	const struct import_download *d = &list[x->download];
	char *data = NULL, *lang = NULL, *dest = NULL, buf[64], other_buf[64];
	const char *effective, *show_lang = show_language(r, buf, sizeof(buf));
	struct transcript t;
	struct diag own;
	size_t len = 0;
	enum pp_result res = PP_OK;

	transcript_init(&t);
	diag_init(&own);
	if (!read_extra(r, p, x, d, TRANSCRIPT_MAX_BYTES, &data, &len))
		goto out;
	res = transcript_parse(data, len, x->format, duration, x->url, &t, &own);
	if (res == PP_ENOMEM)
		goto out;
	if (res != PP_OK) {
		res = PP_OK;
		left_out_diag(r, p, x, &own);
		goto out;
	}
	if (x->language && !(lang = strdup(x->language))) {
		res = PP_ENOMEM;
		goto out;
	}
	normalize_language(lang);
	if (lang && !value_is_language_code(lang)) {
		diag_warning(r->diag, r->req->source, p->item->line,
			     "%s: transcript '%s': its language '%s' is no language code: it is "
			     "published in the show's, %s",
			     p->label, x->url, x->language, show_lang);
		free(lang);
		lang = NULL;
	}
	effective = lang ? lang : show_lang;
	/* One of each format and language: an earlier one staged wins. */
	for (size_t i = 0; i < k; i++) {
		const struct extra *o = &p->extras[i];
		const char *other = show_lang;

		if (o->kind != EXTRA_TRANSCRIPT || o->format != x->format || !o->staged)
			continue;
		if (o->language && strlen(o->language) < sizeof(other_buf)) {
			snprintf(other_buf, sizeof(other_buf), "%s", o->language);
			normalize_language(other_buf);
			if (value_is_language_code(other_buf))
				other = other_buf;
		}
		if (strcmp(other, effective) == 0) {
			left_out(r, p, x, "'%s' is a %s transcript in '%s' too", o->url,
				 transcript_suffix(x->format), effective);
			goto out;
		}
	}
	if (!(dest = pp_asprintf("%s/transcript%s%s%s", dir, lang ? "." : "", lang ? lang : "",
				 transcript_suffix(x->format)))) {
		res = PP_ENOMEM;
		goto out;
	}
	if ((res = move_download(d, dest, r->diag)) != PP_OK)
		goto out;
	p->extras[k].staged = true;
out:
	transcript_release(&t);
	diag_release(&own);
	free(data);
	free(lang);
	free(dest);
	return res;
}

/* JSON chapters as episode.md's `chapters:` list, when they keep podpub's
 * rules (each titled, ascending, inside the audio); else none, and a
 * warning. Start times are whole milliseconds, as the build writes them. */
static enum pp_result stage_chapters(struct run *r, const struct planned *p,
				     const struct extra *x, const struct import_download *d,
				     double duration, struct chapters *out)
{
	char *data = NULL, why[256] = "";
	struct diag own;
	size_t len = 0;
	enum pp_result res = PP_OK;

	diag_init(&own);
	if (!read_extra(r, p, x, d, (size_t)CHAPTERS_MAX, &data, &len))
		goto out;
	res = chapters_parse_json(data, len, out, why, sizeof(why));
	if (res == PP_ENOMEM)
		goto out;
	if (res != PP_OK) {
		res = PP_OK;
		left_out(r, p, x, "not JSON chapters: %s", why);
		chapters_release(out);
		goto out;
	}
	if (!out->count) {
		left_out(r, p, x, "it lists no chapters");
		goto out;
	}
	for (size_t i = 0; i < out->count; i++) {
		struct chapter *ch = &out->items[i];

		ch->start = round(ch->start * 1000.0) / 1000.0;
		/* episode.md takes http(s) links only; a chapter keeps its title
		 * and time without one. */
		if (ch->url && !is_http(ch->url)) {
			free(ch->url);
			ch->url = NULL;
		}
		if (ch->img && !is_http(ch->img)) {
			free(ch->img);
			ch->img = NULL;
		}
	}
	if (!chapters_check(out, duration, x->url, &own)) {
		left_out_diag(r, p, x, &own);
		chapters_release(out);
	}
out:
	if (own.out_of_memory)
		res = PP_ENOMEM;
	diag_release(&own);
	free(data);
	return res;
}

/* Probes a finished download and moves it into its staged episode folder
 * with its episode.md. */
static enum pp_result stage_episode(struct run *r, struct planned *p,
				    const struct import_download *list)
{
	const struct import_download *d = &list[p->download];
	const struct import_item *it = p->item;
	char *dir = NULL, *audio = NULL, *md_path = NULL, *text = NULL, *episodes = NULL;
	struct import_episode_out out;
	struct chapters chapters;
	struct diag probed;
	struct probe probe;
	size_t len = 0;
	enum pp_result res;

	probe_init(&probe);
	chapters_init(&chapters);
	diag_init(&probed);
	res = probe_file(p->done, &probe, &probed);
	if (res == PP_ENOMEM)
		goto out;
	if (res != PP_OK) {
		const char *why = probed.count ? probed.entries[0].message : pp_strerror(res);

		fail(r, p, "its enclosure '%s' is not audio podpub can read: %s", it->enclosure_url,
		     why);
		res = PP_OK;
		goto out;
	}
	if (it->length > 0 && it->length != d->size)
		diag_warning(r->diag, r->req->source, it->line,
			     "%s: the enclosure is %lld bytes, not the %lld its length says (kept: "
			     "hosts often get this wrong)",
			     p->label, (long long)d->size, (long long)it->length);
	if (it->enclosure_type && strcasecmp(media_type(it->enclosure_type), probe.mime_type) != 0)
		diag_warning(r->diag, r->req->source, it->line,
			     "%s: the enclosure's type is '%s', but the file is %s (%s): the new "
			     "feed says what the file is",
			     p->label, it->enclosure_type, probe.codec, probe.mime_type);
	if (it->duration >= 0 && fabs(it->duration - probe.duration) > DURATION_SLACK)
		diag_warning(r->diag, r->req->source, it->line,
			     "%s: itunes:duration says %.0f s, the audio lasts %.0f s: the new feed "
			     "gives the audio's",
			     p->label, it->duration, probe.duration);
	res = PP_ENOMEM;
	if (!(episodes = pp_path_join(r->stage, "episodes")) ||
	    !(dir = pp_path_join(episodes, p->slug)) ||
	    !(audio = pp_asprintf("%s/%s.%s", dir, p->slug, probe.extension)) ||
	    !(md_path = pp_path_join(dir, "episode.md")))
		goto out;
	if ((res = make_dir(episodes, r->diag)) != PP_OK || (res = make_dir(dir, r->diag)) != PP_OK)
		goto out;
	for (size_t k = 0; k < p->extra_count && res == PP_OK; k++) {
		const struct extra *x = &p->extras[k];

		switch (x->kind) {
		case EXTRA_ART:
			res = stage_art(r, p, x, &list[x->download], dir);
			break;
		case EXTRA_TRANSCRIPT:
			res = stage_transcript(r, p, k, list, dir, probe.duration);
			break;
		case EXTRA_CHAPTERS:
			if (!chapters.count)
				res = stage_chapters(r, p, x, &list[x->download], probe.duration,
						     &chapters);
			break;
		}
	}
	if (res != PP_OK)
		goto out;
	out = (struct import_episode_out){
		.title = it->title,
		.date = p->date,
		.guid = p->guid,
		.type = p->type,
		.link = is_http(it->link) ? it->link : NULL,
		.number = p->number,
		.season = p->season,
		.explicit_state = it->explicit_state,
		.block = it->block,
		.persons = p->persons,
		.person_count = p->person_count,
		.notes = p->notes,
		.note = p->note,
		.chapters = &chapters,
	};
	if ((res = import_render_episode(&out, &text, &len)) != PP_OK)
		goto out;
	if (rename(p->done, audio) != 0 || import_write_new(md_path, text, len) != PP_OK) {
		diag_error(r->diag, dir, 0, "cannot write: %s", strerror(errno));
		res = PP_EIO;
		goto out;
	}
	p->staged = true;
out:
	chapters_release(&chapters);
	probe_release(&probe);
	diag_release(&probed);
	free(episodes);
	free(dir);
	free(audio);
	free(md_path);
	free(text);
	return res;
}

/* The cover, moved to feed/cover.<png|jpg> of the stage. *image is its
 * path in the show (caller frees), set even when the art failed, so the
 * producer sees where to put it. */
static enum pp_result stage_cover(struct run *r, const struct import_download *d, char **image)
{
	struct probe_image info = { 0 };
	char *feed_dir = NULL, *dest = NULL;
	struct diag probed;
	enum pp_result res = PP_OK;

	diag_init(&probed);
	*image = NULL;
	if (d && d->ok && (res = probe_image(d->done_path, &info, &probed)) == PP_ENOMEM)
		goto out;
	if (!d || !d->ok || res != PP_OK) {
		res = PP_OK;
		if (!(*image = strdup("feed/cover.jpg")))
			res = PP_ENOMEM;
		diag_error(r->diag, r->req->source, 0,
			   "the show's art %s: put a square JPEG or PNG of 1400-3000 px at %s",
			   !d ? "is not in the old feed"
			   : !d->ok ? "could not be downloaded"
				    : "is not a PNG or JPEG",
			   "feed/cover.jpg");
		r->download_failed = r->download_failed || (d && !d->ok);
		goto out;
	}
	if (info.width != info.height || info.width < APPLE_ART_MIN_PX ||
	    info.width > APPLE_ART_MAX_PX)
		diag_warning(r->diag, r->req->source, 0,
			     "the show's art is %dx%d px: podpub publishes only square art of "
			     "%d-%d px, so replace it before building",
			     info.width, info.height, APPLE_ART_MIN_PX, APPLE_ART_MAX_PX);
	res = PP_ENOMEM;
	if (!(*image = pp_asprintf("feed/cover.%s", strcmp(info.format, "png") ? "jpg" : "png")) ||
	    !(feed_dir = pp_path_join(r->stage, "feed")) || !(dest = pp_path_join(r->stage, *image)))
		goto out;
	if ((res = make_dir(feed_dir, r->diag)) != PP_OK)
		goto out;
	res = move_download(d, dest, r->diag);
out:
	diag_release(&probed);
	free(feed_dir);
	free(dest);
	return res;
}

/* The channel's settings, with what podcast.yaml requires filled in when
 * the old feed lacks it (each such value named in a warning). */
struct channel_out {
	struct import_show_settings s;
	char *description, *language, *guid_note, *old_feed_url;
	const char **names, **subs;
	char **owned; /* the names of retired categories' replacements */
	size_t owned_count;
	char podcast_guid[IDENT_UUID_SIZE];
};

static void channel_out_release(struct channel_out *c)
{
	free(c->description);
	free(c->language);
	free(c->guid_note);
	free(c->old_feed_url);
	free(c->names);
	free(c->subs);
	for (size_t i = 0; i < c->owned_count; i++)
		free(c->owned[i]);
	free(c->owned);
}

static void missing(struct run *r, const char *what, const char *used)
{
	diag_warning(r->diag, r->req->source, 0,
		     "the old feed has no %s: podcast.yaml says '%s' until you change it", what, used);
}

static enum pp_result plan_categories(struct run *r, struct channel_out *c)
{
	const struct import_channel *ch = &r->feed.channel;
	size_t n = 0;

	if (!ch->category_count)
		return PP_OK;
	if (!(c->names = calloc(ch->category_count, sizeof(*c->names))) ||
	    !(c->subs = calloc(ch->category_count, sizeof(*c->subs))) ||
	    !(c->owned = calloc(ch->category_count, sizeof(*c->owned))))
		return PP_ENOMEM;
	for (size_t i = 0; i < ch->category_count; i++) {
		const char *name = ch->categories[i].name, *sub = ch->categories[i].sub;
		const char *now = apple_category_obsolete(name, sub);
		bool dup = false;

		if (now) {
			/* Apple reads the pre-2019 names as these ("Leisure >
			 * Video Games"); podpub writes them. */
			const char *gt = strstr(now, " > ");

			if (!(c->owned[c->owned_count++] = strndup(now, gt ? (size_t)(gt - now) : strlen(now))))
				return PP_ENOMEM;
			name = c->owned[c->owned_count - 1];
			sub = gt ? gt + 3 : NULL;
		}
		if (!apple_category_known(name)) {
			diag_warning(r->diag, r->req->source, 0,
				     "category '%s' left out: not one of Apple's", name);
			continue;
		}
		if (sub && !apple_subcategory_known(name, sub)) {
			diag_warning(r->diag, r->req->source, 0,
				     "subcategory '%s' of '%s' left out: not one of Apple's", sub, name);
			sub = NULL;
		}
		for (size_t k = 0; k < n; k++)
			dup = dup || (!strcmp(c->names[k], name) &&
				      ((!sub && !c->subs[k]) || (sub && c->subs[k] && !strcmp(sub, c->subs[k]))));
		if (dup)
			continue;
		c->names[n] = name;
		c->subs[n++] = sub;
	}
	if (!n)
		diag_error(r->diag, r->req->source, 0,
			   "the old feed names no Apple Podcasts category podpub knows: add one to "
			   "'categories' in podcast.yaml");
	c->s.categories = c->names;
	c->s.subcategories = c->subs;
	c->s.category_count = n;
	return PP_OK;
}

/* podcast:guid kept when it is the version 5 UUID the namespace defines;
 * else derived as the namespace says, from the old feed's URL, which is
 * what Podcasting 2.0 apps knew the show by. */
static enum pp_result plan_guid(struct run *r, struct channel_out *c)
{
	const char *given = r->feed.channel.podcast_guid;
	enum pp_result res;

	if (given && value_is_uuid(given) && given[14] == '5') {
		c->s.podcast_guid = given;
		return (c->guid_note = strdup("kept from the old feed")) ? PP_OK : PP_ENOMEM;
	}
	if (!c->old_feed_url) {
		if (given)
			diag_warning(r->diag, r->req->source, 0,
				     "podcast:guid '%s' is no version 5 UUID, and the old feed's URL "
				     "is unknown: podpub derives a new one from the new feed's URL",
				     given);
		return PP_OK;
	}
	if ((res = ident_podcast_guid(c->old_feed_url, c->podcast_guid)) != PP_OK)
		return res == PP_ENOMEM ? res : PP_EINTERNAL;
	c->s.podcast_guid = c->podcast_guid;
	if (given)
		diag_warning(r->diag, r->req->source, 0,
			     "podcast:guid '%s' is no version 5 UUID: podcast.yaml has '%s', derived "
			     "from the old feed's URL",
			     given, c->podcast_guid);
	c->guid_note = pp_asprintf("derived from the old feed's URL, as the Podcasting 2.0 "
				   "namespace does: it stays when the feed moves");
	return c->guid_note ? PP_OK : PP_ENOMEM;
}

static const char *zone_for(const char *language)
{
	for (size_t i = 0; i < COUNT(zones); i++)
		if (strcasecmp(language, zones[i].language) == 0)
			return zones[i].zone;
	for (size_t i = 0; i < COUNT(zones); i++)
		if (strncasecmp(language, zones[i].language, 2) == 0 && !zones[i].language[2])
			return zones[i].zone;
	return "UTC";
}

static enum pp_result plan_channel(struct run *r, struct channel_out *c, const char *image)
{
	const struct import_channel *ch = &r->feed.channel;
	struct import_show_settings *s = &c->s;
	const char *self = ch->self_url;
	enum pp_result res;

	s->source = r->req->source;
	if (is_http(self))
		c->old_feed_url = strdup(self);
	else if (is_url(r->req->source))
		c->old_feed_url = strdup(r->req->source);
	if ((is_http(self) || is_url(r->req->source)) && !c->old_feed_url)
		return PP_ENOMEM;
	s->old_feed_url = c->old_feed_url;
	/* A feed that already points elsewhere is a show that moved before. */
	if (is_http(ch->new_feed_url) && (!c->old_feed_url || strcmp(ch->new_feed_url, c->old_feed_url)) &&
	    strcmp(ch->new_feed_url, r->req->source))
		diag_warning(r->diag, r->req->source, 0,
			     "the old feed says the show moved to '%s' (itunes:new-feed-url): import "
			     "from there if that is its newest feed",
			     ch->new_feed_url);
	if (!(s->title = ch->title))
		missing(r, "title", s->title = "Untitled");
	if (ch->description &&
	    (res = import_html_text(ch->description, strlen(ch->description), &c->description)) != PP_OK)
		return res;
	if (!(s->description = c->description) || !*s->description)
		missing(r, "description", s->description = s->title);
	if (!is_http(s->link = ch->link))
		missing(r, "web site link", s->link = r->req->base_url ? r->req->base_url
								: PLACEHOLDER_BASE_URL);
	if (ch->language && !(c->language = strdup(ch->language)))
		return PP_ENOMEM;
	normalize_language(c->language);
	if (!(s->language = c->language) || !value_is_language_code(s->language))
		missing(r, "language code", s->language = "en");
	if (!(s->author = ch->author) && !(s->author = ch->owner_name))
		missing(r, "itunes:author", s->author = s->title);
	if (!(s->owner_name = ch->owner_name))
		s->owner_name = s->author;
	if (!(s->owner_email = ch->owner_email) || !strchr(s->owner_email, '@'))
		missing(r, "itunes:owner email", s->owner_email = PLACEHOLDER_EMAIL);
	s->copyright = ch->copyright;
	s->explicit_content = ch->explicit_state == 1;
	/* A locked show stays locked: other platforms may not take it. */
	s->locked = ch->locked;
	s->type = ch->type && !strcmp(ch->type, "serial") ? "serial" : "episodic";
	s->timezone = zone_for(s->language);
	s->image = image;
	s->base_url = r->req->base_url ? r->req->base_url : PLACEHOLDER_BASE_URL;
	s->base_url_placeholder = !r->req->base_url;
	s->podcast_guid_note = NULL;
	if ((res = plan_categories(r, c)) != PP_OK || (res = plan_guid(r, c)) != PP_OK)
		return res;
	s->podcast_guid_note = c->guid_note;
	return PP_OK;
}

/* Moves `name` from the stage into the show. */
static enum pp_result move_in(struct run *r, const char *name)
{
	char *from = pp_path_join(r->stage, name), *to = pp_path_join(r->root, name);
	enum pp_result res = PP_ENOMEM;

	if (from && to) {
		res = PP_OK;
		if (rename(from, to) != 0) {
			diag_error(r->diag, to, 0, "cannot move into place: %s", strerror(errno));
			res = PP_EIO;
		}
	}
	free(from);
	free(to);
	return res;
}

static const char gitignore[] = "/build/\n/public/\n*.podpub-tmp\n/.podpub-cache/\n"
				"/.podpub-import/\n/feed/feed.xml\n/feed/preview.xml\n";

/* The show's files into place: episodes and art first, podcast.yaml last,
 * so a folder with a podcast.yaml holds a whole show. */
static enum pp_result commit(struct run *r, const struct channel_out *c)
{
	char *path = NULL, *text = NULL, *episodes = NULL, *name = NULL;
	size_t len = 0;
	bool has_ignore = false;
	enum pp_result res;

	if ((res = import_render_config(&c->s, &text, &len)) != PP_OK)
		return res;
	res = PP_ENOMEM;
	if (!(path = pp_path_join(r->stage, "podcast.yaml")) ||
	    !(episodes = pp_path_join(r->root, "episodes")))
		goto out;
	unlink(path);
	if ((res = import_write_new(path, text, len)) != PP_OK) {
		diag_error(r->diag, path, 0, "cannot write: %s", strerror(errno));
		goto out;
	}
	if ((res = make_dir(episodes, r->diag)) != PP_OK)
		goto out;
	for (size_t i = 0; i < r->count && res == PP_OK; i++) {
		if (!r->plan[i].staged)
			continue;
		free(name);
		if (!(name = pp_asprintf("episodes/%s", r->plan[i].slug)))
			res = PP_ENOMEM;
		else
			res = move_in(r, name);
	}
	if (res == PP_OK && strncmp(c->s.image, "feed/", 5) == 0) {
		bool staged;
		char *feed = pp_path_join(r->root, "feed");

		if (!feed || !exists(r->stage, c->s.image, &staged))
			res = PP_ENOMEM;
		else if (staged && (res = make_dir(feed, r->diag)) == PP_OK)
			res = move_in(r, c->s.image);
		free(feed);
	}
	if (res == PP_OK && exists(r->root, ".gitignore", &has_ignore) && !has_ignore) {
		free(path);
		if (!(path = pp_path_join(r->root, ".gitignore")))
			res = PP_ENOMEM;
		else if (import_write_new(path, gitignore, sizeof(gitignore) - 1) != PP_OK)
			diag_warning(r->diag, path, 0, "cannot write: %s", strerror(errno));
	}
	if (res == PP_OK)
		res = move_in(r, "podcast.yaml");
out:
	free(path);
	free(text);
	free(episodes);
	free(name);
	return res;
}

/* The download list: the cover first (its row 0 when there is one), then
 * every item still planned. */
static enum pp_result download(struct run *r, struct import_download **list, size_t *count,
			       char *cover_part[2])
{
	const char *image = r->feed.channel.image_url;
	char hash[IDENT_SHA256_SIZE];
	enum pp_result res;
	size_t n = 0;

	size_t rows = r->count + 1;

	*count = 0;
	for (size_t i = 0; i < r->count; i++)
		rows += r->plan[i].extra_count;
	if (!(*list = calloc(rows, sizeof(**list))))
		return PP_ENOMEM;
	if (is_http(image)) {
		if ((res = ident_sha256_buffer(image, strlen(image), hash)) != PP_OK)
			return res;
		hash[24] = '\0';
		if (!(cover_part[0] = pp_asprintf("%s/cover-%s.part", r->parts, hash)) ||
		    !(cover_part[1] = pp_asprintf("%s/cover-%s.done", r->parts, hash)))
			return PP_ENOMEM;
		(*list)[n++] = (struct import_download){ .url = image, .part_path = cover_part[0],
							 .done_path = cover_part[1],
							 .label = "the show's art" };
	}
	for (size_t i = 0; i < r->count; i++) {
		struct planned *p = &r->plan[i];

		if (p->skip || p->failed)
			continue;
		p->download = n;
		(*list)[n++] = (struct import_download){ .url = p->item->enclosure_url,
							 .part_path = p->part, .done_path = p->done,
							 .label = p->label };
		/* In the same pass, with the same caps (smaller for text). */
		for (size_t k = 0; k < p->extra_count; k++) {
			struct extra *x = &p->extras[k];
			static const int64_t caps[] = { [EXTRA_ART] = 0,
							[EXTRA_TRANSCRIPT] = (int64_t)TRANSCRIPT_MAX_BYTES,
							[EXTRA_CHAPTERS] = CHAPTERS_MAX };

			x->download = n;
			(*list)[n++] = (struct import_download){ .url = x->url, .part_path = x->part,
								 .done_path = x->done, .label = x->label,
								 .max = caps[x->kind] };
		}
	}
	*count = n;
	return import_fetch_all(*list, n, r->req->jobs, r->req->progress, r->req->progress_ctx);
}

enum pp_result import_show(const struct import_request *req, struct import_summary *sum,
			   struct diag *diag)
{
	struct run r = { .req = req, .diag = diag, .root = req->root ? req->root : "." };
	struct channel_out channel = { .names = NULL };
	struct import_download *list = NULL;
	char *cover_part[2] = { NULL, NULL }, *image = NULL, *leftover = NULL;
	size_t list_count = 0;
	enum pp_result res;

	memset(sum, 0, sizeof(*sum));
	import_feed_init(&r.feed);
	if ((res = check_root(&r)) != PP_OK || (res = load_feed(&r)) != PP_OK)
		goto out;
	res = PP_ENOMEM;
	if (!(r.stage = pp_path_join(r.root, IMPORT_STAGE)) ||
	    !(r.parts = pp_path_join(r.stage, "parts")))
		goto out;
	if ((res = make_dir(r.stage, diag)) != PP_OK || (res = make_dir(r.parts, diag)) != PP_OK)
		goto out;
	/* What an earlier run staged but never moved into place is made
	 * again; only its downloads (parts/) are worth keeping. */
	static const char *const stale[] = { "episodes", "feed", "podcast.yaml" };
	for (size_t i = 0; i < COUNT(stale); i++) {
		if (!(leftover = pp_path_join(r.stage, stale[i]))) {
			res = PP_ENOMEM;
			goto out;
		}
		remove_tree(leftover, 0);
		free(leftover);
		leftover = NULL;
	}
	sum->items = r.count = r.feed.count;
	if (r.count && !(r.plan = calloc(r.count, sizeof(*r.plan)))) {
		res = PP_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < r.count; i++) {
		r.plan[i].item = &r.feed.items[i];
		if ((res = plan_item(&r, i)) != PP_OK)
			goto out;
	}
	res = download(&r, &list, &list_count, cover_part);
	if (res == PP_EINTR)
		diag_add(diag, DIAG_NOTE, r.stage, 0,
			 "interrupted: the downloads so far are kept here; run the same command "
			 "again to continue them");
	if (res != PP_OK)
		goto out;
	for (size_t i = 0; i < r.count; i++) {
		struct planned *p = &r.plan[i];
		const struct import_download *d = p->download != (size_t)-1 ? &list[p->download] : NULL;

		if (!d)
			continue;
		if (!d->ok) {
			/* The guid is what a folder made by hand later needs. */
			fail(&r, p, "cannot download '%s': %s; to add it by hand later, give its "
				    "episode.md 'guid: %s'",
			     d->url, d->error, p->guid);
			r.download_failed = true;
			continue;
		}
		if ((res = stage_episode(&r, p, list)) != PP_OK)
			goto out;
	}
	for (size_t i = 0; i < r.count; i++) {
		sum->imported += r.plan[i].staged;
		sum->skipped += r.plan[i].skip;
		sum->failed += r.plan[i].failed;
	}
	if ((res = stage_cover(&r, cover_part[0] ? &list[0] : NULL, &image)) != PP_OK ||
	    (res = plan_channel(&r, &channel, image)) != PP_OK)
		goto out;
	if (sum->imported == 0 && sum->items > 0) {
		diag_error(diag, r.root, 0,
			   "no episode could be imported: nothing was written; the downloads so "
			   "far are kept under %s for the next run", r.stage);
		res = r.download_failed ? PP_ETARGET : PP_EPARSE;
		goto out;
	}
	if ((res = commit(&r, &channel)) != PP_OK)
		goto out;
	remove_tree(r.stage, 0);
	if (sum->failed || diag_count(diag, DIAG_ERROR))
		res = r.download_failed ? PP_ETARGET : PP_EPARSE;
out:
	if (diag->out_of_memory && res == PP_OK)
		res = PP_ENOMEM;
	for (size_t i = 0; i < r.count && r.plan; i++)
		planned_release(&r.plan[i]);
	free(r.plan);
	free(list);
	free(cover_part[0]);
	free(cover_part[1]);
	free(image);
	channel_out_release(&channel);
	import_feed_release(&r.feed);
	free(r.stage);
	free(r.parts);
	return res;
}
