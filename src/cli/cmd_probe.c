/* cmd_probe.c - `podpub probe [--json] [--loudness] FILE...` */
#include <stdbool.h>
#include <stdlib.h>

#include <jansson.h>

#include "cli/cmd.h"
#include "util.h"
#include "media/probe.h"

static void print_text(const struct probe *p)
{
	long rounded = (long)(p->duration + 0.5);

	diag_fputs(p->path, stdout);
	fputc('\n', stdout);
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
	/* Tags are the file's own bytes: escaped for the terminal. */
	for (size_t i = 0; i < p->tag_count; i++) {
		fputs("  tag ", stdout);
		diag_fputs(p->tags[i].key, stdout);
		fputc(' ', stdout);
		diag_fputs(p->tags[i].value, stdout);
		fputc('\n', stdout);
	}
	if (p->loudness.measured)
		printf("  loudness     %.1f LUFS integrated, range %.1f LU, true peak %.1f dBTP\n",
		       p->loudness.integrated, p->loudness.range, p->loudness.true_peak);
	for (size_t i = 0; i < p->chapters.count; i++)
		printf("  chapter      %9.3f s  %s\n", p->chapters.items[i].start,
		       p->chapters.items[i].title ? p->chapters.items[i].title : "(no title)");
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

struct probe_args {
	bool json;
	bool loudness;
};

const struct cmd_option cmd_probe_options[] = {
	CMD_FLAG(0, "json", "print one JSON array of the files' facts", struct probe_args, json),
	CMD_FLAG(0, "loudness", "also measure EBU R128 loudness and true peak (decodes all the audio)",
		 struct probe_args, loudness),
	CMD_OPTIONS_END
};

int cmd_probe(int argc, char **argv)
{
	struct probe_args args = { false, false };
	bool json;
	enum pp_result worst = PP_OK, res;
	struct diag diag;
	json_t *array = NULL;
	int status, first_arg;

	status = cmd_parse(cmd_find("probe"), argc, argv, &args, &first_arg);
	if (status >= 0)
		return status;
	json = args.json;
	diag_init(&diag);
	if (json && !(array = json_array())) {
		worst = PP_ENOMEM;
		goto out;
	}
	for (int i = first_arg; i < argc; i++) {
		struct probe p;

		probe_init(&p);
		res = probe_file(argv[i], &p, &diag);
		if (res == PP_OK && args.loudness)
			res = probe_loudness(argv[i], &p.loudness, &diag);
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
	status = cmd_finish("probe", worst, &diag);
	diag_release(&diag);
	return status;
}
