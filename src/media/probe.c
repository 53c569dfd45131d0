#include "media/probe.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <libavutil/intreadwrite.h>
#include <malloc.h>

#include "buf.h"
#include "media/libav.h"
#include "media/probe_header.h"
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
	const struct libav *av;
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
	int64_t longest;      /* the longest packet so far */
	bool forged;          /* a packet's length or time broke the stream's pace */
	int64_t forged_at, forged_to; /* where it was, and the time it claimed */
};

/* Packets a demuxer accepts may still be garbage (an MP3 whose frames were
 * zeroed parses as one huge packet). Decoding the first few proves the
 * stream is audio without paying for decoding all of it. */
#define DECODE_CHECK_PACKETS 16

/* The most tags a probe keeps. */
#define PROBE_MAX_TAGS 1024

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
	chapters_release(&p->chapters);
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
static enum pp_result add_tags(const struct libav *av, struct probe *p, const AVDictionary *dict,
			       struct diag *diag)
{
	const AVDictionaryEntry *e = NULL;

	while ((e = av->av_dict_get(dict, "", e, AV_DICT_IGNORE_SUFFIX))) {
		struct probe_tag tag = { 0 };
		bool bad_key, bad_value;

		/* Each new tag is checked against the earlier ones. */
		if (p->tag_count >= PROBE_MAX_TAGS) {
			diag_warning(diag, p->path, 0, "more than %d tags: the rest are ignored",
				     PROBE_MAX_TAGS);
			break;
		}

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
static enum pp_result collect_tags(const struct libav *av, struct probe *p,
				   const AVFormatContext *ctx, const AVStream *st,
				   struct diag *diag)
{
	enum pp_result res = add_tags(av, p, ctx->metadata, diag);

	if (res == PP_OK)
		res = add_tags(av, p, st->metadata, diag);
	if (res == PP_OK && p->tag_count > 1)
		qsort(p->tags, p->tag_count, sizeof(*p->tags), tag_compare);
	return res;
}

/* The container's chapters (ID3v2 CHAP, MP4 chapter lists), in the order
 * libavformat gives them; the check of their order is chapters_check's. */
static enum pp_result collect_chapters(const struct libav *av, struct probe *p,
				       const AVFormatContext *ctx)
{
	for (unsigned i = 0; i < ctx->nb_chapters; i++) {
		const AVChapter *ch = ctx->chapters[i];
		const AVDictionaryEntry *title = av->av_dict_get(ch->metadata, "title", NULL, 0);
		double start = (double)ch->start * av_q2d(ch->time_base);
		char *fixed = NULL;
		bool changed;
		enum pp_result res;

		if (title && !(fixed = utf8_repair(title->value, &changed)))
			return PP_ENOMEM;
		res = chapters_add(&p->chapters, start, fixed, NULL, NULL, 0);
		free(fixed);
		if (res != PP_OK)
			return res;
	}
	return PP_OK;
}

static int64_t samples_to_ticks(const struct packet_walk *w, int64_t samples)
{
	return w->av->av_rescale_q(samples, (AVRational){ 1, w->sample_rate }, w->time_base);
}

/* Accounts one packet of the audio stream, without decoding it. The decoder
 * drops AV_PKT_DATA_SKIP_SAMPLES' first field of samples at the start and its
 * second field (discard padding) at the end; a packet whose whole length is
 * discarded (padding longer than a frame) adds nothing. */
static void walk_packet(struct packet_walk *w, const AVPacket *pkt)
{
	const struct libav *av = w->av;
	int64_t ts = pkt->pts != AV_NOPTS_VALUE ? pkt->pts : pkt->dts;
	int64_t ticks = pkt->duration > 0 ? pkt->duration : w->frame_ticks;
	int64_t skip = 0, discard = 0;
	size_t size = 0;
	const uint8_t *side = av->av_packet_get_side_data(pkt, AV_PKT_DATA_SKIP_SAMPLES, &size);

	if (side && size >= 8) {
		skip = samples_to_ticks(w, AV_RL32(side));
		discard = samples_to_ticks(w, AV_RL32(side + 4));
	}
	if (w->trimmed_by_demuxer)
		discard = 0;
	if (ts == AV_NOPTS_VALUE)
		ts = w->next;
	/* A duration a header claims (an Ogg page's granule, a timestamp) is
	 * checked against the data: no packet lasts far longer than those
	 * before it, and time does not leap ahead of the packets. A forged
	 * granule would otherwise turn 3 s into 10 hours. */
	if (w->packets > 0 && !w->forged) {
		int64_t second = samples_to_ticks(w, w->sample_rate);

		if ((ticks > second && ticks > 16 * w->longest) || ts > w->next + second) {
			w->forged = true;
			w->forged_at = w->next;
			w->forged_to = FFMAX(ts, w->next) + ticks;
		}
	}
	w->longest = FFMAX(w->longest, ticks);
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
	const struct libav *av = w->av;

	if (!w->decoder || av->avcodec_send_packet(w->decoder, pkt) < 0)
		return;
	while (av->avcodec_receive_frame(w->decoder, w->frame) >= 0) {
		w->decoded_frames++;
		av->av_frame_unref(w->frame);
	}
}

/* Opens a decoder for the check above. */
static enum pp_result open_decoder(struct packet_walk *w, const AVCodecParameters *par)
{
	const struct libav *av = w->av;
	const AVCodec *codec = av->avcodec_find_decoder(par->codec_id);

	if (!codec)
		return PP_EMEDIA;
	if (!(w->decoder = av->avcodec_alloc_context3(codec)) || !(w->frame = av->av_frame_alloc()))
		return PP_ENOMEM;
	if (av->avcodec_parameters_to_context(w->decoder, par) < 0 ||
	    av->avcodec_open2(w->decoder, codec, NULL) < 0)
		return PP_EMEDIA;
	return PP_OK;
}

/* Measures the exact length of stream `idx` by reading every packet; with
 * `check_only` (the header stated the length, probe_header.c), reads only
 * until a packet decodes. */
static enum pp_result walk_packets(AVFormatContext *ctx, int idx, struct packet_walk *w,
				   bool check_only, const char *path, struct diag *diag)
{
	const struct libav *av = w->av;
	enum pp_result res = PP_OK;
	AVPacket *pkt = av->av_packet_alloc();
	int ret;

	if (!pkt)
		return PP_ENOMEM;
	/* Only the audio stream's packets are wanted; the rest need not be read. */
	for (unsigned i = 0; i < ctx->nb_streams; i++)
		if ((int)i != idx)
			ctx->streams[i]->discard = AVDISCARD_ALL;
	while ((ret = av->av_read_frame(ctx, pkt)) >= 0) {
		if (pkt->stream_index == idx) {
			if (w->packets < DECODE_CHECK_PACKETS && w->decoded_frames == 0)
				decode_check(w, pkt);
			walk_packet(w, pkt);
		}
		av->av_packet_unref(pkt);
		if (check_only && (w->decoded_frames > 0 || w->packets >= DECODE_CHECK_PACKETS))
			break;
	}
	if (ret == AVERROR_EXIT) {
		res = PP_EMEDIA;
		diag_error(diag, path, 0, "reading took too long: podpub stopped");
	} else if (ret < 0 && ret != AVERROR_EOF) {
		res = result_of_averror(ret);
		diag_error(diag, path, 0, "cannot read: %s", libav_err2str(av, ret));
	}
	av->av_packet_free(&pkt);
	return res;
}

/* The demuxers podpub reads, by libavformat's names: only these, so that a
 * playlist (hls), a concat list or any other reference format never makes
 * libavformat open another file or a URL; with the "file" protocol alone. */
static const char audio_formats[] = "mp3,mov,ogg,flac,wav,aac";
static const char image_formats[] = "png_pipe,jpeg_pipe";

/* An ID3v2 tag of tens of thousands of frames takes libavformat seconds
 * per ten thousand (each frame is checked against all earlier ones). */
#define PROBE_MAX_ID3_FRAMES 4096

/* How long reading one file may take: enough for hours of audio, not for
 * a file built to keep libavformat busy. */
#define PROBE_SECONDS_BASE 30
#define PROBE_BYTES_PER_SECOND ((int64_t)8 << 20)

struct deadline {
	time_t at;
};

static int past_deadline(void *opaque)
{
	const struct deadline *d = opaque;

	return time(NULL) > d->at;
}

static uint32_t be32(const unsigned char *p, bool syncsafe)
{
	if (syncsafe)
		return (uint32_t)(p[0] & 0x7f) << 21 | (uint32_t)(p[1] & 0x7f) << 14 |
		       (uint32_t)(p[2] & 0x7f) << 7 | (uint32_t)(p[3] & 0x7f);
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The number of frames of the ID3v2 tag `path` starts with (0 for none),
 * counted from the frame headers without reading their contents. */
static size_t id3v2_frames(const char *path)
{
	unsigned char head[10];
	size_t frames = 0;
	uint32_t size, at = 10;
	FILE *f = fopen(path, "rb");
	int version;

	if (!f)
		return 0;
	if (fread(head, 1, 10, f) != 10 || memcmp(head, "ID3", 3) != 0 || head[3] < 2 ||
	    head[3] > 4)
		goto out;
	version = head[3];
	size = be32(head + 6, true) + 10;
	while (at + (version == 2 ? 6 : 10) <= size && frames <= PROBE_MAX_ID3_FRAMES) {
		unsigned char fh[10];
		size_t n = version == 2 ? 6 : 10;
		uint32_t len;

		if (fseek(f, (long)at, SEEK_SET) != 0 || fread(fh, 1, n, f) != n || fh[0] == 0)
			break;
		len = version == 2 ? (uint32_t)fh[3] << 16 | (uint32_t)fh[4] << 8 | fh[5]
				   : be32(fh + 4, version == 4);
		frames++;
		if (len > size - at - n)
			break;
		at += (uint32_t)n + len;
	}
out:
	fclose(f);
	return frames;
}

/* The demuxer for cover art, chosen by the file's first bytes: libavformat
 * would pick image2 by the name's ending (not on the whitelist: it reads
 * numbered file sequences), and jpeg_pipe's own probe does not outbid it. */
static const AVInputFormat *image_format(const struct libav *av, const char *path)
{
	unsigned char head[8];
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(head, 1, sizeof(head), f) : 0;

	if (f)
		fclose(f);
	if (n == 8 && memcmp(head, "\x89PNG\r\n\x1a\n", 8) == 0)
		return av->av_find_input_format("png_pipe");
	if (n >= 3 && memcmp(head, "\xff\xd8\xff", 3) == 0)
		return av->av_find_input_format("jpeg_pipe");
	return NULL;
}

/* Opens `path` (never as a URL: a colon in a file name is not a protocol)
 * with one of `formats`' demuxers, stopped past a deadline. */
static enum pp_result open_input(const struct libav *av, AVFormatContext **ctx, const char *path,
				 const char *formats, const struct mp4_edit *edit,
				 struct deadline *deadline, struct diag *diag)
{
	enum pp_result res = PP_OK;
	AVDictionary *opts = NULL;
	char *url = pp_asprintf("file:%s", path);
	const AVInputFormat *format = NULL;
	struct stat sb;
	size_t frames;
	int ret;

	/* An edit list probe_mp4_edit read is applied by probe_header.c:
	 * libavformat's copy of the sample table to apply it was most of the
	 * open of a long MP4. */
	if (!url || av->av_dict_set(&opts, "protocol_whitelist", "file", 0) < 0 ||
	    av->av_dict_set(&opts, "format_whitelist", formats, 0) < 0 ||
	    (edit && av->av_dict_set(&opts, "ignore_editlist", "1", 0) < 0) ||
	    !(*ctx = av->avformat_alloc_context())) {
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
	if (formats == audio_formats && (frames = id3v2_frames(path)) > PROBE_MAX_ID3_FRAMES) {
		diag_error(diag, path, 0, "ID3 tag has more than %d frames: podpub reads no more",
			   PROBE_MAX_ID3_FRAMES);
		res = PP_EMEDIA;
		goto out;
	}
	if (formats == image_formats && !(format = image_format(av, path))) {
		diag_error(diag, path, 0, "not readable as an image: not a PNG or JPEG file");
		res = PP_EMEDIA;
		goto out;
	}
	deadline->at = time(NULL) + PROBE_SECONDS_BASE +
		       (stat(path, &sb) == 0 ? (time_t)(sb.st_size / PROBE_BYTES_PER_SECOND) : 0);
	(*ctx)->interrupt_callback.callback = past_deadline;
	(*ctx)->interrupt_callback.opaque = deadline;
	ret = av->avformat_open_input(ctx, url, format, &opts);
	if (ret < 0) {
		res = result_of_averror(ret);
		if (ret == AVERROR_EXIT)
			diag_error(diag, path, 0, "reading took longer than %lld s: podpub stopped",
				   (long long)(deadline->at - time(NULL)) + 1);
		else if (res == PP_EIO)
			diag_error(diag, path, 0, "cannot open: %s", libav_err2str(av, ret));
		else if (res == PP_EMEDIA && stat(path, &sb) == 0 && sb.st_size == 0)
			diag_error(diag, path, 0, "cannot read: the file is empty");
		else if (res == PP_EMEDIA && formats == audio_formats)
			diag_error(diag, path, 0,
				   "not readable as audio (MP3, AAC, M4A, Ogg, FLAC or WAV): %s",
				   libav_err2str(av, ret));
		else if (res == PP_EMEDIA)
			diag_error(diag, path, 0, "not readable as an image (PNG or JPEG): %s",
				   libav_err2str(av, ret));
	} else if (strcmp((*ctx)->iformat->name, "wav") == 0) {
		/* The wav demuxer has libavformat probe PCM data for DTS or
		 * AC-3 in WAV (S/PDIF): every demuxer's probe runs on the
		 * first packets at doubling sizes up to the probe size, 1 MiB
		 * at most. 32 KiB is plenty to find such a stream's sync
		 * words; finding the stream info went from 4.0 to 0.9 ms. */
		(*ctx)->probesize = 32 << 10;
	}
out:
	av->av_dict_free(&opts);
	free(url);
	return res;
}

/* One probe of `path`; with `edit` (its MP4 edit list, read by
 * probe_mp4_edit), libavformat ignores the edit list and the header's
 * length is trimmed by it. When that header is not believed, *again is
 * set: the packets must be walked with libavformat's own edit list. */
static enum pp_result probe_once(const char *path, const struct mp4_edit *edit, struct probe *out,
				 bool *again, struct diag *diag)
{
	enum pp_result res;
	AVFormatContext *ctx = NULL;
	const struct media_type *media;
	const AVCodecParameters *par;
	struct libav lib;
	const struct libav *av = &lib;
	struct packet_walk walk = { .av = av };
	struct header_length stated;
	bool header;
	struct deadline deadline;
	AVStream *st;
	int idx, ret;

	probe_release(out);
	if (!(out->path = strdup(path)))
		return PP_ENOMEM;
	if ((res = libav_load(&lib, path, diag)) != PP_OK)
		return res;
	if ((res = open_input(av, &ctx, path, audio_formats, edit, &deadline, diag)) != PP_OK)
		goto out;
	if ((ret = av->avformat_find_stream_info(ctx, NULL)) < 0) {
		res = result_of_averror(ret);
		diag_error(diag, path, 0, "cannot read: %s", libav_err2str(av, ret));
		goto out;
	}
	idx = av->av_find_best_stream(ctx, AVMEDIA_TYPE_AUDIO, -1, -1, NULL, 0);
	if (idx < 0) {
		res = idx == AVERROR(ENOMEM) ? PP_ENOMEM : PP_EMEDIA;
		diag_error(diag, path, 0, "no audio stream");
		goto out;
	}
	st = ctx->streams[idx];
	par = st->codecpar;
	/* A video's enclosure would be labelled audio: refused, not guessed. */
	for (unsigned i = 0; i < ctx->nb_streams; i++) {
		const AVStream *v = ctx->streams[i];

		if (v->codecpar->codec_type == AVMEDIA_TYPE_VIDEO &&
		    !(v->disposition & AV_DISPOSITION_ATTACHED_PIC)) {
			res = PP_EMEDIA;
			diag_error(diag, path, 0,
				   "has a video stream (%s): podpub publishes audio only; keep the "
				   "audio alone (ffmpeg -i IN -vn -c:a copy OUT)",
				   av->avcodec_get_name(v->codecpar->codec_id));
			goto out;
		}
	}

	if (!(out->container = strdup(ctx->iformat->name)) ||
	    !(out->codec = strdup(av->avcodec_get_name(par->codec_id)))) {
		res = PP_ENOMEM;
		goto out;
	}
	out->sample_rate = par->sample_rate;
	out->channels = par->ch_layout.nb_channels;
	for (unsigned i = 0; i < ctx->nb_streams; i++)
		if (ctx->streams[i]->disposition & AV_DISPOSITION_ATTACHED_PIC)
			out->has_cover_art = true;
		else if (ctx->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_VIDEO)
			out->has_video = true;
	if ((res = collect_tags(av, out, ctx, st, diag)) != PP_OK ||
	    (res = collect_chapters(av, out, ctx)) != PP_OK)
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
	/* The fast path: a header that states the length exactly, and that
	 * the file agrees with, spares reading every packet. */
	header = probe_header_length(av, ctx, idx, path, edit, &stated);
	if (edit && !header) {
		*again = true;
		goto out;
	}
	if ((res = walk_packets(ctx, idx, &walk, header, path, diag)) != PP_OK)
		goto out;
	if (walk.decoded_frames == 0) {
		res = PP_EMEDIA;
		diag_error(diag, path, 0, "corrupt audio: none of the first %d packets decodes",
			   DECODE_CHECK_PACKETS);
		goto out;
	}
	if (walk.forged) {
		res = PP_EMEDIA;
		diag_error(diag, path, 0,
			   "corrupt audio: at %.3f s the stream claims to last until %.3f s, beyond "
			   "its packets (a broken or forged header)",
			   (double)walk.forged_at * av_q2d(walk.time_base),
			   (double)walk.forged_to * av_q2d(walk.time_base));
		goto out;
	}
	if (walk.packets == 0 || walk.end <= walk.start) {
		res = PP_EMEDIA;
		diag_error(diag, path, 0, "no audio data");
		goto out;
	}
	/* An integer quotient, so that 3.3 s prints as 3.3. */
	if (header) {
		out->duration = (double)stated.units / (double)stated.per_second;
		out->duration_source = PROBE_DURATION_HEADER;
		walk.bytes = stated.audio_bytes;
	} else {
		out->duration = (double)((walk.end - walk.start) * walk.time_base.num) /
				(double)walk.time_base.den;
		out->duration_source = PROBE_DURATION_PACKETS;
	}
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
	av->av_frame_free(&walk.frame);
	av->avcodec_free_context(&walk.decoder);
	av->avformat_close_input(&ctx);
	libav_release(&lib);
	return res;
}

enum pp_result probe_file(const char *path, struct probe *out, struct diag *diag)
{
	struct mp4_edit edit;
	struct diag tried;
	bool again = false;
	enum pp_result res;

	if (!probe_mp4_edit(path, &edit))
		return probe_once(path, NULL, out, &again, diag);
	/* What the first try says is kept only when it is the answer. */
	diag_init(&tried);
	res = probe_once(path, &edit, out, &again, &tried);
	if (again) {
		diag_release(&tried);
		return probe_once(path, NULL, out, &again, diag);
	}
	diag_move(diag, &tried, false);
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
	json_t *obj = json_object(), *tags = json_object(), *chapters = json_array();
	char *text = NULL;
	bool ok = obj && tags && chapters;

	for (size_t i = 0; ok && i < p->tag_count; i++)
		ok = put(tags, p->tags[i].key, json_text(p->tags[i].value));
	for (size_t i = 0; ok && i < p->chapters.count; i++) {
		json_t *ch = json_object();

		ok = ch && put(ch, "start", json_real(p->chapters.items[i].start)) &&
		     put(ch, "title", json_text(p->chapters.items[i].title)) &&
		     json_array_append(chapters, ch) == 0;
		json_decref(ch);
	}
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
	     put(obj, "tags", json_incref(tags)) && put(obj, "chapters", json_incref(chapters));
	if (ok && p->loudness.measured)
		ok = put(obj, "loudness",
			 json_pack("{s:f,s:f,s:f}", "integrated", p->loudness.integrated, "range",
				   p->loudness.range, "true_peak", p->loudness.true_peak));
	if (ok)
		text = json_dumps(obj, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
	json_decref(tags);
	json_decref(chapters);
	json_decref(obj);
	return text;
}

void probe_process_init(void)
{
	/* libavformat builds a sample index of ~4 MB for a 60-minute .m4a
	 * and frees it with the file; glibc then trims the top of the heap
	 * back to the kernel, and the next file faults it all in again. With
	 * a top pad of 64 MiB glibc keeps up to that much when it trims (a
	 * pad never touched costs address space only): probing that file
	 * went from 5.2 to 2.6 ms. Like GLIBC_TUNABLES=glibc.malloc.top_pad,
	 * this also fixes the mmap threshold at its 128 KiB default. */
	mallopt(M_TOP_PAD, 64 << 20);
}

static void *warm_up(void *unused)
{
	(void)unused;
	libav_map();
	return NULL;
}

void probe_warmup_start(struct probe_warmup *w)
{
	/* No thread (out of them, or of memory): the first probe maps the
	 * libraries itself, as it would anyway. */
	w->started = pthread_create(&w->thread, NULL, warm_up, NULL) == 0;
}

void probe_warmup_finish(struct probe_warmup *w)
{
	if (w->started)
		pthread_join(w->thread, NULL);
	w->started = false;
}

enum pp_result probe_image(const char *path, struct probe_image *out, struct diag *diag)
{
	struct libav lib;
	const struct libav *av = &lib;
	AVFormatContext *ctx = NULL;
	const AVCodecParameters *par;
	const AVPixFmtDescriptor *desc;
	struct deadline deadline;
	enum pp_result res;
	int ret = 0;

	memset(out, 0, sizeof(*out));
	if ((res = libav_load(&lib, path, diag)) != PP_OK)
		return res;
	if ((res = open_input(av, &ctx, path, image_formats, NULL, &deadline, diag)) != PP_OK)
		goto out;
	if ((ret = av->avformat_find_stream_info(ctx, NULL)) < 0 || ctx->nb_streams < 1 ||
	    ctx->streams[0]->codecpar->codec_type != AVMEDIA_TYPE_VIDEO) {
		diag_error(diag, path, 0, "not readable as an image%s%s", ret < 0 ? ": " : "",
			   ret < 0 ? libav_err2str(av, ret) : "");
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
			   av->avcodec_get_name(par->codec_id));
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
	desc = av->av_pix_fmt_desc_get((enum AVPixelFormat)par->format);
	out->color = desc && desc->nb_components >= 3;
out:
	av->avformat_close_input(&ctx);
	libav_release(&lib);
	return res;
}

enum pp_result probe_image_data(const void *data, size_t len, struct probe_image *out,
				struct diag *diag)
{
	const char *tmp = getenv("TMPDIR");
	char *path = pp_asprintf("%s/podpub-image-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	const char *p = data;
	enum pp_result res = PP_EIO;
	size_t done = 0;
	int fd;

	memset(out, 0, sizeof(*out));
	if (!path)
		return PP_ENOMEM;
	if ((fd = mkstemp(path)) < 0) {
		diag_error(diag, path, 0, "cannot make a temporary file: %s", strerror(errno));
		free(path);
		return PP_EIO;
	}
	while (done < len) {
		ssize_t n = write(fd, p + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	if (close(fd) == 0 && done == len)
		res = probe_image(path, out, diag);
	else
		diag_error(diag, path, 0, "cannot write a temporary file: %s", strerror(errno));
	unlink(path);
	free(path);
	return res;
}

enum pp_result probe_attached_picture(const char *path, struct probe_picture *out,
				      struct diag *diag)
{
	struct libav lib;
	const struct libav *av = &lib;
	AVFormatContext *ctx = NULL;
	struct deadline deadline;
	enum pp_result res;
	int ret;

	memset(out, 0, sizeof(*out));
	if ((res = libav_load(&lib, path, diag)) != PP_OK)
		return res;
	if ((res = open_input(av, &ctx, path, audio_formats, NULL, &deadline, diag)) != PP_OK)
		goto out;
	/* The picture's size and pixel format come from decoding it, which
	 * avformat_find_stream_info does. */
	if ((ret = av->avformat_find_stream_info(ctx, NULL)) < 0) {
		res = result_of_averror(ret);
		diag_error(diag, path, 0, "cannot read: %s", libav_err2str(av, ret));
		goto out;
	}
	for (unsigned i = 0; i < ctx->nb_streams; i++) {
		const AVStream *st = ctx->streams[i];
		const AVCodecParameters *par = st->codecpar;
		const AVPixFmtDescriptor *desc;

		if (!(st->disposition & AV_DISPOSITION_ATTACHED_PIC) || st->attached_pic.size <= 0)
			continue;
		out->codec = av->avcodec_get_name(par->codec_id);
		out->image.format = par->codec_id == AV_CODEC_ID_PNG	  ? "png"
				    : par->codec_id == AV_CODEC_ID_MJPEG ? "jpeg"
									  : NULL;
		out->image.width = par->width;
		out->image.height = par->height;
		desc = av->av_pix_fmt_desc_get((enum AVPixelFormat)par->format);
		out->image.color = desc && desc->nb_components >= 3;
		out->size = (size_t)st->attached_pic.size;
		if (out->size <= PROBE_PICTURE_MAX) {
			if (!(out->data = malloc(out->size))) {
				res = PP_ENOMEM;
				goto out;
			}
			memcpy(out->data, st->attached_pic.data, out->size);
		}
		break;
	}
out:
	av->avformat_close_input(&ctx);
	libav_release(&lib);
	return res;
}
