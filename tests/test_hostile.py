"""Hostile input holds: every attack is refused at its line, with no traceback, and docs/ is
left byte for byte as it was.

Each case is one edit to a copy of the fixture project, made after a first good run. The
cases are the ones a review found getting through (text fields into HTML, filter bypasses,
invisible characters, unbounded work, YAML 1.1 surprises), and more of the same kinds.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import NamedTuple

import pytest

from conftest import FIXTURE_TODAY, RunSitegen, tree
from sitegen.signing import write_signed

FAQ = "content_src/pages/faq.md"
OVERVIEW = "content_src/pages/overview.md"
SETTINGS = "content_src/site.yml"
TRIAL = "content_src/sources/trial-2001.yml"
FIGURES = "content_src/figures.yml"
EVIDENCE = "content_src/evidence.yml"
META_REFRESH = '<meta http-equiv="refresh" content="1;url=https://example.net/">'


class Case(NamedTuple):
    file: str
    old: str
    new: str
    #: Where the problem is reported (a path, or path:line) and a part of its message.
    where: str
    message: str


CASES = {
    # Text fields that reached the HTML unescaped.
    "meta refresh in the disclaimer": Case(
        SETTINGS,
        "disclaimer: General",
        f"disclaimer: {META_REFRESH} General",
        f"{SETTINGS}:",
        "raw <meta> is not allowed",
    ),
    "meta refresh in a source's conflicts": Case(
        TRIAL,
        "conflicts: None known.",
        f"conflicts: '{META_REFRESH}'",
        f"{TRIAL}:18:",
        "raw <meta> is not allowed",
    ),
    "meta refresh in a source's note": Case(
        TRIAL,
        "note: Thirty people;",
        f"note: {META_REFRESH} Thirty people;",
        f"{TRIAL}:17:",
        "raw <meta> is not allowed",
    ),
    "meta refresh in a change summary": Case(
        FAQ,
        "reviewed_by: editors\n",
        f"reviewed_by: editors\nchanges:\n  - date: 2026-11-01\n    summary: '{META_REFRESH}'\n",
        f"{FAQ}:9:",
        "raw <meta> is not allowed",
    ),
    "meta refresh in a figure label": Case(
        FIGURES,
        "label: with the treatment",
        f"label: '{META_REFRESH}'",
        f"{FIGURES}:6:",
        "'label' is plain text",
    ),
    "meta refresh in a page title": Case(
        FAQ, "title: Questions", f"title: '{META_REFRESH}'", f"{FAQ}:2:", "'title' is plain text"
    ),
    "a description breaking out of its attribute": Case(
        FAQ,
        "description: Short answers.",
        "description: '\"><meta http-equiv=refresh>'",
        f"{FAQ}:3:",
        "'description' is plain text",
    ),
    "a comment in a title that would swallow the page": Case(
        FAQ, "title: Questions", "title: '<!--<script>'", f"{FAQ}:2:", "'title' is plain text"
    ),
    "a quote in the repository address": Case(
        SETTINGS,
        "repo_url: https://github.com/fixture-health/guide",
        "repo_url: 'https://example.org/a\"onmouseover=\"x'",
        f"{SETTINGS}:",
        "is not a valid web address",
    ),
    # Ways around the page-text filter.
    "javascript: in an HTML link, as a character reference": Case(
        FAQ,
        "Short answers to common questions.",
        '<a href="java&#115;cript:alert(1)">Short answers</a>',
        f"{FAQ}:9:2:",
        "raw <a> is not allowed",
    ),
    "javascript: as a character reference in a Markdown link": Case(
        FAQ,
        "Short answers to common questions.",
        "[Short](java&#115;cript:alert(1)) answers.",
        f"{FAQ}:9:",
        "javascript: links are not allowed",
    ),
    "a tab inside javascript:": Case(
        FAQ,
        "Short answers to common questions.",
        "[Short](java\tscript:alert(1)) answers.",
        f"{FAQ}:9:",
        "javascript: links are not allowed",
    ),
    "javascript: in angle brackets": Case(
        FAQ,
        "Short answers to common questions.",
        "[Short](<javascript:alert(1)>) answers.",
        f"{FAQ}:9:",
        "javascript: links are not allowed",
    ),
    "a reference-style javascript: link": Case(
        FAQ,
        "Short answers to common questions.",
        "[Short][r] answers.\n\n[r]: java&#115;cript:alert(1)",
        f"{FAQ}:11:",
        "javascript: links are not allowed",
    ),
    "a data: reference link": Case(
        FAQ,
        "Short answers to common questions.",
        "[Short][r] answers.\n\n[r]: data:text/html;base64,PHNjcmlwdD4=",
        f"{FAQ}:11:",
        "data: links are not allowed",
    ),
    "an autolink with javascript:": Case(
        FAQ,
        "Short answers to common questions.",
        "See <javascript:alert(1)>.",
        f"{FAQ}:9:",
        "javascript: links are not allowed",
    ),
    "an event handler in an attribute list": Case(
        FAQ,
        "Short answers to common questions.",
        'Short answers { onclick="steal()" }',
        f"{FAQ}:9:",
        "may only give a class or an id",
    ),
    "an event handler by an SVG animation": Case(
        FAQ,
        "Short answers to common questions.",
        '<svg><set attributeName="onmouseover" to="alert(1)"/></svg>',
        f"{FAQ}:9:2:",
        "raw <svg> is not allowed",
    ),
    "an unclosed hidden block": Case(
        FAQ,
        "A public health site explains back pain [@health-page].",
        'A public health site explains back pain [@health-page].\n\n<div hidden markdown="1">',
        f"{FAQ}:19:2:",
        "raw <div> is not allowed",
    ),
    "an HTML comment": Case(
        FAQ,
        "Short answers to common questions.",
        "Short answers.\n\n<!-- the rest",
        f"{FAQ}:11:",
        "HTML comments (<!--) are not allowed",
    ),
    "a picture from another site": Case(
        FAQ,
        "Short answers to common questions.",
        "![x](https://example.net/pixel.png) Short.",
        f"{FAQ}:9:",
        "pictures from other sites are not allowed",
    ),
    "srcset, poster and ping in raw HTML": Case(
        FAQ,
        "Short answers to common questions.",
        '<video poster="https://example.net/a.png"></video>',
        f"{FAQ}:9:2:",
        "raw <video> is not allowed",
    ),
    "a javascript: link in a data text": Case(
        EVIDENCE,
        "why: The trial was small and short.",
        "why: The trial was small and short [see](javascript:alert(1)).",
        f"{EVIDENCE}:5:",
        "javascript: links are not allowed",
    ),
    # Invisible and control characters.
    "a DEL in a title": Case(
        FAQ,
        "title: Questions",
        "title: Quest\x7fions",
        f"{FAQ}:2:13:",
        "a delete character (DEL), U+007F",
    ),
    "a C1 control in a question": Case(
        FAQ,
        "## Does it work?",
        "## Does it\x85 work?",
        f"{FAQ}:11:11:",
        "a control character, U+0085",
    ),
    "a noncharacter in a source title": Case(
        TRIAL,
        'title: "A small trial',
        'title: "A small\ufffe trial',
        f"{TRIAL}:3:16:",
        "a noncharacter, U+FFFE",
    ),
    "a noncharacter beyond the first plane, after an emoji": Case(
        TRIAL,
        'title: "A small trial',
        'title: "A small \U0001f600 tri\U0001fffeal',
        f"{TRIAL}:3:22:",
        "a noncharacter, U+1FFFE",
    ),
    "a right-to-left override": Case(
        OVERVIEW,
        "Chronic pain often eases.",
        "Chronic pain often \u202eeases.",
        f"{OVERVIEW}:26:20:",
        "a right-to-left override, U+202E",
    ),
    "an escape code that would clear the terminal": Case(
        TRIAL,
        'title: "A small trial',
        'title: "A small\x1b[2J trial',
        f"{TRIAL}:3:16:",
        "a control character, U+001B",
    ),
    # Unbounded work.
    "a YAML alias bomb": Case(
        EVIDENCE,
        "  sources: [trial-2001]",
        "  sources: [trial-2001]\nbomb:\n  a: &a [x, x, x, x, x, x, x, x, x]\n"
        "  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        "  d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
        f"{EVIDENCE}:",
        "an alias (*name) repeats another part of the file",
    ),
    "ten thousand nested brackets in YAML": Case(
        EVIDENCE,
        "  sources: [trial-2001]",
        "  sources: " + "[" * 10_000 + "]" * 10_000,
        f"{EVIDENCE}:6:",
        "nested more than 40 levels deep",
    ),
    "fields nested 45 deep by indentation": Case(
        EVIDENCE,
        "  sources: [trial-2001]",
        "  sources: [trial-2001]\ndeep:\n" + "".join(f"{'  ' * i}k{i}:\n" for i in range(1, 46)),
        f"{EVIDENCE}:48:",  # the first line indented past 80 spaces (40 levels)
        "nested more than 40 levels deep",
    ),
    "a thousand lists nested on one line": Case(
        EVIDENCE,
        "  sources: [trial-2001]",
        "  sources: [trial-2001]\nnested:\n" + "- " * 1000 + "x",
        f"{EVIDENCE}:8:",
        "nested more than 40 levels deep",
    ),
    "lists nested on one line after a complex key": Case(
        EVIDENCE,
        "  sources: [trial-2001]",
        "  sources: [trial-2001]\n? nested\n: " + "- " * 1000 + "x",
        f"{EVIDENCE}:8:",
        "nested more than 40 levels deep",
    ),
    "a million nested brackets in YAML": Case(
        EVIDENCE,
        "  sources: [trial-2001]",
        "  sources: " + "[" * 1_000_000,
        f"{EVIDENCE}:6:",
        "nested more than 40 levels deep",
    ),
    "an endless timeline": Case(
        FIGURES, "length: 4", "length: .inf", f"{FIGURES}:17:", "'timelines.effect.length'"
    ),
    "a timeline of no length at all": Case(
        FIGURES, "length: 4", "length: .nan", f"{FIGURES}:17:", "'timelines.effect.length'"
    ),
    "thousands of unclosed brackets in a page": Case(
        FAQ,
        "Short answers to common questions.",
        "[a" * 20_000,
        f"{FAQ}:9:21:",
        "brackets [ ] nested more than 10 deep",
    ),
    "an unclosed bracket in a page": Case(
        FAQ,
        "Short answers to common questions.",
        "Short [answers to common questions.",
        f"{FAQ}:9:7:",
        "a '[' that is never closed",
    ),
    "brackets nested deeper than any page needs": Case(
        FAQ,
        "Short answers to common questions.",
        "[" * 5_000 + "a" + "]" * 5_000,
        f"{FAQ}:9:11:",
        "brackets [ ] nested more than 10 deep",
    ),
    # YAML 1.1 surprises.
    "a PubMed id with a leading zero": Case(
        TRIAL, 'PMID: "123456"', "PMID: 0123456", f"{TRIAL}:16:", "'0123456' is not a valid PMID"
    ),
    "a tag that hides text from reviewers": Case(
        TRIAL,
        "note: Thirty people;",
        "note: !!binary PHNjcmlwdD4=\nx: Thirty people;",
        f"{TRIAL}:17:",
        "the tag !!binary is not used in content",
    ),
    # Smaller ones.
    "a review date in the year 9999": Case(
        FAQ,
        "last_reviewed: 2026-11-01",
        "last_reviewed: 9999-06-01",
        f"{FAQ}:4:",
        "'9999-06-01' is not a likely date",
    ),
    "a source read in 2062": Case(
        TRIAL,
        'accessed: "2026-11-01"',
        'accessed: "2062-11-01"',
        f"{TRIAL}:14:",
        "'accessed' (2062-11-01) is in the future",
    ),
    "a 300-character source id in a citation": Case(
        FAQ, "[@trial-2001]", "[@" + "a" * 300 + "]", f"{FAQ}:13:", "malformed citation"
    ),
}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def generated(minimal_project: Path, run_sitegen: RunSitegen) -> Path:
    status, _, err = run_sitegen("generate", "--project", minimal_project, "--today", FIXTURE_TODAY)
    assert status == 0, err
    return minimal_project


def _refused(project: Path, run_sitegen: RunSitegen, where: str, message: str) -> str:
    before = tree(project / "docs")
    err = ""
    for command in ("check", "generate"):
        status, _, err = run_sitegen(command, "--project", project, "--today", FIXTURE_TODAY)
        assert status == 1, err
        assert "Traceback" not in err
        rows = [row for row in err.splitlines() if row.startswith(where) and message in row]
        assert rows, err[:3000]
        assert "\x1b" not in err  # nothing from the content can drive the terminal
    assert tree(project / "docs") == before
    return err


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input_is_refused_at_its_line(
    name: str, generated: Path, run_sitegen: RunSitegen
) -> None:
    case = CASES[name]
    _edit(generated / case.file, case.old, case.new)
    _refused(generated, run_sitegen, case.where, case.message)


def test_a_link_in_docs_to_the_machines_secrets(generated: Path, run_sitegen: RunSitegen) -> None:
    (generated / "docs" / "env.md").symlink_to("/proc/self/environ")
    _refused(generated, run_sitegen, "docs/env.md:1:", "this is a link (to /proc/self/environ)")


def test_a_folder_where_a_page_belongs(generated: Path, run_sitegen: RunSitegen) -> None:
    (generated / "docs" / "faq.md").unlink()
    (generated / "docs" / "faq.md").mkdir()
    _refused(
        generated, run_sitegen, "docs/faq.md:1:", "docs/ holds folders only under docs/assets/"
    )


def test_a_page_that_was_not_generated(generated: Path, run_sitegen: RunSitegen) -> None:
    (generated / "docs" / "extra.md").write_text(f"# Hello\n\n{META_REFRESH}\n", encoding="utf-8")
    _refused(generated, run_sitegen, "docs/extra.md:1:", "this file was not written by sitegen")


def test_a_script_hidden_in_a_picture(generated: Path, run_sitegen: RunSitegen) -> None:
    (generated / "docs" / "assets").mkdir()
    (generated / "docs" / "assets" / "page.html").write_text("<script>x</script>", "utf-8")
    _refused(generated, run_sitegen, "docs/assets/page.html:1:", "docs/assets/ holds only files")


def test_a_generated_page_without_its_checksum_line(
    generated: Path, run_sitegen: RunSitegen
) -> None:
    page = generated / "docs" / "faq.md"
    text = page.read_text(encoding="utf-8").split("\n")
    page.write_text("\n".join(line for line in text if "Checksum" not in line), "utf-8")
    _refused(generated, run_sitegen, "docs/faq.md:1:", "edited by hand")


def test_a_file_name_with_a_line_break(generated: Path, run_sitegen: RunSitegen) -> None:
    source = generated / "content_src" / "sources"
    (source / "trial-2001.yml").rename(source / "trial\n2001.yml")
    err = _refused(generated, run_sitegen, "content_src/sources/trial\\u000a2001.yml:1:", "id")
    assert "trial\n2001" not in err


@pytest.mark.parametrize(
    "failure",
    [errno.ENOSPC, errno.EACCES],
    ids=["the disk fills", "no permission"],
)
def test_docs_is_all_or_nothing(
    failure: int,
    generated: Path,
    run_sitegen: RunSitegen,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A run that cannot finish leaves docs/ exactly as it was, and says why in one line."""
    for name in ("faq.md", "overview.md"):
        _edit(
            generated / "content_src" / "pages" / name,
            "last_reviewed: 2026-11-01",
            "last_reviewed: 2026-11-02",
        )
    before = tree(generated / "docs")
    real_replace = os.replace
    placed: list[str] = []

    def replace(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        # The first page moves into place, the second fails once: docs/ must be put back.
        name = str(target)
        if name.endswith(".md") and str(source).endswith(".new"):
            placed.append(name)
            if len(placed) == 2:
                raise OSError(failure, os.strerror(failure))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    status, _, err = run_sitegen("generate", "--project", generated, "--today", FIXTURE_TODAY)
    monkeypatch.undo()
    assert status == 1
    assert "Traceback" not in err
    assert f"{os.strerror(failure)}; docs/ was left as it was" in err
    assert tree(generated / "docs") == before
    assert not [p for p in (generated / "docs").iterdir() if p.name.startswith(".")]


def test_a_damaged_cache_is_ignored(generated: Path, run_sitegen: RunSitegen) -> None:
    cache = generated / ".cache" / "sitegen"
    for name, damage in (
        ("readability.json", '{"salt": 1, "results": {"x": [NaN, 1, 2]}}'),
        ("render.json", '{"results": {"a": ["not a term"]}, "salt": null}'),
    ):
        # Signed with this user's key, as if this machine wrote it: it is still checked.
        write_signed(cache / name, damage)
    before = tree(generated / "docs")
    status, _, err = run_sitegen("generate", "--project", generated, "--today", FIXTURE_TODAY)
    assert (status, "Traceback" in err) == (0, False)
    assert tree(generated / "docs") == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("import", "/dev/zero"), "/dev/zero is not a saved article"),
        (("new-source", "a" * 300, "--kind", "guideline", "--title", "T"), "80 at most"),
    ],
    ids=["import /dev/zero", "a 300-character id"],
)
def test_maintainer_commands_refuse_cleanly(
    args: tuple[str, ...], message: str, minimal_project: Path, run_sitegen: RunSitegen
) -> None:
    status, _, err = run_sitegen(*args, "--project", minimal_project)
    assert status == 1
    assert message in err and "Traceback" not in err


def test_a_bad_preview_address(minimal_project: Path, run_sitegen: RunSitegen) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run_sitegen("serve", "--project", minimal_project, "--dev-addr", "localhost:http")
    assert exit_info.value.code == 2


def test_one_bad_byte_in_a_source_blames_only_that_source(
    generated: Path, run_sitegen: RunSitegen
) -> None:
    source = generated / "content_src" / "sources" / "trial-2001.yml"
    source.write_bytes(source.read_bytes().replace(b"Thirty", b"Thirty \xff"))
    err = _refused(generated, run_sitegen, f"{TRIAL}:17:", "not UTF-8 text")
    assert all(row.startswith(TRIAL) for row in err.splitlines()[:-1]), err
