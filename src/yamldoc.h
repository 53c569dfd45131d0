/* yamldoc.h - a loaded YAML document with line numbers, and table-driven
 * reading of mappings into structs.
 *
 * Only yamldoc.c includes libyaml. Nodes are small integer handles (0 means
 * "no node"); every string returned is borrowed from the document. */
#ifndef PODPUB_YAMLDOC_H
#define PODPUB_YAMLDOC_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "result.h"

struct yamldoc;

enum yamldoc_kind { YAMLDOC_NONE, YAMLDOC_SCALAR, YAMLDOC_SEQUENCE, YAMLDOC_MAPPING };

/* The deepest nesting of sequences and mappings a file may have; podpub's
 * own files need four levels. */
#define YAMLDOC_MAX_DEPTH 64

/* Parses `len` bytes of YAML that start on line `first_line` of `path` (so
 * messages carry the file's own line numbers). A syntax error adds a diag
 * error with libyaml's words and gives PP_EPARSE, as does nesting deeper
 * than YAMLDOC_MAX_DEPTH (checked before the tree is built). Free with yamldoc_free. */
enum pp_result yamldoc_load(const char *text, size_t len, const char *path, int first_line,
			    struct yamldoc **out, struct diag *diag) PP_MUST_USE;
void yamldoc_free(struct yamldoc **doc);

int yamldoc_root(const struct yamldoc *doc);
enum yamldoc_kind yamldoc_kind(const struct yamldoc *doc, int node);
int yamldoc_line(const struct yamldoc *doc, int node);
const char *yamldoc_path(const struct yamldoc *doc);
/* Borrowed scalar text, or NULL when the node is not a scalar. */
const char *yamldoc_scalar(const struct yamldoc *doc, int node);
/* The value of `key` in a mapping, or 0. */
int yamldoc_get(const struct yamldoc *doc, int mapping, const char *key);
/* Number of items of a sequence or pairs of a mapping. */
size_t yamldoc_length(const struct yamldoc *doc, int node);
int yamldoc_item(const struct yamldoc *doc, int sequence, size_t index);
int yamldoc_pair_key(const struct yamldoc *doc, int mapping, size_t index);
int yamldoc_pair_value(const struct yamldoc *doc, int mapping, size_t index);

/* How one key of a mapping lands in a struct. */
enum yamldoc_field_kind {
	YF_STRING, /* char *, caller frees */
	YF_URL,    /* char *, an absolute http(s) URL */
	YF_EMAIL,  /* char *, something@domain */
	YF_CHOICE, /* char *, one of `choices` */
	YF_BOOL,   /* bool: true/false (also yes/no) */
	YF_UINT,   /* long, 1..max_value; 0 means absent */
	YF_CUSTOM  /* read by the caller; the table only makes the key known */
};

struct yamldoc_field {
	const char *key;
	enum yamldoc_field_kind kind;
	size_t offset;               /* offsetof the member in the target struct */
	bool required;
	const char *const *choices;  /* YF_CHOICE: NULL-terminated */
	long max_value;              /* YF_UINT */
};

/* Reads every field of `fields` from `mapping` into `target`. Unknown keys,
 * missing required keys and values of the wrong kind each add a diag error
 * naming the key and its line; the result is PP_EPARSE when any was found.
 * `what` names the mapping in messages ("episode front matter"). */
enum pp_result yamldoc_read_fields(const struct yamldoc *doc, int mapping, const char *what,
				   const struct yamldoc_field *fields, size_t field_count,
				   void *target, struct diag *diag) PP_MUST_USE;

/* Frees the char * members that a field table describes. */
void yamldoc_release_fields(const struct yamldoc_field *fields, size_t field_count, void *target);

#endif
