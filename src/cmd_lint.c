/* cmd_lint.c - `podpub lint [--json] FEED` */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cmd.h"
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

int cmd_lint(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum pp_result res;
	struct lint_report report;
	struct diag diag;
	char *xml = NULL;
	size_t len = 0;
	bool json = false;
	int opt, status;

	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case 'j':
			json = true;
			break;
		case 'h':
			cmd_usage(cmd_find("lint"), stdout);
			return PP_EXIT_OK;
		default:
			cmd_usage(cmd_find("lint"), stderr);
			return PP_EXIT_BAD_INPUT;
		}
	}
	if (optind + 1 != argc) {
		cmd_usage(cmd_find("lint"), stderr);
		return PP_EXIT_BAD_INPUT;
	}
	diag_init(&diag);
	lint_report_init(&report);
	res = pp_read_file(argv[optind], &xml, &len);
	if (res == PP_EIO)
		diag_error(&diag, argv[optind], 0, "cannot read feed: %s", strerror(errno));
	if (res == PP_OK)
		res = lint_feed(xml, len, &report);
	if (res == PP_OK && json)
		res = print_json(&report);
	else if (res == PP_OK)
		cmd_print_lint(argv[optind], &report, stdout);
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
