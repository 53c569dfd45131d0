/* served.c - base_url asked for a file just written to the target. */
#include "target/served.h"

#include <stdlib.h>
#include <string.h>

#include "target/fetch.h"
#include "util.h"

/* A host out of reach should not hold up a check for long. */
#define SERVED_TIMEOUT_SECONDS 20L

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
	else if (reply.status == 401 || reply.status == 403)
		diag_warning(diag, c->path, c->base_url_line,
			     "base_url '%s' does not let the public read the target: asked for the "
			     "file just written there, '%s' answered HTTP %ld. Apps would be refused "
			     "every episode alike: the folder (on S3, the bucket or its prefix) must "
			     "be readable by anyone, or be served through a CDN that may read it",
			     c->base_url, reply.final_url ? reply.final_url : url, reply.status);
	else if (reply.status != 200)
		diag_warning(diag, c->path, c->base_url_line,
			     "base_url '%s' does not serve the target: asked for the file just "
			     "written there, '%s' answered HTTP %ld. The feed names every episode "
			     "below base_url, so apps would find none: set base_url to the address "
			     "where the host serves the target's folder",
			     c->base_url, reply.final_url ? reply.final_url : url, reply.status);
	else if (reply.len != probe->len || !reply.body ||
		 memcmp(reply.body, probe->text, probe->len) != 0)
		diag_warning(diag, c->path, c->base_url_line,
			     "base_url '%s' does not serve the target: '%s' answered other bytes "
			     "than the file just written there (%zu bytes, not %zu: a page of the "
			     "host's own?). Set base_url to the address where the host serves the "
			     "target's folder",
			     c->base_url, reply.final_url ? reply.final_url : url, reply.len,
			     probe->len);
	else
		*served = true;
out:
	fetch_reply_release(&reply);
	free(url);
	return res;
}
