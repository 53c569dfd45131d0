/* libav.h - libavformat, libavcodec and libavutil, loaded by dlopen when a
 * file is read, not linked into podpub.
 *
 * Inside src/media/ only: like lint_int.h, it names library types. The
 * libav* headers are included for their types, macros and inline functions;
 * every call into the libraries goes through a struct libav's pointers
 * (av->avformat_open_input(...)), which the linker enforces: podpub does not
 * link them, so a direct call does not build.
 *
 * Each public entry point that reads media (probe_file, probe_image,
 * probe_attached_picture, probe_loudness) loads its own struct libav and
 * passes it down; no state is kept between calls. The first load in a
 * process maps the libraries (some 150 with their dependencies, ~20 ms); the
 * libraries stay mapped (RTLD_NODELETE), so every later load only looks the
 * symbols up again, a few microseconds. */
#ifndef PODPUB_LIBAV_H
#define PODPUB_LIBAV_H

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/error.h>
#include <libavutil/log.h>
#include <libavutil/pixdesc.h>
#include <libavutil/samplefmt.h>

#include "diag.h"
#include "result.h"

/* A pointer with the exact type of the library's declaration of `fn`, so the
 * compiler checks every call as it would a direct one. */
#define LIBAV_FN(fn) __typeof__(fn) *fn

/* Every libav* function podpub calls, named as the library names it. */
struct libav {
	void *format, *codec, *util; /* the dlopen handles */

	/* libavformat */
	LIBAV_FN(avformat_alloc_context);
	LIBAV_FN(avformat_open_input);
	LIBAV_FN(avformat_find_stream_info);
	LIBAV_FN(avformat_close_input);
	LIBAV_FN(avformat_index_get_entries_count);
	LIBAV_FN(avformat_index_get_entry);
	LIBAV_FN(av_find_best_stream);
	LIBAV_FN(av_find_input_format);
	LIBAV_FN(av_read_frame);
	/* libavcodec */
	LIBAV_FN(avcodec_alloc_context3);
	LIBAV_FN(avcodec_free_context);
	LIBAV_FN(avcodec_find_decoder);
	LIBAV_FN(avcodec_get_name);
	LIBAV_FN(avcodec_open2);
	LIBAV_FN(avcodec_parameters_to_context);
	LIBAV_FN(avcodec_send_packet);
	LIBAV_FN(avcodec_receive_frame);
	LIBAV_FN(av_packet_alloc);
	LIBAV_FN(av_packet_free);
	LIBAV_FN(av_packet_unref);
	LIBAV_FN(av_packet_get_side_data);
	/* libavutil */
	LIBAV_FN(av_channel_layout_copy);
	LIBAV_FN(av_channel_layout_default);
	LIBAV_FN(av_channel_layout_describe);
	LIBAV_FN(av_channel_layout_uninit);
	LIBAV_FN(av_dict_get);
	LIBAV_FN(av_dict_set);
	LIBAV_FN(av_dict_free);
	LIBAV_FN(av_frame_alloc);
	LIBAV_FN(av_frame_free);
	LIBAV_FN(av_frame_unref);
	LIBAV_FN(av_get_sample_fmt_name);
	LIBAV_FN(av_log_set_callback);
	LIBAV_FN(av_log_set_level);
	LIBAV_FN(av_pix_fmt_desc_get);
	LIBAV_FN(av_rescale_q);
	LIBAV_FN(av_strdup);
	LIBAV_FN(av_strerror);
};

/* The number of functions in a struct libav (for the loader's test). */
#define LIBAV_FUNCTIONS 38

/* Loads the three libraries (the sonames podpub was built against:
 * libavformat.so.59, ...) and every function. Sets libav's log: silent,
 * or its own lines on stderr when PODPUB_DEBUG is set (for bug reports).
 * A library or function that is missing gives PP_EINTERNAL and a diag error
 * naming `path` (the file that was to be read), the library and its Debian
 * package. `lib` is released with libav_release in every case. */
enum pp_result libav_load(struct libav *lib, const char *path, struct diag *diag) PP_MUST_USE;

/* Closes what libav_load opened (the libraries stay mapped); safe twice. */
void libav_release(struct libav *lib);

/* Maps the libraries as libav_load does and closes them again (they stay
 * mapped), looking nothing up and telling nothing: the probe warm-up's
 * thread runs it, and the load after it finds them there. */
void libav_map(void);

/* av_err2str through the loaded av_strerror: the library's words for a
 * negative AVERROR. The text lives until the end of the enclosing block. */
#define libav_err2str(av, err) libav_strerror((av), (err), (char[AV_ERROR_MAX_STRING_SIZE]){ 0 })

const char *libav_strerror(const struct libav *av, int err, char buf[AV_ERROR_MAX_STRING_SIZE]);

#endif
