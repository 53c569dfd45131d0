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
};
const size_t lint_rules_xml_count = COUNT(lint_rules_xml);
