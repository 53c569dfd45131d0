#include "episode.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "buf.h"
#include "datetime.h"
#include "notes.h"
#include "podcast_taxonomy.h"
#include "util.h"
#include "value.h"
#include "yamldoc.h"

static const char *const episode_types[] = { "full", "trailer", "bonus", NULL };

#define FIELD(key, kind, member, required, max) \
	{ key, kind, offsetof(struct episode, member), required, NULL, max }

static const struct yamldoc_field episode_fields[] = {
	FIELD("title", YF_STRING, title, true, 0),
	FIELD("date", YF_STRING, date_text, true, 0),
	FIELD("episode", YF_UINT, number, false, 1000000),
	FIELD("season", YF_UINT, season, false, 10000),
	{ "type", YF_CHOICE, offsetof(struct episode, type), false, episode_types, 0 },
	FIELD("explicit", YF_BOOL, explicit_content, false, 0),
	FIELD("block", YF_BOOL, block, false, 0),
	FIELD("draft", YF_BOOL, draft, false, 0),
	FIELD("guid", YF_STRING, guid, false, 0),
	FIELD("link", YF_URL, link, false, 0),
	FIELD("persons", YF_CUSTOM, persons, false, 0),
	FIELD("chapters", YF_CUSTOM, chapters, false, 0),
};

/* One entry of `chapters:`; start is read as text (90, 1:30, 01:02:03.5). */
struct chapter_fields {
	char *start;
	char *title;
	char *url;
	char *img;
};

static const struct yamldoc_field chapter_fields[] = {
	{ "start", YF_STRING, offsetof(struct chapter_fields, start), true, NULL, 0 },
	{ "title", YF_STRING, offsetof(struct chapter_fields, title), true, NULL, 0 },
	{ "url", YF_URL, offsetof(struct chapter_fields, url), false, NULL, 0 },
	{ "img", YF_URL, offsetof(struct chapter_fields, img), false, NULL, 0 },
};

static const struct yamldoc_field person_fields[] = {
	{ "name", YF_STRING, offsetof(struct person, name), true, NULL, 0 },
	{ "role", YF_STRING, offsetof(struct person, role), true, NULL, 0 },
	{ "href", YF_URL, offsetof(struct person, href), false, NULL, 0 },
	{ "img", YF_URL, offsetof(struct person, img), false, NULL, 0 },
};

/* File name endings of audio files; what the file holds is decided by the
 * probe, not by this list. */
static const char *const audio_suffixes[] = { ".mp3", ".m4a", ".mp4", ".aac", ".ogg", ".oga",
					      ".opus", ".flac", ".wav" };

/* Audio formats podcast apps cannot play, by ending: named as such when an
 * episode folder has one and no playable file. */
static const struct {
	const char *suffix, *format;
} unsupported_audio[] = {
	{ ".wma", "Windows Media Audio" }, { ".aiff", "AIFF" },      { ".aif", "AIFF" },
	{ ".aifc", "AIFF" },               { ".ape", "Monkey's Audio" }, { ".wv", "WavPack" },
	{ ".ra", "RealAudio" },            { ".rm", "RealAudio" },   { ".amr", "AMR" },
	{ ".mka", "Matroska audio" },      { ".caf", "Core Audio" }, { ".m4b", "an audiobook (M4B)" },
};

void episode_init(struct episode *e)
{
	memset(e, 0, sizeof(*e));
}

static void person_release(struct person *p)
{
	yamldoc_release_fields(person_fields, COUNT(person_fields), p);
}

void episode_release(struct episode *e)
{
	yamldoc_release_fields(episode_fields, COUNT(episode_fields), e);
	for (size_t i = 0; i < e->person_count; i++)
		person_release(&e->persons[i]);
	free(e->persons);
	chapters_release(&e->chapters);
	free(e->slug);
	free(e->dir);
	free(e->md_path);
	free(e->audio_path);
	free(e->art_path);
	for (size_t i = 0; i < e->transcript_count; i++) {
		free(e->transcripts[i].path);
		free(e->transcripts[i].language);
	}
	free(e->transcripts);
	free(e->notes_html);
	free(e->notes_text);
	episode_init(e);
}

bool episode_slug_valid(const char *slug)
{
	if (!*slug || *slug == '.')
		return false;
	for (const char *p = slug; *p; p++) {
		char c = *p;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_' || c == '.'))
			return false;
	}
	return true;
}

static bool read_persons(const struct yamldoc *doc, int list, struct episode *e,
			 struct diag *diag)
{
	size_t n = yamldoc_length(doc, list);
	bool ok = true;

	if (yamldoc_kind(doc, list) != YAMLDOC_SEQUENCE) {
		diag_error(diag, yamldoc_path(doc), yamldoc_line(doc, list),
			   "'persons' must be a list of {name, role}");
		return false;
	}
	if (n == 0)
		return true;
	e->persons = calloc(n, sizeof(*e->persons));
	if (!e->persons) {
		diag->out_of_memory = true;
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		int item = yamldoc_item(doc, list, i);
		struct person *p = &e->persons[e->person_count++];

		if (yamldoc_read_fields(doc, item, "a person", person_fields, COUNT(person_fields), p,
					diag) != PP_OK) {
			ok = false;
			continue;
		}
		if (!(p->group = podcast_role_group(p->role, false))) {
			const char *near = podcast_role_near(p->role);
			int line = yamldoc_line(doc, yamldoc_get(doc, item, "role"));

			if (near)
				diag_error(diag, yamldoc_path(doc), line,
					   "unknown person role '%s': did you mean '%s'?", p->role, near);
			else
				diag_error(diag, yamldoc_path(doc), line,
					   "unknown person role '%s' (host, co-host, guest, narrator, producer, ...)",
					   p->role);
			ok = false;
		}
	}
	return ok;
}

static bool read_chapters(const struct yamldoc *doc, int list, struct episode *e,
			  struct diag *diag)
{
	size_t n = yamldoc_length(doc, list);
	bool ok = true;

	e->chapters_line = yamldoc_line(doc, list);
	if (yamldoc_kind(doc, list) != YAMLDOC_SEQUENCE || n == 0) {
		diag_error(diag, yamldoc_path(doc), yamldoc_line(doc, list),
			   "'chapters' must be a list of {start, title}");
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		int item = yamldoc_item(doc, list, i);
		int line = yamldoc_line(doc, item);
		struct chapter_fields f = { 0 };
		double start = 0.0;

		if (yamldoc_read_fields(doc, item, "a chapter", chapter_fields, COUNT(chapter_fields),
					&f, diag) != PP_OK) {
			ok = false;
		} else if (!chapters_parse_time(f.start, &start)) {
			diag_error(diag, yamldoc_path(doc), yamldoc_line(doc, yamldoc_get(doc, item, "start")),
				   "chapter 'start' must be a time like 90, 1:30 or 01:02:03.5, not '%s'",
				   f.start);
			ok = false;
		} else if (chapters_add(&e->chapters, start, f.title, f.url, f.img, line) != PP_OK) {
			diag->out_of_memory = true;
			ok = false;
		}
		yamldoc_release_fields(chapter_fields, COUNT(chapter_fields), &f);
	}
	return ok;
}
enum front_matter { FRONT_MATTER_OK, FRONT_MATTER_NO_START, FRONT_MATTER_NO_END };

/* Splits "---\n<yaml>\n---\n<markdown>" in place. */
static enum front_matter split_front_matter(char *text, char **yaml, size_t *yaml_len,
					    char **body)
{
	char *p;

	if (strncmp(text, "---\n", 4) != 0 && strncmp(text, "---\r\n", 5) != 0)
		return FRONT_MATTER_NO_START;
	*yaml = strchr(text, '\n') + 1;
	for (p = *yaml; *p; p = strchr(p, '\n') + 1) {
		if ((strncmp(p, "---", 3) == 0 || strncmp(p, "...", 3) == 0) &&
		    (p[3] == '\n' || p[3] == '\0' || (p[3] == '\r' && p[4] == '\n'))) {
			*yaml_len = (size_t)(p - *yaml);
			*body = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + 3;
			return FRONT_MATTER_OK;
		}
		if (!strchr(p, '\n'))
			break;
	}
	return FRONT_MATTER_NO_END;
}

/* The names in an episode's folder, hidden ones left out: read once for
 * the audio, the transcripts and the art (two reads of every folder were a
 * tenth of a cached rebuild). */
struct folder {
	struct dirent **entries;
	int count;
};

static int not_hidden(const struct dirent *ent)
{
	return ent->d_name[0] != '.';
}

static void folder_release(struct folder *f)
{
	for (int i = 0; i < f->count; i++)
		free(f->entries[i]);
	free(f->entries);
	f->entries = NULL;
	f->count = 0;
}

static enum pp_result find_audio(struct episode *e, const struct folder *folder,
				 struct diag *diag)
{
	char *first = NULL, *second = NULL, *other = NULL;
	const char *other_format = NULL;
	enum pp_result res = PP_OK;

	for (int n = 0; n < folder->count; n++) {
		const struct dirent *ent = folder->entries[n];
		bool audio = false;

		for (size_t i = 0; i < COUNT(audio_suffixes) && !audio; i++)
			audio = pp_has_suffix_nocase(ent->d_name, audio_suffixes[i]);
		for (size_t i = 0; i < COUNT(unsupported_audio) && !audio; i++) {
			/* Keep the first by name, for a stable message. */
			if (!pp_has_suffix_nocase(ent->d_name, unsupported_audio[i].suffix) ||
			    (other && strcmp(other, ent->d_name) < 0))
				continue;
			free(other);
			if (!(other = strdup(ent->d_name))) {
				res = PP_ENOMEM;
				goto out;
			}
			other_format = unsupported_audio[i].format;
		}
		if (!audio)
			continue;
		/* readdir's order is arbitrary; keep the pair sorted for stable messages. */
		char **slot = !first ? &first : !second ? &second : NULL;
		if (!slot)
			continue;
		if (!(*slot = strdup(ent->d_name))) {
			res = PP_ENOMEM;
			goto out;
		}
	}
	if (!first && other) {
		char *path = pp_path_join(e->dir, other);

		if (!path) {
			res = PP_ENOMEM;
			goto out;
		}
		diag_error(diag, path, 0,
			   "%s is a format podcast apps cannot play: convert it to MP3, e.g. "
			   "ffmpeg -i '%s' -b:a 128k '%.*s.mp3'",
			   other_format, path, (int)(strrchr(path, '.') - path), path);
		free(path);
		res = PP_EPARSE;
	} else if (!first) {
		diag_error(diag, e->dir, 0, "no audio file in episode folder (mp3, m4a, ogg, opus, flac or wav)");
		res = PP_EPARSE;
	} else if (second) {
		bool swap = strcmp(first, second) > 0;
		diag_error(diag, e->dir, 0, "two audio files, '%s' and '%s': an episode has exactly one",
			   swap ? second : first, swap ? first : second);
		res = PP_EPARSE;
	} else if (!(e->audio_path = pp_path_join(e->dir, first))) {
		res = PP_ENOMEM;
	}
out:
	free(first);
	free(second);
	free(other);
	return res;
}

/* The episode's art is a file named "cover" with one of these endings (in
 * any case); other image endings are named in an error, never skipped. */
static const char *const art_suffixes[] = { ".jpg", ".jpeg", ".png" };
static const char *const art_refused[] = { ".webp", ".gif", ".heic", ".avif", ".bmp", ".tif",
					   ".tiff", ".svg" };

static bool is_cover(const char *name, const char *const *suffixes, size_t count)
{
	if (strncasecmp(name, "cover.", 6) != 0)
		return false;
	for (size_t i = 0; i < count; i++)
		if (strcasecmp(name + 5, suffixes[i]) == 0)
			return true;
	return false;
}

/* "transcript.fi.vtt" names its language; "transcript.vtt" and
 * "jakso.1.vtt" do not (NULL: the show's). Caller frees. */
static enum pp_result transcript_language(const char *name, char **out)
{
	const char *end = strrchr(name, '.'), *dot;
	char *lang;

	*out = NULL;
	for (dot = end; dot > name && dot[-1] != '.'; dot--)
		;
	if (dot <= name + 1)
		return PP_OK;
	if (!(lang = strndup(dot, (size_t)(end - dot))))
		return PP_ENOMEM;
	if (value_is_language_code(lang))
		*out = lang;
	else
		free(lang);
	return PP_OK;
}

static int by_transcript_path(const void *a, const void *b)
{
	return strcmp(((const struct episode_transcript *)a)->path,
		      ((const struct episode_transcript *)b)->path);
}

static enum pp_result add_transcript(struct episode *e, const char *name,
				     enum transcript_format format)
{
	struct episode_transcript *grown, *t;
	enum pp_result res;

	grown = pp_grow(e->transcripts, &e->transcript_alloc, e->transcript_count + 1,
			sizeof(*grown));
	if (!grown)
		return PP_ENOMEM;
	e->transcripts = grown;
	t = &e->transcripts[e->transcript_count];
	memset(t, 0, sizeof(*t));
	t->format = format;
	if (!(t->path = pp_path_join(e->dir, name)))
		return PP_ENOMEM;
	if ((res = transcript_language(name, &t->language)) != PP_OK) {
		free(t->path);
		return res;
	}
	e->transcript_count++;
	return PP_OK;
}

/* The folder's transcripts and its art (README.md, "Adding an episode"):
 * the files beside the audio that podpub publishes too. */
static enum pp_result find_extras(struct episode *e, const struct folder *folder,
				  struct diag *diag)
{
	char *second_art = NULL;
	enum pp_result res = PP_OK;
	bool ok = true;

	for (int n = 0; res == PP_OK && n < folder->count; n++) {
		const struct dirent *ent = folder->entries[n];
		enum transcript_format format;

		if (transcript_format_of(ent->d_name, &format)) {
			res = add_transcript(e, ent->d_name, format);
		} else if (is_cover(ent->d_name, art_refused, COUNT(art_refused))) {
			char *path = pp_path_join(e->dir, ent->d_name);

			if (!path) {
				res = PP_ENOMEM;
				break;
			}
			diag_error(diag, path, 0,
				   "episode art must be a JPEG or PNG file: convert it, e.g. "
				   "ffmpeg -i '%s' '%s/cover.jpg'",
				   path, e->dir);
			free(path);
			ok = false;
		} else if (is_cover(ent->d_name, art_suffixes, COUNT(art_suffixes))) {
			char *path = pp_path_join(e->dir, ent->d_name);

			/* readdir's order is arbitrary: keep the pair sorted. */
			if (!path) {
				res = PP_ENOMEM;
			} else if (!e->art_path) {
				e->art_path = path;
			} else if (second_art) {
				free(path); /* a third: the message names two */
			} else if (strcmp(path, e->art_path) < 0) {
				second_art = e->art_path;
				e->art_path = path;
			} else {
				second_art = path;
			}
		}
	}
	if (res == PP_OK && second_art) {
		diag_error(diag, e->dir, 0, "two cover images, '%s' and '%s': an episode has one",
			   e->art_path, second_art);
		ok = false;
	}
	free(second_art);
	if (res == PP_OK && e->transcript_count > 1)
		qsort(e->transcripts, e->transcript_count, sizeof(*e->transcripts),
		      by_transcript_path);
	return res != PP_OK ? res : ok ? PP_OK : PP_EPARSE;
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Says what is wrong with a date datetime_parse refused, in the producer's
 * terms: a Finnish-style day first ("4.3.2025 klo 9.00") gets the same date
 * written the right way, a day the month does not have is named. */
static void date_error(const struct episode *e, int line, struct diag *diag)
{
	static const char *const months[] = { "January", "February", "March",     "April",
					      "May",     "June",     "July",      "August",
					      "September", "October", "November", "December" };
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	const char *text = e->date_text;
	int d, m, y, h, min, used = 0, n;
	char sep;

	n = sscanf(text, "%2d.%2d.%4d%n", &d, &m, &y, &used);
	if (n == 3 && y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
		const char *rest = text + used;

		while (*rest == ' ')
			rest++;
		if (strncmp(rest, "klo", 3) == 0)
			rest += 3;
		if (!*rest) {
			diag_error(diag, e->md_path, line,
				   "'date' is year first: write %04d-%02d-%02d, not '%s'", y, m, d, text);
			return;
		}
		min = 0;
		if (sscanf(rest, " %2d%n", &h, &used) == 1 && !rest[used] && h < 24) {
			diag_error(diag, e->md_path, line,
				   "'date' is year first: write %04d-%02d-%02d %02d:00, not '%s'", y, m,
				   d, h, text);
			return;
		}
		if (sscanf(rest, " %2d%c%2d%n", &h, &sep, &min, &used) == 3 &&
		    (sep == ':' || sep == '.') && !rest[used] && h < 24 && min < 60) {
			diag_error(diag, e->md_path, line,
				   "'date' is year first: write %04d-%02d-%02d %02d:%02d, not '%s'", y,
				   m, d, h, min, text);
			return;
		}
	}
	n = sscanf(text, "%4d-%2d-%2d", &y, &m, &d);
	if (n == 3 && m >= 1 && m <= 12 && d >= 1 &&
	    d > days[m - 1] + (m == 2 && leap(y))) {
		diag_error(diag, e->md_path, line, "'date': no such day as '%s': %s %d has %d days",
			   text, months[m - 1], y, days[m - 1] + (m == 2 && leap(y)));
		return;
	}
	diag_error(diag, e->md_path, line,
		   "'date' must be a date and time like '2025-03-04 09:00', not '%s'", text);
}

static bool read_front_matter(struct episode *e, const struct yamldoc *doc, const char *timezone,
			      struct diag *diag)
{
	int root = yamldoc_root(doc);
	bool ok = yamldoc_read_fields(doc, root, "episode front matter", episode_fields,
				      COUNT(episode_fields), e, diag) == PP_OK;
	enum pp_result dated = PP_OK;
	int node;

	if (yamldoc_kind(doc, root) != YAMLDOC_MAPPING)
		return false;
	if (e->date_text)
		dated = datetime_parse(e->date_text, timezone, &e->date);
	if (dated == PP_ENOMEM) {
		diag->out_of_memory = true;
	} else if (dated != PP_OK) {
		date_error(e, yamldoc_line(doc, yamldoc_get(doc, root, "date")), diag);
		ok = false;
	}
	e->explicit_given = yamldoc_get(doc, root, "explicit") != 0;
	if ((node = yamldoc_get(doc, root, "persons")) && !read_persons(doc, node, e, diag))
		ok = false;
	if ((node = yamldoc_get(doc, root, "chapters")) && !read_chapters(doc, node, e, diag))
		ok = false;
	e->number_line = yamldoc_line(doc, yamldoc_get(doc, root, "episode"));
	e->guid_line = yamldoc_line(doc, yamldoc_get(doc, root, "guid"));
	if (!e->type && !(e->type = strdup("full")))
		diag->out_of_memory = true;
	return ok && !diag->out_of_memory;
}

enum pp_result episode_load(const char *episodes_dir, const char *slug, const char *timezone,
			    struct episode *e, struct diag *diag)
{
	enum pp_result res = PP_ENOMEM;
	struct yamldoc *doc = NULL;
	char *text = NULL, *yaml, *body;
	size_t len = 0, yaml_len;
	int raw_html_line = 0;
	struct folder folder = { NULL, 0 };
	struct stat st;
	bool ok = true;

	if (!(e->slug = strdup(slug)) || !(e->dir = pp_path_join(episodes_dir, slug)) ||
	    !(e->md_path = pp_path_join(e->dir, "episode.md")))
		goto out;
	if (!episode_slug_valid(slug)) {
		diag_error(diag, e->dir, 0,
			   "folder name '%s' is unsafe in a URL: use letters a-z, digits, '-', '_' and '.'",
			   slug);
		ok = false;
	} else if (strlen(slug) > EPISODE_SLUG_MAX) {
		diag_error(diag, e->dir, 0,
			   "folder name is %zu bytes long: the file it names is published under "
			   "it, so it may have at most %d",
			   strlen(slug), EPISODE_SLUG_MAX);
		ok = false;
	}
	if ((folder.count = scandir(e->dir, &folder.entries, not_hidden, alphasort)) < 0) {
		folder.count = 0;
		if (errno == ENOMEM) {
			res = PP_ENOMEM;
			goto out;
		}
		diag_error(diag, e->dir, 0, "cannot read episode folder: %s", strerror(errno));
		ok = false;
	} else {
		res = find_audio(e, &folder, diag);
		if (res == PP_ENOMEM)
			goto out;
		if (res != PP_OK)
			ok = false;
		res = find_extras(e, &folder, diag);
		if (res == PP_ENOMEM)
			goto out;
		if (res != PP_OK)
			ok = false;
	}
	res = pp_read_file_max(e->md_path, PP_TEXT_MAX, &text, &len, &st);
	if (res == PP_EIO) {
		if (errno == ENOENT)
			diag_error(diag, e->md_path, 0, "missing episode.md");
		else
			diag_error(diag, e->md_path, 0, "cannot read: %s", strerror(errno));
		res = PP_EPARSE;
		goto out;
	} else if (res == PP_EPARSE) {
		diag_refused_file(diag, e->md_path, "episode.md", &st, PP_TEXT_MAX);
		goto out;
	} else if (res != PP_OK) {
		goto out;
	}
	res = PP_EPARSE;
	if (!diag_check_text(diag, e->md_path, text, len))
		goto out;
	/* Editors on Windows may start the file with a UTF-8 byte order mark. */
	switch (split_front_matter(strncmp(text, "\xef\xbb\xbf", 3) == 0 ? text + 3 : text, &yaml,
				   &yaml_len, &body)) {
	case FRONT_MATTER_OK:
		break;
	case FRONT_MATTER_NO_START:
		diag_error(diag, e->md_path, 1,
			   "missing front matter: the file must start with a '---' line, then YAML, then '---'");
		goto out;
	case FRONT_MATTER_NO_END:
		diag_error(diag, e->md_path, 1,
			   "no closing '---' line: end the front matter with a line of '---' before "
			   "the show notes");
		goto out;
	}
	res = yamldoc_load(yaml, yaml_len, e->md_path, 2, &doc, diag);
	if (res != PP_OK)
		goto out;
	if (!read_front_matter(e, doc, timezone, diag))
		ok = false;
	res = notes_render(body, strlen(body), &e->notes_html, &e->notes_text, &raw_html_line);
	if (res != PP_OK)
		goto out;
	if (raw_html_line)
		diag_warning(diag, e->md_path, pp_line_of_offset(text, (size_t)(body - text)) +
							raw_html_line - 1,
			     "raw HTML is left out of the feed: write it in Markdown (**bold**, "
			     "[text](https://...))");
	if (!*e->notes_text)
		diag_warning(diag, e->md_path, 0,
			     "no show notes after the front matter: apps will show an empty description");
	res = ok ? PP_OK : PP_EPARSE;
out:
	folder_release(&folder);
	if (diag->out_of_memory)
		res = PP_ENOMEM;
	yamldoc_free(&doc);
	free(text);
	return res;
}
