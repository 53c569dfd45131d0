#include "lint/lint.h"

#include <string.h>

#include "testhelp.h"

/* Every rule row is complete: the fields --rules and docs/lint-rules.md
 * print, an id under its namespace, and no id twice. */
static void every_rule_is_documented_and_unique(struct test_ctx *t)
{
	size_t count = lint_rule_count();
	struct lint_rule_info a, b;

	EXPECT(t, count >= 20);
	for (size_t i = 0; i < count; i++) {
		if (!lint_rule_at(i, &a)) {
			t->failures++;
			printf("#   rule %zu of %zu is missing\n", i, count);
			continue;
		}
		if (strncmp(a.id, a.ns, strlen(a.ns)) != 0 || a.id[strlen(a.ns)] != '-') {
			t->failures++;
			printf(
			    "#   rule '%s' is in namespace '%s', expected the id to start '%s-'\n",
			    a.id, a.ns, a.ns);
		}
		if (!a.summary || !*a.summary || !a.spec || !*a.spec) {
			t->failures++;
			printf("#   rule '%s' has no summary or no spec\n", a.id);
		}
		for (size_t j = i + 1; j < count; j++)
			if (lint_rule_at(j, &b) && strcmp(a.id, b.id) == 0) {
				t->failures++;
				printf("#   rule id '%s' appears twice (%zu and %zu)\n", a.id, i,
				       j);
			}
	}
	EXPECT(t, !lint_rule_at(count, &a));
}

/* The rows the driver reports under by position (lint_int.h's enum) are
 * where it says: the parser's errors first. */
static void well_formedness_comes_first(struct test_ctx *t)
{
	static const char *const driver_rows[] = { "xml-well-formed", "xml-no-entities",
						   "xml-limits", "xml-encoding",
						   "xml-namespace-undeclared" };
	struct lint_rule_info row;

	for (size_t i = 0; i < sizeof(driver_rows) / sizeof(driver_rows[0]); i++) {
		EXPECT(t, lint_rule_at(i, &row));
		EXPECT_STR(t, row.id, driver_rows[i]);
	}
}

TEST_MAIN(TEST_CASE(every_rule_is_documented_and_unique), TEST_CASE(well_formedness_comes_first))
