#include "build.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "util.h"

void build_init(struct build *b)
{
	memset(b, 0, sizeof(*b));
	show_init(&b->show);
	lint_report_init(&b->lint);
}

void build_release(struct build *b)
{
	show_release(&b->show);
	lint_report_release(&b->lint);
	free(b->xml);
	build_init(b);
}

enum pp_result build_feed(const char *root, struct build *b, struct diag *diag)
{
	enum pp_result res = show_load(root, &b->show, diag);

	if (res != PP_OK)
		return res;
	/* Identity is forever: a guid derived from the feed URL would change
	 * when the show moves, so the producer is asked to pin it. */
	if (b->show.config.podcast_guid_derived)
		diag_add(diag, DIAG_NOTE, b->show.config.path, 0,
			 "no 'podcast_guid': add 'podcast_guid: %s' to keep the show's identity if the feed ever moves",
			 b->show.config.podcast_guid);
	res = feed_build(&b->show, &b->xml, &b->len);
	if (res != PP_OK)
		return res;
	res = lint_feed(b->xml, b->len, &b->lint);
	if (res != PP_OK)
		return res;
	return lint_count(&b->lint, LINT_ERROR) ? PP_ELINT : PP_OK;
}

enum pp_result build_write(const struct build *b, const char *path, struct diag *diag)
{
	enum pp_result res = PP_EIO;
	char *tmp = pp_asprintf("%s.podpub-tmp", path);
	FILE *f = NULL;

	if (!tmp)
		return PP_ENOMEM;
	/* feed/ may not exist yet when the cover art lives elsewhere. */
	if (pp_make_parents(tmp) != 0) {
		diag_error(diag, tmp, 0, "cannot create folder: %s", strerror(errno));
		goto out;
	}
	f = fopen(tmp, "wb");
	if (!f) {
		diag_error(diag, tmp, 0, "cannot create: %s", strerror(errno));
		goto out;
	}
	if (fwrite(b->xml, 1, b->len, f) != b->len || fflush(f) != 0) {
		diag_error(diag, tmp, 0, "cannot write: %s", strerror(errno));
		goto out;
	}
	if (fclose(f) != 0) {
		f = NULL;
		diag_error(diag, tmp, 0, "cannot write: %s", strerror(errno));
		goto out;
	}
	f = NULL;
	if (rename(tmp, path) != 0) {
		diag_error(diag, path, 0, "cannot rename '%s' into place: %s", tmp, strerror(errno));
		goto out;
	}
	res = PP_OK;
out:
	if (f)
		fclose(f);
	if (res != PP_OK)
		remove(tmp);
	free(tmp);
	return res;
}
