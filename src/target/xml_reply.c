/* xml_reply.c - a server's XML reply parsed as untrusted bytes. */
#include "target/xml_reply.h"

#include <stdbool.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "util.h"

/* libxml2 tells some errors (a body in an encoding it cannot convert) to
 * no parser context: they would reach stderr. Kept quiet; running out of
 * memory is noted. */
static void note_no_memory(void *data, xmlError *err)
{
	if (err->code == XML_ERR_NO_MEMORY)
		*(bool *)data = true;
}

enum pp_result xml_reply_read(const char *xml, size_t len, xmlDoc **doc)
{
	xmlStructuredErrorFunc saved_handler = xmlStructuredError;
	void *saved_context = xmlStructuredErrorContext;
	bool no_memory = false;

	*doc = NULL;
	if (!pp_xml_within_limits(xml, len))
		return PP_EPARSE;
	xmlSetStructuredErrorFunc(&no_memory, note_no_memory);
	*doc = xmlReadMemory(xml, (int)len, NULL, NULL,
			     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlSetStructuredErrorFunc(saved_context, saved_handler);
	if (no_memory) {
		xmlFreeDoc(*doc);
		*doc = NULL;
		return PP_ENOMEM;
	}
	return *doc ? PP_OK : PP_EPARSE;
}
