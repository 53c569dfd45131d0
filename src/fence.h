/* fence.h - what a publish reads stays inside the show.
 *
 * Everything published comes from the show's folder (the repository); a
 * symbolic link that leads out of it is refused, unless it leads to audio
 * under podcast.yaml's media_root (a folder outside git for audio too large
 * for git hosting). A link that dangles or loops is named, never skipped,
 * and a FIFO, a device or a folder where a file belongs is refused before
 * anything opens it, so it never blocks a build. */
#ifndef PODPUB_FENCE_H
#define PODPUB_FENCE_H

#include <stdbool.h>

#include "diag.h"
#include "result.h"

struct fence {
	char *root;       /* the show's folder, resolved (realpath) */
	char *media_root; /* media_root, resolved; NULL when not set */
};

void fence_init(struct fence *f);
void fence_release(struct fence *f);

/* Resolves the show's folder `root`. PP_EPARSE (with a diag error naming
 * `where`, the file that was to be read from it) when it is no folder. */
enum pp_result fence_open(struct fence *f, const char *root, const char *where,
			  struct diag *diag) PP_MUST_USE;

/* Sets media_root: `dir` as podcast.yaml gives it (relative to the show's
 * folder, or absolute); it must be a folder. Messages name `config_path`
 * and `line`. */
enum pp_result fence_set_media_root(struct fence *f, const char *root, const char *dir,
				    const char *config_path, int line,
				    struct diag *diag) PP_MUST_USE;

enum fence_kind { FENCE_FILE, FENCE_FOLDER };

/* Checks `path` (as podpub names it, below the show's folder): it resolves
 * inside the show (or, when `media`, inside media_root too), and is a
 * regular file (FENCE_FILE) or a folder (FENCE_FOLDER). A path that does
 * not exist at all passes: the caller's own reading says it is missing.
 * Otherwise PP_EPARSE with a diag error naming `path`; PP_ENOMEM. */
enum pp_result fence_check(const struct fence *f, const char *path, enum fence_kind kind,
			   bool media, struct diag *diag) PP_MUST_USE;

/* fence_check for `path`, named as a direct child of `parent`, a folder that
 * has passed fence_check: a child that is no symbolic link lies where its
 * parent does, so only its kind is checked. realpath's readlink of every
 * component cost a tenth of a cached rebuild of a 1000-episode show. */
enum pp_result fence_check_child(const struct fence *f, const char *parent, const char *path,
				 enum fence_kind kind, bool media, struct diag *diag) PP_MUST_USE;

#endif
