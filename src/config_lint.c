/* config_lint.c - podcast.yaml's `lint:` mapping. */
#include "config_lint.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "lint/lint.h"
#include "util.h"

void config_lint_release(struct config *c)
{
	for (size_t i = 0; i < c->lint_ignore_count; i++)
		free(c->lint_ignore[i]);
	free(c->lint_ignore);
	c->lint_ignore = NULL;
	c->lint_ignore_count = 0;
	c->lint_ignore_alloc = 0;
}

/* One id of the ignore list: known to lint, or an error on its line. */
static bool add_rule(const struct yamldoc *doc, int item, struct config *c, struct diag *diag)
{
	const char *path = yamldoc_path(doc), *id = yamldoc_scalar(doc, item), *near;
	size_t len = 0;
	char **grown;

	if (!id || !*id || strchr(id, ',')) {
		diag_error(diag, path, yamldoc_line(doc, item),
			   "'lint: ignore:' lists rule ids, one an item ('rss-atom-self')");
		return false;
	}
	if (lint_unknown_rule(id, &len)) {
		if ((near = lint_rule_near(id)))
			diag_error(diag, path, yamldoc_line(doc, item),
				   "'lint: ignore:' names no rule '%s': did you mean '%s'?", id, near);
		else
			diag_error(diag, path, yamldoc_line(doc, item),
				   "'lint: ignore:' names no rule '%s' (see 'podpub lint --rules')",
				   id);
		return false;
	}
	grown = pp_grow(c->lint_ignore, &c->lint_ignore_alloc, c->lint_ignore_count + 1,
			sizeof(*grown));
	if (!grown || !(grown[c->lint_ignore_count] = strdup(id))) {
		if (grown)
			c->lint_ignore = grown;
		diag->out_of_memory = true;
		return false;
	}
	c->lint_ignore = grown;
	c->lint_ignore_count++;
	return true;
}

bool config_read_lint(const struct yamldoc *doc, int node, struct config *c, struct diag *diag)
{
	const char *path = yamldoc_path(doc);
	int list;
	bool ok = true;

	if (!node)
		return true;
	if (yamldoc_kind(doc, node) != YAMLDOC_MAPPING) {
		diag_error(diag, path, yamldoc_line(doc, node),
			   "'lint' must be a mapping: 'lint: { ignore: [rule-id] }'");
		return false;
	}
	for (size_t i = 0; i < yamldoc_length(doc, node); i++) {
		int key = yamldoc_pair_key(doc, node, i);
		const char *name = yamldoc_scalar(doc, key);

		if (!name || strcmp(name, "ignore") != 0) {
			diag_error(diag, path, yamldoc_line(doc, key), "unknown key '%s' in lint (ignore)",
				   name ? name : "");
			ok = false;
		}
	}
	if (!(list = yamldoc_get(doc, node, "ignore")))
		return ok;
	if (yamldoc_kind(doc, list) != YAMLDOC_SEQUENCE) {
		diag_error(diag, path, yamldoc_line(doc, list),
			   "'lint: ignore:' must be a list of rule ids");
		return false;
	}
	for (size_t i = 0; i < yamldoc_length(doc, list); i++)
		if (!add_rule(doc, yamldoc_item(doc, list, i), c, diag))
			ok = false;
	return ok;
}
