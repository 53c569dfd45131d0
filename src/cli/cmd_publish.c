/* cmd_publish.c - `podpub publish [--dry-run] [--json] [--repo DIR] [--target TARGET]
 *                 [--allow-removal] [--now TIME]` */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cmd.h"
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

/* One line per file sent (or not reached), then the unchanged ones as one
 * line; returns how many were not unchanged. With none, it prints nothing:
 * the command says so in one line. */
static size_t print_plan(const struct publish_plan *plan, bool dry_run)
{
	size_t unchanged = 0, other = 0;
	long long unchanged_bytes = 0;

	for (size_t i = 0; i < plan->count; i++) {
		const struct publish_item *item = &plan->items[i];

		if (item->action == PUBLISH_UNCHANGED) {
			unchanged++;
			unchanged_bytes += (long long)item->size;
			continue;
		}
		other++;
		printf("%-11s %-5s %s (%lld bytes)\n", action_name(item->action, dry_run),
		       publish_kind_name(item->kind), item->remote_path, (long long)item->size);
	}
	if (unchanged && other)
		printf("%-11s %zu file%s (%lld bytes) already on the target\n", "unchanged", unchanged,
		       unchanged == 1 ? "" : "s", unchanged_bytes);
	return other;
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

/* The options land in the core's request, and --json beside it. */
struct publish_args {
	struct publish_request req;
	bool json;
};

const struct cmd_option cmd_publish_options[] = {
	CMD_FLAG('n', "dry-run", "list what would be sent, and send nothing", struct publish_args,
		 req.dry_run),
	CMD_FLAG(0, "json", "print the plan as a JSON array", struct publish_args, json),
	CMD_VALUE('C', "repo", "DIR", "the show's folder (default: found from here up)",
		  struct publish_args, req.root),
	CMD_VALUE('t', "target", "TARGET",
		  "publish there instead of podcast.yaml's target: a name from its targets, "
		  "a folder or a URL",
		  struct publish_args, req.target),
	CMD_FLAG(0, "allow-removal", "publish even when episodes of the live feed drop out",
		 struct publish_args, req.allow_removal),
	CMD_VALUE(0, "now", "TIME",
		  "publish as of TIME ('2025-03-04 09:00', the show's timezone) instead of the clock",
		  struct publish_args, req.schedule.now),
	CMD_OPTIONS_END
};

int cmd_publish(int argc, char **argv)
{
	struct publish_args args = { .req = { .root = NULL } };
	const struct publish_request *req = &args.req;
	char *root = NULL;
	struct publication p;
	enum pp_result res;
	struct diag diag;
	size_t changed = 0;
	int status, first_arg;

	status = cmd_parse(cmd_find("publish"), argc, argv, &args, &first_arg);
	if (status >= 0)
		return status;
	diag_init(&diag);
	publication_init(&p);
	res = show_find_root(args.req.root, &root, &diag);
	args.req.root = root;
	if (res == PP_OK)
		res = publish_show(req, &p, &diag);
	cmd_print_lint("feed.xml", &p.build.lint, stderr);
	if (p.ran && args.json) {
		enum pp_result printed = print_plan_json(&p.plan, req->dry_run);
		if (res == PP_OK)
			res = printed;
	} else if (p.ran) {
		changed = print_plan(&p.plan, req->dry_run);
	}
	if (res == PP_OK && !args.json && changed == 0)
		printf("podpub: nothing to publish: %s already has all %zu files\n", p.location,
		       p.plan.count);
	else if (res == PP_OK && !req->dry_run && !args.json)
		printf("podpub: published %zu episodes to %s\n", p.build.show.episode_count,
		       p.location);
	status = cmd_finish("publish", res, &diag);
	publication_release(&p);
	diag_release(&diag);
	free(root);
	return status;
}
