/* xml_reply.h - a server's XML reply (an S3 listing or error, a WebDAV
 * multistatus) parsed as untrusted bytes. Only src/target/ includes it. */
#ifndef PODPUB_TARGET_XML_REPLY_H
#define PODPUB_TARGET_XML_REPLY_H

#include <stddef.h>

#include "result.h"

struct _xmlDoc; /* libxml2's xmlDoc: the callers include libxml2 */

/* Parses `len` bytes into *doc (the caller frees it with xmlFreeDoc):
 * within the costs libxml2 2.9 leaves unbounded (util.h), no entity a DTD
 * declares, no network, nothing printed. PP_EPARSE when the bytes are
 * beyond those limits or no XML (*doc NULL), PP_ENOMEM when libxml2 ran
 * out of memory. */
enum pp_result xml_reply_read(const char *xml, size_t len, struct _xmlDoc **doc) PP_MUST_USE;

#endif
