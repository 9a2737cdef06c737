"""Arbitrary text never crashes the loaders: the only outcomes are a result or a clean error."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.content.files import ContentFiles
from sitegen.content.load import load_page
from sitegen.content.markdown import scan
from sitegen.content.schema import MarkdownText
from sitegen.content.yamlfile import YamlError, parse_yaml
from sitegen.problems import Problems
from sitegen.render.inline import render_markdown

_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400)
_MARKDOWNISH = st.text(alphabet="[]@;-_ `\n#abc123:!*(){}\t\"'", max_size=300)


@given(_TEXT | _MARKDOWNISH)
def test_yaml_parser_returns_data_or_a_clean_error(text: str) -> None:
    try:
        doc = parse_yaml(text, first_line=2)
    except YamlError as error:
        assert error.line >= 2
        assert error.message
    else:
        assert all(line >= 2 for line in doc.lines.lines.values())


@given(_MARKDOWNISH | _TEXT)
def test_markdown_scan_never_crashes(text: str) -> None:
    found = scan(text, 1)
    lines = text.count("\n") + 1
    assert all(1 <= c.line <= lines for c in found.citations)
    assert all(1 <= m.line <= lines for m in found.mistakes)
    render_markdown(MarkdownText(text), {"overview": "index.md"}, checklists=True)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(front=_MARKDOWNISH | _TEXT, body=_MARKDOWNISH)
def test_front_matter_loader_returns_a_page_or_problems(
    tmp_path: Path, front: str, body: str
) -> None:
    content = tmp_path / "content_src"
    (content / "pages").mkdir(parents=True, exist_ok=True)
    path = content / "pages" / "page.md"
    path.write_text(f"---\n{front}\n---\n{body}", encoding="utf-8")
    problems = Problems()
    page = load_page(ContentFiles(content, problems), path, 12)
    assert page is not None or problems.errors
    for problem in problems.items:
        assert problem.where.path == "content_src/pages/page.md"
        assert problem.where.line >= 1


@given(_TEXT | _MARKDOWNISH | st.sampled_from(["Žlutý kůň", "Does it hurt?", "A&E \u2013 111"]))
def test_heading_ids_are_the_ones_mkdocs_gives(text: str) -> None:
    """The link check's heading ids equal Python-Markdown's, which MkDocs uses."""
    from markdown.extensions.toc import slugify as markdown_slugify

    from sitegen.content.markdown import slugify

    assert slugify(text, "-") == markdown_slugify(text, "-")
