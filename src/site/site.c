#include "site/site.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxslt/security.h>
#include <libxslt/variables.h>
#include <libxslt/transform.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "buf.h"
#include "datetime.h"
#include "util.h"
#include "version.h"

#include "site_defaults.h"

#define X(s) ((const xmlChar *)(s))

void site_init(struct site *s)
{
	memset(s, 0, sizeof(*s));
}

void site_release(struct site *s)
{
	for (size_t i = 0; i < s->count; i++) {
		free(s->pages[i].path);
		free(s->pages[i].data);
	}
	free(s->pages);
	site_init(s);
}

const struct site_page *site_find(const struct site *s, const char *path)
{
	for (size_t i = 0; i < s->count; i++)
		if (strcmp(s->pages[i].path, path) == 0)
			return &s->pages[i];
	return NULL;
}

/* Takes `data` (malloc'd, `len` bytes and a NUL) into a new page. */
static enum pp_result add_page(struct site *s, char *path, char *data, size_t len,
			       const char *content_type)
{
	struct site_page *grown, *page;
	enum pp_result res = PP_ENOMEM;

	if (!path || !data)
		goto fail;
	grown = pp_grow(s->pages, &s->alloc, s->count + 1, sizeof(*grown));
	if (!grown)
		goto fail;
	s->pages = grown;
	page = &s->pages[s->count];
	if ((res = ident_sha256_buffer(data, len, page->sha256)) != PP_OK)
		goto fail;
	page->path = path;
	page->data = data;
	page->len = len;
	page->content_type = content_type;
	s->count++;
	return PP_OK;
fail:
	free(path);
	free(data);
	return res;
}

/* The directories a show lists under `subscribe:`, by the names their
 * owners spell; another key shows as it is written. */
static const struct {
	const char *key, *name;
} services[] = {
	{ "apple", "Apple Podcasts" },	   { "spotify", "Spotify" },
	{ "podcastindex", "Podcast Index" }, { "antennapod", "AntennaPod" },
	{ "pocketcasts", "Pocket Casts" },   { "overcast", "Overcast" },
	{ "castbox", "Castbox" },	   { "podcastaddict", "Podcast Addict" },
	{ "fountain", "Fountain" },	   { "castro", "Castro" },
	{ "youtube", "YouTube" },	   { "amazon", "Amazon Music" },
	{ "deezer", "Deezer" },		   { "podimo", "Podimo" },
	{ "supla", "Supla" },		   { "gpodder", "gPodder" },
};

static const char *service_name(const char *key)
{
	for (size_t i = 0; i < COUNT(services); i++)
		if (strcmp(services[i].key, key) == 0)
			return services[i].name;
	return key;
}

/* A date as the show's language writes it; ISO 8601 for the others. */
static const struct {
	const char *lang;
	bool month_first;  /* "March 4, 2025" */
	const char *day_suffix;
	const char *months[12];
} date_words[] = {
	{ "fi", false, ".", { "tammikuuta", "helmikuuta", "maaliskuuta", "huhtikuuta", "toukokuuta",
			      "kesäkuuta", "heinäkuuta", "elokuuta", "syyskuuta", "lokakuuta",
			      "marraskuuta", "joulukuuta" } },
	{ "sv", false, "", { "januari", "februari", "mars", "april", "maj", "juni", "juli",
			     "augusti", "september", "oktober", "november", "december" } },
	{ "de", false, ".", { "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
			      "August", "September", "Oktober", "November", "Dezember" } },
	{ "en", true, "", { "January", "February", "March", "April", "May", "June", "July",
			    "August", "September", "October", "November", "December" } },
};

static bool same_language(const char *lang, const char *code)
{
	size_t n = strlen(code);

	return strncmp(lang, code, n) == 0 && (lang[n] == '\0' || lang[n] == '-');
}

static void format_date(const struct tm *tm, const char *lang, char *out, size_t size)
{
	for (size_t i = 0; i < COUNT(date_words); i++) {
		const char *month = date_words[i].months[tm->tm_mon];

		if (!same_language(lang, date_words[i].lang))
			continue;
		if (date_words[i].month_first)
			snprintf(out, size, "%s %d, %d", month, tm->tm_mday, tm->tm_year + 1900);
		else
			snprintf(out, size, "%d%s %s %d", tm->tm_mday, date_words[i].day_suffix, month,
				 tm->tm_year + 1900);
		return;
	}
	snprintf(out, size, "%04d-%02d-%02d", tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday);
}

/* The model document the templates read, built with libxml2's tree calls
 * (text is text, never markup); the first failure sticks. */
struct model {
	xmlDocPtr doc;
	bool failed;
};

static xmlNodePtr node(struct model *m, xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr n;

	if (m->failed)
		return NULL;
	n = xmlNewTextChild(parent, NULL, X(name), X(text));
	if (!n)
		m->failed = true;
	return n;
}

static void prop(struct model *m, xmlNodePtr n, const char *name, const char *value)
{
	if (!m->failed && value && !xmlNewProp(n, X(name), X(value)))
		m->failed = true;
}

static void prop_long(struct model *m, xmlNodePtr n, const char *name, long value)
{
	char text[32];

	snprintf(text, sizeof(text), "%ld", value);
	prop(m, n, name, text);
}

/* The notes' HTML (the feed's content:encoded) as nodes under `parent`:
 * parsed by libxml2's HTML parser, so the templates copy elements and the
 * serializer escapes them again. */
static void add_notes(struct model *m, xmlNodePtr parent, const char *html)
{
	htmlDocPtr frag;
	xmlNodePtr root, body = NULL, copy;

	if (m->failed || !html || !*html)
		return;
	frag = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
			      HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	if (!frag) {
		m->failed = true;
		return;
	}
	root = xmlDocGetRootElement(frag);
	for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, X("body")) == 0)
			body = n;
	if (body && body->children) {
		copy = xmlDocCopyNodeList(m->doc, body->children);
		if (!copy)
			m->failed = true;
		else
			xmlAddChildList(parent, copy);
	}
	xmlFreeDoc(frag);
}

/* "1:02:03" or "2:03": a cue's start as the page shows it. */
static void clock_time(double seconds, char *out, size_t size)
{
	long t = (long)seconds;

	if (t >= 3600)
		snprintf(out, size, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
	else
		snprintf(out, size, "%ld:%02ld", t / 60, t % 60);
}

/* <chapter start="754" time="12:34">title</chapter>: the chapters the
 * feed publishes (episode.md's list wins over the audio's), for a list
 * whose links seek the player. */
static void add_chapters(struct model *m, xmlNodePtr ep, const struct show_episode *se)
{
	const struct chapters *c = se->meta.chapters.count ? &se->meta.chapters
							  : &se->probe.chapters;

	for (size_t i = 0; i < c->count; i++) {
		char time[32];
		xmlNodePtr n;

		clock_time(c->items[i].start, time, sizeof(time));
		n = node(m, ep, "chapter", c->items[i].title ? c->items[i].title : "");
		prop_long(m, n, "start", (long)c->items[i].start);
		prop(m, n, "time", time);
	}
}

/* Each transcript file with its cues as plain text (the parser took the
 * markup out): the page shows them, the file is linked. */
static void add_transcripts(struct model *m, xmlNodePtr ep, const struct show_episode *se)
{
	for (size_t i = 0; i < se->transcript_count; i++) {
		const struct show_transcript *t = &se->transcripts[i];
		xmlNodePtr tn = node(m, ep, "transcript", NULL);

		prop(m, tn, "src", t->file.remote_path);
		prop(m, tn, "url", t->file.url);
		prop(m, tn, "type", transcript_media_type(t->format));
		prop(m, tn, "format", t->format == TRANSCRIPT_VTT ? "WebVTT" : "SubRip");
		prop(m, tn, "lang", t->language);
		for (size_t j = 0; j < t->cues.count; j++) {
			char at[32];
			xmlNodePtr cue = node(m, tn, "cue", t->cues.cues[j].text);

			clock_time(t->cues.cues[j].start, at, sizeof(at));
			prop(m, cue, "start", at);
		}
	}
}

static void add_episode(struct model *m, xmlNodePtr show, const struct show *s,
			const struct show_episode *se)
{
	const struct episode *e = &se->meta;
	long seconds = lround(se->probe.duration);
	char date[64], iso[32], duration[32], period[32];
	xmlNodePtr ep, n;
	struct tm tm;

	if (datetime_local_tm(e->date, s->config.timezone, &tm) != PP_OK) {
		m->failed = true;
		return;
	}
	format_date(&tm, s->config.language, date, sizeof(date));
	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	if (seconds >= 3600)
		snprintf(duration, sizeof(duration), "%ld:%02ld:%02ld", seconds / 3600,
			 seconds / 60 % 60, seconds % 60);
	else
		snprintf(duration, sizeof(duration), "%ld:%02ld", seconds / 60, seconds % 60);
	snprintf(period, sizeof(period), "PT%ldH%ldM%ldS", seconds / 3600, seconds / 60 % 60,
		 seconds % 60);

	ep = node(m, show, "episode", NULL);
	prop(m, ep, "slug", e->slug);
	prop(m, ep, "url", se->page_url);
	prop(m, ep, "type", e->type);
	if (e->number)
		prop_long(m, ep, "number", e->number);
	if (e->season)
		prop_long(m, ep, "season", e->season);
	node(m, ep, "title", e->title);
	n = node(m, ep, "date", date);
	prop(m, n, "iso", iso);
	n = node(m, ep, "duration", duration);
	prop_long(m, n, "seconds", seconds);
	prop(m, n, "iso", period);
	n = node(m, ep, "audio", NULL);
	prop(m, n, "src", se->audio.remote_path);
	prop(m, n, "url", se->audio.url);
	prop(m, n, "type", se->probe.mime_type);
	prop_long(m, n, "size", (long)se->audio.size);
	if (se->art.remote_path) {
		n = node(m, ep, "image", NULL);
		prop(m, n, "src", se->art.remote_path);
		prop(m, n, "url", se->art.url);
	}
	for (size_t i = 0; i < e->person_count; i++) {
		const struct person *p = &e->persons[i];

		n = node(m, ep, "person", p->name);
		prop(m, n, "role", p->role);
		prop(m, n, "group", p->group);
		prop(m, n, "href", p->href);
		prop(m, n, "img", p->img);
	}
	add_chapters(m, ep, se);
	node(m, ep, "summary", e->notes_text);
	add_notes(m, node(m, ep, "notes", NULL), e->notes_html);
	add_transcripts(m, ep, se);
}

/* <show lang="fi"> with the channel's fields and every episode, newest
 * first: what site/site.xsl reads (its header comment lists it all). */
/* The show's document with every episode (`only` NULL: the index), or
 * with the one episode whose page it is: xsltNewTransformContext numbers
 * every node of its document, so a page per episode over the whole show
 * grew with the square of the episodes (0.45 s of a 1000-episode build). */
static xmlDocPtr build_model(const struct show *s, const struct show_episode *only)
{
	const struct config *c = &s->config;
	struct model m = { .doc = xmlNewDoc(X("1.0")) };
	xmlNodePtr show, n, links;

	if (!m.doc)
		return NULL;
	show = xmlNewDocNode(m.doc, NULL, X("show"), NULL);
	if (!show) {
		xmlFreeDoc(m.doc);
		return NULL;
	}
	xmlDocSetRootElement(m.doc, show);
	prop(&m, show, "lang", c->language);
	prop(&m, show, "generator", "podpub " PODPUB_VERSION);
	node(&m, show, "title", c->title);
	node(&m, show, "description", c->description);
	node(&m, show, "author", c->author);
	node(&m, show, "link", c->link);
	if (c->copyright)
		node(&m, show, "copyright", c->copyright);
	n = node(&m, show, "feed", NULL);
	prop(&m, n, "url", c->feed_url);
	n = node(&m, show, "image", NULL);
	prop(&m, n, "src", s->image.remote_path);
	prop(&m, n, "url", s->image.url);
	links = node(&m, show, "subscribe", NULL);
	for (size_t i = 0; i < c->subscribe_count; i++) {
		n = node(&m, links, "service", service_name(c->subscribe[i].service));
		prop(&m, n, "key", c->subscribe[i].service);
		prop(&m, n, "url", c->subscribe[i].url);
	}
	for (size_t i = 0; i < s->episode_count; i++)
		if (!only || only == &s->episodes[i])
			add_episode(&m, show, s, &s->episodes[i]);
	if (m.failed) {
		xmlFreeDoc(m.doc);
		return NULL;
	}
	return m.doc;
}

/* A template: the show's own site/<name>, else the built-in one. *origin
 * names it in messages (and is the base for the template's own imports). */
static enum pp_result load_template(const char *root, const char *name, char **data, size_t *len,
				    char **origin, struct diag *diag)
{
	char *path = root ? pp_asprintf("%s/site/%s", root, name) : NULL;
	enum pp_result res;

	*data = NULL;
	*origin = NULL;
	if (root && !path)
		return PP_ENOMEM;
	if (path) {
		res = pp_read_file(path, data, len);
		if (res == PP_OK) {
			*origin = path;
			return PP_OK;
		}
		if (res != PP_EIO || errno != ENOENT) {
			if (res == PP_EIO)
				diag_error(diag, path, 0, "cannot read template: %s", strerror(errno));
			free(path);
			return res == PP_EIO ? PP_EPARSE : res;
		}
		free(path);
	}
	for (size_t i = 0; i < COUNT(site_defaults); i++) {
		if (strcmp(site_defaults[i].name, name) != 0)
			continue;
		*len = site_defaults[i].len;
		*data = malloc(*len + 1);
		*origin = pp_asprintf("(built-in) site/%s", name);
		if (!*data || !*origin) {
			free(*data);
			free(*origin);
			*data = *origin = NULL;
			return PP_ENOMEM;
		}
		memcpy(*data, site_defaults[i].data, *len + 1);
		return PP_OK;
	}
	return PP_EINTERNAL;
}

/* libxml2's and libxslt's messages while a template is read or applied,
 * gathered to go into one diag entry with the library's words. */
struct messages {
	struct buf text;
	bool no_memory;
};

static void gather(void *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void gather(void *ctx, const char *fmt, ...)
{
	struct messages *msgs = ctx;
	va_list ap;
	char *line;

	va_start(ap, fmt);
	line = pp_vasprintf(fmt, ap);
	va_end(ap);
	if (!line || buf_puts(&msgs->text, line) != PP_OK)
		msgs->no_memory = true;
	free(line);
}

static void gather_structured(void *ctx, xmlError *err)
{
	if (err->code == XML_ERR_NO_MEMORY)
		((struct messages *)ctx)->no_memory = true;
	gather(ctx, "line %d: %s", err->line, err->message ? err->message : "error\n");
}

/* The messages as one line: "a; b; c". */
static const char *one_line(struct messages *msgs)
{
	char *t = msgs->text.data;
	size_t n;

	if (!t)
		return "the template gave no output";
	for (char *p = t; *p; p++)
		if (*p == '\n')
			*p = p[1] ? ';' : ' ';
	n = strlen(t);
	while (n && t[n - 1] == ' ')
		t[--n] = '\0';
	return t;
}

/* The transformation's access to anything but the model: none. A show's
 * template can neither read other files nor write, nor reach the network. */
static xsltSecurityPrefsPtr locked_down(void)
{
	static const xsltSecurityOption forbidden[] = {
		XSLT_SECPREF_READ_FILE,	    XSLT_SECPREF_WRITE_FILE,    XSLT_SECPREF_CREATE_DIRECTORY,
		XSLT_SECPREF_READ_NETWORK, XSLT_SECPREF_WRITE_NETWORK,
	};
	xsltSecurityPrefsPtr sec = xsltNewSecurityPrefs();

	for (size_t i = 0; sec && i < COUNT(forbidden); i++) {
		if (xsltSetSecurityPrefs(sec, forbidden[i], xsltSecurityForbid) != 0) {
			xsltFreeSecurityPrefs(sec);
			return NULL;
		}
	}
	return sec;
}

/* One page: the stylesheet applied to the model with `page` ("index" or a
 * slug) and `root` (the way back to the site's root: "" or "../"). */
static enum pp_result transform(xsltStylesheetPtr style, xmlDocPtr model, const char *page,
				const char *root, const char *origin, char **out, size_t *len,
				struct messages *msgs, struct diag *diag)
{
	const char *params[] = { "page", page, "root", root, NULL };
	xsltSecurityPrefsPtr sec = locked_down();
	xsltTransformContextPtr ctxt = NULL;
	xmlDocPtr result = NULL;
	xmlChar *bytes = NULL;
	int size = 0;
	enum pp_result res = PP_ENOMEM;

	*out = NULL;
	if (!sec || !(ctxt = xsltNewTransformContext(style, model)))
		goto out;
	if (xsltSetCtxtSecurityPrefs(sec, ctxt) != 0 || xsltQuoteUserParams(ctxt, params) != 0)
		goto out;
	xsltSetTransformErrorFunc(ctxt, msgs, gather);
	result = xsltApplyStylesheetUser(style, model, NULL, NULL, NULL, ctxt);
	if (msgs->no_memory)
		goto out;
	if (!result || ctxt->state != XSLT_STATE_OK) {
		diag_error(diag, origin, 0, "page '%s': %s", page, one_line(msgs));
		res = PP_EPARSE;
		goto out;
	}
	if (xsltSaveResultToString(&bytes, &size, result, style) != 0)
		goto out;
	/* A stylesheet may rightly write nothing (a page it does not make). */
	*len = bytes ? (size_t)size : 0;
	if (!(*out = malloc(*len + 1)))
		goto out;
	if (*len)
		memcpy(*out, bytes, *len);
	(*out)[*len] = '\0';
	res = PP_OK;
out:
	xmlFree(bytes);
	xmlFreeDoc(result);
	if (ctxt)
		xsltFreeTransformContext(ctxt);
	xsltFreeSecurityPrefs(sec);
	return res;
}

static enum pp_result render_pages(const struct show *show, xmlDocPtr model,
				   xsltStylesheetPtr style, const char *origin, struct site *out,
				   struct messages *msgs, struct diag *diag)
{
	enum pp_result res;
	char *data;
	size_t len;

	res = transform(style, model, "index", "", origin, &data, &len, msgs, diag);
	if (res != PP_OK)
		return res;
	res = add_page(out, strdup("index.html"), data, len, "text/html; charset=utf-8");
	for (size_t i = 0; res == PP_OK && i < show->episode_count; i++) {
		const char *slug = show->episodes[i].meta.slug;
		xmlDocPtr page = build_model(show, &show->episodes[i]);

		if (!page)
			return PP_ENOMEM;
		res = transform(style, page, slug, "../", origin, &data, &len, msgs, diag);
		xmlFreeDoc(page);
		if (res == PP_OK)
			res = add_page(out, pp_asprintf("%s/index.html", slug), data, len,
				       "text/html; charset=utf-8");
	}
	return res;
}

enum pp_result site_render(const struct show *show, const char *root, struct site *out,
			   struct diag *diag)
{
	xmlStructuredErrorFunc saved_handler = xmlStructuredError;
	void *saved_context = xmlStructuredErrorContext;
	struct messages msgs = { 0 };
	xsltStylesheetPtr style = NULL;
	xmlDocPtr model = NULL, sheet = NULL;
	char *text = NULL, *origin = NULL, *css = NULL, *css_origin = NULL;
	size_t len = 0, css_len = 0;
	enum pp_result res;

	if (!show->config.site)
		return PP_OK;
	buf_init(&msgs.text);
	xmlSetStructuredErrorFunc(&msgs, gather_structured);
	xsltSetGenericErrorFunc(&msgs, gather);
	res = load_template(root, SITE_TEMPLATE, &text, &len, &origin, diag);
	if (res == PP_OK)
		res = load_template(root, SITE_STYLESHEET, &css, &css_len, &css_origin, diag);
	if (res != PP_OK)
		goto out;
	res = PP_ENOMEM;
	if (!(model = build_model(show, NULL)))
		goto out;
	sheet = xmlReadMemory(text, (int)len, origin, "UTF-8", XML_PARSE_NONET);
	if (sheet)
		style = xsltParseStylesheetDoc(sheet);
	if (msgs.no_memory)
		goto out;
	if (!style) {
		diag_error(diag, origin, 0, "not a usable XSLT stylesheet: %s", one_line(&msgs));
		res = PP_EPARSE;
		goto out;
	}
	sheet = NULL; /* the stylesheet's now */
	res = render_pages(show, model, style, origin, out, &msgs, diag);
	if (res == PP_OK) {
		res = add_page(out, strdup(SITE_STYLESHEET), css, css_len, "text/css; charset=utf-8");
		css = NULL;
	}
	/* xsl:message without terminate: the template's own notes. */
	if (res == PP_OK && msgs.text.len)
		diag_warning(diag, origin, 0, "%s", one_line(&msgs));
out:
	if (res != PP_OK)
		site_release(out);
	xsltSetGenericErrorFunc(NULL, NULL);
	xmlSetStructuredErrorFunc(saved_context, saved_handler);
	if (style)
		xsltFreeStylesheet(style);
	xmlFreeDoc(sheet);
	xmlFreeDoc(model);
	buf_release(&msgs.text);
	free(text);
	free(origin);
	free(css);
	free(css_origin);
	return res;
}
