#include "notes.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "buf.h"
#include "value.h"

/* The plain text being written; the first failed append sticks, so the
 * tree walk need not check every call. */
struct textbuf {
	struct buf buf;
	bool failed;
};

static void textbuf_puts(struct textbuf *b, const char *s)
{
	if (!b->failed && buf_puts(&b->buf, s) != PP_OK)
		b->failed = true;
}

/* Apps render <description> as HTML, though podpub writes it as plain
 * text: a '<' of the notes' words or code (`<script>`, or &lt;script&gt;
 * that cmark turned into "<script>") must not open a tag there. HTML opens
 * one only with a letter, '/', '!' or '?' right after the '<', so a space
 * goes between: "< script>" reads the same as text and is no markup. */
static void textbuf_put_literal(struct textbuf *b, const char *s)
{
	while (*s && !b->failed) {
		size_t n = strcspn(s, "<");
		char next;

		if (buf_add(&b->buf, s, n) != PP_OK) {
			b->failed = true;
			return;
		}
		s += n;
		if (!*s)
			break;
		next = s[1];
		textbuf_puts(b, ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') ||
				 next == '/' || next == '!' || next == '?')
					? "< "
					: "<");
		s++;
	}
}

/* Ends the current line unless the text is empty or already ends with one;
 * `blank` asks for an empty line between blocks. */
static void textbuf_break(struct textbuf *b, bool blank)
{
	const struct buf *t = &b->buf;

	if (t->len == 0)
		return;
	if (t->data[t->len - 1] != '\n')
		textbuf_puts(b, "\n");
	if (blank && (t->len < 2 || t->data[t->len - 2] != '\n'))
		textbuf_puts(b, "\n");
}

static void trim_trailing_space(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
}

/* Plain text for <description>: the words of the notes, none of the markup.
 * Walks cmark's tree rather than stripping tags from HTML. */
/* After a link's text, its URL, so a listener's app that shows only the
 * plain text still has where the link went. Not when the text already is
 * the URL (an autolink), nor for anything but http(s). */
static void link_target(cmark_node *link, struct textbuf *out)
{
	const char *url = cmark_node_get_url(link);
	cmark_node *child = cmark_node_first_child(link);

	if (!url || !value_is_http_url(url))
		return;
	if (child && !cmark_node_next(child) && cmark_node_get_type(child) == CMARK_NODE_TEXT &&
	    strcmp(cmark_node_get_literal(child), url) == 0)
		return;
	textbuf_puts(out, " (");
	textbuf_puts(out, url);
	textbuf_puts(out, ")");
}

static bool render_text(cmark_node *doc, struct textbuf *out, int *raw_html_line)
{
	cmark_iter *iter = cmark_iter_new(doc);
	cmark_event_type ev;

	if (!iter)
		return false;
	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		cmark_node_type type = cmark_node_get_type(node);

		switch (type) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			textbuf_put_literal(out, cmark_node_get_literal(node));
			break;
		case CMARK_NODE_CODE_BLOCK:
			textbuf_break(out, true);
			textbuf_put_literal(out, cmark_node_get_literal(node));
			break;
		case CMARK_NODE_SOFTBREAK:
			textbuf_puts(out, " ");
			break;
		case CMARK_NODE_LINEBREAK:
			textbuf_puts(out, "\n");
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
			/* Paragraphs inside a list item stay on the item's line. */
			if (ev == CMARK_EVENT_ENTER) {
				cmark_node *parent = cmark_node_parent(node);
				if (!parent || cmark_node_get_type(parent) != CMARK_NODE_ITEM)
					textbuf_break(out, true);
				else if (cmark_node_previous(node))
					textbuf_puts(out, " ");
			}
			break;
		case CMARK_NODE_ITEM:
			if (ev == CMARK_EVENT_ENTER) {
				textbuf_break(out, false);
				textbuf_puts(out, "- ");
			}
			break;
		case CMARK_NODE_LIST: {
			cmark_node *parent = cmark_node_parent(node);
			bool nested = parent && cmark_node_get_type(parent) == CMARK_NODE_ITEM;

			textbuf_break(out, !nested);
			break;
		}
		case CMARK_NODE_BLOCK_QUOTE:
		case CMARK_NODE_THEMATIC_BREAK:
			textbuf_break(out, true);
			break;
		case CMARK_NODE_LINK:
			if (ev == CMARK_EVENT_EXIT)
				link_target(node, out);
			break;
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
			if (!*raw_html_line) {
				/* Inline nodes carry no position: their paragraph's. */
				cmark_node *at = node;

				while (at && cmark_node_get_start_line(at) == 0)
					at = cmark_node_parent(at);
				*raw_html_line = at ? cmark_node_get_start_line(at) : 1;
			}
			break;
		default:
			break;
		}
	}
	cmark_iter_free(iter);
	return !out->failed;
}

enum pp_result notes_render(const char *markdown, size_t len, char **html, char **text,
			    int *raw_html_line)
{
	enum pp_result res = PP_ENOMEM;
	cmark_node *doc = NULL;
	struct textbuf plain = { 0 };
	char *rendered = NULL;
	int raw_line = 0;

	*html = NULL;
	*text = NULL;
	if (raw_html_line)
		*raw_html_line = 0;
	/* CMARK_OPT_DEFAULT leaves out raw HTML ("safe" mode in cmark 0.30). */
	doc = cmark_parse_document(markdown, len, CMARK_OPT_DEFAULT);
	if (!doc)
		goto out;
	rendered = cmark_render_html(doc, CMARK_OPT_DEFAULT);
	if (!rendered || !render_text(doc, &plain, &raw_line))
		goto out;
	if (raw_html_line)
		*raw_html_line = raw_line;
	if (plain.failed || !(*text = buf_detach(&plain.buf, NULL)))
		goto out;
	trim_trailing_space(rendered);
	trim_trailing_space(*text);
	*html = rendered;
	rendered = NULL;
	res = PP_OK;
out:
	free(rendered);
	buf_release(&plain.buf);
	cmark_node_free(doc);
	return res;
}
