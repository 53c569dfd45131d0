/* cmd_help.c - `podpub help [--dump] [COMMAND]`, `podpub version`, and the
 * usage every command prints: all built from the command and option tables. */
#include <stdbool.h>
#include <string.h>

#include "cli/cmd.h"
#include "version.h"

#define WRAP_AT 79

/* Prints `text` at column `col`, where the caller left the cursor, wrapped
 * at WRAP_AT with later lines at that column too, and a newline. */
static void print_wrapped(const char *text, int col, FILE *out)
{
	int indent = col;

	while (*text) {
		int word = (int)strcspn(text, " ");

		if (col > indent && col + 1 + word > WRAP_AT)
			col = fprintf(out, "\n%*s", indent, "") - 1;
		else if (col > indent)
			col += fprintf(out, " ");
		col += fprintf(out, "%.*s", word, text);
		text += word;
		text += strspn(text, " ");
	}
	fputc('\n', out);
}

/* "--repo DIR", or "--json" for a flag. */
static int print_long(const struct cmd_option *o, FILE *out)
{
	return fprintf(out, "--%s%s%s%s", o->name, cmd_option_arg_prefix(o), o->arg ? o->arg : "",
		       o->arg && o->optional ? "]" : "");
}

void cmd_print_synopsis(const struct cmd *c, FILE *out)
{
	int indent = fprintf(out, "usage: podpub %s", c->name), col = indent;

	for (size_t i = 0; c->options && c->options[i].name; i++) {
		const struct cmd_option *o = &c->options[i];
		int width = 2 + (int)strlen(o->name) + (o->arg ? 1 + (int)strlen(o->arg) : 0) +
			    (o->arg && o->optional ? 2 : 0) + 2;

		if (col + 1 + width > WRAP_AT)
			col = fprintf(out, "\n%*s", indent, "") - 1;
		col += fprintf(out, " [") + print_long(o, out) + fprintf(out, "]");
	}
	if (c->operands[0] && col + 1 + (int)strlen(c->operands) > WRAP_AT)
		fprintf(out, "\n%*s", indent, "");
	fprintf(out, "%s%s\n", c->operands[0] ? " " : "", c->operands);
}

/* The width of "-C, --repo DIR" or "    --json", the left column. */
static int left_width(const struct cmd_option *o)
{
	return 4 + 2 + (int)strlen(o->name) + (o->arg ? 1 + (int)strlen(o->arg) : 0) +
	       (o->arg && o->optional ? 2 : 0);
}

/* "  -C, --repo DIR   the show's folder (default .)" */
static void print_option(const struct cmd_option *o, int width, FILE *out)
{
	if (o->short_name)
		fprintf(out, "  -%c, ", o->short_name);
	else
		fputs("      ", out);
	print_long(o, out);
	fprintf(out, "%*s", width - left_width(o) + 2, "");
	print_wrapped(o->help, 2 + width + 2, out);
}

void cmd_print_usage(const struct cmd *c, FILE *out)
{
	static const struct cmd_option help = { "help", 'h', NULL, "show this help", 0, false,
						false };
	int width = left_width(&help);

	for (size_t i = 0; c->options && c->options[i].name; i++)
		if (left_width(&c->options[i]) > width)
			width = left_width(&c->options[i]);
	cmd_print_synopsis(c, out);
	fprintf(out, "\n%s\n\n", c->summary);
	for (size_t i = 0; c->options && c->options[i].name; i++)
		print_option(&c->options[i], width, out);
	print_option(&help, width, out);
}

void cmd_print_overview(FILE *out)
{
	size_t count, exit_count;
	const struct cmd *cmds = cmd_list(&count);
	const struct cmd_exit *exits = cmd_exit_list(&exit_count);
	int width = 0, name_width = 0;

	for (size_t i = 0; i < exit_count; i++)
		if ((int)strlen(exits[i].name) > width)
			width = (int)strlen(exits[i].name);
	fputs("usage: podpub COMMAND [OPTION]... [ARG]...\n"
	      "       podpub help [COMMAND] | -h | --help\n"
	      "       podpub version | -V | --version\n"
	      "\npodpub publishes a podcast from a git repository.\n"
	      "\ncommands:\n",
	      out);
	for (size_t i = 0; i < count; i++)
		if ((int)strlen(cmds[i].name) > name_width)
			name_width = (int)strlen(cmds[i].name);
	/* The names' column as wide as the longest ("check-target"), so each
	 * summary starts at the same column. */
	for (size_t i = 0; i < count; i++) {
		fprintf(out, "  %-*s  ", name_width, cmds[i].name);
		print_wrapped(cmds[i].summary, 2 + name_width + 2, out);
	}
	fputs("\n'podpub help COMMAND' or 'podpub COMMAND --help' shows a command's options;\n"
	      "'man podpub' tells the whole story.\n"
	      "\nexit status:\n",
	      out);
	for (size_t i = 0; i < exit_count; i++) {
		fprintf(out, "  %d  %-*s  ", (int)exits[i].status, width, exits[i].name);
		print_wrapped(exits[i].meaning, 5 + width + 2, out);
	}
	fputs("\nenvironment:\n"
	      "  PODPUB_DEBUG  set to 1 to also see libavformat's own log lines\n",
	      out);
}

/* The tables as tab-separated lines, for scripts and tests:
 *   command NAME OPERANDS SUMMARY
 *   option  COMMAND LONG SHORT ARG HELP     (SHORT and ARG "-" when none)
 *   exit    STATUS NAME MEANING */
static void print_dump(FILE *out)
{
	size_t count, exit_count;
	const struct cmd *cmds = cmd_list(&count);
	const struct cmd_exit *exits = cmd_exit_list(&exit_count);

	for (size_t i = 0; i < count; i++) {
		const struct cmd *c = &cmds[i];

		fprintf(out, "command\t%s\t%s\t%s\n", c->name, c->operands, c->summary);
		for (size_t j = 0; c->options && c->options[j].name; j++) {
			const struct cmd_option *o = &c->options[j];

			fprintf(out, "option\t%s\t--%s\t", c->name, o->name);
			if (o->short_name)
				fprintf(out, "-%c", o->short_name);
			else
				fputc('-', out);
			if (o->arg && o->optional)
				fprintf(out, "\t[=%s]\t%s\n", o->arg, o->help);
			else
				fprintf(out, "\t%s\t%s\n", o->arg ? o->arg : "-", o->help);
		}
	}
	for (size_t i = 0; i < exit_count; i++)
		fprintf(out, "exit\t%d\t%s\t%s\n", (int)exits[i].status, exits[i].name,
			exits[i].meaning);
}

struct help_args {
	bool dump;
};

const struct cmd_option cmd_help_options[] = {
	CMD_FLAG(0, "dump", "print the command, option and exit status tables as tab-separated lines",
		 struct help_args, dump),
	CMD_OPTIONS_END
};

int cmd_help(int argc, char **argv)
{
	const struct cmd *self = cmd_find("help"), *c;
	struct help_args args = { false };
	int status, first_arg;

	status = cmd_parse(self, argc, argv, &args, &first_arg);
	if (status >= 0)
		return status;
	if (args.dump) {
		print_dump(stdout);
		return PP_EXIT_OK;
	}
	if (first_arg == argc) {
		cmd_print_overview(stdout);
		return PP_EXIT_OK;
	}
	c = cmd_find(argv[first_arg]);
	if (!c)
		return cmd_usage_error(self, "no command '%s'", argv[first_arg]);
	cmd_print_usage(c, stdout);
	return PP_EXIT_OK;
}

int cmd_version(int argc, char **argv)
{
	int status, first_arg;

	status = cmd_parse(cmd_find("version"), argc, argv, NULL, &first_arg);
	if (status >= 0)
		return status;
	printf("podpub %s\n", PODPUB_VERSION);
	return PP_EXIT_OK;
}
