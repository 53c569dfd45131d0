/* cmd_publish.c - `podpub publish [--dry-run] [--json] [--quiet] [--repo DIR]
 *                 [--target TARGET] [--allow-removal] [--prune] [--break-lock]
 *                 [--now TIME] [--jobs N]` */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <unistd.h>

#include "cli/cmd.h"
#include "cli/progress.h"
#include "publish.h"
#include "util.h"

static const char *action_name(enum publish_action a, bool dry_run)
{
	switch (a) {
	case PUBLISH_UNCHANGED:
		return "unchanged";
	case PUBLISH_SEND:
		return dry_run ? "would send" : "not sent";
	case PUBLISH_SENT:
		return "sent";
	default:
		return "not reached";
	}
}

/* One line per file that was (or would be) sent, removed or left out by a
 * failure; the unchanged ones in a count. */
static void print_plan(const struct publish_plan *plan, bool dry_run, size_t *unchanged,
		       size_t *sent)
{
	*unchanged = *sent = 0;
	for (size_t i = 0; i < plan->count; i++) {
		const struct publish_item *item = &plan->items[i];

		if (item->action == PUBLISH_UNCHANGED) {
			(*unchanged)++;
			continue;
		}
		*sent += item->action == PUBLISH_SENT || (dry_run && item->action == PUBLISH_SEND);
		printf("%-12s %-5s %s (%lld bytes)\n", action_name(item->action, dry_run),
		       publish_kind_name(item->kind), item->remote_path, (long long)item->size);
	}
	for (size_t i = 0; i < plan->removed_count; i++)
		printf("%-12s %-5s %s\n", dry_run ? "would remove" : "removed", "old",
		       plan->removed[i]);
	for (size_t i = 0; i < plan->swept.count; i++)
		printf("%-12s %-5s %s\n", dry_run ? "would remove" : "removed", "tmp",
		       plan->swept.remote[i]);
}

static enum pp_result print_plan_json(const struct publication *pub, bool dry_run)
{
	const struct publish_plan *plan = &pub->plan;
	json_t *array = json_array();

	if (!array)
		return PP_ENOMEM;
	for (size_t i = 0; i < plan->count; i++) {
		const struct publish_item *item = &plan->items[i];
		json_t *obj = json_pack("{s:s,s:s,s:s?,s:I,s:s,s:s}", "kind",
					publish_kind_name(item->kind), "remote_path",
					item->remote_path, "local_path", item->local_path, "size",
					(json_int_t)item->size, "sha256", item->sha256, "action",
					action_name(item->action, dry_run));

		if (!obj || json_array_append_new(array, obj) != 0) {
			json_decref(array);
			return PP_ENOMEM;
		}
	}
	for (size_t i = 0; i < plan->removed_count; i++) {
		json_t *obj = json_pack("{s:s,s:s,s:s}", "kind", "old", "remote_path",
					plan->removed[i], "action",
					dry_run ? "would remove" : "removed");

		if (!obj || json_array_append_new(array, obj) != 0) {
			json_decref(array);
			return PP_ENOMEM;
		}
	}
	for (size_t i = 0; i < plan->swept.count; i++) {
		json_t *obj = json_pack("{s:s,s:s,s:s}", "kind", "tmp", "remote_path",
					plan->swept.remote[i], "action",
					dry_run ? "would remove" : "removed");

		if (!obj || json_array_append_new(array, obj) != 0) {
			json_decref(array);
			return PP_ENOMEM;
		}
	}
	/* The old address's feed (moved_from), on a target of its own. */
	if (pub->moved.location && pub->moved.action != PUBLISH_PENDING) {
		json_t *obj = json_pack("{s:s,s:s,s:s,s:I,s:s}", "kind", "moved", "remote_path",
					pub->build.show.config.moved_from_feed, "target",
					pub->moved.location, "size", (json_int_t)pub->moved.size,
					"action", action_name(pub->moved.action, dry_run));

		if (!obj || json_array_append_new(array, obj) != 0) {
			json_decref(array);
			return PP_ENOMEM;
		}
	}
	return cmd_print_json(array);
}

/* The options land in the core's request, and --json beside it. */
struct publish_args {
	struct publish_request req;
	bool json;
	bool quiet;
	const char *jobs;
};

#define JOBS_MAX 32

/* --jobs N: 1 to JOBS_MAX; *jobs stays put when the text is no number. */
static bool parse_jobs(const char *text, int *jobs)
{
	char *end = NULL;
	long n;

	if (!text)
		return true;
	n = strtol(text, &end, 10);
	if (end == text || *end || n < 1 || n > JOBS_MAX)
		return false;
	*jobs = (int)n;
	return true;
}

const struct cmd_option cmd_publish_options[] = {
	CMD_FLAG('n', "dry-run", "list what would be sent, and send nothing", struct publish_args,
		 req.dry_run),
	CMD_FLAG(0, "json", "print each file of the plan and its action as JSON",
		 struct publish_args, json),
	CMD_FLAG('q', "quiet", "print nothing but warnings and errors", struct publish_args, quiet),
	CMD_VALUE('C', "repo", "DIR", "the show's folder (default: found from here up)",
		  struct publish_args, req.root),
	CMD_VALUE('t', "target", "TARGET",
		  "publish there instead of podcast.yaml's target: a name from its targets, "
		  "a folder or a URL",
		  struct publish_args, req.target),
	CMD_FLAG(0, "allow-removal", "publish even when episodes of the live feed drop out",
		 struct publish_args, req.allow_removal),
	CMD_FLAG(0, "prune",
		 "after the new feed is live, remove the files it no longer names (dropped "
		 "episodes, replaced audio)",
		 struct publish_args, req.prune),
	CMD_VALUE('j', "jobs", "N",
		  "send up to N media files at once (default 4; 1: one by one); the feed always last",
		  struct publish_args, jobs),
	CMD_FLAG(0, "break-lock", "take the target's lock from a publish that crashed",
		 struct publish_args, req.break_lock),
	CMD_VALUE(0, "now", "TIME",
		  "publish as of TIME ('2025-03-04 09:00', the show's timezone) instead of the clock",
		  struct publish_args, req.schedule.now),
	CMD_OPTIONS_END
};

int cmd_publish(int argc, char **argv)
{
	struct publish_args args = { .req = { .root = NULL } };
	const struct publish_request *req = &args.req;
	struct progress *progress = NULL;
	char *root = NULL;
	struct publication p;
	enum pp_result res;
	struct diag diag;
	int status, first_arg;

	status = cmd_parse(cmd_find("publish"), argc, argv, &args, &first_arg);
	if (status >= 0)
		return status;
	args.req.jobs = PUBLISH_JOBS_DEFAULT;
	if (!parse_jobs(args.jobs, &args.req.jobs))
		return cmd_usage_error(cmd_find("publish"), "--jobs takes a number from 1 to %d, not '%s'",
				       JOBS_MAX, args.jobs);
	diag_init(&diag);
	publication_init(&p);
	res = show_find_root(args.req.root, &root, &diag);
	args.req.root = root;
	/* A terminal watches the transfers; a log gets the lines below. */
	if (res == PP_OK && !args.quiet && !args.json && !req->dry_run && isatty(fileno(stderr))) {
		res = progress_new(stderr, &progress);
		if (res == PP_OK)
			args.req.progress = progress_callbacks(progress);
	}
	if (res == PP_OK)
		res = publish_show(req, &p, &diag);
	if (progress)
		progress_finish(progress);
	cmd_print_lint("feed.xml", &p.build.lint, stderr);
	if (p.ran && args.json) {
		enum pp_result printed = print_plan_json(&p, req->dry_run);
		if (res == PP_OK)
			res = printed;
	} else if (p.ran && !args.quiet) {
		size_t unchanged, sent;

		print_plan(&p.plan, req->dry_run, &unchanged, &sent);
		if (res == PP_OK && sent == 0 && p.plan.removed_count == 0)
			printf("podpub: nothing to publish: %s has all %zu files\n", p.location,
			       unchanged);
		else if (res == PP_OK)
			printf("podpub: %s %zu episodes to %s: %zu files %s, %zu unchanged\n",
			       req->dry_run ? "would publish" : "published",
			       p.build.show.episode_count, p.location, sent,
			       req->dry_run ? "to send" : "sent", unchanged);
		if (p.moved.location && p.moved.action == PUBLISH_SENT)
			printf("podpub: the feed at the show's old address (%s on %s) now sends "
			       "apps to %s\n",
			       p.build.show.config.moved_from_feed, p.moved.location,
			       p.build.show.config.feed_url);
		else if (p.moved.location && p.moved.action == PUBLISH_SEND && req->dry_run)
			printf("podpub: would make the feed at the show's old address (%s on %s) "
			       "send apps to %s\n",
			       p.build.show.config.moved_from_feed, p.moved.location,
			       p.build.show.config.feed_url);
	}
	status = cmd_finish("publish", res, &diag);
	publication_release(&p);
	progress_free(&progress);
	diag_release(&diag);
	free(root);
	return status;
}
