/* Unit tests of transcript: WebVTT and SubRip read and checked, each
 * problem named by its line. */
#include "media/transcript.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "testhelp.h"

/* Parses `text` as `format` against 10 s of audio: the result, and the
 * first message's line and words for the caller to check. */
static enum pp_result parse(const char *text, enum transcript_format format, struct transcript *tr,
			    struct diag *diag)
{
	return transcript_parse(text, strlen(text), format, 10.0, "t.vtt", tr, diag);
}

static void test_vtt_good(struct test_ctx *t)
{
	static const char text[] = "\xef\xbb\xbfWEBVTT - Jakso 1\r\nKind: captions\r\n\r\n"
				   "NOTE a comment\r\nover two lines\r\n\r\n"
				   "1\r\n00:00.000 --> 00:02.500 align:start\r\n<v Tomi>Hei &amp; tervetuloa</v>\r\n\r\n"
				   "00:00:02.500 --> 00:00:10.900\r\n<i>Toinen</i>\r\nrivi\r\n";
	struct transcript tr;
	struct diag diag;

	transcript_init(&tr);
	diag_init(&diag);
	EXPECT_INT(t, parse(text, TRANSCRIPT_VTT, &tr, &diag), PP_OK);
	EXPECT_INT(t, diag.count, 0);
	EXPECT_INT(t, tr.count, 2);
	if (tr.count == 2) {
		EXPECT_NEAR(t, tr.cues[0].end, 2.5, 1e-9);
		EXPECT_STR(t, tr.cues[0].text, "Tomi: Hei & tervetuloa");
		EXPECT_INT(t, tr.cues[0].line, 8);
		EXPECT_NEAR(t, tr.cues[1].start, 2.5, 1e-9);
		EXPECT_NEAR(t, tr.cues[1].end, 10.9, 1e-9);
		EXPECT_STR(t, tr.cues[1].text, "Toinen\nrivi");
	}
	diag_release(&diag);
	transcript_release(&tr);
}

static void test_srt_good(struct test_ctx *t)
{
	static const char text[] = "1\n00:00:00,000 --> 00:00:01,000\n<b>Alku</b> & loppu\n\n\n"
				   "2\n01:00:00,000 --> 01:00:01,000\nmyöhään\n";
	struct transcript tr;
	struct diag diag;

	transcript_init(&tr);
	diag_init(&diag);
	EXPECT_INT(t, transcript_parse(text, strlen(text), TRANSCRIPT_SRT, 3601, "t.srt", &tr, &diag),
		   PP_OK);
	EXPECT_INT(t, diag.count, 0);
	EXPECT_INT(t, tr.count, 2);
	if (tr.count == 2) {
		EXPECT_STR(t, tr.cues[0].text, "Alku & loppu");
		EXPECT_NEAR(t, tr.cues[1].start, 3600, 1e-9);
		EXPECT_INT(t, tr.cues[1].line, 7);
	}
	diag_release(&diag);
	transcript_release(&tr);
}

/* Each bad file fails on its line with its words. */
static void test_bad(struct test_ctx *t)
{
	static const struct {
		enum transcript_format format;
		const char *text;
		int line;
		const char *words;
	} cases[] = {
		{ TRANSCRIPT_VTT, "1\n00:00.000 --> 00:01.000\nhei\n", 1, "starts with the line 'WEBVTT'" },
		{ TRANSCRIPT_VTT, "WEBVTTX\n", 1, "'WEBVTT'" },
		{ TRANSCRIPT_VTT, "", 1, "'WEBVTT'" },
		{ TRANSCRIPT_VTT, "WEBVTT\n\n00:00.000 --> 00:61.000\nhei\n", 3, "not a WebVTT cue timing" },
		{ TRANSCRIPT_VTT, "WEBVTT\n\n00:00,000 --> 00:01,000\nhei\n", 3, "not a WebVTT cue timing" },
		{ TRANSCRIPT_VTT, "WEBVTT\n\n0:00.000 --> 0:01.000\nhei\n", 3, "cue timing" },
		{ TRANSCRIPT_VTT, "WEBVTT\n\n00:00.00 --> 00:01.000\nhei\n", 3, "cue timing" },
		{ TRANSCRIPT_VTT, "WEBVTT\n\n00:00.000-->00:01.000\nhei\n", 3, "cue timing" },
		{ TRANSCRIPT_VTT, "WEBVTT\n\n00:02.000 --> 00:01.000\nhei\n", 3, "ends (1.000 s) before it starts" },
		{ TRANSCRIPT_VTT, "WEBVTT\n\n00:05.000 --> 00:06.000\na\n\n00:04.000 --> 00:06.000\nb\n", 6,
		  "before the cue on line 3" },
		{ TRANSCRIPT_VTT, "WEBVTT\n\n00:05.000 --> 00:11.500\na\n", 3, "after the audio's end (10.000 s)" },
		{ TRANSCRIPT_VTT, "WEBVTT\n\nid\n\n00:05.000 --> 00:06.000\na\n", 3, "without a timing line" },
		{ TRANSCRIPT_VTT, "WEBVTT\n\n00:01.000 --> 00:02.000\na\n00:03.000 --> 00:04.000\n", 5,
		  "put a blank line before it" },
		{ TRANSCRIPT_VTT, "WEBVTT\n\n00:01.000 --> 00:02.000\nh\xe4n\n", 4, "not valid UTF-8 (byte 0xe4)" },
		{ TRANSCRIPT_VTT, "WEBVTT\n\n00:01.000 --> 00:02.000\nh\x01n\n", 4, "control character" },
		{ TRANSCRIPT_SRT, "1\n00:00:00.000 --> 00:00:01.000\nhei\n", 2, "not a SubRip cue timing" },
		{ TRANSCRIPT_SRT, "1\n00:01,000 --> 00:02,000\nhei\n", 2, "00:01:02,500" },
		{ TRANSCRIPT_SRT, "WEBVTT\n\n", 1, "expected a SubRip cue number" },
		{ TRANSCRIPT_SRT, "1\n", 1, "cue 1 has no timing line" },
		{ TRANSCRIPT_SRT, "1\n00:00:03,000 --> 00:00:04,000\na\n\n2\n00:00:02,000 --> 00:00:04,000\nb\n",
		  6, "must be in order" },
		{ TRANSCRIPT_SRT, "1\n00:00:03,000 --> 00:00:12,000\na\n", 2, "after the audio's end" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct transcript tr;
		struct diag diag;

		transcript_init(&tr);
		diag_init(&diag);
		EXPECT_INT(t, parse(cases[i].text, cases[i].format, &tr, &diag), PP_EPARSE);
		EXPECT_INT(t, diag.count, 1);
		if (diag.count == 1) {
			EXPECT_INT(t, diag.entries[0].line, cases[i].line);
			EXPECT_CONTAINS(t, diag.entries[0].message, cases[i].words);
			EXPECT_STR(t, diag.entries[0].path, "t.vtt");
		}
		diag_release(&diag);
		transcript_release(&tr);
	}
}

/* The tolerance past the end, no duration, and the cue limit. */
static void test_limits(struct test_ctx *t)
{
	static const char late[] = "WEBVTT\n\n00:05.000 --> 00:10.900\na\n";
	struct transcript tr;
	struct diag diag;
	char *many;
	size_t len = 0, cap = (size_t)(TRANSCRIPT_MAX_CUES + 1) * 32 + 16;

	transcript_init(&tr);
	diag_init(&diag);
	EXPECT_INT(t, parse(late, TRANSCRIPT_VTT, &tr, &diag), PP_OK);
	EXPECT_INT(t, transcript_parse(late, strlen(late), TRANSCRIPT_VTT, 0, "t.vtt", &tr, &diag),
		   PP_OK);
	EXPECT_INT(t, diag.count, 0);

	many = malloc(cap);
	EXPECT(t, many != NULL);
	if (many) {
		len = (size_t)snprintf(many, cap, "WEBVTT\n");
		for (int i = 0; i <= TRANSCRIPT_MAX_CUES; i++)
			len += (size_t)snprintf(many + len, cap - len, "\n00:00.000 --> 00:00.000\n");
		EXPECT_INT(t, transcript_parse(many, len, TRANSCRIPT_VTT, 0, "t.vtt", &tr, &diag),
			   PP_EPARSE);
		EXPECT_INT(t, diag.count, 1);
		if (diag.count == 1)
			EXPECT_CONTAINS(t, diag.entries[0].message, "cues: podpub reads no more");
	}
	free(many);
	diag_release(&diag);
	transcript_release(&tr);
}

static void test_names(struct test_ctx *t)
{
	enum transcript_format f = TRANSCRIPT_SRT;

	EXPECT(t, transcript_format_of("transcript.fi.VTT", &f));
	EXPECT_INT(t, f, TRANSCRIPT_VTT);
	EXPECT(t, transcript_format_of("a.srt", &f));
	EXPECT_INT(t, f, TRANSCRIPT_SRT);
	EXPECT(t, !transcript_format_of("a.txt", &f));
	EXPECT_STR(t, transcript_media_type(TRANSCRIPT_VTT), "text/vtt");
	EXPECT_STR(t, transcript_media_type(TRANSCRIPT_SRT), "application/x-subrip");
	EXPECT_STR(t, transcript_suffix(TRANSCRIPT_SRT), ".srt");
}

TEST_MAIN({ "WebVTT: BOM, CRLF, header, NOTE, identifiers, settings, markup", test_vtt_good },
	  { "SubRip: numbers, commas, hours, blank runs", test_srt_good },
	  { "bad files: each the first problem with its line", test_bad },
	  { "a second's tolerance, no duration, at most so many cues", test_limits },
	  { "formats by file name ending, media types", test_names })
