/* Unit tests of chapters: start times, the checks and the JSON file. */
#include "media/chapters.h"

#include <stdlib.h>

#include "testhelp.h"

static void test_parse_time(struct test_ctx *t)
{
	static const struct {
		const char *text;
		bool ok;
		double seconds;
	} cases[] = {
		{ "0", true, 0 },          { "90", true, 90 },         { "90.5", true, 90.5 },
		{ "1:30", true, 90 },      { "01:02:03", true, 3723 }, { "0:01.25", true, 1.25 },
		{ "1:60", false, 0 },      { "", false, 0 },           { "1:2:3:4", false, 0 },
		{ "1.5:00", false, 0 },    { "abc", false, 0 },        { "-1", false, 0 },
		{ "1:", false, 0 },        { ".5", false, 0 },         { "1..2", false, 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		double got = -1;
		bool ok = chapters_parse_time(cases[i].text, &got);

		EXPECT_INT(t, ok, cases[i].ok);
		if (ok && cases[i].ok)
			EXPECT_NEAR(t, got, cases[i].seconds, 1e-9);
	}
}

static void test_check(struct test_ctx *t)
{
	struct chapters c;
	struct diag diag;

	chapters_init(&c);
	diag_init(&diag);
	EXPECT_INT(t, chapters_add(&c, 0, "Alku", NULL, NULL, 7), PP_OK);
	EXPECT_INT(t, chapters_add(&c, 2, "Keski", "https://example.com/", NULL, 9), PP_OK);
	EXPECT(t, chapters_check(&c, 5.0, "ep.md", &diag));
	EXPECT_INT(t, diag.count, 0);

	EXPECT_INT(t, chapters_add(&c, 2, NULL, NULL, NULL, 11), PP_OK);
	EXPECT_INT(t, chapters_add(&c, 5, "Ohi", NULL, NULL, 13), PP_OK);
	EXPECT(t, !chapters_check(&c, 5.0, "ep.md", &diag));
	/* No title and not after the one before; past the end. */
	EXPECT_INT(t, diag.count, 3);
	if (diag.count == 3) {
		EXPECT_INT(t, diag.entries[0].line, 11);
		EXPECT_CONTAINS(t, diag.entries[0].message, "chapter 3 (at 2.000 s) has no title");
		EXPECT_CONTAINS(t, diag.entries[1].message, "not after chapter 2");
		EXPECT_INT(t, diag.entries[2].line, 13);
		EXPECT_CONTAINS(t, diag.entries[2].message, "outside the audio (5.000 s long)");
	}
	diag_release(&diag);
	chapters_release(&c);
}

static void test_json(struct test_ctx *t)
{
	struct chapters c, copy;
	char why[200];
	char *json = NULL;
	size_t len = 0;

	chapters_init(&c);
	chapters_init(&copy);
	EXPECT_INT(t, chapters_add(&c, 0, "Alku \"lainaus\"", NULL, NULL, 0), PP_OK);
	EXPECT_INT(t, chapters_add(&c, 61.2345, "Pääosa", "https://example.com/a",
				   "https://example.com/a.jpg", 0), PP_OK);
	EXPECT_INT(t, chapters_copy(&copy, &c), PP_OK);
	EXPECT_INT(t, chapters_to_json(&copy, &json, &len), PP_OK);
	EXPECT_STR(t, json,
		   "{\n  \"version\": \"1.2.0\",\n  \"chapters\": [\n    {\n      \"startTime\": 0.0,\n"
		   "      \"title\": \"Alku \\\"lainaus\\\"\"\n    },\n    {\n"
		   "      \"startTime\": 61.235,\n      \"title\": \"P\xc3\xa4\xc3\xa4osa\",\n"
		   "      \"url\": \"https://example.com/a\",\n"
		   "      \"img\": \"https://example.com/a.jpg\"\n    }\n  ]\n}");
	EXPECT_INT(t, len, json ? strlen(json) : 0);
	/* What podpub writes, lint --online reads back as good. */
	EXPECT(t, json && chapters_check_json(json, len, why, sizeof(why)));
	free(json);
	chapters_release(&copy);
	chapters_release(&c);
}

/* A published chapters file as --online judges it: the reason names the fault. */
static void test_check_json(struct test_ctx *t)
{
	static const struct {
		const char *json, *why;
	} bad[] = {
		{ "{\"version\": \"1.2.0\", \"chapters\": [}", "line 1: " },
		{ "[]", "it is not a JSON object" },
		{ "{\"chapters\": []}", "it has no \"version\" string" },
		{ "{\"version\": \"1.2.0\"}", "it has no \"chapters\" array" },
		{ "{\"version\": \"1.2.0\", \"chapters\": [{\"startTime\": 0}, {\"title\": \"x\"}]}",
		  "chapter 2 has no numeric \"startTime\"" },
	};
	char why[200];

	EXPECT(t, chapters_check_json("{\"version\":\"1.2.0\",\"chapters\":[]}", 33, why, sizeof(why)));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why[0] = '\0';
		EXPECT(t, !chapters_check_json(bad[i].json, strlen(bad[i].json), why, sizeof(why)));
		EXPECT_INT(t, strncmp(why, bad[i].why, strlen(bad[i].why)), 0);
	}
}

/* Another host's chapters file read for podpub import: fields in order,
 * the reason named when it is none. */
static void test_parse_json(struct test_ctx *t)
{
	const char *json = "{\"version\": \"1.2.0\", \"chapters\": ["
			   "{\"startTime\": 0, \"title\": \"Alku\"},"
			   "{\"startTime\": 65.5, \"title\": \"Äänet\", \"url\": \"https://a.example/\","
			   " \"img\": \"https://a.example/i.jpg\", \"toc\": false},"
			   "{\"startTime\": 70}]}";
	static const struct {
		const char *json, *why;
	} bad[] = {
		{ "{\"version\": \"1.2.0\", \"chapters\": [,]}", "line 1: " },
		{ "{\"version\": \"1.2.0\", \"chapters\": [{\"startTime\": 0, \"title\": 5}]}",
		  "chapter 1: \"title\" is not a string" },
		{ "{\"version\": \"1.2.0\", \"chapters\": [{\"startTime\": \"0\"}]}",
		  "chapter 1 has no numeric \"startTime\"" },
	};
	struct chapters c;
	char why[200];

	chapters_init(&c);
	EXPECT_INT(t, chapters_parse_json(json, strlen(json), &c, why, sizeof(why)), PP_OK);
	EXPECT_INT(t, c.count, 3);
	if (c.count == 3) {
		EXPECT_STR(t, c.items[0].title, "Alku");
		EXPECT(t, c.items[0].url == NULL && c.items[0].img == NULL);
		EXPECT(t, c.items[1].start == 65.5);
		EXPECT_STR(t, c.items[1].title, "Äänet");
		EXPECT_STR(t, c.items[1].url, "https://a.example/");
		EXPECT_STR(t, c.items[1].img, "https://a.example/i.jpg");
		/* No title: read, and chapters_check then says so. */
		EXPECT(t, c.items[2].title == NULL);
	}
	chapters_release(&c);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why[0] = '\0';
		EXPECT_INT(t, chapters_parse_json(bad[i].json, strlen(bad[i].json), &c, why, sizeof(why)),
			   PP_EPARSE);
		EXPECT_INT(t, strncmp(why, bad[i].why, strlen(bad[i].why)), 0);
		chapters_release(&c);
	}
}

TEST_MAIN(
	{ "start times: seconds, MM:SS, HH:MM:SS, fractions; nonsense refused", test_parse_time },
	{ "checks: titles, order, inside the audio, each naming its line", test_check },
	{ "the Podcasting 2.0 JSON file, escaped, in milliseconds", test_json },
	{ "a published JSON chapters file checked as apps read it", test_check_json },
	{ "another host's JSON chapters file read for import", test_parse_json })
