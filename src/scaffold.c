#include "scaffold.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "config.h"
#include "datetime.h"
#include "episode.h"
#include "util.h"

/* Letters a title may hold that have a plain a-z form in a folder name. */
static const struct {
	const char *utf8, *ascii;
} letters[] = {
	{ "ä", "a" }, { "Ä", "a" }, { "ö", "o" }, { "Ö", "o" }, { "å", "a" }, { "Å", "a" },
	{ "é", "e" }, { "É", "e" }, { "è", "e" }, { "ë", "e" }, { "ü", "u" }, { "Ü", "u" },
	{ "á", "a" }, { "à", "a" }, { "í", "i" }, { "ó", "o" }, { "ú", "u" }, { "ø", "o" },
	{ "Ø", "o" }, { "æ", "ae" }, { "Æ", "ae" }, { "ß", "ss" }, { "š", "s" }, { "Š", "s" },
	{ "ž", "z" }, { "Ž", "z" }, { "ñ", "n" }, { "ç", "c" }, { "â", "a" }, { "ê", "e" },
	{ "î", "i" }, { "ï", "i" }, { "ô", "o" }, { "û", "u" }, { "ò", "o" }, { "ù", "u" },
};

#define SLUG_MAX 80

void scaffold_init(struct scaffold *s)
{
	memset(s, 0, sizeof(*s));
}

void scaffold_release(struct scaffold *s)
{
	free(s->slug);
	free(s->dir);
	free(s->md_path);
	free(s->date);
	scaffold_init(s);
}

char *scaffold_slug(const char *title)
{
	char *slug = malloc(SLUG_MAX + 3), *end;
	size_t n = 0;
	const char *p = title;

	if (!slug)
		return NULL;
	while (*p && n < SLUG_MAX) {
		unsigned char c = (unsigned char)*p;
		const char *ascii = NULL;
		size_t skip = 1;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			slug[n++] = (char)c;
			p++;
			continue;
		}
		if (c >= 'A' && c <= 'Z') {
			slug[n++] = (char)(c - 'A' + 'a');
			p++;
			continue;
		}
		for (size_t i = 0; i < COUNT(letters) && !ascii; i++) {
			size_t len = strlen(letters[i].utf8);

			if (strncmp(p, letters[i].utf8, len) == 0) {
				ascii = letters[i].ascii;
				skip = len;
			}
		}
		if (!ascii) {
			/* Any other character, a whole UTF-8 sequence, is a separator. */
			while ((p[skip] & 0xc0) == 0x80)
				skip++;
			if (n > 0 && slug[n - 1] != '-')
				slug[n++] = '-';
		} else {
			for (; *ascii; ascii++)
				slug[n++] = *ascii;
		}
		p += skip;
	}
	slug[n] = '\0';
	end = slug + n;
	while (end > slug && end[-1] == '-')
		*--end = '\0';
	return slug;
}

/* The show's episodes as far as their front matter goes: no audio, no
 * probe, and an episode with problems still counts with what it has (its
 * number, its date), so `new` works in a show that does not build yet. */
struct known {
	struct episode *eps;
	size_t count, alloc;
};

static void known_release(struct known *k)
{
	for (size_t i = 0; i < k->count; i++)
		episode_release(&k->eps[i]);
	free(k->eps);
}

static enum pp_result read_known(const char *episodes_dir, const char *tz, struct known *k)
{
	DIR *dir = opendir(episodes_dir);
	struct dirent *ent;
	enum pp_result res = PP_OK;

	if (!dir)
		return errno == ENOENT ? PP_OK : PP_EIO;
	while (res == PP_OK && (ent = readdir(dir))) {
		struct episode *grown;
		struct diag ignored;
		char *path;
		struct stat st;
		bool is_dir;

		if (ent->d_name[0] == '.')
			continue;
		if (!(path = pp_path_join(episodes_dir, ent->d_name))) {
			res = PP_ENOMEM;
			break;
		}
		is_dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
		free(path);
		if (!is_dir)
			continue;
		if (!(grown = pp_grow(k->eps, &k->alloc, k->count + 1, sizeof(*grown)))) {
			res = PP_ENOMEM;
			break;
		}
		k->eps = grown;
		episode_init(&k->eps[k->count]);
		diag_init(&ignored);
		/* Its problems are build's to report; only out of memory matters. */
		if (episode_load(episodes_dir, ent->d_name, tz, &k->eps[k->count], &ignored) ==
		    PP_ENOMEM)
			res = PP_ENOMEM;
		diag_release(&ignored);
		k->count++;
	}
	closedir(dir);
	return res;
}

/* The newest dated episode, the slug breaking ties; NULL when none is. */
static const struct episode *newest_of(const struct known *k)
{
	const struct episode *best = NULL;

	for (size_t i = 0; i < k->count; i++) {
		const struct episode *e = &k->eps[i];

		if (!e->date_text || !e->date)
			continue;
		if (!best || e->date > best->date ||
		    (e->date == best->date && strcmp(e->slug, best->slug) < 0))
			best = e;
	}
	return best;
}

/* A YAML double-quoted scalar: safe whatever the title holds. */
static enum pp_result put_quoted(struct buf *b, const char *s)
{
	enum pp_result res = buf_puts(b, "\"");

	for (; res == PP_OK && *s; s++) {
		if (*s == '"' || *s == '\\')
			res = buf_add(b, "\\", 1);
		if (res == PP_OK)
			res = buf_add(b, s, 1);
	}
	return res == PP_OK ? buf_puts(b, "\"") : res;
}

/* The show's usual persons: the newest episode's, but not its guests, who
 * change from episode to episode. */
static bool usual(const struct person *p)
{
	return strcmp(p->role, "guest") != 0;
}

static enum pp_result put_persons(struct buf *b, const struct episode *from)
{
	enum pp_result res = PP_OK;
	size_t n = 0;

	for (size_t i = 0; from && i < from->person_count; i++)
		n += usual(&from->persons[i]);
	if (n == 0) /* an empty 'persons:' would not be a list */
		return buf_puts(b, "# persons:\n"
				   "#   - name: \"First Last\"\n"
				   "#     role: host\n");
	res = buf_puts(b, "persons:\n");
	for (size_t i = 0; res == PP_OK && i < from->person_count; i++) {
		const struct person *p = &from->persons[i];

		if (!usual(p))
			continue;
		res = buf_puts(b, "  - name: ");
		if (res == PP_OK)
			res = put_quoted(b, p->name);
		if (res == PP_OK)
			res = buf_printf(b, "\n    role: %s\n", p->role);
		if (res == PP_OK && p->href)
			res = buf_printf(b, "    href: %s\n", p->href);
		if (res == PP_OK && p->img)
			res = buf_printf(b, "    img: %s\n", p->img);
	}
	if (res == PP_OK)
		res = buf_puts(b, "  # a guest:\n"
				  "  # - name: \"First Last\"\n"
				  "  #   role: guest\n");
	return res;
}

static enum pp_result render(const struct scaffold_request *req, const struct scaffold *s,
			     const struct episode *newest, struct buf *b)
{
	enum pp_result res = buf_puts(b, "---\ntitle: ");

	if (res == PP_OK)
		res = put_quoted(b, req->title);
	if (res == PP_OK)
		res = buf_printf(b, "\ndate: %s\n", s->date);
	if (res == PP_OK && s->season)
		res = buf_printf(b, "season: %ld\n", s->season);
	if (res == PP_OK)
		res = buf_printf(b, "episode: %ld\n", s->number);
	if (res == PP_OK)
		res = put_persons(b, newest);
	if (res == PP_OK)
		res = buf_puts(b,
			       "# A draft stays out of the feed: delete this line when the audio and\n"
			       "# the notes are ready.\n"
			       "draft: true\n"
			       "---\n"
			       "What this episode is about, in a sentence or two: apps show this first.\n"
			       "\n"
			       "## In this episode\n"
			       "\n"
			       "- the first topic\n"
			       "- the second topic\n"
			       "\n"
			       "## Links\n"
			       "\n"
			       "- [a page the episode mentions](https://example.org/)\n");
	return res;
}

/* The date to write: the producer's, checked, or a week after the newest. */
static enum pp_result choose_date(const struct scaffold_request *req, const char *tz,
				  const struct episode *newest, struct scaffold *s,
				  struct diag *diag)
{
	char local[DATETIME_LOCAL_SIZE];
	enum pp_result res;
	time_t when;

	if (req->date) {
		res = datetime_parse(req->date, tz, &when);
		if (res == PP_EPARSE)
			diag_error(diag, "--date", 0,
				   "'%s' is not a date and time like '2025-03-04 09:00'", req->date);
		if (res != PP_OK)
			return res;
		return (s->date = strdup(req->date)) ? PP_OK : PP_ENOMEM;
	}
	if (!newest) {
		diag_error(diag, "--date", 0,
			   "no earlier episode to follow: give the date with --date '2025-03-04 09:00'");
		return PP_EPARSE;
	}
	res = datetime_add_days(newest->date, 7, tz, &when);
	if (res == PP_OK)
		res = datetime_local(when, tz, local);
	if (res != PP_OK)
		return res;
	local[16] = '\0'; /* "YYYY-MM-DD HH:MM", without the offset */
	return (s->date = strdup(local)) ? PP_OK : PP_ENOMEM;
}

static enum pp_result write_new(const char *path, const struct buf *b, struct diag *diag)
{
	FILE *f = fopen(path, "wx");

	if (!f) {
		diag_error(diag, path, 0, "cannot create: %s", strerror(errno));
		return PP_EIO;
	}
	if (fwrite(b->data, 1, b->len, f) != b->len || fclose(f) != 0) {
		diag_error(diag, path, 0, "cannot write: %s", strerror(errno));
		return PP_EIO;
	}
	return PP_OK;
}

enum pp_result scaffold_episode(const struct scaffold_request *req, struct scaffold *s,
				struct diag *diag)
{
	char *config_path = NULL, *episodes_dir = NULL;
	const struct episode *newest;
	struct known known = { 0 };
	struct config config;
	struct buf text;
	enum pp_result res = PP_ENOMEM;

	config_init(&config);
	buf_init(&text);
	for (const char *p = req->title; *p; p++) {
		if ((unsigned char)*p < 0x20) {
			diag_error(diag, NULL, 0, "the title has a control character: write it on one line");
			res = PP_EPARSE;
			goto out;
		}
	}
	if (!pp_utf8_valid(req->title, strlen(req->title), &(size_t){ 0 })) {
		diag_error(diag, NULL, 0, "the title is not valid UTF-8");
		res = PP_EPARSE;
		goto out;
	}
	if (!(s->slug = scaffold_slug(req->title)))
		goto out;
	if (!*s->slug) {
		diag_error(diag, NULL, 0,
			   "title '%s' gives no folder name: use some letters a-z or digits", req->title);
		res = PP_EPARSE;
		goto out;
	}
	if (!(config_path = pp_path_join(req->root, "podcast.yaml")) ||
	    !(episodes_dir = pp_path_join(req->root, "episodes")) ||
	    !(s->dir = pp_path_join(episodes_dir, s->slug)) ||
	    !(s->md_path = pp_path_join(s->dir, "episode.md")))
		goto out;
	res = config_load(config_path, &config, diag);
	if (res != PP_OK)
		goto out;
	res = read_known(episodes_dir, config.timezone, &known);
	if (res == PP_EIO)
		diag_error(diag, episodes_dir, 0, "cannot read episodes folder: %s", strerror(errno));
	if (res != PP_OK)
		goto out;
	newest = newest_of(&known);
	s->season = newest ? newest->season : 0;
	s->number = 1;
	for (size_t i = 0; i < known.count; i++)
		if (known.eps[i].season == s->season && known.eps[i].number >= s->number)
			s->number = known.eps[i].number + 1;
	for (size_t i = 0; newest && i < newest->person_count; i++)
		s->person_count += usual(&newest->persons[i]);
	res = choose_date(req, config.timezone, newest, s, diag);
	if (res == PP_OK)
		res = render(req, s, newest, &text);
	if (res != PP_OK)
		goto out;
	/* mkdir is the check: an existing folder is never written into. */
	if (pp_make_parents(s->dir) != 0 || mkdir(s->dir, 0777) != 0) {
		if (errno == EEXIST)
			diag_error(diag, s->dir, 0,
				   "already exists: podpub new never overwrites; choose another title, "
				   "or edit its episode.md");
		else
			diag_error(diag, s->dir, 0, "cannot create folder: %s", strerror(errno));
		res = PP_EPARSE;
		goto out;
	}
	res = write_new(s->md_path, &text, diag);
	if (res != PP_OK)
		rmdir(s->dir);
out:
	if (diag->out_of_memory && res == PP_OK)
		res = PP_ENOMEM;
	known_release(&known);
	config_release(&config);
	buf_release(&text);
	free(config_path);
	free(episodes_dir);
	return res;
}
