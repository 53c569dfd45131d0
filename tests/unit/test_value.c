#include "value.h"

#include "ident.h"
#include "testhelp.h"

static void uuid_wants_canonical_lowercase(struct test_ctx *t)
{
	EXPECT(t, value_is_uuid("917393e3-1b1e-5cef-ace4-edaa54e1f810"));
	EXPECT(t, value_is_uuid(IDENT_PODCAST_NAMESPACE));
	EXPECT(t, !value_is_uuid("917393E3-1B1E-5CEF-ACE4-EDAA54E1F810"));
	EXPECT(t, !value_is_uuid("917393e3-1b1e-5cef-ace4-edaa54e1f81"));   /* short */
	EXPECT(t, !value_is_uuid("917393e3-1b1e-5cef-ace4-edaa54e1f8100")); /* long */
	EXPECT(t, !value_is_uuid("917393e31b1e5ceface4edaa54e1f810"));	    /* no dashes */
	EXPECT(t, !value_is_uuid("917393e3-1b1e-5cef-ace4_edaa54e1f810"));  /* wrong separator */
	EXPECT(t, !value_is_uuid("917393e3-1b1e-5cef-ace4-edaa54e1f81g"));  /* not hex */
	EXPECT(t, !value_is_uuid("{917393e3-1b1e-5cef-ace4-edaa54e1f810}"));
	EXPECT(t, !value_is_uuid(""));
}

/* One table for the URL check config and lint share. */
static void http_urls_need_a_host(struct test_ctx *t)
{
	static const struct {
		const char *url;
		bool ok;
	} cases[] = {
	    {"https://yhdistysyhteistyo.fi/jane", true},
	    {"http://example.com", true},
	    {"HTTPS://example.com/feed.xml", true}, /* schemes ignore case */
	    {"https://example.com:8443/a?b#c", true},
	    {"https://", false},
	    {"https:///path", false},
	    {"https://?q", false},
	    {"ftp://example.com/", false},
	    {"example.com", false},
	    {"https://exa mple.com/", false},
	    {"https://example.com/\t", false},
	    {"", false},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool got = value_is_http_url(cases[i].url);

		if (got != cases[i].ok) {
			t->failures++;
			printf("#   value_is_http_url(\"%s\") is %d, expected %d\n", cases[i].url,
			       got, cases[i].ok);
		}
	}
}

static void language_codes(struct test_ctx *t)
{
	EXPECT(t, value_is_language_code("fi"));
	EXPECT(t, value_is_language_code("sv-FI"));
	EXPECT(t, value_is_language_code("en-US"));
	EXPECT(t, value_is_language_code("fil"));
	EXPECT(t, !value_is_language_code("FI"));
	EXPECT(t, !value_is_language_code("f"));
	EXPECT(t, !value_is_language_code("fi_FI"));
	EXPECT(t, !value_is_language_code("fi-"));
	EXPECT(t, !value_is_language_code("finnish"));
}

TEST_MAIN(TEST_CASE(uuid_wants_canonical_lowercase), TEST_CASE(http_urls_need_a_host),
	  TEST_CASE(language_codes))
