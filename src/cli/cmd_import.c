/* cmd_import.c - `podpub import [--repo DIR] [--jobs N] [--base-url URL] FEED_URL|FILE` */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cmd.h"
#include "import/import.h"

struct import_args {
	const char *root;
	const char *jobs;
	const char *base_url;
};

const struct cmd_option cmd_import_options[] = {
	CMD_VALUE('C', "repo", "DIR",
		  "the new show's folder, made when missing (default: here); it may not hold a show",
		  struct import_args, root),
	CMD_VALUE('j', "jobs", "N", "download N files at once (default 4, at most 16)",
		  struct import_args, jobs),
	CMD_VALUE(0, "base-url", "URL",
		  "the new host's public URL for podcast.yaml (default: a placeholder to edit)",
		  struct import_args, base_url),
	CMD_OPTIONS_END
};

/* Progress goes to stderr, beside the diagnostics, so stdout holds only
 * the summary. */
static void print_progress(void *ctx, const char *line)
{
	(void)ctx;
	fputs("podpub: import: ", stderr);
	diag_fputs(line, stderr);
	fputc('\n', stderr);
}

int cmd_import(int argc, char **argv)
{
	struct import_args args = { .root = NULL };
	const struct cmd *c = cmd_find("import");
	struct import_request req = { .jobs = 4, .progress = print_progress };
	struct import_summary sum;
	enum pp_result res;
	struct diag diag;
	int status, first_arg;

	status = cmd_parse(c, argc, argv, &args, &first_arg);
	if (status >= 0)
		return status;
	if (args.jobs) {
		char *end = NULL;
		long n;

		errno = 0;
		n = strtol(args.jobs, &end, 10);
		if (errno || end == args.jobs || *end || n < 1 || n > 16)
			return cmd_usage_error(c, "--jobs takes a number from 1 to 16, not '%s'",
					       args.jobs);
		req.jobs = (int)n;
	}
	req.source = argv[first_arg];
	req.root = args.root;
	req.base_url = args.base_url;
	diag_init(&diag);
	res = import_show(&req, &sum, &diag);
	if (res == PP_OK || sum.imported > 0) {
		printf("podpub: imported %zu of %zu episodes into %s", sum.imported, sum.items,
		       args.root ? args.root : ".");
		if (sum.skipped)
			printf(" (%zu skipped: a guid an earlier item has)", sum.skipped);
		if (sum.failed)
			printf(" (%zu failed: named above)", sum.failed);
		printf("\nnext: check podcast.yaml (its first lines say how to move the feed), "
		       "then run 'podpub build'\n");
	}
	status = cmd_finish("import", res, &diag);
	diag_release(&diag);
	return status;
}
