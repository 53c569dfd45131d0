/* cmd.h - the subcommands, their words and the exit statuses they end with.
 *
 * Each cmd_<name>.c defines its option table, parses its arguments with it,
 * calls the modules and prints their results; main only dispatches. The
 * tables are the one source of the command line's words: --help, the man
 * page test and the bash completion all read them. */
#ifndef PODPUB_CMD_H
#define PODPUB_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "lint/lint.h"
#include "result.h"

/* The exit statuses; their words are in cmd_exit_list(). */
enum pp_exit {
	PP_EXIT_OK = 0,
	PP_EXIT_WARNINGS = 1, /* lint found warnings only */
	PP_EXIT_BAD_INPUT = 2,/* a file the producer must fix; the feed has errors */
	PP_EXIT_TARGET = 3,   /* the publish target failed; a retry may help */
	PP_EXIT_INTERNAL = 4, /* out of memory, or a bug */
	PP_EXIT_INTERRUPTED = 130 /* Ctrl-C or SIGTERM, as shells report SIGINT */
};

int pp_exit_for(enum pp_result r);

/* One exit status as users read it: `podpub help`, the man page test. */
struct cmd_exit {
	enum pp_exit status;
	const char *name;    /* a word or two: "bad input" */
	const char *meaning; /* one line */
};

/* Every exit status, in order (borrowed, static). */
const struct cmd_exit *cmd_exit_list(size_t *count);

/* One option of a command: a row of the table that parsing, --help, the man
 * page test and the bash completion all read. The value lands in the
 * command's own arguments struct, at `offset`: a bool for a flag, a
 * `const char *` pointing into argv for an option with a value, a
 * struct cmd_values for one that may be given again and again. Rows are
 * written with CMD_FLAG / CMD_VALUE / CMD_VALUES and the table ends with
 * CMD_OPTIONS_END. */
struct cmd_option {
	const char *name;  /* long name, without "--"; NULL ends the table */
	char short_name;   /* 0 for none */
	const char *arg;   /* the value's name (DIR, FILE, LOCATION); NULL for a flag */
	const char *help;  /* one line, lowercase, no final period */
	size_t offset;     /* of the member in the command's arguments struct */
	bool repeat;       /* each use adds a value to a struct cmd_values */
	bool optional;     /* the value may be left out: "--online" or "--online=N"; */
			   /* left out, the member points to "" */
};

/* The values of a repeatable option, in the order given, pointing into argv. */
#define CMD_MAX_VALUES 64
struct cmd_values {
	const char *items[CMD_MAX_VALUES];
	size_t count;
};

/* offsetof(type, member), refused at compile time unless the member is a `want`. */
#define CMD_OFFSET(type, member, want)                                                             \
	(offsetof(type, member) +                                                                  \
	 0 * sizeof(struct {                                                                       \
		 _Static_assert(_Generic(((type *)0)->member, want: 1, default: 0),                \
				"option " #member " must be a " #want);                            \
		 int unused;                                                                       \
	 }))
#define CMD_FLAG(short_name, name, help, type, member)                                             \
	{ name, short_name, NULL, help, CMD_OFFSET(type, member, bool), false, false }
#define CMD_VALUE(short_name, name, arg, help, type, member)                                       \
	{ name, short_name, arg, help, CMD_OFFSET(type, member, const char *), false, false }
#define CMD_VALUES(short_name, name, arg, help, type, member)                                      \
	{ name, short_name, arg, help, CMD_OFFSET(type, member, struct cmd_values), true, false }
#define CMD_OPTIONAL_VALUE(short_name, name, arg, help, type, member)                               \
	{ name, short_name, arg, help, CMD_OFFSET(type, member, const char *), false, true }
#define CMD_OPTIONS_END { NULL, 0, NULL, NULL, 0, false, false }

/* A subcommand and its words. main.c holds the table of them all. */
struct cmd {
	const char *name;
	int (*run)(int argc, char **argv); /* argv[0] is the command's name */
	const char *summary;               /* one line, for `podpub help` */
	const struct cmd_option *options;  /* ends with CMD_OPTIONS_END; NULL for none */
	const char *operands;              /* "FILE...", "[COMMAND]"; "" for none */
	int min_args, max_args;            /* operands allowed; max -1: any number */
};

/* The command table, in the order `podpub help` lists it (borrowed, static). */
const struct cmd *cmd_list(size_t *count);
/* The command table entry for `name`, or NULL. */
const struct cmd *cmd_find(const char *name);

int cmd_probe(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_lint(int argc, char **argv);
int cmd_publish(int argc, char **argv);
int cmd_check_target(int argc, char **argv);
int cmd_new(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_completion(int argc, char **argv);

extern const struct cmd_option cmd_probe_options[];
extern const struct cmd_option cmd_build_options[];
extern const struct cmd_option cmd_lint_options[];
extern const struct cmd_option cmd_publish_options[];
extern const struct cmd_option cmd_check_target_options[];
extern const struct cmd_option cmd_new_options[];
extern const struct cmd_option cmd_serve_options[];
extern const struct cmd_option cmd_import_options[];
extern const struct cmd_option cmd_help_options[];

/* Parses argv[1..] against c->options (plus -h/--help) into `args`, the
 * command's arguments struct, and checks the number of operands. Returns -1
 * to go on, with *first_arg the index of the first operand; otherwise the
 * exit status to end with: 0 after --help (the help printed), 2 after a usage
 * error ("podpub: NAME: what was wrong" and a hint printed). */
int cmd_parse(const struct cmd *c, int argc, char **argv, void *args, int *first_arg);

/* How an option's value is spelt after its name: " DIR", "[=N]" for an
 * optional one, "" for a flag (borrowed, static or the row's). */
const char *cmd_option_arg_prefix(const struct cmd_option *o);

/* Prints "usage: podpub NAME [OPTION]... OPERANDS", wrapped. */
void cmd_print_synopsis(const struct cmd *c, FILE *out);
/* Prints the synopsis, the summary and one line per option. */
void cmd_print_usage(const struct cmd *c, FILE *out);
/* Prints the overview: commands, where to read more, exit statuses. */
void cmd_print_overview(FILE *out);
/* Prints "podpub: [NAME: ]MESSAGE" and "see 'podpub [NAME ]--help'" to stderr;
 * returns PP_EXIT_BAD_INPUT. `c` may be NULL for podpub itself. */
int cmd_usage_error(const struct cmd *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

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
