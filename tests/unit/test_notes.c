/* Unit tests of notes: Markdown show notes to HTML and to plain text. */
#include "notes.h"

#include <stdbool.h>
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

/* Both renderings of one text; NULL when rendering failed. */
struct rendered {
	char *html;
	char *text;
};

static struct rendered render(struct test_ctx *t, const char *md)
{
	struct rendered r = { NULL, NULL };

	EXPECT_INT(t, notes_render(md, strlen(md), &r.html, &r.text, NULL), PP_OK);
	return r;
}

static void rendered_release(struct rendered *r)
{
	free(r->html);
	free(r->text);
	r->html = NULL;
	r->text = NULL;
}

/* For the short texts whose two renderings are checked whole. */
static void expect_rendering(struct test_ctx *t, const char *md, const char *html, const char *text)
{
	struct rendered r = render(t, md);

	EXPECT_STR(t, r.html, html);
	EXPECT_STR(t, r.text, text);
	rendered_release(&r);
}

static void html_has_paragraph_list_bold_and_link(struct test_ctx *t)
{
	struct rendered r = render(t, sample);

	EXPECT_CONTAINS(t, r.html, "<p>Jaksossa ");
	EXPECT_CONTAINS(t, r.html, "<strong>Järjestötyöllistäminen</strong>");
	EXPECT_CONTAINS(t, r.html,
			"<a href=\"https://yhdistysyhteistyo.fi/jane?a=1&amp;b=2\">JANE</a>");
	EXPECT_CONTAINS(t, r.html, "<ul>\n<li>yksi</li>\n<li>kaksi <em>kolme</em></li>\n</ul>");
	EXPECT_CONTAINS(t, r.html, "<code>koodi</code>");
	/* Finnish letters as UTF-8 bytes, not entities. */
	EXPECT_CONTAINS(t, r.html, "J\xc3\xa4rjest\xc3\xb6ty\xc3\xb6llist\xc3\xa4minen");
	EXPECT_LACKS(t, r.html, "&auml;");
	rendered_release(&r);
}

static void text_has_no_markup(struct test_ctx *t)
{
	struct rendered r = render(t, sample);

	EXPECT_STR(t, r.text,
		   "Jaksossa Järjestötyöllistäminen ja JANE (https://yhdistysyhteistyo.fi/jane?a=1&b=2). "
		   "Toinen rivi.\n"
		   "\n"
		   "- yksi\n"
		   "- kaksi kolme\n"
		   "\n"
		   "Loppu koodi.");
	EXPECT_LACKS(t, r.text, "<");
	EXPECT_LACKS(t, r.text, "*");
	rendered_release(&r);
}

/* The plain text keeps where a link goes, once, and only a web address. */
static void link_targets_survive_in_text(struct test_ctx *t)
{
	expect_rendering(t, "Katso [JANE](https://example.fi/jane).\n",
			 "<p>Katso <a href=\"https://example.fi/jane\">JANE</a>.</p>",
			 "Katso JANE (https://example.fi/jane).");
	expect_rendering(t, "<https://example.fi/>\n",
			 "<p><a href=\"https://example.fi/\">https://example.fi/</a></p>",
			 "https://example.fi/");
	expect_rendering(t, "[posti](mailto:a@example.fi) [suhteellinen](sivu.html)\n",
			 "<p><a href=\"mailto:a@example.fi\">posti</a> <a href=\"sivu.html\">suhteellinen</a></p>",
			 "posti suhteellinen");
}

static void raw_html_line_is_told(struct test_ctx *t)
{
	static const char md[] = "Yksi.\n\nKaksi <b>lihava</b>.\n\n<div>lohko</div>\n";
	char *html = NULL, *text = NULL;
	int line = -1;

	EXPECT_INT(t, notes_render(md, strlen(md), &html, &text, &line), PP_OK);
	EXPECT_INT(t, line, 3);
	free(html);
	free(text);
	EXPECT_INT(t, notes_render("Ei.\n", 4, &html, &text, &line), PP_OK);
	EXPECT_INT(t, line, 0);
	free(html);
	free(text);
	EXPECT_INT(t, notes_render("<p>x</p>\n", 9, &html, &text, &line), PP_OK);
	EXPECT_INT(t, line, 1);
	free(html);
	free(text);
}

static void raw_html_is_not_passed_through(struct test_ctx *t)
{
	static const char md[] = "<script>alert(1)</script>\n"
				 "\n"
				 "Text <b onclick=\"x()\">x</b> & more <iframe src=\"https://evil\"></iframe>\n";
	struct rendered r = render(t, md);

	EXPECT_LACKS(t, r.html, "<script");
	EXPECT_LACKS(t, r.html, "alert(1)");
	EXPECT_LACKS(t, r.html, "<b");
	EXPECT_LACKS(t, r.html, "onclick");
	EXPECT_LACKS(t, r.html, "<iframe");
	/* The text around the HTML survives, its '&' escaped. */
	EXPECT_CONTAINS(t, r.html, "&amp; more");
	EXPECT_LACKS(t, r.text, "alert");
	EXPECT_CONTAINS(t, r.text, "Text x & more");
	rendered_release(&r);
}

/* Apps render the plain description as HTML: markup the producer wrote as
 * code or as escaped text stays readable there, but never opens a tag. */
static void code_never_becomes_a_tag_in_text(struct test_ctx *t)
{
	static const char md[] = "Run `<script>alert(1)</script>` and &lt;img src=x onerror=y&gt;, "
				 "keep a < b and <3\n"
				 "\n"
				 "    <!-- a comment --><?php x ?>\n";
	struct rendered r = render(t, md);

	EXPECT_STR(t, r.text,
		   "Run < script>alert(1)< /script> and < img src=x onerror=y>, keep a < b and <3\n"
		   "\n"
		   "< !-- a comment -->< ?php x ?>");
	for (const char *p = r.text ? r.text : ""; (p = strchr(p, '<')); p++) {
		char next = p[1];

		EXPECT(t, !((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') ||
			    next == '/' || next == '!' || next == '?'));
	}
	/* The HTML notes keep code as code, escaped. */
	EXPECT_CONTAINS(t, r.html, "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>");
	rendered_release(&r);
}

static void dangerous_urls_are_dropped(struct test_ctx *t)
{
	struct rendered r = render(t, "[x](javascript:alert(1)) ![i](data:text/html;base64,xx)\n");

	EXPECT_LACKS(t, r.html, "javascript:");
	EXPECT_LACKS(t, r.html, "data:text/html");
	EXPECT_CONTAINS(t, r.html, ">x</a>");
	EXPECT_STR(t, r.text, "x i");
	rendered_release(&r);
}

static void entities_become_characters_in_text(struct test_ctx *t)
{
	expect_rendering(t, "a &amp; b &auml; &#228; <\n", "<p>a &amp; b ä ä &lt;</p>",
			 "a & b ä ä <");
}

static void no_trailing_white_space(struct test_ctx *t)
{
	expect_rendering(t, "Yksi.\n\n\n", "<p>Yksi.</p>", "Yksi.");
}

static void empty_notes_are_empty_strings(struct test_ctx *t)
{
	expect_rendering(t, "", "", "");
}

static void blocks_are_separated_by_blank_lines(struct test_ctx *t)
{
	struct rendered r =
		render(t, "# Otsikko\n\n> lainaus\n\n1. a\n2. b\n\nrivi yksi  \nrivi kaksi\n");

	EXPECT_STR(t, r.text, "Otsikko\n\nlainaus\n\n- a\n- b\n\nrivi yksi\nrivi kaksi");
	EXPECT_CONTAINS(t, r.html, "<h1>Otsikko</h1>");
	EXPECT_CONTAINS(t, r.html, "<ol>");
	EXPECT_CONTAINS(t, r.html, "<br />");
	rendered_release(&r);
}

/* Was a bug: a list item with two paragraphs loses the break
 * between them in the plain text: "- itemsecond para". */
static void text_keeps_paragraphs_of_a_list_item_apart(struct test_ctx *t)
{
	struct rendered r = render(t, "- item\n\n  second para\n- b\n");

	EXPECT_LACKS(t, r.text, "itemsecond");
	EXPECT_CONTAINS(t, r.text, "- item");
	EXPECT_CONTAINS(t, r.text, "second para");
	EXPECT_CONTAINS(t, r.text, "\n- b");
	rendered_release(&r);
}

TEST_MAIN(TEST_CASE(html_has_paragraph_list_bold_and_link), TEST_CASE(text_has_no_markup),
	  TEST_CASE(raw_html_is_not_passed_through), TEST_CASE(link_targets_survive_in_text),
	  TEST_CASE(raw_html_line_is_told), TEST_CASE(code_never_becomes_a_tag_in_text),
	  TEST_CASE(dangerous_urls_are_dropped),
	  TEST_CASE(entities_become_characters_in_text), TEST_CASE(no_trailing_white_space),
	  TEST_CASE(empty_notes_are_empty_strings), TEST_CASE(blocks_are_separated_by_blank_lines),
	  TEST_CASE(text_keeps_paragraphs_of_a_list_item_apart))
