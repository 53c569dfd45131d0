#include "yamlemit.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <yaml.h>

#include "buf.h"

struct yamlemit {
	yaml_emitter_t emitter;
	struct buf out;
	enum pp_result res; /* the first failure; PP_OK while all went well */
};

static int on_output(void *data, unsigned char *bytes, size_t size)
{
	struct yamlemit *y = data;

	if (buf_add(&y->out, bytes, size) != PP_OK) {
		y->res = PP_ENOMEM;
		return 0;
	}
	return 1;
}

/* Emits one event, which libyaml then owns, whether it succeeded or not. */
static void emit(struct yamlemit *y, yaml_event_t *event, int made)
{
	if (y->res != PP_OK) {
		if (made)
			yaml_event_delete(event);
		return;
	}
	if (!made) {
		y->res = PP_ENOMEM;
		return;
	}
	if (!yaml_emitter_emit(&y->emitter, event) && y->res == PP_OK)
		/* Our own event order or an allocation: libyaml tells only
		 * YAML_MEMORY_ERROR apart. */
		y->res = y->emitter.error == YAML_MEMORY_ERROR ? PP_ENOMEM : PP_EINTERNAL;
}

enum pp_result yamlemit_new(struct yamlemit **out)
{
	struct yamlemit *y = calloc(1, sizeof(*y));
	yaml_event_t event;

	*out = NULL;
	if (!y)
		return PP_ENOMEM;
	buf_init(&y->out);
	if (!yaml_emitter_initialize(&y->emitter)) {
		free(y);
		return PP_ENOMEM;
	}
	yaml_emitter_set_output(&y->emitter, on_output, y);
	yaml_emitter_set_unicode(&y->emitter, 1);
	yaml_emitter_set_width(&y->emitter, -1);
	yaml_emitter_set_indent(&y->emitter, 2);
	emit(y, &event, yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING));
	emit(y, &event, yaml_document_start_event_initialize(&event, NULL, NULL, NULL, 1));
	yamlemit_map_begin(y);
	*out = y;
	return y->res;
}

void yamlemit_free(struct yamlemit **y)
{
	if (!*y)
		return;
	yaml_emitter_delete(&(*y)->emitter);
	buf_release(&(*y)->out);
	free(*y);
	*y = NULL;
}

void yamlemit_map_begin(struct yamlemit *y)
{
	yaml_event_t event;

	emit(y, &event, yaml_mapping_start_event_initialize(&event, NULL, NULL, 1,
							     YAML_BLOCK_MAPPING_STYLE));
}

void yamlemit_map_end(struct yamlemit *y)
{
	yaml_event_t event;

	emit(y, &event, yaml_mapping_end_event_initialize(&event));
}

void yamlemit_seq_begin(struct yamlemit *y, bool flow)
{
	yaml_event_t event;

	emit(y, &event, yaml_sequence_start_event_initialize(
				&event, NULL, NULL, 1,
				flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE));
}

void yamlemit_seq_end(struct yamlemit *y)
{
	yaml_event_t event;

	emit(y, &event, yaml_sequence_end_event_initialize(&event));
}

static void scalar(struct yamlemit *y, const char *s, bool plain_only,
		   yaml_scalar_style_t style)
{
	yaml_event_t event;

	emit(y, &event, yaml_scalar_event_initialize(&event, NULL, NULL,
						      (yaml_char_t *)(uintptr_t)s, (int)strlen(s), 1,
						      !plain_only, style));
}

/* True when a plain scalar `s` would read back as another type in YAML
 * 1.1 or 1.2 (a boolean, null, a number): libyaml does not resolve types,
 * so the writer has to quote these itself. */
static bool looks_typed(const char *s)
{
	static const char *const words[] = { "true", "false", "yes", "no", "on", "off", "y", "n",
					     "null", "~", ".nan", ".inf", "-.inf", "+.inf" };
	char *end;

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcasecmp(s, words[i]) == 0)
			return true;
	if (!*s)
		return false;
	/* YAML 1.1 reads "1:30" as the number 90 (base 60). */
	if (strchr(s, ':') && strspn(s, "0123456789:._+-") == strlen(s))
		return true;
	(void)strtod(s, &end);
	return *end == '\0' || (s[0] == '0' && (s[1] == 'x' || s[1] == 'o'));
}

void yamlemit_string(struct yamlemit *y, const char *s)
{
	if (looks_typed(s)) {
		scalar(y, s, false, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
		return;
	}
	/* libyaml falls back to double quotes where a literal block cannot
	 * hold the text (trailing spaces, control characters). */
	scalar(y, s, false, strchr(s, '\n') ? YAML_LITERAL_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE);
}

void yamlemit_plain(struct yamlemit *y, const char *s)
{
	scalar(y, s, true, YAML_PLAIN_SCALAR_STYLE);
}

void yamlemit_long(struct yamlemit *y, long n)
{
	char text[32];

	snprintf(text, sizeof(text), "%ld", n);
	yamlemit_plain(y, text);
}

void yamlemit_pair(struct yamlemit *y, const char *key, const char *value)
{
	if (!value)
		return;
	yamlemit_plain(y, key);
	yamlemit_string(y, value);
}

void yamlemit_pair_long(struct yamlemit *y, const char *key, long n)
{
	yamlemit_plain(y, key);
	yamlemit_long(y, n);
}

enum pp_result yamlemit_finish(struct yamlemit *y, char **text, size_t *len)
{
	yaml_event_t event;

	*text = NULL;
	yamlemit_map_end(y);
	emit(y, &event, yaml_document_end_event_initialize(&event, 1));
	emit(y, &event, yaml_stream_end_event_initialize(&event));
	if (y->res == PP_OK && !yaml_emitter_flush(&y->emitter))
		y->res = PP_ENOMEM;
	if (y->res != PP_OK)
		return y->res;
	if (!(*text = buf_detach(&y->out, len)))
		return PP_ENOMEM;
	return PP_OK;
}
