#include "yamldoc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util.h"
#include "value.h"

struct yamldoc {
	yaml_document_t doc;
	char *path;
	int first_line;
};

/* The two YAML mistakes producers make most, said in their words (with
 * libyaml's own after them): a tab in the indentation, and a ': ' inside
 * an unquoted value such as a title. False for any other error. */
static bool explain(const char *text, size_t len, const yaml_parser_t *parser, const char *path,
		    int line, struct diag *diag)
{
	const char *problem = parser->problem ? parser->problem : "unreadable";
	const char *start = text, *end, *key, *colon, *value, *quote;
	int key_len, value_len;

	/* The mark's index counts characters, not bytes: find the line. */
	for (size_t n = 0; n < parser->problem_mark.line; n++) {
		const char *nl = memchr(start, '\n', (size_t)(text + len - start));

		if (!nl)
			return false;
		start = nl + 1;
	}
	end = start;
	while (end < text + len && *end != '\n' && *end != '\r')
		end++;
	for (const char *p = start; p < end && (*p == ' ' || *p == '\t'); p++) {
		if (*p == '\t') {
			diag_error(diag, path, line,
				   "a tab in the indentation: indent with spaces, not tabs (YAML: %s)",
				   problem);
			return true;
		}
	}
	if (strcmp(problem, "mapping values are not allowed in this context") != 0)
		return false;
	key = start;
	while (key < end && (*key == ' ' || *key == '-'))
		key++;
	colon = memchr(key, ':', (size_t)(end - key));
	if (!colon || colon == key)
		return false;
	value = colon + 1;
	while (value < end && *value == ' ')
		value++;
	while (end > value && end[-1] == ' ')
		end--;
	key_len = (int)(colon - key);
	value_len = (int)(end - value);
	/* A line like "  bad: indent" under a value is an indentation mistake. */
	if (!memchr(value, ':', (size_t)value_len))
		return false;
	quote = memchr(value, '"', (size_t)value_len) ? "'" : "\"";
	diag_error(diag, path, line,
		   "a ':' inside the value of '%.*s': put the %.*s in quotes, like %.*s: %s%.*s%s "
		   "(YAML: %s)",
		   key_len, key, key_len, key, key_len, key, quote, value_len, value, quote, problem);
	return true;
}

/* Walks the events of the text, before libyaml's loader builds a tree, to
 * refuse nesting deeper than YAMLDOC_MAX_DEPTH: libyaml recurses and
 * rescans without limit (a line of 20000 '[' takes seconds, a million
 * hours). PP_OK also after a syntax error, which the loader then reports
 * in its own words. */
static enum pp_result check_depth(const char *text, size_t len, const char *path, int first_line,
				  struct diag *diag)
{
	enum pp_result res = PP_OK;
	yaml_parser_t parser;
	yaml_event_t event;
	int depth = 0;
	bool done = false;

	if (!yaml_parser_initialize(&parser))
		return PP_ENOMEM;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &event)) {
			if (parser.error == YAML_MEMORY_ERROR)
				res = PP_ENOMEM;
			break;
		}
		if (event.type == YAML_SEQUENCE_START_EVENT || event.type == YAML_MAPPING_START_EVENT) {
			if (++depth > YAMLDOC_MAX_DEPTH) {
				diag_error(diag, path, (int)event.start_mark.line + first_line,
					   "invalid YAML: nested deeper than %d levels",
					   YAMLDOC_MAX_DEPTH);
				res = PP_EPARSE;
				done = true;
			}
		} else if (event.type == YAML_SEQUENCE_END_EVENT ||
			   event.type == YAML_MAPPING_END_EVENT) {
			depth--;
		} else if (event.type == YAML_STREAM_END_EVENT) {
			done = true;
		}
		yaml_event_delete(&event);
	}
	yaml_parser_delete(&parser);
	return res;
}

enum pp_result yamldoc_load(const char *text, size_t len, const char *path, int first_line,
			    struct yamldoc **out, struct diag *diag)
{
	enum pp_result res = PP_ENOMEM;
	yaml_parser_t parser;
	struct yamldoc *doc = NULL;
	bool parser_ready = false;

	*out = NULL;
	if ((res = check_depth(text, len, path, first_line, diag)) != PP_OK)
		return res;
	res = PP_ENOMEM;
	doc = calloc(1, sizeof(*doc));
	if (!doc || !(doc->path = strdup(path)))
		goto out;
	doc->first_line = first_line;
	if (!yaml_parser_initialize(&parser))
		goto out;
	parser_ready = true;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &doc->doc)) {
		int line = (int)parser.problem_mark.line + first_line;

		/* Not the producer's mistake: res is PP_ENOMEM. libyaml 0.2.5 sets
		 * no error at all when its loader cannot copy a tag. */
		if (parser.error == YAML_MEMORY_ERROR || parser.error == YAML_NO_ERROR)
			goto out;
		if (!explain(text, len, &parser, path, line, diag)) {
			if (parser.context)
				diag_error(diag, path, line, "invalid YAML: %s %s (line %d)",
					   parser.problem, parser.context,
					   (int)parser.context_mark.line + first_line);
			else
				diag_error(diag, path, line, "invalid YAML: %s",
					   parser.problem ? parser.problem : "unreadable");
		}
		res = PP_EPARSE;
		goto out;
	}
	*out = doc;
	doc = NULL;
	res = PP_OK;
out:
	if (parser_ready)
		yaml_parser_delete(&parser);
	if (doc) {
		free(doc->path);
		free(doc);
	}
	return res;
}

void yamldoc_free(struct yamldoc **docp)
{
	struct yamldoc *doc = *docp;

	if (!doc)
		return;
	yaml_document_delete(&doc->doc);
	free(doc->path);
	free(doc);
	*docp = NULL;
}

static yaml_node_t *node_at(const struct yamldoc *doc, int node)
{
	if (node <= 0)
		return NULL;
	return yaml_document_get_node((yaml_document_t *)&doc->doc, node);
}

int yamldoc_root(const struct yamldoc *doc)
{
	/* libyaml numbers nodes from 1 and the root is always the first. */
	return node_at(doc, 1) ? 1 : 0;
}

enum yamldoc_kind yamldoc_kind(const struct yamldoc *doc, int node)
{
	yaml_node_t *n = node_at(doc, node);

	if (!n)
		return YAMLDOC_NONE;
	switch (n->type) {
	case YAML_SCALAR_NODE:
		return YAMLDOC_SCALAR;
	case YAML_SEQUENCE_NODE:
		return YAMLDOC_SEQUENCE;
	case YAML_MAPPING_NODE:
		return YAMLDOC_MAPPING;
	default:
		return YAMLDOC_NONE;
	}
}

int yamldoc_line(const struct yamldoc *doc, int node)
{
	yaml_node_t *n = node_at(doc, node);

	return n ? (int)n->start_mark.line + doc->first_line : doc->first_line;
}

const char *yamldoc_path(const struct yamldoc *doc)
{
	return doc->path;
}

const char *yamldoc_scalar(const struct yamldoc *doc, int node)
{
	yaml_node_t *n = node_at(doc, node);

	if (!n || n->type != YAML_SCALAR_NODE)
		return NULL;
	return (const char *)n->data.scalar.value;
}

size_t yamldoc_length(const struct yamldoc *doc, int node)
{
	yaml_node_t *n = node_at(doc, node);

	if (n && n->type == YAML_SEQUENCE_NODE)
		return (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	if (n && n->type == YAML_MAPPING_NODE)
		return (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
	return 0;
}

int yamldoc_item(const struct yamldoc *doc, int sequence, size_t index)
{
	yaml_node_t *n = node_at(doc, sequence);

	if (!n || n->type != YAML_SEQUENCE_NODE || index >= yamldoc_length(doc, sequence))
		return 0;
	return n->data.sequence.items.start[index];
}

int yamldoc_pair_key(const struct yamldoc *doc, int mapping, size_t index)
{
	yaml_node_t *n = node_at(doc, mapping);

	if (!n || n->type != YAML_MAPPING_NODE || index >= yamldoc_length(doc, mapping))
		return 0;
	return n->data.mapping.pairs.start[index].key;
}

int yamldoc_pair_value(const struct yamldoc *doc, int mapping, size_t index)
{
	yaml_node_t *n = node_at(doc, mapping);

	if (!n || n->type != YAML_MAPPING_NODE || index >= yamldoc_length(doc, mapping))
		return 0;
	return n->data.mapping.pairs.start[index].value;
}

int yamldoc_get(const struct yamldoc *doc, int mapping, const char *key)
{
	size_t n = yamldoc_length(doc, mapping);

	for (size_t i = 0; i < n; i++) {
		const char *k = yamldoc_scalar(doc, yamldoc_pair_key(doc, mapping, i));
		if (k && strcmp(k, key) == 0)
			return yamldoc_pair_value(doc, mapping, i);
	}
	return 0;
}

static const struct yamldoc_field *find_field(const struct yamldoc_field *fields, size_t count,
					      const char *key)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(fields[i].key, key) == 0)
			return &fields[i];
	return NULL;
}

static bool is_email(const char *s)
{
	const char *at = strchr(s, '@');

	return at && at != s && at[1] && !strchr(at + 1, '@') && strchr(at + 1, '.') &&
	       !strpbrk(s, " \t<>\"");
}

static bool parse_bool(const char *s, bool *out)
{
	static const char *const truths[] = { "true", "True", "TRUE", "yes", "Yes", NULL };
	static const char *const falsehoods[] = { "false", "False", "FALSE", "no", "No", NULL };

	for (size_t i = 0; truths[i]; i++) {
		if (strcmp(s, truths[i]) == 0) {
			*out = true;
			return true;
		}
		if (strcmp(s, falsehoods[i]) == 0) {
			*out = false;
			return true;
		}
	}
	return false;
}

static bool parse_uint(const char *s, long max, long *out)
{
	char *end;
	long v;

	if (*s < '0' || *s > '9')
		return false;
	v = strtol(s, &end, 10);
	if (*end || v < 1 || v > max)
		return false;
	*out = v;
	return true;
}

static bool in_choices(const char *const *choices, const char *s)
{
	for (size_t i = 0; choices[i]; i++)
		if (strcmp(choices[i], s) == 0)
			return true;
	return false;
}

/* "a, b or c" into buf, truncated to fit. */
static void join_choices(const char *const *choices, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; choices[i] && used < size; i++) {
		const char *sep = i == 0 ? "" : choices[i + 1] ? ", " : " or ";
		int n = snprintf(buf + used, size - used, "%s%s", sep, choices[i]);

		if (n < 0)
			break;
		used += (size_t)n;
	}
}

/* Reads one value; returns false (after adding a diag) when it is unfit. */
static bool read_field(const struct yamldoc *doc, int value, const struct yamldoc_field *f,
		       void *target, struct diag *diag)
{
	const char *path = doc->path;
	int line = yamldoc_line(doc, value);
	const char *s = yamldoc_scalar(doc, value);
	char *member = (char *)target + f->offset;

	if (f->kind == YF_CUSTOM)
		return true;
	if (!s) {
		diag_error(diag, path, line, "'%s' must be a single value", f->key);
		return false;
	}
	switch (f->kind) {
	case YF_BOOL:
		if (!parse_bool(s, (bool *)member)) {
			diag_error(diag, path, line, "'%s' must be true or false, not '%s'", f->key, s);
			return false;
		}
		return true;
	case YF_UINT:
		if (!parse_uint(s, f->max_value, (long *)member)) {
			diag_error(diag, path, line, "'%s' must be a whole number from 1 to %ld, not '%s'",
				   f->key, f->max_value, s);
			return false;
		}
		return true;
	case YF_URL:
		if (!value_is_http_url(s)) {
			diag_error(diag, path, line, "'%s' must be an absolute http(s) URL, not '%s'",
				   f->key, s);
			return false;
		}
		break;
	case YF_EMAIL:
		if (!is_email(s)) {
			diag_error(diag, path, line, "'%s' must be an email address, not '%s'", f->key, s);
			return false;
		}
		break;
	case YF_CHOICE:
		if (!in_choices(f->choices, s)) {
			char list[160];

			join_choices(f->choices, list, sizeof(list));
			diag_error(diag, path, line, "'%s' must be one of %s, not '%s'", f->key, list, s);
			return false;
		}
		break;
	case YF_STRING:
		if (!*s) {
			diag_error(diag, path, line, "'%s' is empty", f->key);
			return false;
		}
		if (!pp_xml_text_valid(s, strlen(s), NULL)) {
			diag_error(diag, path, line,
				   "'%s' contains a control character that a feed cannot carry", f->key);
			return false;
		}
		break;
	default:
		break;
	}
	{
		char **slot = (char **)member;
		char *copy = strdup(s);

		if (!copy) {
			diag->out_of_memory = true;
			return false;
		}
		free(*slot);
		*slot = copy;
	}
	return true;
}

enum pp_result yamldoc_read_fields(const struct yamldoc *doc, int mapping, const char *what,
				   const struct yamldoc_field *fields, size_t field_count,
				   void *target, struct diag *diag)
{
	size_t pairs = yamldoc_length(doc, mapping);
	const char *suggested[8] = { NULL }; /* keys named by "did you mean" */
	size_t suggested_count = 0;
	bool ok = true;

	if (yamldoc_kind(doc, mapping) != YAMLDOC_MAPPING) {
		diag_error(diag, doc->path, yamldoc_line(doc, mapping), "%s must be a mapping of keys",
			   what);
		return PP_EPARSE;
	}
	for (size_t i = 0; i < pairs; i++) {
		int key_node = yamldoc_pair_key(doc, mapping, i);
		const char *key = yamldoc_scalar(doc, key_node);
		const struct yamldoc_field *f = key ? find_field(fields, field_count, key) : NULL;

		if (!f) {
			const char *near = key ? pp_did_you_mean(key, &fields[0].key, field_count,
								 sizeof(fields[0]))
					       : NULL;

			if (near && !yamldoc_get(doc, mapping, near)) {
				diag_error(diag, doc->path, yamldoc_line(doc, key_node),
					   "unknown key '%s' in %s: did you mean '%s'?", key, what, near);
				if (suggested_count < COUNT(suggested))
					suggested[suggested_count++] = near;
			} else {
				diag_error(diag, doc->path, yamldoc_line(doc, key_node),
					   "unknown key '%s' in %s", key ? key : "?", what);
			}
			ok = false;
			continue;
		}
		/* Later duplicates would silently win; a producer wants to know. */
		for (size_t j = 0; j < i; j++) {
			const char *earlier = yamldoc_scalar(doc, yamldoc_pair_key(doc, mapping, j));
			if (earlier && strcmp(earlier, key) == 0) {
				diag_error(diag, doc->path, yamldoc_line(doc, key_node),
					   "duplicate key '%s' in %s", key, what);
				ok = false;
			}
		}
		ok &= read_field(doc, yamldoc_pair_value(doc, mapping, i), f, target, diag);
	}
	for (size_t i = 0; i < field_count; i++) {
		bool named = false;

		/* "did you mean 'title'?" already said it is missing. */
		for (size_t j = 0; j < suggested_count; j++)
			named |= strcmp(suggested[j], fields[i].key) == 0;
		if (fields[i].required && !named && !yamldoc_get(doc, mapping, fields[i].key)) {
			diag_error(diag, doc->path, yamldoc_line(doc, mapping),
				   "missing required key '%s' in %s", fields[i].key, what);
			ok = false;
		}
	}
	return ok ? PP_OK : PP_EPARSE;
}

void yamldoc_release_fields(const struct yamldoc_field *fields, size_t field_count, void *target)
{
	for (size_t i = 0; i < field_count; i++) {
		switch (fields[i].kind) {
		case YF_STRING:
		case YF_URL:
		case YF_EMAIL:
		case YF_CHOICE: {
			char **slot = (char **)((char *)target + fields[i].offset);
			free(*slot);
			*slot = NULL;
			break;
		}
		default:
			break;
		}
	}
}
