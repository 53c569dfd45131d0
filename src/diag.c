#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include "diag.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "util.h"

void diag_init(struct diag *d)
{
	memset(d, 0, sizeof(*d));
}

void diag_release(struct diag *d)
{
	for (size_t i = 0; i < d->count; i++) {
		free(d->entries[i].path);
		free(d->entries[i].message);
	}
	free(d->entries);
	diag_init(d);
}

void diag_add(struct diag *d, enum diag_level level, const char *path, int line,
	      const char *fmt, ...)
{
	struct diag_entry entry = { .level = level, .line = line };
	struct diag_entry *grown = pp_grow(d->entries, &d->alloc, d->count + 1, sizeof(*grown));
	va_list ap;

	if (!grown)
		goto oom;
	d->entries = grown;
	va_start(ap, fmt);
	entry.message = pp_vasprintf(fmt, ap);
	va_end(ap);
	if (!entry.message)
		goto oom;
	if (path && !(entry.path = strdup(path))) {
		free(entry.message);
		goto oom;
	}
	d->entries[d->count++] = entry;
	return;
oom:
	d->out_of_memory = true;
}

void diag_move(struct diag *to, struct diag *from, bool demote)
{
	for (size_t i = 0; i < from->count; i++) {
		const struct diag_entry *e = &from->entries[i];
		enum diag_level level = demote && e->level == DIAG_ERROR ? DIAG_WARNING : e->level;

		diag_add(to, level, e->path, e->line, "%s", e->message);
	}
	if (from->out_of_memory)
		to->out_of_memory = true;
	diag_release(from);
}

bool diag_check_text(struct diag *d, const char *path, const char *text, size_t len)
{
	size_t bad;

	if (!pp_utf8_valid(text, len, &bad)) {
		diag_error(d, path, pp_line_of_offset(text, bad), "text is not valid UTF-8");
		return false;
	}
	if (!pp_xml_text_valid(text, len, &bad)) {
		diag_error(d, path, pp_line_of_offset(text, bad),
			   "text contains a control character (byte 0x%02x) that a feed cannot carry",
			   (unsigned char)text[bad]);
		return false;
	}
	return true;
}

void diag_refused_file(struct diag *d, const char *path, const char *what,
		       const struct stat *st, size_t max)
{
	if (!S_ISREG(st->st_mode))
		diag_error(d, path, 0, "%s is %s, not a regular file", what,
			   pp_file_kind((unsigned)st->st_mode));
	else
		diag_error(d, path, 0, "%s too large: %jd bytes, more than the %zu MiB podpub reads",
			   what, (intmax_t)st->st_size, max >> 20);
}

size_t diag_count(const struct diag *d, enum diag_level level)
{
	size_t n = 0;

	for (size_t i = 0; i < d->count; i++)
		n += d->entries[i].level == level;
	return n;
}

bool diag_has(const struct diag *d, enum diag_level level, const char *path, const char *message)
{
	for (size_t i = 0; i < d->count; i++) {
		const struct diag_entry *e = &d->entries[i];

		if (e->level == level && !e->path == !path && (!path || strcmp(e->path, path) == 0) &&
		    strcmp(e->message, message) == 0)
			return true;
	}
	return false;
}

/* The length of the UTF-8 character at `s` that a terminal may show as
 * it is, or 0 when it must be escaped: C0 and C1 controls, DEL, invalid
 * bytes, and the characters that reorder text (U+202A..E, U+2066..9). */
static size_t printable(const unsigned char *s)
{
	size_t n;

	if (*s < 0x20 || *s == 0x7f)
		return 0;
	if (*s < 0x80)
		return 1;
	n = *s >= 0xf0 ? 4 : *s >= 0xe0 ? 3 : 2;
	if (!pp_utf8_valid((const char *)s, strnlen((const char *)s, n), NULL) ||
	    strnlen((const char *)s, n) < n)
		return 0;
	if (s[0] == 0xc2 && s[1] < 0xa0)
		return 0;
	if (s[0] == 0xe2 && s[1] == 0x80 && s[2] >= 0xaa && s[2] <= 0xae)
		return 0;
	if (s[0] == 0xe2 && s[1] == 0x81 && s[2] >= 0xa6 && s[2] <= 0xa9)
		return 0;
	return n;
}

static bool word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80;
}

void diag_fputs(const char *text, FILE *out)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t written = 0, quoted = 0;
	bool in_quote = false, cut = false;

	for (size_t i = 0; s[i];) {
		size_t n = printable(s + i);
		/* A quote opens after a non-word byte and closes before one, so
		 * "show's" is a word, not a quotation. */
		bool quote = s[i] == '\'' &&
			     (in_quote ? !word_byte(s[i + 1]) : i == 0 || !word_byte(s[i - 1]));

		if (quote) {
			in_quote = !in_quote;
			quoted = 0;
			cut = false;
		} else if (in_quote && quoted >= DIAG_QUOTE_MAX) {
			if (!cut)
				fputs("\xe2\x80\xa6", out);
			cut = true;
			i += n ? n : 1;
			continue;
		}
		if (written >= DIAG_MESSAGE_MAX) {
			fputs("\xe2\x80\xa6", out);
			return;
		}
		if (n == 0) {
			unsigned cp = s[i];

			if (s[i] == 0xe2 && s[i + 1] && s[i + 2] && printable(s + i) == 0 &&
			    pp_utf8_valid((const char *)s + i, 3, NULL)) {
				cp = (unsigned)(s[i] & 0x0f) << 12 | (unsigned)(s[i + 1] & 0x3f) << 6 |
				     (s[i + 2] & 0x3f);
				fprintf(out, "\\u%04x", cp);
				i += 3;
			} else if (s[i] == 0xc2 && s[i + 1] >= 0x80 && s[i + 1] < 0xa0) {
				fprintf(out, "\\u%04x", s[i + 1]);
				i += 2;
			} else {
				fprintf(out, "\\x%02x", cp);
				i++;
			}
			written += 6;
			quoted += 6;
			continue;
		}
		fwrite(s + i, 1, n, out);
		i += n;
		written += n;
		if (in_quote && !quote)
			quoted += n;
	}
}

void diag_print_batched(FILE *out, void (*print)(const void *ctx, FILE *to), const void *ctx)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);

	if (!mem) {
		print(ctx, out);
		return;
	}
	print(ctx, mem);
	if (fclose(mem) == 0)
		fwrite(text, 1, len, out);
	else
		print(ctx, out); /* out of memory: slowly, but every line */
	free(text);
}

static void print_entries(const void *ctx, FILE *out)
{
	static const char *const prefixes[] = {
		[DIAG_ERROR] = "",
		[DIAG_WARNING] = "warning: ",
		[DIAG_NOTE] = "note: ",
	};
	const struct diag *d = ctx;

	for (size_t i = 0; i < d->count; i++) {
		const struct diag_entry *e = &d->entries[i];

		fputs("podpub: ", out);
		if (e->path) {
			diag_fputs(e->path, out);
			if (e->line > 0)
				fprintf(out, ":%d", e->line);
			fputs(": ", out);
		}
		fputs(prefixes[e->level], out);
		diag_fputs(e->message, out);
		fputc('\n', out);
	}
	if (d->out_of_memory)
		fputs("podpub: out of memory: some messages were lost\n", out);
}

void diag_print(const struct diag *d, FILE *out)
{
	diag_print_batched(out, print_entries, d);
}
