/* buf.h - one growable byte buffer and one array-growth rule, instead of a
 * hand-written growth loop in every module (git's strbuf and ALLOC_GROW,
 * curl's dynbuf). */
#ifndef PODPUB_BUF_H
#define PODPUB_BUF_H

#include <stddef.h>

#include "result.h"

/* Bytes, always NUL-terminated once anything was added. */
struct buf {
	char *data; /* NULL until the first byte */
	size_t len;
	size_t alloc;
};

void buf_init(struct buf *b);
void buf_release(struct buf *b);

/* Makes room for `extra` more bytes and the terminating NUL. */
enum pp_result buf_reserve(struct buf *b, size_t extra) PP_MUST_USE;

/* Appends `n` bytes. On PP_ENOMEM the buffer is unchanged. */
enum pp_result buf_add(struct buf *b, const void *data, size_t n) PP_MUST_USE;
enum pp_result buf_puts(struct buf *b, const char *s) PP_MUST_USE;
/* Appends printf's output. On PP_ENOMEM the buffer is unchanged. */
enum pp_result buf_printf(struct buf *b, const char *fmt, ...) PP_MUST_USE
	__attribute__((format(printf, 2, 3)));

/* Hands the bytes to the caller (an empty string when none were added;
 * NULL when even that cannot be allocated) and empties the buffer. */
char *buf_detach(struct buf *b, size_t *len);

/* Returns `items` with room for at least `need` elements of `size` bytes:
 * the same array, or a bigger copy with *alloc updated (the capacity at
 * least doubles, so appending one by one stays linear). NULL when out of
 * memory or when the size would overflow; `items` is then untouched and
 * still the caller's. */
void *pp_grow(void *items, size_t *alloc, size_t need, size_t size);

#endif
