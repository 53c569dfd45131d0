/* listing_dav.c - a WebDAV PROPFIND reply (207 Multi-Status) read for sizes. */
#include "target/listing_dav.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "target/xml_reply.h"
#include "util.h"

#define DAV_NS "DAV:"

/* The folder a reply is read against: its path, decoded, ending in '/'. */
struct folder {
	char *path;
	size_t len;
};

void listing_dav_init(struct listing_dav *l)
{
	memset(l, 0, sizeof(*l));
	listing_init(&l->files);
}

void listing_dav_release(struct listing_dav *l)
{
	listing_release(&l->files);
	for (size_t i = 0; i < l->count; i++)
		free(l->names[i]);
	free(l->names);
	listing_dav_init(l);
}

/* An element of the DAV: namespace, whatever its prefix ("D:", "d:", none). */
static bool is_dav(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       xmlStrEqual(n->ns->href, (const xmlChar *)DAV_NS) &&
	       xmlStrEqual(n->name, (const xmlChar *)name);
}

static bool space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* [*s, *s + *n) without the blanks around it. */
static void trim(const char **s, size_t *n)
{
	while (*n && space(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && space((*s)[*n - 1]))
		(*n)--;
}

/* The path of an href or a URL: an absolute path as it is, a whole URL
 * from the first '/' after its host; without a query or a fragment. A
 * relative reference (which no server we know sends) gives NULL. */
static const char *url_path(const char *s, size_t n, size_t *path_len)
{
	const char *scheme_end = n ? memchr(s, ':', n) : NULL;
	const char *p = s;

	if (!n)
		return NULL;
	if (*s != '/') {
		if (!scheme_end || (size_t)(s + n - scheme_end) < 3 || memcmp(scheme_end, "://", 3))
			return NULL;
		scheme_end += 3;
		p = memchr(scheme_end, '/', (size_t)(s + n - scheme_end));
		if (!p)
			return NULL;
	}
	n = (size_t)(s + n - p);
	*path_len = 0;
	while (*path_len < n && p[*path_len] != '?' && p[*path_len] != '#')
		(*path_len)++;
	return p;
}

/* libcurl's percent-decoding of `n` bytes: caller frees with curl_free.
 * (A length of 0 would have libcurl read up to a NUL: a path has a '/'.) */
static enum pp_result decode(const char *s, size_t n, char **out, size_t *out_len)
{
	int len = 0;

	*out = NULL;
	if (n == 0 || n > INT_MAX)
		return PP_EPARSE;
	if (!(*out = curl_easy_unescape(NULL, s, (int)n, &len)))
		return PP_ENOMEM;
	*out_len = (size_t)len;
	return PP_OK;
}

static enum pp_result folder_of(const char *url, struct folder *f)
{
	size_t n = 0, len = 0;
	const char *path = url_path(url, strlen(url), &n);
	char *decoded = NULL;
	enum pp_result res;

	f->path = NULL;
	f->len = 0;
	if (!path)
		return PP_EPARSE;
	if ((res = decode(path, n, &decoded, &len)) != PP_OK)
		return res;
	/* A NUL decoded from "%00" would cut the path short: no such folder. */
	if (memchr(decoded, '\0', len)) {
		curl_free(decoded);
		return PP_EPARSE;
	}
	/* "/dav/x/media" and "/dav/x/media/" are the same folder. */
	f->path = pp_asprintf("%.*s%s", (int)len, decoded,
			      len && decoded[len - 1] == '/' ? "" : "/");
	curl_free(decoded);
	if (!f->path)
		return PP_ENOMEM;
	f->len = strlen(f->path);
	return PP_OK;
}

/* "HTTP/1.1 200 OK": the status line of a propstat. */
static bool status_ok(const xmlNode *propstat)
{
	for (const xmlNode *n = propstat->children; n; n = n->next) {
		xmlChar *text;
		const char *s;
		size_t len;
		bool ok;

		if (!is_dav(n, "status"))
			continue;
		if (!(text = xmlNodeGetContent(n)))
			return false;
		s = (const char *)text;
		len = strlen(s);
		trim(&s, &len);
		/* The version, blanks, then exactly "200". */
		ok = len >= 5 && memcmp(s, "HTTP/", 5) == 0;
		while (ok && len && !space(*s)) {
			s++;
			len--;
		}
		trim(&s, &len);
		ok = ok && len >= 3 && memcmp(s, "200", 3) == 0 && (len == 3 || space(s[3]));
		xmlFree(text);
		return ok;
	}
	return false;
}

/* A getcontentlength's text: digits only, blanks around them allowed. */
static bool parse_size(const xmlNode *n, int64_t *size)
{
	xmlChar *text = xmlNodeGetContent(n);
	const char *s = (const char *)text;
	size_t len = s ? strlen(s) : 0;
	bool ok;

	trim(&s, &len);
	ok = s && listing_size(s, len, size);
	xmlFree(text);
	return ok;
}

static bool has_collection(const xmlNode *resourcetype)
{
	for (const xmlNode *n = resourcetype->children; n; n = n->next)
		if (is_dav(n, "collection"))
			return true;
	return false;
}

/* The size a response's properties give its resource, or -1 when they
 * give none to trust: only a propstat of status 200 counts, a collection
 * has none, and two lengths are one too many. */
static int64_t response_size(const xmlNode *response)
{
	int64_t size = -1;
	int lengths = 0;
	bool collection = false;

	for (const xmlNode *ps = response->children; ps; ps = ps->next) {
		if (!is_dav(ps, "propstat") || !status_ok(ps))
			continue;
		for (const xmlNode *prop = ps->children; prop; prop = prop->next) {
			if (!is_dav(prop, "prop"))
				continue;
			for (const xmlNode *n = prop->children; n; n = n->next) {
				if (is_dav(n, "resourcetype"))
					collection = collection || has_collection(n);
				else if (is_dav(n, "getcontentlength") && ++lengths == 1 &&
					 !parse_size(n, &size))
					size = -1;
			}
		}
	}
	return collection || lengths != 1 ? -1 : size;
}

/* The text of a response's one href, or NULL (none, or several). Caller
 * frees with xmlFree. */
static xmlChar *response_href(const xmlNode *response)
{
	const xmlNode *href = NULL;

	for (const xmlNode *n = response->children; n; n = n->next) {
		if (!is_dav(n, "href"))
			continue;
		if (href)
			return NULL;
		href = n;
	}
	return href ? xmlNodeGetContent(href) : NULL;
}

/* One path segment a file could have for its name: not empty, "." or
 * "..", and no '/' or NUL in it (both decoded from an href's "%2F", "%00"). */
static bool plain_name(const char *s, size_t n)
{
	if (n == 0 || (n == 1 && s[0] == '.') || (n == 2 && memcmp(s, "..", 2) == 0))
		return false;
	return !memchr(s, '/', n) && !memchr(s, '\0', n);
}

/* The name an href gives inside the folder, decoded, into *name (caller
 * frees), or NULL when it is the folder itself, outside it, deeper, or
 * no name a file could have. *collection: the href ends in '/', as a
 * collection's does. */
static enum pp_result name_in_folder(const char *href, const struct folder *f, char **name,
				     bool *collection)
{
	const char *s = href, *path;
	size_t n = strlen(href), path_len = 0, len = 0, rest;
	char *decoded = NULL;
	enum pp_result res;

	*name = NULL;
	trim(&s, &n);
	if (!(path = url_path(s, n, &path_len)))
		return PP_OK;
	if ((res = decode(path, path_len, &decoded, &len)) != PP_OK)
		return res == PP_EPARSE ? PP_OK : res;
	if (len > f->len && memcmp(decoded, f->path, f->len) == 0) {
		const char *start = decoded + f->len;

		rest = len - f->len;
		/* A collection's name still counts as given (twice named). */
		if ((*collection = start[rest - 1] == '/'))
			rest--;
		if (plain_name(start, rest) && !(*name = strndup(start, rest)))
			res = PP_ENOMEM;
	}
	curl_free(decoded);
	return res;
}

/* Keeps `name` (owned from now on) and its size, -1 when none. */
static enum pp_result add(struct listing_dav *l, char *name, int64_t size)
{
	char **grown = pp_grow(l->names, &l->alloc, l->count + 1, sizeof(*l->names));

	if (!grown) {
		free(name);
		return PP_ENOMEM;
	}
	l->names = grown;
	l->names[l->count++] = name;
	return listing_add(&l->files, name, strlen(name), size);
}

static enum pp_result read_responses(const xmlNode *root, const struct folder *f,
				     struct listing_dav *l)
{
	enum pp_result res = PP_OK;

	for (const xmlNode *n = root->children; n && res == PP_OK; n = n->next) {
		xmlChar *href;
		char *name = NULL;
		bool collection = false;

		if (!is_dav(n, "response") || !(href = response_href(n)))
			continue;
		res = name_in_folder((const char *)href, f, &name, &collection);
		xmlFree(href);
		if (res == PP_OK && name)
			res = add(l, name, collection ? -1 : response_size(n));
	}
	return res;
}

enum pp_result listing_dav_parse(const char *xml, size_t len, const char *folder,
				 struct listing_dav *l)
{
	struct folder f = { 0 };
	xmlDoc *doc = NULL;
	xmlNode *root;
	enum pp_result res;

	/* The server's bytes: within libxml2's unbounded costs, no network,
	 * no DTD loaded, no entity substituted, nothing printed. */
	if ((res = xml_reply_read(xml, len, &doc)) != PP_OK ||
	    (res = folder_of(folder, &f)) != PP_OK)
		goto out;
	root = xmlDocGetRootElement(doc);
	res = PP_EPARSE;
	if (!root || !is_dav(root, "multistatus"))
		goto out;
	if ((res = read_responses(root, &f, l)) == PP_OK)
		listing_sort(&l->files);
out:
	xmlFreeDoc(doc);
	free(f.path);
	return res;
}
