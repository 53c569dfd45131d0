#include "media/chapters.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "util.h"

void chapters_init(struct chapters *c)
{
	memset(c, 0, sizeof(*c));
}

void chapters_release(struct chapters *c)
{
	for (size_t i = 0; i < c->count; i++) {
		free(c->items[i].title);
		free(c->items[i].url);
		free(c->items[i].img);
	}
	free(c->items);
	chapters_init(c);
}

/* A copy of `s`, or NULL for NULL; false when memory ran out. */
static bool dup_or_null(const char *s, char **out)
{
	*out = s ? strdup(s) : NULL;
	return !s || *out;
}

enum pp_result chapters_add(struct chapters *c, double start, const char *title, const char *url,
			    const char *img, int line)
{
	struct chapter *grown = pp_grow(c->items, &c->alloc, c->count + 1, sizeof(*grown));
	struct chapter ch = { .start = start, .line = line };

	if (!grown)
		return PP_ENOMEM;
	c->items = grown;
	if (!dup_or_null(title, &ch.title) || !dup_or_null(url, &ch.url) ||
	    !dup_or_null(img, &ch.img)) {
		free(ch.title);
		free(ch.url);
		free(ch.img);
		return PP_ENOMEM;
	}
	c->items[c->count++] = ch;
	return PP_OK;
}

enum pp_result chapters_copy(struct chapters *dst, const struct chapters *src)
{
	chapters_release(dst);
	for (size_t i = 0; i < src->count; i++) {
		const struct chapter *ch = &src->items[i];
		enum pp_result res = chapters_add(dst, ch->start, ch->title, ch->url, ch->img, ch->line);

		if (res != PP_OK)
			return res;
	}
	return PP_OK;
}

/* Digits with an optional fraction: "05", "5.25". */
static bool parse_number(const char *s, const char *end, bool fraction, double *out)
{
	double v = 0.0, scale = 0.1;
	bool digits = false, dot = false;

	for (; s < end; s++) {
		if (*s >= '0' && *s <= '9' && !dot) {
			v = v * 10.0 + (*s - '0');
			digits = true;
		} else if (*s >= '0' && *s <= '9') {
			v += (*s - '0') * scale;
			scale /= 10.0;
		} else if (*s == '.' && fraction && !dot && digits) {
			dot = true;
		} else {
			return false;
		}
		if (v > 1e9)
			return false;
	}
	*out = v;
	return digits;
}

bool chapters_parse_time(const char *s, double *out)
{
	const char *parts[3], *p = s;
	size_t n = 0;
	double total = 0.0;

	parts[n++] = p;
	while ((p = strchr(p, ':'))) {
		if (n == 3)
			return false;
		parts[n++] = ++p;
	}
	for (size_t i = 0; i < n; i++) {
		const char *end = i + 1 < n ? parts[i + 1] - 1 : s + strlen(s);
		double v;

		/* Only the seconds have a fraction; minutes and seconds after
		 * a colon are below 60. */
		if (!parse_number(parts[i], end, i + 1 == n, &v) || (i > 0 && v >= 60.0))
			return false;
		total = total * 60.0 + v;
	}
	*out = total;
	return true;
}

bool chapters_check(const struct chapters *c, double duration, const char *path,
		    struct diag *diag)
{
	bool ok = true;

	for (size_t i = 0; i < c->count; i++) {
		const struct chapter *ch = &c->items[i];

		if (!ch->title || !*ch->title) {
			diag_error(diag, path, ch->line, "chapter %zu (at %.3f s) has no title", i + 1,
				   ch->start);
			ok = false;
		}
		if (ch->start < 0.0 || ch->start >= duration) {
			diag_error(diag, path, ch->line,
				   "chapter %zu starts at %.3f s, outside the audio (%.3f s long)", i + 1,
				   ch->start, duration);
			ok = false;
		}
		if (i > 0 && ch->start <= c->items[i - 1].start) {
			diag_error(diag, path, ch->line,
				   "chapter %zu starts at %.3f s, not after chapter %zu (%.3f s): "
				   "chapters must be in ascending order",
				   i + 1, ch->start, i, c->items[i - 1].start);
			ok = false;
		}
	}
	return ok;
}

static bool put(json_t *obj, const char *key, json_t *value)
{
	return json_object_set_new(obj, key, value) == 0;
}

enum pp_result chapters_to_json(const struct chapters *c, char **json, size_t *len)
{
	json_t *doc = json_object(), *list = json_array();
	bool ok = doc && list && put(doc, "version", json_string("1.2.0")) &&
		  put(doc, "chapters", json_incref(list));

	*json = NULL;
	*len = 0;
	for (size_t i = 0; ok && i < c->count; i++) {
		const struct chapter *ch = &c->items[i];
		json_t *obj = json_object();

		/* Whole milliseconds: the same chapters give the same bytes. */
		ok = obj && put(obj, "startTime", json_real((double)(long long)(ch->start * 1000.0 + 0.5) / 1000.0)) &&
		     put(obj, "title", json_string(ch->title ? ch->title : "")) &&
		     (!ch->url || put(obj, "url", json_string(ch->url))) &&
		     (!ch->img || put(obj, "img", json_string(ch->img)));
		ok = ok && json_array_append(list, obj) == 0;
		json_decref(obj);
	}
	if (ok)
		*json = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
	json_decref(list);
	json_decref(doc);
	if (!*json)
		return PP_ENOMEM;
	*len = strlen(*json);
	return PP_OK;
}

bool chapters_check_json(const char *json, size_t len, char *why, size_t why_size)
{
	json_error_t err;
	json_t *doc = json_loadb(json, len, JSON_REJECT_DUPLICATES, &err), *list, *ch;
	size_t i;
	bool ok = false;

	if (!doc) {
		snprintf(why, why_size, "line %d: %s", err.line, err.text);
		return false;
	}
	list = json_is_object(doc) ? json_object_get(doc, "chapters") : NULL;
	if (!json_is_object(doc))
		snprintf(why, why_size, "it is not a JSON object");
	else if (!json_is_string(json_object_get(doc, "version")))
		snprintf(why, why_size, "it has no \"version\" string");
	else if (!json_is_array(list))
		snprintf(why, why_size, "it has no \"chapters\" array");
	else
		ok = true;
	json_array_foreach(ok ? list : NULL, i, ch) {
		if (!json_is_object(ch) || !json_is_number(json_object_get(ch, "startTime"))) {
			snprintf(why, why_size, "chapter %zu has no numeric \"startTime\"", i + 1);
			ok = false;
			break;
		}
	}
	json_decref(doc);
	return ok;
}

/* An optional string member: NULL when absent or null; false when it is
 * there but no string. */
static bool optional_string(const json_t *obj, const char *key, const char **out)
{
	const json_t *v = json_object_get(obj, key);

	*out = json_is_string(v) ? json_string_value(v) : NULL;
	return !v || json_is_null(v) || json_is_string(v);
}

enum pp_result chapters_parse_json(const char *json, size_t len, struct chapters *out, char *why,
				  size_t why_size)
{
	static const char *const fields[] = { "title", "url", "img" };
	json_error_t err;
	json_t *doc, *list, *ch;
	enum pp_result res = PP_EPARSE;
	size_t i;

	if (!chapters_check_json(json, len, why, why_size))
		return PP_EPARSE;
	if (!(doc = json_loadb(json, len, JSON_REJECT_DUPLICATES, &err)))
		return PP_ENOMEM; /* it parsed a moment ago */
	list = json_object_get(doc, "chapters");
	json_array_foreach(list, i, ch) {
		const char *s[COUNT(fields)];
		bool ok = true;

		for (size_t k = 0; k < COUNT(fields); k++) {
			if (!optional_string(ch, fields[k], &s[k])) {
				snprintf(why, why_size, "chapter %zu: \"%s\" is not a string", i + 1,
					 fields[k]);
				ok = false;
			}
		}
		if (!ok)
			goto out;
		if (chapters_add(out, json_number_value(json_object_get(ch, "startTime")), s[0], s[1],
				 s[2], 0) != PP_OK) {
			res = PP_ENOMEM;
			goto out;
		}
	}
	res = PP_OK;
out:
	json_decref(doc);
	return res;
}
