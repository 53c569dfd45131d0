/* lint_value.h - parsers of the values a feed carries: counts, durations,
 * media types, RFC 2822 dates. Free of libxml2 and of the rule machinery.
 * (URLs, UUIDs and language codes are shared with config: see value.h.) */
#ifndef PODPUB_LINT_VALUE_H
#define PODPUB_LINT_VALUE_H

#include <stdbool.h>

/* Digits only, zeros allowed: an enclosure's length (0 when unknown). */
bool lint_value_count(const char *s);

/* Digits only, not all zeros: episode and season numbers. */
bool lint_value_positive_integer(const char *s);

/* Seconds ("2712"), or [[H:]M:]SS where every field after the first has
 * exactly two digits below 60 ("52:03", "1:05:09"). */
bool lint_value_duration(const char *s);

enum lint_media_kind { LINT_MEDIA_APPLE, LINT_MEDIA_OTHER_AUDIO, LINT_MEDIA_UNSUPPORTED };

/* What an enclosure type is to Apple: on its list, other audio, or
 * neither. Case and parameters ("audio/mpeg; x=y") are ignored. */
enum lint_media_kind lint_value_media_kind(const char *type);

/* RFC 2822 dates (section 3.3, with the obsolete two-digit years and named
 * zones): "[Day, ]DD Mon YYYY HH:MM[:SS] zone[ (comment)]". */
enum lint_date_check {
	LINT_DATE_OK,
	LINT_DATE_SYNTAX,
	LINT_DATE_NO_SUCH_TIME,
	LINT_DATE_WRONG_WEEKDAY
};

/* On LINT_DATE_WRONG_WEEKDAY, *weekday is the date's real day of the week
 * (0 for Sunday). */
enum lint_date_check lint_value_rfc2822(const char *s, int *weekday);

/* The instant an RFC 2822 date names, in seconds since 1970 UTC; false
 * when it does not parse or names no such time (a wrong weekday is
 * forgiven). "-0000" is UTC, as RFC 2822 section 3.3 says. */
bool lint_value_rfc2822_time(const char *s, long long *epoch);

/* Two namespace URIs that differ only in what apps do not forgive: case,
 * http or https, "www.", trailing slashes ("http://www.w3.org/2005/Atom/"
 * and "http://www.w3.org/2005/Atom"), or two typing slips ("dtd" for
 * "dtds"). True for identical URIs too. */
bool lint_value_ns_near(const char *uri, const char *canonical);

/* The first character of UTF-8 `s` that XML 1.0 (section 2.2) discourages
 * and apps show as a box: DEL, the C1 controls U+0080-U+009F (most often
 * Windows-1252 text read as Latin-1) and the non-characters U+FDD0-U+FDEF
 * and U+xFFFE/U+xFFFF. Its code point, or 0 when there is none. */
unsigned long lint_value_discouraged_char(const char *s);

/* A decimal number without sign or exponent: "4", "204.5" (podcast:episode,
 * podcast:value suggested="0.00000005000"). */
bool lint_value_decimal(const char *s);

/* A media type "type/subtype" with RFC 6838 name characters, parameters
 * allowed ("text/vtt", "application/json+chapters"; "json" is not one). */
bool lint_value_mime_type(const char *s);

/* An address "local@domain.tld", no white space: enough to tell an email
 * from a name or a url. */
bool lint_value_email(const char *s);

/* An RFC 5870 geo URI as podcast:location's geo takes it:
 * "geo:lat,lon[,alt][;u=uncertainty]", latitude within +-90 and longitude
 * within +-180. */
bool lint_value_geo_uri(const char *s);

/* An OpenStreetMap object as podcast:location's osm takes it: its type N,
 * W or R, its id and an optional revision, "R113314", "W5013364#2". */
bool lint_value_osm(const char *s);

/* An ISO 8601 date, optionally with a time: "2023-04-12", "2023-04-12T11:00:00Z". */
bool lint_value_iso8601(const char *s);

/* A transcript as apps parse it, modestly: WebVTT starts "WEBVTT" (a BOM
 * allowed) followed by white space or the end; SubRip starts with a cue
 * number and a "00:00:01,000 --> 00:00:04,000" timing line. `s` is
 * NUL-terminated. */
bool lint_value_webvtt(const char *s);
bool lint_value_srt(const char *s);

#endif
