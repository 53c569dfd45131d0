/* notes.h - an episode's Markdown show notes, rendered with cmark. */
#ifndef PODPUB_NOTES_H
#define PODPUB_NOTES_H

#include <stddef.h>

#include "result.h"

/* Renders CommonMark to HTML (raw HTML in the source is not passed through)
 * and to plain text (paragraphs separated by a blank line, list items on
 * lines of their own, link text kept and the URL dropped). Both outputs are
 * caller-freed, NUL-terminated, without trailing white space. */
enum pp_result notes_render(const char *markdown, size_t len, char **html,
			    char **text) PP_MUST_USE;

#endif
