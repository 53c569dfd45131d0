/* util.h - small string and file helpers shared by the modules. */
#ifndef PODPUB_UTIL_H
#define PODPUB_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <stdio.h>

#include "result.h"

/* The number of elements of an array (not a pointer). */
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* printf into a new string. Caller frees; NULL when out of memory. */
char *pp_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *pp_vasprintf(const char *fmt, va_list ap);

/* Joins two path parts with exactly one '/'. Caller frees; NULL on ENOMEM. */
char *pp_path_join(const char *dir, const char *name);

/* Creates the folders above `path` that are missing, like `mkdir -p` of
 * its dirname. -1 with errno set on failure. */
int pp_make_parents(const char *path);

/* The most podpub reads whole of a file a producer or a stranger wrote
 * (README.md, "Limits"): podcast.yaml and an episode.md are text a person
 * types; a feed (lint's, the live one read back) and a target's manifest
 * may be large, never this large. */
#define PP_TEXT_MAX ((size_t)4 << 20)
#define PP_FEED_MAX ((size_t)64 << 20)

/* Reads a whole regular file of at most `max` bytes into a NUL-terminated
 * buffer (caller frees *data). It is opened with O_NONBLOCK and checked
 * with fstat before anything is read, so a FIFO, a device or a folder
 * under its name never blocks. PP_EIO with errno set when it cannot be
 * opened or read; PP_EPARSE when it is no regular file or holds more than
 * `max` bytes: *st (when not NULL) then says which, for
 * diag_refused_file(). */
enum pp_result pp_read_file_max(const char *path, size_t max, char **data, size_t *len,
				struct stat *st) PP_MUST_USE;

/* pp_read_file_max with PP_FEED_MAX, for files whose failure is the
 * caller's to word: PP_EIO with errno set for every failure, EISDIR for a
 * folder, ENODEV for a FIFO, device or socket, EFBIG for a file too large. */
enum pp_result pp_read_file(const char *path, char **data, size_t *len) PP_MUST_USE;
/* Reads a whole stream (standard input) into a NUL-terminated buffer of at
 * most `max` bytes (caller frees *data). PP_EPARSE when it holds more,
 * PP_EIO with errno set when it cannot be read. */
enum pp_result pp_read_stream(FILE *f, size_t max, char **data, size_t *len) PP_MUST_USE;

/* "a folder", "a FIFO", "a character device", ... of a file's st_mode. */
const char *pp_file_kind(unsigned mode);

/* True when the bytes are valid UTF-8 (no overlongs, no surrogates). On
 * failure *bad_offset is the offset of the first invalid byte. */
bool pp_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* True when valid UTF-8 text holds only characters XML 1.0 allows: no C0
 * control characters but tab, LF and CR, no U+FFFE or U+FFFF. On failure
 * *bad_offset is the offending character's offset. */
bool pp_xml_text_valid(const char *s, size_t len, size_t *bad_offset);

/* What a linear scan of XML bytes finds before a parser builds a tree:
 * the costs libxml2 2.9 leaves unbounded. It checks each new attribute
 * against all earlier ones of its element (100000 attributes take 10 s),
 * keeps some 250 bytes per element (64 MiB of "<a/>" would need 3 GB),
 * and expands entities a DTD declares (refused outright: a feed has no use
 * for them). Nesting depth (256) and text nodes (10 MB) libxml2 bounds
 * itself without XML_PARSE_HUGE. Markup in comments, CDATA and processing
 * instructions is not counted. */
#define PP_XML_MAX_ATTRIBUTES 256
#define PP_XML_MAX_ELEMENTS 500000
/* libxml2 2.9.14 stops at a text node of 10 MB, but reports it as running
 * out of memory to no handler that sees it and keeps the truncated tree:
 * longer runs of text (CDATA included, counted as bytes before entities
 * shrink them) are refused first. */
#define PP_XML_MAX_TEXT ((size_t)8 << 20)

struct pp_xml_scan {
	size_t elements;           /* start tags */
	size_t most_attributes;    /* of any one start tag */
	size_t most_attributes_at; /* that tag's offset */
	size_t longest_text;       /* bytes of character data between markup */
	size_t longest_text_at;
	bool entity_declared;      /* a <!ENTITY declaration */
	size_t entity_at;          /* the first one's offset */
};

void pp_xml_scan(const char *xml, size_t len, struct pp_xml_scan *out);

/* True when bytes from elsewhere (a live feed, a server's reply) are within
 * those costs, declare no entity, and fit libxml2's int length. */
bool pp_xml_within_limits(const char *xml, size_t len);

/* The 1-based line that byte offset `off` of `s` lies on. */
int pp_line_of_offset(const char *s, size_t off);

/* True when `s` ends with `suffix`, compared without regard to ASCII case. */
bool pp_has_suffix_nocase(const char *s, const char *suffix);

/* Lowercase hex of `len` bytes into `out`, which has room for 2*len+1. */
void pp_hex(const unsigned char *bytes, size_t len, char *out);

/* Levenshtein distance of two short words (32 bytes or fewer); longer ones
 * count as far apart: (size_t)-1. */
size_t pp_edit_distance(const char *a, const char *b);

/* The word of `words` (`count` of them, a NULL entry skipped) closest to
 * `typo`, when it is near enough to be what was meant: at most two edits,
 * and fewer than the typo's length. NULL otherwise. Borrowed. */
const char *pp_did_you_mean(const char *typo, const char *const *words, size_t count,
			    size_t stride);

#endif
