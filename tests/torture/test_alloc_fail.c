/* test_alloc_fail.c - allocation-failure torture of the parsers that read
 * producer or untrusted input (curl's `runtests.pl -t` is the model).
 *
 * Each parser runs once to count its allocations, then once more for each
 * of them with that one allocation failing (those after it succeed again).
 * Every run must end in PP_ENOMEM, or - when the code could do without the
 * allocation - in exactly the result and output of the run where nothing
 * failed; never a crash, a sanitizer report or a leak. A run that ends
 * with more memory allocated than it started with is checked for leaks
 * there and then (a full check of each run would take ten times longer),
 * and every parser's runs once more at the end.
 *
 * Which allocations are counted:
 *   podpub   malloc, calloc, realloc, strdup and strndup called from
 *            podpub's own objects, redirected by the linker's --wrap
 *   libyaml  through yaml_malloc and friends, which libyaml calls through
 *            its PLT, so the definitions here take their place
 *   libxml2  through xmlMemSetup
 * cmark cannot be made to fail: its allocator aborts on NULL by design and
 * the rest of cmark relies on that, so its calls are left alone. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlmemory.h>
#include <sanitizer/common_interface_defs.h>
#include <sanitizer/lsan_interface.h>

#include "config.h"
#include "datetime.h"
#include "diag.h"
#include "episode.h"
#include "feed.h"
#include "lint/lint.h"
#include "notes.h"
#include "testfs.h"
#include "util.h"

/* In the sanitizer runtime; GCC 12 ships no allocator_interface.h. */
size_t __sanitizer_get_current_allocated_bytes(void);

/* The counter: test code's own state, armed only around the call under
 * test, so the harness's own allocations never count. */
enum alloc_source { SRC_PODPUB, SRC_LIBYAML, SRC_LIBXML2, SRC_COUNT };

static const char *const source_names[SRC_COUNT] = { "podpub", "libyaml", "libxml2" };

static struct {
	bool armed;
	long count;                /* allocations since armed */
	long per_source[SRC_COUNT];
	long fail_at;              /* 0: none fails */
	bool failed;               /* allocation fail_at was reached */
	enum alloc_source failed_source;
	void *failed_caller;       /* return address of the failed call */
	const char *running;       /* name of the torture, for a crash report */
	bool leaked;               /* LeakSanitizer would report that leak again */
} torture;

static bool should_fail(enum alloc_source src, void *caller)
{
	if (!torture.armed)
		return false;
	torture.count++;
	torture.per_source[src]++;
	if (torture.count != torture.fail_at)
		return false;
	torture.failed = true;
	torture.failed_source = src;
	torture.failed_caller = caller;
	return true;
}

#define FAIL(src) should_fail((src), __builtin_return_address(0))

/* podpub's own calls (-Wl,--wrap=...). */
void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

void *__wrap_malloc(size_t n)
{
	return FAIL(SRC_PODPUB) ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
	return FAIL(SRC_PODPUB) ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
	return FAIL(SRC_PODPUB) ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
	return FAIL(SRC_PODPUB) ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
	return FAIL(SRC_PODPUB) ? NULL : __real_strndup(s, n);
}

/* libyaml's allocator, with its own contract: size 0 allocates one byte,
 * strdup of NULL is NULL. Exported from this binary (the Makefile rule says
 * --export-dynamic-symbol), so it takes the place of libyaml's. */
void *yaml_malloc(size_t size);
void *yaml_realloc(void *ptr, size_t size);
void yaml_free(void *ptr);
unsigned char *yaml_strdup(const unsigned char *str);

void *yaml_malloc(size_t size)
{
	return FAIL(SRC_LIBYAML) ? NULL : __real_malloc(size ? size : 1);
}

void *yaml_realloc(void *ptr, size_t size)
{
	if (FAIL(SRC_LIBYAML))
		return NULL;
	return ptr ? __real_realloc(ptr, size ? size : 1) : __real_malloc(size ? size : 1);
}

void yaml_free(void *ptr)
{
	free(ptr);
}

unsigned char *yaml_strdup(const unsigned char *str)
{
	if (!str)
		return NULL;
	return FAIL(SRC_LIBYAML) ? NULL : (unsigned char *)__real_strdup((const char *)str);
}

/* libxml2's allocator. */
static void *xml_malloc(size_t n)
{
	return FAIL(SRC_LIBXML2) ? NULL : __real_malloc(n);
}

static void *xml_realloc(void *p, size_t n)
{
	return FAIL(SRC_LIBXML2) ? NULL : __real_realloc(p, n);
}

static char *xml_strdup(const char *s)
{
	return FAIL(SRC_LIBXML2) ? NULL : __real_strdup(s);
}

static void xml_free(void *p)
{
	free(p);
}

static void arm(void)
{
	torture.count = 0;
	memset(torture.per_source, 0, sizeof(torture.per_source));
	torture.failed = false;
	torture.armed = true;
}

static void disarm(void)
{
	torture.armed = false;
}

/* Where the failed allocation was asked for: "config.c:add_category:63". */
static const char *failed_where(char *buf, size_t size)
{
	snprintf(buf, size, "%s, ", source_names[torture.failed_source]);
	__sanitizer_symbolize_pc(torture.failed_caller, "%f %s:%l", buf + strlen(buf),
				 size - strlen(buf));
	return buf;
}

/* libxml2 prints what it cannot hand to a handler; these runs are meant
 * to make it complain. */
static void __attribute__((format(printf, 2, 3))) quiet(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

static void on_sanitizer_death(void)
{
	char where[256];

	if (torture.running && torture.failed)
		fprintf(stderr, "#   %s crashed with allocation %ld failing (%s)\n", torture.running,
			torture.fail_at, failed_where(where, sizeof(where)));
}

/* What a run produced, as text to compare: the harness builds it with the
 * counter disarmed. */
struct out {
	char *s;
	size_t len;
};

static void __attribute__((format(printf, 2, 3))) out_add(struct out *o, const char *fmt, ...)
{
	va_list ap;
	char *piece, *grown;

	va_start(ap, fmt);
	piece = pp_vasprintf(fmt, ap);
	va_end(ap);
	if (!piece)
		abort();
	grown = realloc(o->s, o->len + strlen(piece) + 1);
	if (!grown)
		abort();
	memcpy(grown + o->len, piece, strlen(piece) + 1);
	o->s = grown;
	o->len += strlen(piece);
	free(piece);
}

#define S(p) ((p) ? (p) : "(null)")

static void out_diag(struct out *o, const struct diag *d)
{
	for (size_t i = 0; i < d->count; i++)
		out_add(o, "diag %d %s:%d %s\n", (int)d->entries[i].level, S(d->entries[i].path),
			d->entries[i].line, d->entries[i].message);
	if (d->out_of_memory)
		out_add(o, "diag lost messages\n");
}

/* One parser's run. `arg` is its input; the result and a description of
 * every output go into *o. */
typedef enum pp_result (*try_fn)(const void *arg, struct out *o);

/* podcast.yaml through config_load (and so yamldoc). */
static enum pp_result try_config(const void *arg, struct out *o)
{
	struct config c;
	struct diag d;
	enum pp_result res;

	config_init(&c);
	diag_init(&d);
	arm();
	res = config_load(arg, &c, &d);
	disarm();
	out_add(o, "%s|%s|%s|%s|%s|%s|%s|%s|%s|%d|%s|%s|%s|%s|%s|%s|%d|%d|%s\n", S(c.path),
		S(c.title), S(c.description), S(c.link), S(c.language), S(c.author),
		S(c.owner_name), S(c.owner_email), S(c.copyright), c.explicit_content, S(c.type),
		S(c.timezone), S(c.image), S(c.base_url), S(c.feed_url), S(c.podcast_guid),
		c.podcast_guid_derived, c.locked, S(c.target));
	for (size_t i = 0; i < c.category_count; i++)
		out_add(o, "category %s/%s\n", S(c.categories[i].name),
			S(c.categories[i].subcategory));
	out_diag(o, &d);
	config_release(&c);
	diag_release(&d);
	return res;
}

struct episode_arg {
	const char *dir;
	const char *slug;
};

/* episode.md (front matter through yamldoc, notes through cmark) and the
 * episode folder through episode_load. */
static enum pp_result try_episode(const void *arg, struct out *o)
{
	const struct episode_arg *a = arg;
	struct episode e;
	struct diag d;
	enum pp_result res;

	episode_init(&e);
	diag_init(&d);
	arm();
	res = episode_load(a->dir, a->slug, "Europe/Helsinki", &e, &d);
	disarm();
	out_add(o, "%s|%s|%s|%s|%s|%s|%lld|%ld|%ld|%s|%d|%d|%d|%s|%s|%d|%d\n", S(e.slug), S(e.dir),
		S(e.md_path), S(e.audio_path), S(e.title), S(e.date_text), (long long)e.date,
		e.number, e.season, S(e.type), e.explicit_given, e.explicit_content, e.block,
		S(e.guid), S(e.link), e.number_line, e.guid_line);
	for (size_t i = 0; i < e.person_count; i++)
		out_add(o, "person %s|%s|%s|%s|%s\n", S(e.persons[i].name), S(e.persons[i].role),
			S(e.persons[i].group), S(e.persons[i].href), S(e.persons[i].img));
	out_add(o, "html %s\ntext %s\n", S(e.notes_html), S(e.notes_text));
	out_diag(o, &d);
	episode_release(&e);
	diag_release(&d);
	return res;
}

/* A date without an offset, in a named zone: the path that sets TZ. */
static enum pp_result try_datetime(const void *arg, struct out *o)
{
	time_t t = 0;
	enum pp_result res;

	arm();
	res = datetime_parse(arg, "Europe/Helsinki", &t);
	disarm();
	out_add(o, "%lld TZ=%s\n", (long long)t, S(getenv("TZ")));
	return res;
}

static enum pp_result try_lint(const void *arg, struct out *o)
{
	const struct out *feed = arg;
	struct lint_report r;
	enum pp_result res;

	lint_report_init(&r);
	arm();
	res = lint_feed(feed->s, feed->len, &r);
	disarm();
	for (size_t i = 0; i < r.count; i++)
		out_add(o, "%s %d %d %s %s\n", r.findings[i].rule_id, (int)r.findings[i].severity,
			r.findings[i].line, S(r.findings[i].element), S(r.findings[i].message));
	lint_report_release(&r);
	return res;
}

static enum pp_result try_feed_read(const void *arg, struct out *o)
{
	const struct out *feed = arg;
	struct feed_items items;
	enum pp_result res;

	arm();
	res = feed_read_items(feed->s, feed->len, &items);
	disarm();
	for (size_t i = 0; i < items.count; i++)
		out_add(o, "%s|%s\n", S(items.items[i].guid), S(items.items[i].title));
	feed_items_release(&items);
	return res;
}

/* Each line of `s` under a heading, as '#' lines that tests/run.sh shows. */
static void print_lines(const char *heading, const char *s)
{
	printf("#     %s:\n", heading);
	while (s && *s) {
		size_t n = strcspn(s, "\n");

		printf("#       %.*s\n", (int)n, s);
		s += n + (s[n] == '\n');
	}
}

/* A leak check, once no leak has been found: LeakSanitizer reports a leak
 * again at every later check, which would blame the runs after it. */
static bool leaks(void)
{
	if (torture.leaked)
		return false;
	torture.leaked = __lsan_do_recoverable_leak_check() != 0;
	return torture.leaked;
}

/* Fails each allocation of `try` in turn; prints the parser's ok line. */
static bool run_torture(const char *name, try_fn try, const void *arg)
{
	struct out want = { 0 }, got = { 0 };
	enum pp_result want_res, res;
	long total, per_source[SRC_COUNT];
	int failures = 0;
	char where[256];
	bool leak_checked = !torture.leaked;

	/* Once to let the libraries do their one-time set-up, once to count. */
	torture.fail_at = 0;
	(void)try(arg, &got);
	free(got.s);
	got = (struct out){ 0 };
	want_res = try(arg, &want);
	total = torture.count;
	memcpy(per_source, torture.per_source, sizeof(per_source));
	if (total == 0) {
		printf("#   %s made no allocation to fail\n", name);
		failures++;
	}
	torture.running = name;
	for (long i = 1; i <= total && failures < 10; i++) {
		size_t before = __sanitizer_get_current_allocated_bytes();

		torture.fail_at = i;
		res = try(arg, &got);
		if (!torture.failed) {
			printf("#   %s: allocation %ld of %ld was not reached (the run made %ld)\n",
			       name, i, total, torture.count);
			failures++;
		} else if (res != PP_ENOMEM &&
			   (res != want_res || strcmp(S(got.s), S(want.s)) != 0)) {
			printf("#   %s: allocation %ld of %ld failing (%s): result '%s', expected '%s'"
			       " or the result '%s' with the same output as without failure\n",
			       name, i, total, failed_where(where, sizeof(where)), pp_strerror(res),
			       pp_strerror(PP_ENOMEM), pp_strerror(want_res));
			if (res == want_res) {
				print_lines("output", got.s);
				print_lines("expected", want.s);
			}
			failures++;
		}
		free(got.s);
		got = (struct out){ 0 };
		if (__sanitizer_get_current_allocated_bytes() > before && leaks()) {
			printf("#   %s: allocation %ld of %ld failing (%s) leaks (report above)\n",
			       name, i, total, failed_where(where, sizeof(where)));
			failures++;
		}
	}
	if (failures == 0 && leaks()) {
		printf("#   %s: a run leaks (report above)\n", name);
		failures++;
	}
	torture.running = NULL;
	torture.fail_at = 0;
	free(want.s);
	if (leak_checked && torture.leaked)
		printf("#   no more leak checks after this first leak\n");
	printf("%s - %s: %ld allocations each failed in turn (", failures ? "not ok" : "ok", name,
	       total);
	for (int s = 0; s < SRC_COUNT; s++)
		printf("%s%s %ld", s ? ", " : "", source_names[s], per_source[s]);
	printf(")%s\n", leak_checked ? "" : ", leaks not checked");
	fflush(stdout);
	return failures == 0;
}

static const char podcast_yaml[] =
	"title: Torture Show\n"
	"description: A show read with allocations failing.\n"
	"link: https://example.fi/show\n"
	"language: fi\n"
	"author: Testers\n"
	"owner:\n"
	"  name: Tess Ter\n"
	"  email: tess@example.fi\n"
	"copyright: (c) 2025 Testers\n"
	"categories:\n"
	"  - Government\n"
	"  - News: [Politics]\n"
	"explicit: false\n"
	"timezone: Europe/Helsinki\n"
	"image: feed/cover.png\n"
	"base_url: https://example.fi/podcast\n";

/* The same with mistakes: unknown key, bad category, bad email. */
static const char podcast_yaml_bad[] =
	"title: Torture Show\n"
	"description: A show read with allocations failing.\n"
	"link: https://example.fi/show\n"
	"language: fi\n"
	"author: Testers\n"
	"owner:\n"
	"  name: Tess Ter\n"
	"  email: not-an-email\n"
	"categories:\n"
	"  - Government\n"
	"  - Nonsense\n"
	"colour: blue\n"
	"timezone: Europe/Helsinki\n"
	"image: feed/cover.png\n"
	"base_url: https://example.fi/podcast/\n";

static const char episode_md[] =
	"---\n"
	"title: Episode one\n"
	"date: 2025-03-04 09:00\n"
	"episode: 1\n"
	"season: 2\n"
	"explicit: true\n"
	"link: https://example.fi/show/1\n"
	"persons:\n"
	"  - name: Tess Ter\n"
	"    role: host\n"
	"  - name: Guy Est\n"
	"    role: guest\n"
	"    href: https://example.fi/guy\n"
	"---\n"
	"Notes with *emphasis* and a [link](https://example.fi).\n"
	"\n"
	"- one\n"
	"- two\n";

/* Mistakes: a bad date, an unknown role, an unknown key. */
static const char episode_md_bad[] =
	"---\n"
	"title: Episode two\n"
	"date: 2025-02-30 09:00\n"
	"mood: happy\n"
	"persons:\n"
	"  - name: Tess Ter\n"
	"    role: juggler\n"
	"---\n"
	"Notes.\n";

static bool read_data(const char *path, struct out *o)
{
	if (pp_read_file(path, &o->s, &o->len) != PP_OK) {
		printf("#   cannot read %s\n", path);
		return false;
	}
	return true;
}

int main(void)
{
	struct testfs fs = { { 0 } };
	struct out good = { 0 }, dup_guid = { 0 }, ill_formed = { 0 };
	char config_path[128], config_bad_path[128], episodes[128];
	struct episode_arg ep = { episodes, "ep1" }, ep_bad = { episodes, "ep2" };
	int failed = 0;

	/* Before libxml2 allocates anything. */
	if (xmlMemSetup(xml_free, xml_malloc, xml_realloc, xml_strdup) != 0)
		return 1;
	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, quiet);
	__sanitizer_set_death_callback(on_sanitizer_death);
	/* datetime_parse keeps the caller's TZ: give it one to keep. */
	setenv("TZ", "UTC", 1);

	if (!testfs_init(&fs, "alloc-fail")) {
		printf("not ok - set-up\n");
		return 1;
	}
	snprintf(config_path, sizeof(config_path), "%s/podcast.yaml", fs.root);
	snprintf(config_bad_path, sizeof(config_bad_path), "%s/bad.yaml", fs.root);
	snprintf(episodes, sizeof(episodes), "%s/episodes", fs.root);
	if (mkdir(episodes, 0755) != 0 ||
	    !testfs_put(&fs, "podcast.yaml", podcast_yaml, strlen(podcast_yaml)) ||
	    !testfs_put(&fs, "bad.yaml", podcast_yaml_bad, strlen(podcast_yaml_bad)) ||
	    !testfs_put(&fs, "episodes/ep1/episode.md", episode_md, strlen(episode_md)) ||
	    !testfs_put(&fs, "episodes/ep1/ep1.mp3", "", 0) ||
	    !testfs_put(&fs, "episodes/ep2/episode.md", episode_md_bad, strlen(episode_md_bad)) ||
	    !testfs_put(&fs, "episodes/ep2/ep2.ogg", "", 0) ||
	    !read_data("tests/data/lint/good.xml", &good) ||
	    !read_data("tests/data/lint/bad-guid-duplicate.xml", &dup_guid) ||
	    !read_data("tests/data/lint/bad-not-well-formed.xml", &ill_formed)) {
		printf("not ok - set-up\n");
		testfs_release(&fs);
		return 1;
	}

	failed += !run_torture("config", try_config, config_path);
	failed += !run_torture("config with errors", try_config, config_bad_path);
	failed += !run_torture("episode", try_episode, &ep);
	failed += !run_torture("episode with errors", try_episode, &ep_bad);
	failed += !run_torture("datetime", try_datetime, "2025-03-04 09:00");
	failed += !run_torture("lint", try_lint, &good);
	failed += !run_torture("lint of duplicate guids", try_lint, &dup_guid);
	failed += !run_torture("lint of ill-formed xml", try_lint, &ill_formed);
	failed += !run_torture("feed_read_items", try_feed_read, &good);

	free(good.s);
	free(dup_guid.s);
	free(ill_formed.s);
	testfs_release(&fs);
	xmlCleanupParser();
	return failed ? 1 : 0;
}
