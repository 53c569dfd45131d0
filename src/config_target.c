/* config_target.c - publish targets in podcast.yaml:
 *
 *   target: webhotel           # a name from targets:, or a folder or URL
 *   targets:
 *     webhotel:
 *       url: sftp://jane@ssh.example.fi/var/www/podcast
 *       ssh_key: ~/.ssh/podcast_ed25519
 */
#include "config_target.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "util.h"

#define TFIELD(key, kind, member) \
	{ key, kind, offsetof(struct config_target, member), false, NULL, 0 }

static const struct yamldoc_field target_fields[] = {
	{ "url", YF_STRING, offsetof(struct config_target, url), true, NULL, 0 },
	TFIELD("ssh_key", YF_STRING, ssh_key),
	TFIELD("known_hosts", YF_STRING, known_hosts),
	TFIELD("host_key", YF_STRING, host_key),
	TFIELD("ca_file", YF_STRING, ca_file),
	TFIELD("endpoint", YF_URL, endpoint),
	TFIELD("region", YF_STRING, region),
	TFIELD("profile", YF_STRING, profile),
	TFIELD("path_style", YF_BOOL, path_style),
	/* S3 multipart: bytes. The service's limits are 5 MiB to 5 GiB a part;
	 * test servers take less, so podpub does not refuse smaller. */
	{ "multipart_threshold", YF_UINT, offsetof(struct config_target, multipart_threshold), false,
	  NULL, 5497558138880L },
	{ "part_size", YF_UINT, offsetof(struct config_target, part_size), false, NULL, 5368709120L },
	TFIELD("allow_plaintext", YF_BOOL, allow_plaintext),
};

/* The schemes podpub publishes to; "" is a plain folder. */
static const struct {
	const char *scheme;
	bool plaintext; /* sends passwords in clear */
} schemes[] = {
	{ "file", false }, { "sftp", false }, { "ftp", true }, { "ftps", false },
	{ "http", true },  { "https", false }, { "s3", false },
};

void config_target_release(struct config_target *t)
{
	yamldoc_release_fields(target_fields, COUNT(target_fields), t);
	free(t->name);
	memset(t, 0, sizeof(*t));
}

const struct config_target *config_find_target(const struct config *c, const char *name)
{
	for (size_t i = 0; i < c->target_count; i++)
		if (strcmp(c->targets[i].name, name) == 0)
			return &c->targets[i];
	return NULL;
}

static bool is_loopback(const char *host, size_t len)
{
	static const char *const names[] = { "localhost", "127.0.0.1", "[::1]" };

	for (size_t i = 0; i < COUNT(names); i++)
		if (strlen(names[i]) == len && strncasecmp(host, names[i], len) == 0)
			return true;
	return len > 4 && strncmp(host, "127.", 4) == 0;
}

bool config_check_location(const char *location, bool allow_plaintext, const char *path,
			   int line, const char *what, struct diag *diag)
{
	const char *colon = strchr(location, ':'), *authority, *end, *at;
	size_t scheme_len, host_len;
	size_t known = COUNT(schemes);

	if (!*location) {
		diag_error(diag, path, line, "%s is empty: give a folder or a URL", what);
		return false;
	}
	/* A folder: no "scheme:" in front (the scheme's syntax, RFC 3986). */
	scheme_len = colon ? (size_t)(colon - location) : 0;
	for (size_t i = 0; i < scheme_len; i++)
		if (!(((location[i] | 0x20) >= 'a' && (location[i] | 0x20) <= 'z') ||
		      (i > 0 && strchr("0123456789+-.", location[i])))) {
			scheme_len = 0;
			break;
		}
	if (!scheme_len)
		return true;
	for (size_t i = 0; i < COUNT(schemes); i++)
		if (strlen(schemes[i].scheme) == scheme_len &&
		    strncasecmp(location, schemes[i].scheme, scheme_len) == 0)
			known = i;
	if (known == COUNT(schemes)) {
		diag_error(diag, path, line,
			   "%s: '%.*s:' is not a scheme podpub publishes to (a folder, file:, sftp://, "
			   "ftp://, ftps://, https:// for WebDAV, or s3://)",
			   what, (int)scheme_len, location);
		return false;
	}
	if (strncmp(colon, "://", 3) != 0) {
		if (!strcmp(schemes[known].scheme, "file"))
			return true;
		diag_error(diag, path, line, "%s: write %.*s://host/path", what,
			   (int)scheme_len, location);
		return false;
	}
	authority = colon + 3;
	end = authority + strcspn(authority, "/?#");
	if (!strcmp(schemes[known].scheme, "file")) {
		if (end == authority && !*end) {
			diag_error(diag, path, line, "%s: 'file://' names no folder", what);
			return false;
		}
		return true;
	}
	at = memchr(authority, '@', (size_t)(end - authority));
	if (at && memchr(authority, ':', (size_t)(at - authority))) {
		/* Never echo the URL: it holds the secret. */
		diag_error(diag, path, line,
			   "%s has a password inside its URL: remove it, and put it in ~/.netrc or "
			   "PODPUB_PASSWORD (S3 keys: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)",
			   what);
		return false;
	}
	/* A folder name with a space, pasted from a file manager: libcurl
	 * reads no URL with one. */
	if (location[strcspn(location, " \t")]) {
		diag_error(diag, path, line,
			   "%s: a URL holds no space: write each one as %%20 (a folder 'My podcast' "
			   "is 'My%%20podcast')",
			   what);
		return false;
	}
	authority = at ? at + 1 : authority;
	host_len = strcspn(authority, ":/?#");
	if (authority[0] == '[')
		host_len = strcspn(authority, "]") + 1;
	if (host_len == 0) {
		diag_error(diag, path, line, "%s: the URL names no host", what);
		return false;
	}
	if (schemes[known].plaintext && !allow_plaintext && !is_loopback(authority, host_len)) {
		diag_error(diag, path, line,
			   "%s: %.*s:// sends the password in clear; use %s, or say "
			   "'allow_plaintext: true' in the target if you must",
			   what, (int)scheme_len, location,
			   strncasecmp(location, "ftp", 3) == 0 ? "ftps:// or sftp://" : "https://");
		return false;
	}
	return true;
}

static bool add_target(struct config *c, const char *name, struct config_target **out)
{
	struct config_target *grown =
		pp_grow(c->targets, &c->target_alloc, c->target_count + 1, sizeof(*grown));

	if (!grown)
		return false;
	c->targets = grown;
	*out = &c->targets[c->target_count];
	memset(*out, 0, sizeof(**out));
	if (!((*out)->name = strdup(name)))
		return false;
	c->target_count++;
	return true;
}

bool config_read_targets(const struct yamldoc *doc, int mapping, struct config *c,
			 struct diag *diag)
{
	const char *path = yamldoc_path(doc);
	bool ok = true;

	if (yamldoc_kind(doc, mapping) != YAMLDOC_MAPPING) {
		diag_error(diag, path, yamldoc_line(doc, mapping),
			   "'targets' must map names to targets ('webhotel: {url: sftp://...}')");
		return false;
	}
	for (size_t i = 0; i < yamldoc_length(doc, mapping); i++) {
		int key = yamldoc_pair_key(doc, mapping, i), value = yamldoc_pair_value(doc, mapping, i);
		const char *name = yamldoc_scalar(doc, key);
		struct config_target *t;
		char *what;

		if (!name || !*name || strchr(name, '/') || strchr(name, ':')) {
			diag_error(diag, path, yamldoc_line(doc, key),
				   "a target's name is a word like 'webhotel', without '/' or ':'");
			ok = false;
			continue;
		}
		if (!add_target(c, name, &t)) {
			diag->out_of_memory = true;
			return false;
		}
		t->line = yamldoc_line(doc, key);
		if (yamldoc_read_fields(doc, value, "target", target_fields, COUNT(target_fields), t,
					diag) != PP_OK) {
			ok = false;
			continue;
		}
		if (!(what = pp_asprintf("target '%s'", name))) {
			diag->out_of_memory = true;
			return false;
		}
		if (!config_check_location(t->url, t->allow_plaintext, path,
					   yamldoc_line(doc, yamldoc_get(doc, value, "url")), what,
					   diag))
			ok = false;
		free(what);
	}
	return ok;
}
