/* config.h - the show's settings, read from podcast.yaml. */
#ifndef PODPUB_CONFIG_H
#define PODPUB_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "result.h"

struct config_category {
	char *name;           /* an Apple Podcasts category, "News" */
	char *subcategory;    /* NULL or one of its subcategories, "Politics" */
};

/* A publish target: a row of podcast.yaml's `targets:` map, or a location
 * given as it is (on the command line, or as `target:`). The drivers in
 * src/target/ read it; secrets never live here (they come from the
 * environment, ~/.netrc or ~/.aws/credentials). */
struct config_target {
	char *name;            /* "webhotel"; NULL for a bare location */
	char *url;             /* folder, file:, sftp://, ftp://, ftps://, http(s)://, s3:// */
	char *ssh_key;         /* SFTP: private key file */
	char *known_hosts;     /* SFTP: default ~/.ssh/known_hosts */
	char *host_key;        /* SFTP: "SHA256:..." pin, as ssh-keygen -lf prints it */
	char *ca_file;         /* an extra CA for TLS (FTPS, WebDAV, S3) */
	char *endpoint;        /* S3: default AWS (or AWS_ENDPOINT_URL) */
	char *region;          /* S3: default AWS_REGION */
	char *profile;         /* S3: a profile of ~/.aws/credentials */
	bool path_style;       /* S3: bucket in the path, not the host name */
	long multipart_threshold; /* S3: bytes from which a file goes up in parts; 0: 200 MiB */
	long part_size;        /* S3: bytes a part (at least, to stay under 10000); 0: 16 MiB */
	bool allow_plaintext;  /* ftp:// or http:// to a host that is not loopback */
	int line;              /* its line in podcast.yaml; 0 when not from there */
};

/* podcast.yaml's `loudness:`: the build measures every episode (EBU R128)
 * and warns about those outside these figures. */
struct config_loudness {
	bool check;           /* `loudness:` given (true or a mapping) */
	double target;        /* LUFS, two or more channels; default -16 */
	double target_mono;   /* LUFS, one channel; default -19 */
	double tolerance;     /* LU either side of the target; default 1 */
	double max_true_peak; /* dBTP; default -1 */
};

/* A row of podcast.yaml's `subscribe:` map: where listeners find the show
 * in a directory or app, for the site's subscribe links. */
struct config_link {
	char *service; /* "apple", "spotify", "podcastindex", ... */
	char *url;
};

struct config {
	char *path;           /* the file read, for messages */
	char *title;
	char *description;
	char *link;           /* the show's web site */
	char *language;       /* "fi" */
	char *author;
	char *owner_name;
	char *owner_email;
	char *copyright;      /* optional */
	struct config_category *categories;
	size_t category_count;
	size_t category_alloc;
	bool explicit_content;
	char *type;           /* "episodic" or "serial" */
	char *timezone;       /* IANA name; episode dates without offset use it */
	char *image;          /* show cover art, a path relative to the repository */
	char *media_root;     /* a folder outside git where audio may live; NULL: none */
	int media_root_line;
	char *base_url;       /* where the target's root is served; ends with '/' */
	int base_url_line;
	char *feed_url;       /* default: base_url + "feed.xml" */
	char *podcast_guid;   /* default: UUIDv5 of feed_url (Podcasting 2.0) */
	bool podcast_guid_derived; /* not in the file: it would change with feed_url */
	bool locked;          /* podcast:locked: other hosts may not import the show */
	char *target;         /* the default publish target: a name from targets, or a location */
	int target_line;
	/* moved_from: the show's feed had another address before base_url's,
	 * and the old feed, rewritten there after each publish, sends apps on
	 * (itunes:new-feed-url). NULL: never moved. */
	char *moved_from_target; /* a name from targets, or a location */
	char *moved_from_feed;   /* the old feed's path there; default "feed.xml" */
	int moved_from_line;
	char *hub;            /* a WebSub hub: declared in the feed, told of each new feed */
	char *notify_podcastindex; /* Podcast Index's pubnotify URL, or NULL: not told */
	char *notify_podping;      /* Podping's URL (needs PODPING_TOKEN), or NULL */
	struct config_loudness loudness;
	bool site;            /* publish the show's web site (default true; `site: false`) */
	struct config_link *subscribe; /* podcast.yaml's subscribe: map, in file order */
	size_t subscribe_count;
	size_t subscribe_alloc;
	char **lint_ignore;   /* `lint: ignore:`, rule ids lint leaves out (config_lint.h) */
	size_t lint_ignore_count;
	size_t lint_ignore_alloc;
	struct config_target *targets; /* podcast.yaml's targets: map, in file order */
	size_t target_count;
	size_t target_alloc;
};

void config_init(struct config *c);
void config_release(struct config *c);

/* Reads and checks `path`. Every problem found is a diag error with the
 * file and line; the result is PP_EPARSE when any was found, PP_EIO when
 * the file cannot be read. Fills defaults (feed_url, podcast_guid, target). */
enum pp_result config_load(const char *path, struct config *out, struct diag *diag) PP_MUST_USE;

/* Moves the show to `base_url` (ending with '/'), as `podpub serve` does to
 * its own address: the feed URL follows (the part below the old base_url
 * kept), the show's guid does not. */
enum pp_result config_rebase(struct config *c, const char *base_url) PP_MUST_USE;

/* The named target, or NULL. */
const struct config_target *config_find_target(const struct config *c, const char *name);

/* Checks a location (a folder or URL) as far as config can without a
 * network library: a known scheme, no password inside, no plain-text
 * protocol to another host unless allowed. `what` names it in messages. */
bool config_check_location(const char *location, bool allow_plaintext, const char *path,
			   int line, const char *what, struct diag *diag);

/* Frees the strings of one target. */
void config_target_release(struct config_target *t);

#endif
