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

void diag_print(const struct diag *d, FILE *out)
{
	static const char *const prefixes[] = {
		[DIAG_ERROR] = "",
		[DIAG_WARNING] = "warning: ",
		[DIAG_NOTE] = "note: ",
	};

	for (size_t i = 0; i < d->count; i++) {
		const struct diag_entry *e = &d->entries[i];

		fputs("podpub: ", out);
		if (e->path && e->line > 0)
			fprintf(out, "%s:%d: ", e->path, e->line);
		else if (e->path)
			fprintf(out, "%s: ", e->path);
		fprintf(out, "%s%s\n", prefixes[e->level], e->message);
	}
	if (d->out_of_memory)
		fputs("podpub: out of memory: some messages were lost\n", out);
}
