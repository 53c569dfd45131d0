/* probe_header.c - believe a header's length only where the file agrees.
 *
 * Walking every packet is exact but reads the whole file. Most files state
 * their length exactly in a header; a header can also lie (an interrupted
 * copy keeps its Xing frame's full length, a file written to a pipe states
 * nothing). Each reader here takes the stated length only when a second
 * fact of the file confirms it: the byte count the header states ends where
 * the file does, the last Ogg page ends the stream at the end of the file,
 * the last FLAC frame ends at the stated sample with a good CRC. Anything
 * else returns false, and probe.c walks the packets.
 *
 * The file is read with pread(); libavformat only supplies what it already
 * parsed where that is exact (the MP4 edit list). */
#include "media/probe_header.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "media/libav.h"
#include "util.h"

/* An open file and its size. */
struct file {
	int fd;
	int64_t size;
};

/* Reads exactly `len` bytes at `off`; false on a short read or an error. */
static bool read_at(const struct file *f, int64_t off, void *buf, size_t len)
{
	uint8_t *p = buf;

	if (off < 0 || off > f->size || (int64_t)len > f->size - off)
		return false;
	while (len > 0) {
		ssize_t n = pread(f->fd, p, len, (off_t)off);

		if (n <= 0)
			return false;
		p += n;
		off += n;
		len -= (size_t)n;
	}
	return true;
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[1] << 8 | p[0]);
}

/* The offset just past any ID3v2 tags at `off` (MP3 and FLAC may start
 * with them), or -1 when a tag is cut short. */
static int64_t skip_id3v2(const struct file *f, int64_t off)
{
	uint8_t h[10];

	while (read_at(f, off, h, sizeof(h)) && memcmp(h, "ID3", 3) == 0) {
		int64_t size;

		if ((h[6] | h[7] | h[8] | h[9]) & 0x80)
			return -1;
		size = (int64_t)h[6] << 21 | h[7] << 14 | h[8] << 7 | h[9];
		off += 10 + size + ((h[5] & 0x10) ? 10 : 0);
		if (off > f->size)
			return -1;
	}
	return off;
}

/* --- MP3: Xing/Info (+ LAME's gapless fields) or VBRI ------------------ */

struct mp3_frame {
	int version;      /* 1, 2 or 25 (MPEG 2.5) */
	int sample_rate;
	int samples;      /* per frame: 1152 or 576 */
	int size;         /* bytes, header included */
	bool mono;
};

/* Parses a Layer III frame header; false for anything else (free format
 * included: its frames have no stated size). */
static bool mp3_frame_parse(const uint8_t *h, struct mp3_frame *fr)
{
	static const int rates[3] = { 44100, 48000, 32000 };
	static const int kbps_v1[16] = { 0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0 };
	static const int kbps_v2[16] = { 0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0 };
	int vbits = (h[1] >> 3) & 3, rate_idx = (h[2] >> 2) & 3, kbps;

	if (h[0] != 0xff || (h[1] & 0xe0) != 0xe0 || vbits == 1 || ((h[1] >> 1) & 3) != 1 ||
	    rate_idx == 3)
		return false;
	fr->version = vbits == 3 ? 1 : vbits == 2 ? 2 : 25;
	fr->sample_rate = rates[rate_idx] >> (fr->version == 1 ? 0 : fr->version == 2 ? 1 : 2);
	kbps = (fr->version == 1 ? kbps_v1 : kbps_v2)[h[2] >> 4];
	if (kbps == 0)
		return false;
	fr->samples = fr->version == 1 ? 1152 : 576;
	fr->size = (fr->samples / 8) * kbps * 1000 / fr->sample_rate + ((h[2] >> 1) & 1);
	fr->mono = (h[3] >> 6) == 3;
	return true;
}

/* Where the audio ends: the file's size less an ID3v1 tag and an APEv2 tag
 * at its end; -1 when such a tag is malformed. */
static int64_t mp3_audio_end(const struct file *f)
{
	int64_t end = f->size;
	uint8_t b[32];

	if (end >= 128 && read_at(f, end - 128, b, 3) && memcmp(b, "TAG", 3) == 0)
		end -= 128;
	if (end >= 32 && read_at(f, end - 32, b, 32) && memcmp(b, "APETAGEX", 8) == 0) {
		int64_t size = le32(b + 12) + ((b[23] & 0x80) ? 32 : 0);

		if (size > end)
			return -1;
		end -= size;
	}
	return end;
}

static bool mp3_length(const struct file *f, struct header_length *out)
{
	uint8_t buf[256];
	struct mp3_frame fr, next;
	int64_t off = skip_id3v2(f, 0), end, frames, bytes, start_pad = 0, end_pad = 0;
	int side;
	const uint8_t *x;

	if (off < 0 || !read_at(f, off, buf, sizeof(buf)) || !mp3_frame_parse(buf, &fr))
		return false;
	side = fr.version == 1 ? (fr.mono ? 17 : 32) : (fr.mono ? 9 : 17);
	x = buf + 4 + side;
	if (memcmp(x, "Xing", 4) == 0 || memcmp(x, "Info", 4) == 0) {
		uint32_t flags = be32(x + 4);
		const uint8_t *p = x + 8;

		/* Both counts are needed: frames for the length, bytes to
		 * check it against the file. */
		if ((flags & 3) != 3)
			return false;
		frames = be32(p);
		bytes = be32(p + 4);
		p += 8;
		if (flags & 4)
			p += 100;
		if (flags & 8)
			p += 4;
		/* The encoder's gapless fields follow in a LAME tag (LAME
		 * and FFmpeg write one); ffmpeg's decoder trims what they
		 * state, and only for these encoders. */
		if (p + 24 <= buf + sizeof(buf) &&
		    (memcmp(p, "LAME", 4) == 0 || memcmp(p, "Lavf", 4) == 0 ||
		     memcmp(p, "Lavc", 4) == 0)) {
			uint32_t v = (uint32_t)p[21] << 16 | (uint32_t)p[22] << 8 | p[23];

			start_pad = v >> 12;
			end_pad = v & 0xfff;
		}
		/* The tag must lie inside its frame, or it is audio data. */
		if (p - buf > fr.size)
			return false;
		out->header = "Xing";
	} else if (memcmp(buf + 36, "VBRI", 4) == 0 && fr.size >= 36 + 18) {
		bytes = be32(buf + 36 + 10);
		frames = be32(buf + 36 + 14);
		out->header = "VBRI";
	} else {
		return false;
	}
	/* The stated bytes (this frame included) must end where the file's
	 * audio ends: a cut file is shorter, an appended one longer. */
	end = mp3_audio_end(f);
	if (frames <= 0 || bytes <= fr.size || end < 0 || off + bytes != end)
		return false;
	/* The audio frames after this one: the same kind of stream, and an
	 * average frame size that such frames can have (8 kb/s at the least,
	 * 320 or 160 at the most, a padding byte each). */
	if (!read_at(f, off + fr.size, buf, 4) || !mp3_frame_parse(buf, &next) ||
	    next.version != fr.version || next.sample_rate != fr.sample_rate)
		return false;
	{
		int64_t per = fr.samples / 8, max_kbps = fr.version == 1 ? 320 : 160;
		int64_t audio = bytes - fr.size;

		if (audio < frames * (per * 8000 / fr.sample_rate) ||
		    audio > frames * (per * max_kbps * 1000 / fr.sample_rate + 1))
			return false;
		if (frames * fr.samples <= start_pad + end_pad)
			return false;
		out->units = frames * fr.samples - start_pad - end_pad;
		out->per_second = fr.sample_rate;
		out->audio_bytes = audio;
	}
	return true;
}

/* Ogg is not trusted here: its last granule is exact, but nothing else in
 * the file backs it, so a forged one (its CRC redone) would turn 3 s into
 * 10 h. The packet walk checks every page's claim instead. */

/* --- FLAC: STREAMINFO total samples, checked by the last frame ---------- */

static uint8_t crc8(const uint8_t *p, size_t len)
{
	unsigned crc = 0;

	for (size_t i = 0; i < len; i++) {
		crc ^= p[i];
		for (int b = 0; b < 8; b++)
			crc = (crc & 0x80 ? crc << 1 ^ 0x07 : crc << 1) & 0xff;
	}
	return (uint8_t)crc;
}

static uint16_t crc16(const uint8_t *p, size_t len)
{
	unsigned crc = 0;

	for (size_t i = 0; i < len; i++) {
		crc ^= (unsigned)p[i] << 8;
		for (int b = 0; b < 8; b++)
			crc = (crc & 0x8000 ? crc << 1 ^ 0x8005 : crc << 1) & 0xffff;
	}
	return (uint16_t)crc;
}

/* Parses the frame header at `p` (`avail` bytes): the first sample it holds
 * (frame number × `fixed_block` for fixed-blocksize streams) and its block
 * size. False when it is no frame header or its CRC-8 is wrong. */
static bool flac_frame_header(const uint8_t *in, size_t avail, int64_t fixed_block,
			      int64_t *first_sample, int64_t *block)
{
	/* A header is at most 16 bytes; a short last frame may be shorter
	 * than that, so read a zero-padded copy and check the length after. */
	uint8_t p[16] = { 0 };
	size_t n = 4, extra;
	uint64_t coded;
	int bs, sr;

	memcpy(p, in, avail < sizeof(p) ? avail : sizeof(p));
	bs = p[2] >> 4;
	sr = p[2] & 15;
	if (avail < 6 || p[0] != 0xff || (p[1] & 0xfe) != 0xf8 || bs == 0 || sr == 15)
		return false;
	/* The frame or sample number, UTF-8 style in up to 7 bytes. */
	if (p[4] < 0x80) {
		coded = p[4];
		extra = 0;
	} else if (p[4] >= 0xc0 && p[4] < 0xfe) {
		extra = p[4] >= 0xfc ? 5 : p[4] >= 0xf8 ? 4 : p[4] >= 0xf0 ? 3 : p[4] >= 0xe0 ? 2 : 1;
		coded = p[4] & (0x3f >> extra);
	} else if (p[4] == 0xfe) {
		extra = 6;
		coded = 0;
	} else {
		return false;
	}
	for (size_t i = 0; i < extra; i++) {
		if ((p[5 + i] & 0xc0) != 0x80)
			return false;
		coded = coded << 6 | (p[5 + i] & 0x3f);
	}
	n += 1 + extra;
	if (bs == 1)
		*block = 192;
	else if (bs <= 5)
		*block = 576 << (bs - 2);
	else if (bs == 6)
		*block = p[n++] + 1;
	else if (bs == 7) {
		*block = (p[n] << 8 | p[n + 1]) + 1;
		n += 2;
	} else
		*block = 256 << (bs - 8);
	n += sr == 12 ? 1 : (sr == 13 || sr == 14) ? 2 : 0;
	/* The header, its CRC-8 and the frame's CRC-16 at the least. */
	if (n + 3 > avail || crc8(p, n) != p[n])
		return false;
	*first_sample = (p[1] & 1) ? (int64_t)coded : (int64_t)coded * fixed_block;
	return true;
}

static bool flac_length(const struct file *f, struct header_length *out)
{
	uint8_t h[4 + 4 + 34];
	int64_t off = skip_id3v2(f, 0), audio_start, total, fixed_block, max_frame, tail_len;
	uint8_t *tail = NULL;
	bool ok = false;

	if (off < 0 || !read_at(f, off, h, sizeof(h)) || memcmp(h, "fLaC", 4) != 0 ||
	    (h[4] & 0x7f) != 0)
		return false;
	{
		const uint8_t *si = h + 8;
		int rate = si[10] << 12 | si[11] << 4 | si[12] >> 4;

		total = (int64_t)(si[13] & 15) << 32 | be32(si + 14);
		fixed_block = si[0] << 8 | si[1];
		if ((si[2] << 8 | si[3]) != fixed_block)
			fixed_block = 0;
		max_frame = si[7] << 16 | si[8] << 8 | si[9];
		if (total == 0 || rate == 0)
			return false;
		out->per_second = rate;
	}
	/* The metadata blocks, to where the frames start. */
	audio_start = off + 4;
	for (;;) {
		uint8_t b[4];

		if (!read_at(f, audio_start, b, 4))
			return false;
		audio_start += 4 + (b[1] << 16 | b[2] << 8 | b[3]);
		if (b[0] & 0x80)
			break;
	}
	/* The last frame ends at the end of the file (its CRC-16 says it is
	 * whole) and at the stated last sample. */
	tail_len = max_frame > 0 ? max_frame + 16 : 1 << 20;
	if (tail_len > f->size - audio_start)
		tail_len = f->size - audio_start;
	if (tail_len < 8 || !(tail = malloc((size_t)tail_len)) ||
	    !read_at(f, f->size - tail_len, tail, (size_t)tail_len))
		goto out;
	for (int64_t i = tail_len - 8; i >= 0; i--) {
		int64_t first, block;

		if (tail[i] != 0xff || !flac_frame_header(tail + i, (size_t)(tail_len - i),
							  fixed_block, &first, &block))
			continue;
		if (crc16(tail + i, (size_t)(tail_len - i - 2)) !=
		    (tail[tail_len - 2] << 8 | tail[tail_len - 1]))
			continue;
		/* Fixed-size streams number frames; a short last frame
		 * still starts at frame × the full block size. */
		if ((!(tail[i + 1] & 1) && fixed_block == 0) || first + block != total)
			break;
		out->units = total;
		out->audio_bytes = f->size - audio_start;
		out->header = "STREAMINFO";
		ok = true;
		break;
	}
out:
	free(tail);
	return ok;
}

/* --- WAV: the data chunk's size ----------------------------------------- */

static bool wav_length(const struct file *f, struct header_length *out)
{
	uint8_t h[12], c[8], fmt[40];
	int64_t off = 12;
	int block_align = 0, rate = 0;

	if (!read_at(f, 0, h, sizeof(h)) || memcmp(h, "RIFF", 4) != 0 || memcmp(h + 8, "WAVE", 4) != 0)
		return false;
	while (read_at(f, off, c, sizeof(c))) {
		int64_t size = le32(c + 4);

		if (memcmp(c, "fmt ", 4) == 0) {
			unsigned tag;

			if (size < 16 || !read_at(f, off + 8, fmt, size >= 40 ? 40 : 16))
				return false;
			tag = le16(fmt);
			/* WAVE_FORMAT_EXTENSIBLE: the subformat GUID's first
			 * two bytes are the real tag. */
			if (tag == 0xfffe && size >= 40)
				tag = le16(fmt + 24);
			if (tag != 1 && tag != 3)
				return false;
			rate = (int)le32(fmt + 4);
			block_align = le16(fmt + 12);
		} else if (memcmp(c, "data", 4) == 0) {
			/* 0xffffffff: written to a pipe, length unknown. */
			if (block_align <= 0 || rate <= 0 || size == 0 || size == 0xffffffff ||
			    off + 8 + size > f->size)
				return false;
			out->units = size / block_align;
			out->per_second = rate;
			out->audio_bytes = size;
			out->header = "WAV data";
			return out->units > 0;
		}
		off += 8 + size + (size & 1);
	}
	return false;
}

/* --- MP4: the sample table and edit list libavformat read --------------- */

/* --- MP4: the edit list, read here ------------------------------------- */

static uint64_t be64(const uint8_t *p)
{
	return (uint64_t)be32(p) << 32 | be32(p + 4);
}

/* A box of an MP4 file: where its body starts and where it ends. */
struct box {
	int64_t body, end;
};

/* More boxes than a podcast's moov holds: a file built to loop is let go. */
#define MP4_MAX_BOXES 4096

/* The `nth` (from 0) child box of type `type` inside [start, end). */
static bool mp4_child(const struct file *f, int64_t start, int64_t end, const char *type, int nth,
		      struct box *out)
{
	for (int count = 0; start < end && count < MP4_MAX_BOXES; count++) {
		uint8_t h[16];
		uint64_t size;
		int64_t header = 8;

		if (end - start < 8 || !read_at(f, start, h, 8))
			return false;
		size = be32(h);
		if (size == 1) {
			if (end - start < 16 || !read_at(f, start + 8, h + 8, 8))
				return false;
			size = be64(h + 8);
			header = 16;
		} else if (size == 0) {
			size = (uint64_t)(end - start);
		}
		if (size < (uint64_t)header || size > (uint64_t)(end - start))
			return false;
		if (memcmp(h + 4, type, 4) == 0 && nth-- == 0) {
			out->body = start + header;
			out->end = start + (int64_t)size;
			return true;
		}
		start += (int64_t)size;
	}
	return false;
}

/* The path of boxes `types` ("mdia", "mdhd", NULL) below `from`. */
static bool mp4_path(const struct file *f, const struct box *from, const char *const *types,
		     struct box *out)
{
	struct box b = *from;

	for (; *types; types++)
		if (!mp4_child(f, b.body, b.end, *types, 0, &b))
			return false;
	*out = b;
	return true;
}

/* A full box's timescale: after version and flags, two times of 4 bytes
 * (version 0) or 8 (version 1) come first (mvhd, mdhd). */
static bool mp4_timescale(const struct file *f, const struct box *b, uint32_t *out)
{
	uint8_t v[4], ts[4];
	int64_t at;

	if (!read_at(f, b->body, v, 1))
		return false;
	at = b->body + 4 + (v[0] == 1 ? 16 : 8);
	if (v[0] > 1 || at + 4 > b->end || !read_at(f, at, ts, 4))
		return false;
	*out = be32(ts);
	return *out > 0;
}

bool probe_mp4_edit(const char *path, struct mp4_edit *out)
{
	static const char *const hdlr[] = { "mdia", "hdlr", NULL }, *const mdhd[] = { "mdia", "mdhd", NULL },
				 *const elst[] = { "edts", "elst", NULL };
	struct file f = { -1, 0 };
	struct box moov, mvhd, trak, b, sound = { 0, 0 };
	uint32_t movie_scale, media_scale;
	int sounds = 0;
	uint8_t e[28], h[4];
	struct stat sb;
	bool ok = false;

	memset(out, 0, sizeof(*out));
	/* O_NONBLOCK: a FIFO in the audio's place must not hang the open
	 * (probe.c names it; nothing is read from anything but a file). */
	if ((f.fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0)
		return false;
	if (fstat(f.fd, &sb) != 0 || !S_ISREG(sb.st_mode))
		goto out;
	f.size = sb.st_size;
	if (!read_at(&f, 4, h, 4) || memcmp(h, "ftyp", 4) != 0 ||
	    !mp4_child(&f, 0, f.size, "moov", 0, &moov) ||
	    !mp4_child(&f, moov.body, moov.end, "mvhd", 0, &mvhd) ||
	    !mp4_timescale(&f, &mvhd, &movie_scale))
		goto out;
	/* One sound track, or libavformat's choice and this one may differ. */
	for (int i = 0; mp4_child(&f, moov.body, moov.end, "trak", i, &trak); i++) {
		if (!mp4_path(&f, &trak, hdlr, &b) || b.end - b.body < 12 ||
		    !read_at(&f, b.body + 8, h, 4))
			goto out;
		if (memcmp(h, "soun", 4) == 0 && sounds++ == 0)
			sound = trak;
	}
	if (sounds != 1 || !mp4_path(&f, &sound, mdhd, &b) || !mp4_timescale(&f, &b, &media_scale) ||
	    !mp4_path(&f, &sound, elst, &b) || !read_at(&f, b.body, e, 8))
		goto out;
	/* One edit, playing the media from media_time at rate 1: what an
	 * encoder writes to skip its priming and padding. */
	if (e[0] > 1 || be32(e + 4) != 1)
		goto out;
	if (e[0] == 0) {
		if (!read_at(&f, b.body + 8, e + 8, 12))
			goto out;
		out->segment = be32(e + 8);
		out->media_time = (int32_t)be32(e + 12);
		ok = be32(e + 16) == 0x10000;
	} else {
		if (!read_at(&f, b.body + 8, e + 8, 20))
			goto out;
		out->segment = (int64_t)be64(e + 8);
		out->media_time = (int64_t)be64(e + 16);
		ok = be32(e + 24) == 0x10000;
	}
	if (!ok || out->media_time < 0 || out->segment <= 0 || out->segment > INT64_MAX / media_scale)
		ok = false;
	else
		/* In the track's own units, rounded as libavformat rounds it. */
		out->duration = (out->segment * media_scale + movie_scale / 2) / movie_scale;
	out->media_scale = media_scale;
out:
	close(f.fd);
	return ok;
}

static bool mp4_length(const struct libav *av, const struct file *f, const AVStream *st,
		       bool alone, const struct mp4_edit *edit, struct header_length *out)
{
	AVStream *s = (AVStream *)st;
	int n = av->avformat_index_get_entries_count(s);
	const AVIndexEntry *last = n > 0 ? av->avformat_index_get_entry(s, n - 1) : NULL;
	int frame = st->codecpar->frame_size;
	int64_t bytes = 0;

	/* The edit list's length, which the demuxer's packets honour; the last
	 * sample of the table must lie in the file and end it (a fragmented
	 * file's moov holds no samples, a cut one's last sample is missing). */
	if (!last || st->duration <= 0 || st->start_time != 0 || frame <= 0 ||
	    last->pos + last->size > f->size || last->timestamp >= st->duration ||
	    last->timestamp + av->av_rescale_q(frame, (AVRational){ 1, st->codecpar->sample_rate },
					       st->time_base) < st->duration)
		return false;
	/* The audio's bytes: with no other track's samples among them, the
	 * span from the first sample to the end of the last; summed sample by
	 * sample otherwise (a 3-hour file has 465000: 8 % of its probe). */
	if (alone)
		bytes = last->pos + last->size - av->avformat_index_get_entry(s, 0)->pos;
	for (int i = 0; !alone && i < n; i++)
		bytes += av->avformat_index_get_entry(s, i)->size;
	out->units = st->duration * st->time_base.num;
	out->per_second = st->time_base.den;
	/* libavformat left the edit list to us (probe_mp4_edit): the media
	 * played from media_time for the edit's length, as libavformat's own
	 * mov_fix_index would trim it, in the track's units. */
	if (edit) {
		if (st->time_base.num != 1 || st->time_base.den != (int)edit->media_scale ||
		    st->duration <= edit->media_time)
			return false;
		out->units = st->duration - edit->media_time;
		if (edit->duration < out->units)
			out->units = edit->duration;
	}
	out->audio_bytes = bytes;
	out->header = "moov";
	return true;
}

bool probe_header_length(const struct libav *av, struct AVFormatContext *ctx, int idx,
			 const char *path, const struct mp4_edit *edit, struct header_length *out)
{
	const AVStream *st = ctx->streams[idx];
	const char *name = ctx->iformat->name;
	enum AVCodecID codec = st->codecpar->codec_id;
	struct file f = { -1, 0 };
	struct stat sb;
	bool ok = false, alone = true;

	memset(out, 0, sizeof(*out));
	/* A cover ('covr', APIC) is no track: its bytes are not in the media. */
	for (unsigned i = 0; i < ctx->nb_streams; i++)
		if ((int)i != idx && !(ctx->streams[i]->disposition & AV_DISPOSITION_ATTACHED_PIC))
			alone = false;
	if ((f.fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0)
		return false;
	if (fstat(f.fd, &sb) != 0 || !S_ISREG(sb.st_mode))
		goto out;
	f.size = sb.st_size;
	if (strcmp(name, "mp3") == 0 && codec == AV_CODEC_ID_MP3)
		ok = mp3_length(&f, out);
	else if (strcmp(name, "flac") == 0 && codec == AV_CODEC_ID_FLAC)
		ok = flac_length(&f, out);
	else if (strcmp(name, "wav") == 0)
		ok = wav_length(&f, out);
	else if (strncmp(name, "mov,", 4) == 0)
		ok = mp4_length(av, &f, st, alone, edit, out);
	if (ok && (out->units <= 0 || out->per_second <= 0))
		ok = false;
out:
	close(f.fd);
	return ok;
}
