/* cmd_build.c - `podpub build [--repo DIR] [--output FILE]` */
#include <stdlib.h>

#include "build.h"
#include "cli/cmd.h"
#include "util.h"

int cmd_build(int argc, char **argv)
{
	const char *root = ".", *output = NULL;
	const struct cmd_option options[] = {
		{ "repo", 'C', NULL, &root },
		{ "output", 'o', NULL, &output },
	};
	enum pp_result res;
	struct build b;
	struct diag diag;
	int status, first_arg;

	status = cmd_parse(cmd_find("build"), argc, argv, options, COUNT(options), 0, 0, &first_arg);
	if (status >= 0)
		return status;
	diag_init(&diag);
	build_init(&b);
	res = build_show(root, output, &b, &diag);
	cmd_print_lint(b.output ? b.output : "feed.xml", &b.lint, stderr);
	if (res == PP_OK)
		printf("podpub: wrote %s: %zu episodes, %zu bytes\n", b.output, b.show.episode_count,
		       b.len);
	status = cmd_finish("build", res, &diag);
	build_release(&b);
	diag_release(&diag);
	return status;
}
