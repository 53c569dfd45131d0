/* cmd_lint.c - `podpub lint [--json] FEED` */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cmd.h"
#include "util.h"

static enum pp_result print_json(const struct lint_report *r)
{
	json_t *array = json_array();

	if (!array)
		return PP_ENOMEM;
	for (size_t i = 0; i < r->count; i++) {
		const struct lint_finding *f = &r->findings[i];
		json_t *obj = json_pack("{s:s,s:s,s:i,s:s,s:s}", "rule", f->rule_id, "severity",
					lint_severity_name(f->severity), "line", f->line,
					"element", f->element ? f->element : "", "message",
					f->message);

		if (!obj || json_array_append_new(array, obj) != 0) {
			json_decref(array);
			return PP_ENOMEM;
		}
	}
	return cmd_print_json(array);
}

struct lint_args {
	bool json;
};

const struct cmd_option cmd_lint_options[] = {
	CMD_FLAG(0, "json", "print the findings as a JSON array", struct lint_args, json),
	CMD_OPTIONS_END
};

int cmd_lint(int argc, char **argv)
{
	struct lint_args args = { false };
	bool json;
	enum pp_result res;
	struct lint_report report;
	struct diag diag;
	char *xml = NULL;
	const char *path;
	size_t len = 0;
	int status, first_arg;

	status = cmd_parse(cmd_find("lint"), argc, argv, &args, &first_arg);
	if (status >= 0)
		return status;
	json = args.json;
	path = argv[first_arg];
	diag_init(&diag);
	lint_report_init(&report);
	res = pp_read_file(path, &xml, &len);
	if (res == PP_EIO)
		diag_error(&diag, path, 0, "cannot read feed: %s", strerror(errno));
	if (res == PP_OK)
		res = lint_feed(xml, len, &report);
	if (res == PP_OK && json)
		res = print_json(&report);
	else if (res == PP_OK)
		cmd_print_lint(path, &report, stdout);
	status = cmd_finish("lint", res, &diag);
	if (res == PP_OK && lint_count(&report, LINT_ERROR))
		status = PP_EXIT_BAD_INPUT;
	else if (res == PP_OK && lint_count(&report, LINT_WARNING))
		status = PP_EXIT_WARNINGS;
	lint_report_release(&report);
	diag_release(&diag);
	free(xml);
	return status;
}
