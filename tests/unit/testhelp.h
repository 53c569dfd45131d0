/* testhelp.h - a tiny test harness for the unit tests.
 *
 * Each test case is a function taking a struct test_ctx. The EXPECT macros
 * record failures without stopping the case, so one run shows every broken
 * check. Each failure prints what was expected and what the code gave:
 * compare values with EXPECT_INT, EXPECT_CMP, EXPECT_NEAR, EXPECT_STR,
 * EXPECT_STR_NE, EXPECT_CONTAINS, EXPECT_LACKS, EXPECT_STARTS, EXPECT_NULL
 * or EXPECT_MEM; plain EXPECT is for a predicate (is this a known category?)
 * where the condition says it all. The binary prints one "ok - name" or "not ok - name" line per case
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

/* EXPECT_CMP(t, a, <, b): any comparison of two numbers, both printed. */
#define EXPECT_CMP(t, actual, op, bound)                                                   \
	do {                                                                               \
		long double a_ = (long double)(actual), b_ = (long double)(bound);         \
		if (!(a_ op b_)) {                                                         \
			(t)->failures++;                                                   \
			printf("#   %s:%d: %s is %.12Lg, expected %s %.12Lg\n", __FILE__,    \
			       __LINE__, #actual, a_, #op, b_);                            \
		}                                                                          \
	} while (0)

/* |actual - expected| < tolerance. */
#define EXPECT_NEAR(t, actual, expected, tolerance)                                        \
	do {                                                                               \
		double a_ = (actual), e_ = (expected), d_ = (tolerance);                   \
		if (!(a_ - e_ < d_ && e_ - a_ < d_)) {                                     \
			(t)->failures++;                                                   \
			printf("#   %s:%d: %s is %.9g, expected %.9g within %.3g\n", __FILE__, \
			       __LINE__, #actual, a_, e_, d_);                             \
		}                                                                          \
	} while (0)

#define EXPECT_STR_NE(t, actual, other)                                                    \
	do {                                                                               \
		const char *a_ = (actual), *o_ = (other);                                  \
		if (!a_ || !o_ || strcmp(a_, o_) == 0) {                                   \
			(t)->failures++;                                                   \
			printf("#   %s:%d: %s is \"%s\", expected it to differ from %s\n",    \
			       __FILE__, __LINE__, #actual, a_ ? a_ : "(null)", #other);     \
		}                                                                          \
	} while (0)

/* The string `haystack` holds `needle` (CONTAINS) or is not NULL and does
 * not (LACKS), or begins with `prefix` (STARTS). */
#define EXPECT_CONTAINS(t, haystack, needle)                                               \
	do {                                                                               \
		const char *h_ = (haystack), *n_ = (needle);                               \
		if (!h_ || !strstr(h_, n_)) {                                              \
			(t)->failures++;                                                   \
			printf("#   %s:%d: %s is \"%s\", expected it to contain \"%s\"\n",    \
			       __FILE__, __LINE__, #haystack, h_ ? h_ : "(null)", n_);      \
		}                                                                          \
	} while (0)

#define EXPECT_LACKS(t, haystack, needle)                                                  \
	do {                                                                               \
		const char *h_ = (haystack), *n_ = (needle);                               \
		if (!h_ || strstr(h_, n_)) {                                               \
			(t)->failures++;                                                   \
			printf("#   %s:%d: %s is \"%s\", expected it without \"%s\"\n",      \
			       __FILE__, __LINE__, #haystack, h_ ? h_ : "(null)", n_);      \
		}                                                                          \
	} while (0)

#define EXPECT_STARTS(t, actual, prefix)                                                   \
	do {                                                                               \
		const char *a_ = (actual), *p_ = (prefix);                                 \
		if (!a_ || strncmp(a_, p_, strlen(p_)) != 0) {                             \
			(t)->failures++;                                                   \
			printf("#   %s:%d: %s is \"%s\", expected it to start with \"%s\"\n", \
			       __FILE__, __LINE__, #actual, a_ ? a_ : "(null)", p_);        \
		}                                                                          \
	} while (0)

#define EXPECT_NULL(t, actual)                                                             \
	do {                                                                               \
		const void *a_ = (actual);                                                 \
		if (a_) {                                                                  \
			(t)->failures++;                                                   \
			printf("#   %s:%d: %s is %p, expected NULL\n", __FILE__, __LINE__,    \
			       #actual, a_);                                               \
		}                                                                          \
	} while (0)

/* Two byte buffers are equal; a failure names the lengths or the first
 * byte that differs. */
#define EXPECT_MEM(t, actual, actual_len, expected, expected_len)                          \
	do {                                                                               \
		const char *a_ = (const char *)(actual), *e_ = (const char *)(expected);   \
		size_t al_ = (actual_len), el_ = (expected_len), i_ = 0;                   \
		if (!a_ || !e_ || al_ != el_) {                                            \
			(t)->failures++;                                                   \
			printf("#   %s:%d: %s is %zu bytes%s, expected %zu bytes%s\n",       \
			       __FILE__, __LINE__, #actual, al_, a_ ? "" : " (NULL)", el_,  \
			       e_ ? "" : " (NULL)");                                       \
		} else {                                                                   \
			while (i_ < al_ && a_[i_] == e_[i_])                               \
				i_++;                                                      \
			if (i_ < al_) {                                                    \
				(t)->failures++;                                           \
				printf("#   %s:%d: %s differs from %s at byte %zu\n",      \
				       __FILE__, __LINE__, #actual, #expected, i_);        \
			}                                                                  \
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
