/* podpub new's core: folder names from titles, and the episode.md made. */
#include "scaffold.h"

#include <stdlib.h>
#include <string.h>

#include "episode.h"
#include "media/probe.h"
#include "testfs.h"
#include "testhelp.h"
#include "util.h"

static void slugs_from_titles(struct test_ctx *t)
{
	static const struct {
		const char *title, *slug;
	} cases[] = {
		{ "Järjestöavustukset osa 3", "jarjestoavustukset-osa-3" },
		{ "ÅLAND och Öland", "aland-och-oland" },
		{ "  Jakso 5: Mitä  nyt?! ", "jakso-5-mita-nyt" },
		{ "Crème brûlée", "creme-brulee" },
		{ "a—b", "a-b" },           /* an em dash, three bytes */
		{ "Straße", "strasse" },
		{ "日本語", "" },
		{ "---", "" },
		{ "abc_def.ghi", "abc-def-ghi" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *slug = scaffold_slug(cases[i].title);

		EXPECT(t, slug != NULL);
		if (slug)
			EXPECT_STR(t, slug, cases[i].slug);
		if (slug && *slug)
			EXPECT(t, episode_slug_valid(slug));
		free(slug);
	}
}

static void long_titles_are_cut(struct test_ctx *t)
{
	char title[301];
	char *slug;

	memset(title, 'a', 300);
	title[300] = '\0';
	title[79] = ' ';
	slug = scaffold_slug(title);
	EXPECT(t, slug != NULL);
	if (slug) {
		EXPECT_INT(t, strlen(slug), 79); /* the cut falls after a '-': it goes */
		EXPECT(t, slug[78] == 'a');
	}
	free(slug);
}

static void made_from_the_newest_episode(struct test_ctx *t)
{
	struct scaffold_request req = { .title = "Uusi \"jakso\" \\ 3" };
	struct episode e;
	struct scaffold s;
	struct testfs fs;
	struct diag d;
	char dir[128], *episodes = NULL;

	diag_init(&d);
	scaffold_init(&s);
	episode_init(&e);
	if (!testfs_show(&fs, "scaffold", dir, sizeof(dir))) {
		t->failures++;
		return;
	}
	req.root = dir;
	EXPECT_INT(t, scaffold_episode(&req, &s, &d), PP_OK);
	EXPECT_INT(t, d.count, 0);
	EXPECT_STR(t, s.slug, "uusi-jakso-3");
	EXPECT_INT(t, s.season, 1);
	EXPECT_INT(t, s.number, 5);
	EXPECT_STR(t, s.date, "2025-04-01 09:00");
	EXPECT_INT(t, s.person_count, 1);
	/* What it wrote reads back as the same episode, a draft. */
	episodes = pp_path_join(dir, "episodes");
	if (episodes) {
		EXPECT_INT(t, episode_load(episodes, "uusi-jakso-3", "Europe/Helsinki", &e, &d),
			   PP_EPARSE); /* no audio yet */
		EXPECT_STR(t, e.title, "Uusi \"jakso\" \\ 3");
		EXPECT(t, e.draft);
		EXPECT_INT(t, e.number, 5);
		EXPECT_INT(t, e.person_count, 1);
		if (e.person_count)
			EXPECT_STR(t, e.persons[0].role, "host");
		EXPECT(t, e.notes_text && *e.notes_text);
	}
	free(episodes);
	episode_release(&e);
	scaffold_release(&s);
	diag_release(&d);

	/* Again: the folder exists, nothing is overwritten. */
	diag_init(&d);
	EXPECT_INT(t, scaffold_episode(&req, &s, &d), PP_EPARSE);
	EXPECT_INT(t, d.count, 1);
	if (d.count)
		EXPECT_CONTAINS(t, d.entries[0].message, "already exists");
	scaffold_release(&s);
	diag_release(&d);

	/* The next one follows the new one, a week later. */
	diag_init(&d);
	req.title = "Seuraava";
	EXPECT_INT(t, scaffold_episode(&req, &s, &d), PP_OK);
	EXPECT_INT(t, s.number, 6);
	EXPECT_STR(t, s.date, "2025-04-08 09:00");
	scaffold_release(&s);
	diag_release(&d);

	/* --date is checked, and written as given. */
	diag_init(&d);
	req.title = "Kolmas";
	req.date = "2025-02-30 09:00";
	EXPECT_INT(t, scaffold_episode(&req, &s, &d), PP_EPARSE);
	scaffold_release(&s);
	diag_release(&d);
	diag_init(&d);
	req.date = "2025-05-06";
	EXPECT_INT(t, scaffold_episode(&req, &s, &d), PP_OK);
	EXPECT_STR(t, s.date, "2025-05-06");
	EXPECT_INT(t, s.number, 7);
	scaffold_release(&s);
	diag_release(&d);
	testfs_release(&fs);
}

TEST_MAIN(TEST_CASE(slugs_from_titles), TEST_CASE(long_titles_are_cut),
		     TEST_CASE(made_from_the_newest_episode))
