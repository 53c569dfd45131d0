#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

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

enum pp_result pp_read_file(const char *path, char **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	enum pp_result res;
	int saved;

	*data = NULL;
	*len = 0;
	if (!f)
		return PP_EIO;
	res = pp_read_stream(f, data, len);
	saved = errno;
	fclose(f);
	errno = saved;
	return res;
}

enum pp_result pp_read_stream(FILE *f, char **data, size_t *len)
{
	enum pp_result res = PP_EIO;
	struct buf contents;

	*data = NULL;
	*len = 0;
	buf_init(&contents);
	for (;;) {
		size_t got;

		if ((res = buf_reserve(&contents, 65536)) != PP_OK)
			goto out;
		got = fread(contents.data + contents.len, 1, contents.alloc - contents.len - 1, f);
		contents.len += got;
		contents.data[contents.len] = '\0';
		if (got == 0)
			break;
	}
	res = PP_EIO;
	if (ferror(f))
		goto out;
	if (!(*data = buf_detach(&contents, len)))
		res = PP_ENOMEM;
	else
		res = PP_OK;
out:
	buf_release(&contents);
	return res;
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
