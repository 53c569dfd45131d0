/* cmd_check_target.c - `podpub check-target [--repo DIR] [--target TARGET]`:
 * try a target's settings without publishing. */
#include <stdio.h>

#include "cli/cmd.h"
#include "publish.h"
#include "util.h"

const struct cmd_option cmd_check_target_options[] = {
	CMD_VALUE('C', "repo", "DIR", "the show's folder (default .)", struct publish_request, root),
	CMD_VALUE('t', "target", "TARGET",
		  "the target to try instead of podcast.yaml's: a name from its targets, a folder "
		  "or a URL",
		  struct publish_request, target),
	CMD_OPTIONS_END
};

int cmd_check_target(int argc, char **argv)
{
	struct publish_request req = { .root = ".", .jobs = PUBLISH_JOBS_DEFAULT };
	struct check_report report;
	enum pp_result res;
	struct diag diag;
	int status, first_arg;

	status = cmd_parse(cmd_find("check-target"), argc, argv, &req, &first_arg);
	if (status >= 0)
		return status;
	diag_init(&diag);
	res = publish_check_target(&req, &report, &diag);
	if (res == PP_OK)
		printf("podpub: %s: connected, wrote a file, read it back and removed it\n",
		       report.location);
	if (res == PP_OK && report.served_by)
		printf("podpub: %s: base_url %s served that file while it was there, as the feed "
		       "will name the show's files\n",
		       report.location, report.served_by);
	/* What publish --jobs will meet: a host that takes fewer connections
	 * at once than it asks for (a folder has none: 0). */
	if (res == PP_OK && report.connections >= req.jobs)
		printf("podpub: %s: %d connections at once, as publish makes\n", report.location,
		       report.connections);
	else if (res == PP_OK && report.connections > 0)
		printf("podpub: %s: only %d of %d connections at once: the host limits them; "
		       "publish goes on with those (--jobs %d asks for no more)\n",
		       report.location, report.connections, req.jobs, report.connections);
	status = cmd_finish("check-target", res, &diag);
	diag_release(&diag);
	check_report_release(&report);
	return status;
}
