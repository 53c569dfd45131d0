/* cmd_build.c - `podpub build [--repo DIR] [--output FILE] [--site DIR] [--now TIME]
 * [--include-future]` */
#include <stdlib.h>

#include "build.h"
#include "cli/cmd.h"
#include "util.h"

/* The options land in the core's options, the folder beside them. */
struct build_args {
	const char *root;
	struct build_options opts;
};

const struct cmd_option cmd_build_options[] = {
	CMD_VALUE('C', "repo", "DIR", "the show's folder (default: found from here up)",
		  struct build_args, root),
	CMD_VALUE('o', "output", "FILE",
		  "write the feed here (default DIR/feed/feed.xml, DIR/feed/preview.xml with "
		  "--include-future)",
		  struct build_args, opts.output),
	CMD_VALUE(0, "site", "DIR", "render the show's web site too, its pages into DIR",
		  struct build_args, opts.site_dir),
	CMD_VALUE(0, "now", "TIME",
		  "build as of TIME ('2025-03-04 09:00', the show's timezone) instead of the clock",
		  struct build_args, opts.schedule.now),
	CMD_FLAG(0, "include-future", "a preview: keep scheduled episodes in the feed",
		 struct build_args, opts.schedule.include_future),
	CMD_OPTIONS_END
};

int cmd_build(int argc, char **argv)
{
	struct build_args args = { .root = NULL };
	char *root = NULL;
	enum pp_result res;
	struct build b;
	struct diag diag;
	int status, first_arg;

	status = cmd_parse(cmd_find("build"), argc, argv, &args, &first_arg);
	if (status >= 0)
		return status;
	diag_init(&diag);
	build_init(&b);
	res = show_find_root(args.root, &root, &diag);
	if (res == PP_OK)
		res = build_show(root, &args.opts, &b, &diag);
	cmd_print_lint(b.output ? b.output : "feed.xml", &b.lint, stderr);
	if (res == PP_OK)
		printf("podpub: wrote %s: %zu episodes, %zu bytes\n", b.output, b.show.episode_count,
		       b.len);
	status = cmd_finish("build", res, &diag);
	build_release(&b);
	diag_release(&diag);
	free(root);
	return status;
}
