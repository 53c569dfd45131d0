/* lint_value.c - the values inside a feed's elements, parsed without
 * libxml2: pure functions over strings, unit-tested and fuzzed on their own. */
#include "lint/lint_value.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "apple.h"
#include "datetime.h"
#include "util.h"

/* Digits only. */
bool lint_value_count(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* Digits only, not all zeros. */
bool lint_value_positive_integer(const char *s)
{
	bool nonzero = false;

	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		nonzero |= *s != '0';
	}
	return nonzero;
}

/* Seconds ("2712"), or [[H:]M:]SS where every field after the first has
 * exactly two digits below 60 ("52:03", "1:05:09"). */
bool lint_value_duration(const char *s)
{
	int fields = 0;

	for (;;) {
		size_t n = strspn(s, "0123456789");

		if (n == 0 || (fields > 0 && (n != 2 || s[0] > '5')))
			return false;
		fields++;
		s += n;
		if (*s == '\0')
			return fields <= 3;
		if (*s != ':')
			return false;
		s++;
	}
}

/* Compares without case and without parameters ("audio/mpeg; x=y"). */
enum lint_media_kind lint_value_media_kind(const char *type)
{
	size_t n = strcspn(type, ";");

	while (n > 0 && (type[n - 1] == ' ' || type[n - 1] == '\t'))
		n--;
	if (apple_media_type_accepted(type, n))
		return LINT_MEDIA_APPLE;
	return strncasecmp(type, "audio/", 6) == 0 ? LINT_MEDIA_OTHER_AUDIO
						   : LINT_MEDIA_UNSUPPORTED;
}

/* RFC 2822 dates (section 3.3, with the obsolete two-digit years and named
 * zones): "[Day, ]DD Mon YYYY HH:MM[:SS] zone[ (comment)]". */

static const char *const zone_names[] = {
    "UT", "GMT", "Z", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT",
};
/* Their offsets from UTC as +-HHMM. */
static const int zone_offsets[] = {
    0, 0, 0, -500, -400, -600, -500, -700, -600, -800, -700,
};

static bool skip_space(const char **p)
{
	const char *start = *p;

	while (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r')
		(*p)++;
	return *p != start;
}

/* Between `min` and `max` digits into *out. */
static bool scan_number(const char **p, int min, int max, int *out)
{
	int n = 0, value = 0;

	while (n < max && **p >= '0' && **p <= '9') {
		value = value * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	*out = value;
	return n >= min && !(**p >= '0' && **p <= '9');
}

/* A whole run of letters matching one of `names` without regard to case:
 * its index, or -1. */
static int scan_name(const char **p, const char *const *names, size_t count)
{
	size_t n = 0;

	while (((*p)[n] >= 'A' && (*p)[n] <= 'Z') || ((*p)[n] >= 'a' && (*p)[n] <= 'z'))
		n++;
	for (size_t i = 0; i < count; i++) {
		if (strlen(names[i]) == n && strncasecmp(*p, names[i], n) == 0) {
			*p += n;
			return (int)i;
		}
	}
	return -1;
}

static bool is_leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* 0 for Sunday; Gregorian calendar, month 1-12. */
static int weekday_of(int y, int m, int d)
{
	static const int offsets[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};

	if (m < 3)
		y--;
	return (y + y / 4 - y / 100 + y / 400 + offsets[m - 1] + d) % 7;
}

/* Days from 1970-01-01 to y-m-d (Gregorian, month 1-12). */
static long long days_from_epoch(int y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static enum lint_date_check parse_rfc2822(const char *s, int *weekday, long long *epoch);

/* On LINT_DATE_WRONG_WEEKDAY, *weekday is the date's real day of the week. */
enum lint_date_check lint_value_rfc2822(const char *s, int *weekday)
{
	long long epoch;

	return parse_rfc2822(s, weekday, &epoch);
}

bool lint_value_rfc2822_time(const char *s, long long *epoch)
{
	int weekday;
	enum lint_date_check r = parse_rfc2822(s, &weekday, epoch);

	return r == LINT_DATE_OK || r == LINT_DATE_WRONG_WEEKDAY;
}

static enum lint_date_check parse_rfc2822(const char *s, int *weekday, long long *epoch)
{
	static const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	const char *p = s;
	int named_day = -1, day, month, year, hour, minute, second = 0, zone = 0, zone_sign = 1;
	int named_zone;
	const char *year_start;

	if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
		if ((named_day = scan_name(&p, datetime_day_names, COUNT(datetime_day_names))) < 0)
			return LINT_DATE_SYNTAX;
		skip_space(&p);
		if (*p++ != ',')
			return LINT_DATE_SYNTAX;
		skip_space(&p);
	}
	if (!scan_number(&p, 1, 2, &day) || !skip_space(&p))
		return LINT_DATE_SYNTAX;
	if ((month = scan_name(&p, datetime_month_names, COUNT(datetime_month_names))) < 0 ||
	    !skip_space(&p))
		return LINT_DATE_SYNTAX;
	year_start = p;
	if (!scan_number(&p, 2, 4, &year) || p - year_start == 3)
		return LINT_DATE_SYNTAX;
	if (p - year_start == 2) /* obsolete two-digit year */
		year += year < 50 ? 2000 : 1900;
	if (!skip_space(&p))
		return LINT_DATE_SYNTAX;
	if (!scan_number(&p, 2, 2, &hour) || *p++ != ':' || !scan_number(&p, 2, 2, &minute))
		return LINT_DATE_SYNTAX;
	if (*p == ':' && (p++, !scan_number(&p, 2, 2, &second)))
		return LINT_DATE_SYNTAX;
	if (!skip_space(&p))
		return LINT_DATE_SYNTAX;
	if (*p == '+' || *p == '-') {
		zone_sign = *p++ == '-' ? -1 : 1;
		if (!scan_number(&p, 4, 4, &zone))
			return LINT_DATE_SYNTAX;
	} else if ((named_zone = scan_name(&p, zone_names, COUNT(zone_names))) < 0) {
		return LINT_DATE_SYNTAX;
	} else {
		zone = zone_offsets[named_zone];
		zone_sign = zone < 0 ? -1 : 1;
		zone *= zone_sign;
	}
	if (skip_space(&p) && *p == '(') {
		p++;
		p += strcspn(p, "()");
		if (*p++ != ')')
			return LINT_DATE_SYNTAX;
		skip_space(&p);
	}
	if (*p != '\0')
		return LINT_DATE_SYNTAX;

	if (year < 1900 || day < 1 ||
	    day > month_days[month] + (month == 1 && is_leap_year(year)) || hour > 23 ||
	    minute > 59 || second > 60 || zone / 100 > 23 || zone % 100 > 59)
		return LINT_DATE_NO_SUCH_TIME;
	*weekday = weekday_of(year, month + 1, day);
	*epoch = days_from_epoch(year, month + 1, day) * 86400 + hour * 3600 + minute * 60 +
		 second - zone_sign * ((zone / 100) * 3600 + (zone % 100) * 60);
	if (named_day >= 0 && named_day != *weekday)
		return LINT_DATE_WRONG_WEEKDAY;
	return LINT_DATE_OK;
}

/* Namespace URIs */

/* The part of a URI a near miss keeps: no scheme, no "www.", no trailing
 * slashes; compared without case. */
static void ns_key(const char *uri, const char **start, size_t *len)
{
	size_t n;

	if (strncasecmp(uri, "https://", 8) == 0)
		uri += 8;
	else if (strncasecmp(uri, "http://", 7) == 0)
		uri += 7;
	if (strncasecmp(uri, "www.", 4) == 0)
		uri += 4;
	n = strlen(uri);
	while (n > 0 && uri[n - 1] == '/')
		n--;
	*start = uri;
	*len = n;
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

#define NS_KEY_MAX 200

bool lint_value_ns_near(const char *uri, const char *canonical)
{
	size_t row[NS_KEY_MAX + 1], an, bn;
	const char *a, *b;

	ns_key(uri, &a, &an);
	ns_key(canonical, &b, &bn);
	if (an == bn && strncasecmp(a, b, an) == 0)
		return true;
	/* Or two typing slips apart (Levenshtein distance, ignoring case):
	 * ".../dtd/podcast-1.0.dtd". No two namespaces a feed uses are so close. */
	if (an > NS_KEY_MAX || bn > NS_KEY_MAX || (an > bn ? an - bn : bn - an) > 2)
		return false;
	for (size_t j = 0; j <= bn; j++)
		row[j] = j;
	for (size_t i = 1; i <= an; i++) {
		size_t diagonal = row[0];

		row[0] = i;
		for (size_t j = 1; j <= bn; j++) {
			size_t up = row[j], best = diagonal + (lower(a[i - 1]) != lower(b[j - 1]));

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diagonal = up;
			row[j] = best;
		}
	}
	return row[bn] <= 2;
}

/* Characters */

unsigned long lint_value_discouraged_char(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		unsigned long c;
		int extra;

		if (*p < 0x80) {
			if (*p == 0x7f)
				return 0x7f;
			p++;
			continue;
		}
		if ((*p & 0xe0) == 0xc0) {
			c = *p & 0x1f;
			extra = 1;
		} else if ((*p & 0xf0) == 0xe0) {
			c = *p & 0x0f;
			extra = 2;
		} else if ((*p & 0xf8) == 0xf0) {
			c = *p & 0x07;
			extra = 3;
		} else {
			p++; /* not UTF-8: the parser has said so already */
			continue;
		}
		p++;
		for (; extra > 0 && (*p & 0xc0) == 0x80; extra--, p++)
			c = (c << 6) | (*p & 0x3f);
		if (extra > 0)
			continue;
		if ((c >= 0x80 && c <= 0x9f) || (c >= 0xfdd0 && c <= 0xfdef) ||
		    (c & 0xfffe) == 0xfffe)
			return c;
	}
	return 0;
}

/* Podcasting 2.0 attribute values */

bool lint_value_decimal(const char *s)
{
	size_t whole = strspn(s, "0123456789");

	if (s[whole] == '.') {
		size_t fraction = strspn(s + whole + 1, "0123456789");

		return whole > 0 && fraction > 0 && s[whole + 1 + fraction] == '\0';
	}
	return whole > 0 && s[whole] == '\0';
}

/* RFC 6838 section 4.2 restricted-name characters. */
static size_t mime_name(const char *s)
{
	static const char chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "0123456789!#$&-^_.+";
	size_t n = strspn(s, chars);

	return n <= 127 ? n : 0;
}

bool lint_value_mime_type(const char *s)
{
	size_t type = mime_name(s), sub;

	if (type == 0 || s[type] != '/')
		return false;
	s += type + 1;
	sub = mime_name(s);
	if (sub == 0)
		return false;
	s += sub;
	while (*s == ' ' || *s == '\t')
		s++;
	return *s == '\0' || *s == ';';
}

bool lint_value_email(const char *s)
{
	const char *at = strchr(s, '@');
	const char *dot;

	if (!at || at == s || strchr(at + 1, '@'))
		return false;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' || *p == ',')
			return false;
	dot = strrchr(at + 1, '.');
	return dot && dot > at + 1 && dot[1] != '\0';
}

/* A signed decimal number with at least one digit; its value (to the
 * precision a range check needs) in *out. */
static bool scan_coordinate(const char **p, double *out)
{
	const char *s = *p;
	double value = 0, scale = 1;
	int sign = 1;
	size_t digits = 0;

	if (*s == '-' || *s == '+')
		sign = *s++ == '-' ? -1 : 1;
	for (; *s >= '0' && *s <= '9'; s++, digits++)
		value = value * 10 + (*s - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++, digits++)
			value += (*s - '0') * (scale /= 10);
	if (digits == 0)
		return false;
	*p = s;
	*out = sign * value;
	return true;
}

bool lint_value_geo_uri(const char *s)
{
	double lat, lon, alt;

	if (strncasecmp(s, "geo:", 4) != 0)
		return false;
	s += 4;
	if (!scan_coordinate(&s, &lat) || *s++ != ',' || !scan_coordinate(&s, &lon))
		return false;
	if (*s == ',' && (s++, !scan_coordinate(&s, &alt)))
		return false;
	if (lat < -90 || lat > 90 || lon < -180 || lon > 180)
		return false;
	/* Parameters (";u=350", ";crs=wgs84") as RFC 5870 section 3.3 has them. */
	while (*s == ';') {
		size_t n = strcspn(++s, ";");

		if (n == 0)
			return false;
		s += n;
	}
	return *s == '\0';
}

bool lint_value_osm(const char *s)
{
	size_t n;

	if (*s != 'N' && *s != 'W' && *s != 'R')
		return false;
	n = strspn(++s, "0123456789");
	if (n == 0)
		return false;
	s += n;
	if (*s == '#') {
		n = strspn(++s, "0123456789");
		if (n == 0)
			return false;
		s += n;
	}
	return *s == '\0';
}

bool lint_value_iso8601(const char *s)
{
	static const char shape[] = "dddd-dd-dd";
	int month, day;

	for (size_t i = 0; i < sizeof(shape) - 1; i++)
		if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != shape[i])
			return false;
	month = (s[5] - '0') * 10 + (s[6] - '0');
	day = (s[8] - '0') * 10 + (s[9] - '0');
	if (month < 1 || month > 12 || day < 1 || day > 31)
		return false;
	return s[10] == '\0' || ((s[10] == 'T' || s[10] == ' ') && s[11] >= '0' && s[11] <= '9');
}

/* A UTF-8 byte order mark, which both formats allow before the text. */
static const char *skip_bom(const char *s)
{
	return strncmp(s, "\xEF\xBB\xBF", 3) == 0 ? s + 3 : s;
}

bool lint_value_webvtt(const char *s)
{
	s = skip_bom(s);
	return strncmp(s, "WEBVTT", 6) == 0 &&
	       (s[6] == '\0' || s[6] == ' ' || s[6] == '\t' || s[6] == '\n' || s[6] == '\r');
}

/* "HH:MM:SS,mmm", two digits, two, two and three; returns past it or NULL. */
static const char *srt_time(const char *s)
{
	static const char shape[] = "99:99:99,999";

	for (size_t i = 0; shape[i]; i++, s++)
		if (shape[i] == '9' ? !(*s >= '0' && *s <= '9') : *s != shape[i])
			return NULL;
	return s;
}

bool lint_value_srt(const char *s)
{
	s = skip_bom(s);
	s += strspn(s, " \t\r\n");
	if (!(*s >= '0' && *s <= '9'))
		return false;
	s += strspn(s, "0123456789");
	s += strspn(s, " \t\r");
	if (*s++ != '\n' || !(s = srt_time(s)))
		return false;
	s += strspn(s, " \t");
	if (strncmp(s, "-->", 3) != 0)
		return false;
	s += 3;
	s += strspn(s, " \t");
	return srt_time(s) != NULL;
}
