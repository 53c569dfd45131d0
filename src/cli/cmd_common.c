/* cmd_common.c - what every subcommand shares: exit statuses and the
 * printing of diagnostics and lint findings. */
#include "cli/cmd.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

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
	case PP_ENOMEM:
	case PP_EINTERNAL:
	default:
		return PP_EXIT_INTERNAL;
	}
}

#define CMD_MAX_OPTIONS 8

int cmd_parse(const struct cmd *c, int argc, char **argv, const struct cmd_option *options,
	      size_t option_count, int min_args, int max_args, int *first_arg)
{
	struct option longs[CMD_MAX_OPTIONS + 2] = { { "help", no_argument, NULL, 'h' } };
	char shorts[2 * CMD_MAX_OPTIONS + 3] = "h";
	size_t used = 1;
	int opt, index, operands;

	if (option_count > CMD_MAX_OPTIONS)
		return PP_EXIT_INTERNAL;
	/* getopt_long reports an option by its short letter, or by 0 and the
	 * table index for those without one (flag NULL, val 0). */
	for (size_t i = 0; i < option_count; i++) {
		longs[i + 1] = (struct option){ options[i].name,
						options[i].value ? required_argument : no_argument,
						NULL, options[i].short_name };
		if (options[i].short_name) {
			shorts[used++] = options[i].short_name;
			if (options[i].value)
				shorts[used++] = ':';
		}
	}
	optind = 1;
	while ((opt = getopt_long(argc, argv, shorts, longs, &index)) != -1) {
		const struct cmd_option *o = NULL;

		if (opt == 'h') {
			cmd_usage(c, stdout);
			return PP_EXIT_OK;
		}
		if (opt == 0)
			o = index >= 1 ? &options[index - 1] : NULL;
		for (size_t i = 0; !o && opt != '?' && i < option_count; i++)
			if (options[i].short_name == opt)
				o = &options[i];
		if (!o) {
			cmd_usage(c, stderr);
			return PP_EXIT_BAD_INPUT;
		}
		if (o->value)
			*o->value = optarg;
		else
			*o->flag = true;
	}
	operands = argc - optind;
	if (operands < min_args || (max_args >= 0 && operands > max_args)) {
		cmd_usage(c, stderr);
		return PP_EXIT_BAD_INPUT;
	}
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

void cmd_print_lint(const char *feed_path, const struct lint_report *r, FILE *out)
{
	for (size_t i = 0; i < r->count; i++) {
		const struct lint_finding *f = &r->findings[i];

		fprintf(out, "podpub: %s:%d: %s: %s [%s]", feed_path, f->line,
			lint_severity_name(f->severity), f->message, f->rule_id);
		if (f->element && *f->element)
			fprintf(out, " (%s)", f->element);
		fputc('\n', out);
	}
}
