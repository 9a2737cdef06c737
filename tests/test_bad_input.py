"""Bad input: every problem reported as path:line: message, exit 1, docs/ untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import RunSitegen, tree


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
    "invalid YAML": (
        "content_src/pages/faq.md",
        "title: Questions",
        "title: [Questions",
        "content_src/pages/faq.md:3:",
        "invalid YAML",
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
        "content_src/pages/faq.md:4:",
        "unknown field 'descripton' (did you mean 'description'?)",
    ),
    "unknown citation key": (
        "content_src/pages/faq.md",
        "[@health-page]",
        "[@health-pages]",
        "content_src/pages/faq.md:18:41:",
        "unknown source 'health-pages' (did you mean 'health-page'?)",
    ),
    "invalid date": (
        "content_src/pages/faq.md",
        "last_reviewed: 2026-11-01",
        "last_reviewed: 2026-02-30",
        "content_src/pages/faq.md:5:",
        "'2026-02-30' is not a real date",
    ),
    "ambiguous date": (
        "content_src/sources/trial-2001.yml",
        'accessed: "2026-11-01"',
        "accessed: 03/04/16",
        "content_src/sources/trial-2001.yml:14:",
        "'03/04/16' is not a date in the form YYYY-MM-DD",
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
        "content_src/pages/faq.md:16:",
        "the answer to 'Where can I read more?' cites no source",
    ),
    "malformed citation": (
        "content_src/pages/overview.md",
        "[@trial-2001]. Reviews",
        "[@ trial-2001]. Reviews",
        "content_src/pages/overview.md:14:",
        "malformed citation [@ trial-2001]: a space after @",
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
    assert "content_src/pages/faq.md:18:41: unknown source 'nowhere'" in err
    assert "content_src/pages/overview.md:5: 'last_reviewed': 'soon' is not a date" in err
    assert "content_src/sources/health-page.yml:3:7: invalid YAML" in err
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
        "content_src/sources/health-page.yml:1: warning: source 'health-page' is not cited" in err
    )
