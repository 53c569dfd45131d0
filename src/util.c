#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"

char *pp_vasprintf(const char *fmt, va_list ap)
{
	va_list again;
	char *s;
	int n;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	if (n < 0) {
		va_end(again);
		return NULL;
	}
	s = malloc((size_t)n + 1);
	if (s)
		vsnprintf(s, (size_t)n + 1, fmt, again);
	va_end(again);
	return s;
}

char *pp_asprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = pp_vasprintf(fmt, ap);
	va_end(ap);
	return s;
}

char *pp_path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		n--;
	while (*name == '/')
		name++;
	if (n == 0 || (n == 1 && dir[0] == '.'))
		return strdup(name);
	return pp_asprintf("%.*s/%s", (int)n, dir, name);
}

int pp_make_parents(const char *path)
{
	char *copy = strdup(path);
	int rc = 0;

	if (!copy)
		return -1;
	for (char *p = copy + 1; *p && rc == 0; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0755) != 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	free(copy);
	return rc;
}

enum pp_result pp_read_file_max(const char *path, size_t max, char **data, size_t *len,
				struct stat *st)
{
	enum pp_result res = PP_EIO;
	struct stat local;
	struct buf contents;
	int fd, saved;

	*data = NULL;
	*len = 0;
	if (!st)
		st = &local;
	memset(st, 0, sizeof(*st));
	buf_init(&contents);
	/* O_NONBLOCK: opening a FIFO nobody writes to returns at once. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return PP_EIO;
	if (fstat(fd, st) != 0)
		goto out;
	res = PP_EPARSE;
	if (!S_ISREG(st->st_mode) || (uintmax_t)st->st_size > max)
		goto out;
	for (;;) {
		ssize_t got;

		if ((res = buf_reserve(&contents, 65536)) != PP_OK)
			goto out;
		got = read(fd, contents.data + contents.len, contents.alloc - contents.len - 1);
		if (got < 0 && errno == EINTR)
			continue;
		res = PP_EIO;
		if (got < 0)
			goto out;
		contents.len += (size_t)got;
		contents.data[contents.len] = '\0';
		if (got == 0)
			break;
		/* The file grew after fstat: still no more than max. */
		if (contents.len > max) {
			st->st_size = (off_t)contents.len;
			res = PP_EPARSE;
			goto out;
		}
	}
	if (!(*data = buf_detach(&contents, len)))
		res = PP_ENOMEM;
	else
		res = PP_OK;
out:
	buf_release(&contents);
	saved = errno;
	close(fd);
	errno = saved;
	return res;
}

enum pp_result pp_read_file(const char *path, char **data, size_t *len)
{
	struct stat st;
	enum pp_result res = pp_read_file_max(path, PP_FEED_MAX, data, len, &st);

	if (res == PP_EPARSE) {
		errno = S_ISDIR(st.st_mode) ? EISDIR : S_ISREG(st.st_mode) ? EFBIG : ENODEV;
		res = PP_EIO;
	}
	return res;
}

const char *pp_file_kind(unsigned mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:
		return "a regular file";
	case S_IFDIR:
		return "a folder";
	case S_IFIFO:
		return "a FIFO";
	case S_IFCHR:
		return "a character device";
	case S_IFBLK:
		return "a block device";
	case S_IFSOCK:
		return "a socket";
	case S_IFLNK:
		return "a symbolic link";
	default:
		return "not a regular file";
	}
}

bool pp_utf8_valid(const char *str, size_t len, size_t *bad_offset)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t need;
		unsigned int cp;

		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			need = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			cp = c & 0x07;
		} else {
			goto bad;
		}
		if (len - i <= need)
			goto bad;
		for (size_t k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				goto bad;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		/* Reject overlong forms, UTF-16 surrogates and values past U+10FFFF. */
		if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
		    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
			goto bad;
		i += need + 1;
	}
	return true;
bad:
	if (bad_offset)
		*bad_offset = i;
	return false;
}

bool pp_xml_text_valid(const char *str, size_t len, size_t *bad_offset)
{
	const unsigned char *s = (const unsigned char *)str;

	for (size_t i = 0; i < len; i++) {
		bool control = s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r';
		/* U+FFFE and U+FFFF are EF BF BE and EF BF BF. */
		bool nonchar = s[i] == 0xEF && i + 2 < len && s[i + 1] == 0xBF &&
			       (s[i + 2] == 0xBE || s[i + 2] == 0xBF);

		if (control || nonchar) {
			if (bad_offset)
				*bad_offset = i;
			return false;
		}
	}
	return true;
}

static bool starts(const char *s, size_t len, size_t at, const char *prefix)
{
	size_t n = strlen(prefix);

	return len - at >= n && memcmp(s + at, prefix, n) == 0;
}

/* The offset just past the first `end` at or after `from`, or `len`. */
static size_t past(const char *s, size_t len, size_t from, const char *end)
{
	size_t n = strlen(end);

	while (from < len) {
		const char *hit = memchr(s + from, end[0], len - from);

		if (!hit)
			break;
		from = (size_t)(hit - s);
		if (starts(s, len, from, end))
			return from + n;
		from++;
	}
	return len;
}

/* From inside a tag or declaration to just past its '>' (or, with
 * `bracket`, a '[' that opens a DTD's internal subset), outside quotes;
 * *equals counts the '=' on the way: one per attribute. */
static size_t tag_end(const char *s, size_t len, size_t i, bool bracket, size_t *equals)
{
	char quote = 0;

	for (; i < len; i++) {
		char c = s[i];

		if (quote) {
			if (c == quote)
				quote = 0;
		} else if (c == '"' || c == '\'') {
			quote = c;
		} else if (c == '=') {
			(*equals)++;
		} else if (c == '>' || (bracket && c == '[')) {
			return i + 1;
		}
	}
	return len;
}

void pp_xml_scan(const char *xml, size_t len, struct pp_xml_scan *out)
{
	size_t i = 0;

	size_t text = 0, text_at = 0;

	memset(out, 0, sizeof(*out));
	while (i < len) {
		const char *lt = memchr(xml + i, '<', len - i);
		size_t equals = 0, end = lt ? (size_t)(lt - xml) : len;

		/* Character data, and CDATA next to it, make one text node. */
		if (text == 0)
			text_at = i;
		text += end - i;
		if (text > out->longest_text) {
			out->longest_text = text;
			out->longest_text_at = text_at;
		}
		if (!lt)
			break;
		i = end;
		if (starts(xml, len, i, "<![CDATA[")) {
			i = past(xml, len, i + 9, "]]>");
			text += i - end;
			continue;
		}
		text = 0;
		if (starts(xml, len, i, "<!--")) {
			i = past(xml, len, i + 4, "-->");
		} else if (starts(xml, len, i, "<?")) {
			i = past(xml, len, i + 2, "?>");
		} else if (starts(xml, len, i, "<!")) {
			/* <!DOCTYPE x [ goes on with the internal subset's
			 * declarations, scanned as markup of their own. */
			if (starts(xml, len, i, "<!ENTITY") && !out->entity_declared) {
				out->entity_declared = true;
				out->entity_at = i;
			}
			i = tag_end(xml, len, i + 2, true, &equals);
		} else if (starts(xml, len, i, "</")) {
			i = tag_end(xml, len, i + 2, false, &equals);
		} else {
			out->elements++;
			i = tag_end(xml, len, i + 1, false, &equals);
			if (equals > out->most_attributes) {
				out->most_attributes = equals;
				out->most_attributes_at = (size_t)(lt - xml);
			}
		}
	}
}

bool pp_xml_within_limits(const char *xml, size_t len)
{
	struct pp_xml_scan scan;

	if (len > INT_MAX)
		return false;
	pp_xml_scan(xml, len, &scan);
	return !scan.entity_declared && scan.elements <= PP_XML_MAX_ELEMENTS &&
	       scan.longest_text <= PP_XML_MAX_TEXT && scan.most_attributes <= PP_XML_MAX_ATTRIBUTES;
}

int pp_line_of_offset(const char *s, size_t off)
{
	int line = 1;

	for (size_t i = 0; i < off && s[i]; i++)
		line += s[i] == '\n';
	return line;
}

bool pp_has_suffix_nocase(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

void pp_hex(const unsigned char *bytes, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < len; i++) {
		out[2 * i] = digits[bytes[i] >> 4];
		out[2 * i + 1] = digits[bytes[i] & 0xF];
	}
	out[2 * len] = '\0';
}

size_t pp_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[33];

	if (la > 32 || lb > 32)
		return (size_t)-1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

const char *pp_did_you_mean(const char *typo, const char *const *words, size_t count,
			    size_t stride)
{
	const char *best = NULL;
	size_t best_distance = 3, len = strlen(typo);

	for (size_t i = 0; i < count; i++) {
		const char *word = *(const char *const *)((const char *)words + i * stride);
		size_t d;

		if (!word)
			continue;
		d = pp_edit_distance(typo, word);
		if (d < best_distance && d < len) {
			best = word;
			best_distance = d;
		}
	}
	return best;
}

enum pp_result pp_read_stream(FILE *f, size_t max, char **data, size_t *len)
{
	enum pp_result res = PP_OK;
	struct buf contents;

	*data = NULL;
	*len = 0;
	buf_init(&contents);
	for (;;) {
		size_t got;

		if ((res = buf_reserve(&contents, 65536)) != PP_OK)
			break;
		got = fread(contents.data + contents.len, 1, contents.alloc - contents.len - 1, f);
		contents.len += got;
		contents.data[contents.len] = '\0';
		if (contents.len > max) {
			res = PP_EPARSE; /* too large: the caller names the limit */
			break;
		}
		if (got == 0) {
			res = ferror(f) ? PP_EIO : PP_OK;
			break;
		}
	}
	if (res == PP_OK && !(*data = buf_detach(&contents, len)))
		res = PP_ENOMEM;
	buf_release(&contents);
	return res;
}
