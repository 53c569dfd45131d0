/* listing.h - a remote folder's listing read for file sizes.
 *
 * FTP's LIST and libcurl's SFTP listing (the server's long names) both
 * print a line per entry as `ls -l` does:
 *
 *     -rw-r--r--    1 1000     1000       123456 Nov 29 08:55 name
 *
 * The text is the server's and untrusted: lines that do not read exactly
 * so are skipped, as are entries that are no regular file and names that
 * appear twice. A name the listing does not give is not "missing": the
 * caller asks the server about it alone (unless a whole STAT reply, below,
 * leaves it out). No library types here. */
#ifndef PODPUB_TARGET_LISTING_H
#define PODPUB_TARGET_LISTING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "result.h"

struct listing_entry {
	const char *name; /* borrowed from the text, not NUL-terminated */
	size_t name_len;
	int64_t size;     /* -1: the name appeared twice, ask again */
};

struct listing {
	struct listing_entry *entries; /* sorted by name */
	size_t count, alloc;
};

void listing_init(struct listing *l);
/* Reads `len` bytes of `text` (which must outlive the listing: names point
 * into it). PP_ENOMEM only; unreadable lines are skipped. */
enum pp_result listing_parse(const char *text, size_t len, struct listing *l) PP_MUST_USE;
/* Adds the regular file `name` (`name_len` bytes, borrowed: it must
 * outlive the listing) of `size` bytes, -1 for one named with no size to
 * trust. For a listing read some other way (listing_dav.h); listing_sort
 * once all are in. PP_ENOMEM only. */
enum pp_result listing_add(struct listing *l, const char *name, size_t name_len,
			   int64_t size) PP_MUST_USE;
/* Sorts the entries for listing_find; a name given twice loses its size:
 * neither answer is trusted. listing_parse does it itself. */
void listing_sort(struct listing *l);
/* A size as a server writes it: `n` digits, 1 to 18 (more could overflow
 * int64_t), nothing else. False when `s` is no such number. */
bool listing_size(const char *s, size_t n, int64_t *size);
/* True, with *size, when the listing names the regular file `name` once. */
bool listing_find(const struct listing *l, const char *name, int64_t *size);
void listing_release(struct listing *l);

/* A folder's listing sent on the control connection (FTP's STAT of a
 * path, as vsftpd and ProFTPD answer it): the `ls -l` lines between the
 * last "211-" to "213-" line and the line with the same code that ends
 * that reply. *found when there was such a reply; *whole when every line
 * in it read as an entry or a "total" line: then a file it does not name
 * is not in the folder (a folder that is not there lists nothing). The
 * text is the server's, untrusted. PP_ENOMEM only. */
enum pp_result listing_ftp_stat(const char *text, size_t len, struct listing *l, bool *found,
				bool *whole) PP_MUST_USE;

/* The replies of an FTP exchange of SIZE commands, as the server's lines
 * came (the server's text, untrusted): the first `n` final replies, in
 * order, give sizes[i], a size for "213 <digits>", LISTING_NO_FILE for
 * "550" (no such file: what a size query alone concludes from it too) and
 * -1 for anything else; the lines of a multi-line reply before its last
 * are skipped. Returns how many replies there were, at most n. */
#define LISTING_NO_FILE ((int64_t)-2)
size_t listing_ftp_sizes(const char *text, size_t len, int64_t *sizes, size_t n);

#endif
