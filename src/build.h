/* build.h - from a show repository to a checked feed: the stages that
 * `podpub build` and `podpub publish` share. */
#ifndef PODPUB_BUILD_H
#define PODPUB_BUILD_H

#include <stddef.h>

#include "diag.h"
#include "lint/lint.h"
#include "result.h"
#include "schedule.h"
#include "show.h"
#include "site/site.h"

struct build {
	struct show show;
	char *xml;            /* the feed */
	size_t len;
	struct lint_report lint;
	char *output;         /* where build_show wrote the feed */
	struct site site;     /* the show's web pages (none with `site: false`) */
	char *root;           /* the show's folder: its site/ templates */
	const char *base_url; /* set before build_feed: the show served there instead
			       * of podcast.yaml's base_url (podpub serve); borrowed */
	bool with_site;       /* set before build_feed: render the site too (publish,
			       * serve, build --site); the feed alone otherwise */
};

void build_init(struct build *b);
void build_release(struct build *b);

/* Loads the show under `root`, holds back what `schedule` says waits (NULL:
 * episodes dated after the clock), writes its feed and its site in memory
 * and lints the feed. PP_ELINT when the linter found errors (b->lint says
 * which). */
enum pp_result build_feed(const char *root, const struct schedule_options *schedule,
			  struct build *b, struct diag *diag) PP_MUST_USE;

/* Keeps the audio names an earlier feed (`previous`, `len` bytes; NULL:
 * none) published, and gives replaced audio a new one (see
 * show_keep_published_names), writing the feed again when a name changed.
 * An unreadable earlier feed changes nothing. */
enum pp_result build_keep_published_names(struct build *b, const char *previous, size_t len,
					  struct diag *diag) PP_MUST_USE;

/* Compares the built feed with an earlier one (`previous`, `len` bytes,
 * called `where` in messages; NULL when there is none) and adds a diag of
 * `level` for each episode of it that the new feed drops: a renamed
 * episode folder gets a new guid, so apps would show a new episode and
 * lose the listener's place. Each message names the guid to pin. Sets
 * *dropped to how many there were. */
enum pp_result build_check_identity(const struct build *b, const char *previous, size_t len,
				    const char *where, enum diag_level level, size_t *dropped,
				    struct diag *diag) PP_MUST_USE;

/* What `podpub build` asks for besides the show's folder. */
struct build_options {
	/* Where to write the feed. NULL: root/feed/feed.xml, or for a preview
	 * (schedule.include_future) root/feed/preview.xml, so a preview never
	 * stands in for the feed that is published. */
	const char *output;
	/* Render the show's web site too and write its pages under this folder
	 * (a preview, or a site hosted apart). NULL: the feed only. */
	const char *site_dir;
	struct schedule_options schedule;
};

/* `podpub build`: loads the show under `root`, builds and lints its feed,
 * warns about episodes the last build had that this one drops, and writes
 * the feed (b->output says where). `opts` may be NULL for the defaults. */
enum pp_result build_show(const char *root, const struct build_options *opts, struct build *b,
			  struct diag *diag) PP_MUST_USE;

/* Writes the feed to `path` through a temporary file and a rename, so the
 * file is never seen half-written. */
enum pp_result build_write(const struct build *b, const char *path,
			   struct diag *diag) PP_MUST_USE;

#endif
