/* http_easy.c - the libcurl settings every podpub HTTP(S) read shares
 * (see http_easy.h). */
#include "target/http_easy.h"

#include <stdio.h>

#include <curl/curl.h>

#include "version.h"

void http_easy_setup(void *easy, char *errbuf, const struct http_easy *s)
{
	CURL *e = easy;
	char agent[128];

	/* libcurl copies string options: a buffer on the stack will do. */
	snprintf(agent, sizeof(agent), "podpub/%s (%s)", PODPUB_VERSION, s->role);
	errbuf[0] = '\0';
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, s->follow ? 1L : 0L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, s->max_redirects);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, s->connect_seconds);
	curl_easy_setopt(e, CURLOPT_USERAGENT, agent);
	/* Verification stays on; a ca_file adds a CA to the system's. */
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	if (s->ca_file) {
		curl_easy_setopt(e, CURLOPT_CAINFO, s->ca_file);
		curl_easy_setopt(e, CURLOPT_CAPATH, "/etc/ssl/certs");
	}
}
