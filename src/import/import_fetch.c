/* import_fetch.c - the feed and the enclosures, over libcurl.
 *
 * The old host is a stranger, but the files are the producer's own show:
 * redirects are followed (hosts serve media through tracking redirects),
 * only to http and https, with TLS verified and every size capped. */
#include "import/import_fetch.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "buf.h"
#include "interrupt.h"
#include "target/http_easy.h"
#include "util.h"

#define CONNECT_SECONDS 30L
#define STALL_SECONDS 60L /* less than a byte a second for this long: given up */
#define MAX_REDIRECTS 10L
#define REPORT_SECONDS 10

/* The settings lint's reads share (target/http_easy.h), with import's own:
 * a stalled download is given up rather than a slow one timed out (an
 * episode may take long on a slow link), and an HTTP error fails. */
static void setup(CURL *e, char *errbuf)
{
	static const struct http_easy easy = {
	    .role = "import",
	    .connect_seconds = CONNECT_SECONDS,
	    .follow = true,
	    .max_redirects = MAX_REDIRECTS,
	};

	http_easy_setup(e, errbuf, &easy);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, STALL_SECONDS);
	curl_easy_setopt(e, CURLOPT_FAILONERROR, 1L);
	/* Some hosts gzip the feed; libcurl undoes whatever it supports. */
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
}

/* libcurl's words for a failure: its error buffer, else its code's name. */
static const char *words(CURLcode code, const char *errbuf)
{
	return errbuf[0] ? errbuf : curl_easy_strerror(code);
}

/* A scheme ("https:") starts an absolute URL. */
static bool has_scheme(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");

	return n > 0 && s[n] == ':' && ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'));
}

enum pp_result import_resolve_url(const char *base, const char *ref, char **out)
{
	CURLUcode rc;
	char *url = NULL;
	CURLU *u;

	*out = NULL;
	if (has_scheme(ref))
		return (*out = strdup(ref)) ? PP_OK : PP_ENOMEM;
	if (!(u = curl_url()))
		return PP_ENOMEM;
	/* A relative URL set over an absolute one is resolved against it. */
	rc = curl_url_set(u, CURLUPART_URL, base, 0);
	if (rc == CURLUE_OK)
		rc = curl_url_set(u, CURLUPART_URL, ref, 0);
	if (rc == CURLUE_OK)
		rc = curl_url_get(u, CURLUPART_URL, &url, 0);
	if (rc == CURLUE_OK && !(*out = strdup(url)))
		rc = CURLUE_OUT_OF_MEMORY;
	curl_free(url);
	curl_url_cleanup(u);
	return rc == CURLUE_OK ? PP_OK : rc == CURLUE_OUT_OF_MEMORY ? PP_ENOMEM : PP_EPARSE;
}

struct feed_body {
	struct buf data;
	size_t max;
	bool too_large, no_memory;
};

static size_t on_feed_body(char *bytes, size_t size, size_t n, void *data)
{
	struct feed_body *b = data;

	if (b->data.len + n > b->max) {
		b->too_large = true;
		return 0;
	}
	if (buf_add(&b->data, bytes, n) != PP_OK) {
		b->no_memory = true;
		return 0;
	}
	return size * n;
}

enum pp_result import_fetch_feed(const char *url, size_t max, char **data, size_t *len,
				 char **final_url, struct diag *diag)
{
	struct feed_body body = { .max = max };
	char errbuf[CURL_ERROR_SIZE];
	enum pp_result res = PP_ETARGET;
	const char *effective = NULL;
	CURLcode code;
	CURL *e;

	*data = NULL;
	*final_url = NULL;
	buf_init(&body.data);
	if (!(e = curl_easy_init()))
		return PP_ENOMEM;
	setup(e, errbuf);
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_feed_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, &body);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max);
	code = curl_easy_perform(e);
	if (body.no_memory || code == CURLE_OUT_OF_MEMORY) {
		res = PP_ENOMEM;
		goto out;
	}
	if (body.too_large || code == CURLE_FILESIZE_EXCEEDED) {
		diag_error(diag, url, 0, "the feed is larger than the %zu MiB podpub reads", max >> 20);
		res = PP_EPARSE;
		goto out;
	}
	if (code != CURLE_OK) {
		diag_error(diag, url, 0, "cannot fetch the feed: %s", words(code, errbuf));
		goto out;
	}
	curl_easy_getinfo(e, CURLINFO_EFFECTIVE_URL, &effective);
	if (!(*final_url = strdup(effective ? effective : url)) ||
	    !(*data = buf_detach(&body.data, len))) {
		free(*final_url);
		*final_url = NULL;
		res = PP_ENOMEM;
		goto out;
	}
	res = PP_OK;
out:
	buf_release(&body.data);
	curl_easy_cleanup(e);
	return res;
}

/* One download under way. */
struct xfer {
	struct import_download *d;
	CURL *easy;
	FILE *f;
	bool restarted;       /* the server ignored the Range: started over once */
	bool write_failed;
	bool too_large;       /* more than d->max: stopped */
	char errbuf[CURL_ERROR_SIZE];
};

static size_t on_body(char *bytes, size_t size, size_t n, void *data)
{
	struct xfer *x = data;
	long status = 0;

	/* A 200 to a Range request is the whole file: what the earlier run
	 * kept is dropped and the file written from its start. */
	if (x->d->resumed && !x->restarted) {
		curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
		x->restarted = true;
		if (status == 200) {
			if (fflush(x->f) != 0 || ftruncate(fileno(x->f), 0) != 0) {
				x->write_failed = true;
				return 0;
			}
			x->d->resumed = false;
			x->d->size = 0;
		}
	}
	/* libcurl checks the size a server announces; this, what it sends. */
	if (x->d->size + (int64_t)n > x->d->max) {
		x->too_large = true;
		return 0;
	}
	if (fwrite(bytes, 1, n, x->f) != n) {
		x->write_failed = true;
		return 0;
	}
	x->d->size += (int64_t)n;
	return size * n;
}

static void say(import_progress_fn *progress, void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void say(import_progress_fn *progress, void *ctx, const char *fmt, ...)
{
	va_list ap;
	char *line;

	if (!progress)
		return;
	va_start(ap, fmt);
	line = pp_vasprintf(fmt, ap);
	va_end(ap);
	if (line)
		progress(ctx, line);
	free(line);
}

/* Opens the .part file (continued when it holds bytes) and a handle for
 * it. False when there is nothing to transfer: the file was downloaded
 * before (d->ok), or it cannot be opened or no handle made (d->error). */
static bool start(struct xfer *x, struct import_download *d, import_progress_fn *progress,
		  void *ctx)
{
	struct stat st;

	memset(x, 0, sizeof(*x));
	x->d = d;
	if (d->max <= 0 || d->max > IMPORT_FILE_MAX)
		d->max = IMPORT_FILE_MAX;
	d->size = 0;
	d->resumed = false;
	if (stat(d->done_path, &st) == 0 && S_ISREG(st.st_mode)) {
		/* An earlier run downloaded it whole, then stopped. */
		d->ok = true;
		d->size = (int64_t)st.st_size;
		say(progress, ctx, "already downloaded %s: %lld bytes", d->label, (long long)d->size);
		return false;
	}
	if (stat(d->part_path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
		d->resumed = true;
		d->resumed_at = d->size = (int64_t)st.st_size;
	}
	if (!(x->f = fopen(d->part_path, "ab"))) {
		snprintf(d->error, sizeof(d->error), "cannot write '%s': %s", d->part_path,
			 strerror(errno));
		return false;
	}
	if (!(x->easy = curl_easy_init())) {
		snprintf(d->error, sizeof(d->error), "out of memory");
		fclose(x->f);
		x->f = NULL;
		return false;
	}
	setup(x->easy, x->errbuf);
	curl_easy_setopt(x->easy, CURLOPT_URL, d->url);
	curl_easy_setopt(x->easy, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(x->easy, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(x->easy, CURLOPT_PRIVATE, x);
	curl_easy_setopt(x->easy, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)d->max);
	if (d->resumed) {
		curl_easy_setopt(x->easy, CURLOPT_RESUME_FROM_LARGE, (curl_off_t)d->size);
		say(progress, ctx, "resuming %s at byte %lld", d->label, (long long)d->size);
	} else {
		say(progress, ctx, "downloading %s", d->label);
	}
	return true;
}

/* "4 GiB", "1 MiB", "300 KiB": a cap as a message gives it. */
static const char *size_words(int64_t n, char *out, size_t size)
{
	if (n >= (int64_t)1 << 30 && n % ((int64_t)1 << 30) == 0)
		snprintf(out, size, "%lld GiB", (long long)(n >> 30));
	else if (n >= (int64_t)1 << 20 && n % ((int64_t)1 << 20) == 0)
		snprintf(out, size, "%lld MiB", (long long)(n >> 20));
	else if (n >= 1024 && n % 1024 == 0)
		snprintf(out, size, "%lld KiB", (long long)(n >> 10));
	else
		snprintf(out, size, "%lld bytes", (long long)n);
	return out;
}

/* Closes a finished download and records how it went. */
static void finish(struct xfer *x, CURLcode code, import_progress_fn *progress, void *ctx)
{
	struct import_download *d = x->d;
	char sizebuf[32];
	long status = 0;

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	if (fclose(x->f) != 0 && code == CURLE_OK)
		x->write_failed = true;
	x->f = NULL;
	if (x->write_failed)
		snprintf(d->error, sizeof(d->error), "cannot write '%s': %s", d->part_path,
			 strerror(errno));
	else if (code == CURLE_HTTP_RETURNED_ERROR)
		snprintf(d->error, sizeof(d->error), "the server answered HTTP %ld", status);
	else if (code == CURLE_FILESIZE_EXCEEDED || x->too_large)
		snprintf(d->error, sizeof(d->error), "larger than the %s podpub downloads",
			 size_words(d->max, sizebuf, sizeof(sizebuf)));
	else if (code != CURLE_OK)
		snprintf(d->error, sizeof(d->error), "%s", words(code, x->errbuf));
	else if (rename(d->part_path, d->done_path) != 0)
		snprintf(d->error, sizeof(d->error), "cannot rename '%s': %s", d->part_path,
			 strerror(errno));
	else
		d->ok = true;
	if (d->ok)
		say(progress, ctx, "downloaded %s: %lld bytes", d->label, (long long)d->size);
	curl_easy_cleanup(x->easy);
	x->easy = NULL;
}

/* A 416 to a Range request: the .part file is no beginning of this file
 * (or all of it, which the size check then tells). Started over once. */
static bool range_refused(const struct xfer *x, CURLcode code)
{
	long status = 0;

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	return x->d->resumed && code == CURLE_HTTP_RETURNED_ERROR && status == 416;
}

enum pp_result import_fetch_all(struct import_download *list, size_t count, int jobs,
				import_progress_fn *progress, void *ctx)
{
	struct xfer *xfers = NULL;
	enum pp_result res = PP_ENOMEM;
	size_t next = 0, running = 0;
	time_t last_report = time(NULL);
	CURLM *multi;

	if (jobs < 1)
		jobs = 1;
	if (!(multi = curl_multi_init()))
		return PP_ENOMEM;
	if (count && !(xfers = calloc(count, sizeof(*xfers))))
		goto out;
	res = PP_OK;
	while ((next < count || running > 0) && res == PP_OK) {
		int still = 0, queued = 0;
		CURLMsg *msg;

		while (next < count && running < (size_t)jobs) {
			struct xfer *x = &xfers[next];

			if (start(x, &list[next], progress, ctx)) {
				if (curl_multi_add_handle(multi, x->easy) != CURLM_OK) {
					res = PP_ENOMEM;
					break;
				}
				running++;
			}
			next++;
		}
		if (res != PP_OK)
			break;
		if (interrupted()) {
			res = PP_EINTR;
			break;
		}
		if (time(NULL) - last_report >= REPORT_SECONDS) {
			/* A long download is not silent: the bytes so far, now and then. */
			int64_t bytes = 0;
			size_t done = 0;

			for (size_t i = 0; i < count; i++) {
				bytes += list[i].size;
				done += list[i].ok;
			}
			say(progress, ctx, "%zu of %zu files done, %lld MB so far", done, count,
			    (long long)(bytes >> 20));
			last_report = time(NULL);
		}
		if (curl_multi_perform(multi, &still) != CURLM_OK ||
		    curl_multi_poll(multi, NULL, 0, 200, NULL) != CURLM_OK) {
			res = PP_EINTERNAL;
			break;
		}
		while ((msg = curl_multi_info_read(multi, &queued))) {
			struct xfer *x = NULL;
			CURLcode code = msg->data.result;

			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&x);
			curl_multi_remove_handle(multi, x->easy);
			running--;
			if (range_refused(x, code)) {
				struct import_download *d = x->d;

				fclose(x->f);
				curl_easy_cleanup(x->easy);
				if (truncate(d->part_path, 0) != 0 || !start(x, d, progress, ctx) ||
				    curl_multi_add_handle(multi, x->easy) != CURLM_OK)
					snprintf(d->error, sizeof(d->error),
						 "cannot start over: %s", strerror(errno));
				else
					running++;
				continue;
			}
			finish(x, code, progress, ctx);
		}
	}
out:
	/* Stopped early (Ctrl-C): each transfer's bytes so far stay in its
	 * .part file for the next run. */
	for (size_t i = 0; xfers && i < count; i++) {
		if (xfers[i].easy) {
			curl_multi_remove_handle(multi, xfers[i].easy);
			curl_easy_cleanup(xfers[i].easy);
		}
		if (xfers[i].f)
			fclose(xfers[i].f);
	}
	free(xfers);
	curl_multi_cleanup(multi);
	return res;
}
