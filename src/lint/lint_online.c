/* lint_online.c - what a feed links to, fetched and judged (`podpub lint
 * --online`), and how the feed itself was fetched (`podpub lint URL`).
 *
 * The rules here have no check of their own in the driver's sense: the
 * tree tells only which urls to fetch. lint_online collects them (the
 * channel's art; each of the newest items' enclosure, art, transcripts and
 * chapters), fetches them all at once through target/fetch.h, and judges
 * the replies: a HEAD and a small ranged GET for an enclosure (never the
 * whole episode), a capped GET for everything else, whose bytes are decoded
 * (art with libav* through media/probe.h, chapters with jansson through
 * media/chapters.h, transcripts by their first lines). */
#include "lint/lint_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "apple.h"
#include "buf.h"
#include "diag.h"
#include "media/chapters.h"
#include "media/probe.h"
#include "target/fetch.h"
#include "value.h"

/* The bytes of an enclosure asked for: enough to see a range honoured. */
#define ENCLOSURE_RANGE "0-1023"
/* A server that ignores Range is cut off here, not after a whole episode. */
#define ENCLOSURE_CAP ((size_t)64 << 10)
#define IMAGE_CAP ((size_t)16 << 20)
#define TEXT_CAP ((size_t)8 << 20)

enum {
	ONLINE_FEED_REDIRECT,
	ONLINE_UNREACHABLE,
	ONLINE_NOT_HTTPS,
	ONLINE_STATUS,
	ONLINE_ACCEPT_RANGES,
	ONLINE_LENGTH,
	ONLINE_TYPE,
	ONLINE_IMAGE_FORMAT,
	ONLINE_IMAGE_SIZE,
	ONLINE_CHAPTERS,
	ONLINE_TRANSCRIPT,
	ONLINE_CORS,
	ONLINE_RULES
};

#define APPLE_823 "Apple Podcasts RSS feed requirements (podcasters.apple.com/support/823)"
#define PC20 "Podcasting 2.0 namespace (podcastindex.org/namespace/1.0)"

/* Rows indexed by the enum above; no check: lint_online reports them. */
const struct lint_rule lint_rules_online[] = {
    [ONLINE_FEED_REDIRECT] = {"online-feed-redirect", LINT_INFO, 0, NULL,
			      "the feed's url answers without a redirect (each one is listed)",
			      "RSS Best Practices Profile (rssboard.org/rss-profile) section 5: "
			      "atom:link rel=\"self\"; podpub fetches up to 5 redirects"},
    [ONLINE_UNREACHABLE] = {"online-unreachable", LINT_ERROR, 0, NULL,
			    "every linked url answers: its host resolves, connects, and passes "
			    "TLS verification in time",
			    APPLE_823 ": hosting; podpub --online"},
    [ONLINE_NOT_HTTPS] = {"online-not-https", LINT_WARNING, 0, NULL,
			  "the feed and what it links to are served over https, redirects "
			  "included",
			  "Apple Podcasts for Creators: hosting requirements (https recommended)"},
    [ONLINE_STATUS] = {"online-status", LINT_ERROR, 0, NULL,
		       "every linked url answers 200 (or 206 to a range)",
		       "RFC 9110 sections 15.3.1 and 15.3.7"},
    [ONLINE_ACCEPT_RANGES] = {"online-accept-ranges", LINT_WARNING, 0, NULL,
			      "enclosures are served with Accept-Ranges: bytes and answer a "
			      "range with 206",
			      APPLE_823 ": hosting servers must support byte-range requests"},
    [ONLINE_LENGTH] = {"online-length", LINT_WARNING, 0, NULL,
		       "an enclosure's length is the size its server gives (Content-Length, "
		       "Content-Range)",
		       "RSS 2.0 (rssboard.org/rss-specification): <enclosure> length in bytes"},
    [ONLINE_TYPE] = {"online-type", LINT_WARNING, 0, NULL,
		     "an enclosure's type is the Content-Type its server gives",
		     "RSS 2.0 (rssboard.org/rss-specification): <enclosure> type"},
    [ONLINE_IMAGE_FORMAT] = {"online-image-format", LINT_ERROR, 0, NULL,
			     "art decodes as a colour JPEG or PNG",
			     APPLE_823 ": <itunes:image>, JPEG or PNG in the RGB colour space"},
    [ONLINE_IMAGE_SIZE] = {"online-image-size", LINT_ERROR, 0, NULL,
			   "art is square, 1400 to 3000 pixels a side",
			   APPLE_823 ": <itunes:image>, 1400 x 1400 to 3000 x 3000 pixels"},
    [ONLINE_CHAPTERS] = {"online-chapters", LINT_ERROR, 0, NULL,
			 "chapters files are JSON chapters: a version and chapters with a "
			 "startTime",
			 PC20 ": JSON chapters format"},
    [ONLINE_TRANSCRIPT] = {"online-transcript", LINT_ERROR, 0, NULL,
			   "WebVTT transcripts start with WEBVTT, SRT ones with a numbered, "
			   "timed cue",
			   PC20 ": <podcast:transcript>; W3C WebVTT section 4.1"},
    [ONLINE_CORS] = {"online-cors", LINT_WARNING, 0, NULL,
		     "transcripts and chapters are served with Access-Control-Allow-Origin",
		     PC20 ": <podcast:transcript>, <podcast:chapters>, web apps fetch them "
			  "across origins"},
};
const size_t lint_rules_online_count = COUNT(lint_rules_online);
_Static_assert(COUNT(lint_rules_online) == ONLINE_RULES, "a row for every online rule");

enum resource_kind { RES_ENCLOSURE, RES_IMAGE, RES_TRANSCRIPT, RES_CHAPTERS };

/* One url to fetch, where it stands and what the feed says of it. */
struct resource {
	enum resource_kind kind;
	xmlChar *url;
	xmlChar *type; /* enclosure and transcript type; NULL when none */
	long long length; /* enclosure length; 0 when unknown */
	long line;
	char element[LINT_PATH_SIZE];
	size_t head, get; /* their requests; head is SIZE_MAX when none */
};

struct online {
	struct lint_run run;
	struct resource *res;
	size_t count, alloc;
	xmlHashTable *seen; /* url -> 1: each url is fetched and judged once */
};

static void report(struct online *o, size_t rule, const struct resource *r, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void report(struct online *o, size_t rule, const struct resource *r, const char *fmt, ...)
{
	va_list ap;

	o->run.rule = &lint_rules_online[rule];
	va_start(ap, fmt);
	lint_add_vline(&o->run, r ? r->line : 0, r ? r->element : NULL, fmt, ap);
	va_end(ap);
}

/* Adds the url in attribute `attr` of `n` (text when NULL) unless it is no
 * absolute http(s) url (the offline rules' business) or already added. */
static void add(struct online *o, enum resource_kind kind, xmlNode *n, const char *attr,
		size_t index, const char *leaf)
{
	struct resource *grown, *r;
	xmlChar *url;

	if (!n || o->run.res != PP_OK)
		return;
	url = attr ? lint_attr_of(&o->run, n, attr) : lint_text_of(&o->run, n);
	if (!url || !value_is_http_url(S(url)) || xmlHashLookup(o->seen, url)) {
		xmlFree(url);
		return;
	}
	if (xmlHashAddEntry(o->seen, url, o) != 0 ||
	    !(grown = pp_grow(o->res, &o->alloc, o->count + 1, sizeof(*grown)))) {
		xmlFree(url);
		o->run.res = PP_ENOMEM;
		return;
	}
	o->res = grown;
	r = &o->res[o->count++];
	*r = (struct resource){.kind = kind, .url = url, .line = xmlGetLineNo(n), .head = SIZE_MAX};
	lint_path_of(r->element, index, leaf);
	if (kind == RES_ENCLOSURE || kind == RES_TRANSCRIPT) {
		xmlChar *length = kind == RES_ENCLOSURE ? lint_attr_of(&o->run, n, "length") : NULL;

		if (!(r->type = lint_attr_of(&o->run, n, "type")))
			return;
		if (length && lint_value_count(S(length)))
			r->length = strtoll(S(length), NULL, 10);
		xmlFree(length);
	}
}

static void collect(struct online *o, xmlNode *channel, size_t newest)
{
	size_t index = 0;

	add(o, RES_IMAGE, lint_child_elem(channel, NS_ITUNES, "image"), "href", 0, "itunes:image");
	for (xmlNode *item = lint_next_item(channel, NULL); item && o->run.res == PP_OK;
	     item = lint_next_item(channel, item)) {
		if (newest && index == newest)
			break;
		index++;
		add(o, RES_ENCLOSURE, lint_child_elem(item, NULL, "enclosure"), "url", index,
		    "enclosure");
		add(o, RES_IMAGE, lint_child_elem(item, NS_ITUNES, "image"), "href", index,
		    "itunes:image");
		for (xmlNode *n = item->children; n; n = n->next) {
			if (lint_is_elem(n, NS_PODCAST, "transcript"))
				add(o, RES_TRANSCRIPT, n, "url", index, "podcast:transcript");
			else if (lint_is_elem(n, NS_PODCAST, "chapters"))
				add(o, RES_CHAPTERS, n, "url", index, "podcast:chapters");
		}
	}
}

/* "audio/MPEG; charset=x" -> "audio/mpeg" into `out`. */
static const char *base_type(const char *type, char out[64])
{
	size_t n = strcspn(type, "; \t");

	if (n >= 64)
		n = 63;
	for (size_t i = 0; i < n; i++)
		out[i] = (char)(type[i] >= 'A' && type[i] <= 'Z' ? type[i] - 'A' + 'a' : type[i]);
	out[n] = '\0';
	return out;
}

/* Types that name the same media: servers and feeds spell them apart. */
static const char *const type_families[][4] = {
    {"audio/mpeg", "audio/mp3", "audio/mpeg3", "audio/x-mp3"},
    {"audio/x-m4a", "audio/mp4", "audio/m4a", "audio/aac"},
    {"video/mp4", "video/x-m4v", "video/m4v", NULL},
};

static bool same_type(const char *a, const char *b)
{
	if (strcmp(a, b) == 0)
		return true;
	for (size_t i = 0; i < COUNT(type_families); i++)
		if (lint_is_one_of(a, type_families[i], type_families[i][3] ? 4 : 3) &&
		    lint_is_one_of(b, type_families[i], type_families[i][3] ? 4 : 3))
			return true;
	return false;
}

/* The total of "bytes 0-1023/24986239"; -1 when absent or "*". */
static long long range_total(const char *content_range)
{
	const char *slash = content_range ? strchr(content_range, '/') : NULL;
	char *end = NULL;
	long long v;

	if (!slash)
		return -1;
	v = strtoll(slash + 1, &end, 10);
	return end != slash + 1 && v >= 0 ? v : -1;
}

static void judge_enclosure(struct online *o, const struct resource *r,
			    const struct fetch_reply *head, const struct fetch_reply *get)
{
	bool ranges = head->answered && head->accept_ranges &&
		      strcasecmp(head->accept_ranges, "bytes") == 0;
	const char *served = head->content_type ? head->content_type : get->content_type;
	long long total = range_total(get->content_range);
	char want[64], got[64];

	if (!ranges || get->status != 206)
		report(o, ONLINE_ACCEPT_RANGES, r, "enclosure '%s' %s: apple podcasts needs byte ranges",
		       S(r->url),
		       !ranges ? "is served without 'Accept-Ranges: bytes'"
			       : "answered a range request with the whole file");
	if (total < 0 && head->answered)
		total = head->content_length;
	if (r->length > 0 && total >= 0 && total != r->length)
		report(o, ONLINE_LENGTH, r,
		       "enclosure length is %lld bytes, but '%s' is %lld bytes", r->length,
		       S(r->url), total);
	if (r->type && *r->type && served && !same_type(base_type(S(r->type), want),
						      base_type(served, got)))
		report(o, ONLINE_TYPE, r, "enclosure type is '%s', but '%s' is served as '%s'",
		       S(r->type), S(r->url), got);
}

static void judge_image(struct online *o, const struct resource *r, const struct fetch_reply *get)
{
	struct probe_image img;
	struct diag diag;
	enum pp_result res;

	if (get->too_large) {
		report(o, ONLINE_IMAGE_FORMAT, r, "image '%s' is over %zu MiB: podpub read no more",
		       S(r->url), IMAGE_CAP >> 20);
		return;
	}
	diag_init(&diag);
	res = probe_image_data(get->body ? get->body : "", get->len, &img, &diag);
	if (res == PP_ENOMEM || diag.out_of_memory) {
		o->run.res = PP_ENOMEM;
	} else if (res != PP_OK) {
		const char *why = diag.count ? diag.entries[0].message : pp_strerror(res);

		report(o, ONLINE_IMAGE_FORMAT, r, "image '%s' is no PNG or JPEG: %s", S(r->url), why);
	} else {
		if (img.width != img.height || img.width < APPLE_ART_MIN_PX ||
		    img.width > APPLE_ART_MAX_PX)
			report(o, ONLINE_IMAGE_SIZE, r,
			       "image '%s' is %dx%d: art must be square, %d to %d pixels a side",
			       S(r->url), img.width, img.height, APPLE_ART_MIN_PX, APPLE_ART_MAX_PX);
		if (!img.color)
			report(o, ONLINE_IMAGE_FORMAT, r,
			       "image '%s' is greyscale: art must be in colour (RGB)", S(r->url));
	}
	diag_release(&diag);
}

static void judge_text(struct online *o, const struct resource *r, const struct fetch_reply *get)
{
	const char *what = r->kind == RES_CHAPTERS ? "chapters" : "transcript";
	const char *text = get->body ? get->body : "";
	char type[64], why[200];

	if (!get->allow_origin)
		report(o, ONLINE_CORS, r,
		       "%s '%s' is served without Access-Control-Allow-Origin: web players "
		       "cannot load it",
		       what, S(r->url));
	if (get->too_large) {
		report(o, r->kind == RES_CHAPTERS ? ONLINE_CHAPTERS : ONLINE_TRANSCRIPT, r,
		       "%s '%s' is over %zu MiB: podpub read no more", what, S(r->url),
		       TEXT_CAP >> 20);
		return;
	}
	if (r->kind == RES_CHAPTERS) {
		if (!chapters_check_json(text, get->len, why, sizeof(why)))
			report(o, ONLINE_CHAPTERS, r, "chapters '%s' are not JSON chapters: %s",
			       S(r->url), why);
		return;
	}
	/* Other transcript types (html, json) are read by few apps: left alone. */
	base_type(r->type ? S(r->type) : "", type);
	if (strcmp(type, "text/vtt") == 0 && !lint_value_webvtt(text))
		report(o, ONLINE_TRANSCRIPT, r, "transcript '%s' is not WebVTT: it does not start "
		       "with 'WEBVTT'", S(r->url));
	else if ((strcmp(type, "application/x-subrip") == 0 || strcmp(type, "application/srt") == 0 ||
		  strcmp(type, "text/srt") == 0) &&
		 !lint_value_srt(text))
		report(o, ONLINE_TRANSCRIPT, r,
		       "transcript '%s' is not SubRip: no numbered cue with a "
		       "'00:00:01,000 --> 00:00:04,000' timing first", S(r->url));
}

static void judge(struct online *o, const struct resource *r, const struct fetch_request *reqs)
{
	const struct fetch_reply *get = &reqs[r->get].reply;
	const char *final = get->final_url ? get->final_url : S(r->url);

	if (!get->answered) {
		report(o, ONLINE_UNREACHABLE, r, "cannot fetch '%s': %s", S(r->url), get->words);
		return;
	}
	/* Enclosures and art given as http:// are rss-http-media's already;
	 * what only fetching shows is an https url sent to http, and the
	 * Podcasting 2.0 files, which no offline rule looks at. */
	if (strncasecmp(final, "http://", 7) == 0 &&
	    (strncasecmp(S(r->url), "https://", 8) == 0 || r->kind == RES_TRANSCRIPT ||
	     r->kind == RES_CHAPTERS))
		report(o, ONLINE_NOT_HTTPS, r, "'%s' is served over plain http%s%s", S(r->url),
		       strcmp(final, S(r->url)) ? " from " : "",
		       strcmp(final, S(r->url)) ? final : "");
	if (get->status != 200 && get->status != 206) {
		report(o, ONLINE_STATUS, r, "'%s' answered status %ld", S(r->url), get->status);
		return;
	}
	switch (r->kind) {
	case RES_ENCLOSURE:
		judge_enclosure(o, r, &reqs[r->head].reply, get);
		break;
	case RES_IMAGE:
		judge_image(o, r, get);
		break;
	case RES_TRANSCRIPT:
	case RES_CHAPTERS:
		judge_text(o, r, get);
		break;
	}
}

/* The requests of every resource: a HEAD and a ranged GET for an
 * enclosure, one capped GET for the rest. Caller frees. */
static struct fetch_request *plan(struct online *o, size_t *count)
{
	struct fetch_request *reqs = calloc(o->count * 2 + 1, sizeof(*reqs));
	size_t n = 0;

	if (!reqs)
		return NULL;
	for (size_t i = 0; i < o->count; i++) {
		struct resource *r = &o->res[i];

		if (r->kind == RES_ENCLOSURE) {
			r->head = n;
			reqs[n++] = (struct fetch_request){.url = S(r->url), .head = true};
		}
		r->get = n;
		reqs[n++] = (struct fetch_request){
		    .url = S(r->url),
		    .range = r->kind == RES_ENCLOSURE ? ENCLOSURE_RANGE : NULL,
		    .max_bytes = r->kind == RES_ENCLOSURE ? ENCLOSURE_CAP
				 : r->kind == RES_IMAGE	  ? IMAGE_CAP
							  : TEXT_CAP,
		};
	}
	*count = n;
	return reqs;
}

/* The tree is parsed again, quietly: lint_feed has reported its errors. */
static void ignore_error(void *data, xmlError *err)
{
	(void)data;
	(void)err;
}

enum pp_result lint_online(const char *xml, size_t len, const struct lint_online_options *opts,
			   struct lint_report *report_to)
{
	struct online o = {.run = {.report = report_to}};
	struct fetch_options fo = {.ca_file = opts->ca_file};
	struct fetch_request *reqs = NULL;
	xmlParserCtxt *ctxt = NULL;
	xmlDoc *doc = NULL;
	xmlNode *root, *channel;
	size_t nreqs = 0;

	/* A feed the parser refused, or one past its limits, is not walked. */
	for (size_t i = 0; i < report_to->count; i++)
		if (strncmp(report_to->findings[i].rule_id, "xml-", 4) == 0 &&
		    report_to->findings[i].severity == LINT_ERROR)
			return PP_OK;
	if (!(o.seen = xmlHashCreate(0)) || !(ctxt = xmlNewParserCtxt())) {
		o.run.res = PP_ENOMEM;
		goto out;
	}
	ctxt->sax->serror = ignore_error;
	doc = xmlCtxtReadMemory(ctxt, xml, (int)len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_BIG_LINES);
	root = doc ? xmlDocGetRootElement(doc) : NULL;
	channel = root && lint_is_elem(root, NULL, "rss") ? lint_child_elem(root, NULL, "channel")
							  : NULL;
	if (!channel)
		goto out;
	collect(&o, channel, opts->newest);
	if (o.run.res != PP_OK || o.count == 0)
		goto out;
	if (!(reqs = plan(&o, &nreqs))) {
		o.run.res = PP_ENOMEM;
		goto out;
	}
	if ((o.run.res = fetch_all(reqs, nreqs, &fo)) != PP_OK)
		goto out;
	for (size_t i = 0; i < o.count && o.run.res == PP_OK; i++)
		judge(&o, &o.res[i], reqs);
out:
	for (size_t i = 0; reqs && i < nreqs; i++)
		fetch_reply_release(&reqs[i].reply);
	free(reqs);
	for (size_t i = 0; i < o.count; i++) {
		xmlFree(o.res[i].url);
		xmlFree(o.res[i].type);
	}
	free(o.res);
	xmlHashFree(o.seen, NULL);
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	return o.run.res;
}

enum pp_result lint_fetched(const char *url, const struct fetch_reply *reply,
			    struct lint_report *report_to)
{
	struct online o = {.run = {.report = report_to}};
	const char *from = url;

	for (size_t i = 0; i < reply->redirect_count && o.run.res == PP_OK; i++) {
		const char *to = strchr(reply->redirects[i], ' ');

		to = to ? to + 1 : reply->redirects[i];
		report(&o, ONLINE_FEED_REDIRECT, NULL, "'%s' redirects (%.3s) to '%s'", from,
		       reply->redirects[i], to);
		from = to;
	}
	if (o.run.res == PP_OK && reply->final_url &&
	    strncasecmp(reply->final_url, "http://", 7) == 0 && !fetch_is_loopback_http(reply->final_url))
		report(&o, ONLINE_NOT_HTTPS, NULL, "the feed '%s' is served over plain http",
		       reply->final_url);
	return o.run.res;
}
