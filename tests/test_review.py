"""`sitegen review`: pages by urgency of review, and old sources that pages still cite."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from conftest import RunSitegen
from sitegen.commands.review import review_content
from sitegen.content.fields import format_day
from sitegen.content.layout import Project
from sitegen.content.load import load_content

# In tests/fixtures/minimal, faq.md is due on 2027-05-01; the other pages, reviewed on
# 2026-11-01, are due a year later, on 2027-11-01.


def _review(run_sitegen: RunSitegen, project: Path, *args: str) -> tuple[int, str, str]:
    return run_sitegen("review", "--project", project, *args)


def test_pages_by_urgency_with_overdue_and_due_soon(
    minimal_project: Path, run_sitegen: RunSitegen
) -> None:
    status, out, err = _review(run_sitegen, minimal_project, "--today", "2027-10-15")
    assert status == 0, err
    lines = out.splitlines()
    assert lines[0] == ("Page reviews on 2027-10-15 (DUE SOON: within 30 days), most urgent first:")
    rows = [line for line in lines if line.startswith(("OVERDUE", "DUE SOON", "ok"))]
    assert rows == [
        "OVERDUE   2027-05-01  (167 days ago)  2026-11-01     content_src/pages/faq.md",
        "DUE SOON  2027-11-01  (in 17 days)    2026-11-01     content_src/pages/overview.md",
        "DUE SOON  2027-11-01  (in 17 days)    2026-11-01     content_src/pages/compare.md",
        "DUE SOON  2027-11-01  (in 17 days)    2026-11-01     content_src/options/walking.yml",
        "DUE SOON  2027-11-01  (in 17 days)    2026-11-01     content_src/pages/glossary.md",
        "DUE SOON  2027-11-01  (in 17 days)    2026-11-01     content_src/pages/sources.md",
    ]
    assert "1 OVERDUE, 5 DUE SOON, 0 ok." in lines


@pytest.mark.parametrize(
    ("today", "status"),
    [
        ("2027-05-02", "OVERDUE"),  # a day late
        ("2027-05-01", "DUE SOON"),  # due today
        ("2027-04-01", "DUE SOON"),  # 30 days to go
        ("2027-03-31", "ok"),  # 31 days to go
    ],
)
def test_due_soon_means_within_30_days(
    today: str, status: str, minimal_project: Path, run_sitegen: RunSitegen
) -> None:
    _, out, _ = _review(run_sitegen, minimal_project, "--today", today, "--json")
    pages = {page["page"]: page for page in json.loads(out)["pages"]}
    assert pages["faq"]["status"] == status


def test_json_holds_the_same(minimal_project: Path, run_sitegen: RunSitegen) -> None:
    status, out, err = _review(run_sitegen, minimal_project, "--today", "2026-11-22", "--json")
    assert status == 0, err
    review = json.loads(out)
    assert review["today"] == "2026-11-22"
    assert review["due_soon_days"] == 30
    assert review["older_than_years"] == 10
    assert [page["page"] for page in review["pages"]] == [
        "faq",
        "overview",
        "compare",
        "walking",
        "glossary",
        "sources",
    ]
    assert review["pages"][0] == {
        "page": "faq",
        "path": "content_src/pages/faq.md",
        "title": "Questions",
        "reviewed_by": "editors",
        "last_reviewed": "2026-11-01",
        "next_review_due": "2027-05-01",
        "days_left": 160,
        "status": "ok",
        "clinical": "not signed",
        "signed_by": None,
        "signed_on": None,
    }
    assert review["old_sources"] == [
        {
            "id": "trial-2001",
            "path": "content_src/sources/trial-2001.yml",
            "title": "A small trial of a treatment",
            "year": 2001,
            "age_years": 25,
            "dated_by": "issued",
            "cited_on": [
                "content_src/pages/overview.md",
                "content_src/pages/compare.md",
                "content_src/options/walking.yml",
                "content_src/pages/faq.md",
            ],
        },
        {
            "id": "review-2011",
            "path": "content_src/sources/review-2011.yml",
            "title": "Injections for back pain",
            "year": 2011,
            "age_years": 15,
            "dated_by": "issued",
            "cited_on": [
                "content_src/pages/overview.md",
                "content_src/pages/compare.md",
                "content_src/options/walking.yml",
            ],
        },
    ]


def test_old_sources_in_text_and_older_than(minimal_project: Path, run_sitegen: RunSitegen) -> None:
    args = ("--today", "2026-11-22")
    _, out, _ = _review(run_sitegen, minimal_project, *args)
    assert "Sources more than 10 years old that pages still cite:" in out
    assert "  trial-2001 (2001, 25 years): A small trial of a treatment" in out
    assert (
        "    cited on: content_src/pages/overview.md, content_src/pages/compare.md,"
        " content_src/options/walking.yml, content_src/pages/faq.md" in out
    )
    _, out, _ = _review(run_sitegen, minimal_project, *args, "--older-than", "20")
    assert "trial-2001" in out and "review-2011" not in out
    _, out, _ = _review(run_sitegen, minimal_project, *args, "--older-than", "30")
    assert out.rstrip().endswith("Sources more than 30 years old that pages still cite:\n  none")


def test_undated_source_is_aged_by_its_updated_date(
    minimal_project: Path, run_sitegen: RunSitegen
) -> None:
    source = minimal_project / "content_src/sources/health-page.yml"
    source.write_text(
        source.read_text(encoding="utf-8").replace('updated: "2024-03"', 'updated: "2012-03"'),
        encoding="utf-8",
    )
    _, out, _ = _review(run_sitegen, minimal_project, "--today", "2026-11-22")
    assert "  health-page (2012, 14 years, by its updated date): Back pain" in out


def test_only_cited_old_sources_are_listed(minimal_project: Path) -> None:
    folder = minimal_project / "content_src"

    def old_sources() -> list[tuple[str, list[str]]]:
        content, _ = load_content(Project(folder.parent))
        assert content is not None
        review = review_content(content, date(2026, 11, 22), 10)
        return [(source.id, source.cited_on) for source in review.old_sources]

    def stop_citing(path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("trial-2001", "review-2011"), encoding="utf-8")

    for page in ("pages/faq.md", "pages/overview.md", "options/walking.yml"):
        stop_citing(folder / page)
    # Still shown on the overview, in its evidence box, icon array and timeline.
    assert old_sources() == [
        ("trial-2001", ["content_src/pages/overview.md"]),
        (
            "review-2011",
            [
                "content_src/pages/overview.md",
                "content_src/pages/compare.md",
                "content_src/options/walking.yml",
                "content_src/pages/faq.md",
            ],
        ),
    ]
    for data in ("evidence.yml", "figures.yml"):
        stop_citing(folder / data)
    assert [source_id for source_id, _ in old_sources()] == ["review-2011"]


def test_errors_are_reported_and_the_rest_is_reviewed(
    minimal_project: Path, run_sitegen: RunSitegen
) -> None:
    faq = minimal_project / "content_src/pages/faq.md"
    faq.write_text(
        faq.read_text(encoding="utf-8").replace("2026-11-01", "2026-13-01"), encoding="utf-8"
    )
    status, out, err = _review(run_sitegen, minimal_project, "--today", "2026-11-22")
    assert status == 1
    assert "content_src/pages/faq.md:4: 'last_reviewed': '2026-13-01' is not a real date" in err
    assert "files with errors (above) are left out of this review" in err
    assert "content_src/pages/overview.md" in out and "faq.md" not in out


def test_without_content(tmp_path: Path, run_sitegen: RunSitegen) -> None:
    status, out, err = _review(run_sitegen, tmp_path, "--today", "2026-11-22")
    assert status == 1
    assert "content_src:1: the content folder does not exist" in err
    assert out == ""


def test_older_than_must_be_a_number(minimal_project: Path, run_sitegen: RunSitegen) -> None:
    with pytest.raises(SystemExit):
        _review(run_sitegen, minimal_project, "--older-than", "ten")


def test_marking_a_page_reviewed_today_keeps_the_content_valid(
    tmp_path: Path, run_sitegen: RunSitegen
) -> None:
    """The most routine step: a maintainer reviews a page today and says so. The checks of
    the real content use the real date, so this passes on any day."""
    import shutil

    from conftest import ROOT, TODAY

    project = tmp_path / "project"
    shutil.copytree(ROOT / "content_src", project / "content_src")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    page = project / "content_src" / "pages" / "faq.md"
    text = page.read_text(encoding="utf-8")
    marked = re.sub(
        r"^last_reviewed: .*$", f"last_reviewed: {TODAY.isoformat()}", text, count=1, flags=re.M
    )
    assert marked != text or TODAY.isoformat() in text
    page.write_text(marked, encoding="utf-8")
    status, _, err = run_sitegen("generate", "--project", project)
    assert status == 0, err
    status, _, err = run_sitegen("check", "--project", project)
    assert status == 0, err
    assert f"Page last reviewed: {format_day(TODAY)}" in (project / "docs" / "faq.md").read_text(
        encoding="utf-8"
    )
