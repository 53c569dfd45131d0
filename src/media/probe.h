/* probe.h - facts about one audio file, read with libavformat.
 *
 * Only src/media/ includes libav* headers; the libraries are loaded by
 * dlopen when a file is first read (media/libav.h), with their own log
 * silenced ("misdetection possible!") unless PODPUB_DEBUG is set: podpub
 * reports problems through diag with the library's words instead. The
 * duration is exact: where the container only estimates it from the
 * bitrate, the packets are walked. */
#ifndef PODPUB_PROBE_H
#define PODPUB_PROBE_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "media/chapters.h"
#include "result.h"

enum probe_duration_source {
	PROBE_DURATION_HEADER,  /* the container states the length */
	PROBE_DURATION_PACKETS  /* measured by walking every packet */
};

/* EBU R128 figures of the whole file (libavfilter's ebur128, true peak). */
struct probe_loudness {
	bool measured;     /* false: not asked for (a full decode is slow) */
	double integrated; /* LUFS */
	double range;      /* LRA, LU */
	double true_peak;  /* dBTP, the loudest channel's */
};

struct probe_tag {
	char *key;   /* lowercase, as libavformat names it ("title", "artist") */
	char *value; /* UTF-8 */
};

struct probe {
	char *path;
	char *container;       /* libavformat short name: "mp3", "ogg", "mov,mp4,m4a,3gp,3g2,mj2" */
	char *codec;           /* codec name: "mp3", "aac", "opus", "vorbis", "flac", "pcm_s16le" */
	const char *mime_type; /* static: "audio/mpeg", "audio/x-m4a", "audio/ogg", ... */
	const char *extension; /* static, without dot: "mp3", "m4a", "ogg", "opus", "flac", "wav" */
	double duration;       /* seconds, exact (decoded length) */
	enum probe_duration_source duration_source;
	int64_t bit_rate;      /* bits per second, average over the audio */
	int sample_rate;       /* Hz */
	int channels;
	bool has_cover_art;    /* an attached picture stream */
	bool has_video;        /* a moving-picture stream besides the audio */
	struct probe_tag *tags;
	size_t tag_count;
	size_t tag_alloc;
	struct chapters chapters; /* ID3v2 CHAP, MP4 chapters; titles UTF-8 */
	struct probe_loudness loudness; /* set by probe_loudness, kept by the cache */
};

/* Facts about a cover image, read with libavformat like the audio. */
struct probe_image {
	const char *format;   /* static: "png" or "jpeg" */
	int width;
	int height;
	bool color;           /* three colour components (RGB or YCbCr), not grey */
};

/* Reads an image's format and size. A file that is not a PNG or JPEG gives
 * PP_EMEDIA and a diag error naming it. */
enum pp_result probe_image(const char *path, struct probe_image *out,
			   struct diag *diag) PP_MUST_USE;

/* probe_image for `len` bytes in memory (an image fetched over the
 * network): they go through a temporary file, so the checks and limits of
 * probe_image apply as they are. Messages name the temporary file. */
enum pp_result probe_image_data(const void *data, size_t len, struct probe_image *out,
				struct diag *diag) PP_MUST_USE;

/* The picture an audio file carries (ID3v2 APIC, MP4 covr, FLAC
 * PICTURE): the first stream libavformat marks as an attached picture. */
struct probe_picture {
	struct probe_image image; /* format NULL: neither PNG nor JPEG */
	const char *codec;        /* static: libavcodec's name of it, for messages */
	char *data;               /* its bytes (caller frees); NULL when over the limit */
	size_t size;              /* 0: the audio carries no picture */
};

/* The most of an embedded picture podpub copies out: art is well under a
 * megabyte, and the bytes stay in memory until the publish. */
#define PROBE_PICTURE_MAX ((size_t)8 << 20)

/* Reads the picture embedded in the audio file `path` into `out` (size 0
 * when there is none). A file that cannot be read gives PP_EMEDIA or
 * PP_EIO and a diag error naming it. */
enum pp_result probe_attached_picture(const char *path, struct probe_picture *out,
				      struct diag *diag) PP_MUST_USE;

/* Process-wide settings that make probing many files faster (malloc's):
 * main calls it once, first. */
void probe_process_init(void);

/* The first read of media in a run maps libav* and the hundred libraries
 * they need, ~25 ms. A build that expects to read media starts that in a
 * thread of its own and goes on reading the show meanwhile; the first probe
 * finds the libraries mapped, or waits for the mapping under way (dlopen
 * does). Finish joins the thread: call it once started, before returning. */
struct probe_warmup {
	pthread_t thread;
	bool started;
};
void probe_warmup_start(struct probe_warmup *w);
void probe_warmup_finish(struct probe_warmup *w);

void probe_init(struct probe *p);
void probe_release(struct probe *p);

/* Probes `path` into `out` (released by the caller with probe_release even on
 * failure). A file that is missing, empty, corrupt or has no audio stream
 * gives PP_EMEDIA (or PP_EIO) and a diag error naming the file. */
enum pp_result probe_file(const char *path, struct probe *out, struct diag *diag) PP_MUST_USE;

/* Measures the EBU R128 integrated loudness, loudness range and true peak
 * of `path` by decoding all of it (loudness.c). A file that cannot be
 * decoded gives PP_EMEDIA and a diag error naming it. */
enum pp_result probe_loudness(const char *path, struct probe_loudness *out,
			      struct diag *diag) PP_MUST_USE;

/* Borrowed: the tag's value, or NULL when the file has no such tag. */
const char *probe_tag(const struct probe *p, const char *key);

/* The probe as a JSON object text (jansson), keys: path, container, codec,
 * mime_type, duration (seconds, number), duration_source ("header"|"packets"),
 * bit_rate, sample_rate, channels, has_cover_art, tags (object), chapters
 * (array of {start, title}), and loudness ({integrated, range, true_peak})
 * when measured.
 * Caller frees; NULL when out of memory. */
char *probe_to_json(const struct probe *p);

#endif
