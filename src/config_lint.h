/* config_lint.h - podcast.yaml's `lint:` mapping (config.c's helper):
 *
 *   lint:
 *     ignore: [rss-atom-self, apple-owner-email]
 *
 * the rules a producer silences on purpose, for `podpub lint` run in the
 * show and for the lint of every build. */
#ifndef PODPUB_CONFIG_LINT_H
#define PODPUB_CONFIG_LINT_H

#include <stdbool.h>

#include "config.h"
#include "diag.h"
#include "yamldoc.h"

/* Reads the `lint:` node (0 when absent) into c->lint_ignore. False (after
 * a diag naming the line, with a "did you mean" when a rule id is near)
 * when it is no mapping of `ignore:` to a list of known rule ids. */
bool config_read_lint(const struct yamldoc *doc, int node, struct config *c, struct diag *diag);

/* Frees c->lint_ignore. */
void config_lint_release(struct config *c);

#endif
