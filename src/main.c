/* main.c - podpub's entry point: a table of subcommands and the help. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "version.h"
#include "media/probe.h"
#include "util.h"

static const struct cmd commands[] = {
	{ "probe", cmd_probe, "[--json] FILE...",
	  "show duration, codec, bit rate, sample rate, channels and tags of audio files" },
	{ "build", cmd_build, "[--repo DIR] [--output FILE]",
	  "read podcast.yaml and episodes/, write and check feed/feed.xml" },
	{ "lint", cmd_lint, "[--json] FEED",
	  "check a podcast feed (any feed) against RSS 2.0 and Apple Podcasts rules" },
	{ "publish", cmd_publish,
	  "[--dry-run] [--json] [--repo DIR] [--target LOCATION] [--allow-removal]",
	  "build, check, then copy media, art and feed (last) to the target" },
};

#define COMMAND_COUNT COUNT(commands)

const struct cmd *cmd_find(const char *name)
{
	for (size_t i = 0; i < COMMAND_COUNT; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

void cmd_usage(const struct cmd *c, FILE *out)
{
	fprintf(out, "usage: podpub %s %s\n  %s\n", c->name, c->usage, c->summary);
}

static void print_help(FILE *out)
{
	fputs("usage: podpub COMMAND [OPTIONS]\n\ncommands:\n", out);
	for (size_t i = 0; i < COMMAND_COUNT; i++)
		fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fputs("\n'podpub COMMAND --help' shows a command's options.\n"
	      "\nexit status:\n"
	      "  0  success\n"
	      "  1  lint found warnings only\n"
	      "  2  bad input: a file to fix (podcast.yaml, an episode, its audio), or the feed has errors\n"
	      "  3  the publish target failed; nothing half-done is live, a retry may help\n"
	      "  4  internal error (out of memory, a bug)\n",
	      out);
}

int main(int argc, char **argv)
{
	const struct cmd *c;

	/* PODPUB_DEBUG=1 shows libav's own messages, for bug reports. */
	probe_library_logs(getenv("PODPUB_DEBUG") != NULL);
	if (argc < 2) {
		print_help(stderr);
		return PP_EXIT_BAD_INPUT;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		if (argc > 2 && (c = cmd_find(argv[2]))) {
			cmd_usage(c, stdout);
			return PP_EXIT_OK;
		}
		print_help(stdout);
		return PP_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("podpub %s\n", PODPUB_VERSION);
		return PP_EXIT_OK;
	}
	c = cmd_find(argv[1]);
	if (!c) {
		fprintf(stderr, "podpub: unknown command '%s'\n", argv[1]);
		print_help(stderr);
		return PP_EXIT_BAD_INPUT;
	}
	return c->run(argc - 1, argv + 1);
}
