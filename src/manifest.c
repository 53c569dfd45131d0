#include "manifest.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

/* {"files": {"media/x.mp3": {"size": N, "sha256": "..."}}} */
struct manifest {
	json_t *root;
	json_t *files; /* borrowed from root */
};

enum pp_result manifest_read(const struct target_ops *ops, struct target *t, struct manifest **out,
			     struct diag *diag)
{
	struct manifest *m = calloc(1, sizeof(*m));
	char *data = NULL;
	size_t len = 0;
	enum pp_result res;

	*out = NULL;
	if (!m)
		return PP_ENOMEM;
	res = ops->read(t, MANIFEST_NAME, &data, &len, diag);
	if (res != PP_OK) {
		free(m);
		return res;
	}
	if (data)
		m->root = json_loadb(data, len, 0, NULL);
	if (!m->root || !json_is_object(json_object_get(m->root, "files"))) {
		if (data)
			diag_warning(diag, MANIFEST_NAME, 0,
				     "target's manifest is damaged: sending every file again");
		json_decref(m->root);
		m->root = json_pack("{s:{}}", "files");
	}
	free(data);
	m->files = m->root ? json_object_get(m->root, "files") : NULL;
	if (!m->files) {
		manifest_free(&m);
		return PP_ENOMEM;
	}
	*out = m;
	return PP_OK;
}

bool manifest_has(const struct manifest *m, const char *path, int64_t size, const char *sha256)
{
	json_t *entry = json_object_get(m->files, path);
	const char *sha = json_string_value(json_object_get(entry, "sha256"));

	return entry && sha && strcmp(sha, sha256) == 0 &&
	       json_integer_value(json_object_get(entry, "size")) == size;
}

enum pp_result manifest_set(struct manifest *m, const char *path, int64_t size, const char *sha256)
{
	json_t *entry = json_pack("{s:I,s:s}", "size", (json_int_t)size, "sha256", sha256);

	if (!entry || json_object_set_new(m->files, path, entry) != 0)
		return PP_ENOMEM;
	return PP_OK;
}

enum pp_result manifest_write(const struct target_ops *ops, struct target *t,
			      const struct manifest *m, struct diag *diag)
{
	char *text = json_dumps(m->root, JSON_INDENT(1) | JSON_SORT_KEYS);
	struct target_source src;
	enum pp_result res;

	if (!text)
		return PP_ENOMEM;
	src = (struct target_source){ .data = text,
				      .len = strlen(text),
				      .content_type = "application/json",
				      .cache_control = "no-cache" };
	res = target_write(ops, t, &src, MANIFEST_NAME, 3, diag);
	free(text);
	return res;
}

static int compare_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

enum pp_result manifest_list(const struct manifest *m, char ***paths, size_t *count)
{
	size_t n = json_object_size(m->files), i = 0;
	char **list = calloc(n ? n : 1, sizeof(*list));
	const char *key;
	json_t *value;

	*paths = NULL;
	*count = 0;
	if (!list)
		return PP_ENOMEM;
	json_object_foreach(m->files, key, value) {
		(void)value;
		if (!(list[i] = strdup(key))) {
			while (i > 0)
				free(list[--i]);
			free(list);
			return PP_ENOMEM;
		}
		i++;
	}
	qsort(list, i, sizeof(*list), compare_paths);
	*paths = list;
	*count = i;
	return PP_OK;
}

void manifest_unset(struct manifest *m, const char *path)
{
	json_object_del(m->files, path);
}

void manifest_free(struct manifest **m)
{
	if (!*m)
		return;
	json_decref((*m)->root);
	free(*m);
	*m = NULL;
}
