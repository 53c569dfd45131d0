/* lint.h - checks any podcast feed: bytes in, findings out.
 *
 * The linter never sees podpub's own data model, so the same code checks
 * podpub's feed and anyone else's. Rules live in one table per namespace
 * (xml, rss, apple, spotify, podcast) under src/lint/; lint_rule_at lists them. */
#ifndef PODPUB_LINT_H
#define PODPUB_LINT_H

#include <stdbool.h>
#include <stddef.h>

#include "result.h"

enum lint_severity { LINT_ERROR, LINT_WARNING, LINT_INFO };

struct lint_finding {
	const char *rule_id; /* static, stable: "xml-well-formed", "apple-channel-image" */
	enum lint_severity severity;
	int line;      /* 1-based line in the feed; 0 when unknown */
	char *element; /* e.g. "channel/itunes:image", "item[2]/enclosure" */
	char *message; /* lowercase, no final period */
};

struct lint_report {
	struct lint_finding *findings;
	size_t count;
	size_t alloc;
};

void lint_report_init(struct lint_report *r);
void lint_report_release(struct lint_report *r);

/* Checks `len` bytes of feed XML. Findings (errors included) go into
 * `report`; the return value is PP_OK when the checks ran, whatever they
 * found, and PP_ENOMEM/PP_EINTERNAL only when they could not run. */
enum pp_result lint_feed(const char *xml, size_t len, struct lint_report *report) PP_MUST_USE;

/* Where a feed was fetched from: the url asked for and, after redirects,
 * the one that served it (NULL when the same). Both borrowed. */
struct lint_source {
	const char *url;
	const char *final_url;
};

/* lint_feed for a feed fetched from `source` (NULL: a file): the rules that
 * compare the feed with its own url run too. Items are compared with the
 * time `now` (seconds since the epoch: rss-pubdate-clock); 0 compares them
 * with no clock (a preview, which holds scheduled episodes on purpose).
 * lint_feed is lint_feed_from(xml, len, NULL, the clock, report). */
enum pp_result lint_feed_from(const char *xml, size_t len, const struct lint_source *source,
			      long long now, struct lint_report *report) PP_MUST_USE;

size_t lint_count(const struct lint_report *r, enum lint_severity severity);

/* --online: what the feed links to, fetched (lint_online.c). */
struct lint_online_options {
	size_t newest;       /* the first (newest) items to check; 0: all */
	const char *ca_file; /* an extra CA to trust for https, or NULL */
};

/* Fetches the channel's art and, for the `newest` items, each enclosure
 * (a HEAD and a small byte range), art, transcript and chapters file, all
 * at once, and adds the online-* findings to `report`. Runs nothing when
 * `report` already holds an xml- error (lint_feed's, on the same bytes).
 * PP_OK whatever was found; PP_ENOMEM; PP_EINTR after Ctrl-C. */
enum pp_result lint_online(const char *xml, size_t len, const struct lint_online_options *o,
			   struct lint_report *report) PP_MUST_USE;

struct fetch_reply;
/* Findings on how the feed at `url` came (target/fetch.h, fetch_url):
 * each redirect followed (info), and plain http to a host that is not
 * loopback (warning). */
enum pp_result lint_fetched(const char *url, const struct fetch_reply *reply,
			    struct lint_report *report) PP_MUST_USE;

/* A rule as `--rules` and docs/lint-rules.md show it. */
struct lint_rule_info {
	const char *id; /* "apple-channel-image" */
	enum lint_severity severity;
	const char *ns;	     /* "xml", "rss", "apple", "spotify", "podcast", "online" */
	const char *summary; /* what a passing feed does */
	const char *spec;    /* where the rule comes from */
};

/* Every rule, in the order findings are reported: index 0 .. count-1. */
size_t lint_rule_count(void);
bool lint_rule_at(size_t index, struct lint_rule_info *out);

/* `--ignore`'s values: comma-separated rule ids ("rss-atom-self,apple-
 * owner-email"). The first id of `list` that names no rule (its length in
 * *len; borrowed, pointing into `list`), or NULL when all do. */
const char *lint_unknown_rule(const char *list, size_t *len);

/* The rule id nearest to `id`, for a "did you mean": at most two edits
 * away and fewer than its length; NULL when none is. Borrowed, static. */
const char *lint_rule_near(const char *id);

/* Drops from `r` the findings of every rule in `list`. */
void lint_report_ignore(struct lint_report *r, const char *list);

/* "error", "warning", "info". */
const char *lint_severity_name(enum lint_severity s);

#endif
