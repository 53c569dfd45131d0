/* listing.c - a remote folder's `ls -l` style listing read for sizes. */
#include "target/listing.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* Digits of a size: more would overflow int64_t. */
#define SIZE_DIGITS_MAX 18

void listing_init(struct listing *l)
{
	memset(l, 0, sizeof(*l));
}

void listing_release(struct listing *l)
{
	free(l->entries);
	listing_init(l);
}

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The next field of [*p, end): skips blanks, then non-blanks. */
static bool field(const char **p, const char *end, const char **start, size_t *n)
{
	const char *s = *p;

	while (s < end && blank(*s))
		s++;
	*start = s;
	while (s < end && !blank(*s))
		s++;
	*n = (size_t)(s - *start);
	*p = s;
	return *n > 0;
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

bool listing_size(const char *s, size_t n, int64_t *size)
{
	if (n > SIZE_DIGITS_MAX || !all_digits(s, n))
		return false;
	*size = 0;
	for (size_t i = 0; i < n; i++)
		*size = *size * 10 + (s[i] - '0');
	return true;
}

/* One line (no newline): a regular file's entry, or false. */
static bool parse_line(const char *p, const char *end, struct listing_entry *out)
{
	const char *f[8];
	size_t n[8];
	int64_t size;

	for (int i = 0; i < 8; i++)
		if (!field(&p, end, &f[i], &n[i]))
			return false;
	/* Mode: ten characters, a regular file's '-' first. */
	if (n[0] != 10 || f[0][0] != '-' || !all_digits(f[1], n[1]))
		return false;
	if (!listing_size(f[4], n[4], &size))
		return false;
	/* Month, day, then a time or a year. */
	if (n[5] != 3 || !all_digits(f[6], n[6]) || n[6] > 2 || n[7] < 4 || n[7] > 5)
		return false;
	/* One blank, then the name to the end of the line. */
	if (p >= end || !blank(*p) || p + 1 >= end)
		return false;
	p++;
	out->name = p;
	out->name_len = (size_t)(end - p);
	out->size = size;
	/* A name with a slash or a NUL is no entry of this folder. */
	return !memchr(p, '/', out->name_len) && !memchr(p, '\0', out->name_len);
}

static int compare_names(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);

	return c ? c : an < bn ? -1 : an > bn ? 1 : 0;
}

static int compare_entries(const void *a, const void *b)
{
	const struct listing_entry *x = a, *y = b;

	return compare_names(x->name, x->name_len, y->name, y->name_len);
}

enum pp_result listing_add(struct listing *l, const char *name, size_t name_len, int64_t size)
{
	struct listing_entry *grown =
		pp_grow(l->entries, &l->alloc, l->count + 1, sizeof(*l->entries));

	if (!grown)
		return PP_ENOMEM;
	l->entries = grown;
	l->entries[l->count++] = (struct listing_entry){ name, name_len, size };
	return PP_OK;
}

void listing_sort(struct listing *l)
{
	if (l->count)
		qsort(l->entries, l->count, sizeof(*l->entries), compare_entries);
	/* A name given twice: neither answer is trusted. */
	for (size_t i = 1; i < l->count; i++)
		if (compare_entries(&l->entries[i - 1], &l->entries[i]) == 0)
			l->entries[i - 1].size = l->entries[i].size = -1;
}

enum pp_result listing_parse(const char *text, size_t len, struct listing *l)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *line_end = nl ? nl : end;
		struct listing_entry e;

		if (line_end > p && line_end[-1] == '\r')
			line_end--;
		if (parse_line(p, line_end, &e) && listing_add(l, e.name, e.name_len, e.size) != PP_OK)
			return PP_ENOMEM;
		p = nl ? nl + 1 : end;
	}
	listing_sort(l);
	return PP_OK;
}

/* A line of `ls -l` that is no regular file's: a folder, link or other
 * entry (its mode, ten characters, first), or the "total N" line. */
static bool other_entry(const char *p, const char *end)
{
	const char *f;
	size_t n;

	if ((size_t)(end - p) > 6 && memcmp(p, "total ", 6) == 0)
		return true;
	return field(&p, end, &f, &n) && n == 10 && f[0] && strchr("dlcbps", f[0]);
}

/* "21x-" (the reply goes on) or "21x " (it ends), 211 to 213, as a STAT
 * reply begins and ends. */
static bool stat_reply_line(const char *p, const char *end, char sep)
{
	return end - p >= 4 && p[0] == '2' && p[1] == '1' && p[2] >= '1' && p[2] <= '3' &&
	       p[3] == sep;
}

enum pp_result listing_ftp_stat(const char *text, size_t len, struct listing *l, bool *found,
				bool *whole)
{
	const char *p = text, *end = text + len, *start = NULL, *stop = NULL, *code = NULL;

	*found = *whole = false;
	/* The last reply that opens as STAT's does, and the line ending it. */
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *line_end = nl ? nl : end;

		if (stat_reply_line(p, line_end, '-')) {
			code = p;
			start = nl ? nl + 1 : end;
			stop = NULL;
		} else if (code && !stop && stat_reply_line(p, line_end, ' ') &&
			   memcmp(p, code, 3) == 0) {
			stop = p;
		}
		p = nl ? nl + 1 : end;
	}
	if (!start || !stop)
		return PP_OK;
	*found = *whole = true;
	for (p = start; p < stop;) {
		const char *nl = memchr(p, '\n', (size_t)(stop - p));
		const char *line_end = nl ? nl : stop;
		struct listing_entry e;

		if (line_end > p && line_end[-1] == '\r')
			line_end--;
		if (parse_line(p, line_end, &e)) {
			if (listing_add(l, e.name, e.name_len, e.size) != PP_OK)
				return PP_ENOMEM;
		} else if (line_end > p && !other_entry(p, line_end)) {
			*whole = false;
		}
		p = nl ? nl + 1 : stop;
	}
	listing_sort(l);
	return PP_OK;
}

bool listing_find(const struct listing *l, const char *name, int64_t *size)
{
	size_t lo = 0, hi = l->count, n = strlen(name);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct listing_entry *e = &l->entries[mid];
		int c = compare_names(name, n, e->name, e->name_len);

		if (c == 0) {
			if (e->size < 0)
				return false;
			*size = e->size;
			return true;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

size_t listing_ftp_sizes(const char *text, size_t len, int64_t *sizes, size_t n)
{
	const char *p = text, *end = text + len;
	size_t found = 0;

	while (p < end && found < n) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *line_end = nl ? nl : end;
		size_t line = (size_t)(line_end - p);

		if (line_end > p && line_end[-1] == '\r')
			line--;
		/* A final reply: three digits and a blank ("213-" goes on). */
		if (line >= 4 && all_digits(p, 3) && p[3] == ' ') {
			if (memcmp(p, "550", 3) == 0)
				sizes[found] = LISTING_NO_FILE;
			else if (memcmp(p, "213", 3) != 0 ||
				 !listing_size(p + 4, line - 4, &sizes[found]))
				sizes[found] = -1;
			found++;
		}
		p = nl ? nl + 1 : end;
	}
	return found;
}
