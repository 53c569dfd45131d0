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
bool probe_header_length(const struct libav *av, struct AVFormatContext *ctx, int idx,
			 const char *path, struct header_length *out);

#endif
