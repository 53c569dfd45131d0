#include "media/probe.h"
#include "media/probe_header.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "testfs.h"
#include "testhelp.h"

#define AUDIO "tests/data/audio/"

/* The same title scripts/make-test-audio.sh writes, spelled in bytes:
 * "Järjestötyöllistäminen – jakso 1" (ä, ö and an en dash). */
#define FINNISH_TITLE "J\xc3\xa4rjest\xc3\xb6ty\xc3\xb6llist\xc3\xa4minen \xe2\x80\x93 jakso 1"

/* What each fixture is, and its length decoded by the ffmpeg CLI, measured
 * as `ffmpeg -v error -i F -f s16le -ac 1 -ar RATE - | wc -c` / 2 (samples;
 * see tests/data/audio/README.md). */
static const struct fixture {
	const char *file;
	const char *container;
	const char *codec;
	const char *mime_type;
	const char *extension;
	int sample_rate;
	int channels;
	bool has_cover_art;
	long decoded_samples;
	/* Where the length comes from: a header that states it and that the
	 * file agrees with, or the packets (no header, or one the file
	 * contradicts: cut-short.mp3's Info frame still states 3.3 s). */
	enum probe_duration_source source;
} fixtures[] = {
	{ "cbr.mp3", "mp3", "mp3", "audio/mpeg", "mp3", 44100, 1, false, 145530,
	  PROBE_DURATION_HEADER },
	{ "vbr-xing.mp3", "mp3", "mp3", "audio/mpeg", "mp3", 44100, 1, true, 180810,
	  PROBE_DURATION_HEADER },
	{ "vbr-noxing.mp3", "mp3", "mp3", "audio/mpeg", "mp3", 44100, 1, false, 222336,
	  PROBE_DURATION_PACKETS },
	{ "cut-short.mp3", "mp3", "mp3", "audio/mpeg", "mp3", 44100, 1, false, 74927,
	  PROBE_DURATION_PACKETS },
	{ "aac.m4a", "mov,mp4,m4a,3gp,3g2,mj2", "aac", "audio/x-m4a", "m4a", 44100, 2, false,
	  137216, PROBE_DURATION_HEADER },
	{ "adts.aac", "aac", "aac", "audio/aac", "aac", 44100, 1, false, 92160,
	  PROBE_DURATION_PACKETS },
	/* Ogg's last granule is never trusted alone (a forged one lies). */
	{ "opus.opus", "ogg", "opus", "audio/ogg", "opus", 48000, 1, false, 144480,
	  PROBE_DURATION_PACKETS },
	{ "vorbis.ogg", "ogg", "vorbis", "audio/ogg", "ogg", 44100, 2, false, 119070,
	  PROBE_DURATION_PACKETS },
	{ "flac.flac", "flac", "flac", "audio/flac", "flac", 44100, 1, false, 97020,
	  PROBE_DURATION_HEADER },
	{ "flac-pipe.flac", "flac", "flac", "audio/flac", "flac", 44100, 1, false, 74970,
	  PROBE_DURATION_PACKETS },
	{ "pcm.wav", "wav", "pcm_s16le", "audio/wav", "wav", 16000, 1, false, 24000,
	  PROBE_DURATION_HEADER },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* One MP3 frame at 44.1 kHz is 1152 samples, 26.1 ms. */
#define ONE_FRAME 0.026

static double absdiff(double a, double b)
{
	return a > b ? a - b : b - a;
}

static double decoded_seconds(const struct fixture *f)
{
	return (double)f->decoded_samples / f->sample_rate;
}

/* Probes a fixture that must succeed; *p is released by the caller. */
static void probe_ok(struct test_ctx *t, const char *file, struct probe *p)
{
	char path[256];
	struct diag diag;
	enum pp_result res;

	snprintf(path, sizeof(path), AUDIO "%s", file);
	diag_init(&diag);
	probe_init(p);
	res = probe_file(path, p, &diag);
	EXPECT_INT(t, res, PP_OK);
	EXPECT_INT(t, diag.count, 0);
	for (size_t i = 0; i < diag.count; i++)
		printf("#   %s: %s\n", file, diag.entries[i].message);
	diag_release(&diag);
}

static void formats_are_identified(struct test_ctx *t)
{
	for (size_t i = 0; i < COUNT(fixtures); i++) {
		const struct fixture *f = &fixtures[i];
		int before = t->failures;
		struct probe p;

		probe_ok(t, f->file, &p);
		EXPECT_STR(t, p.container, f->container);
		EXPECT_STR(t, p.codec, f->codec);
		EXPECT_STR(t, p.mime_type, f->mime_type);
		EXPECT_STR(t, p.extension, f->extension);
		EXPECT_INT(t, p.sample_rate, f->sample_rate);
		EXPECT_INT(t, p.channels, f->channels);
		EXPECT_INT(t, p.has_cover_art, f->has_cover_art);
		if (t->failures != before)
			printf("#   ... in %s\n", f->file);
		probe_release(&p);
	}
}

static void durations_match_decoded_length(struct test_ctx *t)
{
	for (size_t i = 0; i < COUNT(fixtures); i++) {
		const struct fixture *f = &fixtures[i];
		int before = t->failures;
		struct probe p;

		probe_ok(t, f->file, &p);
		EXPECT_NEAR(t, p.duration, decoded_seconds(f), ONE_FRAME);
		EXPECT_INT(t, p.duration_source, f->source);
		if (t->failures != before)
			printf("#   ... in %s: %.6f s, decoded %.6f s\n", f->file, p.duration,
			       decoded_seconds(f));
		probe_release(&p);
	}
}

/* Closer than one frame: to the sample, except for MP4, where the demuxer
 * cuts the last packet to the edit list (3.1 s) but the decoder still puts
 * out the whole last AAC frame (506 samples more). */
static void durations_are_sample_exact(struct test_ctx *t)
{
	for (size_t i = 0; i < COUNT(fixtures); i++) {
		const struct fixture *f = &fixtures[i];
		double half_sample = 0.5 / f->sample_rate;
		double expected = strcmp(f->file, "aac.m4a") == 0 ? 136710.0 / 44100
								   : decoded_seconds(f);
		struct probe p;

		probe_ok(t, f->file, &p);
		EXPECT_NEAR(t, p.duration, expected, half_sample);
		if (absdiff(p.duration, expected) >= half_sample)
			printf("#   ... in %s: %.6f s, expected %.6f s\n", f->file, p.duration,
			       expected);
		probe_release(&p);
	}
}

/* Without a Xing header libavformat estimates this file at 10.9 s from the
 * bitrate of its first (silent, 32 kb/s) frames; it is 5.04 s long. */
static void vbr_mp3_without_xing_is_exact(struct test_ctx *t)
{
	struct probe p;

	probe_ok(t, "vbr-noxing.mp3", &p);
	EXPECT_NEAR(t, p.duration, 222336.0 / 44100, 0.5 / 44100);
	EXPECT_INT(t, p.duration_source, PROBE_DURATION_PACKETS);
	/* The average over the audio, not the first frame's 32 kb/s: the
	 * 43610-byte file (a 45-byte ID3 tag) over 5.04 s is 69 kb/s. */
	EXPECT_CMP(t, p.bit_rate, >, 60000);
	EXPECT_CMP(t, p.bit_rate, <, 75000);
	probe_release(&p);
}

/* The Info frame still says 3.3 s; only the audio that is there counts. */
static void cut_short_mp3_counts_what_is_left(struct test_ctx *t)
{
	struct probe p;

	probe_ok(t, "cut-short.mp3", &p);
	EXPECT_NEAR(t, p.duration, 74927.0 / 44100, ONE_FRAME);
	EXPECT_CMP(t, p.duration, <, 2.0);
	probe_release(&p);
}

static void cbr_bit_rate_is_the_average(struct test_ctx *t)
{
	struct probe p;

	probe_ok(t, "cbr.mp3", &p);
	/* 64 kb/s frames, with 44.1 kHz padding slots: slightly above 64000. */
	EXPECT_CMP(t, p.bit_rate, >=, 64000);
	EXPECT_CMP(t, p.bit_rate, <, 65500);
	probe_release(&p);
	probe_ok(t, "pcm.wav", &p);
	EXPECT_INT(t, p.bit_rate, 16000 * 16);
	probe_release(&p);
}

static void finnish_title_is_byte_exact(struct test_ctx *t)
{
	struct probe p;

	probe_ok(t, "cbr.mp3", &p);
	EXPECT_STR(t, probe_tag(&p, "title"), FINNISH_TITLE);
	EXPECT_NULL(t, probe_tag(&p, "artist"));
	probe_release(&p);
}

/* Vorbis comments sit on the stream, with the writer's case ("ARTIST"). */
static void stream_tags_are_lowercased_and_sorted(struct test_ctx *t)
{
	struct probe p;

	probe_ok(t, "vorbis.ogg", &p);
	EXPECT_STR(t, probe_tag(&p, "artist"), "J\xc3\xa4rjest\xc3\xb6 ry");
	EXPECT_STR(t, probe_tag(&p, "album"), "Testit");
	EXPECT_NULL(t, probe_tag(&p, "ARTIST"));
	EXPECT_INT(t, p.tag_count, 3);
	if (p.tag_count == 3) {
		EXPECT_STR(t, p.tags[0].key, "album");
		EXPECT_STR(t, p.tags[1].key, "artist");
		EXPECT_STR(t, p.tags[2].key, "encoder");
	}
	probe_release(&p);
}

/* aac.m4a has "language" twice: "fin" for the file, "und" on the track. */
static void file_tags_win_over_stream_tags(struct test_ctx *t)
{
	struct probe p;
	size_t n = 0;

	probe_ok(t, "aac.m4a", &p);
	EXPECT_STR(t, probe_tag(&p, "language"), "fin");
	EXPECT_STR(t, probe_tag(&p, "handler_name"), "SoundHandler");
	for (size_t i = 0; i < p.tag_count; i++)
		n += strcmp(p.tags[i].key, "language") == 0;
	EXPECT_INT(t, n, 1);
	for (size_t i = 1; i < p.tag_count; i++)
		EXPECT_CMP(t, strcmp(p.tags[i - 1].key, p.tags[i].key), <, 0);
	probe_release(&p);
}

static void json_has_every_key_and_raw_utf8(struct test_ctx *t)
{
	static const char *const keys[] = {
		"\"path\": \"" AUDIO "cbr.mp3\"", "\"container\": \"mp3\"", "\"codec\": \"mp3\"",
		"\"mime_type\": \"audio/mpeg\"", "\"duration\": 3.3,",
		"\"duration_source\": \"header\"", "\"bit_rate\": ", "\"sample_rate\": 44100",
		"\"channels\": 1", "\"has_cover_art\": false", "\"tags\": {",
		"\"title\": \"" FINNISH_TITLE "\"",
	};
	struct probe p;
	char *json;

	probe_ok(t, "cbr.mp3", &p);
	json = probe_to_json(&p);
	EXPECT(t, json != NULL);
	for (size_t i = 0; json && i < COUNT(keys); i++) {
		EXPECT_CONTAINS(t, json, keys[i]);
		if (!strstr(json, keys[i]))
			printf("#   missing %s\n", keys[i]);
	}
	EXPECT_LACKS(t, json, "\\u");
	/* Members come in the documented order, tags last. */
	for (size_t i = 1; json && i < COUNT(keys) - 1; i++) {
		const char *a = strstr(json, keys[i - 1]), *b = strstr(json, keys[i]);

		EXPECT(t, a && b && a < b);
	}
	free(json);
	probe_release(&p);
}

/* Probes a file that must fail with `expected` and exactly one error, whose
 * path is the file and whose message starts with `message_start`, names the
 * file, starts in lowercase and has no final period. */
static void probe_fails(struct test_ctx *t, const char *path, enum pp_result expected,
			const char *message_start)
{
	struct diag diag;
	struct probe p;
	enum pp_result res;

	diag_init(&diag);
	probe_init(&p);
	res = probe_file(path, &p, &diag);
	EXPECT_INT(t, res, expected);
	EXPECT_INT(t, diag.count, 1);
	EXPECT_INT(t, diag_count(&diag, DIAG_ERROR), 1);
	if (diag.count == 1) {
		const char *msg = diag.entries[0].message;
		size_t len = strlen(msg);
		int before = t->failures;

		EXPECT_STR(t, diag.entries[0].path, path);
		EXPECT_STARTS(t, msg, message_start);
		EXPECT(t, len > 0 && !(msg[0] >= 'A' && msg[0] <= 'Z'));
		EXPECT(t, len > 0 && msg[len - 1] != '.');
		/* The diag's path names the file; the message need not repeat it. */
		EXPECT_LACKS(t, msg, path);
		if (t->failures != before)
			printf("#   ... the message was: %s\n", msg);
	}
	probe_release(&p);
	diag_release(&diag);
}

static void empty_file_is_rejected(struct test_ctx *t)
{
	probe_fails(t, AUDIO "empty.mp3", PP_EMEDIA,
		    "cannot read: the file is empty");
}

static void text_file_is_rejected(struct test_ctx *t)
{
	probe_fails(t, AUDIO "not-audio.mp3", PP_EMEDIA,
		    "not readable as audio (MP3, AAC, M4A, Ogg, FLAC or WAV): ");
}

/* 300 bytes: the tag and the Info frame, but not one whole audio frame.
 * libavformat's mp3 demuxer refuses to open it (EINVAL). */
static void truncated_mp3_is_rejected(struct test_ctx *t)
{
	probe_fails(t, AUDIO "truncated.mp3", PP_EMEDIA,
		    "not readable as audio (MP3, AAC, M4A, Ogg, FLAC or WAV): ");
}

static void missing_file_is_an_io_error(struct test_ctx *t)
{
	probe_fails(t, AUDIO "no-such-file.mp3", PP_EIO,
		    "cannot open: No such file or directory");
}

static void directory_is_an_io_error(struct test_ctx *t)
{
	probe_fails(t, "tests/data/audio", PP_EIO, "is a folder, not a regular file");
}

static void release_twice_is_safe(struct test_ctx *t)
{
	struct probe p;

	probe_ok(t, "vorbis.ogg", &p);
	EXPECT_CMP(t, p.tag_count, >, 0);
	probe_release(&p);
	EXPECT_NULL(t, p.tags);
	EXPECT_INT(t, p.tag_count, 0);
	EXPECT_NULL(t, p.path);
	probe_release(&p);
	EXPECT_NULL(t, p.container);

	/* Probing again into a used struct frees what it held (ASan checks). */
	probe_ok(t, "cbr.mp3", &p);
	{
		struct diag diag;
		enum pp_result res;

		diag_init(&diag);
		res = probe_file(AUDIO "opus.opus", &p, &diag);
		EXPECT_INT(t, res, PP_OK);
		EXPECT_STR(t, p.codec, "opus");
		EXPECT_NULL(t, probe_tag(&p, "title"));
		diag_release(&diag);
	}
	probe_release(&p);
	probe_release(&p);
}

/* MP3 frames replaced by zeros after the first frame's header: the demuxer
 * still opens it and hands out one huge packet that even decodes; podpub
 * must call it corrupt. Built at run time in a temporary file. */
static void zeroed_frames_are_corrupt(struct test_ctx *t)
{
	char dir[] = "/tmp/podpub-probe-XXXXXX", path[64];
	char *tag = NULL;
	size_t len = 0;
	FILE *f = NULL;
	static const char zeros[4096];
	struct diag diag;
	struct probe p;

	/* The name must end in .mp3: the demuxer leans on it for such a file. */
	if (mkdtemp(dir)) {
		snprintf(path, sizeof(path), "%s/zeroed.mp3", dir);
		f = fopen(path, "wb");
	}
	EXPECT(t, f != NULL);
	if (!f)
		return;
	/* A test-show episode: with its tag, this case is one libavformat opens. */
	EXPECT_INT(t, pp_read_file(TESTFS_SHOW "/episodes/jarjestoavustukset-osa-1/"
					       "jarjestoavustukset-osa-1.mp3",
				   &tag, &len),
		   PP_OK);
	/* Keep its first 583 bytes: the ID3 tag and the header of the first
	 * frame, which is what lets the demuxer open the file at all. */
	EXPECT_CMP(t, len, >, 583);
	fwrite(tag, 1, len > 583 ? 583 : len, f);
	for (int i = 0; i < 50; i++)
		fwrite(zeros, 1, sizeof(zeros), f);
	fclose(f);
	free(tag);
	diag_init(&diag);
	probe_init(&p);
	EXPECT_INT(t, probe_file(path, &p, &diag), PP_EMEDIA);
	EXPECT_INT(t, diag_count(&diag, DIAG_ERROR), 1);
	probe_release(&p);
	diag_release(&diag);
	unlink(path);
	rmdir(dir);
}

/* An MP4 whose every sample is garbage: the demuxer takes the sample table
 * from the moov box and hands out packets of the right sizes and times, but
 * none decodes. Only the decode check of the first packets can tell; without
 * it the file would pass as 3.1 s of audio. Built at run time from aac.m4a
 * with the payload of its mdat box (all the samples) set to 0xff. */
static void undecodable_packets_are_corrupt(struct test_ctx *t)
{
	struct testfs fs;
	char path[128];
	char *data = NULL;
	size_t len = 0, pos = 0;
	bool found = false;
	struct diag diag;
	struct probe p;

	diag_init(&diag);
	probe_init(&p);
	if (!testfs_init(&fs, "probe")) {
		t->failures++;
		goto out;
	}
	EXPECT_INT(t, pp_read_file(AUDIO "aac.m4a", &data, &len), PP_OK);
	/* Top-level boxes: a 32-bit big-endian size (header included), a type. */
	while (data && pos + 8 <= len) {
		const unsigned char *b = (const unsigned char *)data + pos;
		size_t size = (size_t)b[0] << 24 | (size_t)b[1] << 16 | (size_t)b[2] << 8 | b[3];

		if (size < 8 || size > len - pos)
			break;
		if (memcmp(b + 4, "mdat", 4) == 0) {
			memset(data + pos + 8, 0xff, size - 8);
			found = size > 8;
			break;
		}
		pos += size;
	}
	EXPECT(t, found);
	snprintf(path, sizeof(path), "%s/garbage.m4a", fs.root);
	if (!found || !testfs_write(path, data, len)) {
		t->failures++;
		goto out;
	}
	EXPECT_INT(t, probe_file(path, &p, &diag), PP_EMEDIA);
	EXPECT_INT(t, diag_count(&diag, DIAG_ERROR), 1);
	if (diag.count == 1)
		EXPECT_STR(t, diag.entries[0].message,
			   "corrupt audio: none of the first 16 packets decodes");
out:
	free(data);
	probe_release(&p);
	diag_release(&diag);
	testfs_release(&fs);
}

/* Probes `len` bytes of `data` written to `name` in a scratch folder. */
static enum pp_result probe_bytes(struct test_ctx *t, const char *name, const char *data,
				  size_t len, struct probe *p)
{
	struct testfs fs;
	char path[128];
	struct diag diag;
	enum pp_result res = PP_EIO;

	diag_init(&diag);
	probe_init(p);
	if (!testfs_init(&fs, "probe")) {
		t->failures++;
		return res;
	}
	snprintf(path, sizeof(path), "%s/%s", fs.root, name);
	if (testfs_write(path, data, len))
		res = probe_file(path, p, &diag);
	for (size_t i = 0; i < diag.count; i++)
		printf("#   %s: %s\n", name, diag.entries[i].message);
	diag_release(&diag);
	testfs_release(&fs);
	return res;
}

/* An interrupted copy keeps a header that states the whole length: the Xing
 * frame's byte count, the Ogg stream's last granule, FLAC's total samples,
 * the WAV data size. None may be believed; the packets that are there
 * count. Each fixture is cut to 60 % of its bytes. */
static void cut_files_are_not_believed(struct test_ctx *t)
{
	static const char *const cut[] = { "vbr-xing.mp3", "opus.opus", "vorbis.ogg",
					   "flac.flac", "pcm.wav" };

	for (size_t i = 0; i < COUNT(cut); i++) {
		char path[128], *data = NULL;
		size_t len = 0;
		struct probe full, p;

		probe_ok(t, cut[i], &full);
		snprintf(path, sizeof(path), AUDIO "%s", cut[i]);
		EXPECT_INT(t, pp_read_file(path, &data, &len), PP_OK);
		EXPECT_INT(t, probe_bytes(t, cut[i], data, len * 6 / 10, &p), PP_OK);
		EXPECT_INT(t, p.duration_source, PROBE_DURATION_PACKETS);
		EXPECT_CMP(t, p.duration, <, full.duration * 0.8);
		EXPECT_CMP(t, p.duration, >, full.duration * 0.3);
		if (p.duration_source != PROBE_DURATION_PACKETS || p.duration >= full.duration * 0.8)
			printf("#   ... in %s cut short: %.6f s from %s\n", cut[i], p.duration,
			       p.duration_source == PROBE_DURATION_HEADER ? "the header" : "packets");
		probe_release(&p);
		probe_release(&full);
		free(data);
	}
}

/* cbr.mp3 twice over: the first Info frame states half of what is there. */
static void appended_mp3_is_not_believed(struct test_ctx *t)
{
	char *data = NULL, *twice;
	size_t len = 0;
	struct probe p;

	EXPECT_INT(t, pp_read_file(AUDIO "cbr.mp3", &data, &len), PP_OK);
	twice = malloc(2 * len + 1);
	EXPECT(t, twice != NULL);
	if (data && twice) {
		memcpy(twice, data, len);
		memcpy(twice + len, data, len);
		EXPECT_INT(t, probe_bytes(t, "twice.mp3", twice, 2 * len, &p), PP_OK);
		EXPECT_INT(t, p.duration_source, PROBE_DURATION_PACKETS);
		EXPECT_CMP(t, p.duration, >, 6.0);
		probe_release(&p);
	}
	free(twice);
	free(data);
}

/* A Fraunhofer VBRI frame (no Debian encoder writes one): vbr-noxing.mp3
 * with a VBRI frame put in before its first frame, stating its 193 frames
 * and the bytes they take. The decoder trims nothing: 193 × 1152 samples. */
static void vbri_header_is_believed(struct test_ctx *t)
{
	char *data = NULL, *out = NULL;
	size_t len = 0, tag = 0, frame = 0;
	struct probe p;

	EXPECT_INT(t, pp_read_file(AUDIO "vbr-noxing.mp3", &data, &len), PP_OK);
	/* The ID3v2 tag: a 10-byte header and a syncsafe size. */
	if (data && len > 10)
		tag = 10 + (size_t)((data[6] & 0x7f) << 21 | (data[7] & 0x7f) << 14 |
				    (data[8] & 0x7f) << 7 | (data[9] & 0x7f));
	if (data && len > tag + 4) {
		const unsigned char *h = (const unsigned char *)data + tag;
		/* MPEG-1 Layer III at 44.1 kHz: 144 × bit rate / 44100 (+1). */
		static const int kbps[16] = { 0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0 };

		EXPECT_INT(t, h[0], 0xff);
		frame = (size_t)(144 * kbps[h[2] >> 4] * 1000 / 44100 + ((h[2] >> 1) & 1));
	}
	EXPECT_CMP(t, frame, >=, 64);
	if (frame >= 64 && (out = calloc(1, len + frame))) {
		unsigned char *v = (unsigned char *)out + tag;
		size_t bytes = frame + len - tag;

		memcpy(out, data, tag + 4);
		memcpy(v + 36, "VBRI\0\1\0\0\0\0", 10);
		v[46] = (unsigned char)(bytes >> 24);
		v[47] = (unsigned char)(bytes >> 16);
		v[48] = (unsigned char)(bytes >> 8);
		v[49] = (unsigned char)bytes;
		v[53] = 193;
		memcpy(out + tag + frame, data + tag, len - tag);
		EXPECT_INT(t, probe_bytes(t, "vbri.mp3", out, len + frame, &p), PP_OK);
		EXPECT_INT(t, p.duration_source, PROBE_DURATION_HEADER);
		EXPECT_NEAR(t, p.duration, 222336.0 / 44100, 0.5 / 44100);
		probe_release(&p);
	}
	free(out);
	free(data);
}

static void cover_image_is_read(struct test_ctx *t)
{
	struct probe_image img;
	struct diag diag;

	diag_init(&diag);
	EXPECT_INT(t, probe_image(TESTFS_SHOW "/feed/cover.png", &img, &diag), PP_OK);
	EXPECT_STR(t, img.format, "png");
	EXPECT_INT(t, img.width, 3000);
	EXPECT_INT(t, img.height, 3000);
	EXPECT(t, img.color);
	EXPECT_INT(t, diag.count, 0);
	diag_release(&diag);
}

static void audio_is_not_an_image(struct test_ctx *t)
{
	struct probe_image img;
	struct diag diag;

	diag_init(&diag);
	EXPECT_INT(t, probe_image(AUDIO "cbr.mp3", &img, &diag), PP_EMEDIA);
	EXPECT_INT(t, diag_count(&diag, DIAG_ERROR), 1);
	if (diag.count == 1)
		EXPECT_STR(t, diag.entries[0].path, AUDIO "cbr.mp3");
	diag_release(&diag);
}

/* The edit list read box by box: aac.m4a skips 1024 samples of priming and
 * plays 136710 (3.1 s at 44.1 kHz); a file that is no MP4, or an MP4 cut
 * before its moov (written last), has none to read. */
static void mp4_edit_list_is_read(struct test_ctx *t)
{
	struct testfs fs;
	struct mp4_edit e;
	char path[160], *data = NULL;
	size_t len = 0;

	EXPECT(t, probe_mp4_edit(AUDIO "aac.m4a", &e));
	EXPECT_INT(t, e.media_time, 1024);
	EXPECT_INT(t, e.duration, 136710);
	EXPECT_INT(t, e.media_scale, 44100);
	EXPECT(t, !probe_mp4_edit(AUDIO "cbr.mp3", &e));
	EXPECT(t, !probe_mp4_edit(AUDIO "no-such-file.m4a", &e));
	if (!testfs_init(&fs, "mp4-edit")) {
		t->failures++;
		return;
	}
	EXPECT_INT(t, pp_read_file(AUDIO "aac.m4a", &data, &len), PP_OK);
	snprintf(path, sizeof(path), "%s/cut.m4a", fs.root);
	EXPECT(t, data && testfs_write(path, data, len * 6 / 10));
	EXPECT(t, !probe_mp4_edit(path, &e));
	free(data);
	testfs_release(&fs);
}

TEST_MAIN(TEST_CASE(mp4_edit_list_is_read), TEST_CASE(formats_are_identified), TEST_CASE(durations_match_decoded_length),
	  TEST_CASE(durations_are_sample_exact), TEST_CASE(vbr_mp3_without_xing_is_exact),
	  TEST_CASE(cut_short_mp3_counts_what_is_left), TEST_CASE(cbr_bit_rate_is_the_average),
	  TEST_CASE(finnish_title_is_byte_exact), TEST_CASE(stream_tags_are_lowercased_and_sorted),
	  TEST_CASE(file_tags_win_over_stream_tags), TEST_CASE(json_has_every_key_and_raw_utf8),
	  TEST_CASE(empty_file_is_rejected), TEST_CASE(text_file_is_rejected),
	  TEST_CASE(truncated_mp3_is_rejected), TEST_CASE(missing_file_is_an_io_error),
	  TEST_CASE(directory_is_an_io_error), TEST_CASE(release_twice_is_safe),
	  TEST_CASE(zeroed_frames_are_corrupt), TEST_CASE(undecodable_packets_are_corrupt),
	  TEST_CASE(cut_files_are_not_believed), TEST_CASE(appended_mp3_is_not_believed),
	  TEST_CASE(vbri_header_is_believed), TEST_CASE(cover_image_is_read),
	  TEST_CASE(audio_is_not_an_image))
