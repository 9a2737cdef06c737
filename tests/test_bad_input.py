"""Bad input: every problem reported as path:line: message, exit 1, docs/ untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import RunSitegen, add_page, tree


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def generated(minimal_project: Path, run_sitegen: RunSitegen) -> Path:
    status, _, err = run_sitegen("generate", "--project", minimal_project, "--today", "2026-11-22")
    assert status == 0, err
    return minimal_project


CASES = {
    # Pasted text and the YAML mistakes people make, in plain words.
    "a paragraph pasted with a leading tab": (
        "content_src/pages/faq.md",
        "It may help with chronic pain",
        "\tIt may help with chronic pain",
        "content_src/pages/faq.md:13:1:",
        "this line starts with a tab, so the site would show it as a grey box of code: remove"
        " the space at its start (text pasted from a word processor often brings a tab)",
    ),
    "a paragraph indented four spaces": (
        "content_src/pages/faq.md",
        "A public health site",
        "    A public health site",
        "content_src/pages/faq.md:17:1:",
        "this line starts with four spaces, so the site would show it as a grey box of code",
    ),
    "a colon in a value": (
        "content_src/pages/faq.md",
        "description: Short answers.",
        "description: Botox: short answers.",
        "content_src/pages/faq.md:3:",
        "a colon and a space inside a value: put the whole value in double quotes, as in"
        ' title: "Botox: what to know"',
    ),
    "a key without its colon": (
        "content_src/sources/trial-2001.yml",
        'accessed: "2026-11-01"',
        'accessed "2026-11-01"',
        "content_src/sources/trial-2001.yml:",
        "a line that is neither 'key: value' nor a list item",
    ),
    "a key out of line": (
        "content_src/sources/trial-2001.yml",
        'accessed: "2026-11-01"',
        '  accessed: "2026-11-01"',
        "content_src/sources/trial-2001.yml:",
        "the indentation does not line up: keys at the same level must start in the same"
        " column (use spaces, 2 for each level)",
    ),
    "a list item out of line": (
        "content_src/sources/trial-2001.yml",
        "  - family: Jones",
        "   - family: Jones",
        "content_src/sources/trial-2001.yml:",
        "this YAML cannot be read here",
    ),
    "a quote never closed": (
        "content_src/pages/faq.md",
        "title: Questions",
        'title: "Questions',
        "content_src/pages/faq.md:",
        "a quote that is never closed",
    ),
    "this YAML cannot be read here": (
        "content_src/pages/faq.md",
        "title: Questions",
        "title: [Questions",
        "content_src/pages/faq.md:3:",
        "this YAML cannot be read here",
    ),
    "missing required field": (
        "content_src/pages/faq.md",
        "description: Short answers.\n",
        "",
        "content_src/pages/faq.md:2:",
        "missing required field 'description'",
    ),
    "unknown field": (
        "content_src/pages/faq.md",
        "description: Short answers.",
        "descripton: Short answers.",
        "content_src/pages/faq.md:3:",
        "unknown field 'descripton' (did you mean 'description'?)",
    ),
    "unknown citation key": (
        "content_src/pages/faq.md",
        "[@health-page]",
        "[@health-pages]",
        "content_src/pages/faq.md:17:41:",
        "unknown source 'health-pages' (did you mean 'health-page'?)",
    ),
    "invalid date": (
        "content_src/pages/faq.md",
        "last_reviewed: 2026-11-01",
        "last_reviewed: 2026-02-30",
        "content_src/pages/faq.md:4:",
        "'2026-02-30' is not a real date",
    ),
    "ambiguous date": (
        "content_src/sources/trial-2001.yml",
        'accessed: "2026-11-01"',
        "accessed: 03/04/16",
        "content_src/sources/trial-2001.yml:14:",
        "'03/04/16' is not a date in the form YYYY-MM-DD",
    ),
    "a date written day and month both ways": (
        "content_src/sources/trial-2001.yml",
        'accessed: "2026-11-01"',
        'accessed: "10/09/2021"',
        "content_src/sources/trial-2001.yml:14:",
        "'10/09/2021' is not a date in the form YYYY-MM-DD (for example 2026-11-22) (it could"
        " mean 10 September 2021 (2021-09-10) or 9 October 2021 (2021-10-09): write the one"
        " you mean as YYYY-MM-DD)",
    ),
    "a key indented under the line above": (
        "content_src/sources/trial-2001.yml",
        "page: 10-19",
        "page: 10-19\n  publisher: A journal",
        "content_src/sources/trial-2001.yml:13:",
        "this line is indented more than the line above, so it reads as part of that line's"
        " value: start it in the same column as the keys above it",
    ),
    "unknown source kind": (
        "content_src/sources/trial-2001.yml",
        "kind: randomized trial",
        "kind: randomised trial",
        "content_src/sources/trial-2001.yml:1:",
        "'kind' cannot be 'randomised trial' (did you mean 'randomized trial'?)",
    ),
    "malformed DOI": (
        "content_src/sources/trial-2001.yml",
        "DOI: 10.1000/test.2001",
        "DOI: doi.org/10.1000",
        "content_src/sources/trial-2001.yml:15:",
        "is not a valid DOI",
    ),
    "uncited FAQ answer": (
        "content_src/pages/faq.md",
        "A public health site explains back pain [@health-page].",
        "A public health site explains back pain.",
        "content_src/pages/faq.md:15:",
        "the answer to 'Where can I read more?' cites no source",
    ),
    "malformed citation": (
        "content_src/pages/overview.md",
        "[@trial-2001]. Reviews",
        "[@ trial-2001]. Reviews",
        "content_src/pages/overview.md:13:",
        "malformed citation [@ trial-2001]: a space after @",
    ),
    "tab indentation": (
        "content_src/sources/trial-2001.yml",
        "  - family: Smith",
        "\t- family: Smith",
        "content_src/sources/trial-2001.yml:5:",
        "a tab: YAML does not allow tabs for indentation, so use spaces (2 for each level)",
    ),
    "duplicate key": (
        "content_src/pages/faq.md",
        "description: Short answers.",
        "description: Short answers.\ntitle: Again",
        "content_src/pages/faq.md:4:1:",
        "duplicate key 'title' (first given on line 2)",
    ),
    "bad indentation": (
        "content_src/sources/trial-2001.yml",
        "    given: C",
        "      given: C\n   bad: x",
        "content_src/sources/trial-2001.yml:",
        "this YAML cannot be read here",
    ),
    "front matter not closed": (
        "content_src/pages/faq.md",
        "reviewed_by: editors\n---",
        "reviewed_by: editors\n",
        "content_src/pages/faq.md:1:",
        "the front matter is not closed",
    ),
    "empty title": (
        "content_src/pages/faq.md",
        "title: Questions",
        'title: " "',
        "content_src/pages/faq.md:2:",
        "'title': must not be empty",
    ),
    "wrong type": (
        "content_src/pages/faq.md",
        "description: Short answers.",
        "description: [Short, answers]",
        "content_src/pages/faq.md:3:",
        "'description' has the wrong type",
    ),
    "empty page": (
        "content_src/pages/sources.md",
        "Every source we cite, with its dates.",
        "",
        "content_src/pages/sources.md:7:",
        "the page has no text after its front matter",
    ),
    "next review before last review": (
        "content_src/pages/faq.md",
        "next_review_due: 2027-05-01",
        "next_review_due: 2026-05-01",
        "content_src/pages/faq.md:5:",
        "next_review_due (2026-05-01) must be after last_reviewed (2026-11-01)",
    ),
    "malformed PMID": (
        "content_src/sources/trial-2001.yml",
        'PMID: "123456"',
        "PMID: PMC123",
        "content_src/sources/trial-2001.yml:16:",
        "'PMC123' is not a valid PMID",
    ),
    "malformed URL": (
        "content_src/sources/health-page.yml",
        "URL: https://www.example.org/back-pain/",
        "URL: www.example.org/back-pain/",
        "content_src/sources/health-page.yml:8:",
        "is not a valid web address",
    ),
    "id does not match file name": (
        "content_src/sources/trial-2001.yml",
        "kind: randomized trial",
        "id: trial-2002\nkind: randomized trial",
        "content_src/sources/trial-2001.yml:1:",
        "the id 'trial-2002' does not match the file name 'trial-2001.yml'",
    ),
    "empty citation": (
        "content_src/pages/faq.md",
        "[@trial-2001]",
        "[@]",
        "content_src/pages/faq.md:13:",
        "malformed citation [@]: an empty citation",
    ),
    "page without citations": (
        "content_src/pages/faq.md",
        "[@trial-2001]",
        "",
        "content_src/pages/faq.md:",
        "the answer to 'Does it work?' cites no source",
    ),
    "link to a missing page": (
        "content_src/pages/overview.md",
        "[questions](faq.md)",
        "[questions](faqs.md)",
        "content_src/pages/overview.md:",
        "link to a page that does not exist: 'faqs.md' (did you mean 'faq'?)",
    ),
    "link to a missing heading": (
        "content_src/pages/overview.md",
        "[questions](faq.md)",
        "[questions](faq.md#does-it-works)",
        "content_src/pages/overview.md:",
        "link to a heading that does not exist: '#does-it-works' in faq.md"
        " (did you mean 'does-it-work'?)",
    ),
    "raw script": (
        "content_src/pages/faq.md",
        "Short answers to common questions.",
        "Short answers.\n\n<script>alert(1)</script>",
        "content_src/pages/faq.md:11:2:",
        "raw <script> is not allowed in content",
    ),
    "iframe": (
        "content_src/pages/faq.md",
        "Short answers to common questions.",
        '<iframe src="https://example.org"></iframe>',
        "content_src/pages/faq.md:9:2:",
        "raw <iframe> is not allowed",
    ),
    "object, embed and style": (
        "content_src/pages/faq.md",
        "Short answers to common questions.",
        "<object></object> <embed> <style>p{}</style>",
        "content_src/pages/faq.md:9:",
        "raw <embed> is not allowed",
    ),
    "event handler": (
        "content_src/pages/faq.md",
        "Short answers to common questions.",
        '<span onclick="steal()">Short</span> answers.',
        "content_src/pages/faq.md:9:2:",
        "raw <span> is not allowed in content",
    ),
    "javascript link": (
        "content_src/pages/faq.md",
        "Short answers to common questions.",
        "[Short answers](javascript:alert(1)).",
        "content_src/pages/faq.md:9:17:",
        "javascript: links are not allowed",
    ),
    "data link": (
        "content_src/pages/faq.md",
        "Short answers to common questions.",
        "[Short answers](data:text/html;base64,PHNjcmlwdD4=).",
        "content_src/pages/faq.md:9:17:",
        "data: links are not allowed",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_reported_and_docs_untouched(
    case: str, generated: Path, run_sitegen: RunSitegen
) -> None:
    file, old, new, where, message = CASES[case]
    _edit(generated / file, old, new)
    before = tree(generated / "docs")
    for command in ("check", "generate"):
        status, _, err = run_sitegen(command, "--project", generated, "--today", "2026-11-22")
        assert status == 1
        lines = [line for line in err.splitlines() if line.startswith(where)]
        assert any(message in line for line in lines), err
        assert "unknown source 'health-page'" not in err  # no knock-on errors
        assert "Traceback" not in err
    assert tree(generated / "docs") == before


def test_every_error_is_reported_in_one_run(generated: Path, run_sitegen: RunSitegen) -> None:
    _edit(generated / "content_src/pages/faq.md", "[@health-page]", "[@nowhere]")
    _edit(
        generated / "content_src/pages/overview.md",
        "last_reviewed: 2026-11-01",
        "last_reviewed: soon",
    )
    _edit(
        generated / "content_src/sources/health-page.yml", "title: Back pain", "title: [Back pain"
    )
    status, _, err = run_sitegen("check", "--project", generated, "--today", "2026-11-22")
    assert status == 1
    assert "content_src/pages/faq.md:17:41: unknown source 'nowhere'" in err
    assert "content_src/pages/overview.md:4: 'last_reviewed': 'soon' is not a date" in err
    assert "content_src/sources/health-page.yml:3:7: this YAML cannot be read here" in err
    assert "nav lists" not in err
    assert "3 errors; docs/ was not changed" in err


def test_review_dates_use_the_given_today(generated: Path, run_sitegen: RunSitegen) -> None:
    args = ("check", "--project", generated)
    status, _, err = run_sitegen(*args, "--today", "2027-12-01")
    assert status == 0
    assert "warning: review overdue: the next review was due on 1 November 2027" in err
    status, _, err = run_sitegen(*args, "--today", "2027-12-01", "--strict")
    assert status == 1
    status, _, err = run_sitegen(*args, "--today", "2026-10-01")
    assert status == 1
    assert "last_reviewed (2026-11-01) is in the future (today is 2026-10-01)" in err


def test_uncited_source_is_a_warning(minimal_project: Path, run_sitegen: RunSitegen) -> None:
    _edit(minimal_project / "content_src/pages/faq.md", "[@health-page]", "[@trial-2001]")
    status, _, err = run_sitegen("check", "--project", minimal_project, "--today", "2026-11-22")
    assert status == 0
    assert (
        "content_src/sources/health-page.yml:2: warning: source 'health-page' is not cited" in err
    )


def _check_and_generate_fail(
    project: Path, run_sitegen: RunSitegen, where: str, message: str
) -> str:
    before = tree(project / "docs")
    err = ""
    for command in ("check", "generate"):
        status, _, err = run_sitegen(command, "--project", project, "--today", "2026-11-22")
        assert status == 1, err
        assert any(line.startswith(where) and message in line for line in err.splitlines()), err
        assert "Traceback" not in err
    assert tree(project / "docs") == before
    return err


def test_file_that_is_not_utf8(generated: Path, run_sitegen: RunSitegen) -> None:
    faq = generated / "content_src/pages/faq.md"
    faq.write_bytes(faq.read_bytes().replace(b"Short answers to", b"Short \xe9answers to"))
    _check_and_generate_fail(
        generated, run_sitegen, "content_src/pages/faq.md:9:", "not UTF-8 text (byte 135 is 0xe9)"
    )


def test_symlink_out_of_the_content_folder(
    generated: Path, run_sitegen: RunSitegen, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.yml"
    outside.write_bytes((generated / "content_src/sources/health-page.yml").read_bytes())
    (generated / "content_src/sources/linked.yml").symlink_to(outside)
    _check_and_generate_fail(
        generated, run_sitegen, "content_src/sources/linked.yml:1:", "outside content_src/"
    )


def test_unexpected_file_is_reported(generated: Path, run_sitegen: RunSitegen) -> None:
    source = generated / "content_src/sources/health-page.yml"
    source.rename(source.with_suffix(".yaml"))
    status, _, err = run_sitegen("check", "--project", generated, "--today", "2026-11-22")
    assert (
        "content_src/sources/health-page.yaml:1: warning: unexpected file: source files end in"
        " .yml (rename it to health-page.yml)" in err
    )
    assert status == 1  # and the FAQ now cites a source that is not there
    assert "unknown source 'health-page'" in err


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["unix", "windows line endings"])
def test_hand_edit_of_a_generated_page_is_caught(
    generated: Path, run_sitegen: RunSitegen, newline: str
) -> None:
    page = generated / "docs/faq.md"
    text = page.read_text(encoding="utf-8")
    if newline != "\n":  # a Windows checkout: the unedited file is not a hand edit
        page.write_bytes(text.replace("\n", newline).encode("utf-8"))
        status, _, err = run_sitegen("check", "--project", generated, "--today", "2026-11-22")
        assert (status, "edited by hand" in err) == (0, False)
    page.write_bytes(text.replace("Short answers", "Edited").replace("\n", newline).encode())
    _check_and_generate_fail(
        generated,
        run_sitegen,
        "docs/faq.md:1:",
        "this generated file was edited by hand: make the change in content_src/pages/faq.md",
    )


def test_two_sources_with_the_same_id(generated: Path, run_sitegen: RunSitegen) -> None:
    sources = generated / "content_src/sources"
    copy = (sources / "trial-2001.yml").read_text(encoding="utf-8")
    (sources / "trial-copy.yml").write_text("id: trial-2001\n" + copy, encoding="utf-8")
    _check_and_generate_fail(
        generated,
        run_sitegen,
        "content_src/sources/trial-copy.yml:1:",
        "two sources have the id 'trial-2001': this file and content_src/sources/trial-2001.yml",
    )


def test_a_page_that_cites_nothing(generated: Path, run_sitegen: RunSitegen) -> None:
    add_page(generated, "about", "About", "Botox works wonders.")
    _check_and_generate_fail(
        generated, run_sitegen, "content_src/pages/about.md:7:", "this page cites no sources"
    )
