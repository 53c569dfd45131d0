/* libav.c - libavformat, libavcodec and libavutil by dlopen (libav.h).
 *
 * Linked, they cost every podpub run ~20 ms at start-up (some 150 shared
 * libraries to map and relocate, libhwy's constructors), a cached rebuild's
 * included, which never reads a media file. Loaded here, only a run that
 * probes pays, once. */
#include "media/libav.h"

#include <dlfcn.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

enum libav_library { LIB_FORMAT, LIB_CODEC, LIB_UTIL };

/* Each library by the soname podpub was built against, and the Debian
 * package that has it. */
static const struct {
	const char *soname;
	const char *package;
	size_t handle; /* offset of its handle in struct libav */
} libraries[] = {
	[LIB_FORMAT] = { "libavformat.so." AV_STRINGIFY(LIBAVFORMAT_VERSION_MAJOR),
			 "libavformat" AV_STRINGIFY(LIBAVFORMAT_VERSION_MAJOR),
			 offsetof(struct libav, format) },
	[LIB_CODEC] = { "libavcodec.so." AV_STRINGIFY(LIBAVCODEC_VERSION_MAJOR),
			"libavcodec" AV_STRINGIFY(LIBAVCODEC_VERSION_MAJOR),
			offsetof(struct libav, codec) },
	[LIB_UTIL] = { "libavutil.so." AV_STRINGIFY(LIBAVUTIL_VERSION_MAJOR),
		       "libavutil" AV_STRINGIFY(LIBAVUTIL_VERSION_MAJOR),
		       offsetof(struct libav, util) },
};

/* Each function's library, name, and where its address goes. */
#define SYMBOL(lib, fn) { lib, #fn, offsetof(struct libav, fn) }

static const struct {
	enum libav_library lib;
	const char *name;
	size_t offset;
} symbols[] = {
	SYMBOL(LIB_FORMAT, avformat_alloc_context),
	SYMBOL(LIB_FORMAT, avformat_open_input),
	SYMBOL(LIB_FORMAT, avformat_find_stream_info),
	SYMBOL(LIB_FORMAT, avformat_close_input),
	SYMBOL(LIB_FORMAT, avformat_index_get_entries_count),
	SYMBOL(LIB_FORMAT, avformat_index_get_entry),
	SYMBOL(LIB_FORMAT, av_find_best_stream),
	SYMBOL(LIB_FORMAT, av_find_input_format),
	SYMBOL(LIB_FORMAT, av_read_frame),
	SYMBOL(LIB_CODEC, avcodec_alloc_context3),
	SYMBOL(LIB_CODEC, avcodec_free_context),
	SYMBOL(LIB_CODEC, avcodec_find_decoder),
	SYMBOL(LIB_CODEC, avcodec_get_name),
	SYMBOL(LIB_CODEC, avcodec_open2),
	SYMBOL(LIB_CODEC, avcodec_parameters_to_context),
	SYMBOL(LIB_CODEC, avcodec_send_packet),
	SYMBOL(LIB_CODEC, avcodec_receive_frame),
	SYMBOL(LIB_CODEC, av_packet_alloc),
	SYMBOL(LIB_CODEC, av_packet_free),
	SYMBOL(LIB_CODEC, av_packet_unref),
	SYMBOL(LIB_CODEC, av_packet_get_side_data),
	SYMBOL(LIB_UTIL, av_channel_layout_copy),
	SYMBOL(LIB_UTIL, av_channel_layout_default),
	SYMBOL(LIB_UTIL, av_channel_layout_describe),
	SYMBOL(LIB_UTIL, av_channel_layout_uninit),
	SYMBOL(LIB_UTIL, av_dict_get),
	SYMBOL(LIB_UTIL, av_dict_set),
	SYMBOL(LIB_UTIL, av_dict_free),
	SYMBOL(LIB_UTIL, av_frame_alloc),
	SYMBOL(LIB_UTIL, av_frame_free),
	SYMBOL(LIB_UTIL, av_frame_unref),
	SYMBOL(LIB_UTIL, av_get_sample_fmt_name),
	SYMBOL(LIB_UTIL, av_log_set_callback),
	SYMBOL(LIB_UTIL, av_log_set_level),
	SYMBOL(LIB_UTIL, av_pix_fmt_desc_get),
	SYMBOL(LIB_UTIL, av_rescale_q),
	SYMBOL(LIB_UTIL, av_strdup),
	SYMBOL(LIB_UTIL, av_strerror),
};

_Static_assert(COUNT(symbols) == LIBAV_FUNCTIONS, "every function of struct libav has its row");
_Static_assert(sizeof(struct libav) == 3 * sizeof(void *) + LIBAV_FUNCTIONS * sizeof(void (*)(void)),
	       "struct libav holds the handles and one pointer per row");

/* libav's log when it is not wanted: libavutil formats a line before its
 * default callback drops it by level, and the mov demuxer logs a trace line
 * per sample (av_log was ~6% of probing a 60-minute .m4a). */
static void log_nothing(void *avcl, int level, const char *fmt, va_list args)
{
	(void)avcl;
	(void)level;
	(void)fmt;
	(void)args;
}

static void **handle_of(struct libav *lib, enum libav_library which)
{
	return (void **)(void *)((char *)lib + libraries[which].handle);
}

enum pp_result libav_load(struct libav *lib, const char *path, struct diag *diag)
{
	memset(lib, 0, sizeof(*lib));
	for (size_t i = 0; i < COUNT(libraries); i++) {
		/* NODELETE: the code stays mapped after dlclose, so the next
		 * load is a reference count, and no pointer into the library
		 * (a demuxer's name, the log callback's caller) outlives it. */
		void *h = dlopen(libraries[i].soname, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);

		if (!h) {
			diag_error(diag, path, 0, "cannot read media: %s (Debian's %s package has it)",
				   dlerror(), libraries[i].package);
			libav_release(lib);
			return PP_EINTERNAL;
		}
		*handle_of(lib, (enum libav_library)i) = h;
	}
	for (size_t i = 0; i < COUNT(symbols); i++) {
		void *fn = dlsym(*handle_of(lib, symbols[i].lib), symbols[i].name);

		if (!fn) {
			diag_error(diag, path, 0, "cannot read media: %s has no %s (Debian's %s package)",
				   libraries[symbols[i].lib].soname, symbols[i].name,
				   libraries[symbols[i].lib].package);
			libav_release(lib);
			return PP_EINTERNAL;
		}
		/* POSIX lets a function's address pass through void *. */
		memcpy((char *)lib + symbols[i].offset, &fn, sizeof(fn));
	}
	/* Process-wide settings of libavutil's, set again by every load: the
	 * same values each time, and none to keep on podpub's side. */
	if (getenv("PODPUB_DEBUG")) {
		lib->av_log_set_level(AV_LOG_INFO);
	} else {
		lib->av_log_set_level(AV_LOG_QUIET);
		lib->av_log_set_callback(log_nothing);
	}
	return PP_OK;
}

void libav_map(void)
{
	for (size_t i = 0; i < COUNT(libraries); i++) {
		void *h = dlopen(libraries[i].soname, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);

		if (h)
			dlclose(h);
	}
}

void libav_release(struct libav *lib)
{
	for (size_t i = 0; i < COUNT(libraries); i++) {
		void **h = handle_of(lib, (enum libav_library)i);

		if (*h)
			dlclose(*h);
	}
	memset(lib, 0, sizeof(*lib));
}

const char *libav_strerror(const struct libav *av, int err, char buf[AV_ERROR_MAX_STRING_SIZE])
{
	av->av_strerror(err, buf, AV_ERROR_MAX_STRING_SIZE);
	return buf;
}
