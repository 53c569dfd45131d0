/* served.h - does the show's public address serve what is on the target?
 *
 * The feed names every file as base_url + its path on the target; a
 * base_url that points elsewhere than where the host serves the target's
 * folder publishes a feed whose every episode is missing. check-target
 * asks base_url for the probe file it has just written there. */
#ifndef PODPUB_SERVED_H
#define PODPUB_SERVED_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "diag.h"
#include "result.h"

/* A file on the target, as check-target wrote it. */
struct served_probe {
	const char *remote; /* its path below the target's root */
	const char *text;   /* its bytes */
	size_t len;
};

/* GETs c->base_url + probe->remote (TLS verified; `ca_file`, when given,
 * added to the system's CAs) and compares what comes back. *served is
 * true when the bytes are the probe's; otherwise a warning names
 * base_url with its podcast.yaml line and what was answered instead.
 * PP_OK unless out of memory or interrupted. */
enum pp_result served_check(const struct config *c, const char *ca_file,
			    const struct served_probe *probe, bool *served,
			    struct diag *diag) PP_MUST_USE;

#endif
