/* listing_dav.h - a WebDAV folder's PROPFIND reply read for file sizes.
 *
 * A PROPFIND with "Depth: 1" on a folder answers with a 207 Multi-Status:
 * a <response> per member (and one for the folder itself), each an <href>
 * and the properties asked for, grouped by their status:
 *
 *     <D:response>
 *       <D:href>/dav/show/media/jakso%201.mp3</D:href>
 *       <D:propstat>
 *         <D:prop><D:getcontentlength>123456</D:getcontentlength>
 *                 <D:resourcetype/></D:prop>
 *         <D:status>HTTP/1.1 200 OK</D:status>
 *       </D:propstat>
 *     </D:response>
 *
 * The body is the server's and untrusted. Only the regular files directly
 * in the folder are kept: collections, properties whose status is not 200,
 * a missing or malformed length, an href outside the folder and a name
 * given twice are all skipped. A name the reply does not give is not
 * "missing": the caller asks the server about it alone. No library types
 * here. */
#ifndef PODPUB_TARGET_LISTING_DAV_H
#define PODPUB_TARGET_LISTING_DAV_H

#include <stddef.h>

#include "result.h"
#include "target/listing.h"

struct listing_dav {
	struct listing files; /* what listing_find reads; names borrowed from `names` */
	char **names;         /* each decoded, the last segment of its href; owned */
	size_t count, alloc;
};

void listing_dav_init(struct listing_dav *l);
/* Reads the multistatus body `xml` (`len` bytes) the folder `folder` gave:
 * the URL the PROPFIND was sent to, or its path ("/dav/show/media/"),
 * percent-encoded as sent. hrefs are compared with it decoded, whether the
 * server wrote them as paths or as whole URLs. Then listing_find(&l->files,
 * name, &size) is true, with the size, when the reply names the regular
 * file `name` (one path segment, decoded) once, with its length.
 * PP_EPARSE when the body is no multistatus (no XML, another root, past
 * libxml2's safe limits, an entity declared); PP_ENOMEM. */
enum pp_result listing_dav_parse(const char *xml, size_t len, const char *folder,
				 struct listing_dav *l) PP_MUST_USE;
void listing_dav_release(struct listing_dav *l);

#endif
