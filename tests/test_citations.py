"""The one scan of Markdown (citations, markers, links, headings) and rewriting at its places."""

from sitegen.content.markdown import scan
from sitegen.content.text import MarkdownText
from sitegen.render.inline import render_markdown


def _footnotes(text: str) -> str:
    return render_markdown(MarkdownText(text), {})


def test_single_and_grouped_citations_with_positions() -> None:
    found = scan("One [@foster-2001].\nTwo [@waseem-2011; @langevin-2011].", 5)
    assert not found.mistakes
    assert [(c.key, c.line, c.column) for c in found.citations] == [
        ("foster-2001", 5, 5),
        ("waseem-2011", 6, 5),
        ("langevin-2011", 6, 5),
    ]


def test_citations_links_and_markers_in_code_are_text() -> None:
    text = (
        "Use `[@foster-2001]` to cite, `[x](overview.md)` to link.\n\n"
        "```\n[@waseem-2011]\n[[evidence:x]]\n```\n"
    )
    found = scan(text)
    assert (found.citations, found.links, found.markers, found.mistakes) == ((), (), (), ())
    assert render_markdown(MarkdownText(text), {"overview": "index.md"}) == text


def test_links_to_pages_point_at_generated_files_outside_code_only() -> None:
    text = "See [home](overview.md#start) and `[home](overview.md)`."
    assert render_markdown(MarkdownText(text), {"overview": "index.md"}) == (
        "See [home](index.md#start) and `[home](overview.md)`."
    )


def test_malformed_citations_are_reported() -> None:
    found = scan("A [@ foster]. B [@]. C [@Foster 2001].")
    messages = [m.message for m in found.mistakes]
    assert len(messages) == 3
    assert "a space after @" in messages[0]
    assert "an empty citation" in messages[1]
    assert "lowercase letters" in messages[2]


def test_replacement_removes_the_gap_before_the_citation() -> None:
    text = "Works [@a].\nLess sure\n[@b; @c].\n\n## Heading\n[@d] starts a line."
    assert _footnotes(text) == (
        'Works[^a].\nLess sure[^b]<span class="cite-more">[^c]</span>.\n\n## Heading\n'
        "[^d] starts a line."
    )


def test_headings_have_the_ids_mkdocs_gives_them() -> None:
    found = scan("## Does it hurt?\n\n### Cost [@a] { #price }\n\n#### See [the FAQ](faq.md)\n", 10)
    assert [(h.level, h.anchor, h.line) for h in found.headings] == [
        (2, "does-it-hurt", 10),
        (3, "price", 12),
        (4, "see-the-faq", 14),
    ]
