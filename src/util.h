/* util.h - small string and file helpers shared by the modules. */
#ifndef PODPUB_UTIL_H
#define PODPUB_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
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

/* Reads a whole file into a NUL-terminated buffer (caller frees *data).
 * Returns PP_EIO with errno set when the file cannot be read. */
enum pp_result pp_read_file(const char *path, char **data, size_t *len) PP_MUST_USE;
/* The same for an open stream, read to its end (standard input). */
enum pp_result pp_read_stream(FILE *f, char **data, size_t *len) PP_MUST_USE;

/* True when the bytes are valid UTF-8 (no overlongs, no surrogates). On
 * failure *bad_offset is the offset of the first invalid byte. */
bool pp_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* True when valid UTF-8 text holds only characters XML 1.0 allows: no C0
 * control characters but tab, LF and CR, no U+FFFE or U+FFFF. On failure
 * *bad_offset is the offending character's offset. */
bool pp_xml_text_valid(const char *s, size_t len, size_t *bad_offset);

/* The 1-based line that byte offset `off` of `s` lies on. */
int pp_line_of_offset(const char *s, size_t off);

/* True when `s` ends with `suffix`, compared without regard to ASCII case. */
bool pp_has_suffix_nocase(const char *s, const char *suffix);

/* Lowercase hex of `len` bytes into `out`, which has room for 2*len+1. */
void pp_hex(const unsigned char *bytes, size_t len, char *out);

#endif
