#define _DEFAULT_SOURCE /* timegm */
#include "datetime.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

#define ZONEINFO_DIR "/usr/share/zoneinfo/"

bool datetime_zone_known(const char *tz)
{
	char path[256], magic[4];
	struct stat st;
	FILE *f;
	bool zone;

	if (!tz || !*tz || strstr(tz, "..") || tz[0] == '/')
		return false;
	if (snprintf(path, sizeof(path), ZONEINFO_DIR "%s", tz) >= (int)sizeof(path))
		return false;
	/* Folders ("Europe") and tables ("zone.tab") live there too; glibc would
	 * quietly read such a name as UTC. A zone file starts with "TZif". */
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || !(f = fopen(path, "rb")))
		return false;
	zone = fread(magic, 1, 4, f) == 4 && memcmp(magic, "TZif", 4) == 0;
	fclose(f);
	return zone;
}

/* Reads exactly `n` digits. */
static bool digits(const char **p, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return false;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return true;
}

static bool expect(const char **p, char c)
{
	if (**p != c)
		return false;
	(*p)++;
	return true;
}

/* The C library converts between UTC and a named zone only through the TZ
 * environment variable. podpub reads local time nowhere but here, and each
 * function here names its zone, so TZ is switched only when the zone
 * differs and then left: switching back after every call read the zone's
 * file twice per date, a third of a 1000-episode rebuild. podpub is
 * single-threaded. False when the environment could not grow. */
static bool zone_use(const char *tz)
{
	const char *now = getenv("TZ");

	if (now && strcmp(now, tz) == 0)
		return true;
	if (setenv("TZ", tz, 1) != 0)
		return false;
	tzset();
	return true;
}

/* Local wall-clock time in a named zone to UTC. */
static enum pp_result local_to_utc(struct tm *tm, const char *tz, time_t *out)
{
	bool ok;

	if (!zone_use(tz))
		return PP_ENOMEM;
	tm->tm_isdst = -1;
	*out = mktime(tm);
	ok = *out != (time_t)-1;
	return ok ? PP_OK : PP_EPARSE;
}

enum pp_result datetime_rfc2822_in(time_t t, const char *tz, char out[DATETIME_RFC2822_SIZE])
{
	struct tm tm;
	long offset;
	bool ok;

	if (!tz) {
		datetime_rfc2822(t, out);
		return PP_OK;
	}
	if (!zone_use(tz))
		return PP_ENOMEM;
	ok = localtime_r(&t, &tm) != NULL;
	if (!ok) {
		datetime_rfc2822(t, out);
		return PP_OK;
	}
	/* Zones are less than a day from UTC; the modulo tells the compiler. */
	offset = labs(tm.tm_gmtoff / 60) % (24 * 60);
	snprintf(out, DATETIME_RFC2822_SIZE, "%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d",
		 datetime_day_names[tm.tm_wday], tm.tm_mday, datetime_month_names[tm.tm_mon],
		 tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_gmtoff < 0 ? '-' : '+',
		 (int)(offset / 60), (int)(offset % 60));
	return PP_OK;
}

enum pp_result datetime_local(time_t t, const char *tz, char out[DATETIME_LOCAL_SIZE])
{
	struct tm tm;
	bool ok;

	if (!zone_use(tz))
		return PP_ENOMEM;
	ok = localtime_r(&t, &tm) && strftime(out, DATETIME_LOCAL_SIZE, "%Y-%m-%d %H:%M %z", &tm);
	if (!ok)
		snprintf(out, DATETIME_LOCAL_SIZE, "@%lld", (long long)t);
	return PP_OK;
}

enum pp_result datetime_local_tm(time_t t, const char *tz, struct tm *out)
{
	bool ok;

	if (!zone_use(tz))
		return PP_ENOMEM;
	ok = localtime_r(&t, out) != NULL;
	return ok ? PP_OK : PP_EPARSE;
}

enum pp_result datetime_parse(const char *text, const char *tz, time_t *out)
{
	struct tm tm = { 0 };
	const char *p = text;
	int year, mon, day, hour = 0, min = 0, sec = 0;
	bool has_offset = false;
	long offset = 0;
	enum pp_result res;

	if (!digits(&p, 4, &year) || !expect(&p, '-') || !digits(&p, 2, &mon) ||
	    !expect(&p, '-') || !digits(&p, 2, &day))
		return PP_EPARSE;
	if (*p == ' ' || *p == 'T') {
		p++;
		if (!digits(&p, 2, &hour) || !expect(&p, ':') || !digits(&p, 2, &min))
			return PP_EPARSE;
		if (*p == ':' && (p++, !digits(&p, 2, &sec)))
			return PP_EPARSE;
		if (*p == 'Z') {
			p++;
			has_offset = true;
		} else if (*p == '+' || *p == '-') {
			int sign = *p++ == '-' ? -1 : 1, oh, om;

			if (!digits(&p, 2, &oh) || !expect(&p, ':') || !digits(&p, 2, &om) ||
			    oh > 14 || om > 59)
				return PP_EPARSE;
			has_offset = true;
			offset = sign * (oh * 3600L + om * 60L);
		}
	}
	if (*p || mon < 1 || mon > 12 || day < 1 || hour > 23 || min > 59 || sec > 59)
		return PP_EPARSE;

	tm.tm_year = year - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = day;
	tm.tm_hour = hour;
	tm.tm_min = min;
	tm.tm_sec = sec;
	if (has_offset) {
		*out = timegm(&tm) - offset;
	} else if ((res = local_to_utc(&tm, tz, out)) != PP_OK) {
		return res;
	}
	/* mktime and timegm normalise 31 April to 1 May: refuse such days. */
	{
		struct tm check;
		time_t wall = *out + offset;

		if (!has_offset) {
			/* Normalised fields were written back into tm by mktime. */
			check = tm;
		} else {
			gmtime_r(&wall, &check);
		}
		if (check.tm_mday != day || check.tm_mon != mon - 1)
			return PP_EPARSE;
	}
	return PP_OK;
}

/* English names whatever the locale, as RFC 2822 requires. */
const char *const datetime_day_names[7] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
const char *const datetime_month_names[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

void datetime_rfc2822(time_t t, char out[DATETIME_RFC2822_SIZE])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(out, DATETIME_RFC2822_SIZE, "%s, %02d %s %04d %02d:%02d:%02d +0000",
		 datetime_day_names[tm.tm_wday], tm.tm_mday, datetime_month_names[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour,
		 tm.tm_min, tm.tm_sec);
}

enum pp_result datetime_add_days(time_t t, int days, const char *tz, time_t *out)
{
	struct tm tm;
	bool ok;

	if (!zone_use(tz))
		return PP_ENOMEM;
	ok = localtime_r(&t, &tm) != NULL;
	if (ok) {
		tm.tm_mday += days;
		tm.tm_isdst = -1;
		*out = mktime(&tm);
		ok = *out != (time_t)-1;
	}
	return ok ? PP_OK : PP_EPARSE;
}
