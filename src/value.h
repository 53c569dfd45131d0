/* value.h - checks of the plain values a show's files and a feed carry.
 * Pure functions over strings, one definition each, shared by config (the
 * producer's files) and lint (any feed), so both judge a value alike. */
#ifndef PODPUB_VALUE_H
#define PODPUB_VALUE_H

#include <stdbool.h>

/* An absolute http or https URL (scheme in any case, RFC 3986) with a host,
 * and no white space or control characters anywhere. */
bool value_is_http_url(const char *s);

/* A UUID in canonical lowercase 8-4-4-4-12 form, as podcast:guid wants. */
bool value_is_uuid(const char *s);

/* A language code as RSS <language> takes it: ISO 639 (2 or 3 lowercase
 * letters) with optional subtags, "fi", "sv-FI", "en-US". */
bool value_is_language_code(const char *s);

#endif
