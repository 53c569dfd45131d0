/* realpath is XSI. */
#define _XOPEN_SOURCE 700

#include "fence.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

void fence_init(struct fence *f)
{
	memset(f, 0, sizeof(*f));
}

void fence_release(struct fence *f)
{
	free(f->root);
	free(f->media_root);
	fence_init(f);
}

/* realpath of a folder; PP_EPARSE with a message when it is none. */
static enum pp_result resolve_folder(const char *path, const char *where, int line,
				     const char *what, char **out, struct diag *diag)
{
	struct stat st;

	*out = realpath(path, NULL);
	if (!*out) {
		if (errno == ENOMEM)
			return PP_ENOMEM;
		diag_error(diag, where, line, "%s '%s': %s", what, path, strerror(errno));
		return PP_EPARSE;
	}
	if (stat(*out, &st) != 0 || !S_ISDIR(st.st_mode)) {
		diag_error(diag, where, line, "%s '%s' is not a folder", what, path);
		free(*out);
		*out = NULL;
		return PP_EPARSE;
	}
	return PP_OK;
}

enum pp_result fence_open(struct fence *f, const char *root, const char *where,
			  struct diag *diag)
{
	return resolve_folder(root, where, 0, "cannot read the show's folder", &f->root, diag);
}

enum pp_result fence_set_media_root(struct fence *f, const char *root, const char *dir,
				    const char *config_path, int line, struct diag *diag)
{
	char *path = dir[0] == '/' ? strdup(dir) : pp_path_join(root, dir);
	enum pp_result res;

	if (!path)
		return PP_ENOMEM;
	res = resolve_folder(path, config_path, line, "'media_root'", &f->media_root, diag);
	free(path);
	return res;
}

/* True when the resolved `path` is `dir` or lies below it. */
static bool below(const char *dir, const char *path)
{
	size_t n = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return true;
	return strncmp(dir, path, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* Where the link `path` points, as it is written; NULL when unreadable. */
static char *link_text(const char *path)
{
	char buf[PATH_MAX];
	ssize_t n = readlink(path, buf, sizeof(buf) - 1);

	if (n < 0)
		return strdup("?");
	buf[n] = '\0';
	return strdup(buf);
}

/* A path that does not resolve: a dangling link, a loop, or worse. */
static enum pp_result unresolved(const char *path, int err, struct diag *diag)
{
	struct stat st;
	char *to;

	if (err == ENOMEM)
		return PP_ENOMEM;
	if (lstat(path, &st) != 0)
		return errno == ENOENT || errno == ENOTDIR ? PP_OK : PP_EPARSE;
	if (!S_ISLNK(st.st_mode)) {
		diag_error(diag, path, 0, "cannot resolve: %s", strerror(err));
		return PP_EPARSE;
	}
	if (!(to = link_text(path)))
		return PP_ENOMEM;
	if (err == ELOOP)
		diag_error(diag, path, 0, "symbolic link to '%s' loops", to);
	else if (err == ENOENT)
		diag_error(diag, path, 0, "symbolic link to '%s', which does not exist", to);
	else
		diag_error(diag, path, 0, "symbolic link to '%s' cannot be followed: %s", to,
			   strerror(err));
	free(to);
	return PP_EPARSE;
}

/* A FIFO or a device where a file belongs is refused before anything
 * opens it. */
static enum pp_result check_kind(const char *path, mode_t mode, enum fence_kind kind,
				 struct diag *diag)
{
	if (kind == FENCE_FILE && !S_ISREG(mode)) {
		diag_error(diag, path, 0, "is %s, not a regular file", pp_file_kind(mode));
		return PP_EPARSE;
	}
	if (kind == FENCE_FOLDER && !S_ISDIR(mode)) {
		diag_error(diag, path, 0, "is %s, not a folder", pp_file_kind(mode));
		return PP_EPARSE;
	}
	return PP_OK;
}

enum pp_result fence_check(const struct fence *f, const char *path, enum fence_kind kind,
			   bool media, struct diag *diag)
{
	enum pp_result res = PP_EPARSE;
	char *real;
	struct stat st;

	if (lstat(path, &st) != 0)
		return PP_OK; /* missing: the reader says so in its own words */
	real = realpath(path, NULL);
	if (!real)
		return unresolved(path, errno, diag);
	if (!below(f->root, real) && !(media && f->media_root && below(f->media_root, real))) {
		if (media)
			diag_error(diag, path, 0,
				   "leads outside the show, to '%s': audio kept outside git "
				   "belongs under podcast.yaml's 'media_root'%s",
				   real, f->media_root ? "" : " (not set)");
		else
			diag_error(diag, path, 0,
				   "leads outside the show, to '%s': podpub publishes only what "
				   "is inside the show's folder",
				   real);
		goto out;
	}
	if (stat(real, &st) != 0) {
		diag_error(diag, path, 0, "cannot read: %s", strerror(errno));
		goto out;
	}
	res = check_kind(path, st.st_mode, kind, diag);
out:
	free(real);
	return res;
}

enum pp_result fence_check_child(const struct fence *f, const char *parent, const char *path,
				 enum fence_kind kind, bool media, struct diag *diag)
{
	size_t n = strlen(parent);
	const char *name = path + n + 1;
	struct stat st;

	if (strncmp(path, parent, n) != 0 || path[n] != '/' || !*name || strchr(name, '/') ||
	    strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || lstat(path, &st) != 0 ||
	    S_ISLNK(st.st_mode))
		return fence_check(f, path, kind, media, diag);
	return check_kind(path, st.st_mode, kind, diag);
}
