/* cmd_serve.c - `podpub serve [--repo DIR] [--port PORT] [--bind ADDRESS]
 * [--now TIME] [--include-future]`:
 * the show, its feed, media and site on a local address, rebuilt as the
 * producer edits it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cmd.h"
#include "serve.h"

struct serve_args {
	const char *root, *port, *bind;
	struct schedule_options schedule;
};

const struct cmd_option cmd_serve_options[] = {
	CMD_VALUE('C', "repo", "DIR", "the show's folder (default: found from here up)",
		  struct serve_args, root),
	CMD_VALUE('p', "port", "PORT", "the port to listen on (default 8080; 0: any free one)",
		  struct serve_args, port),
	CMD_VALUE('b', "bind", "ADDRESS", "the address to listen on (default 127.0.0.1)",
		  struct serve_args, bind),
	CMD_VALUE(0, "now", "TIME", "serve the show as of TIME (episode.md's date syntax)",
		  struct serve_args, schedule.now),
	CMD_FLAG(0, "include-future", "a preview: serve scheduled episodes too",
		 struct serve_args, schedule.include_future),
	CMD_OPTIONS_END
};

static void listening(void *ctx, const char *url)
{
	(void)ctx;
	printf("podpub: serving the show at %s; Ctrl-C stops\n", url);
	fflush(stdout);
}

/* Each build's messages as they come: the producer is editing the show. */
static void built(void *ctx, enum pp_result res, const struct build *b, struct diag *diag)
{
	(void)ctx;
	cmd_print_lint("feed.xml", &b->lint, stderr);
	diag_print(diag, stderr);
	diag_release(diag);
	if (res == PP_OK)
		printf("podpub: built %zu episodes, %zu pages\n", b->show.episode_count,
		       b->site.count);
	else
		fprintf(stderr, "podpub: serve: the show does not build (%s); serving the last good build\n",
			pp_strerror(res));
	fflush(stdout);
}

int cmd_serve(int argc, char **argv)
{
	struct serve_args args = { .root = NULL, .port = "8080", .bind = "127.0.0.1" };
	struct serve_options opt = { .listening = listening, .built = built };
	enum pp_result res;
	struct diag diag;
	char *root = NULL;
	char *end;
	long port;
	int status, first_arg;

	status = cmd_parse(cmd_find("serve"), argc, argv, &args, &first_arg);
	if (status >= 0)
		return status;
	errno = 0;
	port = strtol(args.port, &end, 10);
	if (errno || *end || end == args.port || port < 0 || port > 65535)
		return cmd_usage_error(cmd_find("serve"), "--port '%s' is not a port number (0 to 65535)",
				       args.port);
	opt.bind = args.bind;
	opt.port = (unsigned)port;
	opt.schedule = &args.schedule;
	diag_init(&diag);
	res = show_find_root(args.root, &root, &diag);
	opt.root = root;
	if (res == PP_OK)
		res = serve_show(&opt, &diag);
	if (res == PP_OK)
		printf("podpub: stopped\n");
	status = cmd_finish("serve", res, &diag);
	diag_release(&diag);
	free(root);
	return status;
}
