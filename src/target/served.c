/* served.c - base_url asked for a file just written to the target. */
#include "target/served.h"

#include <stdlib.h>
#include <string.h>

#include "target/fetch.h"
#include "util.h"

/* A host out of reach should not hold up a check for long. */
#define SERVED_TIMEOUT_SECONDS 20L

/* A status that refuses the asker, not one that finds nothing. */
static bool refused(long status)
{
	return status == 401 || status == 403;
}

/* Where the answer came from: the last redirect's target, or `url`. */
static const char *asked_at(const struct fetch_reply *reply, const char *url)
{
	return reply->final_url ? reply->final_url : url;
}

enum pp_result served_check(const struct config *c, const char *ca_file,
			    const struct served_probe *probe, bool *served, struct diag *diag)
{
	const struct fetch_options options = { .ca_file = ca_file,
					       .timeout = SERVED_TIMEOUT_SECONDS };
	char *url = pp_asprintf("%s%s", c->base_url, probe->remote);
	struct fetch_reply reply;
	enum pp_result res;

	*served = false;
	if (!url)
		return PP_ENOMEM;
	fetch_reply_init(&reply);
	/* Twice the probe's size: enough to see that other bytes came back. */
	res = fetch_url(url, 2 * probe->len + 1, &options, &reply);
	if (res != PP_OK)
		goto out;
	if (!reply.answered)
		diag_warning(diag, c->path, c->base_url_line,
			     "base_url '%s': could not ask it for the file just written to the "
			     "target (%s), so whether it serves the target is not known",
			     c->base_url, reply.words);
	else if (reply.status != 200)
		/* 401, 403: the address is right, the public may not read it. */
		diag_warning(diag, c->path, c->base_url_line,
			     "base_url '%s' %s: asked for the file just written there, '%s' "
			     "answered HTTP %ld. %s",
			     c->base_url,
			     refused(reply.status) ? "does not let the public read the target"
						   : "does not serve the target",
			     asked_at(&reply, url), reply.status,
			     refused(reply.status)
				     ? "Apps would be refused every episode alike: the folder (on S3, "
				       "the bucket or its prefix) must be readable by anyone, or be "
				       "served through a CDN that may read it"
				     : "The feed names every episode below base_url, so apps would "
				       "find none: set base_url to the address where the host serves "
				       "the target's folder");
	else if (reply.len != probe->len || !reply.body ||
		 memcmp(reply.body, probe->text, probe->len) != 0)
		diag_warning(diag, c->path, c->base_url_line,
			     "base_url '%s' does not serve the target: '%s' answered other bytes "
			     "than the file just written there (%zu bytes, not %zu: a page of the "
			     "host's own?). Set base_url to the address where the host serves the "
			     "target's folder",
			     c->base_url, asked_at(&reply, url), reply.len, probe->len);
	else
		*served = true;
out:
	fetch_reply_release(&reply);
	free(url);
	return res;
}
