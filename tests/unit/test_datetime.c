/* Unit tests of datetime: parsing episode dates in the show's zone, RFC 2822
 * output, whatever the process's TZ was. */
#include "datetime.h"

#include <stdlib.h>
#include <time.h>

#include "testhelp.h"

#define HELSINKI "Europe/Helsinki"

/* Parses `text` in Helsinki; returns the result, *out the time. */
static enum pp_result parse(const char *text, time_t *out)
{
	*out = (time_t)-42;
	return datetime_parse(text, HELSINKI, out);
}

/* Parses `text` in Helsinki and expects the instant `want`; names the text
 * when it does not get it. */
static void expect_time(struct test_ctx *t, const char *text, time_t want)
{
	int failures = t->failures;
	time_t when;

	EXPECT_INT(t, parse(text, &when), PP_OK);
	EXPECT_INT(t, when, want);
	if (t->failures != failures)
		printf("#   parsing '%s'\n", text);
}

static void winter_time_is_utc_plus_two(struct test_ctx *t)
{
	/* 09:00 EET is 07:00 UTC. */
	expect_time(t, "2025-03-04 09:00", 1741071600);
	expect_time(t, "2025-03-04T09:00", 1741071600);
	expect_time(t, "2025-03-04 09:00:30", 1741071630);
}

static void summer_time_is_utc_plus_three(struct test_ctx *t)
{
	/* 09:00 EEST is 06:00 UTC. */
	expect_time(t, "2025-07-01 09:00", 1751349600);
}

static void explicit_offsets_ignore_the_zone(struct test_ctx *t)
{
	time_t when = (time_t)-42;

	expect_time(t, "2025-03-04 09:00Z", 1741078800);
	expect_time(t, "2025-03-04T09:00:00Z", 1741078800);
	/* 09:00 at +05:30 is 03:30 UTC. */
	expect_time(t, "2025-03-04 09:00+05:30", 1741059000);
	/* 09:00 at -03:00 is 12:00 UTC. */
	expect_time(t, "2025-03-04T09:00-03:00", 1741089600);
	/* The same offset text in another zone gives the same instant. */
	EXPECT_INT(t, datetime_parse("2025-03-04 09:00+05:30", "America/New_York", &when), PP_OK);
	EXPECT_INT(t, when, 1741059000);
}

static void date_only_is_local_midnight(struct test_ctx *t)
{
	/* Midnight EET is 22:00 UTC the day before. */
	expect_time(t, "2025-03-04", 1741039200);
	/* A leap day exists in 2024. */
	expect_time(t, "2024-02-29 14:00", 1709208000);
}

static void invalid_texts_are_parse_errors(struct test_ctx *t)
{
	static const char *const bad[] = {
		"2025-02-30 10:00",       /* no such day */
		"2025-02-29",             /* not a leap year */
		"2025-04-31 09:00",       /* April has 30 days */
		"2025-02-30 10:00Z",      /* no such day, with an offset */
		"2025-13-01",             /* no such month */
		"2025-00-10",             /* no such month */
		"2025-03-00",             /* no such day */
		"04.03.2025",             /* Finnish order */
		"2025-3-4",               /* digits missing */
		"2025-03-04 25:00",       /* no such hour */
		"2025-03-04 24:00",       /* no such hour either */
		"2025-03-04 09:60",       /* no such minute */
		"2025-03-04 09:00:61",    /* no such second */
		"2025-03-04 9:00",        /* hour digit missing */
		"2025-03-04 09:00 ",      /* trailing space */
		"2025-03-04 09:00 EET",   /* trailing junk */
		"2025-03-04x",            /* trailing junk after a date */
		"2025-03-04 09:00+5:30",  /* offset digit missing */
		"2025-03-04 09:00+0530",  /* offset without colon */
		"2025-03-04 09:00+15:00", /* offset out of range */
		"2025-03-04 09:00Zulu",   /* junk after Z */
		"",                       /* empty */
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		time_t when;
		enum pp_result r = parse(bad[i], &when);

		if (r != PP_EPARSE) {
			t->failures++;
			printf("#   '%s' gave %d, expected PP_EPARSE\n", bad[i], (int)r);
		}
	}
}

static void rfc2822_is_exact(struct test_ctx *t)
{
	static const struct {
		time_t when;
		const char *text;
	} cases[] = {
		{ 1741071600, "Tue, 04 Mar 2025 07:00:00 +0000" },
		{ 0, "Thu, 01 Jan 1970 00:00:00 +0000" },
		{ 1735689599, "Tue, 31 Dec 2024 23:59:59 +0000" },
		{ 1751349600, "Tue, 01 Jul 2025 06:00:00 +0000" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char out[DATETIME_RFC2822_SIZE];

		datetime_rfc2822(cases[i].when, out);
		EXPECT_STR(t, out, cases[i].text);
	}
}

static void parse_then_format_round_trip(struct test_ctx *t)
{
	char out[DATETIME_RFC2822_SIZE];
	time_t when;

	EXPECT_INT(t, parse("2025-03-04 09:00", &when), PP_OK);
	datetime_rfc2822(when, out);
	EXPECT_STR(t, out, "Tue, 04 Mar 2025 07:00:00 +0000");
}

static void local_time_in_the_show_zone(struct test_ctx *t)
{
	char out[DATETIME_LOCAL_SIZE];

	EXPECT_INT(t, datetime_local(1741071600, "Europe/Helsinki", out), PP_OK);
	EXPECT_STR(t, out, "2025-03-04 09:00 +0200");
	EXPECT_INT(t, datetime_local(1743487200, "Europe/Helsinki", out), PP_OK);
	EXPECT_STR(t, out, "2025-04-01 09:00 +0300");
	EXPECT_INT(t, datetime_local(1741071600, "America/New_York", out), PP_OK);
	EXPECT_STR(t, out, "2025-03-04 02:00 -0500");
}

static void rfc2822_keeps_the_show_offset(struct test_ctx *t)
{
	char out[DATETIME_RFC2822_SIZE];

	EXPECT_INT(t, datetime_rfc2822_in(1741071600, "Europe/Helsinki", out), PP_OK);
	EXPECT_STR(t, out, "Tue, 04 Mar 2025 09:00:00 +0200");
	EXPECT_INT(t, datetime_rfc2822_in(1743487200, "Europe/Helsinki", out), PP_OK);
	EXPECT_STR(t, out, "Tue, 01 Apr 2025 09:00:00 +0300");
	EXPECT_INT(t, datetime_rfc2822_in(1741071600, "America/St_Johns", out), PP_OK);
	EXPECT_STR(t, out, "Tue, 04 Mar 2025 03:30:00 -0330");
	EXPECT_INT(t, datetime_rfc2822_in(1741071600, NULL, out), PP_OK);
	EXPECT_STR(t, out, "Tue, 04 Mar 2025 07:00:00 +0000");
}

/* datetime.c leaves TZ at the last zone it used (switching back cost a
 * read of the zone file per date); what it computes must not depend on
 * the zone the process had before. */
static void results_ignore_the_process_zone(struct test_ctx *t)
{
	char out[DATETIME_RFC2822_SIZE];

	setenv("TZ", "America/New_York", 1);
	tzset();
	expect_time(t, "2025-03-04 09:00", 1741071600);
	unsetenv("TZ");
	tzset();
	expect_time(t, "2025-07-01 09:00", 1751349600);
	setenv("TZ", "Asia/Tokyo", 1);
	tzset();
	EXPECT_INT(t, datetime_rfc2822_in(1741071600, "Europe/Helsinki", out), PP_OK);
	EXPECT_STR(t, out, "Tue, 04 Mar 2025 09:00:00 +0200");
	unsetenv("TZ");
	tzset();
}

static void zone_known_finds_iana_names(struct test_ctx *t)
{
	EXPECT(t, datetime_zone_known("Europe/Helsinki"));
	EXPECT(t, datetime_zone_known("America/New_York"));
	EXPECT(t, datetime_zone_known("UTC"));
	EXPECT(t, !datetime_zone_known("Europe/Tampere"));
	EXPECT(t, !datetime_zone_known("Mars/Olympus_Mons"));
	EXPECT(t, !datetime_zone_known(""));
	EXPECT(t, !datetime_zone_known(NULL));
	EXPECT(t, !datetime_zone_known("../../../etc/passwd"));
	EXPECT(t, !datetime_zone_known("/etc/localtime"));
}

/* Was a bug: datetime_zone_known only checks that a path under
 * /usr/share/zoneinfo is readable, so a folder ("Europe") or a table file
 * ("zone.tab") passes, and a show with `timezone: Europe` has its dates
 * silently read as UTC (glibc falls back to UTC for an unreadable zone). */
static void zone_known_rejects_folders_and_tables(struct test_ctx *t)
{
	EXPECT(t, !datetime_zone_known("Europe"));
	EXPECT(t, !datetime_zone_known("America"));
	EXPECT(t, !datetime_zone_known("zone.tab"));
	EXPECT(t, !datetime_zone_known("iso3166.tab"));
}

TEST_MAIN(TEST_CASE(winter_time_is_utc_plus_two), TEST_CASE(summer_time_is_utc_plus_three),
	  TEST_CASE(explicit_offsets_ignore_the_zone), TEST_CASE(date_only_is_local_midnight),
	  TEST_CASE(invalid_texts_are_parse_errors), TEST_CASE(rfc2822_is_exact),
	  TEST_CASE(parse_then_format_round_trip), TEST_CASE(results_ignore_the_process_zone),
	  TEST_CASE(local_time_in_the_show_zone), TEST_CASE(rfc2822_keeps_the_show_offset),
	  TEST_CASE(zone_known_finds_iana_names), TEST_CASE(zone_known_rejects_folders_and_tables))
