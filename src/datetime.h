/* datetime.h - episode dates: parsing in the show's time zone, RFC 2822 out. */
#ifndef PODPUB_DATETIME_H
#define PODPUB_DATETIME_H

#include <stdbool.h>
#include <time.h>

#include "result.h"

/* True when `tz` names a zone in the system's time zone database. */
bool datetime_zone_known(const char *tz);

/* Parses "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS]" or the same with a 'T', each
 * optionally followed by "Z" or "+HH:MM"/"-HH:MM". Without an offset the
 * time is local time in `tz` (an IANA name such as "Europe/Helsinki").
 * PP_EPARSE when the text is not such a date or names no real day,
 * PP_ENOMEM when out of memory. */
enum pp_result datetime_parse(const char *text, const char *tz, time_t *out) PP_MUST_USE;

/* RFC 2822's day and month names (section 3.3), Sunday and January first:
 * the writer and the linter read the same table. */
extern const char *const datetime_day_names[7];
extern const char *const datetime_month_names[12];

/* "Tue, 04 Mar 2025 07:00:00 +0000" into `out`. */
#define DATETIME_RFC2822_SIZE 40
void datetime_rfc2822(time_t t, char out[DATETIME_RFC2822_SIZE]);

/* "Tue, 04 Mar 2025 09:00:00 +0200": as datetime_rfc2822, in the zone `tz`
 * with its offset, so a listener reads the show's own time; NULL: UTC. */
enum pp_result datetime_rfc2822_in(time_t t, const char *tz,
				   char out[DATETIME_RFC2822_SIZE]) PP_MUST_USE;

/* "2025-03-04 09:00 +0200": `t` as wall-clock time in the zone `tz`, in
 * the syntax of episode.md's dates, for messages to the producer. */
#define DATETIME_LOCAL_SIZE 32
enum pp_result datetime_local(time_t t, const char *tz, char out[DATETIME_LOCAL_SIZE]) PP_MUST_USE;

/* `t` as broken-down wall-clock time in the zone `tz` (an IANA name), for
 * the site's dates in the show's language; PP_ENOMEM or PP_EPARSE. */
enum pp_result datetime_local_tm(time_t t, const char *tz, struct tm *out) PP_MUST_USE;

/* `t` moved by `days` calendar days at the same wall-clock time in `tz`
 * (across a change to or from summer time too). */
enum pp_result datetime_add_days(time_t t, int days, const char *tz, time_t *out) PP_MUST_USE;

#endif
