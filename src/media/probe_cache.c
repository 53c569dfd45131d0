#include "media/probe_cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "buf.h"
#include "util.h"

/* Names the writer of the file and its layout: another version's or another
 * program's file is ignored whole. */
#define CACHE_FORMAT "podpub probe cache"
#define CACHE_VERSION 3

/* probe.mime_type and probe.extension are static strings: a cached value is
 * taken only when it is one of these, and then as the static copy. */
static const char *const known_mime_types[] = { "audio/mpeg", "audio/x-m4a", "audio/ogg",
						"audio/flac", "audio/wav", "audio/aac" };
static const char *const known_extensions[] = { "mp3", "m4a", "opus", "ogg", "flac", "wav", "aac" };

static const char *known(const char *const *list, size_t n, const char *s)
{
	for (size_t i = 0; s && i < n; i++)
		if (strcmp(list[i], s) == 0)
			return list[i];
	return NULL;
}

void probe_cache_init(struct probe_cache *c)
{
	memset(c, 0, sizeof(*c));
}

static void entry_release(struct probe_cache_entry *e)
{
	free(e->path);
	probe_release(&e->probe);
	memset(e, 0, sizeof(*e));
}

/* The entries gone; the root and the loudness wish stay. */
static void entries_release(struct probe_cache *c)
{
	for (size_t i = 0; i < c->count; i++)
		entry_release(&c->entries[i]);
	free(c->entries);
	c->entries = NULL;
	c->count = c->alloc = c->hits = c->misses = c->next = 0;
}

void probe_cache_release(struct probe_cache *c)
{
	entries_release(c);
	free(c->root);
	probe_cache_init(c);
}

/* A new zeroed entry at the end; NULL when out of memory. */
static struct probe_cache_entry *entry_add(struct probe_cache *c)
{
	struct probe_cache_entry *grown = pp_grow(c->entries, &c->alloc, c->count + 1, sizeof(*grown));

	if (!grown)
		return NULL;
	c->entries = grown;
	memset(&c->entries[c->count], 0, sizeof(c->entries[0]));
	probe_init(&c->entries[c->count].probe);
	return &c->entries[c->count++];
}

static bool key_of(const char *path, struct probe_cache_key *k)
{
	struct stat sb;

	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return false;
	k->size = sb.st_size;
	k->mtime_sec = sb.st_mtim.tv_sec;
	k->mtime_nsec = sb.st_mtim.tv_nsec;
	k->ctime_sec = sb.st_ctim.tv_sec;
	k->ctime_nsec = sb.st_ctim.tv_nsec;
	k->inode = sb.st_ino;
	return true;
}

static bool key_equal(const struct probe_cache_key *a, const struct probe_cache_key *b)
{
	return a->size == b->size && a->mtime_sec == b->mtime_sec &&
	       a->mtime_nsec == b->mtime_nsec && a->ctime_sec == b->ctime_sec &&
	       a->ctime_nsec == b->ctime_nsec && a->inode == b->inode;
}

/* --- Reading ------------------------------------------------------------- */

static bool get_int(const json_t *obj, const char *name, int64_t *out)
{
	const json_t *v = json_object_get(obj, name);

	if (!json_is_integer(v))
		return false;
	*out = json_integer_value(v);
	return true;
}

/* A copy of the string member `name`; false when it is missing, not a
 * string, holds a NUL or memory ran out (*oom says which). */
static bool get_str(const json_t *obj, const char *name, char **out, bool *oom)
{
	const json_t *v = json_object_get(obj, name);

	if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v))
		return false;
	if (!(*out = strdup(json_string_value(v))))
		*oom = true;
	return *out != NULL;
}

static bool is_sha256(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
			return false;
	return n == IDENT_SHA256_SIZE - 1;
}

/* The entry's chapters: [{"start": seconds, "title": text or null}]. */
static bool chapters_from_json(const json_t *list, struct chapters *out, bool *oom)
{
	size_t i;
	const json_t *ch;

	if (!json_is_array(list))
		return false;
	json_array_foreach(list, i, ch) {
		const json_t *start = json_object_get(ch, "start"), *title = json_object_get(ch, "title");

		if (!json_is_number(start) || !(json_is_null(title) || json_is_string(title)) ||
		    (json_is_string(title) &&
		     strlen(json_string_value(title)) != json_string_length(title)))
			return false;
		if (chapters_add(out, json_number_value(start), json_string_value(title), NULL, NULL,
				 0) != PP_OK) {
			*oom = true;
			return false;
		}
	}
	return true;
}

/* The entry's loudness, when it was measured: {integrated, range, true_peak}. */
static bool loudness_from_json(const json_t *obj, struct probe_loudness *out)
{
	const json_t *i = json_object_get(obj, "integrated"), *r = json_object_get(obj, "range");
	const json_t *tp = json_object_get(obj, "true_peak");

	if (!obj)
		return true;
	if (!json_is_object(obj) || !json_is_number(i) || !json_is_number(r) || !json_is_number(tp))
		return false;
	out->measured = true;
	out->integrated = json_number_value(i);
	out->range = json_number_value(r);
	out->true_peak = json_number_value(tp);
	return true;
}

/* The key members every entry has. */
static bool key_from_json(const json_t *obj, struct probe_cache_entry *e, bool *oom)
{
	const char *sha = json_string_value(json_object_get(obj, "sha256"));
	int64_t inode;

	if (!sha || !is_sha256(sha) || !get_str(obj, "path", &e->path, oom) ||
	    !get_int(obj, "size", &e->key.size) || !get_int(obj, "mtime_sec", &e->key.mtime_sec) ||
	    !get_int(obj, "mtime_nsec", &e->key.mtime_nsec) ||
	    !get_int(obj, "ctime_sec", &e->key.ctime_sec) ||
	    !get_int(obj, "ctime_nsec", &e->key.ctime_nsec) || !get_int(obj, "inode", &inode) ||
	    e->key.size < 0)
		return false;
	e->key.inode = (uint64_t)inode;
	memcpy(e->sha256, sha, IDENT_SHA256_SIZE);
	return true;
}

/* An art entry: {"image": {"format", "width", "height", "color"}, key...}. */
static bool image_from_json(const json_t *obj, const json_t *img, struct probe_cache_entry *e,
			    bool *oom)
{
	static const char *const formats[] = { "png", "jpeg" };
	const char *format = known(formats, COUNT(formats),
				   json_string_value(json_object_get(img, "format")));
	const json_t *color = json_object_get(img, "color");
	int64_t width, height;

	if (!json_is_object(img) || !format || !json_is_boolean(color) ||
	    !get_int(img, "width", &width) || !get_int(img, "height", &height) || width <= 0 ||
	    height <= 0 || width > 1000000 || height > 1000000)
		return false;
	e->is_image = true;
	e->image = (struct probe_image){ format, (int)width, (int)height, json_is_true(color) };
	return key_from_json(obj, e, oom);
}

/* The audio's kept picture, when there is one: {sha256, format, size}. */
static bool picture_from_json(const json_t *obj, struct probe_cache_entry *e)
{
	static const char *const formats[] = { "png", "jpeg" };
	const char *sha = json_string_value(json_object_get(obj, "sha256"));

	if (!obj)
		return true;
	e->picture_format = known(formats, COUNT(formats),
				  json_string_value(json_object_get(obj, "format")));
	struct probe_cache_key *k = &e->picture_key;
	int64_t inode;

	if (!json_is_object(obj) || !sha || !is_sha256(sha) || !e->picture_format ||
	    !get_int(obj, "size", &k->size) || k->size <= 0 ||
	    !get_int(obj, "mtime_sec", &k->mtime_sec) || !get_int(obj, "mtime_nsec", &k->mtime_nsec) ||
	    !get_int(obj, "ctime_sec", &k->ctime_sec) || !get_int(obj, "ctime_nsec", &k->ctime_nsec) ||
	    !get_int(obj, "inode", &inode))
		return false;
	k->inode = (uint64_t)inode;
	memcpy(e->picture_sha256, sha, IDENT_SHA256_SIZE);
	return true;
}

/* Reads one entry into `e`; false when anything about it is wrong. */
static bool entry_from_json(const json_t *obj, struct probe_cache_entry *e, bool *oom)
{
	struct probe *p = &e->probe;
	const json_t *tags = json_object_get(obj, "tags"), *dur = json_object_get(obj, "duration");
	const json_t *cover = json_object_get(obj, "has_cover_art");
	const char *mime, *ext, *source, *key;
	int64_t rate, channels;
	json_t *value;

	if (json_is_object(obj) && json_object_get(obj, "image"))
		return image_from_json(obj, json_object_get(obj, "image"), e, oom);
	if (!json_is_object(obj) || !json_is_object(tags) || !json_is_real(dur) ||
	    !json_is_boolean(cover))
		return false;
	mime = known(known_mime_types, COUNT(known_mime_types),
		     json_string_value(json_object_get(obj, "mime_type")));
	ext = known(known_extensions, COUNT(known_extensions),
		    json_string_value(json_object_get(obj, "extension")));
	source = json_string_value(json_object_get(obj, "duration_source"));
	if (!mime || !ext || !source ||
	    (strcmp(source, "header") != 0 && strcmp(source, "packets") != 0))
		return false;
	if (!key_from_json(obj, e, oom) || !get_int(obj, "bit_rate", &p->bit_rate) ||
	    !get_int(obj, "sample_rate", &rate) || !get_int(obj, "channels", &channels) ||
	    rate <= 0 || rate > 1000000 || channels <= 0 || channels > 255)
		return false;
	/* A probe never states a length that is not a positive number. */
	if (!(json_real_value(dur) > 0.0 && json_real_value(dur) < 1e9))
		return false;
	p->mime_type = mime;
	p->extension = ext;
	p->duration = json_real_value(dur);
	p->duration_source = strcmp(source, "header") == 0 ? PROBE_DURATION_HEADER
							   : PROBE_DURATION_PACKETS;
	p->sample_rate = (int)rate;
	p->channels = (int)channels;
	p->has_cover_art = json_is_true(cover);
	if (!get_str(obj, "container", &p->container, oom) || !get_str(obj, "codec", &p->codec, oom) ||
	    !chapters_from_json(json_object_get(obj, "chapters"), &p->chapters, oom) ||
	    !loudness_from_json(json_object_get(obj, "loudness"), &p->loudness) ||
	    !picture_from_json(json_object_get(obj, "picture"), e))
		return false;
	json_object_foreach((json_t *)tags, key, value) {
		struct probe_tag *grown;

		if (!json_is_string(value) ||
		    strlen(json_string_value(value)) != json_string_length(value) || !*key)
			return false;
		grown = pp_grow(p->tags, &p->tag_alloc, p->tag_count + 1, sizeof(*grown));
		if (!grown) {
			*oom = true;
			return false;
		}
		p->tags = grown;
		p->tags[p->tag_count].key = strdup(key);
		p->tags[p->tag_count].value = strdup(json_string_value(value));
		if (!p->tags[p->tag_count].key || !p->tags[p->tag_count].value) {
			free(p->tags[p->tag_count].key);
			free(p->tags[p->tag_count].value);
			*oom = true;
			return false;
		}
		p->tag_count++;
	}
	return true;
}

enum pp_result probe_cache_parse(struct probe_cache *c, const char *data, size_t len)
{
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, NULL);
	const json_t *files = json_object_get(root, "files");
	const char *format = json_string_value(json_object_get(root, "format"));
	json_int_t version = json_integer_value(json_object_get(root, "version"));
	enum pp_result res = PP_EPARSE;
	bool oom = false;
	size_t i;

	entries_release(c);
	if (!json_is_object(root) || !format || strcmp(format, CACHE_FORMAT) != 0 ||
	    version != CACHE_VERSION || !json_is_array(files))
		goto out;
	for (i = 0; i < json_array_size(files); i++) {
		struct probe_cache_entry *e = entry_add(c);

		if (!e) {
			oom = true;
			break;
		}
		e->probe.path = NULL;
		if (!entry_from_json(json_array_get(files, i), e, &oom))
			break;
		if (!(e->probe.path = strdup(e->path))) {
			oom = true;
			break;
		}
	}
	if (i == json_array_size(files))
		res = PP_OK;
out:
	if (oom)
		res = PP_ENOMEM;
	if (res != PP_OK)
		entries_release(c);
	json_decref(root);
	return res;
}

enum pp_result probe_cache_load(struct probe_cache *c, const char *root)
{
	char *path = pp_asprintf("%s/%s/%s", root, PROBE_CACHE_DIR, PROBE_CACHE_FILE);
	char *data = NULL;
	size_t len = 0;
	enum pp_result res;

	entries_release(c);
	free(c->root);
	if (!path || !(c->root = strdup(root))) {
		free(path);
		return PP_ENOMEM;
	}
	res = pp_read_file(path, &data, &len);
	free(path);
	if (res == PP_ENOMEM)
		return res;
	if (res != PP_OK)
		return PP_OK;
	res = probe_cache_parse(c, data, len);
	free(data);
	return res == PP_ENOMEM ? PP_ENOMEM : PP_OK;
}

/* --- Looking up ---------------------------------------------------------- */

static enum pp_result probe_copy(struct probe *dst, const struct probe *src)
{
	probe_release(dst);
	*dst = *src;
	dst->path = dst->container = dst->codec = NULL;
	dst->tags = NULL;
	dst->tag_count = dst->tag_alloc = 0;
	chapters_init(&dst->chapters);
	if (chapters_copy(&dst->chapters, &src->chapters) != PP_OK)
		return PP_ENOMEM;
	if (!(dst->path = strdup(src->path)) || !(dst->container = strdup(src->container)) ||
	    !(dst->codec = strdup(src->codec)))
		return PP_ENOMEM;
	if (src->tag_count > 0) {
		if (!(dst->tags = calloc(src->tag_count, sizeof(*dst->tags))))
			return PP_ENOMEM;
		dst->tag_alloc = src->tag_count;
		for (size_t i = 0; i < src->tag_count; i++, dst->tag_count++)
			if (!(dst->tags[i].key = strdup(src->tags[i].key)) ||
			    !(dst->tags[i].value = strdup(src->tags[i].value))) {
				free(dst->tags[i].key);
				return PP_ENOMEM;
			}
	}
	return PP_OK;
}

/* The entry of `path` (audio or art) whose key is `key`, marked used and
 * counted as a hit; NULL when there is none. */
static struct probe_cache_entry *lookup(struct probe_cache *c, const char *path, bool is_image,
					const struct probe_cache_key *key)
{
	/* From where the last lookup ended, round to it: a rebuild then finds
	 * each file at once, not after half the show's names. */
	for (size_t n = 0; n < c->count; n++) {
		size_t i = (c->next + n) % c->count;
		struct probe_cache_entry *e = &c->entries[i];

		if (e->is_image == is_image && strcmp(e->path, path) == 0 && key_equal(&e->key, key)) {
			e->used = true;
			c->hits++;
			c->next = i + 1;
			return e;
		}
	}
	return NULL;
}

/* After `path` was read (its SHA-256 and `size` known): a new entry for it,
 * when the file stayed the same while it was read (its key `before` still
 * holds); *added NULL otherwise, which is no error: it is read again next
 * time. An older entry of the path is no longer saved. */
static enum pp_result remember(struct probe_cache *c, const char *path, bool keyed,
			       const struct probe_cache_key *before,
			       const char sha256[IDENT_SHA256_SIZE], int64_t size,
			       struct probe_cache_entry **added)
{
	struct probe_cache_key after;
	struct probe_cache_entry *e;
	char *copy;

	*added = NULL;
	if (!keyed || !key_of(path, &after) || !key_equal(before, &after) || size != after.size)
		return PP_OK;
	/* The name first: no entry is ever left without one. */
	if (!(copy = strdup(path)) || !(e = entry_add(c))) {
		free(copy);
		return PP_ENOMEM;
	}
	for (size_t i = 0; i + 1 < c->count; i++)
		if (strcmp(c->entries[i].path, path) == 0)
			c->entries[i].used = false;
	e->path = copy;
	e->key = after;
	e->used = true;
	memcpy(e->sha256, sha256, IDENT_SHA256_SIZE);
	*added = e;
	return PP_OK;
}

/* The SHA-256 and size of `path`, read whole; a read error is named. */
static enum pp_result hash_file(const char *path, char sha256[IDENT_SHA256_SIZE], int64_t *size,
				struct diag *diag)
{
	enum pp_result res = ident_sha256_file(path, sha256, size);

	if (res == PP_EIO)
		diag_error(diag, path, 0, "cannot read: %s", strerror(errno));
	return res;
}

enum pp_result probe_cache_file(struct probe_cache *c, const char *path, struct probe *out,
				char sha256[IDENT_SHA256_SIZE], int64_t *size, struct diag *diag)
{
	struct probe_cache_key before;
	struct probe_cache_entry *e;
	enum pp_result res;
	bool keyed = key_of(path, &before);

	if (keyed && (e = lookup(c, path, false, &before))) {
		if ((res = probe_copy(out, &e->probe)) != PP_OK)
			return res;
		memcpy(sha256, e->sha256, IDENT_SHA256_SIZE);
		*size = e->key.size;
		if (!c->loudness || out->loudness.measured)
			return PP_OK;
		/* Asked for the first time: measured once, then kept. */
		c->misses++;
		if ((res = probe_loudness(path, &out->loudness, diag)) == PP_OK)
			e->probe.loudness = out->loudness;
		return res;
	}
	c->misses++;
	if ((res = probe_file(path, out, diag)) != PP_OK ||
	    (c->loudness && (res = probe_loudness(path, &out->loudness, diag)) != PP_OK) ||
	    (res = hash_file(path, sha256, size, diag)) != PP_OK ||
	    (res = remember(c, path, keyed, &before, sha256, *size, &e)) != PP_OK || !e)
		return res;
	return probe_copy(&e->probe, out);
}

enum pp_result probe_cache_image(struct probe_cache *c, const char *path, struct probe_image *out,
				 char sha256[IDENT_SHA256_SIZE], int64_t *size, struct diag *diag)
{
	struct probe_cache_key before;
	struct probe_cache_entry *e;
	enum pp_result res;
	bool keyed = key_of(path, &before);

	if (keyed && (e = lookup(c, path, true, &before))) {
		*out = e->image;
		memcpy(sha256, e->sha256, IDENT_SHA256_SIZE);
		*size = e->key.size;
		return PP_OK;
	}
	c->misses++;
	if ((res = probe_image(path, out, diag)) != PP_OK ||
	    (res = hash_file(path, sha256, size, diag)) != PP_OK ||
	    (res = remember(c, path, keyed, &before, sha256, *size, &e)) != PP_OK || !e)
		return res;
	e->is_image = true;
	e->image = *out;
	return PP_OK;
}

/* The entry probe_cache_file matched or added for `path` in this run. */
static struct probe_cache_entry *used_audio_entry(const struct probe_cache *c, const char *path)
{
	for (size_t i = 0; i < c->count; i++)
		if (c->entries[i].used && !c->entries[i].is_image &&
		    strcmp(c->entries[i].path, path) == 0)
			return &c->entries[i];
	return NULL;
}

static char *picture_path(const struct probe_cache *c, const char *sha256, const char *format)
{
	return pp_asprintf("%s/%s/art/%s.%s", c->root, PROBE_CACHE_DIR, sha256,
			   strcmp(format, "png") == 0 ? "png" : "jpg");
}

bool probe_cache_stale(const struct probe_cache *c, size_t episodes)
{
	size_t audio = 0;

	for (size_t i = 0; i < c->count; i++) {
		struct probe_cache_key now;

		if (!key_of(c->entries[i].path, &now) || !key_equal(&now, &c->entries[i].key))
			return true;
		audio += !c->entries[i].is_image;
	}
	return audio < episodes;
}

bool probe_cache_picture(const struct probe_cache *c, const char *path,
			 struct probe_cache_picture *out)
{
	const struct probe_cache_entry *e = c->root ? used_audio_entry(c, path) : NULL;
	struct probe_cache_key now;

	memset(out, 0, sizeof(*out));
	if (!e || !e->picture_format ||
	    !(out->path = picture_path(c, e->picture_sha256, e->picture_format)))
		return false;
	/* The kept file is podpub's own, trusted as the audio is: by its
	 * size, times and inode. One that went missing or changed in any way
	 * is made again. */
	if (!key_of(out->path, &now) || !key_equal(&now, &e->picture_key)) {
		free(out->path);
		out->path = NULL;
		return false;
	}
	memcpy(out->sha256, e->picture_sha256, IDENT_SHA256_SIZE);
	out->format = e->picture_format;
	out->size = e->picture_key.size;
	return true;
}

enum pp_result probe_cache_keep_picture(struct probe_cache *c, const char *path, const char *data,
					size_t len, const char *format,
					const char sha256[IDENT_SHA256_SIZE],
					struct probe_cache_picture *out)
{
	struct probe_cache_entry *e = c->root ? used_audio_entry(c, path) : NULL;
	char *tmp = NULL, have[IDENT_SHA256_SIZE];
	enum pp_result res = PP_ENOMEM;
	int64_t have_size = -1;
	struct stat st;
	FILE *f;

	memset(out, 0, sizeof(*out));
	if (!e)
		return PP_EIO; /* not remembered (changed while read): keep it in memory */
	if (!(out->path = picture_path(c, sha256, format)) ||
	    !(tmp = pp_asprintf("%s.%ld.tmp", out->path, (long)getpid())))
		goto out;
	res = PP_EIO;
	/* Episodes often carry the same picture: one kept file serves them
	 * all, and rewriting it would change the key the others recorded. */
	if (lstat(out->path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == (off_t)len &&
	    ident_sha256_file(out->path, have, &have_size) == PP_OK &&
	    have_size == (int64_t)len && strcmp(have, sha256) == 0)
		goto record;
	if (pp_make_parents(tmp) != 0 || !(f = fopen(tmp, "wbx")))
		goto out;
	if (fwrite(data, 1, len, f) != len) {
		fclose(f);
		unlink(tmp);
		goto out;
	}
	if (fclose(f) != 0 || rename(tmp, out->path) != 0) {
		unlink(tmp);
		goto out;
	}
record:
	if (!key_of(out->path, &e->picture_key) || e->picture_key.size != (int64_t)len)
		goto out;
	e->picture_format = strcmp(format, "png") == 0 ? "png" : "jpeg";
	memcpy(e->picture_sha256, sha256, IDENT_SHA256_SIZE);
	c->misses++; /* the cache file changed: saved */
	memcpy(out->sha256, sha256, IDENT_SHA256_SIZE);
	out->format = e->picture_format;
	out->size = (int64_t)len;
	res = PP_OK;
out:
	if (res != PP_OK) {
		free(out->path);
		out->path = NULL;
	}
	free(tmp);
	return res;
}

/* --- Writing ------------------------------------------------------------- */

static bool put(json_t *obj, const char *key, json_t *value)
{
	return json_object_set_new(obj, key, value) == 0;
}

static bool put_key(json_t *obj, const struct probe_cache_entry *e)
{
	return put(obj, "path", json_string(e->path)) &&
	       put(obj, "size", json_integer(e->key.size)) &&
	       put(obj, "mtime_sec", json_integer(e->key.mtime_sec)) &&
	       put(obj, "mtime_nsec", json_integer(e->key.mtime_nsec)) &&
	       put(obj, "ctime_sec", json_integer(e->key.ctime_sec)) &&
	       put(obj, "ctime_nsec", json_integer(e->key.ctime_nsec)) &&
	       put(obj, "inode", json_integer((json_int_t)e->key.inode)) &&
	       put(obj, "sha256", json_string(e->sha256));
}

static json_t *image_to_json(const struct probe_cache_entry *e)
{
	json_t *obj = json_object();

	if (!obj || !put_key(obj, e) ||
	    !put(obj, "image",
		 json_pack("{s:s,s:i,s:i,s:b}", "format", e->image.format, "width", e->image.width,
			   "height", e->image.height, "color", e->image.color))) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

static json_t *entry_to_json(const struct probe_cache_entry *e)
{
	const struct probe *p = &e->probe;
	json_t *obj = json_object(), *tags = json_object(), *chapters = json_array();
	bool ok = obj && tags && chapters;

	for (size_t i = 0; ok && i < p->tag_count; i++)
		ok = put(tags, p->tags[i].key, json_string(p->tags[i].value));
	for (size_t i = 0; ok && i < p->chapters.count; i++) {
		const struct chapter *c = &p->chapters.items[i];
		json_t *ch = json_object();

		ok = ch && put(ch, "start", json_real(c->start)) &&
		     put(ch, "title", c->title ? json_string(c->title) : json_null()) &&
		     json_array_append(chapters, ch) == 0;
		json_decref(ch);
	}
	ok = ok && put_key(obj, e) && put(obj, "container", json_string(p->container)) &&
	     put(obj, "codec", json_string(p->codec)) &&
	     put(obj, "mime_type", json_string(p->mime_type)) &&
	     put(obj, "extension", json_string(p->extension)) &&
	     put(obj, "duration", json_real(p->duration)) &&
	     put(obj, "duration_source",
		 json_string(p->duration_source == PROBE_DURATION_HEADER ? "header" : "packets")) &&
	     put(obj, "bit_rate", json_integer(p->bit_rate)) &&
	     put(obj, "sample_rate", json_integer(p->sample_rate)) &&
	     put(obj, "channels", json_integer(p->channels)) &&
	     put(obj, "has_cover_art", json_boolean(p->has_cover_art)) &&
	     put(obj, "tags", json_incref(tags)) && put(obj, "chapters", json_incref(chapters));
	if (ok && e->picture_format)
		ok = put(obj, "picture",
			 json_pack("{s:s,s:s,s:I,s:I,s:I,s:I,s:I,s:I}", "sha256", e->picture_sha256,
				   "format", e->picture_format, "size",
				   (json_int_t)e->picture_key.size, "mtime_sec",
				   (json_int_t)e->picture_key.mtime_sec, "mtime_nsec",
				   (json_int_t)e->picture_key.mtime_nsec, "ctime_sec",
				   (json_int_t)e->picture_key.ctime_sec, "ctime_nsec",
				   (json_int_t)e->picture_key.ctime_nsec, "inode",
				   (json_int_t)e->picture_key.inode));
	if (ok && p->loudness.measured)
		ok = put(obj, "loudness",
			 json_pack("{s:f,s:f,s:f}", "integrated", p->loudness.integrated, "range",
				   p->loudness.range, "true_peak", p->loudness.true_peak));
	json_decref(tags);
	json_decref(chapters);
	if (!ok) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

/* True when `name` is "<sha256>.png" or "<sha256>.jpg" and no entry saved
 * this run keeps that picture: what a replaced or removed episode left. */
static bool picture_unused(const struct probe_cache *c, const char *name)
{
	const char *dot = strchr(name, '.');

	if (!dot || dot - name != IDENT_SHA256_SIZE - 1 ||
	    (strcmp(dot, ".png") != 0 && strcmp(dot, ".jpg") != 0))
		return false;
	for (size_t i = 0; i < c->count; i++)
		if (c->entries[i].used && c->entries[i].picture_format &&
		    strncmp(c->entries[i].picture_sha256, name, IDENT_SHA256_SIZE - 1) == 0)
			return false;
	return true;
}

/* Removes the kept pictures no entry names any more, so the art folder
 * does not grow with every replaced recording. Only names podpub writes
 * are touched; a temporary file of another run is left alone. */
static void prune_pictures(const struct probe_cache *c, const char *dir)
{
	char *art = pp_path_join(dir, "art");
	DIR *d = art ? opendir(art) : NULL;
	struct dirent *ent;

	while (d && (ent = readdir(d)))
		if (picture_unused(c, ent->d_name))
			(void)unlinkat(dirfd(d), ent->d_name, 0);
	if (d)
		closedir(d);
	free(art);
}

enum pp_result probe_cache_save(const struct probe_cache *c, const char *root)
{
	char *dir = pp_path_join(root, PROBE_CACHE_DIR), *path = NULL, *tmp = NULL, *text = NULL;
	FILE *f;
	size_t len;
	bool wrote;
	json_t *doc = json_object(), *files = json_array();
	enum pp_result res = PP_ENOMEM;
	bool ok = dir && doc && files && put(doc, "format", json_string(CACHE_FORMAT)) &&
		  put(doc, "version", json_integer(CACHE_VERSION)) &&
		  put(doc, "files", json_incref(files));

	for (size_t i = 0; ok && i < c->count; i++) {
		json_t *e;

		if (!c->entries[i].used)
			continue;
		e = c->entries[i].is_image ? image_to_json(&c->entries[i])
					   : entry_to_json(&c->entries[i]);
		ok = e && json_array_append_new(files, e) == 0;
	}
	if (!ok || !(path = pp_path_join(dir, PROBE_CACHE_FILE)) ||
	    !(tmp = pp_asprintf("%s.%ld.tmp", path, (long)getpid())))
		goto out;
	res = PP_EIO;
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		goto out;
	/* JSON_REAL_PRECISION 17: a duration reads back as the same double.
	 * Dumped in memory and written at once: json_dump_file makes one
	 * stdio call per token, 4 % of a rebuild after one change. */
	res = PP_ENOMEM;
	if (!(text = json_dumps(doc, JSON_COMPACT | JSON_REAL_PRECISION(17))))
		goto out;
	res = PP_EIO;
	len = strlen(text);
	if (!(f = fopen(tmp, "wbx")))
		goto out;
	wrote = fwrite(text, 1, len, f) == len;
	if (fclose(f) != 0 || !wrote || rename(tmp, path) != 0) {
		unlink(tmp);
		goto out;
	}
	prune_pictures(c, dir);
	res = PP_OK;
out:
	json_decref(files);
	json_decref(doc);
	free(text);
	free(tmp);
	free(path);
	free(dir);
	return res;
}
