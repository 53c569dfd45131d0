/* import_html.c - show notes from HTML to Markdown (or plain text) by a
 * walk of libxml2's HTML tree.
 *
 * Inline text gathers in `para`; a block element flushes it as lines, each
 * behind its frame's prefix: "> " in a quote, "- " then two spaces in a
 * list item. White space runs become one space, as a browser shows them. */
#include "import/import_html.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "util.h"

#define S(s) ((const char *)(s))

/* Deeper than this, an element's content is dropped: a browser would not
 * lay it out either, and the walk stays bounded on hostile markup. */
#define MAX_DEPTH 200
#define PREFIX_MAX 160

struct frame {
	char first[PREFIX_MAX]; /* before the next line written: "- " opens a list item */
	char rest[PREFIX_MAX];  /* before the lines after it */
	bool tight;             /* blocks parted by nothing (list items), not a blank line */
	bool emitted;
	struct frame *parent;
};

struct md {
	struct buf out;
	struct buf para;   /* inline text of the block being gathered */
	bool space;        /* white space waits, written as one ' ' before more text */
	size_t open_at;    /* para.len just after an opening marker: no space there */
	int strong, em, link, depth;
	bool plain;        /* plain text: no escapes, markers or prefixes */
	enum pp_result res;
};

static const char *const inline_tags[] = {
	"a",   "strong", "b",  "em",   "i",    "u",	 "span", "font", "small", "big",
	"sub", "sup",    "code", "tt", "abbr", "cite", "mark", "s",	 "strike", "del",
	"ins", "q",      "label", "time", "br", "img", "wbr",  "acronym", "dfn", "kbd",
	"samp", "var", "bdi", "bdo", "data",
};
static const char *const dropped_tags[] = {
	"script", "style", "head", "title", "iframe", "object", "embed", "noscript", "template",
	"svg", "math", "button", "select", "input", "textarea", "audio", "video", "canvas",
};

static bool one_of(const char *name, const char *const *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (strcasecmp(name, list[i]) == 0)
			return true;
	return false;
}

static void put(struct md *m, const char *s, size_t n)
{
	if (m->res == PP_OK)
		m->res = buf_add(&m->para, s, n);
}

static void out(struct md *m, const char *s, size_t n)
{
	if (m->res == PP_OK)
		m->res = buf_add(&m->out, s, n);
}

static bool line_start(const struct md *m)
{
	return m->para.len == 0 || m->para.data[m->para.len - 1] == '\n';
}

/* True when the line being gathered is only digits so far: a '.' or ')'
 * now would make it an ordered list item. */
static bool only_digits(const struct md *m)
{
	size_t i = m->para.len;

	while (i > 0 && m->para.data[i - 1] >= '0' && m->para.data[i - 1] <= '9')
		i--;
	return i < m->para.len && (i == 0 || m->para.data[i - 1] == '\n');
}

static void pending_space(struct md *m)
{
	if (m->space && !line_start(m) && m->para.len != m->open_at)
		put(m, " ", 1);
	m->space = false;
}

static void text(struct md *m, const char *s)
{
	for (const char *p = s; *p; p++) {
		char c = *p;

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
			m->space = true;
			continue;
		}
		pending_space(m);
		/* Every character Markdown could read as markup, escaped where
		 * it could: always for inline markup and entities, at a line's
		 * start for headings, lists, quotes and rules. */
		if (!m->plain &&
		    (strchr("\\`*_[]<>&|~", c) || (line_start(m) && strchr("#+-=", c)) ||
		     ((c == '.' || c == ')') && only_digits(m))))
			put(m, "\\", 1);
		put(m, p, 1);
	}
}

static void line_break(struct md *m)
{
	m->space = false;
	if (!line_start(m))
		put(m, m->plain ? "\n" : "\\\n", m->plain ? 1 : 2);
}

/* dst = a + b, cut at PREFIX_MAX - 1 bytes (past 40 levels of nesting). */
static void copy_prefix(char dst[PREFIX_MAX], const char *a, const char *b)
{
	size_t la = strnlen(a, PREFIX_MAX - 1), lb = strnlen(b, PREFIX_MAX - 1 - la);

	memmove(dst, a, la);
	memcpy(dst + la, b, lb);
	dst[la + lb] = '\0';
}

/* Starts output in frame `f`: the blank line between blocks, or the
 * frame's parents started first. */
static void begin(struct md *m, struct frame *f)
{
	if (f->emitted) {
		if (!f->tight) {
			size_t n = strlen(f->rest);

			while (n > 0 && f->rest[n - 1] == ' ')
				n--;
			out(m, f->rest, n);
			out(m, "\n", 1);
		}
	} else if (f->parent) {
		begin(m, f->parent);
		memmove(f->parent->first, f->parent->rest, PREFIX_MAX);
	}
	f->emitted = true;
}

/* Writes the gathered inline text as a block of frame `f`, `marker` (a
 * heading's "## ") after the first line's prefix. */
static void flush(struct md *m, struct frame *f, const char *marker)
{
	const char *p, *end;
	size_t len = m->para.len, n;

	m->space = false;
	/* A trailing line break would show as a backslash. */
	while (len > 0 && (m->para.data[len - 1] == '\n' || m->para.data[len - 1] == ' ')) {
		if (m->para.data[len - 1] == '\n' && !m->plain && len > 1)
			len--; /* its backslash */
		len--;
	}
	if (len == 0 || m->res != PP_OK) {
		m->para.len = 0;
		return;
	}
	begin(m, f);
	for (p = m->para.data; p < m->para.data + len; p = end + 1) {
		end = memchr(p, '\n', (size_t)(m->para.data + len - p));
		if (!end)
			end = m->para.data + len;
		if (marker && p != m->para.data) {
			/* A heading is one line: its line breaks become spaces. */
			out(m, " ", 1);
		} else {
			out(m, f->first, strlen(f->first));
			memmove(f->first, f->rest, PREFIX_MAX);
			if (marker)
				out(m, marker, strlen(marker));
		}
		n = (size_t)(end - p);
		if (marker && *end == '\n' && n > 0)
			n--; /* the hard break's backslash */
		out(m, p, n);
		if (!marker || end == m->para.data + len)
			out(m, "\n", 1);
	}
	m->para.len = 0;
	m->open_at = (size_t)-1;
}

static void inlines(struct md *m, const xmlNode *n);
static void blocks(struct md *m, struct frame *f, const xmlNode *parent);

/* An opening marker ("**", "*", "["): a pending space goes before it. */
static size_t open_marker(struct md *m, const char *marker)
{
	size_t at;

	pending_space(m);
	at = m->para.len;
	put(m, marker, strlen(marker));
	m->open_at = m->para.len;
	return at;
}

/* Closes what open_marker opened at `at`; nothing inside takes both away. */
static bool close_marker(struct md *m, size_t at, const char *opened, const char *marker)
{
	if (m->para.len == at + strlen(opened)) {
		m->para.len = at;
		return false;
	}
	put(m, marker, strlen(marker));
	return true;
}

/* A link's address as a Markdown destination: what would end it or be
 * read as markup, percent-encoded. */
static void put_url(struct md *m, const char *url)
{
	for (const char *p = url; *p; p++) {
		unsigned char c = (unsigned char)*p;
		char esc[4];

		if (c <= 0x20 || c == 0x7f || strchr("()<>\\`", c)) {
			snprintf(esc, sizeof(esc), "%%%02X", c);
			put(m, esc, 3);
		} else {
			put(m, p, 1);
		}
	}
}

static bool linkable(const char *href)
{
	return strncasecmp(href, "https://", 8) == 0 || strncasecmp(href, "http://", 7) == 0 ||
	       strncasecmp(href, "mailto:", 7) == 0;
}

static void inline_children(struct md *m, const xmlNode *n)
{
	if (m->depth >= MAX_DEPTH)
		return;
	m->depth++;
	for (const xmlNode *c = n->children; c; c = c->next)
		inlines(m, c);
	m->depth--;
}

static void emphasis(struct md *m, const xmlNode *n, int *level, const char *marker)
{
	size_t at;

	if (m->plain || *level > 0) {
		inline_children(m, n);
		return;
	}
	at = open_marker(m, marker);
	(*level)++;
	inline_children(m, n);
	(*level)--;
	close_marker(m, at, marker, marker);
}

static void link(struct md *m, const xmlNode *n)
{
	xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
	size_t at;

	if (m->plain || m->link || !href || !linkable(S(href))) {
		xmlFree(href);
		inline_children(m, n);
		return;
	}
	at = open_marker(m, "[");
	m->link++;
	inline_children(m, n);
	m->link--;
	if (close_marker(m, at, "[", "](")) {
		put_url(m, S(href));
		put(m, ")", 1);
	}
	xmlFree(href);
}

static void inlines(struct md *m, const xmlNode *n)
{
	const char *name = S(n->name);

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		text(m, S(n->content));
		return;
	}
	if (n->type != XML_ELEMENT_NODE || one_of(name, dropped_tags, COUNT(dropped_tags)))
		return;
	if (!strcasecmp(name, "br")) {
		line_break(m);
	} else if (!strcasecmp(name, "strong") || !strcasecmp(name, "b")) {
		emphasis(m, n, &m->strong, "**");
	} else if (!strcasecmp(name, "em") || !strcasecmp(name, "i")) {
		emphasis(m, n, &m->em, "*");
	} else if (!strcasecmp(name, "a")) {
		link(m, n);
	} else {
		/* A block inside inline markup parts words like a space. */
		if (!one_of(name, inline_tags, COUNT(inline_tags)))
			m->space = true;
		inline_children(m, n);
	}
}

static bool heading_level(const char *name, int *level)
{
	if ((name[0] == 'h' || name[0] == 'H') && name[1] >= '1' && name[1] <= '6' && !name[2]) {
		*level = name[1] - '0';
		return true;
	}
	return false;
}

static void list(struct md *m, struct frame *f, const xmlNode *n, bool ordered)
{
	struct frame items = { .tight = true, .parent = f };
	long number = 1;

	memcpy(items.first, f->first, PREFIX_MAX);
	memcpy(items.rest, f->rest, PREFIX_MAX);
	for (const xmlNode *c = n->children; c; c = c->next) {
		struct frame item = { .tight = true, .parent = &items };
		char marker[32];

		if (c->type != XML_ELEMENT_NODE || strcasecmp(S(c->name), "li") != 0) {
			if (c->type == XML_ELEMENT_NODE)
				blocks(m, &items, c); /* stray content between items */
			continue;
		}
		if (m->plain)
			snprintf(marker, sizeof(marker), "%s", "- ");
		else if (ordered)
			snprintf(marker, sizeof(marker), "%ld. ", number++);
		else
			snprintf(marker, sizeof(marker), "- ");
		copy_prefix(item.first, items.first, marker);
		/* Continuation lines line up under the item's text. */
		/* Continuation lines line up under the item's text: as many
		 * spaces as the marker ("- ", "10. ") is long. */
		copy_prefix(item.rest, items.rest, &"        "[8 - strlen(marker) % 8]);
		blocks(m, &item, c);
		flush(m, &item, NULL);
	}
	flush(m, &items, NULL);
}

static void block(struct md *m, struct frame *f, const xmlNode *n)
{
	const char *name = S(n->name);
	int level;

	if (m->depth >= MAX_DEPTH)
		return;
	m->depth++;
	if (f->tight && (!strcasecmp(name, "p") || !strcasecmp(name, "div"))) {
		/* Paragraphs in a list item: a line break keeps the list tight. */
		line_break(m);
		inline_children(m, n);
		line_break(m);
	} else if (heading_level(name, &level)) {
		char marker[8] = "###### ";

		flush(m, f, NULL);
		inline_children(m, n);
		flush(m, f, m->plain ? NULL : marker + (6 - level));
	} else if (!strcasecmp(name, "ul") || !strcasecmp(name, "ol")) {
		flush(m, f, NULL);
		list(m, f, n, !strcasecmp(name, "ol"));
	} else if (!strcasecmp(name, "blockquote") && !m->plain) {
		struct frame quote = { .tight = false, .parent = f };

		flush(m, f, NULL);
		copy_prefix(quote.first, f->first, "> ");
		copy_prefix(quote.rest, f->rest, "> ");
		blocks(m, &quote, n);
		flush(m, &quote, NULL);
	} else {
		flush(m, f, NULL);
		blocks(m, f, n);
		flush(m, f, NULL);
	}
	m->depth--;
}

static void blocks(struct md *m, struct frame *f, const xmlNode *parent)
{
	for (const xmlNode *n = parent->children; n && m->res == PP_OK; n = n->next) {
		if (n->type == XML_ELEMENT_NODE &&
		    !one_of(S(n->name), inline_tags, COUNT(inline_tags)) &&
		    !one_of(S(n->name), dropped_tags, COUNT(dropped_tags)))
			block(m, f, n);
		else
			inlines(m, n);
	}
}

static const xmlNode *find_body(const xmlNode *n)
{
	for (; n; n = n->next) {
		const xmlNode *found;

		if (n->type == XML_ELEMENT_NODE && !strcasecmp(S(n->name), "body"))
			return n;
		if (n->type == XML_ELEMENT_NODE && (found = find_body(n->children)))
			return found;
	}
	return NULL;
}

/* Text with no markup: blank lines part paragraphs, a single line break
 * stays one. */
static void plain_source(struct md *m, struct frame *top, const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	struct buf line;

	buf_init(&line);
	while (p < end && m->res == PP_OK) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		line.len = 0;
		if ((m->res = buf_add(&line, p, n)) != PP_OK)
			break;
		if (strspn(line.data, " \t\r") == n) {
			flush(m, top, NULL);
		} else {
			line_break(m);
			text(m, line.data);
		}
		p += n + 1;
	}
	buf_release(&line);
	flush(m, top, NULL);
}

/* libxml2 says it ran out of memory (in the parser, in xmlGetProp) only
 * to this handler. */
static void note_no_memory(void *data, xmlError *err)
{
	if (err->code == XML_ERR_NO_MEMORY)
		*(bool *)data = true;
}

static enum pp_result convert(const char *html, size_t len, bool plain, char **result)
{
	xmlStructuredErrorFunc saved_handler = xmlStructuredError;
	void *saved_context = xmlStructuredErrorContext;
	bool no_memory = false;
	struct md m = { .plain = plain, .open_at = (size_t)-1 };
	struct frame top = { .tight = false };
	htmlDocPtr doc = NULL;
	const xmlNode *body;
	size_t n;

	*result = NULL;
	buf_init(&m.out);
	buf_init(&m.para);
	xmlSetStructuredErrorFunc(&no_memory, note_no_memory);
	if (!memchr(html, '<', len)) {
		plain_source(&m, &top, html, len);
	} else if (len <= (size_t)0x7fffffff) {
		doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
				     HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
		body = doc ? find_body(xmlDocGetRootElement(doc)) : NULL;
		if (body) {
			blocks(&m, &top, body);
			flush(&m, &top, NULL);
		} else if (doc && xmlDocGetRootElement(doc)) {
			blocks(&m, &top, xmlDocGetRootElement(doc));
			flush(&m, &top, NULL);
		}
	}
	xmlSetStructuredErrorFunc(saved_context, saved_handler);
	if (no_memory && m.res == PP_OK)
		m.res = PP_ENOMEM;
	if (m.res == PP_OK) {
		/* One final line break, none when there is no text. */
		while (m.out.len > 0 && m.out.data[m.out.len - 1] == '\n')
			m.out.len--;
		if (m.out.data)
			m.out.data[m.out.len] = '\0';
		if (m.out.len && !plain)
			m.res = buf_add(&m.out, "\n", 1);
	}
	if (m.res == PP_OK && !(*result = buf_detach(&m.out, &n)))
		m.res = PP_ENOMEM;
	xmlFreeDoc(doc);
	buf_release(&m.out);
	buf_release(&m.para);
	return m.res;
}

enum pp_result import_html_markdown(const char *html, size_t len, char **markdown)
{
	return convert(html, len, false, markdown);
}

enum pp_result import_html_text(const char *html, size_t len, char **text)
{
	return convert(html, len, true, text);
}
