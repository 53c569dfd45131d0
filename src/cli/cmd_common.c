/* cmd_common.c - what every subcommand shares: exit statuses and the
 * printing of diagnostics and lint findings. */
#include "cli/cmd.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "util.h"

int pp_exit_for(enum pp_result r)
{
	switch (r) {
	case PP_OK:
		return PP_EXIT_OK;
	case PP_EPARSE:
	case PP_EMEDIA:
	case PP_ELINT:
	case PP_EIO:
		return PP_EXIT_BAD_INPUT;
	case PP_ETARGET:
		return PP_EXIT_TARGET;
	case PP_EINTR:
		return PP_EXIT_INTERRUPTED;
	case PP_ENOMEM:
	case PP_EINTERNAL:
	default:
		return PP_EXIT_INTERNAL;
	}
}

static const struct cmd_exit exits[] = {
	{ PP_EXIT_OK, "success", "everything asked for was done" },
	{ PP_EXIT_WARNINGS, "warnings", "lint found warnings only" },
	{ PP_EXIT_BAD_INPUT, "bad input",
	  "a file to fix (podcast.yaml, an episode, its audio), the feed has errors, a live "
	  "episode would drop out, or the command line was wrong; nothing was published" },
	{ PP_EXIT_TARGET, "target failed",
	  "the publish target failed; the old feed is still live, and a retry may help" },
	{ PP_EXIT_INTERNAL, "internal error", "out of memory, or a bug" },
	{ PP_EXIT_INTERRUPTED, "interrupted",
	  "stopped by Ctrl-C or SIGTERM: the transfer under way was undone, the lock released, "
	  "and the old feed is still live" },
};

const struct cmd_exit *cmd_exit_list(size_t *count)
{
	*count = COUNT(exits);
	return exits;
}

int cmd_usage_error(const struct cmd *c, const char *fmt, ...)
{
	va_list ap;

	fputs("podpub: ", stderr);
	if (c)
		fprintf(stderr, "%s: ", c->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (c)
		fprintf(stderr, "\nsee 'podpub %s --help'\n", c->name);
	else
		fputs("\nsee 'podpub help'\n", stderr);
	return PP_EXIT_BAD_INPUT;
}

const char *cmd_option_arg_prefix(const struct cmd_option *o)
{
	return !o->arg ? "" : o->optional ? "[=" : " ";
}

#define CMD_MAX_OPTIONS 24
/* getopt_long's value for the table's row i: above every short letter. */
#define CMD_ROW_VAL 256

/* The row getopt_long reported as `val`, or NULL. */
static const struct cmd_option *option_row(const struct cmd_option *options, int val)
{
	for (size_t i = 0; options && options[i].name; i++)
		if ((int)i + CMD_ROW_VAL == val ||
		    (options[i].short_name && options[i].short_name == val))
			return &options[i];
	return NULL;
}

/* Says what getopt_long refused (opt '?' or ':') and returns the exit
 * status. optopt is the row's value, a short letter, or 0 for an unknown
 * long option. */
static int option_error(const struct cmd *c, int opt, char **argv)
{
	const struct cmd_option *o = option_row(c->options, optopt);
	const char *given = argv[optind - 1];

	if (opt == ':' && o && optopt < CMD_ROW_VAL)
		return cmd_usage_error(c, "option '-%c' needs a value (%s)", optopt, o->arg);
	if (opt == ':' && o)
		return cmd_usage_error(c, "option '--%s' needs a value (%s)", o->name, o->arg);
	if (o || optopt == 'h') /* --json=yes */
		return cmd_usage_error(c, "option '--%s' takes no value", o ? o->name : "help");
	if (optopt > 0 && optopt < CMD_ROW_VAL)
		return cmd_usage_error(c, "unknown option '-%c'", optopt);
	return cmd_usage_error(c, "unknown option '%.*s'", (int)strcspn(given, "="), given);
}

int cmd_parse(const struct cmd *c, int argc, char **argv, void *args, int *first_arg)
{
	struct option longs[CMD_MAX_OPTIONS + 2] = { { "help", no_argument, NULL, 'h' } };
	char shorts[2 * CMD_MAX_OPTIONS + 4] = ":h";
	size_t used = 2, count = 0;
	int opt, operands;

	while (c->options && c->options[count].name)
		count++;
	if (count > CMD_MAX_OPTIONS) {
		fprintf(stderr, "podpub: internal error: '%s' has %zu options, more than %d\n",
			c->name, count, CMD_MAX_OPTIONS);
		return PP_EXIT_INTERNAL;
	}
	/* Every row reports as CMD_ROW_VAL + its index when given by its long
	 * name, and as its letter when given by that. */
	for (size_t i = 0; i < count; i++) {
		const struct cmd_option *o = &c->options[i];

		longs[i + 1] = (struct option){ o->name,
						!o->arg	     ? no_argument
						: o->optional ? optional_argument
							      : required_argument,
						NULL, CMD_ROW_VAL + (int)i };
		if (o->short_name) {
			shorts[used++] = o->short_name;
			if (o->arg)
				shorts[used++] = ':';
			if (o->arg && o->optional)
				shorts[used++] = ':';
		}
	}
	optind = 1;
	opterr = 0; /* our own messages, with the podpub prefix */
	while ((opt = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		const struct cmd_option *o;

		if (opt == 'h') {
			cmd_print_usage(c, stdout);
			return PP_EXIT_OK;
		}
		o = opt == '?' || opt == ':' ? NULL : option_row(c->options, opt);
		if (!o)
			return option_error(c, opt, argv);
		if (o->repeat) {
			struct cmd_values *v = (struct cmd_values *)(void *)((char *)args + o->offset);

			if (v->count == CMD_MAX_VALUES)
				return cmd_usage_error(c, "option '--%s' given more than %d times",
						       o->name, CMD_MAX_VALUES);
			v->items[v->count++] = optarg;
		} else if (o->arg)
			*(const char **)(void *)((char *)args + o->offset) = optarg ? optarg : "";
		else
			*(bool *)(void *)((char *)args + o->offset) = true;
	}
	operands = argc - optind;
	if (operands < c->min_args)
		return cmd_usage_error(c, "missing %.*s", (int)strcspn(c->operands + 1, "].") + 1,
				       c->operands);
	if (c->max_args >= 0 && operands > c->max_args)
		return cmd_usage_error(c, "unexpected argument '%s'", argv[optind + c->max_args]);
	*first_arg = optind;
	return -1;
}

int cmd_finish(const char *name, enum pp_result r, struct diag *diag)
{
	diag_print(diag, stderr);
	if (r != PP_OK && diag_count(diag, DIAG_ERROR) == 0)
		fprintf(stderr, "podpub: %s: %s\n", name, pp_strerror(r));
	return pp_exit_for(r);
}

enum pp_result cmd_print_json(json_t *value)
{
	char *text = value ? json_dumps(value, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
							JSON_REAL_PRECISION(12))
			   : NULL;

	json_decref(value);
	if (!text)
		return PP_ENOMEM;
	puts(text);
	free(text);
	return PP_OK;
}

struct lint_print {
	const char *feed_path;
	const struct lint_report *report;
};

static void print_findings(const void *ctx, FILE *out)
{
	const struct lint_print *p = ctx;
	const char *feed_path = p->feed_path;
	const struct lint_report *r = p->report;

	for (size_t i = 0; i < r->count; i++) {
		const struct lint_finding *f = &r->findings[i];

		fputs("podpub: ", out);
		diag_fputs(feed_path, out);
		fprintf(out, ":%d: %s: ", f->line, lint_severity_name(f->severity));
		diag_fputs(f->message, out);
		fprintf(out, " [%s]", f->rule_id);
		if (f->element && *f->element) {
			fputs(" (", out);
			diag_fputs(f->element, out);
			fputc(')', out);
		}
		fputc('\n', out);
	}
}

void cmd_print_lint(const char *feed_path, const struct lint_report *r, FILE *out)
{
	struct lint_print p = { feed_path, r };

	diag_print_batched(out, print_findings, &p);
}
