/* apple.h - Apple Podcasts' fixed vocabularies: what its directory accepts.
 * Data only, so config (for the producer) and lint (for any feed) agree. */
#ifndef PODPUB_APPLE_H
#define PODPUB_APPLE_H

#include <stdbool.h>
#include <stddef.h>

/* Show and episode art: square, this many pixels a side, PNG or JPEG, RGB. */
#define APPLE_ART_MIN_PX 1400
#define APPLE_ART_MAX_PX 3000

/* Apple Podcasts shows at most this many characters of a description. */
#define APPLE_DESCRIPTION_MAX 4000

/* True when `name` is one of Apple's top-level categories. */
bool apple_category_known(const char *name);
/* The category `name` was most likely meant to be, or NULL (static). */
const char *apple_category_near(const char *name);

/* True when `sub` is a subcategory of the top-level category `name`. */
bool apple_subcategory_known(const char *name, const char *sub);

/* The top-level category `sub` is a subcategory of, or NULL. */
const char *apple_category_parent(const char *sub);

/* What replaces a name of Apple's pre-2019 list ("Games & Hobbies"; with
 * `sub`, "Technology" > "Podcasting"), which Apple still reads and maps to
 * the current list: "Leisure", "Technology". NULL when `name` (and `sub`)
 * is not a retired name. Borrowed, static. */
const char *apple_category_obsolete(const char *name, const char *sub);

/* True when the media type (`len` bytes, without parameters) is one Apple
 * accepts for an enclosure: audio/x-m4a, audio/mpeg, video/mp4, ... Case
 * is ignored, as media types are. */
bool apple_media_type_accepted(const char *type, size_t len);

#endif
