/* testfs.h - temporary folders for the unit tests that read files.
 *
 * A case makes a fresh folder under /tmp, writes there what the code under
 * test reads, and removes the folder with everything in it at the end, so no
 * case sees another's files and none are left behind. All state is in the
 * caller's struct testfs. */
#ifndef PODPUB_TESTFS_H
#define PODPUB_TESTFS_H

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct testfs {
	char root[64]; /* "" when there is no folder to remove */
};

/* Makes the folder /tmp/podpub-test-<name>-XXXXXX; the name says which test
 * binary left it, should one ever stay. */
static inline bool testfs_init(struct testfs *fs, const char *name)
{
	snprintf(fs->root, sizeof(fs->root), "/tmp/podpub-test-%s-XXXXXX", name);
	if (!mkdtemp(fs->root)) {
		fs->root[0] = '\0';
		printf("#   cannot create a temporary folder\n");
		return false;
	}
	return true;
}

/* Calls visit() for everything below the folder `dir`, the contents of a
 * folder before the folder, so that visit may remove what it is given.
 * Links are not followed: a walk never leaves `dir`. */
static inline void testfs_walk(const char *dir,
			       void (*visit)(const char *path, const char *name, void *ctx),
			       void *ctx)
{
	DIR *d = opendir(dir);
	struct dirent *ent;

	if (!d)
		return;
	while ((ent = readdir(d))) {
		char child[512];
		struct stat st;

		if (!strcmp(ent->d_name, ".") || !strcmp(ent->d_name, ".."))
			continue;
		/* A cut name could be another file's: such an entry is left alone. */
		if (snprintf(child, sizeof(child), "%s/%s", dir, ent->d_name) >= (int)sizeof(child))
			continue;
		if (lstat(child, &st) == 0 && S_ISDIR(st.st_mode))
			testfs_walk(child, visit, ctx);
		visit(child, ent->d_name, ctx);
	}
	closedir(d);
}

static inline void testfs_remove_one(const char *path, const char *name, void *ctx)
{
	(void)name;
	(void)ctx;
	remove(path); /* rmdir for a folder, emptied by then */
}

/* Removes `path` and, when it is a folder, everything in it. */
static inline void testfs_remove_tree(const char *path)
{
	testfs_walk(path, testfs_remove_one, NULL);
	remove(path);
}

static inline void testfs_release(struct testfs *fs)
{
	if (fs->root[0])
		testfs_remove_tree(fs->root);
	fs->root[0] = '\0';
}

/* Writes `len` bytes to `path`, replacing what was there. */
static inline bool testfs_write(const char *path, const void *data, size_t len)
{
	FILE *out = fopen(path, "wb");
	bool written;

	if (!out) {
		printf("#   cannot write %s\n", path);
		return false;
	}
	written = fwrite(data, 1, len, out) == len;
	return fclose(out) == 0 && written;
}

/* Writes root/rel, making the folder it lies in first when that is missing
 * (one level only: "ep/episode.md" makes ep/, the usual depth of a case). */
static inline bool testfs_put(const struct testfs *fs, const char *rel, const void *data,
			      size_t len)
{
	char path[512];
	char *slash;

	if (snprintf(path, sizeof(path), "%s/%s", fs->root, rel) >= (int)sizeof(path)) {
		printf("#   cannot write %s: name too long\n", rel);
		return false;
	}
	slash = strrchr(path, '/');
	*slash = '\0';
	mkdir(path, 0755); /* may exist already; a real failure shows at the write */
	*slash = '/';
	return testfs_write(path, data, len);
}

/* Copies the file `from` to `to`, byte for byte. */
static inline bool testfs_copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
	char buf[8192];
	size_t n;
	bool copied = in && out;

	while (copied && (n = fread(buf, 1, sizeof(buf), in)) > 0)
		copied = fwrite(buf, 1, n, out) == n;
	copied = copied && !ferror(in);
	if (in)
		fclose(in);
	if (out && fclose(out) != 0)
		copied = false;
	if (!copied)
		printf("#   cannot copy %s to %s\n", from, to);
	return copied;
}

/* Copies the folder `from` with everything in it to `to`, which must not
 * exist yet. Links are not followed. */
static inline bool testfs_copy_tree(const char *from, const char *to)
{
	DIR *d = opendir(from);
	struct dirent *ent;
	bool copied = d && mkdir(to, 0755) == 0;

	while (copied && (ent = readdir(d))) {
		char src[512], dst[512];
		struct stat st;

		if (!strcmp(ent->d_name, ".") || !strcmp(ent->d_name, ".."))
			continue;
		if (snprintf(src, sizeof(src), "%s/%s", from, ent->d_name) >= (int)sizeof(src) ||
		    snprintf(dst, sizeof(dst), "%s/%s", to, ent->d_name) >= (int)sizeof(dst) ||
		    lstat(src, &st) != 0) {
			copied = false;
			break;
		}
		if (S_ISDIR(st.st_mode))
			copied = testfs_copy_tree(src, dst);
		else if (S_ISREG(st.st_mode))
			copied = testfs_copy_file(src, dst);
	}
	if (d)
		closedir(d);
	if (!copied)
		printf("#   cannot copy the folder %s to %s\n", from, to);
	return copied;
}

/* The tests' own show, frozen (see its README.md); tests/run.sh runs the
 * tests from the repository's top folder. */
#define TESTFS_SHOW "tests/data/show"

/* Makes the case's folder and puts a scratch copy of the tests' show in
 * root/show, so the case may change or add files there. */
static inline bool testfs_show(struct testfs *fs, const char *name, char *show, size_t size)
{
	if (!testfs_init(fs, name))
		return false;
	if (snprintf(show, size, "%s/show", fs->root) >= (int)size) {
		printf("#   cannot copy the test show: name too long\n");
		return false;
	}
	return testfs_copy_tree(TESTFS_SHOW, show);
}

/* `text` with its line `line` (1-based) replaced by `with` (no newline), or
 * NULL when there is no such line. Caller frees. Here because the files the
 * cases write are mostly one known-good text with one line spoilt. */
static inline char *testfs_replace_line(const char *text, int line, const char *with)
{
	const char *start = text, *end;
	size_t n = strlen(text) + strlen(with) + 2;
	char *out = malloc(n);

	for (int i = 1; i < line && start; i++) {
		start = strchr(start, '\n');
		start = start ? start + 1 : NULL;
	}
	if (!out || !start) {
		free(out);
		return NULL;
	}
	end = strchr(start, '\n');
	end = end ? end : start + strlen(start);
	snprintf(out, n, "%.*s%s%s", (int)(start - text), text, with, end);
	return out;
}

#endif
