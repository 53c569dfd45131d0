/* Unit tests of podcast.yaml's publish targets: `target:` and `targets:`. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "testfs.h"
#include "testhelp.h"

static const char base_yaml[] = "title: T\n"
				"description: D\n"
				"link: https://example.com/show\n"
				"language: fi\n"
				"author: A\n"
				"owner: {name: O, email: o@example.com}\n"
				"categories: [Government]\n"
				"timezone: Europe/Helsinki\n"
				"image: feed/cover.png\n"
				"base_url: https://example.com/podcast\n"; /* 10 lines */

/* Loads base_yaml + `extra` (starting on line 11); diag messages joined
 * into `messages`. */
static enum pp_result load(struct test_ctx *t, const char *extra, struct config *c,
			   char *messages, size_t size)
{
	struct testfs fs;
	struct diag d;
	char path[96], text[2048];
	enum pp_result r = PP_EINTERNAL;
	FILE *out = fmemopen(messages, size, "w");

	config_init(c);
	diag_init(&d);
	snprintf(text, sizeof(text), "%s%s", base_yaml, extra);
	if (testfs_init(&fs, "target")) {
		if (testfs_put(&fs, "podcast.yaml", text, strlen(text))) {
			snprintf(path, sizeof(path), "%s/podcast.yaml", fs.root);
			r = config_load(path, c, &d);
		}
		testfs_release(&fs);
	} else {
		t->failures++;
	}
	if (out) {
		diag_print(&d, out);
		fclose(out);
	}
	diag_release(&d);
	return r;
}

static void named_targets_are_read(struct test_ctx *t)
{
	struct config c;
	char msg[2048] = "";
	const struct config_target *w, *b;

	EXPECT_INT(t,
		   load(t,
			"target: webhotel\n"
			"targets:\n"
			"  webhotel:\n"
			"    url: sftp://jane@ssh.example.fi:22/var/www/podcast\n"
			"    ssh_key: ~/.ssh/podcast_ed25519\n"
			"    host_key: SHA256:abc\n"
			"  bucket:\n"
			"    url: s3://jane-podcast/vaikuttamis\n"
			"    region: eu-north-1\n"
			"    path_style: true\n"
			"    multipart_threshold: 104857600\n"
			"    part_size: 8388608\n",
			&c, msg, sizeof(msg)),
		   PP_OK);
	EXPECT_STR(t, msg, "");
	EXPECT_INT(t, c.target_count, 2);
	w = config_find_target(&c, "webhotel");
	b = config_find_target(&c, "bucket");
	EXPECT(t, w && b && !config_find_target(&c, "nope"));
	if (w && b) {
		EXPECT_STR(t, w->url, "sftp://jane@ssh.example.fi:22/var/www/podcast");
		EXPECT_STR(t, w->ssh_key, "~/.ssh/podcast_ed25519");
		EXPECT_STR(t, w->host_key, "SHA256:abc");
		EXPECT_INT(t, w->line, 13);
		EXPECT(t, b->path_style);
		EXPECT_STR(t, b->region, "eu-north-1");
		EXPECT_INT(t, b->multipart_threshold, 104857600);
		EXPECT_INT(t, b->part_size, 8388608);
		EXPECT_INT(t, w->part_size, 0);
	}
	EXPECT_STR(t, c.target, "webhotel");
	config_release(&c);
}

/* Each bad target: the message and the line it names. */
static void bad_targets_are_named_with_their_line(struct test_ctx *t)
{
	static const struct {
		const char *yaml;
		const char *want;
	} cases[] = {
		{ "targets:\n  w:\n    url: sftp://jane:hunter2@host/x\n",
		  "podcast.yaml:13: target 'w' has a password inside its URL" },
		{ "targets:\n  w:\n    url: s3://AKIA:secret@bucket/x\n",
		  "podcast.yaml:13: target 'w' has a password inside its URL" },
		{ "targets:\n  w:\n    url: ftp://jane@ftp.example.fi/x\n",
		  "podcast.yaml:13: target 'w': ftp:// sends the password in clear" },
		{ "targets:\n  w:\n    url: gopher://host/x\n",
		  "podcast.yaml:13: target 'w': 'gopher:' is not a scheme" },
		{ "targets:\n  w:\n    url: sftp:///x\n", "podcast.yaml:13: target 'w': the URL names no host" },
		{ "targets:\n  w:\n    ur1: sftp://host/x\n", "podcast.yaml:13: unknown key 'ur1'" },
		{ "target: file://\n", "podcast.yaml:11: 'target': 'file://' names no folder" },
		{ "target: \"\"\n", "podcast.yaml:11: 'target' is empty" },
		{ "target: http://dav.example.fi/x/\n",
		  "podcast.yaml:11: 'target': http:// sends the password in clear" },
		{ "targets:\n  w:\n    url: ftps://jane@host/J\u00e4senten podcast/\n",
		  "podcast.yaml:13: target 'w': a URL holds no space: write each one as %20" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct config c;
		char msg[2048] = "";
		enum pp_result r = load(t, cases[i].yaml, &c, msg, sizeof(msg));

		if (r != PP_EPARSE || !strstr(msg, cases[i].want)) {
			t->failures++;
			printf("#   case %zu: result %d, messages:\n#   %s#   expected a line with: %s\n", i,
			       r, msg, cases[i].want);
		}
		if (strstr(msg, "hunter2") || strstr(msg, "secret")) {
			t->failures++;
			printf("#   case %zu: the secret was printed: %s\n", i, msg);
		}
		config_release(&c);
	}
}

static void plaintext_is_allowed_on_loopback_or_on_request(struct test_ctx *t)
{
	struct config c;
	char msg[2048] = "";

	EXPECT_INT(t,
		   load(t,
			"targets:\n"
			"  local: {url: \"ftp://podpub@127.0.0.1:2121/show\"}\n"
			"  lan: {url: \"http://nas.lan/dav/\", allow_plaintext: true}\n",
			&c, msg, sizeof(msg)),
		   PP_OK);
	EXPECT_STR(t, msg, "");
	config_release(&c);
}

TEST_MAIN(TEST_CASE(named_targets_are_read), TEST_CASE(bad_targets_are_named_with_their_line),
	  TEST_CASE(plaintext_is_allowed_on_loopback_or_on_request))
