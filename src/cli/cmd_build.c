/* cmd_build.c - `podpub build [--repo DIR] [--output FILE]` */
#include <stdlib.h>

#include "build.h"
#include "cli/cmd.h"
#include "util.h"

/* An early warning against the last build; publish checks the live feed. */
static enum pp_result check_previous_build(const struct build *b, const char *output,
					   struct diag *diag)
{
	char *previous = NULL;
	size_t len = 0, dropped;
	enum pp_result res = pp_read_file(output, &previous, &len);

	if (res == PP_EIO)
		return PP_OK; /* the first build */
	if (res == PP_OK)
		res = build_check_identity(b, previous, len, output, DIAG_WARNING, &dropped, diag);
	free(previous);
	return res;
}

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
	const char *root, *output;
	char *default_output = NULL;
	enum pp_result res;
	struct build b;
	struct diag diag;
	int status, first_arg;

	status = cmd_parse(cmd_find("build"), argc, argv, &args, &first_arg);
	if (status >= 0)
		return status;
	root = args.root;
	output = args.output;
	diag_init(&diag);
	build_init(&b);
	if (!output && !(output = default_output = pp_path_join(root, "feed/feed.xml"))) {
		res = PP_ENOMEM;
		goto out;
	}
	res = build_feed(root, &b, &diag);
	cmd_print_lint(output, &b.lint, stderr);
	if (res == PP_OK)
		res = check_previous_build(&b, output, &diag);
	if (res == PP_OK)
		res = build_write(&b, output, &diag);
	if (res == PP_OK)
		printf("podpub: wrote %s: %zu episodes, %zu bytes\n", output, b.show.episode_count, b.len);
out:
	status = cmd_finish("build", res, &diag);
	build_release(&b);
	diag_release(&diag);
	free(default_output);
	return status;
}
