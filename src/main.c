/* main.c - podpub's entry point: the table of subcommands, dispatch, and
 * the exit status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "interrupt.h"
#include "media/probe.h"
#include "util.h"

/* Every command with its words; `podpub help`, each command's --help, the
 * man page test and the bash completion read this table. */
static const struct cmd commands[] = {
	{ "probe", cmd_probe,
	  "show duration, codec, bit rate, sample rate, channels and tags of audio files",
	  cmd_probe_options, "FILE...", 1, -1 },
	{ "build", cmd_build, "read podcast.yaml and episodes/, write and check feed/feed.xml",
	  cmd_build_options, "", 0, 0 },
	{ "lint", cmd_lint,
	  "check a podcast feed (any feed) against RSS 2.0, Apple and Podcasting 2.0 rules",
	  cmd_lint_options, "FEED", 0, 1 },
	{ "publish", cmd_publish, "build, check, then copy media, art and feed (last) to the target",
	  cmd_publish_options, "", 0, 0 },
	{ "serve", cmd_serve,
	  "serve the show (feed, media, site) on 127.0.0.1, rebuilt as its files change",
	  cmd_serve_options, "", 0, 0 },
	{ "check-target", cmd_check_target,
	  "try a target's settings: connect, log in, write, read back and remove a file",
	  cmd_check_target_options, "", 0, 0 },
	{ "new", cmd_new, "make episodes/<slug>/episode.md for a new episode, from its title",
	  cmd_new_options, "TITLE", 1, 1 },
	{ "import", cmd_import,
	  "make a new show from another host's feed: podcast.yaml, episodes, audio, guids kept",
	  cmd_import_options, "FEED_URL|FILE", 1, 1 },
	{ "help", cmd_help, "show the commands, or one command's options", cmd_help_options,
	  "[COMMAND]", 0, 1 },
	{ "version", cmd_version, "print podpub's version", NULL, "", 0, 0 },
	{ "completion", cmd_completion, "print a completion script for SHELL (bash)", NULL,
	  "SHELL", 1, 1 },
};

/* What users type instead of a command. */
static const struct {
	const char *arg, *command;
} aliases[] = {
	{ "-h", "help" },
	{ "--help", "help" },
	{ "-V", "version" },
	{ "--version", "version" },
};

const struct cmd *cmd_list(size_t *count)
{
	*count = COUNT(commands);
	return commands;
}

const struct cmd *cmd_find(const char *name)
{
	for (size_t i = 0; i < COUNT(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* The command `typo` was most likely meant to be, or NULL. */
static const struct cmd *suggest(const char *typo)
{
	const struct cmd *best = NULL;
	size_t best_distance = 3; /* at most two edits away */

	if (!typo[0])
		return NULL;
	for (size_t i = 0; i < COUNT(commands); i++) {
		size_t d = strncmp(commands[i].name, typo, strlen(typo)) == 0
				   ? 1 /* a prefix: "pub" */
				   : pp_edit_distance(typo, commands[i].name);

		if (d < best_distance) {
			best = &commands[i];
			best_distance = d;
		}
	}
	return best;
}

int main(int argc, char **argv)
{
	const char *name;
	const struct cmd *c, *maybe;

	interrupt_catch();
	probe_process_init();
	if (argc < 2) {
		cmd_print_overview(stderr);
		return PP_EXIT_BAD_INPUT;
	}
	name = argv[1];
	for (size_t i = 0; i < COUNT(aliases); i++)
		if (strcmp(aliases[i].arg, name) == 0)
			name = aliases[i].command;
	c = cmd_find(name);
	if (c)
		return c->run(argc - 1, argv + 1);
	if (name[0] == '-')
		return cmd_usage_error(NULL, "unknown option '%s'", name);
	fprintf(stderr, "podpub: unknown command '%s'\n", name);
	if ((maybe = suggest(name)))
		fprintf(stderr, "did you mean '%s'?\n", maybe->name);
	fputs("see 'podpub help'\n", stderr);
	return PP_EXIT_BAD_INPUT;
}
