/* probe_header.h - the length a file's header states, believed only when the
 * file agrees with it. Inside src/media/ only (probe.c calls it): like
 * lint_int.h, it names a library type, declared, never included. */
#ifndef PODPUB_PROBE_HEADER_H
#define PODPUB_PROBE_HEADER_H

#include <stdbool.h>
#include <stdint.h>

struct AVFormatContext;
struct libav;

/* A length of `units` / `per_second` seconds, as the decoder would output it
 * (encoder delay and padding, pre-skip and edit lists taken off). */
struct header_length {
	int64_t units;
	int64_t per_second;
	int64_t audio_bytes; /* the coded audio, for the average bit rate */
	const char *header;  /* static: "LAME/Xing", "VBRI", "moov", "Ogg granule", ... */
};

/* Reads the stated length of stream `idx` of the opened `ctx` (the file at
 * `path`, read with the loaded `av`) from its header: MP3 Xing/Info (with LAME's gapless delay and
 * padding) or VBRI, the MP4 moov's sample table and edit list, the last
 * Ogg page's granule (less Opus pre-skip), FLAC STREAMINFO total samples,
 * the WAV data size. True only when the header states the length exactly
 * and the file agrees (its byte count, its last page or frame); false
 * otherwise, and then the caller walks the packets. Never an error: a file
 * the check cannot read is simply not believed. */
/* An MP4's one edit (its audio track's elst): the media it plays starts at
 * `media_time` and lasts `duration`, both in the track's units
 * (`media_scale` a second); `segment` is the duration as written, in the
 * movie's units. */
struct mp4_edit {
	int64_t media_time, duration, segment;
	uint32_t media_scale;
};

/* Reads the edit list of the one sound track of the MP4 file `path`,
 * box by box (the sample tables are not read): true when it is one edit at
 * rate 1 from a media_time of 0 or more, what an encoder writes to skip
 * its priming and padding. Anything else, or a box that does not parse:
 * false. libavformat can then be told to ignore the edit list (copying its
 * sample table to apply it costs most of an MP4's open) and the length
 * trimmed here. */
bool probe_mp4_edit(const char *path, struct mp4_edit *out);

bool probe_header_length(const struct libav *av, struct AVFormatContext *ctx, int idx,
			 const char *path, const struct mp4_edit *edit, struct header_length *out);

#endif
