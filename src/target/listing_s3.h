/* listing_s3.h - one page of an S3 ListObjectsV2 reply read for sizes.
 *
 *     <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
 *       <IsTruncated>true</IsTruncated>
 *       <Contents><Key>show/media/a.mp3</Key><Size>123456</Size>...</Contents>
 *       <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
 *     </ListBucketResult>
 *
 * The bytes are the service's, untrusted: a reply that is not a
 * ListBucketResult is refused (PP_EPARSE); an object without a key or
 * with a size that is not a plain number is skipped. */
#ifndef PODPUB_TARGET_LISTING_S3_H
#define PODPUB_TARGET_LISTING_S3_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "result.h"

/* Called for each object of the page, in the order the service gave them. */
typedef void listing_s3_object_fn(void *ctx, const char *key, int64_t size);

/* Reads one page of `len` bytes. *more says whether the listing goes on;
 * then *next_token (the caller's to free) is the continuation token to ask
 * for the next page with. A page that says it goes on but gives no token
 * is refused: the listing could not be read to its end. */
enum pp_result listing_s3_page(const char *xml, size_t len, listing_s3_object_fn *on_object,
			       void *ctx, bool *more, char **next_token) PP_MUST_USE;

#endif
