/* Unit tests of episode: loading one episode folder (episode.md and its
 * audio file) and the errors a producer sees. Each case builds its folders
 * under a fresh /tmp folder; the audio is an empty file, since episode_load
 * only finds it and does not probe it. */
#include "episode.h"

#include <stdlib.h>

#include "testfs.h"
#include "testhelp.h"

#define TZ_HELSINKI "Europe/Helsinki"

/* Line numbers in the comments are those of episode.md. */
static const char good_md[] =
	"---\n"                                   /* 1 */
	"title: \"Jakso & <yksi>\"\n"             /* 2 */
	"date: 2025-03-04 09:00\n"                /* 3 */
	"episode: 3\n"                            /* 4 */
	"season: 1\n"                             /* 5 */
	"type: bonus\n"                           /* 6 */
	"explicit: yes\n"                         /* 7 */
	"block: true\n"                           /* 8 */
	"guid: oma-guid-1\n"                      /* 9 */
	"persons:\n"                              /* 10 */
	"  - name: Tomi Pyylampi\n"               /* 11 */
	"    role: host\n"                        /* 12 */
	"  - name: Reetta Partanen\n"             /* 13 */
	"    role: guest\n"                       /* 14 */
	"    href: https://example.com/reetta\n"  /* 15 */
	"  - name: Tuottaja\n"                    /* 16 */
	"    role: producer\n"                    /* 17 */
	"---\n"                                   /* 18 */
	"Jaksossa **Järjestötyöllistäminen**.\n"  /* 19 */
	"\n"                                      /* 20 */
	"- [JANE](https://example.com/jane)\n";   /* 21 */

static const char minimal_md[] = "---\n"
				 "title: Lyhyt\n"
				 "date: 2025-07-01\n"
				 "---\n"
				 "Muistiinpanot.\n";

/* One case: its folder, <root>/<slug>/..., and what loading an episode
 * from it gave. */
struct fixture {
	struct testfs fs;
	struct episode e;
	struct diag d;
};

/* False, and a failure counted, when the folder cannot be made. */
static bool fixture_init(struct test_ctx *t, struct fixture *f)
{
	episode_init(&f->e);
	diag_init(&f->d);
	if (testfs_init(&f->fs, "episode"))
		return true;
	t->failures++;
	return false;
}

static void fixture_release(struct fixture *f)
{
	episode_release(&f->e);
	diag_release(&f->d);
	testfs_release(&f->fs);
}

static bool put_text(struct fixture *f, const char *rel, const char *text)
{
	return testfs_put(&f->fs, rel, text, strlen(text));
}

/* A folder `slug` holding episode.md with `md` and an empty x.mp3. */
static bool put_episode(struct fixture *f, const char *slug, const char *md)
{
	char rel[256];

	snprintf(rel, sizeof(rel), "%s/episode.md", slug);
	if (!put_text(f, rel, md))
		return false;
	snprintf(rel, sizeof(rel), "%s/x.mp3", slug);
	return put_text(f, rel, "");
}

/* Loads root/slug into f->e and f->d, in place of what a load before gave. */
static enum pp_result load(struct fixture *f, const char *slug)
{
	episode_release(&f->e);
	diag_release(&f->d);
	return episode_load(f->fs.root, slug, TZ_HELSINKI, &f->e, &f->d);
}

/* Checks that the load gave an error on `rel` (root-relative) and `line`
 * saying `want`. */
static void expect_diag(struct test_ctx *t, const struct fixture *f, const char *rel, int line,
			const char *want)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", f->fs.root, rel);
	for (size_t i = 0; i < f->d.count; i++) {
		const struct diag_entry *e = &f->d.entries[i];

		if (e->level == DIAG_ERROR && strstr(e->message, want)) {
			EXPECT_STR(t, e->path, path);
			EXPECT_INT(t, e->line, line);
			return;
		}
	}
	t->failures++;
	printf("#   no error saying \"%s\"; got:\n", want);
	diag_print(&f->d, stdout);
}

/* Writes `md` (and x.mp3) as episode "ep", loads it and expects PP_EPARSE
 * with an error in episode.md at `line` saying `want`. */
static void expect_md_error(struct test_ctx *t, const char *md, int line, const char *want)
{
	struct fixture f;

	if (!fixture_init(t, &f))
		return;
	EXPECT(t, put_episode(&f, "ep", md));
	EXPECT_INT(t, load(&f, "ep"), PP_EPARSE);
	expect_diag(t, &f, "ep/episode.md", line, want);
	fixture_release(&f);
}

static void expect_md_error_with_line(struct test_ctx *t, int line, const char *with,
				      int want_line, const char *want)
{
	char *md = testfs_replace_line(good_md, line, with);

	EXPECT(t, md != NULL);
	if (md)
		expect_md_error(t, md, want_line, want);
	free(md);
}

static void good_episode_loads(struct test_ctx *t)
{
	struct fixture f;
	char want[512];

	if (!fixture_init(t, &f))
		return;
	EXPECT(t, put_episode(&f, "jakso-1", good_md));
	/* Files beside the audio that are not audio, and hidden ones, are ignored. */
	EXPECT(t, put_text(&f, "jakso-1/cover.jpg", ""));
	EXPECT(t, put_text(&f, "jakso-1/notes.txt", "x"));
	EXPECT(t, put_text(&f, "jakso-1/._x.mp3", ""));
	EXPECT_INT(t, load(&f, "jakso-1"), PP_OK);
	EXPECT_INT(t, f.d.count, 0);
	diag_print(&f.d, stdout);

	EXPECT_STR(t, f.e.slug, "jakso-1");
	snprintf(want, sizeof(want), "%s/jakso-1", f.fs.root);
	EXPECT_STR(t, f.e.dir, want);
	snprintf(want, sizeof(want), "%s/jakso-1/episode.md", f.fs.root);
	EXPECT_STR(t, f.e.md_path, want);
	snprintf(want, sizeof(want), "%s/jakso-1/x.mp3", f.fs.root);
	EXPECT_STR(t, f.e.audio_path, want);

	EXPECT_STR(t, f.e.title, "Jakso & <yksi>");
	EXPECT_STR(t, f.e.date_text, "2025-03-04 09:00");
	EXPECT_INT(t, f.e.date, 1741071600); /* 07:00 UTC */
	EXPECT_INT(t, f.e.number, 3);
	EXPECT_INT(t, f.e.season, 1);
	EXPECT_STR(t, f.e.type, "bonus");
	EXPECT(t, f.e.explicit_given);
	EXPECT(t, f.e.explicit_content);
	EXPECT(t, f.e.block);
	EXPECT_STR(t, f.e.guid, "oma-guid-1");
	EXPECT_INT(t, f.e.number_line, 4);
	EXPECT_INT(t, f.e.guid_line, 9);

	EXPECT_INT(t, f.e.person_count, 3);
	if (f.e.person_count == 3) {
		EXPECT_STR(t, f.e.persons[0].name, "Tomi Pyylampi");
		EXPECT_STR(t, f.e.persons[0].role, "host");
		EXPECT_STR(t, f.e.persons[0].group, "cast");
		EXPECT_NULL(t, f.e.persons[0].href);
		EXPECT_STR(t, f.e.persons[1].name, "Reetta Partanen");
		EXPECT_STR(t, f.e.persons[1].role, "guest");
		EXPECT_STR(t, f.e.persons[1].group, "cast");
		EXPECT_STR(t, f.e.persons[1].href, "https://example.com/reetta");
		EXPECT_STR(t, f.e.persons[2].role, "producer");
		EXPECT_STR(t, f.e.persons[2].group, "creative direction");
	}
	EXPECT_STR(t, f.e.notes_html,
		   "<p>Jaksossa <strong>Järjestötyöllistäminen</strong>.</p>\n"
		   "<ul>\n<li><a href=\"https://example.com/jane\">JANE</a></li>\n</ul>");
	EXPECT_STR(t, f.e.notes_text, "Jaksossa Järjestötyöllistäminen.\n\n- JANE (https://example.com/jane)");
	fixture_release(&f);
}

static void minimal_episode_gets_defaults(struct test_ctx *t)
{
	struct fixture f;

	if (!fixture_init(t, &f))
		return;
	EXPECT(t, put_text(&f, "lyhyt/episode.md", minimal_md));
	EXPECT(t, put_text(&f, "lyhyt/Äänite.M4A", ""));
	EXPECT_INT(t, load(&f, "lyhyt"), PP_OK);
	EXPECT_INT(t, f.d.count, 0);
	EXPECT_STR(t, f.e.title, "Lyhyt");
	EXPECT_INT(t, f.e.date, 1751317200); /* midnight EEST, 21:00 UTC the day before */
	EXPECT_INT(t, f.e.number, 0);
	EXPECT_INT(t, f.e.season, 0);
	EXPECT_STR(t, f.e.type, "full");
	EXPECT(t, !f.e.explicit_given);
	EXPECT(t, !f.e.block);
	EXPECT_NULL(t, f.e.guid);
	EXPECT_INT(t, f.e.person_count, 0);
	EXPECT_CONTAINS(t, f.e.audio_path, "/lyhyt/Äänite.M4A");
	EXPECT_STR(t, f.e.notes_text, "Muistiinpanot.");
	fixture_release(&f);
}

static void crlf_episode_loads(struct test_ctx *t)
{
	static const char md[] = "---\r\ntitle: CRLF\r\ndate: 2025-03-04 09:00\r\n---\r\nTeksti.\r\n";
	struct fixture f;

	if (!fixture_init(t, &f))
		return;
	EXPECT(t, put_episode(&f, "crlf", md));
	EXPECT_INT(t, load(&f, "crlf"), PP_OK);
	EXPECT_STR(t, f.e.title, "CRLF");
	EXPECT_INT(t, f.e.date, 1741071600);
	EXPECT_STR(t, f.e.notes_text, "Teksti.");
	fixture_release(&f);
}

static void missing_episode_md(struct test_ctx *t)
{
	struct fixture f;

	if (!fixture_init(t, &f))
		return;
	EXPECT(t, put_text(&f, "ep/x.mp3", ""));
	EXPECT_INT(t, load(&f, "ep"), PP_EPARSE);
	expect_diag(t, &f, "ep/episode.md", 0, "missing episode.md");
	EXPECT_INT(t, diag_count(&f.d, DIAG_ERROR), 1);
	fixture_release(&f);
}

static void missing_title_is_reported_on_line_2(struct test_ctx *t)
{
	expect_md_error_with_line(t, 2, "# ei otsikkoa", 3,
				  "missing required key 'title' in episode front matter");
	expect_md_error(t, "---\ndate: 2025-03-04 09:00\n---\nx\n", 2,
			"missing required key 'title'");
}

static void unparseable_date_is_reported_on_its_line(struct test_ctx *t)
{
	expect_md_error_with_line(t, 3, "date: 4.3.2025", 3,
				  "'date' is year first: write 2025-03-04, not '4.3.2025'");
	expect_md_error_with_line(t, 3, "date: 4.3.2025 klo 9", 3,
				  "'date' is year first: write 2025-03-04 09:00");
	expect_md_error_with_line(t, 3, "date: 24.12.2025 klo 18.30", 3,
				  "'date' is year first: write 2025-12-24 18:30");
	expect_md_error_with_line(t, 3, "date: 2025-02-30 09:00", 3,
				  "'date': no such day as '2025-02-30 09:00': February 2025 has 28 days");
	expect_md_error_with_line(t, 3, "date: 2024-02-30", 3, "February 2024 has 29 days");
	expect_md_error_with_line(t, 3, "date: 2025-04-31 09:00", 3, "April 2025 has 30 days");
	expect_md_error_with_line(t, 3, "date: 2025-13-01", 3, "'date' must be a date and time");
	expect_md_error(t, "---\ntitle: x\n\n\ndate: huomenna\n---\n", 5, "'date' must be");
}

static void bad_front_matter_values(struct test_ctx *t)
{
	expect_md_error_with_line(t, 4, "episode: 0", 4, "'episode' must be a whole number");
	expect_md_error_with_line(t, 4, "episode: kolme", 4, "'episode' must be a whole number");
	expect_md_error_with_line(t, 4, "episdoe: 3", 4, "unknown key 'episdoe' in episode front matter");
	expect_md_error_with_line(t, 6, "type: extra", 6, "'type' must be one of full, trailer or bonus");
	expect_md_error_with_line(t, 7, "explicit: maybe", 7, "'explicit' must be true or false");
	expect_md_error_with_line(t, 8, "block: 2", 8, "'block' must be true or false");
	expect_md_error_with_line(t, 15, "    href: example.com/reetta", 15, "'href' must be an absolute");
	expect_md_error_with_line(t, 12, "    rool: host", 12, "unknown key 'rool' in a person");
	expect_md_error_with_line(t, 12, "    rool: host", 12,
				  "unknown key 'rool' in a person: did you mean 'role'?");
	expect_md_error_with_line(t, 12, "    job: host", 11, "missing required key 'role' in a person");
	expect_md_error(t, "---\ntitle: x\ndate: 2025-03-04\npersons: Tomi\n---\n", 4,
			"'persons' must be a list");
	expect_md_error(t, "---\ntitle: x\ndate: 2025-03-04\npersons:\n  - Tomi\n---\n", 5,
			"a person must be a mapping");
	expect_md_error_with_line(t, 2, "title: [a", 3, "invalid YAML");
}

/* Loads a minimal episode whose front matter has `extra` as its third line. */
static enum pp_result load_with_line(struct fixture *f, const char *extra)
{
	char md[256];

	snprintf(md, sizeof(md), "---\ntitle: x\n%s\ndate: 2025-03-04\n---\nNotes.\n", extra);
	if (!put_episode(f, "ep", md))
		return PP_EINTERNAL;
	return load(f, "ep");
}

static void explicit_false_overrides_the_show(struct test_ctx *t)
{
	static const char *const lines[] = { "explicit: no", "explicit: false" };
	struct fixture f;

	if (!fixture_init(t, &f))
		return;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		int failures = t->failures;

		EXPECT_INT(t, load_with_line(&f, lines[i]), PP_OK);
		EXPECT(t, f.e.explicit_given);
		EXPECT(t, !f.e.explicit_content);
		if (t->failures != failures)
			printf("#   with '%s'\n", lines[i]);
	}
	fixture_release(&f);
}

/* Was a bug: 'explicit' accepts only true/yes/false/no, while
 * 'block' in the same front matter and every bool of podcast.yaml also
 * accept True, TRUE, Yes, False, FALSE and No. "explicit: True" is refused
 * with "'explicit' must be true or false". */
static void explicit_accepts_the_spellings_block_accepts(struct test_ctx *t)
{
	static const char *const truths[] = { "True", "TRUE", "Yes" };
	struct fixture f;

	if (!fixture_init(t, &f))
		return;
	for (size_t i = 0; i < sizeof(truths) / sizeof(truths[0]); i++) {
		char line[64];

		snprintf(line, sizeof(line), "block: %s", truths[i]);
		EXPECT_INT(t, load_with_line(&f, line), PP_OK);
		EXPECT(t, f.e.block);

		snprintf(line, sizeof(line), "explicit: %s", truths[i]);
		if (load_with_line(&f, line) != PP_OK || !f.e.explicit_content) {
			t->failures++;
			printf("#   '%s' refused:\n", line);
			diag_print(&f.d, stdout);
		}
	}
	fixture_release(&f);
}

static void unknown_person_role(struct test_ctx *t)
{
	expect_md_error_with_line(t, 14, "    role: juontaja", 14, "unknown person role 'juontaja'");
	/* Roles are lowercase in the taxonomy. */
	expect_md_error_with_line(t, 12, "    role: Host", 12, "unknown person role 'Host'");
}

static void no_audio_file(struct test_ctx *t)
{
	struct fixture f;

	if (!fixture_init(t, &f))
		return;
	EXPECT(t, put_text(&f, "ep/episode.md", good_md));
	EXPECT(t, put_text(&f, "ep/cover.jpg", ""));
	EXPECT_INT(t, load(&f, "ep"), PP_EPARSE);
	expect_diag(t, &f, "ep", 0, "no audio file in episode folder");
	EXPECT_NULL(t, f.e.audio_path);
	fixture_release(&f);
}

static void two_audio_files_are_both_named(struct test_ctx *t)
{
	struct fixture f;

	if (!fixture_init(t, &f))
		return;
	EXPECT(t, put_text(&f, "ep/episode.md", good_md));
	EXPECT(t, put_text(&f, "ep/jakso.mp3", ""));
	EXPECT(t, put_text(&f, "ep/extra.m4a", ""));
	EXPECT_INT(t, load(&f, "ep"), PP_EPARSE);
	expect_diag(t, &f, "ep", 0,
		    "two audio files, 'extra.m4a' and 'jakso.mp3': an episode has exactly one");
	fixture_release(&f);
}

static void invalid_utf8_in_body_has_its_line(struct test_ctx *t)
{
	/* 'ä' in Latin-1 on line 21. */
	expect_md_error_with_line(t, 21, "- J\xe4rjest\xf6", 21, "text is not valid UTF-8");
	/* ... and in the front matter, on line 2. */
	expect_md_error_with_line(t, 2, "title: J\xe4rjest\xf6" "avustukset", 2,
				  "text is not valid UTF-8");
}

static void nul_byte_is_reported(struct test_ctx *t)
{
	static const char md[] = "---\ntitle: x\ndate: 2025-03-04\n---\nab\0cd\n";
	struct fixture f;

	if (!fixture_init(t, &f))
		return;
	EXPECT(t, testfs_put(&f.fs, "ep/episode.md", md, sizeof(md) - 1));
	EXPECT(t, put_text(&f, "ep/x.mp3", ""));
	EXPECT_INT(t, load(&f, "ep"), PP_EPARSE);
	expect_diag(t, &f, "ep/episode.md", 5, "control character (byte 0x00)");
	fixture_release(&f);
}

static void unsafe_slugs(struct test_ctx *t)
{
	static const char *const slugs[] = { "ä-jakso", "a b" };

	for (size_t i = 0; i < sizeof(slugs) / sizeof(slugs[0]); i++) {
		struct fixture f;
		char want[128];

		if (!fixture_init(t, &f))
			return;
		EXPECT(t, put_episode(&f, slugs[i], good_md));
		EXPECT_INT(t, load(&f, slugs[i]), PP_EPARSE);
		snprintf(want, sizeof(want), "folder name '%s' is unsafe in a URL", slugs[i]);
		expect_diag(t, &f, slugs[i], 0, want);
		EXPECT_INT(t, diag_count(&f.d, DIAG_ERROR), 1);
		fixture_release(&f);
	}
}

static void slug_validity(struct test_ctx *t)
{
	EXPECT(t, episode_slug_valid("jarjestoavustukset-osa-1"));
	EXPECT(t, episode_slug_valid("Ep_01.v2"));
	EXPECT(t, !episode_slug_valid(""));
	EXPECT(t, !episode_slug_valid(".hidden"));
	EXPECT(t, !episode_slug_valid("ä-jakso"));
	EXPECT(t, !episode_slug_valid("a b"));
	EXPECT(t, !episode_slug_valid("a/b"));
	EXPECT(t, !episode_slug_valid("a?b"));
	EXPECT(t, !episode_slug_valid("a%20b"));
}

static void missing_front_matter(struct test_ctx *t)
{
	expect_md_error(t, "title: x\ndate: 2025-03-04\n\nNotes.\n", 1, "missing front matter");
	/* Opened but never closed. */
	expect_md_error(t, "---\ntitle: x\ndate: 2025-03-04\nNotes.\n", 1,
			"no closing '---' line: end the front matter with a line of '---'");
	expect_md_error(t, "", 1, "missing front matter");
}

static void empty_front_matter(struct test_ctx *t)
{
	expect_md_error(t, "---\n---\nNotes.\n", 2, "episode front matter must be a mapping");
}

TEST_MAIN(TEST_CASE(good_episode_loads), TEST_CASE(minimal_episode_gets_defaults),
	  TEST_CASE(crlf_episode_loads), TEST_CASE(missing_episode_md),
	  TEST_CASE(missing_title_is_reported_on_line_2),
	  TEST_CASE(unparseable_date_is_reported_on_its_line), TEST_CASE(bad_front_matter_values),
	  TEST_CASE(explicit_false_overrides_the_show),
	  TEST_CASE(explicit_accepts_the_spellings_block_accepts), TEST_CASE(unknown_person_role),
	  TEST_CASE(no_audio_file), TEST_CASE(two_audio_files_are_both_named),
	  TEST_CASE(invalid_utf8_in_body_has_its_line), TEST_CASE(nul_byte_is_reported),
	  TEST_CASE(unsafe_slugs), TEST_CASE(slug_validity), TEST_CASE(missing_front_matter),
	  TEST_CASE(empty_front_matter))
