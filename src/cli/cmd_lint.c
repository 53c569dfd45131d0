/* cmd_lint.c - `podpub lint [--json | --format FORMAT] [--strict] [--ignore RULE]...
 *                           [--online[=N]] [--ca-file FILE] FEED|URL|-`,
 *              `podpub lint --rules [--json]` */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "cli/cmd.h"
#include "config.h"
#include "datetime.h"
#include "show.h"
#include "target/fetch.h"
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

/* GitHub's workflow command escaping: `data` after "::", and a property's
 * value, which also may not hold ':' or ','. */
static void print_github_escaped(const char *s, bool property)
{
	for (; *s; s++) {
		if (*s == '%')
			fputs("%25", stdout);
		else if (*s == '\r')
			fputs("%0D", stdout);
		else if (*s == '\n')
			fputs("%0A", stdout);
		else if (property && *s == ':')
			fputs("%3A", stdout);
		else if (property && *s == ',')
			fputs("%2C", stdout);
		else
			putchar(*s);
	}
}

/* One GitHub Actions workflow command per finding, which the run shows as
 * an annotation on the feed's line: "::error file=F,line=L,title=RULE::MSG". */
static void print_github(const char *path, const struct lint_report *r)
{
	for (size_t i = 0; i < r->count; i++) {
		const struct lint_finding *f = &r->findings[i];

		printf("::%s file=", f->severity == LINT_ERROR ? "error"
				     : f->severity == LINT_WARNING ? "warning"
								    : "notice");
		print_github_escaped(path, true);
		if (f->line > 0)
			printf(",line=%d", f->line);
		fputs(",title=", stdout);
		print_github_escaped(f->rule_id, true);
		fputs("::", stdout);
		print_github_escaped(f->message, false);
		if (f->element && *f->element) {
			fputs(" (", stdout);
			print_github_escaped(f->element, false);
			putchar(')');
		}
		putchar('\n');
	}
}

struct lint_args {
	bool json;
	bool rules;
	bool strict;
	const char *format;
	struct cmd_values ignore;
	const char *online;  /* "" for all items, or N */
	const char *ca_file;
	const char *now;     /* --now: the time items are compared with */
};

const struct cmd_option cmd_lint_options[] = {
	CMD_FLAG(0, "json", "print the findings (or the rules) as a JSON array", struct lint_args,
		 json),
	CMD_VALUE(0, "format", "FORMAT",
		  "how to print the findings: text (default), json, or github (workflow "
		  "commands that GitHub Actions shows as annotations)",
		  struct lint_args, format),
	CMD_FLAG(0, "strict", "warnings fail too: exit 2 on any warning", struct lint_args,
		 strict),
	CMD_FLAG(0, "rules", "list every rule: id, severity, namespace, summary, source",
		 struct lint_args, rules),
	CMD_VALUES(0, "ignore", "RULE", "leave out the findings of RULE (again, or RULE,RULE)",
		   struct lint_args, ignore),
	CMD_OPTIONAL_VALUE(0, "online", "N",
			   "also fetch what the feed links to (art, and the newest N items' "
			   "enclosures, art, transcripts and chapters; all items without N)",
			   struct lint_args, online),
	CMD_VALUE(0, "ca-file", "FILE", "trust this CA too for https (the system's stay trusted)",
		  struct lint_args, ca_file),
	CMD_VALUE(0, "now", "TIME",
		  "compare item dates with TIME ('2025-03-04 09:00', UTC unless an offset "
		  "follows) instead of the clock",
		  struct lint_args, now),
	CMD_OPTIONS_END
};

/* podcast.yaml's `lint: ignore:` when lint runs inside a show; nothing
 * outside one. A podcast.yaml that does not load is the producer's to fix:
 * its errors are in `diag`. */
static enum pp_result load_show_config(struct config *config, struct diag *diag)
{
	struct diag quiet;
	char *root = NULL, *path = NULL;
	enum pp_result res;

	diag_init(&quiet);
	res = show_find_root(NULL, &root, &quiet);
	diag_release(&quiet);
	if (res == PP_EPARSE)
		return PP_OK; /* not in a show */
	if (res == PP_OK && !(path = pp_path_join(root, "podcast.yaml")))
		res = PP_ENOMEM;
	if (res == PP_OK)
		res = config_load(path, config, diag);
	free(path);
	free(root);
	return res;
}

static bool is_url(const char *s)
{
	return strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0;
}

/* GETs the feed at `url` into *xml (caller frees), and lints it as coming
 * from there, with a finding for each redirect. */
static enum pp_result lint_url(const char *url, const struct fetch_options *fo, long long now,
			       char **xml, size_t *len, struct lint_report *report,
			       struct diag *diag)
{
	struct fetch_reply reply;
	struct lint_source src = { url, NULL };
	enum pp_result res = fetch_url(url, PP_FEED_MAX, fo, &reply);

	if (res != PP_OK)
		goto out;
	if (!reply.answered) {
		diag_error(diag, url, 0, "cannot fetch feed: %s", reply.words);
		res = PP_EIO;
	} else if (reply.status != 200) {
		diag_error(diag, url, 0, "cannot fetch feed: '%s' answered status %ld",
			   reply.final_url ? reply.final_url : url, reply.status);
		res = PP_EIO;
	} else if (reply.too_large) {
		diag_error(diag, url, 0, "the feed is too large: more than %d MiB",
			   (int)(PP_FEED_MAX >> 20));
		res = PP_EIO;
	}
	if (res != PP_OK)
		goto out;
	*xml = reply.body;
	*len = reply.len;
	reply.body = NULL;
	if (reply.final_url && strcmp(reply.final_url, url) != 0)
		src.final_url = reply.final_url;
	res = lint_fetched(url, &reply, report);
	if (res == PP_OK)
		res = lint_feed_from(*xml ? *xml : "", *len, &src, now, report);
out:
	fetch_reply_release(&reply);
	return res;
}

int cmd_lint(int argc, char **argv)
{
	struct lint_args args = { false };
	bool json, github;
	const char *unknown;
	size_t unknown_len;
	enum pp_result res;
	struct lint_report report;
	struct lint_online_options online = { 0, NULL };
	struct fetch_options fo = { NULL, 0 };
	struct config config;
	struct diag diag;
	char *xml = NULL;
	const char *path;
	size_t len = 0;
	struct stat st;
	int status, first_arg;
	time_t now = time(NULL);

	status = cmd_parse(cmd_find("lint"), argc, argv, &args, &first_arg);
	if (status >= 0)
		return status;
	if (args.now && datetime_parse(args.now, "UTC", &now) != PP_OK)
		return cmd_usage_error(cmd_find("lint"),
				       "--now '%s': give a time as '2025-03-04 09:00' (UTC) or "
				       "'2025-03-04T09:00+02:00'",
				       args.now);
	json = args.json;
	if (args.format && strcmp(args.format, "json") == 0)
		json = true;
	else if (args.format && strcmp(args.format, "text") != 0 &&
		 strcmp(args.format, "github") != 0)
		return cmd_usage_error(cmd_find("lint"),
				       "--format '%s': use text, json or github", args.format);
	github = args.format && strcmp(args.format, "github") == 0;
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
	if (args.online && *args.online) {
		char *end = NULL;
		unsigned long n = strtoul(args.online, &end, 10);

		if (*args.online < '1' || *args.online > '9' || *end || n > 100000)
			return cmd_usage_error(cmd_find("lint"),
					       "--online='%s': give a number of items from 1",
					       args.online);
		online.newest = (size_t)n;
	}
	if (args.ca_file && access(args.ca_file, R_OK) != 0)
		return cmd_usage_error(cmd_find("lint"), "--ca-file '%s': %s", args.ca_file,
				       strerror(errno));
	online.ca_file = fo.ca_file = args.ca_file;
	path = argv[first_arg];
	diag_init(&diag);
	lint_report_init(&report);
	config_init(&config);
	res = load_show_config(&config, &diag);
	if (res != PP_OK)
		;
	else if (strcmp(path, "-") == 0) {
		path = "<stdin>";
		res = pp_read_stream(stdin, PP_FEED_MAX, &xml, &len);
		if (res == PP_EPARSE)
			diag_error(&diag, path, 0, "the feed is too large: more than %d MiB",
				   (int)(PP_FEED_MAX >> 20));
	} else if (!is_url(path)) {
		res = pp_read_file_max(path, PP_FEED_MAX, &xml, &len, &st);
		if (res == PP_EPARSE)
			diag_refused_file(&diag, path, "feed", &st, PP_FEED_MAX);
	}
	if (res == PP_EIO && diag_count(&diag, DIAG_ERROR) == 0)
		diag_error(&diag, path, 0, "cannot read feed: %s", strerror(errno));
	if (res == PP_OK && is_url(path))
		res = lint_url(path, &fo, (long long)now, &xml, &len, &report, &diag);
	else if (res == PP_OK)
		res = lint_feed_from(xml, len, NULL, (long long)now, &report);
	if (res == PP_OK && args.online)
		res = lint_online(xml ? xml : "", len, &online, &report);
	for (size_t i = 0; res == PP_OK && i < args.ignore.count; i++)
		lint_report_ignore(&report, args.ignore.items[i]);
	for (size_t i = 0; res == PP_OK && i < config.lint_ignore_count; i++)
		lint_report_ignore(&report, config.lint_ignore[i]);
	if (res == PP_OK && json)
		res = print_json(&report);
	else if (res == PP_OK && github)
		print_github(path, &report);
	else if (res == PP_OK)
		cmd_print_lint(path, &report, stdout);
	status = cmd_finish("lint", res, &diag);
	if (res == PP_OK && lint_count(&report, LINT_ERROR))
		status = PP_EXIT_BAD_INPUT;
	else if (res == PP_OK && lint_count(&report, LINT_WARNING))
		status = args.strict ? PP_EXIT_BAD_INPUT : PP_EXIT_WARNINGS;
	lint_report_release(&report);
	config_release(&config);
	diag_release(&diag);
	free(xml);
	return status;
}
