/* apple.h - Apple Podcasts' fixed vocabularies: what its directory accepts.
 * Data only, so config (for the producer) and lint (for any feed) agree. */
#ifndef PODPUB_APPLE_H
#define PODPUB_APPLE_H

#include <stdbool.h>

/* True when `name` is one of Apple's top-level categories. */
bool apple_category_known(const char *name);

/* True when `sub` is a subcategory of the top-level category `name`. */
bool apple_subcategory_known(const char *name, const char *sub);

#endif
