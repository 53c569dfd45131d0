/* The words tcurl_fail gives a producer for a failure, from a reply as
 * libcurl and the server left it: no connection is made. */
#include "target/target_curl.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

#include "testhelp.h"

/* tcurl_fail's one message for `reply` on a handle for `s`, or NULL. */
static char *told(const struct config_target *s, enum tcurl_proto proto,
		  const struct tcurl_reply *reply, size_t *count)
{
	struct tcurl *c = NULL;
	struct diag d;
	char *message = NULL;

	diag_init(&d);
	*count = 0;
	if (tcurl_open(s, proto, &c, &d) == PP_OK) {
		tcurl_fail(c, "media/a.mp3", "upload", reply, &d);
		/* The same failure again, as the tidy-up after it meets it. */
		tcurl_fail(c, "media/a.mp3.0123456789abcdef.podpub-tmp", "remove", reply, &d);
		*count = d.count;
		if (d.count)
			message = strdup(d.entries[0].message);
	}
	tcurl_free(&c);
	diag_release(&d);
	return message;
}

static void a_refused_login_says_where_the_password_was_looked_for(struct test_ctx *t)
{
	char name[] = "ftp", url[] = "ftps://jane@ftp.example.fi/x/";
	const struct config_target ftp = { .name = name, .url = url };
	const struct tcurl_reply refused = { .code = CURLE_LOGIN_DENIED, .status = 530,
					     .words = "530 Login incorrect." };
	size_t count;
	char *m;

	unsetenv("PODPUB_PASSWORD");
	m = told(&ftp, TCURL_FTPS, &refused, &count);
	EXPECT_INT(t, count, 1);
	EXPECT_CONTAINS(t, m, "the host refused the login of 'jane' (530 Login incorrect.)");
	EXPECT_CONTAINS(t, m, "add 'machine ftp.example.fi login jane password ...' to ~/.netrc");
	free(m);
	setenv("PODPUB_PASSWORD", "not-the-secret", 1);
	m = told(&ftp, TCURL_FTPS, &refused, &count);
	EXPECT_CONTAINS(t, m, "check the password in PODPUB_PASSWORD");
	EXPECT_LACKS(t, m, "not-the-secret");
	free(m);
	unsetenv("PODPUB_PASSWORD");
}

static void refused_keys_and_certificates_are_told_once(struct test_ctx *t)
{
	char s3_name[] = "bucket", s3_url[] = "s3://b/p";
	char dav_name[] = "dav", dav_url[] = "https://jane@dav.example.fi/x/";
	const struct config_target s3 = { .name = s3_name, .url = s3_url, .path_style = true };
	const struct config_target dav = { .name = dav_name, .url = dav_url };
	const struct tcurl_reply signature = {
		.status = 403, .words = "HTTP 403 SignatureDoesNotMatch: The request signature ..."
	};
	const struct tcurl_reply denied = { .status = 403, .words = "HTTP 403 AccessDenied: no" };
	const struct tcurl_reply untrusted = {
		.code = CURLE_PEER_FAILED_VERIFICATION,
		.words = "SSL certificate problem: unable to get local issuer certificate"
	};
	size_t count;
	char *m;

	m = told(&s3, TCURL_S3, &signature, &count);
	EXPECT_INT(t, count, 1);
	EXPECT_STARTS(t, m, "the service refused the keys (HTTP 403 SignatureDoesNotMatch");
	free(m);
	/* A key it knows, without the right: a permission, told per file. */
	m = told(&s3, TCURL_S3, &denied, &count);
	EXPECT_INT(t, count, 2);
	EXPECT_STARTS(t, m, "media/a.mp3: cannot upload: HTTP 403 AccessDenied");
	free(m);
	m = told(&dav, TCURL_HTTP, &untrusted, &count);
	EXPECT_INT(t, count, 1);
	EXPECT_CONTAINS(t, m, "the host's certificate is not trusted");
	EXPECT_CONTAINS(t, m, "as ca_file in the target");
	free(m);
}

static void a_bucket_host_that_resolves_nowhere_suggests_path_style(struct test_ctx *t)
{
	char name[] = "bucket", url[] = "s3://b/p", endpoint[] = "https://127.0.0.1:9000";
	struct config_target s3 = { .name = name, .url = url, .endpoint = endpoint };
	const struct tcurl_reply unresolved = { .code = CURLE_COULDNT_RESOLVE_HOST,
						.words = "Could not resolve host: b.127.0.0.1" };
	size_t count;
	char *m;

	m = told(&s3, TCURL_S3, &unresolved, &count);
	EXPECT_CONTAINS(t, m, "wants path_style: true");
	free(m);
	s3.path_style = true;
	m = told(&s3, TCURL_S3, &unresolved, &count);
	EXPECT_LACKS(t, m, "path_style");
	free(m);
}

TEST_MAIN(TEST_CASE(a_refused_login_says_where_the_password_was_looked_for),
	  TEST_CASE(refused_keys_and_certificates_are_told_once),
	  TEST_CASE(a_bucket_host_that_resolves_nowhere_suggests_path_style))
