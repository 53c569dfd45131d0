/* fetch.c - HTTP(S) reads for the linter, over libcurl (easy for a feed,
 * multi for the many requests of --online). */
#include "target/fetch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "buf.h"
#include "interrupt.h"
#include "target/http_easy.h"
#include "util.h"

#define CONNECT_SECONDS 10L

/* One transfer under way: its handle, where its body goes, and the reply
 * it fills. */
struct transfer {
	CURL *easy;
	struct fetch_reply *reply;
	size_t max_bytes;
	struct buf body;
	struct curl_slist *headers;
	bool oom; /* a header or the body could not be stored */
	char errbuf[CURL_ERROR_SIZE];
};

void fetch_reply_init(struct fetch_reply *r)
{
	memset(r, 0, sizeof(*r));
	r->content_length = -1;
}

/* The headers the linter reads, and where each lands in the reply. */
static const struct {
	const char *name;
	size_t offset;
} kept_headers[] = {
	{ "content-type", offsetof(struct fetch_reply, content_type) },
	{ "accept-ranges", offsetof(struct fetch_reply, accept_ranges) },
	{ "content-range", offsetof(struct fetch_reply, content_range) },
	{ "access-control-allow-origin", offsetof(struct fetch_reply, allow_origin) },
};

/* Drops what one response left: the next one (after a redirect) brings
 * its own. The redirects listed stay. */
static void reset_response(struct fetch_reply *r)
{
	for (size_t i = 0; i < COUNT(kept_headers); i++) {
		char **slot = (char **)(void *)((char *)r + kept_headers[i].offset);

		free(*slot);
		*slot = NULL;
	}
	free(r->body);
	free(r->final_url);
	r->body = NULL;
	r->final_url = NULL;
	r->len = 0;
	r->content_length = -1;
	r->too_large = false;
	r->answered = false;
	r->status = 0;
	r->words[0] = '\0';
}

void fetch_reply_release(struct fetch_reply *r)
{
	reset_response(r);
	for (size_t i = 0; i < r->redirect_count; i++)
		free(r->redirects[i]);
	fetch_reply_init(r);
}

static size_t on_body(char *data, size_t size, size_t n, void *userdata)
{
	struct transfer *t = userdata;
	size_t len = size * n, room = t->max_bytes - t->body.len;

	/* Past the cap the transfer stops: a HEAD-less server that ignores
	 * Range would otherwise send a whole episode. */
	if (len > room) {
		t->reply->too_large = true;
		if (buf_add(&t->body, data, room) != PP_OK)
			t->oom = true;
		return 0;
	}
	if (buf_add(&t->body, data, len) != PP_OK) {
		t->oom = true;
		return 0;
	}
	return len;
}

/* Keeps the headers of kept_headers[] of the last response: a status line
 * starts a new response (each redirect, a 100 Continue). */
static size_t on_header(char *data, size_t size, size_t n, void *userdata)
{
	struct transfer *t = userdata;
	size_t len = size * n, keep = len, name_len;
	const char *value;

	while (keep > 0 && (data[keep - 1] == '\n' || data[keep - 1] == '\r'))
		keep--;
	if (keep >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		reset_response(t->reply);
		t->body.len = 0;
		return len;
	}
	value = memchr(data, ':', keep);
	if (!value)
		return len;
	name_len = (size_t)(value - data);
	for (value++; value < data + keep && (*value == ' ' || *value == '\t'); value++)
		;
	if (name_len == 14 && strncasecmp(data, "content-length", 14) == 0) {
		char *end = NULL;
		long long v = strtoll(value, &end, 10);

		t->reply->content_length = end != value && v >= 0 ? (int64_t)v : -1;
		return len;
	}
	for (size_t i = 0; i < COUNT(kept_headers); i++) {
		char **slot = (char **)(void *)((char *)t->reply + kept_headers[i].offset);

		if (strlen(kept_headers[i].name) != name_len ||
		    strncasecmp(data, kept_headers[i].name, name_len) != 0)
			continue;
		free(*slot);
		if (!(*slot = pp_asprintf("%.*s", (int)(data + keep - value), value)))
			t->oom = true;
	}
	return len;
}

/* Ctrl-C stops every transfer at once. */
static int on_progress(void *data, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
		       curl_off_t ulnow)
{
	(void)data;
	(void)dltotal;
	(void)dlnow;
	(void)ultotal;
	(void)ulnow;
	return interrupted();
}

static void transfer_release(struct transfer *t)
{
	if (t->easy)
		curl_easy_cleanup(t->easy);
	curl_slist_free_all(t->headers);
	buf_release(&t->body);
	memset(t, 0, sizeof(*t));
}

/* A handle for `url` with every setting the module promises. */
static enum pp_result transfer_setup(struct transfer *t, const char *url, bool head,
				     const char *range, bool follow, const struct fetch_options *o)
{
	const struct http_easy easy = {
	    .role = "podcast feed linter",
	    .connect_seconds = CONNECT_SECONDS,
	    .follow = follow,
	    .max_redirects = FETCH_MAX_REDIRECTS,
	    .ca_file = o ? o->ca_file : NULL,
	};
	CURL *e = t->easy;

	if (!e && !(e = t->easy = curl_easy_init()))
		return PP_ENOMEM;
	http_easy_setup(e, t->errbuf, &easy);
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, o && o->timeout > 0 ? o->timeout : FETCH_TIMEOUT_DEFAULT);
	curl_easy_setopt(e, CURLOPT_NOBODY, head ? 1L : 0L);
	if (!head)
		curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(e, CURLOPT_RANGE, range);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
	curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(e, CURLOPT_PRIVATE, t);
	t->body.len = 0;
	return PP_OK;
}

/* Fills the reply from a finished transfer's result `code`. */
static enum pp_result transfer_finish(struct transfer *t, CURLcode code)
{
	struct fetch_reply *r = t->reply;
	char *url = NULL;

	if (t->oom)
		return PP_ENOMEM;
	if (code == CURLE_ABORTED_BY_CALLBACK)
		return PP_EINTR;
	r->answered = code == CURLE_OK || (code == CURLE_WRITE_ERROR && r->too_large);
	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &r->status);
	if (!r->answered)
		snprintf(r->words, sizeof(r->words), "%s",
			 t->errbuf[0] ? t->errbuf : curl_easy_strerror(code));
	if (curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &url) == CURLE_OK && url &&
	    !(r->final_url = strdup(url)))
		return PP_ENOMEM;
	if (t->body.len > 0 && !(r->body = buf_detach(&t->body, &r->len)))
		return PP_ENOMEM;
	return PP_OK;
}

enum pp_result fetch_url(const char *url, size_t max_bytes, const struct fetch_options *o,
			 struct fetch_reply *reply)
{
	struct transfer t = { .reply = reply, .max_bytes = max_bytes };
	enum pp_result res = PP_OK;
	char *next = NULL, *current = NULL;

	fetch_reply_init(reply);
	buf_init(&t.body);
	/* Redirects are followed here, not by libcurl, so each one is seen. */
	for (const char *at = url;; at = current) {
		char *location = NULL;

		reset_response(reply);
		if ((res = transfer_setup(&t, at, false, NULL, false, o)) != PP_OK ||
		    (res = transfer_finish(&t, curl_easy_perform(t.easy))) != PP_OK)
			break;
		if (!reply->answered || reply->status < 300 || reply->status >= 400 ||
		    curl_easy_getinfo(t.easy, CURLINFO_REDIRECT_URL, &location) != CURLE_OK ||
		    !location)
			break;
		if (reply->redirect_count == FETCH_MAX_REDIRECTS) {
			reply->answered = false;
			snprintf(reply->words, sizeof(reply->words),
				 "more than %d redirects: the last led to '%s'", FETCH_MAX_REDIRECTS,
				 location);
			break;
		}
		if (!(next = strdup(location)) ||
		    !(reply->redirects[reply->redirect_count] =
			  pp_asprintf("%ld %s", reply->status, location))) {
			res = PP_ENOMEM;
			break;
		}
		reply->redirect_count++;
		free(current);
		current = next;
		next = NULL;
	}
	free(next);
	free(current);
	transfer_release(&t);
	return res;
}

enum pp_result fetch_all(struct fetch_request *reqs, size_t count, const struct fetch_options *o)
{
	struct transfer *ts = calloc(count ? count : 1, sizeof(*ts));
	CURLM *multi = curl_multi_init();
	enum pp_result res = PP_ENOMEM;
	int running = 0;

	for (size_t i = 0; i < count; i++)
		fetch_reply_init(&reqs[i].reply);
	if (!ts || !multi)
		goto out;
	curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)FETCH_PER_HOST);
	curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)FETCH_TOTAL);
	for (size_t i = 0; i < count; i++) {
		ts[i].reply = &reqs[i].reply;
		ts[i].max_bytes = reqs[i].max_bytes;
		buf_init(&ts[i].body);
		if ((res = transfer_setup(&ts[i], reqs[i].url, reqs[i].head, reqs[i].range, true,
					  o)) != PP_OK)
			goto out;
		if (curl_multi_add_handle(multi, ts[i].easy) != CURLM_OK) {
			res = PP_ENOMEM;
			goto out;
		}
	}
	res = PP_OK;
	do {
		CURLMsg *msg;
		int left;

		if (curl_multi_perform(multi, &running) != CURLM_OK ||
		    (running > 0 && curl_multi_poll(multi, NULL, 0, 1000, NULL) != CURLM_OK)) {
			res = PP_ENOMEM; /* libcurl's multi fails only when out of memory */
			break;
		}
		while ((msg = curl_multi_info_read(multi, &left)) && res == PP_OK) {
			struct transfer *t = NULL;

			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&t);
			res = transfer_finish(t, msg->data.result);
		}
		if (res == PP_OK && interrupted())
			res = PP_EINTR;
	} while (running > 0 && res == PP_OK);
out:
	for (size_t i = 0; ts && i < count; i++) {
		if (ts[i].easy && multi)
			curl_multi_remove_handle(multi, ts[i].easy);
		transfer_release(&ts[i]);
	}
	if (multi)
		curl_multi_cleanup(multi);
	free(ts);
	return res;
}

bool fetch_is_loopback_http(const char *url)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL;
	bool loopback = false;

	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK)
		loopback = strcmp(scheme, "http") == 0 &&
			   (strncmp(host, "127.", 4) == 0 || strcmp(host, "[::1]") == 0 ||
			    strcasecmp(host, "localhost") == 0);
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
	return loopback;
}
