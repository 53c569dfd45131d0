#include "diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testhelp.h"

/* Prints `d` into a string (caller frees). */
static char *printed(const struct diag *d)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	if (!out)
		return NULL;
	diag_print(d, out);
	fclose(out);
	return text;
}

static void entries_print_with_path_and_line(struct test_ctx *t)
{
	struct diag d;
	char *text;

	diag_init(&d);
	diag_error(&d, "episodes/a/episode.md", 3, "'date' must be a date, not '%s'", "huomenna");
	diag_warning(&d, "podcast.yaml", 0, "something to look at");
	diag_add(&d, DIAG_NOTE, NULL, 0, "a note about nothing in particular");
	text = printed(&d);
	EXPECT_STR(t, text,
		   "podpub: episodes/a/episode.md:3: 'date' must be a date, not 'huomenna'\n"
		   "podpub: podcast.yaml: warning: something to look at\n"
		   "podpub: note: a note about nothing in particular\n");
	free(text);
	diag_release(&d);
}

static void counts_by_level(struct test_ctx *t)
{
	struct diag d;

	diag_init(&d);
	for (int i = 0; i < 20; i++) /* past the first allocation */
		diag_error(&d, "x", i, "error %d", i);
	diag_warning(&d, "x", 0, "w");
	EXPECT_INT(t, diag_count(&d, DIAG_ERROR), 20);
	EXPECT_INT(t, diag_count(&d, DIAG_WARNING), 1);
	EXPECT_INT(t, diag_count(&d, DIAG_NOTE), 0);
	EXPECT_INT(t, d.entries[19].line, 19);
	diag_release(&d);
	EXPECT_INT(t, d.count, 0);
	diag_release(&d); /* twice is safe */
}

static void has_matches_level_path_and_message(struct test_ctx *t)
{
	struct diag d;

	diag_init(&d);
	diag_error(&d, "target 'ftp'", 0, "the host refused the login");
	diag_warning(&d, NULL, 0, "no file");
	EXPECT(t, diag_has(&d, DIAG_ERROR, "target 'ftp'", "the host refused the login"));
	EXPECT(t, !diag_has(&d, DIAG_WARNING, "target 'ftp'", "the host refused the login"));
	EXPECT(t, !diag_has(&d, DIAG_ERROR, "target 'dav'", "the host refused the login"));
	EXPECT(t, !diag_has(&d, DIAG_ERROR, NULL, "the host refused the login"));
	EXPECT(t, !diag_has(&d, DIAG_ERROR, "target 'ftp'", "the host refused"));
	EXPECT(t, diag_has(&d, DIAG_WARNING, NULL, "no file"));
	EXPECT(t, !diag_has(&d, DIAG_WARNING, "x", "no file"));
	diag_release(&d);
}

static void text_check_names_the_line(struct test_ctx *t)
{
	static const char latin1[] = "rivi 1\nrivi 2\nJ\xe4rjest\xf6\n";
	static const char control[] = "rivi 1\nbell \x07 here\n";
	struct diag d;

	diag_init(&d);
	EXPECT(t, diag_check_text(&d, "ok.md", "Järjestö\n", 10));
	EXPECT(t, !diag_check_text(&d, "latin1.md", latin1, sizeof(latin1) - 1));
	EXPECT(t, !diag_check_text(&d, "control.md", control, sizeof(control) - 1));
	EXPECT_INT(t, d.count, 2);
	if (d.count == 2) {
		EXPECT_STR(t, d.entries[0].path, "latin1.md");
		EXPECT_INT(t, d.entries[0].line, 3);
		EXPECT_STR(t, d.entries[0].message, "text is not valid UTF-8");
		EXPECT_INT(t, d.entries[1].line, 2);
		EXPECT_STR(t, d.entries[1].message,
			   "text contains a control character (byte 0x07) that a feed cannot carry");
	}
	diag_release(&d);
}

/* A draft's problems arrive as warnings, in order, and the source empties. */
static void move_demotes_errors(struct test_ctx *t)
{
	struct diag to, from;

	diag_init(&to);
	diag_init(&from);
	diag_error(&to, "a", 1, "first");
	diag_error(&from, "b", 2, "broken %d", 2);
	diag_add(&from, DIAG_NOTE, "b", 0, "a note");
	diag_move(&to, &from, true);
	EXPECT_INT(t, from.count, 0);
	EXPECT_INT(t, to.count, 3);
	if (to.count == 3) {
		EXPECT_INT(t, to.entries[0].level, DIAG_ERROR);
		EXPECT_INT(t, to.entries[1].level, DIAG_WARNING);
		EXPECT_STR(t, to.entries[1].message, "broken 2");
		EXPECT_INT(t, to.entries[1].line, 2);
		EXPECT_INT(t, to.entries[2].level, DIAG_NOTE);
	}
	diag_error(&from, "c", 0, "kept");
	diag_move(&to, &from, false);
	EXPECT_INT(t, diag_count(&to, DIAG_ERROR), 2);
	diag_release(&to);
	diag_release(&from);
}

/* Bytes from inputs reach a terminal escaped: ESC, the C1 CSI (U+009B),
 * a right-to-left override (U+202E), an invalid byte; file names too. */
static void control_characters_are_escaped(struct test_ctx *t)
{
	struct diag d;
	char *text;

	diag_init(&d);
	diag_error(&d, "episodes/a\x1b[2J", 0, "folder name 'a\x1b[2J' is unsafe");
	diag_error(&d, NULL, 0, "tag 'x\xc2\x9b" "31m\xe2\x80\xae" "evil\xff' and 'J\xc3\xa4rjest\xc3\xb6'");
	text = printed(&d);
	EXPECT_STR(t, text,
		   "podpub: episodes/a\\x1b[2J: folder name 'a\\x1b[2J' is unsafe\n"
		   "podpub: tag 'x\\u009b31m\\u202eevil\\xff' and 'J\xc3\xa4rjest\xc3\xb6'\n");
	free(text);
	diag_release(&d);
}

/* A value quoted from megabytes of input is cut to its first 80 bytes and
 * "…"; the words around it, apostrophes and all, are not. */
static void quoted_input_is_bounded(struct test_ctx *t)
{
	size_t big = 3 << 20;
	char *value = malloc(big + 1);
	char expected[256];
	struct diag d;
	char *text;

	EXPECT(t, value != NULL);
	if (!value)
		return;
	memset(value, 'x', big);
	value[big] = '\0';
	diag_init(&d);
	diag_error(&d, "podcast.yaml", 4, "'language' must be a code, not '%s': the show's own", value);
	text = printed(&d);
	snprintf(expected, sizeof(expected),
		 "podpub: podcast.yaml:4: 'language' must be a code, not '%.80s\xe2\x80\xa6': the "
		 "show's own\n",
		 value);
	EXPECT_STR(t, text, expected);
	free(text);
	diag_release(&d);

	/* Unquoted, a message stops at DIAG_MESSAGE_MAX bytes. */
	diag_init(&d);
	diag_error(&d, NULL, 0, "%s", value);
	text = printed(&d);
	EXPECT_INT(t, text ? strlen(text) : 0, strlen("podpub: ") + DIAG_MESSAGE_MAX + 3 + 1);
	free(text);
	diag_release(&d);
	free(value);
}

TEST_MAIN(TEST_CASE(entries_print_with_path_and_line), TEST_CASE(counts_by_level),
	  TEST_CASE(has_matches_level_path_and_message),
	  TEST_CASE(text_check_names_the_line), TEST_CASE(control_characters_are_escaped),
	  TEST_CASE(quoted_input_is_bounded), TEST_CASE(move_demotes_errors))
