/* target.c - the registry of target drivers by URL scheme. */
#include "target/target.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "util.h"

struct target_driver {
	const char *scheme;
	const struct target_ops *ops;
	bool keeps_url; /* the driver opens the whole URL, not just its path */
};

/* A new driver is one row here (see docs/HACKING.md). */
static const struct target_driver drivers[] = {
    {"file", &target_file_ops, false},
};

size_t target_scheme_length(const char *location)
{
	size_t n = 0;

	/* RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" */
	if (!isalpha((unsigned char)location[0]))
		return 0;
	while (isalnum((unsigned char)location[n]) || location[n] == '+' || location[n] == '-' ||
	       location[n] == '.')
		n++;
	return location[n] == ':' ? n : 0;
}

const struct target_ops *target_for(const char *location, const char **rest)
{
	size_t scheme = target_scheme_length(location);

	*rest = location;
	if (!scheme)
		return &target_file_ops;
	for (size_t i = 0; i < COUNT(drivers); i++) {
		const struct target_driver *d = &drivers[i];

		if (strlen(d->scheme) != scheme || strncasecmp(location, d->scheme, scheme) != 0)
			continue;
		if (!d->keeps_url) {
			*rest = location + scheme + 1;
			if (strncmp(*rest, "//", 2) == 0)
				*rest += 2;
		}
		return d->ops;
	}
	return NULL;
}
