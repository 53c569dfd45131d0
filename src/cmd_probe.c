/* cmd_probe.c - `podpub probe [--json] FILE...` */
#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>

#include <jansson.h>

#include "cmd.h"
#include "probe.h"

static void print_text(const struct probe *p)
{
	long rounded = (long)(p->duration + 0.5);

	printf("%s\n", p->path);
	printf("  container    %s\n", p->container);
	printf("  codec        %s\n", p->codec);
	printf("  mime type    %s\n", p->mime_type);
	printf("  duration     %.3f s (%ld:%02ld:%02ld, %s)\n", p->duration, rounded / 3600,
	       rounded / 60 % 60, rounded % 60,
	       p->duration_source == PROBE_DURATION_PACKETS ? "measured from packets"
							    : "stated by the header");
	printf("  bit rate     %.1f kb/s\n", (double)p->bit_rate / 1000.0);
	printf("  sample rate  %d Hz\n", p->sample_rate);
	printf("  channels     %d\n", p->channels);
	printf("  cover art    %s\n", p->has_cover_art ? "yes" : "no");
	for (size_t i = 0; i < p->tag_count; i++)
		printf("  tag %-8s %s\n", p->tags[i].key, p->tags[i].value);
}

/* Appends the probe's JSON object to `array`. */
static enum pp_result add_json(json_t *array, const struct probe *p)
{
	char *text = probe_to_json(p);
	json_t *obj = text ? json_loads(text, 0, NULL) : NULL;

	free(text);
	if (!obj || json_array_append_new(array, obj) != 0)
		return PP_ENOMEM;
	return PP_OK;
}

int cmd_probe(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum pp_result worst = PP_OK, res;
	struct diag diag;
	json_t *array = NULL;
	bool json = false;
	int opt;

	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case 'j':
			json = true;
			break;
		case 'h':
			cmd_usage(cmd_find("probe"), stdout);
			return PP_EXIT_OK;
		default:
			cmd_usage(cmd_find("probe"), stderr);
			return PP_EXIT_BAD_INPUT;
		}
	}
	if (optind >= argc) {
		cmd_usage(cmd_find("probe"), stderr);
		return PP_EXIT_BAD_INPUT;
	}
	diag_init(&diag);
	if (json && !(array = json_array())) {
		worst = PP_ENOMEM;
		goto out;
	}
	for (int i = optind; i < argc; i++) {
		struct probe p;

		probe_init(&p);
		res = probe_file(argv[i], &p, &diag);
		if (res == PP_OK && json)
			res = add_json(array, &p);
		else if (res == PP_OK)
			print_text(&p);
		probe_release(&p);
		if (res != PP_OK && (worst == PP_OK || res == PP_ENOMEM))
			worst = res;
	}
	if (json) {
		res = cmd_print_json(array);
		array = NULL;
		if (res != PP_OK)
			worst = res;
	}
out:
	json_decref(array);
	{
		int status = cmd_finish("probe", worst, &diag);

		diag_release(&diag);
		return status;
	}
}
