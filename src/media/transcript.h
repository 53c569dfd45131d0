/* transcript.h - an episode's transcript file, WebVTT or SubRip: its bytes
 * checked (they come from anyone who can add a file to an episode folder)
 * and its cues read, for podcast:transcript and the episode's web page.
 * https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md#transcript
 * https://www.w3.org/TR/webvtt1/ */
#ifndef PODPUB_TRANSCRIPT_H
#define PODPUB_TRANSCRIPT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "result.h"

/* What podpub reads of one transcript (README.md, "Limits"): a three-hour
 * episode's captions are some 300 KB and 3000 cues. */
#define TRANSCRIPT_MAX_BYTES ((size_t)4 << 20)
#define TRANSCRIPT_MAX_CUES 50000
/* How far past the end of the audio a cue may end, in seconds: tools round
 * the last cue up to a whole second or a frame. */
#define TRANSCRIPT_TOLERANCE 1.0

enum transcript_format { TRANSCRIPT_VTT, TRANSCRIPT_SRT };

struct transcript_cue {
	double start; /* seconds */
	double end;
	char *text;   /* plain text: markup and entities gone, lines joined by '\n' */
	int line;     /* of its timing line */
};

struct transcript {
	enum transcript_format format;
	struct transcript_cue *cues;
	size_t count;
	size_t alloc;
};

void transcript_init(struct transcript *t);
void transcript_release(struct transcript *t);

/* The format a file name's ending gives (".vtt", ".srt", in any case);
 * false for any other name. */
bool transcript_format_of(const char *name, enum transcript_format *out);

/* Static: "text/vtt" or "application/x-subrip", as podcast:transcript
 * names them; and the published file's ending, ".vtt" or ".srt". */
const char *transcript_media_type(enum transcript_format format);
const char *transcript_suffix(enum transcript_format format);
/* Static: how the web serves the file, "text/vtt; charset=utf-8". */
const char *transcript_content_type(enum transcript_format format);

/* Reads `len` bytes of `format` into `out` (released by the caller even on
 * failure). They must be UTF-8 (a byte order mark allowed) without control
 * characters; a WebVTT file starts with "WEBVTT"; every cue has a timing
 * line ("00:01:02.500 --> 00:01:04.000"; SubRip writes "00:01:02,500"),
 * starts no later than it ends, no earlier than the cue before, and ends
 * within `duration` seconds (plus TRANSCRIPT_TOLERANCE; a duration of 0 or
 * less checks nothing). The first problem is a diag error naming `path`
 * and its line; the result is PP_EPARSE then. */
enum pp_result transcript_parse(const char *data, size_t len, enum transcript_format format,
				double duration, const char *path, struct transcript *out,
				struct diag *diag) PP_MUST_USE;

#endif
