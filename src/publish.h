/* publish.h - the plan of files a show puts on its target, and carrying it
 * out in the one safe order: media and art first, each verified, the feed
 * last, each under a temporary name renamed into place. A manifest on the
 * target (path, size, SHA-256) tells what is already there, so nothing
 * unchanged is sent again. */
#ifndef PODPUB_PUBLISH_H
#define PODPUB_PUBLISH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "build.h"
#include "diag.h"
#include "ident.h"
#include "manifest.h"
#include "result.h"
#include "show.h"
#include "target/target.h"

/* Older name of MANIFEST_NAME, kept for the tests that read the target. */
#define PUBLISH_MANIFEST MANIFEST_NAME

/* Sidecars are an episode's files beside its audio (chapters): sent after
 * the media they describe; pages after the media and art they show; the
 * feed that names them all last. */
enum publish_kind { PUBLISH_MEDIA, PUBLISH_SIDECAR, PUBLISH_ART, PUBLISH_PAGE, PUBLISH_FEED };

enum publish_action {
	PUBLISH_PENDING,   /* not looked at yet */
	PUBLISH_UNCHANGED, /* the target has these exact bytes */
	PUBLISH_SEND,      /* new or changed: sent (or, in a dry run, would be) */
	PUBLISH_SENT       /* written, renamed into place and verified */
};

struct publish_item {
	char *local_path;  /* the file sent, or what `data` was made from; NULL for a page */
	char *data;        /* the bytes (size long), when podpub generated them */
	char *remote_path;
	int64_t size;
	char sha256[IDENT_SHA256_SIZE];
	enum publish_kind kind;
	enum publish_action action;
	const char *content_type; /* static or the show's: how the web serves it */
};

struct publish_plan {
	struct publish_item *items; /* media, sidecars and art first, then pages, the feed last */
	size_t count;
	char **removed;             /* --prune: files of the manifest the feed no longer names */
	size_t removed_count;
	/* Temporary files an earlier publish left, removed (or, in a dry
	 * run, to be) once this one is through: target_leftovers. */
	struct target_leftovers swept;
};

void publish_plan_init(struct publish_plan *p);
void publish_plan_release(struct publish_plan *p);

/* The plan for `show` and its feed `feed_xml`, which is (or will be, before
 * publish_run) written to `feed_path`. */
enum pp_result publish_plan_build(const struct show *show, const char *feed_path,
				  const char *feed_xml, size_t feed_len, struct publish_plan *plan,
				  struct diag *diag) PP_MUST_USE;

/* Adds the site's pages to the plan, after media and art and before the
 * feed, each with a copy of its bytes. */
enum pp_result publish_plan_add_pages(struct publish_plan *plan,
				      const struct site *site) PP_MUST_USE;

/* Who watches a publish's transfers (a progress display); each callback
 * may be NULL. Called from the one thread that publishes. */
struct publish_progress {
	/* Once the plan is compared: `bytes` in all to send. */
	void (*begin)(void *ctx, const struct publish_plan *plan, int64_t bytes);
	/* An item's transfer has sent so many bytes (0 again on a retry). */
	void (*sent)(void *ctx, const struct publish_item *item, int64_t bytes);
	/* An item is whole under its final name. */
	void (*done)(void *ctx, const struct publish_item *item);
	void *ctx;
};

struct publish_options {
	bool dry_run; /* compare, send nothing */
	bool prune;   /* after the new feed is live, remove what it no longer names */
	int jobs;     /* media and art sent at once (the feed always alone, last); <= 1: one by one */
	const struct publish_progress *progress; /* NULL: nobody watches */
};

/* Compares the plan with the target's manifest and, unless dry_run, sends
 * what differs: media, sidecars and art first (up to `jobs` at once), each
 * whole under its final name before the feed, which goes last and alone;
 * then the manifest. A failure before the feed leaves the old feed live;
 * the result is then PP_ETARGET. */
enum pp_result publish_send(struct publish_plan *plan, const struct target_ops *ops,
			    struct target *target, const struct publish_options *opt,
			    struct diag *diag) PP_MUST_USE;

/* publish_send one file at a time, nobody watching. Each item's action
 * tells what happened. A failure before
 * the feed leaves the old feed live; the result is then PP_ETARGET. */
enum pp_result publish_run(struct publish_plan *plan, const struct target_ops *ops,
			   struct target *target, bool dry_run, bool prune,
			   struct diag *diag) PP_MUST_USE;

/* What `podpub publish` asks for. */
struct publish_request {
	const char *root;   /* the show's folder */
	const char *target; /* a location (folder or URL); NULL: podcast.yaml's */
	bool dry_run;       /* plan and compare, write nothing */
	bool allow_removal; /* let episodes of the live feed drop out */
	bool break_lock;    /* take the target's lock from whoever holds it */
	bool prune;         /* after the new feed is live, remove files it no longer names */
	int jobs;           /* transfers at once (--jobs); 0 or 1: one by one */
	const struct publish_progress *progress; /* NULL: nobody watches */
	struct schedule_options schedule; /* which episodes are live (--now) */
};

/* What a publish did, for the command to report. */
struct publication {
	struct build build;       /* the show, its feed and the lint findings */
	struct publish_plan plan; /* every file, with what was done to it */
	char *location;           /* the target it went to */
	char *feed_path;          /* the local feed/feed.xml */
	bool ran;                 /* the plan was compared with the target */
	size_t notified;          /* services told that the feed changed */
	/* podcast.yaml's moved_from: the old address's feed, pointing on. */
	struct {
		char *location;             /* its target; NULL: the show never moved */
		size_t size;
		enum publish_action action; /* PENDING when the publish stopped first */
	} moved;
};

void publication_init(struct publication *p);
void publication_release(struct publication *p);

/* The whole publish, in its one safe order: build the feed and refuse it
 * when lint finds errors; plan the files; open the target; refuse to drop
 * an episode of the live feed (unless allowed); write feed/feed.xml; then
 * send media and art, the feed last. Nothing reaches the target before the
 * feed is built and clean. */
enum pp_result publish_show(const struct publish_request *req, struct publication *p,
			    struct diag *diag) PP_MUST_USE;

/* Transfers at once unless --jobs says otherwise: enough to hide each
 * file's round trips, few enough not to look like an attack to a small
 * host. */
#define PUBLISH_JOBS_DEFAULT 4

/* What `podpub check-target` found besides a target that works. */
struct check_report {
	char *location;  /* where it went (owned) */
	int connections; /* at once, up to req->jobs; 0 for a folder */
	char *served_by; /* base_url, when it served the probe file (owned) */
};
void check_report_release(struct check_report *r);

/* `podpub check-target`: opens the target `req` names (as publish would,
 * from podcast.yaml under req->root; no build), tries it with
 * target_check, asking base_url for the probe file while it is there
 * (network targets only: a folder is staged for a server of its own),
 * then counts how many of req->jobs connections it takes at once. A
 * base_url that does not serve the target is a warning. */
enum pp_result publish_check_target(const struct publish_request *req,
				    struct check_report *report, struct diag *diag) PP_MUST_USE;

/* "media", "sidecar", "art", "page", "feed". */
const char *publish_kind_name(enum publish_kind kind);

#endif
