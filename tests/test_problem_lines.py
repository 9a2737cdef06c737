"""Every problem names the true line of what it is about, and only the problems it causes.

Each case makes one mistake in a copy of the fixture project. The expected line is found in
the edited file by the text the problem is about, so a problem reported at line 1 (or any
other stand-in) fails the test.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from conftest import FIXTURE_TODAY, RunSitegen, add_page


class Case(NamedTuple):
    file: str
    old: str
    new: str
    #: The text on the line the problem must name (in the edited file), and the message.
    line_of: str
    message: str
    #: Another file the problem is reported in (default: the edited file).
    reported_in: str | None = None


PAGE = "content_src/pages/overview.md"
FAQ = "content_src/pages/faq.md"
TRIAL = "content_src/sources/trial-2001.yml"
REVIEW = "content_src/sources/review-2011.yml"
EVIDENCE = "content_src/evidence.yml"
FIGURES = "content_src/figures.yml"

OPTION = "content_src/options/walking.yml"

CASES = {
    "a benefit left blank": Case(
        OPTION,
        "    no_good_evidence: We found no trial of walking for neck pain.\n"
        "    searched: 2026-10\n",
        "    comparator: nothing\n",
        "  neck:",
        "the benefit for neck is blank",
    ),
    "numbers without their comparator's number": Case(
        OPTION,
        "    with_comparator: 25\n",
        "",
        "    measure: per-100",
        "a result per-100 needs with_option and with_comparator",
    ),
    "an option's claim worded for another certainty": Case(
        OPTION,
        "claim: Walking may ease pain a little.",
        "claim: Walking eases pain a little.",
        "    claim: Walking eases",
        "a claim of low certainty should say 'may'",
    ),
    "a guideline silent on an option": Case(
        OPTION,
        "    test-guide:\n      verdict: suggests\n"
        "      text: It suggests being active [@review-2011].\n",
        "    {}\n",
        "guidelines:",
        "what does Test guide say about this option for low-back?",
    ),
    "a harm with no rate and no search": Case(
        OPTION,
        "    no_good_evidence: The trial was too small to count rare harms.\n",
        "",
        "    text: None were reported.",
        "the serious harm has no rate",
    ),
    "an unknown source in an option's sources": Case(
        OPTION,
        "    sources: [trial-2001]\n  neck:",
        "    sources: [trial-2010]\n  neck:",
        "    sources: [trial-2010]",
        "unknown source 'trial-2010' (did you mean 'trial-2001'?)",
    ),
    "an old evidence search (a warning)": Case(
        OPTION,
        "  searched: 2026-10\n  where:",
        "  searched: 2024-01\n  where:",
        "  searched: 2024-01",
        "warning: the evidence for this option was last searched",
    ),
    "last_reviewed in the future": Case(
        FAQ,
        "last_reviewed: 2026-11-01",
        "last_reviewed: 2026-12-01",
        "last_reviewed:",
        "last_reviewed (2026-12-01) is in the future",
    ),
    "next review before the last": Case(
        FAQ,
        "next_review_due: 2027-05-01",
        "next_review_due: 2026-05-01",
        "next_review_due:",
        "must be after last_reviewed",
    ),
    "unknown reviewer": Case(
        FAQ,
        "reviewed_by: editors",
        "reviewed_by: editor",
        "reviewed_by:",
        "reviewed_by 'editor' is not one of the people in content_src/people.yml",
    ),
    "change in the future": Case(
        FAQ,
        "reviewed_by: editors\n",
        "reviewed_by: editors\nchanges:\n  - date: 2026-11-01\n    summary: Fine.\n"
        "  - date: 2026-12-24\n    summary: Later.\n",
        "  - date: 2026-12-24",
        "a change is dated 2026-12-24, in the future",
    ),
    "review overdue (a warning)": Case(
        PAGE,
        "last_reviewed: 2026-11-01",
        "last_reviewed: 2025-01-01",
        "last_reviewed:",
        "warning: review overdue",
    ),
    "unknown source in a key point": Case(
        PAGE,
        "less sure [@review-2011].",
        "less sure [@review-2012].",
        "  - Reviews are less",
        "unknown source 'review-2012' (did you mean 'review-2011'?)",
    ),
    "malformed citation in a key point": Case(
        PAGE,
        "less sure [@review-2011].",
        "less sure [@Review].",
        "  - Reviews are less",
        "malformed citation [@Review]",
    ),
    "unknown source in the body": Case(
        PAGE,
        "placebo [@trial-2001]",
        "placebo [@trial-2002]",
        "The treatment helped",
        "unknown source 'trial-2002'",
    ),
    "unknown source in a data text": Case(
        FIGURES,
        "limits: One small, short trial.",
        "limits: One small, short trial [@trial-2011].",
        "    limits:",
        "unknown source 'trial-2011'",
    ),
    "unknown source in a figure's sources": Case(
        FIGURES,
        "sources: [review-2011]",
        "sources: [review-2011, trial-3000]",
        "    sources: [review-2011",
        "unknown source 'trial-3000'",
    ),
    "claim worded for another certainty": Case(
        EVIDENCE,
        "claim: The treatment may ease",
        "claim: The treatment eases",
        "  claim:",
        "a claim of low certainty should say 'may'",
    ),
    "unknown marker target": Case(
        PAGE,
        "[[timeline:effect]]",
        "[[timeline:effects]]",
        "[[timeline:effects]]",
        "unknown timeline 'effects' (did you mean 'effect'?)",
    ),
    "not a marker": Case(
        PAGE,
        "[[timeline:effect]]",
        "[[timelines:effect]]",
        "[[timelines:effect]]",
        "'[[timelines:effect]]' is not a marker",
    ),
    "link to a missing heading": Case(
        PAGE,
        "[questions](faq.md)",
        "[questions](faq.md#nothing-here)",
        "See the [questions]",
        "link to a heading that does not exist: '#nothing-here' in faq.md",
    ),
    "question without an answer": Case(
        FAQ,
        "## Where can I read more?\n\nA public health site explains back pain [@health-page].",
        "## Where can I read more?\n",
        "## Where can I read more?",
        "the question 'Where can I read more?' has no answer",
    ),
    "answer without a citation": Case(
        FAQ,
        "back pain [@health-page].",
        "back pain.",
        "## Where can I read more?",
        "the answer to 'Where can I read more?' cites no source",
    ),
    "source that is a draft": Case(
        TRIAL,
        "conflicts: None known.",
        "conflicts: TODO who paid for it",
        "conflicts:",
        "this source is a draft: 'conflicts' still says TODO",
    ),
    "two records with the same DOI": Case(
        REVIEW,
        "number: CD000001\n",
        "number: CD000001\nDOI: 10.1000/TEST.2001\n",
        "DOI:",
        "the same DOI as content_src/sources/review-2011.yml (10.1000/test.2001): one source,"
        " one record",
        TRIAL,
    ),
    "two records with the same PMID": Case(
        REVIEW,
        'issued: "2011"\n',
        'issued: "2011"\nPMID: "123456"\n',
        "PMID:",
        "the same PMID as content_src/sources/review-2011.yml (123456): one source, one record",
        TRIAL,
    ),
    "two records with the same web address": Case(
        TRIAL,
        'PMID: "123456"\n',
        'PMID: "123456"\nURL: http://example.org/back-pain\n',
        "URL:",
        "the same web address as content_src/sources/health-page.yml"
        " (http://example.org/back-pain): one source, one record",
    ),
    "two records with the same title and year": Case(
        REVIEW,
        "title: Injections for back pain\nauthor:\n  - literal: The Review Group\n"
        'container-title: Review Journal\nissue: "1"\nnumber: CD000001\nissued: "2011"\n',
        'title: "A small trial of a treatment."\nauthor:\n  - literal: The Review Group\n'
        'container-title: Review Journal\nissue: "1"\nnumber: CD000001\nissued: "2001-05"\n',
        "title:",
        "the same title and year as content_src/sources/review-2011.yml (A small trial of a"
        " treatment, 2001): one source, one record",
        TRIAL,
    ),
    "uncited source (a warning)": Case(
        FAQ,
        "[@health-page]",
        "[@trial-2001]",
        "title: Back pain",
        "warning: source 'health-page' is not cited on any page",
        "content_src/sources/health-page.yml",
    ),
    "wrong type deep in a record": Case(
        FIGURES,
        "        per_100: 20",
        "        per_100: lots",
        "        per_100: lots",
        "'icon_arrays.trial-relief.groups.1.per_100'",
    ),
    "an alias": Case(
        EVIDENCE,
        "  sources: [trial-2001]",
        "  sources: &s [trial-2001]\n  again: *s",
        "  again:",
        "an alias (*name) repeats another part of the file",
    ),
    "nav names a missing page": Case(
        "mkdocs.yml",
        "  - FAQ: faq.md",
        "  - FAQ: faqs.md",
        "  - FAQ: faqs.md",
        "the nav lists 'faqs.md' but there is no page content_src/pages/faqs.md",
    ),
    "nav names a page twice": Case(
        "mkdocs.yml",
        "  - Sources: sources.md",
        "  - Sources: sources.md\n  - Again: faq.md",
        "  - Again: faq.md",
        "the nav lists faq.md twice",
    ),
    "a page not in the nav": Case(
        "mkdocs.yml",
        "  - Glossary: glossary.md\n",
        "",
        "title: Glossary",
        "this page is not in the nav in mkdocs.yml",
        "content_src/pages/glossary.md",
    ),
}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, 1) if line.startswith(text))


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_problem_names_its_true_line(
    name: str, minimal_project: Path, run_sitegen: RunSitegen
) -> None:
    case = CASES[name]
    _edit(minimal_project / case.file, case.old, case.new)
    reported_in = case.reported_in or case.file
    line = _line(minimal_project / reported_in, case.line_of)
    status, _, err = run_sitegen("check", "--project", minimal_project, "--today", FIXTURE_TODAY)
    assert status == (0 if "warning:" in case.message else 1), err
    mine = [row for row in err.splitlines() if case.message in row]
    assert mine, err
    assert all(row.startswith(f"{reported_in}:{line}:") for row in mine), (line, err)
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("old", "new", "own"),
    [
        ("reviewed_by: editors\n---", "reviewed_by: editors\n", "the front matter is not closed"),
        ("last_reviewed: 2026-11-01", "last_reviewed: 2026-13-01", "is not a real date"),
        ("title: Questions", "title: [Questions", "this YAML cannot be read here"),
    ],
    ids=["front matter not closed", "a bad date", "broken YAML"],
)
def test_a_page_that_cannot_load_reports_only_its_own_errors(
    old: str, new: str, own: str, minimal_project: Path, run_sitegen: RunSitegen
) -> None:
    """The FAQ cannot be read: no nav advice that drops it, no "link to a missing page" from
    the pages that link to it, no "not cited" warning for the sources only it cites."""
    _edit(minimal_project / FAQ, old, new)
    status, _, err = run_sitegen("check", "--project", minimal_project, "--today", FIXTURE_TODAY)
    assert status == 1
    rows = err.splitlines()[:-1]
    assert rows and all(row.startswith(f"{FAQ}:") for row in rows), err
    assert any(own in row for row in rows), err
    assert err.splitlines()[-1] == "sitegen: 1 error; docs/ was not changed"


def test_a_data_file_that_cannot_load_reports_only_its_own_errors(
    minimal_project: Path, run_sitegen: RunSitegen
) -> None:
    _edit(minimal_project / FIGURES, "    unit: weeks", "    unit: [weeks")
    status, _, err = run_sitegen("check", "--project", minimal_project, "--today", FIXTURE_TODAY)
    assert status == 1
    assert all(row.startswith(f"{FIGURES}:") for row in err.splitlines()[:-1]), err


def test_a_page_named_index_is_refused(minimal_project: Path, run_sitegen: RunSitegen) -> None:
    add_page(minimal_project, "index", "Index", "An index page [@trial-2001].")
    status, _, err = run_sitegen("check", "--project", minimal_project, "--today", FIXTURE_TODAY)
    assert status == 1
    assert "content_src/pages/index.md:1: a page cannot be called index" in err
