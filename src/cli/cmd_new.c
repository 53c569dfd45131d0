/* cmd_new.c - `podpub new [--repo DIR] [--date TIME] TITLE` */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cmd.h"
#include "scaffold.h"
#include "show.h"

struct new_args {
	struct scaffold_request req;
};

const struct cmd_option cmd_new_options[] = {
	CMD_VALUE('C', "repo", "DIR", "the show's folder (default: found from here up)",
		  struct new_args, req.root),
	CMD_VALUE(0, "date", "TIME",
		  "the episode's date ('2025-03-04 09:00'; default a week after the newest "
		  "episode, same weekday and time)",
		  struct new_args, req.date),
	CMD_OPTIONS_END
};

int cmd_new(int argc, char **argv)
{
	struct new_args args = { .req = { .root = NULL } };
	char *root = NULL;
	struct scaffold made;
	enum pp_result res;
	struct diag diag;
	int status, first_arg;

	status = cmd_parse(cmd_find("new"), argc, argv, &args, &first_arg);
	if (status >= 0)
		return status;
	args.req.title = argv[first_arg];
	diag_init(&diag);
	scaffold_init(&made);
	res = show_find_root(args.req.root, &root, &diag);
	args.req.root = root;
	if (res == PP_OK)
		res = scaffold_episode(&args.req, &made, &diag);
	if (res == PP_OK) {
		printf("podpub: made %s: episode %ld", made.md_path, made.number);
		if (made.season)
			printf(" of season %ld", made.season);
		printf(", dated %s, with %zu of the newest episode's persons (guests left out), "
		       "a draft\n",
		       made.date, made.person_count);
		printf("next:\n"
		       "  1. put the episode's audio file in %s/\n"
		       "  2. write the show notes in %s (check the date and the persons)\n"
		       "  3. delete its 'draft: true' line, then run 'make validate'\n"
		       "  4. commit the folder and push: CI publishes it on its date\n",
		       made.dir, made.md_path);
	}
	status = cmd_finish("new", res, &diag);
	scaffold_release(&made);
	diag_release(&diag);
	free(root);
	return status;
}
