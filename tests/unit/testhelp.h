/* testhelp.h - a tiny test harness for the unit tests.
 *
 * Each test case is a function taking a struct test_ctx. The EXPECT macros
 * record failures without stopping the case, so one run shows every broken
 * check. The binary prints one "ok - name" or "not ok - name" line per case
 * (tests/run.sh counts them) and exits non-zero when any case failed. */
#ifndef PODPUB_TESTHELP_H
#define PODPUB_TESTHELP_H

#include <stdio.h>
#include <string.h>

struct test_ctx {
	int failures;
};

struct test_case {
	const char *name;
	void (*run)(struct test_ctx *t);
};

#define EXPECT(t, cond)                                                                    \
	do {                                                                               \
		if (!(cond)) {                                                             \
			(t)->failures++;                                                   \
			printf("#   %s:%d: expected %s\n", __FILE__, __LINE__, #cond);        \
		}                                                                          \
	} while (0)

#define EXPECT_STR(t, actual, expected)                                                    \
	do {                                                                               \
		const char *a_ = (actual), *e_ = (expected);                               \
		if (!a_ || !e_ || strcmp(a_, e_) != 0) {                                   \
			(t)->failures++;                                                   \
			printf("#   %s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__,      \
			       __LINE__, #actual, a_ ? a_ : "(null)", e_ ? e_ : "(null)");  \
		}                                                                          \
	} while (0)

#define EXPECT_INT(t, actual, expected)                                                    \
	do {                                                                               \
		long long a_ = (long long)(actual), e_ = (long long)(expected);            \
		if (a_ != e_) {                                                            \
			(t)->failures++;                                                   \
			printf("#   %s:%d: %s is %lld, expected %lld\n", __FILE__, __LINE__,  \
			       #actual, a_, e_);                                           \
		}                                                                          \
	} while (0)

/* Runs every case in order and returns the process exit status. */
static inline int test_run_all(const struct test_case *cases, size_t count)
{
	int failed = 0;

	for (size_t i = 0; i < count; i++) {
		struct test_ctx t = { 0 };

		cases[i].run(&t);
		printf("%s - %s\n", t.failures ? "not ok" : "ok", cases[i].name);
		failed += t.failures != 0;
	}
	fflush(stdout);
	return failed ? 1 : 0;
}

#define TEST_MAIN(...)                                                                     \
	int main(void)                                                                     \
	{                                                                                  \
		static const struct test_case cases[] = { __VA_ARGS__ };                   \
		return test_run_all(cases, sizeof(cases) / sizeof(cases[0]));              \
	}

/* The same, with a function run once before the cases (process-wide
 * settings such as silencing a library's own log). */
#define TEST_MAIN_WITH_SETUP(setup, ...)                                                   \
	int main(void)                                                                     \
	{                                                                                  \
		static const struct test_case cases[] = { __VA_ARGS__ };                   \
		setup();                                                                   \
		return test_run_all(cases, sizeof(cases) / sizeof(cases[0]));              \
	}

#define TEST_CASE(fn) { #fn, fn }

#endif
