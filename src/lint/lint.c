/* lint.c - checks any podcast feed against tables of rules: the driver
 * and the report.
 *
 * libxml2 parses the bytes (never touching the network, never expanding
 * external entities); each rule then looks at the tree. A rule is a row
 * {id, severity, where it runs, check, summary, spec} of its namespace's
 * table (lint_xml.c, lint_rss.c, lint_apple.c, lint_spotify.c,
 * lint_podcast.c): the
 * driver calls the check on the document, on the channel and/or on every
 * item, so most checks look at one node and never loop. Findings take
 * their id and severity from the rule being run, so a check cannot report
 * under another rule's name. */
#include "lint/lint_int.h"

#include <limits.h>
#include <string.h>
#include <time.h>

/* No network, no external entities or DTDs (XML_PARSE_NOENT and
 * XML_PARSE_DTDLOAD stay off), line numbers past 65535 kept. */
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES)

/* The namespaces in the order their findings are reported. */
static const struct lint_namespace {
	const char *name;
	const struct lint_rule *rules;
	const size_t *count;
} namespaces[] = {
    {"xml", lint_rules_xml, &lint_rules_xml_count},
    {"rss", lint_rules_rss, &lint_rules_rss_count},
    {"apple", lint_rules_apple, &lint_rules_apple_count},
    {"spotify", lint_rules_spotify, &lint_rules_spotify_count},
    {"podcast", lint_rules_podcast, &lint_rules_podcast_count},
    /* Checks of nothing in the tree: lint_online reports them. */
    {"online", lint_rules_online, &lint_rules_online_count},
};

void lint_report_init(struct lint_report *r)
{
	memset(r, 0, sizeof(*r));
}

void lint_report_release(struct lint_report *r)
{
	for (size_t i = 0; i < r->count; i++) {
		free(r->findings[i].element);
		free(r->findings[i].message);
	}
	free(r->findings);
	lint_report_init(r);
}

size_t lint_count(const struct lint_report *r, enum lint_severity severity)
{
	size_t n = 0;

	for (size_t i = 0; i < r->count; i++)
		n += r->findings[i].severity == severity;
	return n;
}

const char *lint_severity_name(enum lint_severity s)
{
	static const char *const names[] = {
	    [LINT_ERROR] = "error",
	    [LINT_WARNING] = "warning",
	    [LINT_INFO] = "info",
	};

	if ((size_t)s < COUNT(names) && names[s])
		return names[s];
	return "unknown";
}

size_t lint_rule_count(void)
{
	size_t n = 0;

	for (size_t i = 0; i < COUNT(namespaces); i++)
		n += *namespaces[i].count;
	return n;
}

bool lint_rule_at(size_t index, struct lint_rule_info *out)
{
	for (size_t i = 0; i < COUNT(namespaces); i++) {
		const struct lint_rule *r;

		if (index >= *namespaces[i].count) {
			index -= *namespaces[i].count;
			continue;
		}
		r = &namespaces[i].rules[index];
		*out = (struct lint_rule_info){r->id, r->severity, namespaces[i].name, r->summary,
					       r->spec};
		return true;
	}
	return false;
}

static bool rule_known(const char *id, size_t len)
{
	struct lint_rule_info r;

	for (size_t i = 0; lint_rule_at(i, &r); i++)
		if (strlen(r.id) == len && strncmp(r.id, id, len) == 0)
			return true;
	return false;
}

const char *lint_unknown_rule(const char *list, size_t *len)
{
	for (const char *p = list;; p += *len + 1) {
		*len = strcspn(p, ",");
		if (!rule_known(p, *len))
			return p;
		if (!p[*len])
			return NULL;
	}
}

const char *lint_rule_near(const char *id)
{
	const char *best = NULL;
	size_t best_distance = 3, len = strlen(id);
	struct lint_rule_info r;

	for (size_t i = 0; lint_rule_at(i, &r); i++) {
		size_t d = pp_edit_distance(id, r.id);

		if (d < best_distance && d < len) {
			best = r.id;
			best_distance = d;
		}
	}
	return best;
}

static void drop_rule(struct lint_report *r, const char *id, size_t len)
{
	size_t kept = 0;

	for (size_t i = 0; i < r->count; i++) {
		struct lint_finding *f = &r->findings[i];

		if (strlen(f->rule_id) == len && strncmp(f->rule_id, id, len) == 0) {
			free(f->element);
			free(f->message);
			continue;
		}
		r->findings[kept++] = *f;
	}
	r->count = kept;
}

void lint_report_ignore(struct lint_report *r, const char *list)
{
	for (const char *p = list;; p++) {
		size_t len = strcspn(p, ",");

		drop_rule(r, p, len);
		p += len;
		if (!*p)
			return;
	}
}

/* Driver */

/* The structured error handler of our own parser context (never the
 * global one): every error, not just the last, becomes a finding with
 * libxml2's words and line, its lines joined into one. Warnings do not make
 * a feed ill-formed. */
static void on_parse_error(void *data, xmlError *err)
{
	const xmlParserCtxt *ctxt = data;
	struct lint_run *run = ctxt->_private;
	struct lint_finding *f;

	if (err->level < XML_ERR_ERROR)
		return;
	/* libxml2 leaves out the message only when it cannot allocate it. */
	if (err->code == XML_ERR_NO_MEMORY || !err->message) {
		run->res = PP_ENOMEM;
		return;
	}
	/* An undeclared prefix is reported under a rule of its own. */
	run->rule = &lint_rules_xml[err->domain == XML_FROM_NAMESPACE ? LINT_XML_NS_UNDECLARED : 0];
	lint_add_line(run, err->line, NULL, "%s", err->message);
	run->rule = &lint_rules_xml[0];
	if (run->res != PP_OK)
		return;
	f = &run->report->findings[run->report->count - 1];
	lint_trim((xmlChar *)f->message);
	for (char *c = f->message; *c; c++)
		if (*c == '\n' || *c == '\r')
			*c = ' ';
	run->parse_errors++;
}

/* libxml2 reports the errors it meets outside the parser context (an input
 * buffer, a URI, a hash table it could not allocate) to the thread's
 * structured handler: lint_feed points that here while it runs, so running
 * out of memory is never taken for a finding (libxml2 2.9 follows a URI it
 * could not allocate with "is not a valid URI"). */
static void on_library_error(void *data, xmlError *err)
{
	struct lint_run *run = data;

	if (err->code == XML_ERR_NO_MEMORY)
		run->res = PP_ENOMEM;
}

static xmlNode *find_channel(xmlDoc *doc)
{
	xmlNode *root = xmlDocGetRootElement(doc);

	if (!root || !lint_is_elem(root, NULL, "rss"))
		return NULL;
	return lint_child_elem(root, NULL, "channel");
}

static void run_rule(struct lint_run *run, const struct lint_rule *rule)
{
	xmlNode *root = xmlDocGetRootElement(run->doc);
	size_t index = 0;

	if (!rule->check)
		return;
	run->rule = rule;
	if ((rule->on & ON_DOCUMENT) && root)
		rule->check(run, root, 0);
	if (!run->channel)
		return;
	if (rule->on & ON_CHANNEL)
		rule->check(run, run->channel, 0);
	if (rule->on & ON_ITEMS)
		for (xmlNode *item = lint_next_item(run->channel, NULL); item && run->res == PP_OK;
		     item = lint_next_item(run->channel, item))
			rule->check(run, item, ++index);
}

/* What libxml2 would spend unbounded time or memory on, or expand,
 * refused from a scan of the bytes (util.h, pp_xml_scan). False when the
 * feed is refused: findings say why and no rule runs. */
static bool refused_before_parsing(struct lint_run *run)
{
	const char *xml = (const char *)run->xml;
	size_t findings = run->report->count;
	struct pp_xml_scan scan;

	run->rule = &lint_rules_xml[LINT_XML_LIMITS];
	if (run->len > PP_FEED_MAX) {
		lint_add_line(run, 0, NULL, "feed is %zu bytes, more than the %zu MiB podpub reads",
			      run->len, PP_FEED_MAX >> 20);
		return false;
	}
	pp_xml_scan(xml, run->len, &scan);
	if (scan.most_attributes > PP_XML_MAX_ATTRIBUTES)
		lint_add_line(run, pp_line_of_offset(xml, scan.most_attributes_at), NULL,
			      "an element has %zu attributes, more than the %d podpub reads",
			      scan.most_attributes, PP_XML_MAX_ATTRIBUTES);
	if (scan.longest_text > PP_XML_MAX_TEXT)
		lint_add_line(run, pp_line_of_offset(xml, scan.longest_text_at), NULL,
			      "a text node of %zu bytes, more than the %zu MiB podpub reads",
			      scan.longest_text, PP_XML_MAX_TEXT >> 20);
	if (scan.elements > PP_XML_MAX_ELEMENTS)
		lint_add_line(run, 0, NULL, "feed has %zu elements, more than the %d podpub reads",
			      scan.elements, PP_XML_MAX_ELEMENTS);
	run->rule = &lint_rules_xml[LINT_XML_NO_ENTITIES];
	if (scan.entity_declared)
		lint_add_line(run, pp_line_of_offset(xml, scan.entity_at), NULL,
			      "the feed's DTD declares an entity: podpub does not expand them");
	run->rule = &lint_rules_xml[LINT_XML_WELL_FORMED];
	return run->report->count == findings && run->res == PP_OK;
}

enum pp_result lint_feed(const char *xml, size_t len, struct lint_report *report)
{
	return lint_feed_from(xml, len, NULL, (long long)time(NULL), report);
}

enum pp_result lint_feed_from(const char *xml, size_t len, const struct lint_source *source,
			      long long now, struct lint_report *report)
{
	struct lint_run run = {
	    .report = report,
	    .source = source,
	    .now = now,
	    .rule = &lint_rules_xml[LINT_XML_WELL_FORMED],
	    .xml = (const unsigned char *)xml,
	    .len = xml ? len : 0,
	};
	xmlParserCtxt *ctxt = NULL;
	xmlStructuredErrorFunc saved_handler = xmlStructuredError;
	void *saved_context = xmlStructuredErrorContext;

	xmlSetStructuredErrorFunc(&run, on_library_error);
	if (!refused_before_parsing(&run))
		goto out;
	ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		run.res = PP_ENOMEM;
		goto out;
	}
	ctxt->_private = &run;
	ctxt->sax->serror = on_parse_error;
	run.doc = xmlCtxtReadMemory(ctxt, xml ? xml : "", (int)run.len, NULL, NULL, PARSE_OPTIONS);
	if (run.res != PP_OK || run.parse_errors > 0)
		goto out; /* not well-formed: no other rule runs */
	if (!run.doc) {
		run.res = ctxt->errNo == XML_ERR_NO_MEMORY ? PP_ENOMEM : PP_EINTERNAL;
		goto out;
	}
	run.channel = find_channel(run.doc);
	for (size_t n = 0; n < COUNT(namespaces) && run.res == PP_OK; n++)
		for (size_t i = 0; i < *namespaces[n].count && run.res == PP_OK; i++)
			run_rule(&run, &namespaces[n].rules[i]);
out:
	xmlFreeDoc(run.doc);
	xmlFreeParserCtxt(ctxt);
	xmlSetStructuredErrorFunc(saved_context, saved_handler);
	return run.res;
}
