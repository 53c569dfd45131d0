#include "media/transcript.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "util.h"

void transcript_init(struct transcript *t)
{
	memset(t, 0, sizeof(*t));
}

void transcript_release(struct transcript *t)
{
	for (size_t i = 0; i < t->count; i++)
		free(t->cues[i].text);
	free(t->cues);
	transcript_init(t);
}

static const struct {
	const char *suffix, *media_type, *content_type, *name, *example;
} formats[] = {
	[TRANSCRIPT_VTT] = { ".vtt", "text/vtt", "text/vtt; charset=utf-8", "WebVTT",
			     "00:01:02.500 --> 00:01:04.000" },
	[TRANSCRIPT_SRT] = { ".srt", "application/x-subrip", "application/x-subrip; charset=utf-8",
			     "SubRip", "00:01:02,500 --> 00:01:04,000" },
};

bool transcript_format_of(const char *name, enum transcript_format *out)
{
	for (size_t i = 0; i < COUNT(formats); i++) {
		if (pp_has_suffix_nocase(name, formats[i].suffix)) {
			*out = (enum transcript_format)i;
			return true;
		}
	}
	return false;
}

const char *transcript_media_type(enum transcript_format format)
{
	return formats[format].media_type;
}

const char *transcript_suffix(enum transcript_format format)
{
	return formats[format].suffix;
}

const char *transcript_content_type(enum transcript_format format)
{
	return formats[format].content_type;
}

/* The bytes, one line at a time: LF, CRLF and a lone CR all end a line, as
 * WebVTT allows and as SubRip files from any editor have them. */
struct cursor {
	const char *p, *end;
	int line; /* of the line last returned */
};

static bool next_line(struct cursor *c, const char **s, size_t *n)
{
	const char *q = c->p;

	if (c->p >= c->end)
		return false;
	while (q < c->end && *q != '\n' && *q != '\r')
		q++;
	*s = c->p;
	*n = (size_t)(q - c->p);
	if (q < c->end && *q == '\r' && q + 1 < c->end && q[1] == '\n')
		q += 2;
	else if (q < c->end)
		q++;
	c->p = q;
	c->line++;
	return true;
}

/* The bytes are not NUL-terminated: no str* function reads them. */
static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

static bool has_arrow(const char *s, size_t n)
{
	for (size_t i = 0; i + 3 <= n; i++)
		if (memcmp(s + i, "-->", 3) == 0)
			return true;
	return false;
}

/* True when the line is `word` alone or followed by a space or tab. */
static bool starts_word(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word);

	return n >= w && memcmp(s, word, w) == 0 && (n == w || s[w] == ' ' || s[w] == '\t');
}

/* At most `max` digits from s[*i]; false when there are fewer than `min`. */
static bool digits(const char *s, size_t n, size_t *i, size_t min, size_t max, long *out)
{
	size_t start = *i;

	*out = 0;
	while (*i < n && *i - start < max && s[*i] >= '0' && s[*i] <= '9')
		*out = *out * 10 + (s[(*i)++] - '0');
	return *i - start >= min && !(*i < n && s[*i] >= '0' && s[*i] <= '9');
}

/* One timestamp at s[*i]: WebVTT's "HH:MM:SS.mmm" or "MM:SS.mmm" (hours
 * two digits or more), SubRip's "HH:MM:SS,mmm". */
static bool timestamp(const char *s, size_t n, size_t *i, enum transcript_format format,
		      double *out)
{
	long part[3], ms;
	size_t parts = 0, first = *i;
	char mark = format == TRANSCRIPT_SRT ? ',' : '.';

	for (;;) {
		/* Hours may be long; minutes and seconds are two digits. Nine
		 * digits keep any hour count far from overflowing. */
		if (!digits(s, n, i, 2, parts == 0 ? 9 : 2, &part[parts]))
			return false;
		parts++;
		if (*i >= n || s[*i] != ':' || parts == 3)
			break;
		(*i)++;
	}
	if (parts < 2 || (format == TRANSCRIPT_SRT && parts != 3))
		return false;
	/* Without hours, the minutes are two digits too. */
	if (parts == 2 && *i - first != 5)
		return false;
	if (*i >= n || s[(*i)++] != mark || !digits(s, n, i, 3, 3, &ms))
		return false;
	if (part[parts - 1] > 59 || part[parts - 2] > 59)
		return false;
	*out = (parts == 3 ? (double)part[0] * 3600.0 : 0.0) + (double)part[parts - 2] * 60.0 +
	       (double)part[parts - 1] + (double)ms / 1000.0;
	return true;
}

/* "start --> end", then anything after a space or tab (WebVTT's cue
 * settings, SubRip's coordinates). */
static bool timing(const char *s, size_t n, enum transcript_format format, double *start,
		   double *end)
{
	size_t i = 0, ws;

	if (!timestamp(s, n, &i, format, start))
		return false;
	ws = i;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i == ws || n - i < 3 || memcmp(s + i, "-->", 3) != 0)
		return false;
	i += 3;
	ws = i;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i == ws || !timestamp(s, n, &i, format, end))
		return false;
	return i == n || s[i] == ' ' || s[i] == '\t';
}

/* WebVTT's character references that captions use; others stay as written. */
static const struct {
	const char *name, *text;
} entities[] = {
	{ "&amp;", "&" }, { "&lt;", "<" },	{ "&gt;", ">" },     { "&quot;", "\"" },
	{ "&apos;", "'" }, { "&nbsp;", " " }, { "&lrm;", "" },    { "&rlm;", "" },
};

/* The length of the entity `s` starts with, its text into *text; 0 for
 * none of those above. */
static size_t entity_at(const char *s, size_t n, const char **text)
{
	for (size_t k = 0; k < COUNT(entities); k++) {
		size_t len = strlen(entities[k].name);

		if (n >= len && memcmp(s, entities[k].name, len) == 0) {
			*text = entities[k].text;
			return len;
		}
	}
	return 0;
}

/* A cue line as plain text for the episode's page: tags go (a WebVTT
 * voice "<v Name>" becomes "Name: "), WebVTT's entities are decoded. */
static enum pp_result add_plain(struct buf *b, const char *s, size_t n,
				enum transcript_format format)
{
	enum pp_result res = PP_OK;
	bool vtt = format == TRANSCRIPT_VTT;

	for (size_t i = 0; res == PP_OK && i < n;) {
		const char *close = s[i] == '<' ? memchr(s + i, '>', n - i) : NULL;
		const char *text;
		size_t len;

		if (close) {
			const char *tag = s + i + 1, *name = NULL;

			if (vtt && close - tag > 2 && tag[0] == 'v' && (tag[1] == ' ' || tag[1] == '.'))
				name = memchr(tag + 1, ' ', (size_t)(close - tag - 1));
			if (name && close - name > 1 &&
			    (res = buf_add(b, name + 1, (size_t)(close - name - 1))) == PP_OK)
				res = buf_puts(b, ": ");
			i = (size_t)(close - s) + 1;
		} else if (vtt && s[i] == '&' && (len = entity_at(s + i, n - i, &text))) {
			res = buf_puts(b, text);
			i += len;
		} else {
			res = buf_add(b, s + i, 1);
			i++;
		}
	}
	return res;
}

/* The bytes as a whole: UTF-8 without control characters, which would
 * make the episode's page (XML underneath) malformed. */
static bool check_text(const char *data, size_t len, const char *path, struct diag *diag)
{
	size_t bad = 0;

	if (!pp_utf8_valid(data, len, &bad)) {
		diag_error(diag, path, pp_line_of_offset(data, bad),
			   "not valid UTF-8 (byte 0x%02x): save the transcript as UTF-8",
			   (unsigned char)data[bad]);
		return false;
	}
	if (!pp_xml_text_valid(data, len, &bad)) {
		diag_error(diag, path, pp_line_of_offset(data, bad),
			   "a control character (0x%02x) in the transcript", (unsigned char)data[bad]);
		return false;
	}
	return true;
}

struct parse {
	struct cursor c;
	enum transcript_format format;
	double duration;
	const char *path;
	struct transcript *out;
	struct diag *diag;
};

/* One cue from its timing line on: the times checked against the cue
 * before and the audio, the text lines up to a blank line. */
static enum pp_result read_cue(struct parse *p, const char *s, size_t n)
{
	const char *name = formats[p->format].name;
	struct transcript_cue cue = { .line = p->c.line };
	struct transcript_cue *grown;
	struct buf text;
	enum pp_result res = PP_OK;

	if (!timing(s, n, p->format, &cue.start, &cue.end)) {
		diag_error(p->diag, p->path, cue.line,
			   "not a %s cue timing: '%.*s' (write '%s')", name, (int)n, s,
			   formats[p->format].example);
		return PP_EPARSE;
	}
	if (cue.end < cue.start) {
		diag_error(p->diag, p->path, cue.line, "cue ends (%.3f s) before it starts (%.3f s)",
			   cue.end, cue.start);
		return PP_EPARSE;
	}
	if (p->out->count && cue.start < p->out->cues[p->out->count - 1].start) {
		diag_error(p->diag, p->path, cue.line,
			   "cue starts at %.3f s, before the cue on line %d (%.3f s): cues must be "
			   "in order of their start",
			   cue.start, p->out->cues[p->out->count - 1].line,
			   p->out->cues[p->out->count - 1].start);
		return PP_EPARSE;
	}
	if (p->duration > 0 && cue.end > p->duration + TRANSCRIPT_TOLERANCE) {
		diag_error(p->diag, p->path, cue.line,
			   "cue ends at %.3f s, after the audio's end (%.3f s): is it the transcript "
			   "of another episode?",
			   cue.end, p->duration);
		return PP_EPARSE;
	}
	if (p->out->count >= TRANSCRIPT_MAX_CUES) {
		diag_error(p->diag, p->path, cue.line, "more than %d cues: podpub reads no more",
			   TRANSCRIPT_MAX_CUES);
		return PP_EPARSE;
	}
	buf_init(&text);
	while (res == PP_OK && next_line(&p->c, &s, &n) && !blank(s, n)) {
		if (has_arrow(s, n)) {
			diag_error(p->diag, p->path, p->c.line,
				   "a cue timing inside the text of the cue on line %d: put a blank "
				   "line before it",
				   cue.line);
			res = PP_EPARSE;
		} else if (!text.len || (res = buf_puts(&text, "\n")) == PP_OK) {
			res = add_plain(&text, s, n, p->format);
		}
	}
	if (res == PP_OK && !(cue.text = buf_detach(&text, NULL)))
		res = PP_ENOMEM;
	buf_release(&text);
	if (res != PP_OK)
		return res;
	grown = pp_grow(p->out->cues, &p->out->alloc, p->out->count + 1, sizeof(*grown));
	if (!grown) {
		free(cue.text);
		return PP_ENOMEM;
	}
	p->out->cues = grown;
	p->out->cues[p->out->count++] = cue;
	return PP_OK;
}

/* Skips the rest of a block (a NOTE, STYLE or REGION, WebVTT's header). */
static void skip_block(struct cursor *c)
{
	const char *s;
	size_t n;

	while (next_line(c, &s, &n) && !blank(s, n))
		;
}

static enum pp_result parse_vtt(struct parse *p)
{
	const char *s;
	size_t n;
	enum pp_result res = PP_OK;

	if (!next_line(&p->c, &s, &n) || !starts_word(s, n, "WEBVTT")) {
		diag_error(p->diag, p->path, 1, "a WebVTT file starts with the line 'WEBVTT'");
		return PP_EPARSE;
	}
	skip_block(&p->c); /* the header: "Kind: captions", "Language: fi" */
	while (res == PP_OK && next_line(&p->c, &s, &n)) {
		if (blank(s, n))
			continue;
		if (!has_arrow(s, n)) {
			if (starts_word(s, n, "NOTE") || starts_word(s, n, "STYLE") ||
			    starts_word(s, n, "REGION")) {
				skip_block(&p->c);
				continue;
			}
			/* A cue identifier: its timing comes next. */
			int id_line = p->c.line;

			if (!next_line(&p->c, &s, &n) || blank(s, n)) {
				diag_error(p->diag, p->path, id_line,
					   "a cue without a timing line (write '%s')",
					   formats[p->format].example);
				return PP_EPARSE;
			}
		}
		res = read_cue(p, s, n);
	}
	return res;
}

static enum pp_result parse_srt(struct parse *p)
{
	const char *s;
	size_t n;
	enum pp_result res = PP_OK;

	while (res == PP_OK && next_line(&p->c, &s, &n)) {
		size_t i = 0;
		long number;

		if (blank(s, n))
			continue;
		if (!digits(s, n, &i, 1, 9, &number) || i != n) {
			diag_error(p->diag, p->path, p->c.line,
				   "expected a SubRip cue number, not '%.*s'", (int)n, s);
			return PP_EPARSE;
		}
		if (!next_line(&p->c, &s, &n)) {
			diag_error(p->diag, p->path, p->c.line, "cue %ld has no timing line", number);
			return PP_EPARSE;
		}
		res = read_cue(p, s, n);
	}
	return res;
}

enum pp_result transcript_parse(const char *data, size_t len, enum transcript_format format,
				double duration, const char *path, struct transcript *out,
				struct diag *diag)
{
	struct parse p = { .c = { data, data + len, 0 }, .format = format, .duration = duration,
			   .path = path, .out = out, .diag = diag };

	transcript_release(out);
	out->format = format;
	if (len > TRANSCRIPT_MAX_BYTES) {
		diag_error(diag, path, 0, "too large: %zu bytes, more than the %zu MiB podpub reads",
			   len, TRANSCRIPT_MAX_BYTES >> 20);
		return PP_EPARSE;
	}
	if (!check_text(data, len, path, diag))
		return PP_EPARSE;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		p.c.p += 3;
	return format == TRANSCRIPT_VTT ? parse_vtt(&p) : parse_srt(&p);
}
