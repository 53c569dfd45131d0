/* lint_xml.c - well-formed XML in the right encoding.
 *
 * The parser itself reports xml-well-formed (see lint.c); when the
 * document does not parse, no other rule runs. */
#include "lint/lint_int.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Checks, one per rule; each reports under the rule being run */

/* The declared encoding, or without a declaration the one a byte order
 * mark or the first bytes show (UTF-16 needs no declaration). */

static void check_encoding(struct lint_run *run, xmlNode *root, size_t index)
{
	const char *encoding = S(run->doc->encoding);
	xmlCharEncoding detected;

	(void)root;
	(void)index;
	detected = run->len >= 4 ? xmlDetectCharEncoding(run->xml, 4) : XML_CHAR_ENCODING_NONE;
	if (encoding) {
		if (strcasecmp(encoding, "UTF-8") != 0)
			lint_add_line(run, 1, NULL, "declared encoding '%s' is not UTF-8",
				      encoding);
		/* libxml2 lets a byte order mark win over the declaration. */
		else if (detected != XML_CHAR_ENCODING_NONE && detected != XML_CHAR_ENCODING_UTF8)
			lint_add_line(run, 1, NULL,
				      "document declares UTF-8 but its bytes are %s",
				      xmlGetCharEncodingName(detected));
		return;
	}
	if (detected != XML_CHAR_ENCODING_NONE && detected != XML_CHAR_ENCODING_UTF8)
		lint_add_line(run, 1, NULL, "document is encoded in %s, not UTF-8",
			      xmlGetCharEncodingName(detected));
}

/* The namespaces a podcast feed's rules read, each under the prefix feeds
 * give it. A declaration close to one of them but not it hides every
 * element of that namespace from namespace-aware apps. */
static const struct {
	const char *uri;
	const char *prefix;
} known_namespaces[] = {
    {NS_ITUNES, "itunes"}, {NS_PODCAST, "podcast"}, {NS_PODCAST_ALT, "podcast"},
    {NS_ATOM, "atom"},     {NS_CONTENT, "content"},
};

static void check_namespace_decl(struct lint_run *run, const xmlNode *elem, const xmlNs *ns)
{
	char name[LINT_PATH_SIZE], path[LINT_PATH_SIZE];
	const char *href = S(ns->href);

	if (!href)
		return;
	for (size_t i = 0; i < COUNT(known_namespaces); i++)
		if (strcmp(href, known_namespaces[i].uri) == 0)
			return;
	for (size_t i = 0; i < COUNT(known_namespaces); i++) {
		if (!lint_value_ns_near(href, known_namespaces[i].uri))
			continue;
		snprintf(path, sizeof(path), "%s/@xmlns%s%s", lint_qname(name, elem),
			 ns->prefix ? ":" : "", ns->prefix ? S(ns->prefix) : "");
		lint_add(run, elem, path,
			 "namespace '%s' is not '%s': apps ignore every %s: element under it",
			 href, known_namespaces[i].uri, known_namespaces[i].prefix);
		return;
	}
}

static void check_namespace_uris(struct lint_run *run, xmlNode *root, size_t index)
{
	(void)index;
	for (xmlNode *n = root; n && run->res == PP_OK; n = lint_walk_next(root, n))
		if (n->type == XML_ELEMENT_NODE)
			for (const xmlNs *ns = n->nsDef; ns; ns = ns->next)
				check_namespace_decl(run, n, ns);
}

static void report_discouraged(struct lint_run *run, const xmlNode *at, const xmlNode *elem,
			       const xmlChar *text)
{
	unsigned long c = text ? lint_value_discouraged_char(S(text)) : 0;
	char name[LINT_PATH_SIZE];

	if (!c)
		return;
	if (c >= 0x80 && c <= 0x9f)
		lint_add(run, at, lint_qname(name, elem),
			 "text holds the control character U+%04lX: Windows-1252 text read as "
			 "Latin-1? apps show a box",
			 c);
	else
		lint_add(run, at, lint_qname(name, elem),
			 "text holds U+%04lX, a character XML discourages: apps show a box", c);
}

static void check_control_chars(struct lint_run *run, xmlNode *root, size_t index)
{
	(void)index;
	for (xmlNode *n = root; n && run->res == PP_OK; n = lint_walk_next(root, n)) {
		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->parent)
			report_discouraged(run, n, n->parent, n->content);
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (const xmlAttr *a = n->properties; a && run->res == PP_OK; a = a->next)
			for (const xmlNode *v = a->children; v; v = v->next)
				if (v->type == XML_TEXT_NODE)
					report_discouraged(run, n, (const xmlNode *)a, v->content);
	}
}

/* To add a rule: write its check above and a row here (docs/HACKING.md).
 * Ids are stable once released. */
const struct lint_rule lint_rules_xml[] = {
    /* The first three in this order (LINT_XML_*): lint_feed reports under
     * them, before any other rule runs. */
    {"xml-well-formed", LINT_ERROR, 0, NULL, "the feed is well-formed XML",
     "XML 1.0 (w3.org/TR/xml) section 2.1"},
    {"xml-no-entities", LINT_ERROR, 0, NULL,
     "the feed declares no entities: their expansion can turn a small feed into gigabytes",
     "podpub: RSS has no use for DTD entities (XML 1.0 section 4.2)"},
    {"xml-limits", LINT_ERROR, 0, NULL,
     "the feed stays within the parser's limits: 64 MiB, 500000 elements, 256 attributes "
     "an element, nesting 256 deep, text nodes of 8 MiB",
     "podpub (libxml2's own limits without XML_PARSE_HUGE)"},
    {"xml-encoding", LINT_ERROR, ON_DOCUMENT, check_encoding, "the feed is encoded in UTF-8",
     "Apple Podcasts RSS feed requirements (podcasters.apple.com/support/823): UTF-8 encoding"},
    /* lint_feed reports the parser's namespace errors under it. */
    {"xml-namespace-undeclared", LINT_ERROR, 0, NULL, "every prefix is declared",
     "Namespaces in XML 1.0 (w3.org/TR/xml-names) section 5"},
    {"xml-namespace-uri", LINT_ERROR, ON_DOCUMENT, check_namespace_uris,
     "the itunes, podcast, atom and content namespaces are declared with their exact URIs",
     "Namespaces in XML 1.0 (w3.org/TR/xml-names) section 2.3: URIs compare character by "
     "character; Podcasting 2.0 namespace (podcastindex.org/namespace/1.0)"},
    {"xml-control-chars", LINT_WARNING, ON_DOCUMENT, check_control_chars,
     "text has no DEL, C1 control or non-characters",
     "XML 1.0 (w3.org/TR/xml) section 2.2: discouraged characters"},
};
const size_t lint_rules_xml_count = COUNT(lint_rules_xml);
