/* lint.c - checks any podcast feed against a table of rules.
 *
 * libxml2 parses the bytes (never touching the network, never expanding
 * external entities); each rule then looks at the tree. A rule is
 * {id, severity, where it runs, check}: the driver calls the check on the
 * document, on the channel and/or on every item, so most checks look at one
 * node and never loop. Findings take their id and severity from the rule
 * being run, so a check cannot report under another rule's name. */
#include "lint/lint.h"

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/encoding.h>
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlstring.h>

#include "util.h"

#define NS_ITUNES "http://www.itunes.com/dtds/podcast-1.0.dtd"
#define NS_PODCAST "https://podcastindex.org/namespace/1.0"

#define X(s) ((const xmlChar *)(s))
#define S(s) ((const char *)(s))

/* No network, no external entities or DTDs (XML_PARSE_NOENT and
 * XML_PARSE_DTDLOAD stay off), line numbers past 65535 kept. */
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES)

/* Apple Podcasts shows at most this many characters of a description. */
#define DESCRIPTION_MAX 4000

/* Room for "item[<size_t>]/<qualified name>/<qualified name>". */
#define PATH_SIZE 128

struct lint_rule;

/* One lint_feed call: what the checks read and where findings go. */
struct lint_run {
	struct lint_report *report;
	const struct lint_rule *rule; /* the rule being run, for its id and severity */
	const unsigned char *xml;     /* the feed's bytes */
	size_t len;
	xmlDoc *doc;
	xmlNode *channel;             /* NULL when the root is not <rss> with a <channel> */
	size_t parse_errors;
	enum pp_result res;           /* sticky: the first failure ends the run */
};

/* Where the driver calls a rule's check. */
enum {
	ON_DOCUMENT = 1 << 0, /* once, on the root element, index 0 */
	ON_CHANNEL = 1 << 1,  /* once, on <channel>, index 0 */
	ON_ITEMS = 1 << 2,    /* on every <item>, index 1, 2, ... */
};

struct lint_rule {
	const char *id;
	enum lint_severity severity;
	unsigned on;
	/* `index` is 0 for the document and the channel, the item's 1-based
	 * position among the channel's items otherwise. NULL: reported by
	 * the parser, not by a check. */
	void (*check)(struct lint_run *run, xmlNode *node, size_t index);
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

/* Findings */

static void add_vline(struct lint_run *run, long line, const char *element, const char *fmt,
		      va_list ap)
{
	struct lint_report *r = run->report;
	struct lint_finding f = {
		.rule_id = run->rule->id,
		.severity = run->rule->severity,
		.line = line > 0 && line <= INT_MAX ? (int)line : 0,
	};

	if (run->res != PP_OK)
		return;
	if (r->count == r->alloc) {
		size_t alloc = r->alloc ? r->alloc * 2 : 16;
		struct lint_finding *grown = realloc(r->findings, alloc * sizeof(*grown));
		if (!grown)
			goto oom;
		r->findings = grown;
		r->alloc = alloc;
	}
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

static void __attribute__((format(printf, 4, 5)))
add_line(struct lint_run *run, long line, const char *element, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_vline(run, line, element, fmt, ap);
	va_end(ap);
}

/* A finding on the line where `at` starts. */
static void __attribute__((format(printf, 4, 5)))
add(struct lint_run *run, const xmlNode *at, const char *element, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_vline(run, xmlGetLineNo(at), element, fmt, ap);
	va_end(ap);
}

/* Tree helpers */

static bool is_elem(const xmlNode *n, const char *ns, const char *name)
{
	if (n->type != XML_ELEMENT_NODE || !xmlStrEqual(n->name, X(name)))
		return false;
	if (!ns)
		return n->ns == NULL;
	return n->ns && xmlStrEqual(n->ns->href, X(ns));
}

/* The first element named {ns}name among `n` and its following siblings. */
static xmlNode *find_elem(xmlNode *n, const char *ns, const char *name)
{
	for (; n; n = n->next)
		if (is_elem(n, ns, name))
			return n;
	return NULL;
}

static xmlNode *child_elem(const xmlNode *parent, const char *ns, const char *name)
{
	return find_elem(parent->children, ns, name);
}

/* The channel's items in order: pass NULL for the first. */
static xmlNode *next_item(const xmlNode *channel, xmlNode *prev)
{
	return find_elem(prev ? prev->next : channel->children, NULL, "item");
}

static bool is_xml_space(xmlChar c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static xmlChar *trim(xmlChar *s)
{
	size_t start = 0, end = (size_t)xmlStrlen(s);

	while (start < end && is_xml_space(s[start]))
		start++;
	while (end > start && is_xml_space(s[end - 1]))
		end--;
	memmove(s, s + start, end - start);
	s[end - start] = '\0';
	return s;
}

/* The text of an element, whitespace trimmed. NULL only when out of memory
 * (run->res says so). Caller frees with xmlFree. */
static xmlChar *text_of(struct lint_run *run, const xmlNode *n)
{
	xmlChar *s = xmlNodeGetContent(n);

	if (!s) {
		run->res = PP_ENOMEM;
		return NULL;
	}
	return trim(s);
}

/* The value of attribute `name` (in no namespace), whitespace trimmed; ""
 * when absent. NULL only when out of memory. Caller frees with xmlFree. */
static xmlChar *attr_of(struct lint_run *run, const xmlNode *n, const char *name)
{
	xmlAttr *a = xmlHasNsProp(n, X(name), NULL);
	xmlChar *s = a ? xmlNodeGetContent((const xmlNode *)a) : xmlStrdup(X(""));

	if (!s) {
		run->res = PP_ENOMEM;
		return NULL;
	}
	return trim(s);
}

/* "channel/<leaf>" for index 0, else "item[<index>]/<leaf>". */
static const char *path_of(char buf[PATH_SIZE], size_t index, const char *leaf)
{
	if (index == 0)
		snprintf(buf, PATH_SIZE, "channel/%s", leaf);
	else
		snprintf(buf, PATH_SIZE, "item[%zu]/%s", index, leaf);
	return buf;
}

/* The last step of a path: "itunes:email" of "channel/itunes:owner/itunes:email". */
static const char *leaf_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* How a missing element is described: errors need it, warnings advise it. */
static const char *need_word(const struct lint_run *run)
{
	return run->rule->severity == LINT_ERROR ? "required" : "recommended";
}

/* Reports {ns}name under `parent` when it is missing (on the parent's line)
 * or empty (on its own). */
static void require_text(struct lint_run *run, const xmlNode *parent, const char *ns,
			 const char *name, const char *element)
{
	const char *need = need_word(run);
	xmlNode *n = child_elem(parent, ns, name);
	xmlChar *text;

	if (!n) {
		add(run, parent, element, "missing %s element <%s>", need, leaf_of(element));
		return;
	}
	if (!(text = text_of(run, n)))
		return;
	if (!*text)
		add(run, n, element, "%s element <%s> is empty", need, leaf_of(element));
	xmlFree(text);
}

/* Absolute http or https URL with a host and no whitespace or controls. */
static bool is_http_url(const char *s)
{
	const char *host;

	if (strncasecmp(s, "http://", 7) == 0)
		host = s + 7;
	else if (strncasecmp(s, "https://", 8) == 0)
		host = s + 8;
	else
		return false;
	if (*host == '\0' || strchr("/?#", *host))
		return false;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7f)
			return false;
	return true;
}

/* Value checks, free of libxml2 */

/* Digits only, not all zeros. */
static bool is_positive_integer(const char *s)
{
	bool nonzero = false;

	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		nonzero |= *s != '0';
	}
	return nonzero;
}

/* Seconds ("2712"), or [[H:]M:]SS where every field after the first has
 * exactly two digits below 60 ("52:03", "1:05:09"). */
static bool is_duration(const char *s)
{
	int fields = 0;

	for (;;) {
		size_t n = strspn(s, "0123456789");

		if (n == 0 || (fields > 0 && (n != 2 || s[0] > '5')))
			return false;
		fields++;
		s += n;
		if (*s == '\0')
			return fields <= 3;
		if (*s != ':')
			return false;
		s++;
	}
}

/* 8-4-4-4-12 lowercase hex digits. */
static bool is_canonical_uuid(const char *s)
{
	for (size_t i = 0; i < 36; i++) {
		char c = s[i];

		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (c != '-')
				return false;
		} else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
			return false;
		}
	}
	return s[36] == '\0';
}

/* Media types Apple Podcasts accepts for an enclosure. */
static const char *const apple_media_types[] = {
	"audio/x-m4a", "audio/mpeg", "video/quicktime", "video/mp4", "video/x-m4v", "application/pdf",
};

enum media_kind { MEDIA_APPLE, MEDIA_OTHER_AUDIO, MEDIA_UNSUPPORTED };

/* Compares without case and without parameters ("audio/mpeg; x=y"). */
static enum media_kind media_kind_of(const char *type)
{
	size_t n = strcspn(type, ";");

	while (n > 0 && (type[n - 1] == ' ' || type[n - 1] == '\t'))
		n--;
	for (size_t i = 0; i < COUNT(apple_media_types); i++)
		if (strlen(apple_media_types[i]) == n && strncasecmp(type, apple_media_types[i], n) == 0)
			return MEDIA_APPLE;
	return strncasecmp(type, "audio/", 6) == 0 ? MEDIA_OTHER_AUDIO : MEDIA_UNSUPPORTED;
}

/* RFC 2822 dates (section 3.3, with the obsolete two-digit years and named
 * zones): "[Day, ]DD Mon YYYY HH:MM[:SS] zone[ (comment)]". */

enum date_check { DATE_OK, DATE_SYNTAX, DATE_NO_SUCH_TIME, DATE_WRONG_WEEKDAY };

static const char *const weekday_names[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
static const char *const month_names[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};
static const char *const zone_names[] = {
	"UT", "GMT", "Z", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT",
};

static bool skip_space(const char **p)
{
	const char *start = *p;

	while (is_xml_space((xmlChar)**p))
		(*p)++;
	return *p != start;
}

/* Between `min` and `max` digits into *out. */
static bool scan_number(const char **p, int min, int max, int *out)
{
	int n = 0, value = 0;

	while (n < max && **p >= '0' && **p <= '9') {
		value = value * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	*out = value;
	return n >= min && !(**p >= '0' && **p <= '9');
}

/* A whole run of letters matching one of `names` without regard to case:
 * its index, or -1. */
static int scan_name(const char **p, const char *const *names, size_t count)
{
	size_t n = 0;

	while (((*p)[n] >= 'A' && (*p)[n] <= 'Z') || ((*p)[n] >= 'a' && (*p)[n] <= 'z'))
		n++;
	for (size_t i = 0; i < count; i++) {
		if (strlen(names[i]) == n && strncasecmp(*p, names[i], n) == 0) {
			*p += n;
			return (int)i;
		}
	}
	return -1;
}

static bool is_leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* 0 for Sunday; Gregorian calendar, month 1-12. */
static int weekday_of(int y, int m, int d)
{
	static const int offsets[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };

	if (m < 3)
		y--;
	return (y + y / 4 - y / 100 + y / 400 + offsets[m - 1] + d) % 7;
}

/* On DATE_WRONG_WEEKDAY, *weekday is the date's real day of the week. */
static enum date_check check_rfc2822(const char *s, int *weekday)
{
	static const int month_days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	const char *p = s;
	int named_day = -1, day, month, year, hour, minute, second = 0, zone = 0;
	const char *year_start;

	if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
		if ((named_day = scan_name(&p, weekday_names, COUNT(weekday_names))) < 0)
			return DATE_SYNTAX;
		skip_space(&p);
		if (*p++ != ',')
			return DATE_SYNTAX;
		skip_space(&p);
	}
	if (!scan_number(&p, 1, 2, &day) || !skip_space(&p))
		return DATE_SYNTAX;
	if ((month = scan_name(&p, month_names, COUNT(month_names))) < 0 || !skip_space(&p))
		return DATE_SYNTAX;
	year_start = p;
	if (!scan_number(&p, 2, 4, &year) || p - year_start == 3)
		return DATE_SYNTAX;
	if (p - year_start == 2) /* obsolete two-digit year */
		year += year < 50 ? 2000 : 1900;
	if (!skip_space(&p))
		return DATE_SYNTAX;
	if (!scan_number(&p, 2, 2, &hour) || *p++ != ':' || !scan_number(&p, 2, 2, &minute))
		return DATE_SYNTAX;
	if (*p == ':' && (p++, !scan_number(&p, 2, 2, &second)))
		return DATE_SYNTAX;
	if (!skip_space(&p))
		return DATE_SYNTAX;
	if (*p == '+' || *p == '-') {
		p++;
		if (!scan_number(&p, 4, 4, &zone))
			return DATE_SYNTAX;
	} else if (scan_name(&p, zone_names, COUNT(zone_names)) < 0) {
		return DATE_SYNTAX;
	}
	if (skip_space(&p) && *p == '(') {
		p++;
		p += strcspn(p, "()");
		if (*p++ != ')')
			return DATE_SYNTAX;
		skip_space(&p);
	}
	if (*p != '\0')
		return DATE_SYNTAX;

	if (year < 1900 || day < 1 ||
	    day > month_days[month] + (month == 1 && is_leap_year(year)) || hour > 23 ||
	    minute > 59 || second > 60 || zone / 100 > 23 || zone % 100 > 59)
		return DATE_NO_SUCH_TIME;
	*weekday = weekday_of(year, month + 1, day);
	if (named_day >= 0 && named_day != *weekday)
		return DATE_WRONG_WEEKDAY;
	return DATE_OK;
}

/* Checks, one per rule; each reports under the rule being run */

static bool is_one_of(const char *s, const char *const *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (strcasecmp(s, list[i]) == 0)
			return true;
	return false;
}

/* The declared encoding, or without a declaration the one a byte order
 * mark or the first bytes show (UTF-16 needs no declaration). */
static void check_encoding(struct lint_run *run, xmlNode *root, size_t index)
{
	const char *encoding = S(run->doc->encoding);
	xmlCharEncoding detected;

	(void)root;
	(void)index;
	if (encoding) {
		if (strcasecmp(encoding, "UTF-8") != 0)
			add_line(run, 1, NULL, "declared encoding '%s' is not UTF-8", encoding);
		return;
	}
	if (run->len < 4)
		return;
	detected = xmlDetectCharEncoding(run->xml, 4);
	if (detected != XML_CHAR_ENCODING_NONE && detected != XML_CHAR_ENCODING_UTF8)
		add_line(run, 1, NULL, "document is encoded in %s, not UTF-8",
			 xmlGetCharEncodingName(detected));
}

static void check_rss_root(struct lint_run *run, xmlNode *root, size_t index)
{
	xmlNode *channel, *second;
	xmlChar *version;

	(void)index;
	if (!is_elem(root, NULL, "rss")) {
		add(run, root, "rss", "root element is <%s>, not <rss>", S(root->name));
		return;
	}
	if (!(version = attr_of(run, root, "version")))
		return;
	if (!*version)
		add(run, root, "rss", "<rss> has no version attribute");
	else if (strcmp(S(version), "2.0") != 0)
		add(run, root, "rss", "rss version '%s' is not '2.0'", S(version));
	xmlFree(version);
	channel = child_elem(root, NULL, "channel");
	if (!channel)
		add(run, root, "rss/channel", "missing required element <channel>");
	else if ((second = find_elem(channel->next, NULL, "channel")))
		add(run, second, "rss/channel", "more than one <channel> element");
}

static void check_channel_required(struct lint_run *run, xmlNode *channel, size_t index)
{
	static const char *const names[] = { "title", "link", "description" };
	char path[PATH_SIZE];

	for (size_t i = 0; i < COUNT(names); i++)
		require_text(run, channel, NULL, names[i], path_of(path, index, names[i]));
}

static void check_item_required(struct lint_run *run, xmlNode *item, size_t index)
{
	char path[PATH_SIZE];

	require_text(run, item, NULL, "title", path_of(path, index, "title"));
	if (!child_elem(item, NULL, "enclosure"))
		add(run, item, path_of(path, index, "enclosure"),
		    "missing required element <enclosure>");
}

static void check_enclosure_attrs(struct lint_run *run, xmlNode *item, size_t index)
{
	xmlNode *enclosure = child_elem(item, NULL, "enclosure");
	xmlChar *url = NULL, *length = NULL, *type = NULL;
	char path[PATH_SIZE];

	if (!enclosure)
		return;
	path_of(path, index, "enclosure");
	if (!(url = attr_of(run, enclosure, "url")) || !(length = attr_of(run, enclosure, "length")) ||
	    !(type = attr_of(run, enclosure, "type")))
		goto out;
	if (!*url)
		add(run, enclosure, path, "enclosure has no url");
	else if (!is_http_url(S(url)))
		add(run, enclosure, path, "enclosure url '%s' is not an absolute http or https url",
		    S(url));
	if (!*length)
		add(run, enclosure, path, "enclosure has no length");
	else if (!is_positive_integer(S(length)))
		add(run, enclosure, path, "enclosure length '%s' is not a positive integer",
		    S(length));
	if (!*type)
		add(run, enclosure, path, "enclosure has no type");
out:
	xmlFree(url);
	xmlFree(length);
	xmlFree(type);
}

static void check_guid_unique(struct lint_run *run, xmlNode *channel, size_t index)
{
	xmlHashTable *seen = xmlHashCreate(0);
	char path[PATH_SIZE];
	size_t n = 0;

	(void)index;
	if (!seen) {
		run->res = PP_ENOMEM;
		return;
	}
	for (xmlNode *item = next_item(channel, NULL); item && run->res == PP_OK;
	     item = next_item(channel, item)) {
		xmlNode *guid = child_elem(item, NULL, "guid");
		xmlChar *text;
		void *first;

		n++;
		if (!guid || !(text = text_of(run, guid)))
			continue;
		/* An empty guid is not a duplicate: that is another rule's business. */
		if (!*text)
			;
		else if ((first = xmlHashLookup(seen, text)))
			add(run, guid, path_of(path, n, "guid"), "guid '%s' is already used by item[%zu]",
			    S(text), (size_t)(uintptr_t)first);
		else if (xmlHashAddEntry(seen, text, (void *)(uintptr_t)n) != 0)
			run->res = PP_ENOMEM;
		xmlFree(text);
	}
	xmlHashFree(seen, NULL);
}

static void check_date(struct lint_run *run, const xmlNode *parent, size_t index, const char *name)
{
	static const char *const weekdays[] = {
		"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	};
	xmlNode *n = child_elem(parent, NULL, name);
	char path[PATH_SIZE];
	xmlChar *text;
	int weekday = 0;

	if (!n || !(text = text_of(run, n)))
		return;
	path_of(path, index, name);
	switch (check_rfc2822(S(text), &weekday)) {
	case DATE_OK:
		break;
	case DATE_SYNTAX:
		add(run, n, path,
		    "%s '%s' is not an rfc 2822 date like 'Tue, 04 Mar 2025 07:00:00 +0000'", name,
		    S(text));
		break;
	case DATE_NO_SUCH_TIME:
		add(run, n, path, "%s '%s' has a day, time or zone out of range", name, S(text));
		break;
	case DATE_WRONG_WEEKDAY:
		add(run, n, path, "%s '%s' has the wrong day of the week: that date is a %s", name,
		    S(text), weekdays[weekday]);
		break;
	}
	xmlFree(text);
}

static void check_dates(struct lint_run *run, xmlNode *node, size_t index)
{
	check_date(run, node, index, "pubDate");
	if (index == 0)
		check_date(run, node, index, "lastBuildDate");
}

static void check_image(struct lint_run *run, xmlNode *channel, size_t index)
{
	xmlNode *image = child_elem(channel, NS_ITUNES, "image");
	char path[PATH_SIZE];
	xmlChar *href;

	path_of(path, index, "itunes:image");
	if (!image) {
		add(run, channel, path, "missing required element <itunes:image>");
		return;
	}
	if (!(href = attr_of(run, image, "href")))
		return;
	if (!*href)
		add(run, image, path, "itunes:image has no href");
	else if (!is_http_url(S(href)))
		add(run, image, path, "itunes:image href '%s' is not an absolute http or https url",
		    S(href));
	xmlFree(href);
}

static void check_category_text(struct lint_run *run, const xmlNode *category, const char *path)
{
	xmlChar *text = attr_of(run, category, "text");

	if (text && !*text)
		add(run, category, path, "itunes:category has no text attribute");
	xmlFree(text);
}

static void check_category(struct lint_run *run, xmlNode *channel, size_t index)
{
	char path[PATH_SIZE], sub_path[PATH_SIZE];
	size_t count = 0;

	path_of(path, index, "itunes:category");
	path_of(sub_path, index, "itunes:category/itunes:category");
	for (xmlNode *cat = child_elem(channel, NS_ITUNES, "category"); cat;
	     cat = find_elem(cat->next, NS_ITUNES, "category")) {
		count++;
		check_category_text(run, cat, path);
		for (xmlNode *sub = child_elem(cat, NS_ITUNES, "category"); sub;
		     sub = find_elem(sub->next, NS_ITUNES, "category"))
			check_category_text(run, sub, sub_path);
	}
	if (count == 0)
		add(run, channel, path, "missing required element <itunes:category>");
}

static const char *const explicit_values[] = { "true", "false" };
static const char *const explicit_legacy_values[] = { "yes", "no", "clean" };

static void check_explicit(struct lint_run *run, xmlNode *channel, size_t index)
{
	xmlNode *n = child_elem(channel, NS_ITUNES, "explicit");
	char path[PATH_SIZE];
	xmlChar *text;

	path_of(path, index, "itunes:explicit");
	if (!n) {
		add(run, channel, path, "missing required element <itunes:explicit>");
		return;
	}
	if (!(text = text_of(run, n)))
		return;
	/* Legacy values are apple-explicit-legacy's to report. */
	if (!is_one_of(S(text), explicit_values, COUNT(explicit_values)) &&
	    !is_one_of(S(text), explicit_legacy_values, COUNT(explicit_legacy_values)))
		add(run, n, path, "itunes:explicit '%s' is not 'true' or 'false'", S(text));
	xmlFree(text);
}

static void check_explicit_legacy(struct lint_run *run, xmlNode *channel, size_t index)
{
	xmlNode *n = child_elem(channel, NS_ITUNES, "explicit");
	char path[PATH_SIZE];
	xmlChar *text;

	if (!n || !(text = text_of(run, n)))
		return;
	if (is_one_of(S(text), explicit_legacy_values, COUNT(explicit_legacy_values)))
		add(run, n, path_of(path, index, "itunes:explicit"),
		    "itunes:explicit '%s' is a legacy value: use '%s'", S(text),
		    strcasecmp(S(text), "yes") == 0 ? "true" : "false");
	xmlFree(text);
}

static void check_language(struct lint_run *run, xmlNode *channel, size_t index)
{
	char path[PATH_SIZE];

	require_text(run, channel, NULL, "language", path_of(path, index, "language"));
}

static void check_author(struct lint_run *run, xmlNode *channel, size_t index)
{
	char path[PATH_SIZE];

	require_text(run, channel, NS_ITUNES, "author", path_of(path, index, "itunes:author"));
}

static void check_owner_email(struct lint_run *run, xmlNode *channel, size_t index)
{
	xmlNode *owner = child_elem(channel, NS_ITUNES, "owner");
	char path[PATH_SIZE];

	if (!owner) {
		add(run, channel, path_of(path, index, "itunes:owner"),
		    "missing %s element <itunes:owner>", need_word(run));
		return;
	}
	require_text(run, owner, NS_ITUNES, "email",
		     path_of(path, index, "itunes:owner/itunes:email"));
}

/* Reports the item's enclosure type when it is of `kind`, ending the
 * message with `why`. An absent type is rss-enclosure-attrs' to report. */
static void check_enclosure_kind(struct lint_run *run, xmlNode *item, size_t index,
				 enum media_kind kind, const char *why)
{
	xmlNode *enclosure = child_elem(item, NULL, "enclosure");
	char path[PATH_SIZE];
	xmlChar *type;

	if (!enclosure || !(type = attr_of(run, enclosure, "type")))
		return;
	if (*type && media_kind_of(S(type)) == kind)
		add(run, enclosure, path_of(path, index, "enclosure"), "enclosure type '%s' %s",
		    S(type), why);
	xmlFree(type);
}

static void check_enclosure_type(struct lint_run *run, xmlNode *item, size_t index)
{
	check_enclosure_kind(run, item, index, MEDIA_UNSUPPORTED,
			     "is not a type apple podcasts accepts");
}

static void check_enclosure_type_unsupported(struct lint_run *run, xmlNode *item, size_t index)
{
	check_enclosure_kind(run, item, index, MEDIA_OTHER_AUDIO,
			     "is not on apple podcasts' list: prefer audio/mpeg or audio/x-m4a");
}

static void check_duration(struct lint_run *run, xmlNode *item, size_t index)
{
	xmlNode *n = child_elem(item, NS_ITUNES, "duration");
	char path[PATH_SIZE];
	xmlChar *text;

	if (!n || !(text = text_of(run, n)))
		return;
	if (!is_duration(S(text)))
		add(run, n, path_of(path, index, "itunes:duration"),
		    "itunes:duration '%s' is not seconds or [[hh:]mm:]ss", S(text));
	xmlFree(text);
}

/* `leaf` is the name as paths and messages show it: "itunes:summary". */
static void check_length(struct lint_run *run, const xmlNode *parent, size_t index, const char *ns,
			 const char *name, const char *leaf)
{
	xmlNode *n = child_elem(parent, ns, name);
	char path[PATH_SIZE];
	xmlChar *text;
	int chars;

	if (!n || !(text = text_of(run, n)))
		return;
	chars = xmlUTF8Strlen(text);
	if (chars > DESCRIPTION_MAX)
		add(run, n, path_of(path, index, leaf),
		    "%s is %d characters long, over the %d apple podcasts shows", leaf, chars,
		    DESCRIPTION_MAX);
	xmlFree(text);
}

static void check_description_length(struct lint_run *run, xmlNode *node, size_t index)
{
	check_length(run, node, index, NULL, "description", "description");
	if (index == 0)
		check_length(run, node, index, NS_ITUNES, "summary", "itunes:summary");
}

static void check_podcast_guid(struct lint_run *run, xmlNode *channel, size_t index)
{
	xmlNode *n = child_elem(channel, NS_PODCAST, "guid");
	char path[PATH_SIZE];
	xmlChar *text;

	if (!n || !(text = text_of(run, n)))
		return;
	if (!is_canonical_uuid(S(text)))
		add(run, n, path_of(path, index, "podcast:guid"),
		    "podcast:guid '%s' is not a lowercase uuid like "
		    "'917393e3-1b1e-5cef-ace4-edaa54e1f810'",
		    S(text));
	xmlFree(text);
}

/* The rules, in the order their findings are reported. To add one: write
 * a check above and a line here; ids are stable once released. */
static const struct lint_rule rules[] = {
	/* First: lint_feed reports parser errors under it. */
	{ "xml-well-formed", LINT_ERROR, 0, NULL },
	{ "xml-encoding", LINT_ERROR, ON_DOCUMENT, check_encoding },
	{ "rss-root", LINT_ERROR, ON_DOCUMENT, check_rss_root },
	{ "rss-channel-required", LINT_ERROR, ON_CHANNEL, check_channel_required },
	{ "rss-item-required", LINT_ERROR, ON_ITEMS, check_item_required },
	{ "rss-enclosure-attrs", LINT_ERROR, ON_ITEMS, check_enclosure_attrs },
	{ "rss-guid-unique", LINT_ERROR, ON_CHANNEL, check_guid_unique },
	{ "rss-pubdate-format", LINT_ERROR, ON_CHANNEL | ON_ITEMS, check_dates },
	{ "apple-channel-image", LINT_ERROR, ON_CHANNEL, check_image },
	{ "apple-channel-category", LINT_ERROR, ON_CHANNEL, check_category },
	{ "apple-channel-explicit", LINT_ERROR, ON_CHANNEL, check_explicit },
	{ "apple-explicit-legacy", LINT_WARNING, ON_CHANNEL, check_explicit_legacy },
	{ "apple-channel-language", LINT_ERROR, ON_CHANNEL, check_language },
	{ "apple-channel-author", LINT_WARNING, ON_CHANNEL, check_author },
	{ "apple-owner-email", LINT_WARNING, ON_CHANNEL, check_owner_email },
	{ "apple-enclosure-type", LINT_ERROR, ON_ITEMS, check_enclosure_type },
	{ "apple-enclosure-type-unsupported", LINT_WARNING, ON_ITEMS,
	  check_enclosure_type_unsupported },
	{ "apple-item-duration", LINT_WARNING, ON_ITEMS, check_duration },
	{ "apple-description-length", LINT_WARNING, ON_CHANNEL | ON_ITEMS, check_description_length },
	{ "podcast-guid-format", LINT_ERROR, ON_CHANNEL, check_podcast_guid },
};

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
	add_line(run, err->line, NULL, "%s", err->message);
	if (run->res != PP_OK)
		return;
	f = &run->report->findings[run->report->count - 1];
	trim((xmlChar *)f->message);
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

	if (!root || !is_elem(root, NULL, "rss"))
		return NULL;
	return child_elem(root, NULL, "channel");
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
		for (xmlNode *item = next_item(run->channel, NULL); item && run->res == PP_OK;
		     item = next_item(run->channel, item))
			rule->check(run, item, ++index);
}

enum pp_result lint_feed(const char *xml, size_t len, struct lint_report *report)
{
	struct lint_run run = {
		.report = report,
		.rule = &rules[0],
		.xml = (const unsigned char *)xml,
		.len = xml ? len : 0,
	};
	xmlParserCtxt *ctxt = NULL;
	xmlStructuredErrorFunc saved_handler = xmlStructuredError;
	void *saved_context = xmlStructuredErrorContext;

	xmlSetStructuredErrorFunc(&run, on_library_error);
	if (len > INT_MAX) {
		add_line(&run, 0, NULL, "feed is %zu bytes, more than the parser reads (%d)", len,
			 INT_MAX);
		goto out;
	}
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
	for (size_t i = 0; i < COUNT(rules) && run.res == PP_OK; i++)
		run_rule(&run, &rules[i]);
out:
	xmlFreeDoc(run.doc);
	xmlFreeParserCtxt(ctxt);
	xmlSetStructuredErrorFunc(saved_context, saved_handler);
	return run.res;
}
