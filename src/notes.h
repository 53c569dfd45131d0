/* notes.h - an episode's Markdown show notes, rendered with cmark. */
#ifndef PODPUB_NOTES_H
#define PODPUB_NOTES_H

#include <stddef.h>

#include "result.h"

/* Renders CommonMark to HTML (raw HTML in the source is not passed through)
 * and to plain text (paragraphs separated by a blank line, list items on
 * lines of their own, a link's text followed by its http(s) URL in
 * parentheses, unless the text is the URL). Both outputs are caller-freed,
 * NUL-terminated, without trailing white space. *raw_html_line (unless
 * `raw_html_line` is NULL) is the 1-based line of the first raw HTML left
 * out, 0 when there was none. */
enum pp_result notes_render(const char *markdown, size_t len, char **html, char **text,
			    int *raw_html_line) PP_MUST_USE;

#endif
