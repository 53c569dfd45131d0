/* limits: time=120 memory=2048 */
/* The table-driven YAML reader that config and episode share. */
#include "yamldoc.h"

#include <stdlib.h>
#include <string.h>

#include "testhelp.h"

struct sample {
	char *name;
	char *site;
	char *mail;
	char *kind;
	bool flag;
	long count;
};

static const char *const kinds[] = { "full", "trailer", "bonus", NULL };

static const struct yamldoc_field sample_fields[] = {
	{ "name", YF_STRING, offsetof(struct sample, name), true, NULL, 0 },
	{ "site", YF_URL, offsetof(struct sample, site), false, NULL, 0 },
	{ "mail", YF_EMAIL, offsetof(struct sample, mail), false, NULL, 0 },
	{ "kind", YF_CHOICE, offsetof(struct sample, kind), false, kinds, 0 },
	{ "flag", YF_BOOL, offsetof(struct sample, flag), false, NULL, 0 },
	{ "count", YF_UINT, offsetof(struct sample, count), false, NULL, 99 },
	{ "extra", YF_CUSTOM, 0, false, NULL, 0 },
};

#define FIELDS sizeof(sample_fields) / sizeof(sample_fields[0])

/* Loads `text` (as if it started on line 10 of "x.yaml") and reads it. */
static enum pp_result read_sample(const char *text, struct sample *out, struct diag *d)
{
	struct yamldoc *doc = NULL;
	enum pp_result res;

	memset(out, 0, sizeof(*out));
	diag_init(d);
	res = yamldoc_load(text, strlen(text), "x.yaml", 10, &doc, d);
	if (res == PP_OK)
		res = yamldoc_read_fields(doc, yamldoc_root(doc), "the sample", sample_fields, FIELDS,
					  out, d);
	yamldoc_free(&doc);
	return res;
}

static void every_kind_is_read(struct test_ctx *t)
{
	struct sample s;
	struct diag d;

	EXPECT_INT(t, read_sample("name: Järjestö\nsite: https://example.fi/x\nmail: a@b.fi\n"
				  "kind: bonus\nflag: yes\ncount: 42\nextra: [1, 2]\n",
				  &s, &d),
		   PP_OK);
	EXPECT_INT(t, d.count, 0);
	EXPECT_STR(t, s.name, "Järjestö");
	EXPECT_STR(t, s.site, "https://example.fi/x");
	EXPECT_STR(t, s.mail, "a@b.fi");
	EXPECT_STR(t, s.kind, "bonus");
	EXPECT(t, s.flag);
	EXPECT_INT(t, s.count, 42);
	yamldoc_release_fields(sample_fields, FIELDS, &s);
	EXPECT_NULL(t, s.name);
	EXPECT_NULL(t, s.kind);
	diag_release(&d);
}

/* Each bad value is reported with its own line (the text starts on 10). */
static void bad_values_name_key_and_line(struct test_ctx *t)
{
	static const struct {
		const char *yaml;
		int line;
		const char *message;
	} cases[] = {
		{ "name: x\nsite: example.fi\n", 11,
		  "'site' must be an absolute http(s) URL, not 'example.fi'" },
		{ "name: x\nmail: nobody\n", 11, "'mail' must be an email address, not 'nobody'" },
		{ "name: x\nkind: pilot\n", 11,
		  "'kind' must be one of full, trailer or bonus, not 'pilot'" },
		{ "name: x\nflag: maybe\n", 11, "'flag' must be true or false, not 'maybe'" },
		{ "name: x\ncount: 100\n", 11, "'count' must be a whole number from 1 to 99, not '100'" },
		{ "name: x\ncount: -1\n", 11, "'count' must be a whole number from 1 to 99, not '-1'" },
		{ "name: x\nnmae: y\n", 11, "unknown key 'nmae' in the sample" },
		{ "name: x\nname: y\n", 11, "duplicate key 'name' in the sample" },
		{ "site: https://a.fi\n", 10, "missing required key 'name' in the sample" },
		{ "name: [a, b]\n", 10, "'name' must be a single value" },
		{ "name: \"\"\n", 10, "'name' is empty" },
		{ "- a\n- b\n", 10, "the sample must be a mapping of keys" },
		{ "name: x\n  bad: indent\n", 11, "invalid YAML: " },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sample s;
		struct diag d;
		int before = t->failures;

		EXPECT_INT(t, read_sample(cases[i].yaml, &s, &d), PP_EPARSE);
		EXPECT_INT(t, d.count, 1);
		if (d.count >= 1) {
			EXPECT_STR(t, d.entries[0].path, "x.yaml");
			EXPECT_INT(t, d.entries[0].line, cases[i].line);
			EXPECT_STARTS(t, d.entries[0].message, cases[i].message);
		}
		if (t->failures != before)
			printf("#   case %zu: %s#   got: %s\n", i, cases[i].yaml,
			       d.count ? d.entries[0].message : "(nothing)");
		yamldoc_release_fields(sample_fields, FIELDS, &s);
		diag_release(&d);
	}
}

static void nodes_can_be_walked(struct test_ctx *t)
{
	static const char text[] = "list: [a, b, c]\nmap: {k: v}\n";
	struct yamldoc *doc = NULL;
	struct diag d;
	int root, list, map;

	diag_init(&d);
	EXPECT_INT(t, yamldoc_load(text, strlen(text), "w.yaml", 1, &doc, &d), PP_OK);
	if (!doc)
		return;
	root = yamldoc_root(doc);
	list = yamldoc_get(doc, root, "list");
	map = yamldoc_get(doc, root, "map");
	EXPECT_INT(t, yamldoc_kind(doc, list), YAMLDOC_SEQUENCE);
	EXPECT_INT(t, yamldoc_length(doc, list), 3);
	EXPECT_STR(t, yamldoc_scalar(doc, yamldoc_item(doc, list, 2)), "c");
	EXPECT_INT(t, yamldoc_item(doc, list, 3), 0);
	EXPECT_INT(t, yamldoc_kind(doc, map), YAMLDOC_MAPPING);
	EXPECT_STR(t, yamldoc_scalar(doc, yamldoc_pair_key(doc, map, 0)), "k");
	EXPECT_STR(t, yamldoc_scalar(doc, yamldoc_pair_value(doc, map, 0)), "v");
	EXPECT_INT(t, yamldoc_get(doc, root, "absent"), 0);
	EXPECT_INT(t, yamldoc_line(doc, map), 2);
	yamldoc_free(&doc);
	EXPECT_NULL(t, doc);
	yamldoc_free(&doc); /* twice is safe */
	diag_release(&d);
}

/* libyaml would take hours over a line of a million '[' (a quadratic
 * rescan as nesting grows): nesting past YAMLDOC_MAX_DEPTH is refused on
 * the line where it goes too deep, at once; the limit itself is fine. */
static void deep_nesting_is_refused(struct test_ctx *t)
{
	size_t depth = 1000000;
	char *deep = malloc(2 * depth + 16);
	struct yamldoc *doc = NULL;
	struct diag d;

	EXPECT(t, deep != NULL);
	if (!deep)
		return;
	memcpy(deep, "a:\n  b: ", 8);
	memset(deep + 8, '[', depth);
	memset(deep + 8 + depth, ']', depth);
	deep[8 + 2 * depth] = '\0';
	diag_init(&d);
	EXPECT_INT(t, yamldoc_load(deep, strlen(deep), "deep.yaml", 10, &doc, &d), PP_EPARSE);
	EXPECT_NULL(t, doc);
	EXPECT_INT(t, d.count, 1);
	if (d.count == 1) {
		EXPECT_INT(t, d.entries[0].line, 11);
		EXPECT_STR(t, d.entries[0].message, "invalid YAML: nested deeper than 64 levels");
	}
	diag_release(&d);

	/* 64 levels: two mappings, then 62 lists. */
	memset(deep + 8 + 62, ']', 62);
	deep[8 + 124] = '\0';
	diag_init(&d);
	EXPECT_INT(t, yamldoc_load(deep, strlen(deep), "deep.yaml", 10, &doc, &d), PP_OK);
	EXPECT_INT(t, d.count, 0);
	yamldoc_free(&doc);
	diag_release(&d);
	free(deep);
}

TEST_MAIN(TEST_CASE(every_kind_is_read), TEST_CASE(bad_values_name_key_and_line),
	  TEST_CASE(nodes_can_be_walked), TEST_CASE(deep_nesting_is_refused))
