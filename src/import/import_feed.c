/* import_feed.c - reads another host's RSS feed into struct import_feed.
 *
 * Real feeds are looser than podpub's own: text in CDATA or not, white
 * space around values, namespaces in either Podcasting 2.0 spelling,
 * explicit as yes/no/clean, dates in any RFC 2822 zone. This file takes
 * what the feed says as it says it; import.c decides what podpub keeps. */
#include "import/import_feed.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "datetime.h"
#include "import/import_fetch.h"
#include "ns.h"
#include "util.h"

#define X(s) ((const xmlChar *)(s))
#define S(s) ((const char *)(s))

/* What a feed's namespace prefixes stand for; "" is no namespace. */
enum ns { NS_NONE, NS_IT, NS_PC, NS_CT, NS_AT };

static bool in_ns(const xmlNode *n, enum ns ns)
{
	const char *uri = n->ns && n->ns->href ? S(n->ns->href) : NULL;

	switch (ns) {
	case NS_NONE:
		return !uri;
	case NS_IT:
		return uri && strcmp(uri, NS_ITUNES) == 0;
	case NS_PC:
		return uri && (strcmp(uri, NS_PODCAST) == 0 || strcmp(uri, NS_PODCAST_ALT) == 0);
	case NS_CT:
		return uri && strcmp(uri, NS_CONTENT) == 0;
	case NS_AT:
		return uri && strcmp(uri, NS_ATOM) == 0;
	}
	return false;
}

static bool is_elem(const xmlNode *n, enum ns ns, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp(S(n->name), name) == 0 && in_ns(n, ns);
}

static const xmlNode *child(const xmlNode *parent, enum ns ns, const char *name)
{
	for (const xmlNode *n = parent->children; n; n = n->next)
		if (is_elem(n, ns, name))
			return n;
	return NULL;
}

/* One parse: the first failure sticks, as in the feed writer. */
struct reader {
	const char *base; /* the feed's URL, or NULL */
	bool no_memory;
};

/* A copy of `s` without white space at either end; NULL for NULL or "". */
static char *trimmed(struct reader *r, const char *s)
{
	size_t len;
	char *copy;

	if (!s)
		return NULL;
	while (*s && isspace((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (!len)
		return NULL;
	if (!(copy = strndup(s, len)))
		r->no_memory = true;
	return copy;
}

static char *text_of(struct reader *r, const xmlNode *n)
{
	xmlChar *text;
	char *copy;

	if (!n)
		return NULL;
	if (!(text = xmlNodeGetContent(n))) {
		r->no_memory = true;
		return NULL;
	}
	copy = trimmed(r, S(text));
	xmlFree(text);
	return copy;
}

static char *child_text(struct reader *r, const xmlNode *parent, enum ns ns, const char *name)
{
	return text_of(r, child(parent, ns, name));
}

static char *attr_of(struct reader *r, const xmlNode *n, const char *name)
{
	xmlChar *v;
	char *copy;

	if (!n || !(v = xmlGetProp(n, X(name))))
		return NULL;
	copy = trimmed(r, S(v));
	xmlFree(v);
	return copy;
}

/* `url` made absolute against the feed's own URL (a host's relative
 * enclosure or image path). Takes `url`; NULL stays NULL. libcurl's URL
 * parser resolves it: libxml2 2.9's xmlBuildURI returns a cut URL, not
 * NULL, when it runs out of memory halfway. */
static char *resolved(struct reader *r, char *url)
{
	char *abs = NULL;

	if (!url || !r->base)
		return url;
	switch (import_resolve_url(r->base, url, &abs)) {
	case PP_OK:
		free(url);
		return abs;
	case PP_ENOMEM:
		r->no_memory = true;
		return url;
	default:
		return url; /* no URL libcurl reads: left as the feed has it */
	}
}

/* -1 not given, 0 clean, 1 explicit: Apple's true/false, the older
 * yes/no/clean and a few hosts' "explicit". */
static int explicit_of(struct reader *r, const xmlNode *parent)
{
	static const struct {
		const char *word;
		int state;
	} words[] = { { "true", 1 }, { "yes", 1 }, { "explicit", 1 },
		      { "false", 0 }, { "no", 0 },  { "clean", 0 } };
	char *text = child_text(r, parent, NS_IT, "explicit");
	int state = -1;

	for (size_t i = 0; text && i < COUNT(words); i++)
		if (strcasecmp(text, words[i].word) == 0)
			state = words[i].state;
	free(text);
	return state;
}

/* True for an element whose text is "yes" in any case (itunes:block,
 * podcast:locked). */
static bool yes_of(struct reader *r, const xmlNode *n)
{
	char *text = text_of(r, n);
	bool yes = text && strcasecmp(text, "yes") == 0;

	free(text);
	return yes;
}

static char *lowercase(char *s)
{
	for (char *p = s; p && *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return s;
}

/* A whole number 1..max, or 0: "7", " 7 ", "7.0" (Podcasting 2.0 allows
 * decimals; podpub numbers are whole). */
static long number_of(struct reader *r, const xmlNode *n, long max)
{
	char *text = text_of(r, n), *end = NULL;
	double d = text ? strtod(text, &end) : 0.0;
	long value = 0;

	if (text && end != text && !*end && d >= 1.0 && d <= (double)max && d == floor(d))
		value = (long)d;
	free(text);
	return value;
}

static void add_category(struct reader *r, struct import_channel *c, const xmlNode *n,
			 const xmlNode *sub)
{
	struct import_category *grown;

	grown = pp_grow(c->categories, &c->category_alloc, c->category_count + 1, sizeof(*grown));
	if (!grown) {
		r->no_memory = true;
		return;
	}
	c->categories = grown;
	grown[c->category_count].name = attr_of(r, n, "text");
	grown[c->category_count].sub = sub ? attr_of(r, sub, "text") : NULL;
	if (grown[c->category_count].name)
		c->category_count++;
	else
		free(grown[c->category_count].sub);
}

static void read_categories(struct reader *r, const xmlNode *channel, struct import_channel *c)
{
	for (const xmlNode *n = channel->children; n; n = n->next) {
		bool had_sub = false;

		if (!is_elem(n, NS_IT, "category"))
			continue;
		for (const xmlNode *s = n->children; s; s = s->next) {
			if (is_elem(s, NS_IT, "category")) {
				add_category(r, c, n, s);
				had_sub = true;
			}
		}
		if (!had_sub)
			add_category(r, c, n, NULL);
	}
}

static void read_channel(struct reader *r, const xmlNode *ch, struct import_channel *c)
{
	const xmlNode *owner = child(ch, NS_IT, "owner"), *image = child(ch, NS_NONE, "image");

	for (const xmlNode *n = ch->children; n && !c->self_url; n = n->next) {
		char *rel;

		if (!is_elem(n, NS_AT, "link"))
			continue;
		rel = attr_of(r, n, "rel");
		if (rel && strcmp(rel, "self") == 0)
			c->self_url = attr_of(r, n, "href");
		free(rel);
	}
	/* A feed read from a file resolves its relative URLs against its own. */
	if (!r->base)
		r->base = c->self_url;

	c->title = child_text(r, ch, NS_NONE, "title");
	/* Apple shows itunes:summary first when both are given. */
	if (!(c->description = child_text(r, ch, NS_IT, "summary")))
		c->description = child_text(r, ch, NS_NONE, "description");
	c->link = child_text(r, ch, NS_NONE, "link");
	c->language = child_text(r, ch, NS_NONE, "language");
	c->author = child_text(r, ch, NS_IT, "author");
	c->copyright = child_text(r, ch, NS_NONE, "copyright");
	if (owner) {
		c->owner_name = child_text(r, owner, NS_IT, "name");
		c->owner_email = child_text(r, owner, NS_IT, "email");
	}
	c->image_url = resolved(r, attr_of(r, child(ch, NS_IT, "image"), "href"));
	if (!c->image_url && image)
		c->image_url = resolved(r, child_text(r, image, NS_NONE, "url"));
	c->podcast_guid = child_text(r, ch, NS_PC, "guid");
	c->new_feed_url = child_text(r, ch, NS_IT, "new-feed-url");
	c->type = lowercase(child_text(r, ch, NS_IT, "type"));
	c->explicit_state = explicit_of(r, ch);
	c->locked = yes_of(r, child(ch, NS_PC, "locked"));
	read_categories(r, ch, c);
}

static void read_persons(struct reader *r, const xmlNode *item, struct import_item *it)
{
	for (const xmlNode *n = item->children; n; n = n->next) {
		struct import_person *grown, *p;

		if (!is_elem(n, NS_PC, "person"))
			continue;
		grown = pp_grow(it->persons, &it->person_alloc, it->person_count + 1, sizeof(*grown));
		if (!grown) {
			r->no_memory = true;
			return;
		}
		it->persons = grown;
		p = &grown[it->person_count];
		memset(p, 0, sizeof(*p));
		if (!(p->name = text_of(r, n)))
			continue;
		p->role = lowercase(attr_of(r, n, "role"));
		p->href = attr_of(r, n, "href");
		p->img = attr_of(r, n, "img");
		it->person_count++;
	}
}

/* A media type as compared: lowercase, without "; charset=..." or
 * white space. */
static char *media_type_of(struct reader *r, const xmlNode *n)
{
	char *type = lowercase(attr_of(r, n, "type"));

	if (type)
		type[strcspn(type, "; \t")] = '\0';
	return type;
}

static void read_transcripts(struct reader *r, const xmlNode *item, struct import_item *it)
{
	for (const xmlNode *n = item->children; n; n = n->next) {
		struct import_transcript *grown, *t;

		if (!is_elem(n, NS_PC, "transcript"))
			continue;
		grown = pp_grow(it->transcripts, &it->transcript_alloc, it->transcript_count + 1,
				sizeof(*grown));
		if (!grown) {
			r->no_memory = true;
			return;
		}
		it->transcripts = grown;
		t = &grown[it->transcript_count];
		memset(t, 0, sizeof(*t));
		if (!(t->url = resolved(r, attr_of(r, n, "url"))))
			continue;
		t->type = media_type_of(r, n);
		t->language = attr_of(r, n, "language");
		it->transcript_count++;
	}
}

static void read_item(struct reader *r, const xmlNode *n, struct import_item *it)
{
	const xmlNode *chapters = child(n, NS_PC, "chapters");

	const xmlNode *enc = child(n, NS_NONE, "enclosure");
	char *length, *end = NULL, *duration;
	long long len;

	it->line = (int)xmlGetLineNo(n);
	if (!(it->title = child_text(r, n, NS_NONE, "title")))
		it->title = child_text(r, n, NS_IT, "title");
	it->guid = child_text(r, n, NS_NONE, "guid");
	it->enclosure_raw = attr_of(r, enc, "url");
	if (it->enclosure_raw && !(it->enclosure_url = strdup(it->enclosure_raw)))
		r->no_memory = true;
	it->enclosure_url = resolved(r, it->enclosure_url);
	it->enclosure_type = attr_of(r, enc, "type");
	length = attr_of(r, enc, "length");
	len = length ? strtoll(length, &end, 10) : 0;
	/* 0 is the RSS profile's "unknown"; anything unreadable is too. */
	it->length = length && end != length && !*end && len > 0 ? (int64_t)len : -1;
	free(length);
	it->pubdate = child_text(r, n, NS_NONE, "pubDate");
	it->link = child_text(r, n, NS_NONE, "link");
	duration = child_text(r, n, NS_IT, "duration");
	it->duration = duration ? import_duration(duration) : -1.0;
	free(duration);
	if (!(it->number = number_of(r, child(n, NS_IT, "episode"), 1000000)))
		it->number = number_of(r, child(n, NS_PC, "episode"), 1000000);
	if (!(it->season = number_of(r, child(n, NS_IT, "season"), 10000)))
		it->season = number_of(r, child(n, NS_PC, "season"), 10000);
	it->type = lowercase(child_text(r, n, NS_IT, "episodeType"));
	it->explicit_state = explicit_of(r, n);
	it->block = yes_of(r, child(n, NS_IT, "block"));
	if (!(it->notes = child_text(r, n, NS_CT, "encoded")) &&
	    !(it->notes = child_text(r, n, NS_NONE, "description")))
		it->notes = child_text(r, n, NS_IT, "summary");
	read_persons(r, n, it);
	it->image_url = resolved(r, attr_of(r, child(n, NS_IT, "image"), "href"));
	it->chapters_url = resolved(r, attr_of(r, chapters, "url"));
	it->chapters_type = media_type_of(r, chapters);
	read_transcripts(r, n, it);
}

void import_feed_init(struct import_feed *f)
{
	memset(f, 0, sizeof(*f));
}

static void item_release(struct import_item *it)
{
	free(it->title);
	free(it->guid);
	free(it->enclosure_url);
	free(it->enclosure_raw);
	free(it->enclosure_type);
	free(it->pubdate);
	free(it->link);
	free(it->type);
	free(it->notes);
	for (size_t i = 0; i < it->person_count; i++) {
		free(it->persons[i].name);
		free(it->persons[i].role);
		free(it->persons[i].href);
		free(it->persons[i].img);
	}
	free(it->persons);
	free(it->image_url);
	free(it->chapters_url);
	free(it->chapters_type);
	for (size_t i = 0; i < it->transcript_count; i++) {
		free(it->transcripts[i].url);
		free(it->transcripts[i].type);
		free(it->transcripts[i].language);
	}
	free(it->transcripts);
}

void import_feed_release(struct import_feed *f)
{
	struct import_channel *c = &f->channel;
	char **strings[] = { &c->title,	     &c->description, &c->link,	       &c->language,
			     &c->author,     &c->owner_name,  &c->owner_email, &c->copyright,
			     &c->image_url,  &c->podcast_guid, &c->self_url,   &c->new_feed_url,
			     &c->type };

	for (size_t i = 0; i < COUNT(strings); i++)
		free(*strings[i]);
	for (size_t i = 0; i < c->category_count; i++) {
		free(c->categories[i].name);
		free(c->categories[i].sub);
	}
	free(c->categories);
	for (size_t i = 0; i < f->count; i++)
		item_release(&f->items[i]);
	free(f->items);
	import_feed_init(f);
}

/* libxml2's first error, kept with its line for the message. */
struct parse_errors {
	char message[256];
	int line;
	bool no_memory;
};

static void on_error(void *data, xmlError *err)
{
	struct parse_errors *e = data;

	if (err->code == XML_ERR_NO_MEMORY)
		e->no_memory = true;
	if (e->message[0] || err->level < XML_ERR_ERROR)
		return;
	snprintf(e->message, sizeof(e->message), "%s", err->message ? err->message : "error");
	e->message[strcspn(e->message, "\n")] = '\0';
	e->line = err->line;
}

/* True when the XML declaration (the first line's "<?xml ... ?>") names
 * an encoding: libxml2 then converts from it. */
static bool declares_encoding(const char *xml, size_t len)
{
	char head[256];
	size_t n = len < sizeof(head) - 1 ? len : sizeof(head) - 1;
	char *end;

	memcpy(head, xml, n);
	head[n] = '\0';
	if (strncmp(head, "<?xml", 5) != 0 || !(end = strstr(head, "?>")))
		return false;
	*end = '\0';
	return strstr(head, "encoding") != NULL;
}

/* The limits every feed podpub reads keeps (see pp_xml_scan in util.h). */
static bool within_limits(const char *xml, size_t len, const char *name, struct diag *diag)
{
	struct pp_xml_scan scan;
	size_t bad;

	if (len > PP_FEED_MAX) {
		diag_error(diag, name, 0, "the feed is %zu bytes, more than the %zu MiB podpub reads",
			   len, PP_FEED_MAX >> 20);
		return false;
	}
	pp_xml_scan(xml, len, &scan);
	if (scan.entity_declared) {
		diag_error(diag, name, pp_line_of_offset(xml, scan.entity_at),
			   "the feed's DTD declares an entity: podpub does not expand them");
		return false;
	}
	if (scan.elements > PP_XML_MAX_ELEMENTS || scan.longest_text > PP_XML_MAX_TEXT ||
	    scan.most_attributes > PP_XML_MAX_ATTRIBUTES) {
		diag_error(diag, name, 0, "the feed is larger in elements, attributes or text than "
					  "podpub reads (see 'podpub lint')");
		return false;
	}
	/* A declared other encoding is converted by libxml2; bytes that
	 * claim UTF-8 (or nothing) must be it. */
	if (!declares_encoding(xml, len) && !pp_utf8_valid(xml, len, &bad)) {
		diag_error(diag, name, pp_line_of_offset(xml, bad), "the feed is not valid UTF-8");
		return false;
	}
	return true;
}

enum pp_result import_feed_parse(const char *xml, size_t len, const char *base, const char *name,
				 struct import_feed *out, struct diag *diag)
{
	struct reader r = { .base = base };
	struct parse_errors errors = { .line = 0 };
	xmlStructuredErrorFunc saved_handler = xmlStructuredError;
	void *saved_context = xmlStructuredErrorContext;
	const xmlNode *root, *channel;
	enum pp_result res = PP_EPARSE;
	xmlDoc *doc = NULL;

	if (!within_limits(xml, len, name, diag))
		return PP_EPARSE;
	/* As lint reads any feed: no network, no external entities or DTDs
	 * (XML_PARSE_NOENT and XML_PARSE_DTDLOAD stay off). The handler stays
	 * for the walk too: libxml2 tells running out of memory in
	 * xmlGetProp or xmlBuildURI only to it. */
	xmlSetStructuredErrorFunc(&errors, on_error);
	doc = xmlReadMemory(xml, (int)len, base, NULL,
			    XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOERROR |
				    XML_PARSE_NOWARNING);
	if (errors.no_memory) {
		res = PP_ENOMEM;
		goto out;
	}
	if (!doc || errors.message[0]) {
		diag_error(diag, name, errors.line, "not a well-formed feed: %s",
			   errors.message[0] ? errors.message : "no document");
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	if (!root || !is_elem(root, NS_NONE, "rss") || !(channel = child(root, NS_NONE, "channel"))) {
		diag_error(diag, name, root ? (int)xmlGetLineNo(root) : 0,
			   "not an RSS feed: no <rss> with a <channel>");
		goto out;
	}
	read_channel(&r, channel, &out->channel);
	for (const xmlNode *n = channel->children; n && !r.no_memory; n = n->next) {
		struct import_item *grown;

		if (!is_elem(n, NS_NONE, "item"))
			continue;
		grown = pp_grow(out->items, &out->alloc, out->count + 1, sizeof(*grown));
		if (!grown) {
			r.no_memory = true;
			break;
		}
		out->items = grown;
		memset(&grown[out->count], 0, sizeof(*grown));
		read_item(&r, n, &grown[out->count++]);
	}
	res = r.no_memory || errors.no_memory ? PP_ENOMEM : PP_OK;
out:
	xmlSetStructuredErrorFunc(saved_context, saved_handler);
	xmlFreeDoc(doc);
	return res;
}

/* RFC 2822 zone names (section 4.3) and the ones hosts add. */
static const struct {
	const char *name;
	int minutes;
} zones[] = {
	{ "GMT", 0 },	 { "UT", 0 },	  { "UTC", 0 },	   { "Z", 0 },	    { "EST", -300 },
	{ "EDT", -240 }, { "CST", -360 }, { "CDT", -300 }, { "MST", -420 }, { "MDT", -360 },
	{ "PST", -480 }, { "PDT", -420 },
};

bool import_pubdate(const char *s, char out[IMPORT_DATE_SIZE])
{
	int day, year, hour, minute, second = 0, month = -1, offset = 0, used = 0;
	char mon[4] = "", zone[8] = "";
	const char *p = s, *comma = strchr(s, ',');

	if (comma)
		p = comma + 1;
	if (sscanf(p, " %2d %3s %4d %2d:%2d%n", &day, mon, &year, &hour, &minute, &used) != 5)
		return false;
	p += used;
	if (*p == ':' && sscanf(p, ":%2d%n", &second, &used) == 1)
		p += used;
	for (int m = 0; m < 12; m++)
		if (strcasecmp(mon, datetime_month_names[m]) == 0)
			month = m + 1;
	if (sscanf(p, " %7s", zone) != 1)
		zone[0] = '\0'; /* no zone: RFC 822's readers take GMT */
	if ((zone[0] == '+' || zone[0] == '-') && strlen(zone) == 5 &&
	    strspn(zone + 1, "0123456789") == 4) {
		int hhmm = (int)strtol(zone + 1, NULL, 10);

		offset = (hhmm / 100) * 60 + hhmm % 100;
		if (zone[0] == '-')
			offset = -offset;
	} else if (zone[0]) {
		size_t i = 0;

		while (i < COUNT(zones) && strcasecmp(zone, zones[i].name) != 0)
			i++;
		if (i == COUNT(zones))
			return false;
		offset = zones[i].minutes;
	}
	if (month < 0 || day < 1 || day > 31 || year < 1970 || hour > 23 || minute > 59 ||
	    second > 60 || offset <= -24 * 60 || offset >= 24 * 60)
		return false;
	/* The ranges were checked above; the modulos tell the compiler. */
	snprintf(out, IMPORT_DATE_SIZE, "%04u-%02u-%02u %02u:%02u:%02u%c%02u:%02u",
		 (unsigned)year % 10000u, (unsigned)month % 100u, (unsigned)day % 100u,
		 (unsigned)hour % 100u, (unsigned)minute % 100u,
		 (unsigned)(second > 59 ? 59 : second) % 100u, offset < 0 ? '-' : '+',
		 (unsigned)abs(offset) / 60u % 100u, (unsigned)abs(offset) % 60u);
	return true;
}

double import_duration(const char *text)
{
	double parts[3], seconds = 0.0;
	size_t n = 0;
	const char *p = text;

	while (n < 3) {
		char *end;
		double v;

		if (!isdigit((unsigned char)*p))
			return -1.0;
		v = strtod(p, &end);
		parts[n++] = v;
		p = end;
		if (*p != ':')
			break;
		p++;
	}
	if (*p)
		return -1.0;
	for (size_t i = 0; i < n; i++) {
		/* Minutes and seconds after the first part are below 60. */
		if (i > 0 && parts[i] >= 60.0)
			return -1.0;
		seconds = seconds * 60.0 + parts[i];
	}
	return seconds;
}
