/* import_html.h - another host's show notes, HTML from a stranger, made
 * into the Markdown an episode.md holds.
 *
 * podpub's notes renderer drops raw HTML (notes.h), so the HTML is not
 * pasted: libxml2's HTML parser reads it (no network, errors silenced) and
 * a walk of the tree writes Markdown for what podcast apps render:
 * paragraphs, line breaks, links (http, https, mailto), lists, bold,
 * italics, headings and quotes. Everything else keeps only its text;
 * scripts, styles and images are dropped. Text is escaped so that
 * Markdown reads it back as the same text. */
#ifndef PODPUB_IMPORT_HTML_H
#define PODPUB_IMPORT_HTML_H

#include <stddef.h>

#include "result.h"

/* Markdown for `len` bytes of HTML (caller frees *markdown). Text with no
 * markup at all is taken as plain text: blank lines part paragraphs, and
 * single line breaks stay line breaks. */
enum pp_result import_html_markdown(const char *html, size_t len, char **markdown) PP_MUST_USE;

/* The plain text of `len` bytes of HTML, paragraphs parted by a blank line
 * (caller frees *text): for podcast.yaml's description. */
enum pp_result import_html_text(const char *html, size_t len, char **text) PP_MUST_USE;

#endif
