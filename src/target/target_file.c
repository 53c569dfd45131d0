/* target_file.c - the local folder target: the default, and the model the
 * network targets follow. Files are copied to "<name>.podpub-tmp", flushed
 * to disk, then renamed over the real name (rename is atomic on POSIX). */
#include "target/target.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "interrupt.h"
#include "util.h"

struct target {
	char *root;
};

static enum pp_result file_open(const struct config_target *settings, const char *location,
				struct target **out, struct diag *diag)
{
	struct target *t = calloc(1, sizeof(*t));

	(void)settings; /* a folder needs no keys */
	*out = NULL;
	if (!t || !(t->root = strdup(location))) {
		free(t);
		return PP_ENOMEM;
	}
	/* Folders are made by put, so a dry run leaves no trace. */
	(void)diag;
	*out = t;
	return PP_OK;
}

static void file_close(struct target **tp)
{
	if (!*tp)
		return;
	free((*tp)->root);
	free(*tp);
	*tp = NULL;
}

static enum pp_result file_read(struct target *t, const char *remote, char **data, size_t *len,
				struct diag *diag)
{
	char *path = pp_path_join(t->root, remote);
	enum pp_result res;

	if (!path)
		return PP_ENOMEM;
	res = pp_read_file(path, data, len);
	if (res == PP_EIO && errno == ENOENT) {
		res = PP_OK;
	} else if (res == PP_EIO) {
		diag_error(diag, path, 0, "cannot read: %s", strerror(errno));
		res = PP_ETARGET;
	}
	free(path);
	return res;
}

static enum pp_result file_size(struct target *t, const char *remote, bool *exists,
				int64_t *size, struct diag *diag)
{
	char *path = pp_path_join(t->root, remote);
	struct stat st;
	enum pp_result res = PP_OK;

	if (!path)
		return PP_ENOMEM;
	*exists = false;
	*size = 0;
	if (stat(path, &st) == 0) {
		*exists = S_ISREG(st.st_mode);
		*size = st.st_size;
	} else if (errno != ENOENT) {
		diag_error(diag, path, 0, "cannot stat: %s", strerror(errno));
		res = PP_ETARGET;
	}
	free(path);
	return res;
}

static bool write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		data += n;
		len -= (size_t)n;
	}
	return true;
}

/* Writes a new file `name`: created exclusively (a name that exists, or a
 * symlink planted under it, is never written through), flushed to disk. */
static enum pp_result write_new(struct target *t, const struct target_source *src,
				const char *name, bool *existed, struct diag *diag)
{
	enum pp_result res = PP_ETARGET;
	char *path = pp_path_join(t->root, name);
	char buf[1 << 16];
	int in = -1, out = -1;

	if (!path)
		return PP_ENOMEM;
	if (pp_make_parents(path) != 0) {
		diag_error(diag, path, 0, "cannot create folder: %s", strerror(errno));
		goto out;
	}
	out = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (out < 0 && errno == EEXIST && existed) {
		*existed = true;
		res = PP_OK;
		goto out;
	}
	if (out < 0) {
		diag_error(diag, path, 0, "cannot create: %s", strerror(errno));
		goto out;
	}
	if (src->path) {
		int64_t copied = 0;
		ssize_t n;

		in = open(src->path, O_RDONLY | O_CLOEXEC);
		if (in < 0) {
			diag_error(diag, src->path, 0, "cannot open: %s", strerror(errno));
			res = PP_EIO;
			goto out;
		}
		while ((n = read(in, buf, sizeof(buf))) != 0) {
			if (interrupted()) {
				res = PP_EINTR;
				goto out;
			}
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0) {
				diag_error(diag, src->path, 0, "cannot read: %s", strerror(errno));
				res = PP_EIO;
				goto out;
			}
			if (!write_all(out, buf, (size_t)n))
				goto write_failed;
			copied += n;
			if (src->progress)
				src->progress(src->progress_ctx, copied);
		}
	} else if (!write_all(out, src->data, src->len)) {
		goto write_failed;
	}
	/* On disk before the rename makes it visible under its real name. */
	if (fsync(out) != 0)
		goto write_failed;
	if (close(out) != 0) {
		out = -1;
		goto write_failed;
	}
	out = -1;
	res = PP_OK;
	goto out;
write_failed:
	diag_error(diag, path, 0, "cannot write: %s", strerror(errno));
	unlink(path);
out:
	if (in >= 0)
		close(in);
	if (out >= 0) {
		close(out);
		if (res != PP_OK)
			unlink(path);
	}
	free(path);
	return res;
}

static enum pp_result file_put(struct target *t, const struct target_source *src,
			       const char *remote_tmp, struct diag *diag)
{
	return write_new(t, src, remote_tmp, NULL, diag);
}

static enum pp_result file_put_new(struct target *t, const struct target_source *src,
				   const char *remote, bool *existed, struct diag *diag)
{
	*existed = false;
	return write_new(t, src, remote, existed, diag);
}

static enum pp_result file_commit(struct target *t, const char *remote_tmp, const char *remote,
				  struct diag *diag)
{
	char *from = pp_path_join(t->root, remote_tmp), *to = pp_path_join(t->root, remote);
	enum pp_result res = PP_OK;

	if (!from || !to) {
		res = PP_ENOMEM;
	} else if (rename(from, to) != 0) {
		diag_error(diag, to, 0, "cannot rename '%s' into place: %s", from, strerror(errno));
		res = PP_ETARGET;
	}
	free(from);
	free(to);
	return res;
}

static enum pp_result file_remove(struct target *t, const char *remote, struct diag *diag)
{
	char *path = pp_path_join(t->root, remote);
	enum pp_result res = PP_OK;

	if (!path)
		return PP_ENOMEM;
	if (unlink(path) != 0 && errno != ENOENT) {
		diag_error(diag, path, 0, "cannot remove: %s", strerror(errno));
		res = PP_ETARGET;
	}
	free(path);
	return res;
}

const struct target_ops target_file_ops = {
	.scheme = "file",
	.open = file_open,
	.read = file_read,
	.size = file_size,
	.put = file_put,
	.put_new = file_put_new,
	.commit = file_commit,
	.remove = file_remove,
	.close = file_close,
};
