/* cmd_publish.c - `podpub publish [--dry-run] [--json] [--repo DIR] [--target TARGET]
 *                 [--allow-removal]` */
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
	CMD_VALUE('C', "repo", "DIR", "the show's folder (default .)", struct publish_args,
		  req.root),
	CMD_VALUE('t', "target", "TARGET",
		  "publish there instead of podcast.yaml's target: a name from its targets, "
		  "a folder or a URL",
		  struct publish_args, req.target),
	CMD_FLAG(0, "allow-removal", "publish even when episodes of the live feed drop out",
		 struct publish_args, req.allow_removal),
	CMD_FLAG(0, "break-lock", "take the target's lock from a publish that crashed",
		 struct publish_args, req.break_lock),
	CMD_OPTIONS_END
};

int cmd_publish(int argc, char **argv)
{
	struct publish_args args = { .req = { .root = "." } };
	const struct publish_request *req = &args.req;
	struct publication p;
	enum pp_result res;
	struct diag diag;
	int status, first_arg;

	status = cmd_parse(cmd_find("publish"), argc, argv, &args, &first_arg);
	if (status >= 0)
		return status;
	diag_init(&diag);
	publication_init(&p);
	res = publish_show(req, &p, &diag);
	cmd_print_lint("feed.xml", &p.build.lint, stderr);
	if (p.ran && args.json) {
		enum pp_result printed = print_plan_json(&p.plan, req->dry_run);
		if (res == PP_OK)
			res = printed;
	} else if (p.ran) {
		print_plan(&p.plan, req->dry_run);
	}
	if (res == PP_OK && !req->dry_run && !args.json)
		printf("podpub: published %zu episodes to %s\n", p.build.show.episode_count,
		       p.location);
	status = cmd_finish("publish", res, &diag);
	publication_release(&p);
	diag_release(&diag);
	return status;
}
