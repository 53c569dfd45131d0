#include "feed.h"

#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include "datetime.h"
#include "ns.h"
#include "version.h"
#include "util.h"


/* Every libxml2 writer call returns < 0 on failure; the first failure sticks
 * so the writing code can stay a straight list of elements. */
struct writer {
	xmlTextWriterPtr w;
	bool failed;
	bool out_of_memory; /* ours, not libxml2's */
};

#define X(s) ((const xmlChar *)(s))

static void check(struct writer *wr, int rc)
{
	if (rc < 0)
		wr->failed = true;
}

/* The writer escapes markup but passes control characters through, which
 * would make the feed malformed. config and episode refuse such text with
 * its line; reaching here with it is a bug, so the build stops. */
static bool fit(struct writer *wr, const char *text)
{
	if (!wr->failed && text && !pp_xml_text_valid(text, strlen(text), NULL))
		wr->failed = true;
	return !wr->failed;
}

static void start(struct writer *wr, const char *name)
{
	if (!wr->failed)
		check(wr, xmlTextWriterStartElement(wr->w, X(name)));
}

static void end(struct writer *wr)
{
	if (!wr->failed)
		check(wr, xmlTextWriterEndElement(wr->w));
}

static void attr(struct writer *wr, const char *name, const char *value)
{
	if (value && fit(wr, value))
		check(wr, xmlTextWriterWriteAttribute(wr->w, X(name), X(value)));
}

/* A text element; the writer escapes the text. Skipped when text is NULL. */
static void element(struct writer *wr, const char *name, const char *text)
{
	if (text && fit(wr, text))
		check(wr, xmlTextWriterWriteElement(wr->w, X(name), X(text)));
}

static void element_long(struct writer *wr, const char *name, long value)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", value);
	element(wr, name, buf);
}

/* A CDATA section cannot contain "]]>"; split it across two sections
 * ("]]" ends one, ">" starts the next), which readers join back. */
static void cdata(struct writer *wr, const char *text)
{
	const char *p = text;
	const char *cut;

	if (!fit(wr, text))
		return;
	while (!wr->failed && (cut = strstr(p, "]]>"))) {
		char *part = strndup(p, (size_t)(cut - p) + 2);

		if (!part) {
			wr->failed = true;
			return;
		}
		check(wr, xmlTextWriterWriteCDATA(wr->w, X(part)));
		free(part);
		p = cut + 2;
	}
	if (!wr->failed)
		check(wr, xmlTextWriterWriteCDATA(wr->w, X(p)));
}

static const char *true_false(bool v)
{
	return v ? "true" : "false";
}

static void write_categories(struct writer *wr, const struct config *c)
{
	for (size_t i = 0; i < c->category_count; i++) {
		const struct config_category *cat = &c->categories[i];

		/* Consecutive entries of one category share its element. */
		if (i == 0 || strcmp(c->categories[i - 1].name, cat->name) != 0) {
			start(wr, "itunes:category");
			attr(wr, "text", cat->name);
		}
		if (cat->subcategory) {
			start(wr, "itunes:category");
			attr(wr, "text", cat->subcategory);
			end(wr);
		}
		if (i + 1 == c->category_count || strcmp(c->categories[i + 1].name, cat->name) != 0)
			end(wr);
	}
}

/* A date in the show's time zone, with its offset: a listener reading the
 * feed sees the show's own 09:00, not 07:00 UTC. */
static void format_date(struct writer *wr, const struct show *s, time_t t,
			char out[DATETIME_RFC2822_SIZE])
{
	if (datetime_rfc2822_in(t, s->config.timezone, out) != PP_OK) {
		wr->failed = wr->out_of_memory = true;
		out[0] = '\0';
	}
}

/* The channel's own elements; `moved`: for the show's old address. */
static void write_channel_head(struct writer *wr, const struct show *s, bool moved)
{
	const struct config *c = &s->config;
	char date[DATETIME_RFC2822_SIZE];

	format_date(wr, s, s->newest, date);
	element(wr, "title", c->title);
	element(wr, "link", c->link);
	element(wr, "description", c->description);
	element(wr, "language", c->language);
	element(wr, "copyright", c->copyright);
	element(wr, "generator", "podpub " PODPUB_VERSION);
	element(wr, "pubDate", date);
	element(wr, "lastBuildDate", date);
	start(wr, "atom:link");
	attr(wr, "href", c->feed_url);
	attr(wr, "rel", "self");
	attr(wr, "type", "application/rss+xml");
	end(wr);
	if (c->hub) { /* WebSub: apps that subscribe hear of a new episode at once */
		start(wr, "atom:link");
		attr(wr, "href", c->hub);
		attr(wr, "rel", "hub");
		end(wr);
	}
	start(wr, "image");
	element(wr, "url", s->image.url);
	element(wr, "title", c->title);
	element(wr, "link", c->link);
	end(wr);

	element(wr, "itunes:author", c->author);
	start(wr, "itunes:owner");
	element(wr, "itunes:name", c->owner_name);
	element(wr, "itunes:email", c->owner_email);
	end(wr);
	start(wr, "itunes:image");
	attr(wr, "href", s->image.url);
	end(wr);
	write_categories(wr, c);
	element(wr, "itunes:explicit", true_false(c->explicit_content));
	element(wr, "itunes:type", c->type);
	if (moved) /* Apple's word for "this feed now lives there" */
		element(wr, "itunes:new-feed-url", c->feed_url);

	element(wr, "podcast:guid", c->podcast_guid);
	start(wr, "podcast:locked");
	attr(wr, "owner", c->owner_email);
	if (!wr->failed)
		check(wr, xmlTextWriterWriteString(wr->w, X(c->locked ? "yes" : "no")));
	end(wr);
}

static void write_person(struct writer *wr, const struct person *p)
{
	start(wr, "podcast:person");
	attr(wr, "role", p->role);
	attr(wr, "group", p->group);
	attr(wr, "href", p->href);
	attr(wr, "img", p->img);
	if (fit(wr, p->name))
		check(wr, xmlTextWriterWriteString(wr->w, X(p->name)));
	end(wr);
}

static void write_item(struct writer *wr, const struct show *s, const struct show_episode *se)
{
	const struct episode *e = &se->meta;
	char date[DATETIME_RFC2822_SIZE], length[32];
	bool explicit_content = e->explicit_given ? e->explicit_content : s->config.explicit_content;

	format_date(wr, s, e->date, date);
	snprintf(length, sizeof(length), "%lld", (long long)se->audio.size);

	start(wr, "item");
	element(wr, "title", e->title);
	element(wr, "itunes:title", e->title);
	/* The episode's own page, unless its front matter names another. */
	element(wr, "link", e->link ? e->link : se->page_url);
	element(wr, "description", e->notes_text);
	start(wr, "content:encoded");
	cdata(wr, e->notes_html);
	end(wr);
	start(wr, "enclosure");
	attr(wr, "url", se->audio.url);
	attr(wr, "length", length);
	attr(wr, "type", se->probe.mime_type);
	end(wr);
	start(wr, "guid");
	attr(wr, "isPermaLink", "false");
	if (!wr->failed)
		check(wr, xmlTextWriterWriteString(wr->w, X(se->guid)));
	end(wr);
	element(wr, "pubDate", date);
	/* Whole seconds, rounded: apps show and seek by it. */
	element_long(wr, "itunes:duration", lround(se->probe.duration));
	if (e->number)
		element_long(wr, "itunes:episode", e->number);
	if (e->season)
		element_long(wr, "itunes:season", e->season);
	element(wr, "itunes:episodeType", e->type);
	element(wr, "itunes:explicit", true_false(explicit_content));
	if (e->block)
		element(wr, "itunes:block", "Yes");
	if (se->art.url) {
		start(wr, "itunes:image");
		attr(wr, "href", se->art.url);
		end(wr);
	}
	if (e->season)
		element_long(wr, "podcast:season", e->season);
	if (e->number)
		element_long(wr, "podcast:episode", e->number);
	for (size_t i = 0; i < e->person_count; i++)
		write_person(wr, &e->persons[i]);
	if (se->chapters.url) {
		start(wr, "podcast:chapters");
		attr(wr, "url", se->chapters.url);
		attr(wr, "type", CHAPTERS_TYPE);
		end(wr);
	}
	for (size_t i = 0; i < se->transcript_count; i++) {
		const struct show_transcript *t = &se->transcripts[i];

		start(wr, "podcast:transcript");
		attr(wr, "url", t->file.url);
		attr(wr, "type", transcript_media_type(t->format));
		attr(wr, "language", t->language);
		/* WebVTT is timed for captions; the spec's rel says apps may
		 * show it so. SubRip is timed too, but the spec names VTT. */
		if (t->format == TRANSCRIPT_VTT)
			attr(wr, "rel", "captions");
		end(wr);
	}
	end(wr);
}

/* The thread's handler of libxml2's errors while feed_build or
 * feed_read_items runs: it tells running out of memory from the rest. */
static void note_no_memory(void *data, xmlError *err)
{
	if (err->code == XML_ERR_NO_MEMORY)
		*(bool *)data = true;
}

static enum pp_result build(const struct show *s, bool moved, char **xml, size_t *len)
{
	enum pp_result res = PP_ENOMEM;
	xmlStructuredErrorFunc saved_handler = xmlStructuredError;
	void *saved_context = xmlStructuredErrorContext;
	bool no_memory = false;
	xmlBufferPtr buf;
	struct writer wr = { 0 };

	*xml = NULL;
	*len = 0;
	xmlSetStructuredErrorFunc(&no_memory, note_no_memory);
	buf = xmlBufferCreate();
	if (!buf || !(wr.w = xmlNewTextWriterMemory(buf, 0)))
		goto out;
	check(&wr, xmlTextWriterSetIndent(wr.w, 1));
	check(&wr, xmlTextWriterSetIndentString(wr.w, X("  ")));
	check(&wr, xmlTextWriterStartDocument(wr.w, "1.0", "UTF-8", NULL));
	start(&wr, "rss");
	attr(&wr, "version", "2.0");
	attr(&wr, "xmlns:itunes", NS_ITUNES);
	attr(&wr, "xmlns:podcast", NS_PODCAST);
	attr(&wr, "xmlns:content", NS_CONTENT);
	attr(&wr, "xmlns:atom", NS_ATOM);
	start(&wr, "channel");
	write_channel_head(&wr, s, moved);
	for (size_t i = 0; i < s->episode_count; i++)
		write_item(&wr, s, &s->episodes[i]);
	end(&wr);
	end(&wr);
	if (!wr.failed)
		check(&wr, xmlTextWriterEndDocument(wr.w));
	xmlFreeTextWriter(wr.w); /* flushes into buf */
	wr.w = NULL;
	/* libxml2 2.9 writes nothing for a text it could not escape, and says
	 * so only to the handler. */
	if (wr.failed || no_memory) {
		res = no_memory || wr.out_of_memory ? PP_ENOMEM : PP_EINTERNAL;
		goto out;
	}
	*len = (size_t)xmlBufferLength(buf);
	*xml = malloc(*len + 1);
	if (!*xml)
		goto out;
	memcpy(*xml, xmlBufferContent(buf), *len);
	(*xml)[*len] = '\0';
	res = PP_OK;
out:
	if (wr.w)
		xmlFreeTextWriter(wr.w);
	if (buf)
		xmlBufferFree(buf);
	xmlSetStructuredErrorFunc(saved_context, saved_handler);
	return res;
}

enum pp_result feed_build(const struct show *s, char **xml, size_t *len)
{
	return build(s, false, xml, len);
}

enum pp_result feed_build_moved(const struct show *s, char **xml, size_t *len)
{
	return build(s, true, xml, len);
}

void feed_items_release(struct feed_items *items)
{
	for (size_t i = 0; i < items->count; i++) {
		free(items->items[i].guid);
		free(items->items[i].title);
		free(items->items[i].enclosure_url);
	}
	free(items->items);
	items->items = NULL;
	items->count = 0;
}

/* An element in no namespace named `name`: how RSS 2.0's own elements look. */
static bool is_plain_element(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !n->ns && strcmp((const char *)n->name, name) == 0;
}

/* The text of `parent`'s first child element named `name` (no namespace),
 * as a malloc'd string; "" when absent; NULL when out of memory (also
 * libxml2's: an element's content is NULL only then). */
static char *child_text(const xmlNode *parent, const char *name)
{
	for (const xmlNode *n = parent->children; n; n = n->next) {
		if (is_plain_element(n, name)) {
			xmlChar *text = xmlNodeGetContent(n);
			char *copy = text ? strdup((const char *)text) : NULL;

			xmlFree(text);
			return copy;
		}
	}
	return strdup("");
}

/* The item's enclosure url and length; false only when out of memory. */
static bool read_enclosure(const xmlNode *item, struct feed_item *out)
{
	xmlChar *url = NULL, *length = NULL;
	char *end;

	out->enclosure_length = -1;
	for (const xmlNode *n = item->children; n; n = n->next) {
		if (!is_plain_element(n, "enclosure"))
			continue;
		url = xmlGetNoNsProp(n, (const xmlChar *)"url");
		length = xmlGetNoNsProp(n, (const xmlChar *)"length");
		break;
	}
	out->enclosure_url = strdup(url ? (const char *)url : "");
	if (length) {
		long long v = strtoll((const char *)length, &end, 10);

		if (end != (const char *)length && *end == '\0' && v >= 0)
			out->enclosure_length = v;
	}
	xmlFree(url);
	xmlFree(length);
	return out->enclosure_url != NULL;
}

/* The live feed comes back from a target anyone with access may have
 * written: bounded in size, elements and attributes (util.h), UTF-8
 * throughout, and without the entity declarations podpub never writes. */
static bool within_limits(const char *xml, size_t len)
{
	return len <= PP_FEED_MAX && pp_utf8_valid(xml, len, NULL) &&
	       pp_xml_within_limits(xml, len);
}

enum pp_result feed_read_items(const char *xml, size_t len, struct feed_items *out)
{
	enum pp_result res = PP_EPARSE;
	xmlDoc *doc = NULL;
	xmlNode *root, *channel = NULL;
	size_t count = 0;
	xmlStructuredErrorFunc saved_handler = xmlStructuredError;
	void *saved_context = xmlStructuredErrorContext;
	bool no_memory = false;

	out->items = NULL;
	out->count = 0;
	if (!within_limits(xml, len))
		return PP_EPARSE;
	/* Our own previous output: no network, no entities, no noise on stderr. */
	xmlSetStructuredErrorFunc(&no_memory, note_no_memory);
	doc = xmlReadMemory(xml, (int)len, NULL, NULL,
			    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlSetStructuredErrorFunc(saved_context, saved_handler);
	if (no_memory) {
		res = PP_ENOMEM;
		goto out;
	}
	root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root || !is_plain_element(root, "rss"))
		goto out;
	/* podpub writes UTF-8; a declaration that says otherwise (and
	 * libxml2 converted from) is not a feed podpub wrote. */
	if (doc->encoding && xmlStrcasecmp(doc->encoding, X("UTF-8")) != 0)
		goto out;
	for (xmlNode *n = root->children; n && !channel; n = n->next)
		if (is_plain_element(n, "channel"))
			channel = n;
	if (!channel)
		goto out;
	for (xmlNode *n = channel->children; n; n = n->next)
		count += is_plain_element(n, "item");
	res = PP_ENOMEM;
	if (count && !(out->items = calloc(count, sizeof(*out->items))))
		goto out;
	for (xmlNode *n = channel->children; n; n = n->next) {
		struct feed_item *item;

		if (!is_plain_element(n, "item"))
			continue;
		item = &out->items[out->count++];
		if (!(item->guid = child_text(n, "guid")) || !(item->title = child_text(n, "title")) ||
		    !read_enclosure(n, item))
			goto out;
	}
	res = PP_OK;
out:
	if (res != PP_OK)
		feed_items_release(out);
	xmlFreeDoc(doc);
	return res;
}
