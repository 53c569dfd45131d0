#include "episode.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "datetime.h"
#include "notes.h"
#include "podcast_taxonomy.h"
#include "util.h"
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
	FIELD("guid", YF_STRING, guid, false, 0),
	FIELD("link", YF_URL, link, false, 0),
	FIELD("persons", YF_CUSTOM, persons, false, 0),
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
	free(e->slug);
	free(e->dir);
	free(e->md_path);
	free(e->audio_path);
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
			diag_error(diag, yamldoc_path(doc), yamldoc_line(doc, yamldoc_get(doc, item, "role")),
				   "unknown person role '%s' (host, co-host, guest, narrator, producer, ...)",
				   p->role);
			ok = false;
		}
	}
	return ok;
}

/* Splits "---\n<yaml>\n---\n<markdown>" in place. */
static bool split_front_matter(char *text, char **yaml, size_t *yaml_len, char **body)
{
	char *p;

	if (strncmp(text, "---\n", 4) != 0 && strncmp(text, "---\r\n", 5) != 0)
		return false;
	*yaml = strchr(text, '\n') + 1;
	for (p = *yaml; *p; p = strchr(p, '\n') + 1) {
		if ((strncmp(p, "---", 3) == 0 || strncmp(p, "...", 3) == 0) &&
		    (p[3] == '\n' || p[3] == '\0' || (p[3] == '\r' && p[4] == '\n'))) {
			*yaml_len = (size_t)(p - *yaml);
			*body = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + 3;
			return true;
		}
		if (!strchr(p, '\n'))
			break;
	}
	return false;
}

static enum pp_result find_audio(struct episode *e, struct diag *diag)
{
	DIR *dir = opendir(e->dir);
	struct dirent *ent;
	char *first = NULL, *second = NULL;
	enum pp_result res = PP_OK;

	if (!dir) {
		diag_error(diag, e->dir, 0, "cannot read episode folder: %s", strerror(errno));
		return PP_EPARSE;
	}
	while ((ent = readdir(dir))) {
		bool audio = false;

		if (ent->d_name[0] == '.')
			continue;
		for (size_t i = 0; i < COUNT(audio_suffixes) && !audio; i++)
			audio = pp_has_suffix_nocase(ent->d_name, audio_suffixes[i]);
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
	if (!first) {
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
	closedir(dir);
	return res;
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
		diag_error(diag, e->md_path, yamldoc_line(doc, yamldoc_get(doc, root, "date")),
			   "'date' must be a date and time like '2025-03-04 09:00', not '%s'",
			   e->date_text);
		ok = false;
	}
	e->explicit_given = yamldoc_get(doc, root, "explicit") != 0;
	if ((node = yamldoc_get(doc, root, "persons")) && !read_persons(doc, node, e, diag))
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
	bool ok = true;

	if (!(e->slug = strdup(slug)) || !(e->dir = pp_path_join(episodes_dir, slug)) ||
	    !(e->md_path = pp_path_join(e->dir, "episode.md")))
		goto out;
	if (!episode_slug_valid(slug)) {
		diag_error(diag, e->dir, 0,
			   "folder name '%s' is unsafe in a URL: use letters a-z, digits, '-', '_' and '.'",
			   slug);
		ok = false;
	}
	res = find_audio(e, diag);
	if (res == PP_ENOMEM)
		goto out;
	if (res != PP_OK)
		ok = false;
	res = pp_read_file(e->md_path, &text, &len);
	if (res == PP_EIO) {
		if (errno == ENOENT)
			diag_error(diag, e->md_path, 0, "missing episode.md");
		else
			diag_error(diag, e->md_path, 0, "cannot read: %s", strerror(errno));
		res = PP_EPARSE;
		goto out;
	} else if (res != PP_OK) {
		goto out;
	}
	res = PP_EPARSE;
	if (!diag_check_text(diag, e->md_path, text, len))
		goto out;
	/* Editors on Windows may start the file with a UTF-8 byte order mark. */
	if (!split_front_matter(strncmp(text, "\xef\xbb\xbf", 3) == 0 ? text + 3 : text, &yaml,
				&yaml_len, &body)) {
		diag_error(diag, e->md_path, 1,
			   "missing front matter: the file must start with a '---' line, then YAML, then '---'");
		goto out;
	}
	res = yamldoc_load(yaml, yaml_len, e->md_path, 2, &doc, diag);
	if (res != PP_OK)
		goto out;
	if (!read_front_matter(e, doc, timezone, diag))
		ok = false;
	res = notes_render(body, strlen(body), &e->notes_html, &e->notes_text);
	if (res != PP_OK)
		goto out;
	if (!*e->notes_text)
		diag_warning(diag, e->md_path, 0,
			     "no show notes after the front matter: apps will show an empty description");
	res = ok ? PP_OK : PP_EPARSE;
out:
	if (diag->out_of_memory)
		res = PP_ENOMEM;
	yamldoc_free(&doc);
	free(text);
	return res;
}
