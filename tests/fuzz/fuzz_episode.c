/* libFuzzer harness: an episode.md's text through the same steps
 * episode_load takes after reading the file: the text check, YAML front
 * matter into fields, and the Markdown notes. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "notes.h"
#include "yamldoc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One field of every kind the real tables use. */
struct fields {
	char *title;
	char *link;
	char *email;
	long number;
	char *type;
	bool block;
};

static const char *const types[] = { "full", "trailer", "bonus", NULL };

static const struct yamldoc_field table[] = {
	{ "title", YF_STRING, offsetof(struct fields, title), true, NULL, 0 },
	{ "link", YF_URL, offsetof(struct fields, link), false, NULL, 0 },
	{ "email", YF_EMAIL, offsetof(struct fields, email), false, NULL, 0 },
	{ "episode", YF_UINT, offsetof(struct fields, number), false, NULL, 1000 },
	{ "type", YF_CHOICE, offsetof(struct fields, type), false, types, 0 },
	{ "block", YF_BOOL, offsetof(struct fields, block), false, NULL, 0 },
	{ "persons", YF_CUSTOM, 0, false, NULL, 0 },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct yamldoc *doc = NULL;
	struct fields f = { 0 };
	struct diag diag;
	char *html = NULL, *plain = NULL;

	diag_init(&diag);
	if (diag_check_text(&diag, "fuzz.md", text, size)) {
		if (yamldoc_load(text, size, "fuzz.md", 2, &doc, &diag) == PP_OK) {
			int root = yamldoc_root(doc);

			(void)yamldoc_read_fields(doc, root, "front matter", table,
						  sizeof(table) / sizeof(table[0]), &f, &diag);
			yamldoc_release_fields(table, sizeof(table) / sizeof(table[0]), &f);
		}
		if (notes_render(text, size, &html, &plain, NULL) == PP_OK) {
			free(html);
			free(plain);
		}
	}
	yamldoc_free(&doc);
	diag_release(&diag);
	return 0;
}
