/* cmd_build.c - `podpub build [--repo DIR] [--output FILE]` */
#include <getopt.h>
#include <stdlib.h>

#include "build.h"
#include "cmd.h"
#include "util.h"

int cmd_build(int argc, char **argv)
{
	static const struct option options[] = {
		{ "repo", required_argument, NULL, 'C' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *root = ".", *output = NULL;
	char *default_output = NULL;
	enum pp_result res;
	struct build b;
	struct diag diag;
	int opt, status;

	while ((opt = getopt_long(argc, argv, "C:o:h", options, NULL)) != -1) {
		switch (opt) {
		case 'C':
			root = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			cmd_usage(cmd_find("build"), stdout);
			return PP_EXIT_OK;
		default:
			cmd_usage(cmd_find("build"), stderr);
			return PP_EXIT_BAD_INPUT;
		}
	}
	if (optind != argc) {
		cmd_usage(cmd_find("build"), stderr);
		return PP_EXIT_BAD_INPUT;
	}
	diag_init(&diag);
	build_init(&b);
	if (!output && !(output = default_output = pp_path_join(root, "feed/feed.xml"))) {
		res = PP_ENOMEM;
		goto out;
	}
	res = build_feed(root, &b, &diag);
	cmd_print_lint(output, &b.lint, stderr);
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
