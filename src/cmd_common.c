/* cmd_common.c - what every subcommand shares: exit statuses and the
 * printing of diagnostics and lint findings. */
#include "cmd.h"

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
