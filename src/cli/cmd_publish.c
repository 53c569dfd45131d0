/* cmd_publish.c - `podpub publish [--dry-run] [--json] [--repo DIR] [--target LOCATION]
 *                 [--allow-removal]` */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "build.h"
#include "cli/cmd.h"
#include "publish.h"
#include "target/target.h"
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

static void print_plan(const struct publish_plan *plan, bool dry_run)
{
	for (size_t i = 0; i < plan->count; i++) {
		const struct publish_item *item = &plan->items[i];

		printf("%-11s %-5s %s (%lld bytes)\n", action_name(item->action, dry_run),
		       publish_kind_name(item->kind), item->remote_path, (long long)item->size);
	}
}

static enum pp_result print_plan_json(const struct publish_plan *plan, bool dry_run)
{
	json_t *array = json_array();

	if (!array)
		return PP_ENOMEM;
	for (size_t i = 0; i < plan->count; i++) {
		const struct publish_item *item = &plan->items[i];
		json_t *obj = json_pack("{s:s,s:s,s:s,s:I,s:s,s:s}", "kind",
					publish_kind_name(item->kind), "remote_path",
					item->remote_path, "local_path", item->local_path, "size",
					(json_int_t)item->size, "sha256", item->sha256, "action",
					action_name(item->action, dry_run));

		if (!obj || json_array_append_new(array, obj) != 0) {
			json_decref(array);
			return PP_ENOMEM;
		}
	}
	return cmd_print_json(array);
}

/* The target from --target, else podcast.yaml's (relative to the repo). */
static char *target_location(const char *cli, const struct build *b, const char *root)
{
	const char *configured = b->show.config.target;

	if (cli)
		return strdup(cli);
	if (configured[0] == '/' || strstr(configured, ":"))
		return strdup(configured);
	return pp_path_join(root, configured);
}

/* What listeners' apps have is the live feed: an episode of it that this
 * publish would drop is refused, unless the producer means it. */
static enum pp_result check_live_feed(const struct build *b, const struct target_ops *ops,
				      struct target *target, const struct publish_plan *plan,
				      const char *location, bool allow_removal, struct diag *diag)
{
	const char *remote = plan->items[plan->count - 1].remote_path; /* the feed, last */
	char *live = NULL, *where = NULL;
	size_t len = 0, dropped = 0;
	enum pp_result res = ops->read(target, remote, &live, &len, diag);

	if (res == PP_OK && !(where = pp_path_join(location, remote)))
		res = PP_ENOMEM;
	if (res == PP_OK)
		res = build_check_identity(b, live, len, where,
					   allow_removal ? DIAG_WARNING : DIAG_ERROR, &dropped, diag);
	if (res == PP_OK && dropped && !allow_removal) {
		diag_add(diag, DIAG_NOTE, where, 0,
			 "nothing was published; to drop episodes on purpose, publish with --allow-removal");
		res = PP_EPARSE;
	}
	free(live);
	free(where);
	return res;
}

struct publish_args {
	bool dry_run, json, allow_removal;
	const char *root, *target;
};

const struct cmd_option cmd_publish_options[] = {
	CMD_FLAG('n', "dry-run", "list what would be sent, and send nothing", struct publish_args,
		 dry_run),
	CMD_FLAG(0, "json", "print the plan as a JSON array", struct publish_args, json),
	CMD_VALUE('C', "repo", "DIR", "the show's folder (default .)", struct publish_args, root),
	CMD_VALUE('t', "target", "LOCATION",
		  "publish there instead of podcast.yaml's target (a folder or file:// URL)",
		  struct publish_args, target),
	CMD_FLAG(0, "allow-removal", "publish even when episodes of the live feed drop out",
		 struct publish_args, allow_removal),
	CMD_OPTIONS_END
};

int cmd_publish(int argc, char **argv)
{
	struct publish_args args = { .root = "." };
	const char *root, *cli_target, *rest;
	bool dry_run, json, allow_removal;
	char *feed_path = NULL, *location = NULL;
	const struct target_ops *ops = NULL;
	struct target *target = NULL;
	struct publish_plan plan;
	enum pp_result res;
	struct build b;
	struct diag diag;
	int status, first_arg;

	status = cmd_parse(cmd_find("publish"), argc, argv, &args, &first_arg);
	if (status >= 0)
		return status;
	root = args.root;
	cli_target = args.target;
	dry_run = args.dry_run;
	json = args.json;
	allow_removal = args.allow_removal;
	diag_init(&diag);
	build_init(&b);
	publish_plan_init(&plan);

	/* Nothing touches the target until the feed is built and clean. */
	res = build_feed(root, &b, &diag);
	cmd_print_lint("feed.xml", &b.lint, stderr);
	if (res != PP_OK)
		goto out;
	res = PP_ENOMEM;
	if (!(feed_path = pp_path_join(root, "feed/feed.xml")) ||
	    !(location = target_location(cli_target, &b, root)))
		goto out;
	ops = target_for(location, &rest);
	if (!ops) {
		diag_error(&diag, b.show.config.path, 0,
			   "target '%s': only local folders are supported so far", location);
		res = PP_EPARSE;
		goto out;
	}
	res = publish_plan_build(&b.show, feed_path, b.xml, b.len, &plan, &diag);
	if (res != PP_OK)
		goto out;
	res = ops->open(rest, &target, &diag);
	if (res != PP_OK)
		goto out;
	res = check_live_feed(&b, ops, target, &plan, location, allow_removal, &diag);
	if (res != PP_OK)
		goto out;
	if (!dry_run && (res = build_write(&b, feed_path, &diag)) != PP_OK)
		goto out;
	res = publish_run(&plan, ops, target, dry_run, &diag);
	if (json) {
		enum pp_result printed = print_plan_json(&plan, dry_run);
		if (res == PP_OK)
			res = printed;
	} else {
		print_plan(&plan, dry_run);
	}
	if (res == PP_OK && !dry_run && !json)
		printf("podpub: published %zu episodes to %s\n", b.show.episode_count, location);
out:
	if (target)
		ops->close(&target);
	status = cmd_finish("publish", res, &diag);
	publish_plan_release(&plan);
	build_release(&b);
	diag_release(&diag);
	free(feed_path);
	free(location);
	return status;
}
