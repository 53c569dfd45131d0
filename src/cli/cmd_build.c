/* cmd_build.c - `podpub build [--repo DIR] [--output FILE]` */
#include <stdlib.h>

#include "build.h"
#include "cli/cmd.h"
#include "util.h"

struct build_args {
	const char *root, *output;
};

const struct cmd_option cmd_build_options[] = {
	CMD_VALUE('C', "repo", "DIR", "the show's folder (default .)", struct build_args, root),
	CMD_VALUE('o', "output", "FILE", "write the feed here (default DIR/feed/feed.xml)",
		  struct build_args, output),
	CMD_OPTIONS_END
};

int cmd_build(int argc, char **argv)
{
	struct build_args args = { .root = "." };
	enum pp_result res;
	struct build b;
	struct diag diag;
	int status, first_arg;

	status = cmd_parse(cmd_find("build"), argc, argv, &args, &first_arg);
	if (status >= 0)
		return status;
	diag_init(&diag);
	build_init(&b);
	res = build_show(args.root, args.output, &b, &diag);
	cmd_print_lint(b.output ? b.output : "feed.xml", &b.lint, stderr);
	if (res == PP_OK)
		printf("podpub: wrote %s: %zu episodes, %zu bytes\n", b.output, b.show.episode_count,
		       b.len);
	status = cmd_finish("build", res, &diag);
	build_release(&b);
	diag_release(&diag);
	return status;
}
