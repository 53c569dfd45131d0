#include "buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void buf_init(struct buf *b)
{
	memset(b, 0, sizeof(*b));
}

void buf_release(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void *pp_grow(void *items, size_t *alloc, size_t need, size_t size)
{
	size_t grown = *alloc ? *alloc : 8;
	void *bigger;

	if (need <= *alloc)
		return items;
	while (grown < need) {
		if (grown > SIZE_MAX / 2)
			return NULL;
		grown *= 2;
	}
	if (size && grown > SIZE_MAX / size)
		return NULL;
	bigger = realloc(items, grown * size);
	if (bigger)
		*alloc = grown;
	return bigger;
}

enum pp_result buf_reserve(struct buf *b, size_t extra)
{
	char *grown;

	if (extra > SIZE_MAX - b->len - 1)
		return PP_ENOMEM;
	grown = pp_grow(b->data, &b->alloc, b->len + extra + 1, 1);
	if (!grown)
		return PP_ENOMEM;
	b->data = grown;
	return PP_OK;
}

enum pp_result buf_add(struct buf *b, const void *data, size_t n)
{
	enum pp_result res = buf_reserve(b, n);

	if (res != PP_OK)
		return res;
	if (n)
		memcpy(b->data + b->len, data, n);
	b->len += n;
	b->data[b->len] = '\0';
	return PP_OK;
}

enum pp_result buf_puts(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

enum pp_result buf_printf(struct buf *b, const char *fmt, ...)
{
	enum pp_result res;
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = pp_vasprintf(fmt, ap);
	va_end(ap);
	if (!text)
		return PP_ENOMEM;
	res = buf_puts(b, text);
	free(text);
	return res;
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *data = b->data ? b->data : calloc(1, 1);

	if (len)
		*len = data ? b->len : 0;
	buf_init(b);
	return data;
}
