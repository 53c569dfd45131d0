/* manifest.h - what a target already holds: path, size and SHA-256 of every
 * published file, kept on the target as .podpub-manifest.json, so that an
 * unchanged file is never sent again. */
#ifndef PODPUB_MANIFEST_H
#define PODPUB_MANIFEST_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "result.h"
#include "target/target.h"

#define MANIFEST_NAME ".podpub-manifest.json"

struct manifest;

/* Reads the target's manifest into *out. A missing one is empty; a damaged
 * one is empty with a warning (everything is sent again: slow, never
 * wrong). PP_ENOMEM, or the target's failure. */
enum pp_result manifest_read(const struct target_ops *ops, struct target *t,
			     struct manifest **out, struct diag *diag) PP_MUST_USE;

/* True when the manifest records `path` with this size and SHA-256. */
bool manifest_has(const struct manifest *m, const char *path, int64_t size, const char *sha256);

/* Records (or replaces) `path`. */
enum pp_result manifest_set(struct manifest *m, const char *path, int64_t size,
			    const char *sha256) PP_MUST_USE;

/* Every path the manifest records, sorted: a new array of new strings
 * (caller frees each and the array). */
enum pp_result manifest_list(const struct manifest *m, char ***paths, size_t *count) PP_MUST_USE;

/* Forgets `path`. */
void manifest_unset(struct manifest *m, const char *path);

/* Writes the manifest to the target under a temporary name, then renames it
 * into place. */
enum pp_result manifest_write(const struct target_ops *ops, struct target *t,
			      const struct manifest *m, struct diag *diag) PP_MUST_USE;

void manifest_free(struct manifest **m);

#endif
