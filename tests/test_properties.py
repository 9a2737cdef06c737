"""Arbitrary text never crashes the loaders: the only outcomes are a result or a clean error."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sitegen.content.files import ContentFiles
from sitegen.content.load import load_page
from sitegen.content.markdown import scan
from sitegen.content.text import MarkdownText
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


def _null_only(loader: type[Any]) -> type[Any]:
    """PyYAML's own `loader`, with every pattern but null's taken out: what content files
    mean (see yamlfile.py), read the standard way."""
    resolvers = {
        first: [(tag, regexp) for tag, regexp in found if tag == "tag:yaml.org,2002:null"]
        for first, found in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return type(f"NullOnly{loader.__name__}", (loader,), {"yaml_implicit_resolvers": resolvers})


#: libyaml reads the file when it can, as parse_yaml does (the two parsers differ on a few
#: texts, such as a lone '!'), and PyYAML's Python parser when libyaml cannot.
_STANDARD_LOADERS = [
    _null_only(loader)
    for loader in (getattr(yaml, "CSafeLoader", None), yaml.SafeLoader)
    if loader is not None
]
_YAMLISH = st.lists(
    st.sampled_from(
        [
            "a",
            "b",
            ":",
            " ",
            "\n",
            "- ",
            "~",
            "null",
            "Null",
            "''",
            '"',
            "[",
            "]",
            "{",
            "}",
            ",",
            "?",
            "1",
            "yes",
            "2026-11-22",
            "#",
            "&x",
            "*x",
            "!!str ",
            "|",
            ">",
            "  ",
        ]
    ),
    max_size=40,
).map("".join)


_WORDS = st.text(alphabet="ab1 :-~#'\"\n\u00e9", max_size=8)
#: Files as people write them: nested fields and lists, in block or flow style.
_YAML_FILES = st.tuples(
    st.recursive(
        st.none() | _WORDS | st.sampled_from(["null", "Null", "~", "no", "2026-11-22", "1:30"]),
        lambda inner: st.lists(inner, max_size=6) | st.dictionaries(_WORDS, inner, max_size=6),
        max_leaves=30,
    ),
    st.booleans(),
).map(lambda made: yaml.safe_dump(made[0], default_flow_style=made[1], allow_unicode=True))


@settings(max_examples=400)
@given(_YAML_FILES | _YAMLISH | _TEXT)
def test_yaml_data_is_what_pyyaml_makes_of_it(text: str) -> None:
    """The one pass that makes the data and the lines gives PyYAML's data, for any text
    both read."""
    loaders = _STANDARD_LOADERS
    if "\t" in text or yaml.reader.Reader.NON_PRINTABLE.search(text):
        loaders = loaders[-1:]  # (as parse_yaml leaves these to the Python parser)
    try:
        doc = parse_yaml(text)
    except YamlError as refused:
        if any(_reads(text, loader) for loader in loaders):  # only content's own refusals
            assert any(word in refused.message for word in _REFUSALS), refused.message
        return
    for loader in loaders:
        try:
            expected = yaml.load(text, Loader=loader)
        except yaml.YAMLError:
            continue
        assert doc.data == expected
        return


#: What content files may not hold though YAML allows it (see yamlfile.py).
_REFUSALS = ("duplicate key", "an alias", "the tag", "levels deep")


def _reads(text: str, loader: type[Any]) -> bool:
    try:
        yaml.load(text, Loader=loader)
    except yaml.YAMLError:
        return False
    return True


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


# Any text in any field of the content either is refused with a problem, or renders to HTML
# that passes the site's allowlist: there is no third way.

#: Where text from the content lands: (file, the path of keys to the value; () for a page body).
_FIELDS = [
    ("content_src/site.yml", ("disclaimer",)),
    ("content_src/site.yml", ("publisher",)),
    ("content_src/site.yml", ("policies", "funding")),
    ("content_src/people.yml", ("sam-fixture", "name")),
    ("content_src/people.yml", ("sam-fixture", "credentials")),
    ("content_src/sources/trial-2001.yml", ("title",)),
    ("content_src/sources/trial-2001.yml", ("note",)),
    ("content_src/sources/trial-2001.yml", ("conflicts",)),
    ("content_src/sources/trial-2001.yml", ("container-title",)),
    ("content_src/sources/health-page.yml", ("publisher",)),
    ("content_src/evidence.yml", ("treatment-works", "based_on")),
    ("content_src/evidence.yml", ("treatment-works", "why")),
    ("content_src/figures.yml", ("icon_arrays", "trial-relief", "title")),
    ("content_src/figures.yml", ("icon_arrays", "trial-relief", "groups", 0, "label")),
    ("content_src/figures.yml", ("icon_arrays", "trial-relief", "limits")),
    ("content_src/figures.yml", ("timelines", "effect", "events", 0, "text")),
    ("content_src/glossary.yml", (0, "definition")),
    ("content_src/pages/faq.md", ("title",)),
    ("content_src/pages/faq.md", ("description",)),
    ("content_src/pages/overview.md", ("key_points", 0)),
    ("content_src/pages/faq.md", ()),
    ("content_src/pages/overview.md", ()),
]
_HOSTILE = st.sampled_from(
    [
        '<meta http-equiv="refresh" content="0">',
        '"><script>alert(1)</script>',
        "<!--<script>",
        "[x](javascript:alert(1))",
        "[x](java&#115;cript:alert(1))",
        "[x](java\nscript:alert(1))",
        "[r]: data:text/html,x",
        '{ onclick="x" }',
        "![x](https://example.net/x.png)",
        "```\n",
        "\n~~~\n",
        "x\n\n# A heading\n\n",
        "</div></div></article>",
        "*[A&E]: <b>",
        "| a | b |\n|---|---|\n| <i> | x |",
        "[^a]: <script>",
        "&lt;script&gt;",
        "\\",
    ]
)
_ANY_TEXT = st.lists(_HOSTILE | _TEXT | _MARKDOWNISH, min_size=1, max_size=4).map(" ".join)
_EXTENSIONS = [
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
    "pymdownx.details", "pymdownx.superfences",
]  # fmt: skip


def _set(data: Any, keys: tuple[str | int, ...], text: str) -> None:
    for key in keys[:-1]:
        data = data[key]
    data[keys[-1]] = text


def _put(project: Path, file: str, keys: tuple[str | int, ...], text: str) -> None:
    path = project / file
    if path.suffix == ".yml":
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        _set(data, keys, text)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    if keys:
        meta = yaml.safe_load(front)
        _set(meta, keys, text)
        front = json.dumps(meta, ensure_ascii=False, default=str) + "\n"
    else:
        body = f"{body}\n{text}\n"
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")


def _as_the_theme_writes_it(page_text: str) -> str:
    """A generated page as HTML, with its title and description where the theme puts them."""
    import markdown

    _, front, body = page_text.split("---\n", 2)
    meta = yaml.safe_load(front)
    head = (
        f'<title>{meta["title"]}</title><meta name="description" content="{meta["description"]}">'
    )
    converter = markdown.Markdown(
        extensions=_EXTENSIONS, extension_configs={"toc": {"permalink": True}}
    )
    return head + converter.convert(body)


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    max_examples=150,
    deadline=None,
)
@given(field=st.sampled_from(_FIELDS), text=_ANY_TEXT)
@example(  # a code fence on a line of its own would end a figure's HTML early
    field=("content_src/figures.yml", ("icon_arrays", "trial-relief", "groups", 0, "label")),
    text="```\n ```\n [x](javascript:alert(1))",
)
@example(  # a definition is a glossary link's title: a fence in it must not end the link
    field=("content_src/glossary.yml", (0, "definition")), text="\n~~~\n \n~~~\n"
)
def test_any_text_in_any_field_is_refused_or_renders_to_allowed_html(
    tmp_path_factory: pytest.TempPathFactory, field: tuple[str, tuple[str | int, ...]], text: str
) -> None:
    from conftest import FIXTURES
    from sitegen.checks.allowlist import html_violations
    from sitegen.content.layout import Project
    from sitegen.pipeline import check
    from sitegen.render import iter_site

    project = tmp_path_factory.mktemp("project")
    shutil.copytree(FIXTURES / "minimal", project, dirs_exist_ok=True)
    settings_file = project / "content_src" / "site.yml"
    settings_file.write_text(
        settings_file.read_text(encoding="utf-8") + "readability_max_grade: 20\n", "utf-8"
    )
    _put(project, *field, text)
    result = check(Project(project), date(2026, 11, 22))
    if result.content is None:
        assert result.problems.errors  # refused, with a reason
        return
    for page, page_text in iter_site(result.content, result.index):
        violations = html_violations(_as_the_theme_writes_it(page_text))
        assert not violations, (page.name, violations)
