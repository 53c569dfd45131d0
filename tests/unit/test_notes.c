/* Unit tests of notes: Markdown show notes to HTML and to plain text. */
#include "notes.h"

#include <stdlib.h>

#include "testhelp.h"

static const char sample[] =
	"Jaksossa **Järjestötyöllistäminen** ja [JANE](https://yhdistysyhteistyo.fi/jane?a=1&b=2).\n"
	"Toinen rivi.\n"
	"\n"
	"- yksi\n"
	"- kaksi *kolme*\n"
	"\n"
	"Loppu `koodi`.\n";

/* Renders `md`; both outputs NULL when rendering failed. */
static void render(struct test_ctx *t, const char *md, char **html, char **text)
{
	EXPECT_INT(t, notes_render(md, strlen(md), html, text), PP_OK);
}

static void html_has_paragraph_list_bold_and_link(struct test_ctx *t)
{
	char *html = NULL, *text = NULL;

	render(t, sample, &html, &text);
	EXPECT(t, html && strstr(html, "<p>Jaksossa "));
	EXPECT(t, html && strstr(html, "<strong>Järjestötyöllistäminen</strong>"));
	EXPECT(t, html && strstr(html, "<a href=\"https://yhdistysyhteistyo.fi/jane?a=1&amp;b=2\">JANE</a>"));
	EXPECT(t, html && strstr(html, "<ul>\n<li>yksi</li>\n<li>kaksi <em>kolme</em></li>\n</ul>"));
	EXPECT(t, html && strstr(html, "<code>koodi</code>"));
	/* Finnish letters as UTF-8 bytes, not entities. */
	EXPECT(t, html && strstr(html, "J\xc3\xa4rjest\xc3\xb6ty\xc3\xb6llist\xc3\xa4minen"));
	EXPECT(t, html && !strstr(html, "&auml;"));
	free(html);
	free(text);
}

static void text_has_no_markup(struct test_ctx *t)
{
	char *html = NULL, *text = NULL;

	render(t, sample, &html, &text);
	EXPECT_STR(t, text,
		   "Jaksossa Järjestötyöllistäminen ja JANE. Toinen rivi.\n"
		   "\n"
		   "- yksi\n"
		   "- kaksi kolme\n"
		   "\n"
		   "Loppu koodi.");
	EXPECT(t, text && !strchr(text, '<'));
	EXPECT(t, text && !strchr(text, '*'));
	/* Link text kept, URL dropped. */
	EXPECT(t, text && strstr(text, "JANE"));
	EXPECT(t, text && !strstr(text, "https://"));
	free(html);
	free(text);
}

static void raw_html_is_not_passed_through(struct test_ctx *t)
{
	static const char md[] = "<script>alert(1)</script>\n"
				 "\n"
				 "Text <b onclick=\"x()\">x</b> & more <iframe src=\"https://evil\"></iframe>\n";
	char *html = NULL, *text = NULL;

	render(t, md, &html, &text);
	EXPECT(t, html && !strstr(html, "<script"));
	EXPECT(t, html && !strstr(html, "alert(1)"));
	EXPECT(t, html && !strstr(html, "<b"));
	EXPECT(t, html && !strstr(html, "onclick"));
	EXPECT(t, html && !strstr(html, "<iframe"));
	/* The text around the HTML survives, its '&' escaped. */
	EXPECT(t, html && strstr(html, "&amp; more"));
	EXPECT(t, text && !strstr(text, "alert"));
	EXPECT(t, text && strstr(text, "Text x & more"));
	free(html);
	free(text);
}

static void dangerous_urls_are_dropped(struct test_ctx *t)
{
	static const char md[] = "[x](javascript:alert(1)) ![i](data:text/html;base64,xx)\n";
	char *html = NULL, *text = NULL;

	render(t, md, &html, &text);
	EXPECT(t, html && !strstr(html, "javascript:"));
	EXPECT(t, html && !strstr(html, "data:text/html"));
	EXPECT(t, html && strstr(html, ">x</a>"));
	EXPECT_STR(t, text, "x i");
	free(html);
	free(text);
}

static void entities_become_characters_in_text(struct test_ctx *t)
{
	char *html = NULL, *text = NULL;

	render(t, "a &amp; b &auml; &#228; <\n", &html, &text);
	EXPECT_STR(t, text, "a & b ä ä <");
	EXPECT_STR(t, html, "<p>a &amp; b ä ä &lt;</p>");
	free(html);
	free(text);
}

static void no_trailing_white_space(struct test_ctx *t)
{
	char *html = NULL, *text = NULL;

	render(t, "Yksi.\n\n\n", &html, &text);
	EXPECT_STR(t, html, "<p>Yksi.</p>");
	EXPECT_STR(t, text, "Yksi.");
	free(html);
	free(text);
}

static void empty_notes_are_empty_strings(struct test_ctx *t)
{
	char *html = NULL, *text = NULL;

	render(t, "", &html, &text);
	EXPECT_STR(t, html, "");
	EXPECT_STR(t, text, "");
	free(html);
	free(text);
}

static void blocks_are_separated_by_blank_lines(struct test_ctx *t)
{
	static const char md[] = "# Otsikko\n\n> lainaus\n\n1. a\n2. b\n\nrivi yksi  \nrivi kaksi\n";
	char *html = NULL, *text = NULL;

	render(t, md, &html, &text);
	EXPECT_STR(t, text, "Otsikko\n\nlainaus\n\n- a\n- b\n\nrivi yksi\nrivi kaksi");
	EXPECT(t, html && strstr(html, "<h1>Otsikko</h1>"));
	EXPECT(t, html && strstr(html, "<ol>"));
	EXPECT(t, html && strstr(html, "<br />"));
	free(html);
	free(text);
}

/* Was a bug: a list item with two paragraphs loses the break
 * between them in the plain text: "- itemsecond para". */
static void text_keeps_paragraphs_of_a_list_item_apart(struct test_ctx *t)
{
	char *html = NULL, *text = NULL;

	render(t, "- item\n\n  second para\n- b\n", &html, &text);
	EXPECT(t, text && !strstr(text, "itemsecond"));
	EXPECT(t, text && strstr(text, "- item"));
	EXPECT(t, text && strstr(text, "second para"));
	EXPECT(t, text && strstr(text, "\n- b"));
	free(html);
	free(text);
}

TEST_MAIN(TEST_CASE(html_has_paragraph_list_bold_and_link), TEST_CASE(text_has_no_markup),
	  TEST_CASE(raw_html_is_not_passed_through), TEST_CASE(dangerous_urls_are_dropped),
	  TEST_CASE(entities_become_characters_in_text), TEST_CASE(no_trailing_white_space),
	  TEST_CASE(empty_notes_are_empty_strings), TEST_CASE(blocks_are_separated_by_blank_lines),
	  TEST_CASE(text_keeps_paragraphs_of_a_list_item_apart))
