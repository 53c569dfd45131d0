/* loudness.c - EBU R128 loudness of an audio file: every sample decoded and
 * run through libavfilter's ebur128 filter (with true peak). Slow by
 * nature, so only called when asked for; the probe cache keeps the result.
 *
 * libavfilter is loaded here, by dlopen, when a loudness is measured, not
 * linked into podpub: it brings some thirty libraries of its own, and
 * loading them took 13 ms of every run, a cached rebuild's included, that
 * never measures anything. libavformat, libavcodec and libavutil come
 * from libav.c's table, loaded the same way. */
#include "media/probe.h"

#include <dlfcn.h>
#include <stddef.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libavfilter/avfilter.h>
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>

#include "media/libav.h"
#include "util.h"

/* The libavfilter functions used, found by name in the loaded library. */
struct avfilter_api {
	void *handle;
	AVFilterGraph *(*graph_alloc)(void);
	void (*graph_free)(AVFilterGraph **graph);
	int (*graph_config)(AVFilterGraph *graph, void *log_ctx);
	int (*graph_parse_ptr)(AVFilterGraph *graph, const char *filters, AVFilterInOut **inputs,
			       AVFilterInOut **outputs, void *log_ctx);
	int (*graph_create_filter)(AVFilterContext **filt_ctx, const AVFilter *filt,
				   const char *name, const char *args, void *opaque,
				   AVFilterGraph *graph_ctx);
	const AVFilter *(*get_by_name)(const char *name);
	AVFilterInOut *(*inout_alloc)(void);
	void (*inout_free)(AVFilterInOut **inout);
	int (*buffersrc_add_frame)(AVFilterContext *ctx, AVFrame *frame);
	int (*buffersink_get_frame)(AVFilterContext *ctx, AVFrame *frame);
};

/* The soname podpub was built against: "libavfilter.so.8". */
#define AVFILTER_SONAME "libavfilter.so." AV_STRINGIFY(LIBAVFILTER_VERSION_MAJOR)

/* Each symbol's name and where its address goes. */
#define API_SYMBOL(field, name) { name, offsetof(struct avfilter_api, field) }

static bool api_load(struct avfilter_api *api, const char *path, struct diag *diag)
{
	static const struct {
		const char *name;
		size_t offset;
	} symbols[] = {
		API_SYMBOL(graph_alloc, "avfilter_graph_alloc"),
		API_SYMBOL(graph_free, "avfilter_graph_free"),
		API_SYMBOL(graph_config, "avfilter_graph_config"),
		API_SYMBOL(graph_parse_ptr, "avfilter_graph_parse_ptr"),
		API_SYMBOL(graph_create_filter, "avfilter_graph_create_filter"),
		API_SYMBOL(get_by_name, "avfilter_get_by_name"),
		API_SYMBOL(inout_alloc, "avfilter_inout_alloc"),
		API_SYMBOL(inout_free, "avfilter_inout_free"),
		API_SYMBOL(buffersrc_add_frame, "av_buffersrc_add_frame"),
		API_SYMBOL(buffersink_get_frame, "av_buffersink_get_frame"),
	};

	memset(api, 0, sizeof(*api));
	if (!(api->handle = dlopen(AVFILTER_SONAME, RTLD_NOW | RTLD_LOCAL))) {
		diag_error(diag, path, 0,
			   "cannot measure loudness: %s (Debian's libavfilter8 package has it)",
			   dlerror());
		return false;
	}
	for (size_t i = 0; i < COUNT(symbols); i++) {
		void *fn = dlsym(api->handle, symbols[i].name);

		if (!fn) {
			diag_error(diag, path, 0, "cannot measure loudness: %s has no %s",
				   AVFILTER_SONAME, symbols[i].name);
			return false;
		}
		/* POSIX lets a function's address pass through void *. */
		memcpy((char *)api + symbols[i].offset, &fn, sizeof(fn));
	}
	return true;
}

struct measure {
	const struct libav *av;
	const struct avfilter_api *api;
	AVFormatContext *fmt;
	AVCodecContext *dec;
	AVFilterGraph *graph;
	AVFilterContext *src, *sink;
	AVPacket *pkt;
	AVFrame *frame;
	int stream;
	int channels;
	struct probe_loudness *out;
	bool seen; /* the filter gave a measurement */
};

/* A number the filter put into a frame's metadata ("lavfi.r128.I"). */
static bool meta_number(const struct libav *av, const AVFrame *f, const char *key, double *out)
{
	const AVDictionaryEntry *e = av->av_dict_get(f->metadata, key, NULL, 0);
	char *end;

	if (!e)
		return false;
	*out = strtod(e->value, &end);
	return end != e->value;
}

/* Takes the running figures off every frame the graph gives: the last
 * frame's are those of the whole file. */
static int drain(struct measure *m)
{
	const struct libav *av = m->av;
	int ret;

	while ((ret = m->api->buffersink_get_frame(m->sink, m->frame)) >= 0) {
		double v, peak = -1.0;
		char key[48];

		if (meta_number(m->av, m->frame, "lavfi.r128.I", &m->out->integrated) &&
		    meta_number(m->av, m->frame, "lavfi.r128.LRA", &m->out->range))
			m->seen = true;
		for (int ch = 0; ch < m->channels; ch++) {
			snprintf(key, sizeof(key), "lavfi.r128.true_peaks_ch%d", ch);
			if (meta_number(m->av, m->frame, key, &v) && v > peak)
				peak = v;
		}
		/* The filter states each channel's peak as a linear amplitude. */
		if (peak > 0.0)
			m->out->true_peak = 20.0 * log10(peak);
		else if (peak == 0.0)
			m->out->true_peak = -120.0; /* digital silence: below any format's floor */
		av->av_frame_unref(m->frame);
	}
	return ret == AVERROR(EAGAIN) || ret == AVERROR_EOF ? 0 : ret;
}

static int decoded(struct measure *m, const AVPacket *pkt)
{
	const struct libav *av = m->av;
	int ret = av->avcodec_send_packet(m->dec, pkt);

	/* A packet that does not decode is skipped, as players do. */
	if (ret < 0 && ret != AVERROR_EOF)
		return ret == AVERROR(ENOMEM) ? ret : 0;
	while ((ret = av->avcodec_receive_frame(m->dec, m->frame)) >= 0) {
		if ((ret = m->api->buffersrc_add_frame(m->src, m->frame)) < 0 || (ret = drain(m)) < 0)
			return ret;
	}
	return ret == AVERROR(EAGAIN) || ret == AVERROR_EOF ? 0 : ret;
}

/* abuffer -> ebur128 (true peak, figures in metadata) -> abuffersink. */
static int build_graph(struct measure *m)
{
	const struct libav *av = m->av;
	const AVCodecContext *d = m->dec;
	AVChannelLayout layout = { 0 };
	AVFilterInOut *in = NULL, *out = NULL;
	char args[512], desc[128];
	int ret;

	if (d->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC)
		av->av_channel_layout_default(&layout, d->ch_layout.nb_channels);
	else if ((ret = av->av_channel_layout_copy(&layout, &d->ch_layout)) < 0)
		return ret;
	ret = av->av_channel_layout_describe(&layout, desc, sizeof(desc));
	av->av_channel_layout_uninit(&layout);
	if (ret < 0)
		return ret;
	snprintf(args, sizeof(args), "time_base=1/%d:sample_rate=%d:sample_fmt=%s:channel_layout=%s",
		 d->sample_rate, d->sample_rate, av->av_get_sample_fmt_name(d->sample_fmt), desc);
	const struct avfilter_api *api = m->api;

	if (!(m->graph = api->graph_alloc()) || !(in = api->inout_alloc()) ||
	    !(out = api->inout_alloc())) {
		ret = AVERROR(ENOMEM);
		goto out;
	}
	if ((ret = api->graph_create_filter(&m->src, api->get_by_name("abuffer"), "in", args, NULL,
					    m->graph)) < 0 ||
	    (ret = api->graph_create_filter(&m->sink, api->get_by_name("abuffersink"), "out", NULL,
					    NULL, m->graph)) < 0)
		goto out;
	out->name = av->av_strdup("in");
	out->filter_ctx = m->src;
	in->name = av->av_strdup("out");
	in->filter_ctx = m->sink;
	if (!out->name || !in->name) {
		ret = AVERROR(ENOMEM);
		goto out;
	}
	if ((ret = api->graph_parse_ptr(m->graph, "ebur128=peak=true:metadata=1", &in, &out,
					NULL)) < 0)
		goto out;
	ret = api->graph_config(m->graph, NULL);
out:
	api->inout_free(&in);
	api->inout_free(&out);
	return ret;
}

static int run(struct measure *m, const char *path)
{
	const struct libav *av = m->av;
	AVDictionary *opts = NULL;
	const AVCodec *codec = NULL;
	char *url = pp_asprintf("file:%s", path);
	int ret;

	if (!url || av->av_dict_set(&opts, "protocol_whitelist", "file", 0) < 0) {
		ret = AVERROR(ENOMEM);
		goto out;
	}
	if ((ret = av->avformat_open_input(&m->fmt, url, NULL, &opts)) < 0 ||
	    (ret = av->avformat_find_stream_info(m->fmt, NULL)) < 0 ||
	    (ret = m->stream =
		     av->av_find_best_stream(m->fmt, AVMEDIA_TYPE_AUDIO, -1, -1, &codec, 0)) < 0)
		goto out;
	if (!(m->dec = av->avcodec_alloc_context3(codec)) || !(m->pkt = av->av_packet_alloc()) ||
	    !(m->frame = av->av_frame_alloc())) {
		ret = AVERROR(ENOMEM);
		goto out;
	}
	if ((ret = av->avcodec_parameters_to_context(m->dec,
						     m->fmt->streams[m->stream]->codecpar)) < 0 ||
	    (ret = av->avcodec_open2(m->dec, codec, NULL)) < 0 || (ret = build_graph(m)) < 0)
		goto out;
	m->channels = m->dec->ch_layout.nb_channels;
	for (unsigned i = 0; i < m->fmt->nb_streams; i++)
		if ((int)i != m->stream)
			m->fmt->streams[i]->discard = AVDISCARD_ALL;
	while ((ret = av->av_read_frame(m->fmt, m->pkt)) >= 0) {
		if (m->pkt->stream_index == m->stream)
			ret = decoded(m, m->pkt);
		av->av_packet_unref(m->pkt);
		if (ret < 0)
			goto out;
	}
	if (ret != AVERROR_EOF)
		goto out;
	/* The decoder's last frames, then the filter's. */
	if ((ret = decoded(m, NULL)) < 0 || (ret = m->api->buffersrc_add_frame(m->src, NULL)) < 0)
		goto out;
	ret = drain(m);
out:
	av->av_dict_free(&opts);
	free(url);
	return ret;
}

enum pp_result probe_loudness(const char *path, struct probe_loudness *out, struct diag *diag)
{
	struct libav lib;
	const struct libav *av = &lib;
	struct avfilter_api api;
	struct measure m = { .av = av, .api = &api, .out = out };
	enum pp_result res;
	int ret;

	memset(out, 0, sizeof(*out));
	if ((res = libav_load(&lib, path, diag)) != PP_OK)
		return res;
	if (!api_load(&api, path, diag)) {
		if (api.handle)
			dlclose(api.handle);
		libav_release(&lib);
		return PP_EINTERNAL;
	}
	ret = run(&m, path);
	if (ret >= 0 && !m.seen)
		diag_error(diag, path, 0, "cannot measure loudness: no audio decoded");
	else if (ret < 0)
		diag_error(diag, path, 0, "cannot measure loudness: %s", libav_err2str(av, ret));
	out->measured = ret >= 0 && m.seen;
	if (m.graph)
		api.graph_free(&m.graph);
	av->av_frame_free(&m.frame);
	av->av_packet_free(&m.pkt);
	av->avcodec_free_context(&m.dec);
	av->avformat_close_input(&m.fmt);
	dlclose(api.handle);
	libav_release(&lib);
	if (out->measured)
		return PP_OK;
	return ret == AVERROR(ENOMEM) ? PP_ENOMEM : PP_EMEDIA;
}
