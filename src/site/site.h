/* site.h - the show's web site, from the same model as the feed: index.html
 * with every episode, one page per episode ("<slug>/index.html") and the
 * stylesheet. XSLT templates render the pages (site/site.xsl and
 * site/style.css in podpub's repository, built in; a show's own site/ folder
 * overrides them file by file), so every text is escaped by the library and
 * the look changes without recompiling. */
#ifndef PODPUB_SITE_H
#define PODPUB_SITE_H

#include <stddef.h>

#include "diag.h"
#include "ident.h"
#include "result.h"
#include "show.h"

/* The templates' names under site/. */
#define SITE_TEMPLATE "site.xsl"
#define SITE_STYLESHEET "style.css"

struct site_page {
	char *path;               /* below the target's root: "index.html", "<slug>/index.html" */
	char *data;               /* the page's bytes, NUL-terminated */
	size_t len;
	const char *content_type; /* static: "text/html; charset=utf-8" */
	char sha256[IDENT_SHA256_SIZE];
};

struct site {
	struct site_page *pages; /* index.html, the episodes' pages newest first, style.css */
	size_t count;
	size_t alloc;
};

void site_init(struct site *s);
void site_release(struct site *s);

/* Renders the site of `show`, with the templates of `root`/site/ where the
 * show has them (NULL: the built-in ones only). The same show and templates
 * give the same bytes. A template that does not parse or transform is a diag
 * error naming it, PP_EPARSE. A show with `site: false` has no pages. */
enum pp_result site_render(const struct show *show, const char *root, struct site *out,
			   struct diag *diag) PP_MUST_USE;

/* The page published at `path`, or NULL. Borrowed. */
const struct site_page *site_find(const struct site *s, const char *path);

#endif
