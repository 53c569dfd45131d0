/* diag.h - collected diagnostics: modules add findings, only main prints them.
 *
 * Modules never print. They append entries naming the file (and the line
 * where there is one) and return a pp_result; the command decides how to
 * show them and which exit status follows. */
#ifndef PODPUB_DIAG_H
#define PODPUB_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum diag_level { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE };

struct diag_entry {
	enum diag_level level;
	char *path;    /* may be NULL when no file is concerned */
	int line;      /* 1-based; 0 when unknown */
	char *message; /* lowercase, no final period */
};

struct diag {
	struct diag_entry *entries;
	size_t count;
	size_t alloc;
	bool out_of_memory; /* an entry could not be recorded */
};

void diag_init(struct diag *d);
void diag_release(struct diag *d);

/* Appends an entry. On allocation failure the entry is dropped and
 * out_of_memory is set, so callers need no error path for reporting. */
void diag_add(struct diag *d, enum diag_level level, const char *path, int line,
	      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
#define diag_error(d, path, line, ...) diag_add((d), DIAG_ERROR, (path), (line), __VA_ARGS__)
#define diag_warning(d, path, line, ...) diag_add((d), DIAG_WARNING, (path), (line), __VA_ARGS__)

/* Moves every entry of `from` to the end of `to`, leaving `from` empty; with
 * `demote`, errors arrive as warnings (a draft's problems block nothing). */
void diag_move(struct diag *to, struct diag *from, bool demote);

/* Checks that a text file a producer wrote is valid UTF-8 and holds no
 * character a feed cannot carry; adds an error with the line otherwise. */
bool diag_check_text(struct diag *d, const char *path, const char *text, size_t len);

struct stat;
/* The error for a file pp_read_file_max refused (PP_EPARSE): "is a FIFO,
 * not a regular file" or "too large: N bytes, more than the M MiB podpub
 * reads". `what` names the file's role ("show config", "feed"). */
void diag_refused_file(struct diag *d, const char *path, const char *what,
		       const struct stat *st, size_t max);

size_t diag_count(const struct diag *d, enum diag_level level);
/* True when an entry of `level` about `path` says exactly `message`. */
bool diag_has(const struct diag *d, enum diag_level level, const char *path, const char *message);

/* What a message quotes of its input: a quoted run ('...') longer than
 * this many bytes is cut, with "…" after it; a whole message longer than
 * DIAG_MESSAGE_MAX too. */
#define DIAG_QUOTE_MAX 80
#define DIAG_MESSAGE_MAX 1024

/* Writes text from inputs (a message, a file name, a tag) for a terminal:
 * control characters, invalid UTF-8 and bidirectional overrides escaped
 * (\x1b, \u202e), quoted runs and the whole cut as above. */
void diag_fputs(const char *text, FILE *out);

/* Prints every entry as "podpub: path:line: [warning: ]message", each
 * through diag_fputs. */
void diag_print(const struct diag *d, FILE *out);

/* Runs `print` into memory and writes what it wrote to `out` at once:
 * stderr is unbuffered, and diag_fputs's character at a time cost a system
 * call each (a thousand warnings took half a second). Prints directly
 * when memory runs out. */
void diag_print_batched(FILE *out, void (*print)(const void *ctx, FILE *to), const void *ctx);

#endif
