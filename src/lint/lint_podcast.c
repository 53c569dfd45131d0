/* lint_podcast.c - the Podcasting 2.0 namespace (podcast:).
 *
 * Each tag of the namespace: its required attributes, allowed values and
 * parent elements. */
#include "lint/lint_int.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "value.h"

/* Checks, one per rule; each reports under the rule being run */

static void check_podcast_guid(struct lint_run *run, xmlNode *channel, size_t index)
{
	xmlNode *n = lint_child_elem(channel, NS_PODCAST, "guid");
	char path[LINT_PATH_SIZE];
	xmlChar *text;

	if (!n || !(text = lint_text_of(run, n)))
		return;
	if (!value_is_uuid(S(text)))
		lint_add(run, n, lint_path_of(path, index, "podcast:guid"),
			 "podcast:guid '%s' is not a lowercase uuid like "
			 "'917393e3-1b1e-5cef-ace4-edaa54e1f810'",
			 S(text));
	xmlFree(text);
}

const struct lint_rule lint_rules_podcast[] = {
    {"podcast-guid-format", LINT_ERROR, ON_CHANNEL, check_podcast_guid,
     "podcast:guid is a lowercase UUID",
     "Podcasting 2.0 namespace (podcastindex.org/namespace/1.0): <podcast:guid>"},
};
const size_t lint_rules_podcast_count = COUNT(lint_rules_podcast);
