#include "import/import_write.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "yamlemit.h"

/* A comment line: only text with no line break ever gets here, but a
 * stray control character would end the comment, so each becomes '?'. */
static enum pp_result comment(struct buf *b, const char *prefix, const char *text)
{
	enum pp_result res = buf_puts(b, prefix);

	for (const char *p = text; res == PP_OK && p && *p; p++)
		res = buf_add(b, (unsigned char)*p < 0x20 ? "?" : p, 1);
	return res == PP_OK ? buf_puts(b, "\n") : res;
}

enum pp_result import_render_config(const struct import_show_settings *s, char **text,
				    size_t *len)
{
	struct yamlemit *y = NULL;
	char *yaml = NULL;
	size_t yaml_len = 0;
	struct buf b;
	enum pp_result res;

	*text = NULL;
	buf_init(&b);
	if ((res = yamlemit_new(&y)) != PP_OK)
		goto out;
	yamlemit_pair(y, "title", s->title);
	yamlemit_pair(y, "description", s->description);
	yamlemit_pair(y, "link", s->link);
	yamlemit_pair(y, "language", s->language);
	yamlemit_pair(y, "author", s->author);
	yamlemit_plain(y, "owner");
	yamlemit_map_begin(y);
	yamlemit_pair(y, "name", s->owner_name);
	yamlemit_pair(y, "email", s->owner_email);
	yamlemit_map_end(y);
	yamlemit_pair(y, "copyright", s->copyright);
	if (s->category_count) {
		yamlemit_plain(y, "categories");
		yamlemit_seq_begin(y, false);
		for (size_t i = 0; i < s->category_count; i++) {
			if (!s->subcategories[i]) {
				yamlemit_string(y, s->categories[i]);
				continue;
			}
			yamlemit_map_begin(y);
			yamlemit_string(y, s->categories[i]);
			yamlemit_seq_begin(y, true);
			yamlemit_string(y, s->subcategories[i]);
			yamlemit_seq_end(y);
			yamlemit_map_end(y);
		}
		yamlemit_seq_end(y);
	}
	yamlemit_plain(y, "explicit");
	yamlemit_plain(y, s->explicit_content ? "true" : "false");
	yamlemit_pair(y, "type", s->type);
	yamlemit_pair(y, "timezone", s->timezone);
	yamlemit_pair(y, "image", s->image);
	yamlemit_pair(y, "base_url", s->base_url);
	yamlemit_pair(y, "podcast_guid", s->podcast_guid);
	if (s->locked) {
		yamlemit_plain(y, "locked");
		yamlemit_plain(y, "true");
	}
	yamlemit_pair(y, "target", "public");
	if ((res = yamlemit_finish(y, &yaml, &yaml_len)) != PP_OK)
		goto out;
	/* The comments say what the producer still has to do: they head the
	 * file, where they are read first. */
	res = comment(&b, "# Imported by 'podpub import' from ", s->source);
	if (res == PP_OK && s->old_feed_url && strcmp(s->old_feed_url, s->source) != 0)
		res = comment(&b, "# The old feed's URL: ", s->old_feed_url);
	if (res == PP_OK)
		res = buf_puts(
			&b,
			"#\n"
			"# Moving the show (README.md, \"Moving a show to podpub\"):\n"
			"#  1. set base_url to where the new host serves the show, then run\n"
			"#     'podpub publish' and check the new feed in a podcast app;\n"
			"#  2. on the old host, add <itunes:new-feed-url>NEW FEED URL</itunes:new-feed-url>\n"
			"#     to the old feed's channel, and have it answer the old feed's URL with\n"
			"#     an HTTP 301 redirect to the new feed; keep both for weeks, not days:\n"
			"#     apps move a subscription only when they next fetch the old feed.\n");
	if (res == PP_OK && s->base_url_placeholder)
		res = buf_puts(&b, "# base_url below is a placeholder: no --base-url was given.\n");
	if (res == PP_OK && s->podcast_guid_note)
		res = comment(&b, "# podcast_guid: ", s->podcast_guid_note);
	if (res == PP_OK)
		res = buf_add(&b, yaml, yaml_len);
	if (res == PP_OK && !(*text = buf_detach(&b, len)))
		res = PP_ENOMEM;
out:
	free(yaml);
	yamlemit_free(&y);
	buf_release(&b);
	return res;
}

/* A chapter's start as episode.md reads it: "0:00", "1:30.5", "1:02:03". */
static void chapter_time(double seconds, char *out, size_t size)
{
	long long ms = (long long)(seconds * 1000.0 + 0.5);
	long long h = ms / 3600000, m = ms / 60000 % 60, s = ms / 1000 % 60, frac = ms % 1000;
	int n;

	if (h)
		n = snprintf(out, size, "%lld:%02lld:%02lld", h, m, s);
	else
		n = snprintf(out, size, "%lld:%02lld", m, s);
	if (frac && n > 0 && (size_t)n < size) {
		char *end = out + n;

		snprintf(end, size - (size_t)n, ".%03lld", frac);
		/* "1:30.500" is "1:30.5". */
		for (end += strlen(end) - 1; *end == '0'; end--)
			*end = '\0';
	}
}

enum pp_result import_render_episode(const struct import_episode_out *e, char **text,
				     size_t *len)
{
	struct yamlemit *y = NULL;
	char *yaml = NULL;
	size_t yaml_len = 0;
	struct buf b;
	enum pp_result res;

	*text = NULL;
	buf_init(&b);
	if ((res = yamlemit_new(&y)) != PP_OK)
		goto out;
	yamlemit_pair(y, "title", e->title);
	yamlemit_pair(y, "date", e->date);
	/* The old feed's guid, verbatim: apps know the episode by it. */
	yamlemit_pair(y, "guid", e->guid);
	if (e->season)
		yamlemit_pair_long(y, "season", e->season);
	if (e->number)
		yamlemit_pair_long(y, "episode", e->number);
	yamlemit_pair(y, "type", e->type);
	if (e->explicit_state >= 0) {
		yamlemit_plain(y, "explicit");
		yamlemit_plain(y, e->explicit_state ? "true" : "false");
	}
	if (e->block) {
		yamlemit_plain(y, "block");
		yamlemit_plain(y, "true");
	}
	yamlemit_pair(y, "link", e->link);
	if (e->person_count) {
		yamlemit_plain(y, "persons");
		yamlemit_seq_begin(y, false);
		for (size_t i = 0; i < e->person_count; i++) {
			yamlemit_map_begin(y);
			yamlemit_pair(y, "name", e->persons[i].name);
			yamlemit_pair(y, "role", e->persons[i].role);
			yamlemit_pair(y, "href", e->persons[i].href);
			yamlemit_pair(y, "img", e->persons[i].img);
			yamlemit_map_end(y);
		}
		yamlemit_seq_end(y);
	}
	if (e->chapters && e->chapters->count) {
		yamlemit_plain(y, "chapters");
		yamlemit_seq_begin(y, false);
		for (size_t i = 0; i < e->chapters->count; i++) {
			const struct chapter *ch = &e->chapters->items[i];
			char start[48];

			chapter_time(ch->start, start, sizeof(start));
			yamlemit_map_begin(y);
			yamlemit_pair(y, "start", start);
			yamlemit_pair(y, "title", ch->title);
			yamlemit_pair(y, "url", ch->url);
			yamlemit_pair(y, "img", ch->img);
			yamlemit_map_end(y);
		}
		yamlemit_seq_end(y);
	}
	if ((res = yamlemit_finish(y, &yaml, &yaml_len)) != PP_OK)
		goto out;
	res = buf_puts(&b, "---\n");
	if (res == PP_OK && e->note)
		res = comment(&b, "# ", e->note);
	if (res == PP_OK)
		res = buf_add(&b, yaml, yaml_len);
	if (res == PP_OK)
		res = buf_puts(&b, "---\n");
	if (res == PP_OK && e->notes)
		res = buf_puts(&b, e->notes);
	if (res == PP_OK && !(*text = buf_detach(&b, len)))
		res = PP_ENOMEM;
out:
	free(yaml);
	yamlemit_free(&y);
	buf_release(&b);
	return res;
}

enum pp_result import_write_new(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wx");

	if (!f)
		return PP_EIO;
	if (fwrite(text, 1, len, f) != len) {
		fclose(f);
		return PP_EIO;
	}
	return fclose(f) == 0 ? PP_OK : PP_EIO;
}
