/* lint_tree.c - what every rule uses: adding a finding under the rule
 * being run, and reading the libxml2 tree (elements by namespace, trimmed
 * text and attributes, element paths for messages). */
#include "lint/lint_int.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "value.h"

void lint_add_vline(struct lint_run *run, long line, const char *element, const char *fmt,
		    va_list ap)
{
	struct lint_report *r = run->report;
	struct lint_finding *grown;
	struct lint_finding f = {
	    .rule_id = run->rule->id,
	    .severity = run->rule->severity,
	    .line = line > 0 && line <= INT_MAX ? (int)line : 0,
	};

	if (run->res != PP_OK)
		return;
	grown = pp_grow(r->findings, &r->alloc, r->count + 1, sizeof(*grown));
	if (!grown)
		goto oom;
	r->findings = grown;
	f.message = pp_vasprintf(fmt, ap);
	if (!f.message)
		goto oom;
	if (element && !(f.element = strdup(element)))
		goto oom;
	r->findings[r->count++] = f;
	return;
oom:
	free(f.message);
	run->res = PP_ENOMEM;
}

void lint_add_line(struct lint_run *run, long line, const char *element, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	lint_add_vline(run, line, element, fmt, ap);
	va_end(ap);
}

/* A finding on the line where `at` starts. */
void lint_add(struct lint_run *run, const xmlNode *at, const char *element, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	lint_add_vline(run, xmlGetLineNo(at), element, fmt, ap);
	va_end(ap);
}

/* Tree helpers */

bool lint_is_elem(const xmlNode *n, const char *ns, const char *name)
{
	if (n->type != XML_ELEMENT_NODE || !xmlStrEqual(n->name, X(name)))
		return false;
	if (!ns)
		return n->ns == NULL;
	return lint_in_ns(n, ns);
}

/* Apps treat the two URIs of the Podcasting 2.0 namespace as one: so do
 * the rules, which all name it NS_PODCAST. */
bool lint_in_ns(const xmlNode *n, const char *ns)
{
	if (!n->ns || !n->ns->href)
		return false;
	if (xmlStrEqual(n->ns->href, X(ns)))
		return true;
	return strcmp(ns, NS_PODCAST) == 0 && xmlStrEqual(n->ns->href, X(NS_PODCAST_ALT));
}

/* The node after `n` in document order, not leaving `top`: a walk of the
 * whole tree without recursion. Only elements are entered (an entity
 * reference's children belong to its declaration). */
xmlNode *lint_walk_next(const xmlNode *top, const xmlNode *n)
{
	if (n->type == XML_ELEMENT_NODE && n->children)
		return n->children;
	while (n != top && !n->next)
		n = n->parent;
	return n == top ? NULL : n->next;
}

/* "prefix:name" or "name" of an element or attribute. */
const char *lint_qname(char buf[LINT_PATH_SIZE], const xmlNode *n)
{
	if (n->ns && n->ns->prefix)
		snprintf(buf, LINT_PATH_SIZE, "%s:%s", S(n->ns->prefix), S(n->name));
	else
		snprintf(buf, LINT_PATH_SIZE, "%s", S(n->name));
	return buf;
}

/* The first element named {ns}name among `n` and its following siblings. */
xmlNode *lint_find_elem(xmlNode *n, const char *ns, const char *name)
{
	for (; n; n = n->next)
		if (lint_is_elem(n, ns, name))
			return n;
	return NULL;
}

xmlNode *lint_child_elem(const xmlNode *parent, const char *ns, const char *name)
{
	return lint_find_elem(parent->children, ns, name);
}

/* The channel's items in order: pass NULL for the first. */
xmlNode *lint_next_item(const xmlNode *channel, xmlNode *prev)
{
	return lint_find_elem(prev ? prev->next : channel->children, NULL, "item");
}

bool lint_is_space(xmlChar c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

xmlChar *lint_trim(xmlChar *s)
{
	size_t start = 0, end = (size_t)xmlStrlen(s);

	while (start < end && lint_is_space(s[start]))
		start++;
	while (end > start && lint_is_space(s[end - 1]))
		end--;
	memmove(s, s + start, end - start);
	s[end - start] = '\0';
	return s;
}

/* The text of an element, whitespace trimmed. NULL only when out of memory
 * (run->res says so). Caller frees with xmlFree. */
xmlChar *lint_text_of(struct lint_run *run, const xmlNode *n)
{
	xmlChar *s = xmlNodeGetContent(n);

	if (!s) {
		run->res = PP_ENOMEM;
		return NULL;
	}
	return lint_trim(s);
}

/* The value of attribute `name` (in no namespace), whitespace trimmed; ""
 * when absent. NULL only when out of memory. Caller frees with xmlFree. */
xmlChar *lint_attr_of(struct lint_run *run, const xmlNode *n, const char *name)
{
	xmlAttr *a = xmlHasNsProp(n, X(name), NULL);
	xmlChar *s = a ? xmlNodeGetContent((const xmlNode *)a) : xmlStrdup(X(""));

	if (!s) {
		run->res = PP_ENOMEM;
		return NULL;
	}
	return lint_trim(s);
}

/* "channel/<leaf>" for index 0, else "item[<index>]/<leaf>". */
const char *lint_path_of(char buf[LINT_PATH_SIZE], size_t index, const char *leaf)
{
	if (index == 0)
		snprintf(buf, LINT_PATH_SIZE, "channel/%s", leaf);
	else
		snprintf(buf, LINT_PATH_SIZE, "item[%zu]/%s", index, leaf);
	return buf;
}

/* The last step of a path: "itunes:email" of "channel/itunes:owner/itunes:email". */
const char *lint_leaf_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* How a missing element is described: errors need it, warnings advise it. */
const char *lint_need_word(const struct lint_run *run)
{
	return run->rule->severity == LINT_ERROR ? "required" : "recommended";
}

/* Reports {ns}name under `parent` when it is missing (on the parent's line)
 * or empty (on its own). */
void lint_require_text(struct lint_run *run, const xmlNode *parent, const char *ns,
		       const char *name, const char *element)
{
	const char *need = lint_need_word(run);
	xmlNode *n = lint_child_elem(parent, ns, name);
	xmlChar *text;

	if (!n) {
		lint_add(run, parent, element, "missing %s element <%s>", need,
			 lint_leaf_of(element));
		return;
	}
	if (!(text = lint_text_of(run, n)))
		return;
	if (!*text)
		lint_add(run, n, element, "%s element <%s> is empty", need, lint_leaf_of(element));
	xmlFree(text);
}

bool lint_is_one_of(const char *s, const char *const *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (strcasecmp(s, list[i]) == 0)
			return true;
	return false;
}

/* Reports attribute `name` of `n` when it is present (or, if `required`,
 * absent or empty) and not an absolute http or https url. */
void lint_check_url_attr(struct lint_run *run, const xmlNode *n, const char *name, bool required,
			 const char *element)
{
	char qname[LINT_PATH_SIZE];
	xmlChar *url = lint_attr_of(run, n, name);

	if (!url)
		return;
	if (!*url && required)
		lint_add(run, n, element, "%s has no %s", lint_qname(qname, n), name);
	else if (*url && !value_is_http_url(S(url)))
		lint_add(run, n, element, "%s %s '%s' is not an absolute http or https url",
			 lint_qname(qname, n), name, S(url));
	xmlFree(url);
}

/* The same for the text of `n`. */
void lint_check_url_text(struct lint_run *run, const xmlNode *n, const char *element)
{
	char qname[LINT_PATH_SIZE];
	xmlChar *url = lint_text_of(run, n);

	if (!url)
		return;
	if (*url && !value_is_http_url(S(url)))
		lint_add(run, n, element, "%s '%s' is not an absolute http or https url",
			 lint_qname(qname, n), S(url));
	xmlFree(url);
}
