/* lint_int.h - inside the linter: the rule row, one run's state, and the
 * helpers every namespace's rules use. Only src/lint/ includes it (it is
 * the one header allowed libxml2's types, see tests/e2e/style.sh).
 *
 * A namespace is a file lint_<ns>.c with its checks and one table of rules;
 * lint.c runs the tables in order: xml, rss, apple, spotify, podcast. */
#ifndef PODPUB_LINT_INT_H
#define PODPUB_LINT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/encoding.h>
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlstring.h>

#include "lint/lint.h"
#include "lint/lint_value.h"
#include "ns.h"
#include "util.h"

#define X(s) ((const xmlChar *)(s))
#define S(s) ((const char *)(s))

/* Room for "item[<size_t>]/<qualified name>/<qualified name>". */
#define LINT_PATH_SIZE 128

struct lint_rule;

/* One lint_feed call: what the checks read and where findings go. */
struct lint_run {
	struct lint_report *report;
	const struct lint_rule *rule; /* the rule being run, for its id and severity */
	const unsigned char *xml;     /* the feed's bytes */
	size_t len;
	xmlDoc *doc;
	xmlNode *channel; /* NULL when the root is not <rss> with a <channel> */
	const struct lint_source *source; /* NULL: not fetched from a url */
	long long now;    /* the time items are compared with; 0: no clock */
	size_t parse_errors;
	enum pp_result res; /* sticky: the first failure ends the run */
};

/* Where the driver calls a rule's check. */
enum {
	ON_DOCUMENT = 1 << 0, /* once, on the root element, index 0 */
	ON_CHANNEL = 1 << 1,  /* once, on <channel>, index 0 */
	ON_ITEMS = 1 << 2,    /* on every <item>, index 1, 2, ... */
};

/* One rule: a row of its namespace's table. The id starts with the
 * namespace ("apple-"); summary and spec feed `--rules` and the generated
 * docs/lint-rules.md, as git's fsck message ids do. */
struct lint_rule {
	const char *id; /* stable once released */
	enum lint_severity severity;
	unsigned on; /* ON_* */
	/* `index` is 0 for the document and the channel, the item's 1-based
	 * position among the channel's items otherwise. NULL: reported by
	 * the parser, not by a check. */
	void (*check)(struct lint_run *run, xmlNode *node, size_t index);
	const char *summary; /* what a passing feed does, one line */
	const char *spec;    /* the specification or guide it comes from */
};

/* The rows of lint_rules_xml the driver itself reports under: the
 * parser's errors, and what it refuses before parsing (lint.c). */
enum {
	LINT_XML_WELL_FORMED,
	LINT_XML_NO_ENTITIES,
	LINT_XML_LIMITS,
	LINT_XML_ENCODING,
	LINT_XML_NS_UNDECLARED /* the parser's namespace errors */
};

/* The namespaces' tables (lint_<ns>.c). */
extern const struct lint_rule lint_rules_xml[];
extern const size_t lint_rules_xml_count;
extern const struct lint_rule lint_rules_rss[];
extern const size_t lint_rules_rss_count;
extern const struct lint_rule lint_rules_apple[];
extern const size_t lint_rules_apple_count;
extern const struct lint_rule lint_rules_spotify[];
extern const size_t lint_rules_spotify_count;
extern const struct lint_rule lint_rules_podcast[];
extern const size_t lint_rules_podcast_count;
extern const struct lint_rule lint_rules_online[];
extern const size_t lint_rules_online_count;

/* Findings, under run->rule (lint_tree.c). */
void lint_add_vline(struct lint_run *run, long line, const char *element, const char *fmt,
		    va_list ap);
void lint_add_line(struct lint_run *run, long line, const char *element, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A finding on the line where `at` starts. */
void lint_add(struct lint_run *run, const xmlNode *at, const char *element, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The tree (lint_tree.c). */
bool lint_is_elem(const xmlNode *n, const char *ns, const char *name);
/* The first element named {ns}name among `n` and its following siblings. */
xmlNode *lint_find_elem(xmlNode *n, const char *ns, const char *name);
xmlNode *lint_child_elem(const xmlNode *parent, const char *ns, const char *name);
/* `n` is in namespace `ns`; NS_PODCAST also matches NS_PODCAST_ALT. */
bool lint_in_ns(const xmlNode *n, const char *ns);
/* The node after `n` in document order without leaving `top`, or NULL:
 * for (n = top; n; n = lint_walk_next(top, n)) walks without recursion. */
xmlNode *lint_walk_next(const xmlNode *top, const xmlNode *n);
/* "prefix:name" of an element or attribute node. */
const char *lint_qname(char buf[LINT_PATH_SIZE], const xmlNode *n);
/* The channel's items in order: pass NULL for the first. */
xmlNode *lint_next_item(const xmlNode *channel, xmlNode *prev);
bool lint_is_space(xmlChar c);
xmlChar *lint_trim(xmlChar *s);
/* The text of an element, whitespace trimmed. NULL only when out of memory
 * (run->res says so). Caller frees with xmlFree. */
xmlChar *lint_text_of(struct lint_run *run, const xmlNode *n);
/* The value of attribute `name` (in no namespace), whitespace trimmed; ""
 * when absent. NULL only when out of memory. Caller frees with xmlFree. */
xmlChar *lint_attr_of(struct lint_run *run, const xmlNode *n, const char *name);
/* "channel/<leaf>" for index 0, else "item[<index>]/<leaf>". */
const char *lint_path_of(char buf[LINT_PATH_SIZE], size_t index, const char *leaf);
/* The last step of a path: "itunes:email" of "channel/itunes:owner/itunes:email". */
const char *lint_leaf_of(const char *path);
/* How a missing element is described: errors need it, warnings advise it. */
const char *lint_need_word(const struct lint_run *run);
/* Reports {ns}name under `parent` when it is missing (on the parent's line)
 * or empty (on its own). */
void lint_require_text(struct lint_run *run, const xmlNode *parent, const char *ns,
		       const char *name, const char *element);
/* Reports attribute `name` of `n` when present (or, if `required`, absent
 * or empty) and not an absolute http or https url. */
void lint_check_url_attr(struct lint_run *run, const xmlNode *n, const char *name, bool required,
			 const char *element);
/* Reports the text of `n` when not empty and not an absolute http(s) url. */
void lint_check_url_text(struct lint_run *run, const xmlNode *n, const char *element);
/* `s` is one of `list`, ignoring ASCII case. */
bool lint_is_one_of(const char *s, const char *const *list, size_t count);

#endif
