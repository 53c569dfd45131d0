#include "media/probe.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/intreadwrite.h>
#include <libavutil/pixdesc.h>

#include "buf.h"
#include "util.h"

/* What podpub publishes, keyed by libavformat's demuxer name and the codec
 * (NULL: any codec in that container). The MIME type goes into the feed's
 * enclosure; the extension names the published file. */
static const struct media_type {
	const char *container;
	const char *codec;
	const char *mime_type;
	const char *extension;
	/* The demuxer already shortened the last packet's duration to the
	 * end of the audio, and then signals the same amount again as
	 * discard padding: the walk must not subtract it a second time. */
	bool last_packet_trimmed;
} media_types[] = {
	{ "mp3", NULL, "audio/mpeg", "mp3", false },
	{ "mov,mp4,m4a,3gp,3g2,mj2", "aac", "audio/x-m4a", "m4a", false },
	{ "mov,mp4,m4a,3gp,3g2,mj2", "alac", "audio/x-m4a", "m4a", false },
	{ "ogg", "opus", "audio/ogg", "opus", true },
	{ "ogg", "vorbis", "audio/ogg", "ogg", true },
	{ "flac", "flac", "audio/flac", "flac", false },
	{ "wav", NULL, "audio/wav", "wav", false },
	{ "aac", "aac", "audio/aac", "aac", false },
};

static const char *const duration_sources[] = {
	[PROBE_DURATION_HEADER] = "header",
	[PROBE_DURATION_PACKETS] = "packets",
};

/* What walking the audio stream's packets found. Timestamps are in the
 * stream's time base. */
struct packet_walk {
	AVRational time_base;
	int sample_rate;
	int64_t frame_ticks;  /* a frame's length, for packets without a duration */
	bool trimmed_by_demuxer;
	int64_t packets;
	int64_t bytes;
	int64_t start;        /* the first sample the decoder outputs */
	int64_t end;          /* just past the last sample the decoder outputs */
	int64_t next;         /* where the next packet should start */
	AVCodecContext *decoder; /* decodes the first packets, see walk_packets */
	AVFrame *frame;
	int64_t decoded_frames;
};

/* Packets a demuxer accepts may still be garbage (an MP3 whose frames were
 * zeroed parses as one huge packet). Decoding the first few proves the
 * stream is audio without paying for decoding all of it. */
#define DECODE_CHECK_PACKETS 16

void probe_init(struct probe *p)
{
	memset(p, 0, sizeof(*p));
}

void probe_release(struct probe *p)
{
	for (size_t i = 0; i < p->tag_count; i++) {
		free(p->tags[i].key);
		free(p->tags[i].value);
	}
	free(p->tags);
	free(p->path);
	free(p->container);
	free(p->codec);
	probe_init(p);
}

const char *probe_tag(const struct probe *p, const char *key)
{
	for (size_t i = 0; i < p->tag_count; i++)
		if (strcmp(p->tags[i].key, key) == 0)
			return p->tags[i].value;
	return NULL;
}

/* errno values that mean the file itself could not be read, as opposed to
 * its contents being bad: libavformat also answers EINVAL for an MP3 it
 * cannot make sense of. */
static const int io_errnos[] = { ENOENT, EACCES, EPERM, EISDIR, ENOTDIR, ELOOP, ENAMETOOLONG,
				 EIO, EMFILE, ENFILE, ENXIO, ENODEV, ESTALE };

static enum pp_result result_of_averror(int err)
{
	if (err == AVERROR(ENOMEM))
		return PP_ENOMEM;
	for (size_t i = 0; i < COUNT(io_errnos); i++)
		if (err == AVERROR(io_errnos[i]))
			return PP_EIO;
	return PP_EMEDIA;
}

static const struct media_type *media_type_find(const char *container, const char *codec)
{
	for (size_t i = 0; i < COUNT(media_types); i++) {
		const struct media_type *m = &media_types[i];

		if (strcmp(m->container, container) == 0 && (!m->codec || strcmp(m->codec, codec) == 0))
			return m;
	}
	return NULL;
}

/* A copy of `s` with every byte that is not part of valid UTF-8 replaced by
 * U+FFFD; *changed tells whether any was. Caller frees; NULL on ENOMEM. */
static char *utf8_repair(const char *s, bool *changed)
{
	static const char replacement[] = "\xef\xbf\xbd";
	size_t len = strlen(s), used = 0, off;
	char *out = malloc(len * 3 + 1);

	*changed = false;
	if (!out)
		return NULL;
	while (!pp_utf8_valid(s, len, &off)) {
		memcpy(out + used, s, off);
		used += off;
		memcpy(out + used, replacement, 3);
		used += 3;
		s += off + 1;
		len -= off + 1;
		*changed = true;
	}
	memcpy(out + used, s, len);
	out[used + len] = '\0';
	return out;
}

/* Appends the entries of `dict` as tags, keys lowercased, skipping keys the
 * probe already has (so the dictionary read first wins). */
static enum pp_result add_tags(struct probe *p, const AVDictionary *dict, struct diag *diag)
{
	const AVDictionaryEntry *e = NULL;

	while ((e = av_dict_get(dict, "", e, AV_DICT_IGNORE_SUFFIX))) {
		struct probe_tag tag = { 0 };
		bool bad_key, bad_value;

		if (!(tag.key = utf8_repair(e->key, &bad_key)) ||
		    !(tag.value = utf8_repair(e->value, &bad_value))) {
			free(tag.key);
			return PP_ENOMEM;
		}
		for (char *c = tag.key; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		if (probe_tag(p, tag.key)) {
			free(tag.key);
			free(tag.value);
			continue;
		}
		if (bad_key || bad_value)
			diag_warning(diag, p->path, 0,
				     "tag '%s' is not valid UTF-8; invalid bytes replaced", tag.key);
		{
			struct probe_tag *grown =
				pp_grow(p->tags, &p->tag_alloc, p->tag_count + 1, sizeof(*grown));

			if (!grown) {
				free(tag.key);
				free(tag.value);
				return PP_ENOMEM;
			}
			p->tags = grown;
		}
		p->tags[p->tag_count++] = tag;
	}
	return PP_OK;
}

static int tag_compare(const void *a, const void *b)
{
	return strcmp(((const struct probe_tag *)a)->key, ((const struct probe_tag *)b)->key);
}

/* Format-level tags (ID3, MP4 atoms), then the audio stream's (Vorbis
 * comments live there), sorted by key so output is reproducible. */
static enum pp_result collect_tags(struct probe *p, const AVFormatContext *ctx,
				   const AVStream *st, struct diag *diag)
{
	enum pp_result res = add_tags(p, ctx->metadata, diag);

	if (res == PP_OK)
		res = add_tags(p, st->metadata, diag);
	if (res == PP_OK && p->tag_count > 1)
		qsort(p->tags, p->tag_count, sizeof(*p->tags), tag_compare);
	return res;
}

static int64_t samples_to_ticks(const struct packet_walk *w, int64_t samples)
{
	return av_rescale_q(samples, (AVRational){ 1, w->sample_rate }, w->time_base);
}

/* Accounts one packet of the audio stream, without decoding it. The decoder
 * drops AV_PKT_DATA_SKIP_SAMPLES' first field of samples at the start and its
 * second field (discard padding) at the end; a packet whose whole length is
 * discarded (padding longer than a frame) adds nothing. */
static void walk_packet(struct packet_walk *w, const AVPacket *pkt)
{
	int64_t ts = pkt->pts != AV_NOPTS_VALUE ? pkt->pts : pkt->dts;
	int64_t ticks = pkt->duration > 0 ? pkt->duration : w->frame_ticks;
	int64_t skip = 0, discard = 0;
	size_t size = 0;
	const uint8_t *side = av_packet_get_side_data(pkt, AV_PKT_DATA_SKIP_SAMPLES, &size);

	if (side && size >= 8) {
		skip = samples_to_ticks(w, AV_RL32(side));
		discard = samples_to_ticks(w, AV_RL32(side + 4));
	}
	if (w->trimmed_by_demuxer)
		discard = 0;
	if (ts == AV_NOPTS_VALUE)
		ts = w->next;
	if (w->packets == 0) {
		/* Samples before time 0 are pre-roll: MP4 (pts -1024) and
		 * Opus (-312) say so with a matching skip, Vorbis (-128) has
		 * no side data but its first packet decodes to nothing. */
		w->start = ts + skip;
		if (w->start < 0)
			w->start = 0;
		w->end = w->start;
	}
	if (discard == 0 || discard < ticks)
		w->end = FFMAX(w->end, ts + ticks - discard);
	w->next = ts + ticks;
	w->packets++;
	w->bytes += pkt->size;
}

/* Decodes one packet, counting the frames it gives; errors only mean that
 * this packet did not decode. */
static void decode_check(struct packet_walk *w, const AVPacket *pkt)
{
	if (!w->decoder || avcodec_send_packet(w->decoder, pkt) < 0)
		return;
	while (avcodec_receive_frame(w->decoder, w->frame) >= 0) {
		w->decoded_frames++;
		av_frame_unref(w->frame);
	}
}

/* Opens a decoder for the check above. */
static enum pp_result open_decoder(struct packet_walk *w, const AVCodecParameters *par)
{
	const AVCodec *codec = avcodec_find_decoder(par->codec_id);

	if (!codec)
		return PP_EMEDIA;
	if (!(w->decoder = avcodec_alloc_context3(codec)) || !(w->frame = av_frame_alloc()))
		return PP_ENOMEM;
	if (avcodec_parameters_to_context(w->decoder, par) < 0 ||
	    avcodec_open2(w->decoder, codec, NULL) < 0)
		return PP_EMEDIA;
	return PP_OK;
}

/* Measures the exact length of stream `idx` by reading every packet. A fast
 * path that trusts the header where it is exact would go before this. */
static enum pp_result walk_packets(AVFormatContext *ctx, int idx, struct packet_walk *w,
				   const char *path, struct diag *diag)
{
	enum pp_result res = PP_OK;
	AVPacket *pkt = av_packet_alloc();
	int ret;

	if (!pkt)
		return PP_ENOMEM;
	/* Only the audio stream's packets are wanted; the rest need not be read. */
	for (unsigned i = 0; i < ctx->nb_streams; i++)
		if ((int)i != idx)
			ctx->streams[i]->discard = AVDISCARD_ALL;
	while ((ret = av_read_frame(ctx, pkt)) >= 0) {
		if (pkt->stream_index == idx) {
			if (w->packets < DECODE_CHECK_PACKETS && w->decoded_frames == 0)
				decode_check(w, pkt);
			walk_packet(w, pkt);
		}
		av_packet_unref(pkt);
	}
	if (ret != AVERROR_EOF) {
		res = result_of_averror(ret);
		diag_error(diag, path, 0, "cannot read: %s", av_err2str(ret));
	}
	av_packet_free(&pkt);
	return res;
}

/* Opens `path` (never as a URL: a colon in a file name is not a protocol). */
static enum pp_result open_input(AVFormatContext **ctx, const char *path, struct diag *diag)
{
	enum pp_result res = PP_OK;
	AVDictionary *opts = NULL;
	char *url = pp_asprintf("file:%s", path);
	struct stat sb;
	int ret;

	if (!url || av_dict_set(&opts, "protocol_whitelist", "file", 0) < 0) {
		res = PP_ENOMEM;
		goto out;
	}
	/* libavformat's open blocks on a FIFO and reads a device forever:
	 * only a regular file is opened. */
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		diag_error(diag, path, 0, "is %s, not a regular file", pp_file_kind(sb.st_mode));
		res = S_ISDIR(sb.st_mode) ? PP_EIO : PP_EMEDIA;
		goto out;
	}
	ret = avformat_open_input(ctx, url, NULL, &opts);
	if (ret < 0) {
		res = result_of_averror(ret);
		if (res == PP_EIO)
			diag_error(diag, path, 0, "cannot open: %s", av_err2str(ret));
		else if (res == PP_EMEDIA && stat(path, &sb) == 0 && sb.st_size == 0)
			diag_error(diag, path, 0, "cannot read: the file is empty");
		else if (res == PP_EMEDIA)
			diag_error(diag, path, 0, "not readable as audio: %s", av_err2str(ret));
	}
out:
	av_dict_free(&opts);
	free(url);
	return res;
}

enum pp_result probe_file(const char *path, struct probe *out, struct diag *diag)
{
	enum pp_result res;
	AVFormatContext *ctx = NULL;
	const struct media_type *media;
	const AVCodecParameters *par;
	struct packet_walk walk = { 0 };
	AVStream *st;
	int idx, ret;

	probe_release(out);
	if (!(out->path = strdup(path)))
		return PP_ENOMEM;
	if ((res = open_input(&ctx, path, diag)) != PP_OK)
		goto out;
	if ((ret = avformat_find_stream_info(ctx, NULL)) < 0) {
		res = result_of_averror(ret);
		diag_error(diag, path, 0, "cannot read: %s", av_err2str(ret));
		goto out;
	}
	idx = av_find_best_stream(ctx, AVMEDIA_TYPE_AUDIO, -1, -1, NULL, 0);
	if (idx < 0) {
		res = idx == AVERROR(ENOMEM) ? PP_ENOMEM : PP_EMEDIA;
		diag_error(diag, path, 0, "no audio stream");
		goto out;
	}
	st = ctx->streams[idx];
	par = st->codecpar;

	if (!(out->container = strdup(ctx->iformat->name)) ||
	    !(out->codec = strdup(avcodec_get_name(par->codec_id)))) {
		res = PP_ENOMEM;
		goto out;
	}
	out->sample_rate = par->sample_rate;
	out->channels = par->ch_layout.nb_channels;
	for (unsigned i = 0; i < ctx->nb_streams; i++)
		if (ctx->streams[i]->disposition & AV_DISPOSITION_ATTACHED_PIC)
			out->has_cover_art = true;
	if ((res = collect_tags(out, ctx, st, diag)) != PP_OK)
		goto out;

	media = media_type_find(out->container, out->codec);
	if (!media) {
		res = PP_EMEDIA;
		diag_error(diag, path, 0, "unsupported audio format: %s in %s", out->codec,
			   out->container);
		goto out;
	}
	out->mime_type = media->mime_type;
	out->extension = media->extension;
	if (par->sample_rate <= 0 || st->time_base.num <= 0 || st->time_base.den <= 0) {
		res = PP_EMEDIA;
		diag_error(diag, path, 0, "no sample rate or time base");
		goto out;
	}

	walk.time_base = st->time_base;
	walk.sample_rate = par->sample_rate;
	walk.trimmed_by_demuxer = media->last_packet_trimmed;
	if (par->frame_size > 0)
		walk.frame_ticks = samples_to_ticks(&walk, par->frame_size);
	walk.next = st->start_time != AV_NOPTS_VALUE ? st->start_time : 0;
	if ((res = open_decoder(&walk, par)) != PP_OK) {
		if (res == PP_EMEDIA)
			diag_error(diag, path, 0, "no decoder for %s audio", out->codec);
		goto out;
	}
	if ((res = walk_packets(ctx, idx, &walk, path, diag)) != PP_OK)
		goto out;
	if (walk.decoded_frames == 0) {
		res = PP_EMEDIA;
		diag_error(diag, path, 0, "corrupt audio: none of the first %d packets decodes",
			   DECODE_CHECK_PACKETS);
		goto out;
	}
	if (walk.packets == 0 || walk.end <= walk.start) {
		res = PP_EMEDIA;
		diag_error(diag, path, 0, "no audio data");
		goto out;
	}
	/* An integer quotient, so that 3.3 s prints as 3.3. */
	out->duration = (double)((walk.end - walk.start) * walk.time_base.num) /
			(double)walk.time_base.den;
	out->duration_source = PROBE_DURATION_PACKETS;
	/* Rounded by hand: the build links no libm. */
	out->bit_rate = (int64_t)((double)walk.bytes * 8.0 / out->duration + 0.5);
	if (out->bit_rate <= 0)
		out->bit_rate = par->bit_rate > 0 ? par->bit_rate : ctx->bit_rate;
	/* More bytes than even uncompressed 64-bit samples would need: the
	 * demuxer swallowed garbage as one huge packet (zeroed MP3 frames do
	 * that) and the length it implies is not the file's. */
	if (out->bit_rate > (int64_t)par->sample_rate * FFMAX(out->channels, 1) * 64) {
		res = PP_EMEDIA;
		diag_error(diag, path, 0, "corrupt audio: %lld bytes of packets for %.3f s of sound",
			   (long long)walk.bytes, out->duration);
		goto out;
	}
out:
	av_frame_free(&walk.frame);
	avcodec_free_context(&walk.decoder);
	avformat_close_input(&ctx);
	return res;
}

/* A JSON string, or null for NULL; bytes that are not UTF-8 are replaced. */
static json_t *json_text(const char *s)
{
	json_t *j;
	bool changed;
	char *fixed;

	if (!s)
		return json_null();
	if (!(fixed = utf8_repair(s, &changed)))
		return NULL;
	j = json_string(fixed);
	free(fixed);
	return j;
}

/* Adds a member; false when `value` is NULL (out of memory). */
static bool put(json_t *obj, const char *key, json_t *value)
{
	return json_object_set_new(obj, key, value) == 0;
}

char *probe_to_json(const struct probe *p)
{
	json_t *obj = json_object(), *tags = json_object();
	char *text = NULL;
	bool ok = obj && tags;

	for (size_t i = 0; ok && i < p->tag_count; i++)
		ok = put(tags, p->tags[i].key, json_text(p->tags[i].value));
	ok = ok && put(obj, "path", json_text(p->path)) &&
	     put(obj, "container", json_text(p->container)) &&
	     put(obj, "codec", json_text(p->codec)) &&
	     put(obj, "mime_type", json_text(p->mime_type)) &&
	     put(obj, "duration", json_real(p->duration)) &&
	     put(obj, "duration_source", json_string(duration_sources[p->duration_source])) &&
	     put(obj, "bit_rate", json_integer(p->bit_rate)) &&
	     put(obj, "sample_rate", json_integer(p->sample_rate)) &&
	     put(obj, "channels", json_integer(p->channels)) &&
	     put(obj, "has_cover_art", json_boolean(p->has_cover_art)) &&
	     put(obj, "tags", json_incref(tags));
	if (ok)
		text = json_dumps(obj, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
	json_decref(tags);
	json_decref(obj);
	return text;
}

void probe_library_logs(bool verbose)
{
	av_log_set_level(verbose ? AV_LOG_INFO : AV_LOG_QUIET);
}

enum pp_result probe_image(const char *path, struct probe_image *out, struct diag *diag)
{
	AVFormatContext *ctx = NULL;
	const AVCodecParameters *par;
	const AVPixFmtDescriptor *desc;
	enum pp_result res;
	int ret;

	memset(out, 0, sizeof(*out));
	if ((res = open_input(&ctx, path, diag)) != PP_OK)
		return res;
	if ((ret = avformat_find_stream_info(ctx, NULL)) < 0 || ctx->nb_streams < 1 ||
	    ctx->streams[0]->codecpar->codec_type != AVMEDIA_TYPE_VIDEO) {
		diag_error(diag, path, 0, "not readable as an image%s%s", ret < 0 ? ": " : "",
			   ret < 0 ? av_err2str(ret) : "");
		res = PP_EMEDIA;
		goto out;
	}
	par = ctx->streams[0]->codecpar;
	if (par->codec_id == AV_CODEC_ID_PNG) {
		out->format = "png";
	} else if (par->codec_id == AV_CODEC_ID_MJPEG) {
		out->format = "jpeg";
	} else {
		diag_error(diag, path, 0, "image must be a PNG or JPEG, not %s",
			   avcodec_get_name(par->codec_id));
		res = PP_EMEDIA;
		goto out;
	}
	if (par->width <= 0 || par->height <= 0) {
		/* The demuxer went by the name; the bytes are no such image. */
		diag_error(diag, path, 0, "not readable as an image: no picture size");
		res = PP_EMEDIA;
		goto out;
	}
	out->width = par->width;
	out->height = par->height;
	desc = av_pix_fmt_desc_get((enum AVPixelFormat)par->format);
	out->color = desc && desc->nb_components >= 3;
out:
	avformat_close_input(&ctx);
	return res;
}
