#include "target/notify.h"

#include <stdlib.h>
#include <string.h>

#include "target/target_curl.h"
#include "util.h"

/* One ping: `url` (with the feed's URL in its query, escaped), a POST body
 * or NULL for a GET, and an extra header or NULL. */
static enum pp_result ping(struct tcurl *curl, const char *service, const char *url,
			   const char *body, const char *header, size_t *told, struct diag *diag)
{
	const char *headers[] = { header, NULL };
	struct target_source src = { .data = body, .len = body ? strlen(body) : 0 };
	struct tcurl_request r = { .url = url, .method = body ? "POST" : NULL,
				   .body = body ? &src : NULL, .headers = header ? headers : NULL };
	struct tcurl_reply reply;
	enum pp_result res = tcurl_perform(curl, &r, &reply);

	if (res == PP_ENOMEM)
		return res;
	if (res == PP_OK && tcurl_ok(curl, &reply)) {
		(*told)++;
		diag_add(diag, DIAG_NOTE, service, 0, "told that the feed changed");
	} else {
		diag_warning(diag, service, 0, "was not told that the feed changed: %s",
			     reply.words[0] ? reply.words : "no answer");
	}
	return PP_OK;
}

enum pp_result notify_feed_changed(const struct config *c, size_t *told, struct diag *diag)
{
	const char *token = getenv("PODPING_TOKEN");
	struct config_target bare = { .url = c->feed_url };
	struct tcurl *curl = NULL;
	char *feed = NULL, *url = NULL, *body = NULL, *auth = NULL;
	enum pp_result res;

	*told = 0;
	if (!c->hub && !c->notify_podcastindex && !(c->notify_podping && token && *token))
		return PP_OK;
	/* A POST to a hub is a form; a GET carries the URL in its query. */
	if ((res = tcurl_open(&bare, TCURL_HTTP, &curl, diag)) != PP_OK)
		return res == PP_ENOMEM ? res : PP_OK;
	res = PP_ENOMEM;
	if (!(feed = tcurl_escape(curl, c->feed_url)))
		goto out;
	if (c->hub) {
		if (!(body = pp_asprintf("hub.mode=publish&hub.url=%s", feed)))
			goto out;
		if (ping(curl, "the WebSub hub", c->hub, body,
			 "Content-Type: application/x-www-form-urlencoded", told, diag) != PP_OK)
			goto out;
	}
	if (c->notify_podcastindex) {
		if (!(url = pp_asprintf("%s?url=%s", c->notify_podcastindex, feed)))
			goto out;
		if (ping(curl, "Podcast Index", url, NULL, NULL, told, diag) != PP_OK)
			goto out;
		free(url);
		url = NULL;
	}
	if (c->notify_podping && token && *token) {
		if (!(url = pp_asprintf("%s?url=%s", c->notify_podping, feed)) ||
		    !(auth = pp_asprintf("Authorization: %s", token)))
			goto out;
		if (ping(curl, "Podping", url, NULL, auth, told, diag) != PP_OK)
			goto out;
	}
	res = PP_OK;
out:
	if (auth)
		memset(auth, 0, strlen(auth));
	free(auth);
	free(url);
	free(body);
	free(feed);
	tcurl_free(&curl);
	return res;
}
