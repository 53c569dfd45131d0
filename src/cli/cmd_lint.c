/* cmd_lint.c - `podpub lint [--json] [--ignore RULE]... FEED|-`,
 * `podpub lint --rules [--json]` */
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

/* Every rule: id, severity, namespace, summary and source, one per line
 * (tab-separated, for scripts/lint-rules-doc.sh), or as JSON. */
static enum pp_result print_rules(bool json)
{
	json_t *array = json ? json_array() : NULL;
	struct lint_rule_info r;

	if (json && !array)
		return PP_ENOMEM;
	for (size_t i = 0; lint_rule_at(i, &r); i++) {
		json_t *obj;

		if (!json) {
			printf("%s\t%s\t%s\t%s\t%s\n", r.id, lint_severity_name(r.severity), r.ns,
			       r.summary, r.spec);
			continue;
		}
		obj = json_pack("{s:s,s:s,s:s,s:s,s:s}", "rule", r.id, "severity",
				lint_severity_name(r.severity), "namespace", r.ns, "summary",
				r.summary, "source", r.spec);
		if (!obj || json_array_append_new(array, obj) != 0) {
			json_decref(array);
			return PP_ENOMEM;
		}
	}
	return json ? cmd_print_json(array) : PP_OK;
}

struct lint_args {
	bool json;
	bool rules;
	struct cmd_values ignore;
};

const struct cmd_option cmd_lint_options[] = {
	CMD_FLAG(0, "json", "print the findings (or the rules) as a JSON array", struct lint_args,
		 json),
	CMD_FLAG(0, "rules", "list every rule: id, severity, namespace, summary, source",
		 struct lint_args, rules),
	CMD_VALUES(0, "ignore", "RULE", "leave out the findings of RULE (again, or RULE,RULE)",
		   struct lint_args, ignore),
	CMD_OPTIONS_END
};

int cmd_lint(int argc, char **argv)
{
	struct lint_args args = { false };
	const char *unknown;
	size_t unknown_len;
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
	if (args.rules || first_arg >= argc) {
		if (!args.rules || first_arg < argc) {
			fprintf(stderr, "podpub: lint: %s\nsee 'podpub lint --help'\n",
				args.rules ? "--rules takes no FEED" : "missing FEED");
			return PP_EXIT_BAD_INPUT;
		}
		return pp_exit_for(print_rules(json));
	}
	for (size_t i = 0; i < args.ignore.count; i++)
		if ((unknown = lint_unknown_rule(args.ignore.items[i], &unknown_len)))
			return cmd_usage_error(cmd_find("lint"), "--ignore: no rule '%.*s' (see --rules)",
					       (int)unknown_len, unknown);
	path = argv[first_arg];
	diag_init(&diag);
	lint_report_init(&report);
	if (strcmp(path, "-") == 0) {
		path = "<stdin>";
		res = pp_read_stream(stdin, &xml, &len);
	} else {
		res = pp_read_file(path, &xml, &len);
	}
	if (res == PP_EIO)
		diag_error(&diag, path, 0, "cannot read feed: %s", strerror(errno));
	if (res == PP_OK)
		res = lint_feed(xml, len, &report);
	for (size_t i = 0; res == PP_OK && i < args.ignore.count; i++)
		lint_report_ignore(&report, args.ignore.items[i]);
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
