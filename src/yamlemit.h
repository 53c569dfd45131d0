/* yamlemit.h - writes YAML with libyaml's emitter, so every scalar is
 * quoted and escaped as YAML needs, whatever a stranger's text holds.
 *
 * Only yamlemit.c (and yamldoc.c, the reader) include libyaml. Calls
 * describe the document as events: a mapping's keys and values, a list's
 * items. The first failure sticks and yamlemit_finish reports it, so a
 * caller writes a whole document without a check after every call. */
#ifndef PODPUB_YAMLEMIT_H
#define PODPUB_YAMLEMIT_H

#include <stdbool.h>
#include <stddef.h>

#include "result.h"

struct yamlemit;

/* Starts a document whose top level is a block mapping: no "---" line,
 * UTF-8 written as it is (ä stays ä), long lines never folded. */
enum pp_result yamlemit_new(struct yamlemit **out) PP_MUST_USE;
void yamlemit_free(struct yamlemit **y);

void yamlemit_map_begin(struct yamlemit *y);
void yamlemit_map_end(struct yamlemit *y);
/* A list: `flow` writes it on one line, "[Politics]". */
void yamlemit_seq_begin(struct yamlemit *y, bool flow);
void yamlemit_seq_end(struct yamlemit *y);
/* A string: plain when that reads back as the same text, quoted otherwise;
 * text of several lines as a literal block. */
void yamlemit_string(struct yamlemit *y, const char *s);
/* A number or true/false, written plain. */
void yamlemit_plain(struct yamlemit *y, const char *s);
void yamlemit_long(struct yamlemit *y, long n);
/* key: string, and key: number; nothing when the value is NULL. */
void yamlemit_pair(struct yamlemit *y, const char *key, const char *value);
void yamlemit_pair_long(struct yamlemit *y, const char *key, long n);

/* Ends the top mapping and the document; *text (caller frees) is the YAML,
 * NUL-terminated. The first failure of any call before, if there was one. */
enum pp_result yamlemit_finish(struct yamlemit *y, char **text, size_t *len) PP_MUST_USE;

#endif
