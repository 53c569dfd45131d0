/* cmd.h - the subcommands and the exit statuses they end with.
 *
 * Each cmd_<name>.c parses its own arguments, calls the modules and prints
 * their results; main only dispatches. */
#ifndef PODPUB_CMD_H
#define PODPUB_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "lint/lint.h"
#include "result.h"

/* Documented in README.md and `podpub --help`. */
enum pp_exit {
	PP_EXIT_OK = 0,
	PP_EXIT_WARNINGS = 1, /* lint found warnings only */
	PP_EXIT_BAD_INPUT = 2,/* a file the producer must fix; the feed has errors */
	PP_EXIT_TARGET = 3,   /* the publish target failed; a retry may help */
	PP_EXIT_INTERNAL = 4  /* out of memory, or a bug */
};

int pp_exit_for(enum pp_result r);

struct cmd {
	const char *name;
	int (*run)(int argc, char **argv); /* argv[0] is the command's name */
	const char *usage;                 /* the options, for --help */
	const char *summary;
};

int cmd_probe(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_lint(int argc, char **argv);
int cmd_publish(int argc, char **argv);

/* One option of a command: a flag sets *flag, an option with a value
 * points *value at it (argv outlives the command). */
struct cmd_option {
	const char *name;   /* long name, without "--" */
	char short_name;    /* 0 for none */
	bool *flag;         /* set for a flag */
	const char **value; /* set for an option that takes a value */
};

/* Parses argv[1..] against `options` (plus --help) and checks that between
 * `min_args` and `max_args` operands follow (max -1: any number). Returns
 * -1 to go on, with *first_arg the index of the first operand; otherwise
 * the exit status to end with (0 after --help, 2 after a usage error, the
 * usage printed either way). */
int cmd_parse(const struct cmd *c, int argc, char **argv, const struct cmd_option *options,
	      size_t option_count, int min_args, int max_args, int *first_arg);

/* The command table entry for `name`, or NULL. */
const struct cmd *cmd_find(const char *name);
/* Prints "usage: podpub NAME ..." and the options. */
void cmd_usage(const struct cmd *c, FILE *out);
/* Prints diagnostics, then "podpub: NAME: <what failed>" for a failed
 * result that left no message of its own. Returns the exit status. */
int cmd_finish(const char *name, enum pp_result r, struct diag *diag);

struct json_t;
/* Prints a JSON value (indented, UTF-8 unescaped) to stdout and drops the
 * caller's reference to it, which may be NULL after a failed allocation. */
enum pp_result cmd_print_json(struct json_t *value);

/* Prints findings as "podpub: FEED:LINE: error: message [rule] (element)". */
void cmd_print_lint(const char *feed_path, const struct lint_report *r, FILE *out);

#endif
