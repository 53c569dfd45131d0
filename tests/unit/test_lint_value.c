#include "lint/lint_value.h"

#include "testhelp.h"

static void namespace_near_misses(struct test_ctx *t)
{
	static const char itunes[] = "http://www.itunes.com/dtds/podcast-1.0.dtd";

	EXPECT(t, lint_value_ns_near(itunes, itunes));
	EXPECT(t, lint_value_ns_near("HTTPS://itunes.com/DTDs/Podcast-1.0.dtd//", itunes));
	EXPECT(t, lint_value_ns_near("http://www.itunes.com/dtd/podcast-1.0.dtd", itunes));
	EXPECT(t, lint_value_ns_near("http://www.itunes.com/dtds/podcast-1.1.dtd", itunes));
	EXPECT(t, !lint_value_ns_near("http://www.itunes.com/dtds/video-2.0.dtd", itunes));
	EXPECT(t, !lint_value_ns_near("http://purl.org/rss/1.0/modules/slash/",
				      "http://purl.org/rss/1.0/modules/content/"));
	EXPECT(t, !lint_value_ns_near("", itunes));
	EXPECT(t, lint_value_ns_near("https://", "http://"));
}

static void discouraged_characters(struct test_ctx *t)
{
	EXPECT_INT(t, lint_value_discouraged_char(""), 0);
	EXPECT_INT(t, lint_value_discouraged_char("plain \xc3\xa4 \xe2\x82\xac \xf0\x9f\x8e\x99"), 0);
	EXPECT_INT(t, lint_value_discouraged_char("a\x7f"), 0x7f);
	EXPECT_INT(t, lint_value_discouraged_char("\xc2\x80"), 0x80);
	EXPECT_INT(t, lint_value_discouraged_char("x\xc2\x9f"), 0x9f);
	EXPECT_INT(t, lint_value_discouraged_char("\xc2\xa0"), 0);
	EXPECT_INT(t, lint_value_discouraged_char("\xef\xbf\xbe"), 0xfffe);
	EXPECT_INT(t, lint_value_discouraged_char("\xef\xb7\x90"), 0xfdd0);
	EXPECT_INT(t, lint_value_discouraged_char("\xf0\x9f\xbf\xbf"), 0x1ffff);
	/* Truncated or stray bytes are the parser's business, never read past. */
	EXPECT_INT(t, lint_value_discouraged_char("\xc2"), 0);
	EXPECT_INT(t, lint_value_discouraged_char("\x92\xe2\x82"), 0);
}

static void counts(struct test_ctx *t)
{
	EXPECT(t, lint_value_count("0"));
	EXPECT(t, lint_value_count("0123"));
	EXPECT(t, !lint_value_count(""));
	EXPECT(t, !lint_value_count("-1"));
	EXPECT(t, !lint_value_count("1e3"));
	EXPECT(t, !lint_value_positive_integer("000"));
}

static void rfc2822_times(struct test_ctx *t)
{
	long long epoch = -1;

	EXPECT(t, lint_value_rfc2822_time("Thu, 01 Jan 1970 00:00:00 +0000", &epoch));
	EXPECT_INT(t, epoch, 0);
	EXPECT(t, lint_value_rfc2822_time("Tue, 04 Mar 2025 07:00:00 +0000", &epoch));
	EXPECT_INT(t, epoch, 1741071600);
	EXPECT(t, lint_value_rfc2822_time("Tue, 04 Mar 2025 09:00:00 +0200", &epoch));
	EXPECT_INT(t, epoch, 1741071600);
	EXPECT(t, lint_value_rfc2822_time("Tue, 04 Mar 2025 02:00:00 EST", &epoch));
	EXPECT_INT(t, epoch, 1741071600);
	EXPECT(t, lint_value_rfc2822_time("Mon, 03 Mar 2025 23:30:00 PDT", &epoch));
	EXPECT_INT(t, epoch, 1741069800);
	EXPECT(t, lint_value_rfc2822_time("04 Mar 2025 07:00 -0000", &epoch));
	EXPECT_INT(t, epoch, 1741071600);
	EXPECT(t, lint_value_rfc2822_time("Thu, 29 Feb 2024 00:00:00 UT", &epoch));
	EXPECT_INT(t, epoch, 1709164800);
	EXPECT(t, lint_value_rfc2822_time("Fri, 31 Dec 1999 23:59:59 GMT", &epoch));
	EXPECT_INT(t, epoch, 946684799);
	/* A wrong weekday still names a time; a wrong date or syntax does not. */
	EXPECT(t, lint_value_rfc2822_time("Wed, 04 Mar 2025 07:00:00 +0000", &epoch));
	EXPECT(t, !lint_value_rfc2822_time("Sat, 29 Feb 2025 07:00:00 +0000", &epoch));
	EXPECT(t, !lint_value_rfc2822_time("2025-03-04T07:00:00Z", &epoch));
}

static void podcast_values(struct test_ctx *t)
{
	static const char *const decimals[] = { "0", "4", "204.5", "0.00000005000", "007" };
	static const char *const not_decimals[] = { "", ".", "4.", ".5", "-1", "+1", "1e3", "1,5",
						    "1.2.3", " 4" };
	static const char *const mimes[] = { "text/vtt", "application/json+chapters",
					     "application/x-subrip", "text/html; charset=utf-8",
					     "audio/mpeg" };
	static const char *const not_mimes[] = { "", "vtt", "text/", "/vtt", "text/v tt",
						 "text vtt" };
	static const char *const emails[] = { "a@b.fi", "sanna.heinonen@pksotu.fi", "x+y@a.b.c" };
	static const char *const not_emails[] = { "", "a", "a@b", "@b.fi", "a@b.", "a@@b.fi",
						  "a b@c.fi", "Aino <a@b.fi>", "a@.fi" };
	static const char *const geos[] = { "geo:62.6,29.76", "geo:-90,180", "geo:0,0,120",
					    "geo:62.6,29.76;u=350", "GEO:1.5,-2.25;crs=wgs84;u=5" };
	static const char *const not_geos[] = { "", "62.6,29.76", "geo:62.6", "geo:91,0",
						"geo:0,181", "geo:a,b", "geo:1,2;", "geo:1,2 x" };
	static const char *const osms[] = { "R113314", "W5013364#2", "N1" };
	static const char *const not_osms[] = { "", "R", "113314", "r113314", "R1#", "R1 ",
						"X1" };
	static const char *const dates[] = { "2023-04-12", "2023-04-12T11:00:00Z",
					     "2023-04-12T11:00:00+03:00" };
	static const char *const not_dates[] = { "", "2023-4-12", "12.4.2023", "2023-13-01",
						 "2023-04-32", "2023-04-12X", "2023-04-12T" };

	for (size_t i = 0; i < sizeof(decimals) / sizeof(*decimals); i++)
		EXPECT(t, lint_value_decimal(decimals[i]));
	for (size_t i = 0; i < sizeof(not_decimals) / sizeof(*not_decimals); i++)
		EXPECT(t, !lint_value_decimal(not_decimals[i]));
	for (size_t i = 0; i < sizeof(mimes) / sizeof(*mimes); i++)
		EXPECT(t, lint_value_mime_type(mimes[i]));
	for (size_t i = 0; i < sizeof(not_mimes) / sizeof(*not_mimes); i++)
		EXPECT(t, !lint_value_mime_type(not_mimes[i]));
	for (size_t i = 0; i < sizeof(emails) / sizeof(*emails); i++)
		EXPECT(t, lint_value_email(emails[i]));
	for (size_t i = 0; i < sizeof(not_emails) / sizeof(*not_emails); i++)
		EXPECT(t, !lint_value_email(not_emails[i]));
	for (size_t i = 0; i < sizeof(geos) / sizeof(*geos); i++)
		EXPECT(t, lint_value_geo_uri(geos[i]));
	for (size_t i = 0; i < sizeof(not_geos) / sizeof(*not_geos); i++)
		EXPECT(t, !lint_value_geo_uri(not_geos[i]));
	for (size_t i = 0; i < sizeof(osms) / sizeof(*osms); i++)
		EXPECT(t, lint_value_osm(osms[i]));
	for (size_t i = 0; i < sizeof(not_osms) / sizeof(*not_osms); i++)
		EXPECT(t, !lint_value_osm(not_osms[i]));
	for (size_t i = 0; i < sizeof(dates) / sizeof(*dates); i++)
		EXPECT(t, lint_value_iso8601(dates[i]));
	for (size_t i = 0; i < sizeof(not_dates) / sizeof(*not_dates); i++)
		EXPECT(t, !lint_value_iso8601(not_dates[i]));
}

/* --online's modest transcript checks: the first line or cue, no more. */
static void transcripts(struct test_ctx *t)
{
	EXPECT(t, lint_value_webvtt("WEBVTT\n\n00:00.000 --> 00:01.000\nhi\n"));
	EXPECT(t, lint_value_webvtt("\xEF\xBB\xBFWEBVTT - a title\n"));
	EXPECT(t, lint_value_webvtt("WEBVTT"));
	EXPECT(t, !lint_value_webvtt("WEBVTTX\n"));
	EXPECT(t, !lint_value_webvtt("webvtt\n"));
	EXPECT(t, !lint_value_webvtt(""));
	EXPECT(t, lint_value_srt("1\n00:00:00,000 --> 00:00:04,000\nhi\n"));
	EXPECT(t, lint_value_srt("\xEF\xBB\xBF\r\n12\r\n01:02:03,456 --> 01:02:04,000\r\n"));
	EXPECT(t, !lint_value_srt("00:00:00,000 --> 00:00:04,000\nno number\n"));
	EXPECT(t, !lint_value_srt("1\n00:00:00.000 --> 00:00:04.000\n"));
	EXPECT(t, !lint_value_srt("1\n00:00:00,000 -> 00:00:04,000\n"));
	EXPECT(t, !lint_value_srt("1\n00:00:00,000 --> 00:00:04\n"));
	EXPECT(t, !lint_value_srt(""));
}

TEST_MAIN(TEST_CASE(podcast_values), TEST_CASE(namespace_near_misses), TEST_CASE(discouraged_characters), TEST_CASE(counts),
	  TEST_CASE(rfc2822_times), TEST_CASE(transcripts))
