/* Which episodes are live: held back, ordered, noted, and the channel's date. */
#include "schedule.h"

#include <stdlib.h>
#include <string.h>

#include "testhelp.h"

/* 2025-03-04, -11, -18 and -25 at 09:00 in Helsinki (UTC+2), newest first,
 * as show_load leaves them. */
static const time_t dates[] = { 1742886000, 1742281200, 1741676400, 1741071600 };
static const char *const titles[] = { "neljas", "kolmas", "toinen", "eka" };

static bool make_show(struct show *s)
{
	show_init(s);
	s->config.timezone = strdup("Europe/Helsinki");
	s->episodes = calloc(4, sizeof(*s->episodes));
	if (!s->config.timezone || !s->episodes)
		return false;
	for (size_t i = 0; i < 4; i++) {
		struct episode *e = &s->episodes[i].meta;

		s->episode_count++;
		e->date = dates[i];
		if (!(e->title = strdup(titles[i])) || !(e->md_path = strdup(titles[i])))
			return false;
	}
	s->newest = dates[0];
	return true;
}

static void future_episodes_wait_oldest_first(struct test_ctx *t)
{
	struct schedule_options o = { .now = "2025-03-12 08:00" };
	struct show s;
	struct diag d;

	diag_init(&d);
	if (make_show(&s)) {
		EXPECT_INT(t, schedule_apply(&s, &o, &d), PP_OK);
		EXPECT_INT(t, s.episode_count, 2);
		EXPECT_INT(t, s.waiting_count, 2);
		if (s.waiting_count == 2 && s.episode_count == 2) {
			EXPECT_STR(t, s.waiting[0].meta.title, "kolmas");
			EXPECT_STR(t, s.waiting[1].meta.title, "neljas");
			EXPECT_STR(t, s.episodes[0].meta.title, "toinen");
		}
		/* The channel's date is the newest live episode's, not the future's. */
		EXPECT_INT(t, s.newest, dates[2]);
		EXPECT_INT(t, d.count, 2);
		if (d.count == 2) {
			EXPECT_INT(t, d.entries[0].level, DIAG_NOTE);
			EXPECT_STR(t, d.entries[0].path, "kolmas");
			EXPECT_STR(t, d.entries[0].message,
				   "'kolmas' is scheduled for 2025-03-18 09:00 +0200: held back until then");
		}
	} else {
		t->failures++;
	}
	show_release(&s);
	diag_release(&d);
}

static void the_date_itself_is_live(struct test_ctx *t)
{
	struct schedule_options o = { .now = "2025-03-25 09:00" };
	struct show s;
	struct diag d;

	diag_init(&d);
	if (make_show(&s)) {
		EXPECT_INT(t, schedule_apply(&s, &o, &d), PP_OK);
		EXPECT_INT(t, s.episode_count, 4);
		EXPECT_INT(t, s.waiting_count, 0);
		EXPECT_INT(t, d.count, 0);
	}
	show_release(&s);
	diag_release(&d);
}

static void a_preview_keeps_them(struct test_ctx *t)
{
	struct schedule_options o = { .now = "2025-03-12 08:00", .include_future = true };
	struct show s;
	struct diag d;

	diag_init(&d);
	if (make_show(&s)) {
		EXPECT_INT(t, schedule_apply(&s, &o, &d), PP_OK);
		EXPECT_INT(t, s.episode_count, 4);
		EXPECT_INT(t, s.waiting_count, 0);
		EXPECT_INT(t, s.newest, dates[0]);
		EXPECT_INT(t, d.count, 2);
		if (d.count)
			EXPECT_CONTAINS(t, d.entries[0].message, "in this preview");
	}
	show_release(&s);
	diag_release(&d);
}

static void nothing_live_is_an_error(struct test_ctx *t)
{
	struct schedule_options o = { .now = "2025-03-01" };
	struct show s;
	struct diag d;

	diag_init(&d);
	if (make_show(&s)) {
		EXPECT_INT(t, schedule_apply(&s, &o, &d), PP_EPARSE);
		EXPECT_INT(t, diag_count(&d, DIAG_ERROR), 1);
		EXPECT_INT(t, s.episode_count, 4);
	}
	show_release(&s);
	diag_release(&d);
}

static void now_must_be_a_date(struct test_ctx *t)
{
	struct schedule_options o = { .now = "ensi tiistaina" };
	struct show s;
	struct diag d;

	diag_init(&d);
	if (make_show(&s)) {
		EXPECT_INT(t, schedule_apply(&s, &o, &d), PP_EPARSE);
		EXPECT_INT(t, d.count, 1);
		if (d.count)
			EXPECT_STR(t, d.entries[0].path, "--now");
	}
	show_release(&s);
	diag_release(&d);
}

static void the_clock_by_default(struct test_ctx *t)
{
	struct show s;
	struct diag d;

	diag_init(&d);
	if (make_show(&s)) {
		/* 2025 is in the past of any clock that runs these tests. */
		EXPECT_INT(t, schedule_apply(&s, NULL, &d), PP_OK);
		EXPECT_INT(t, s.episode_count, 4);
	}
	show_release(&s);
	diag_release(&d);
}

TEST_MAIN(TEST_CASE(future_episodes_wait_oldest_first), TEST_CASE(the_date_itself_is_live),
	  TEST_CASE(a_preview_keeps_them), TEST_CASE(nothing_live_is_an_error),
	  TEST_CASE(now_must_be_a_date), TEST_CASE(the_clock_by_default))
