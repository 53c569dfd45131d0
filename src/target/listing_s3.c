/* listing_s3.c - one page of an S3 ListObjectsV2 reply read for sizes. */
#include "target/listing_s3.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "target/listing.h"
#include "target/xml_reply.h"

static bool named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, (const xmlChar *)name);
}

/* The first child element called `name`, or NULL. */
static const xmlNode *child(const xmlNode *parent, const char *name)
{
	for (const xmlNode *n = parent->children; n; n = n->next)
		if (named(n, name))
			return n;
	return NULL;
}

/* One <Contents>: its key and size, or nothing when either is unreadable. */
static enum pp_result read_object(const xmlNode *contents, listing_s3_object_fn *on_object,
				  void *ctx)
{
	const xmlNode *key_node = child(contents, "Key"), *size_node = child(contents, "Size");
	xmlChar *key = key_node ? xmlNodeGetContent(key_node) : NULL;
	xmlChar *size_text = size_node ? xmlNodeGetContent(size_node) : NULL;
	int64_t size;
	enum pp_result res = PP_OK;

	if ((key_node && !key) || (size_node && !size_text))
		res = PP_ENOMEM;
	else if (key && *key && size_text && listing_size((const char *)size_text, strlen((const char *)size_text), &size))
		on_object(ctx, (const char *)key, size);
	xmlFree(key);
	xmlFree(size_text);
	return res;
}

enum pp_result listing_s3_page(const char *xml, size_t len, listing_s3_object_fn *on_object,
			       void *ctx, bool *more, char **next_token)
{
	xmlDoc *doc;
	const xmlNode *root, *node;
	xmlChar *text = NULL;
	enum pp_result res = PP_OK;

	*more = false;
	*next_token = NULL;
	/* The service's bytes: within libxml2's unbounded costs, no network,
	 * no entity from a DTD, nothing printed. */
	if ((res = xml_reply_read(xml, len, &doc)) != PP_OK)
		return res;
	root = xmlDocGetRootElement(doc);
	if (!root || !named(root, "ListBucketResult")) {
		xmlFreeDoc(doc);
		return PP_EPARSE;
	}
	for (node = root->children; node && res == PP_OK; node = node->next)
		if (named(node, "Contents"))
			res = read_object(node, on_object, ctx);
	if (res == PP_OK && (node = child(root, "IsTruncated"))) {
		if (!(text = xmlNodeGetContent(node)))
			res = PP_ENOMEM;
		else
			*more = strcmp((const char *)text, "true") == 0;
		xmlFree(text);
		text = NULL;
	}
	if (res == PP_OK && *more) {
		node = child(root, "NextContinuationToken");
		text = node ? xmlNodeGetContent(node) : NULL;
		if (node && !text)
			res = PP_ENOMEM;
		else if (!text || !*text)
			res = PP_EPARSE;
		else if (!(*next_token = strdup((const char *)text)))
			res = PP_ENOMEM;
		xmlFree(text);
	}
	xmlFreeDoc(doc);
	return res;
}
