"""Evidence boxes, icon arrays and timelines drawn from data, and their checks."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from conftest import RunSitegen
from sitegen.checks.evidence import grade_wording_problem
from sitegen.content.origin import validate
from sitegen.content.schema import IconArray, Timeline
from sitegen.render.figures import icon_array, timeline


def _icon_array(per_100: list[int]) -> IconArray:
    return validate(
        IconArray,
        {
            "title": "Relief",
            "outcome": "had less pain",
            "groups": [{"label": f"with group {i}", "per_100": n} for i, n in enumerate(per_100)],
            "study_size": "31 people.",
            "limits": "Small.",
            "sources": ["a"],
        },
    )


def test_icon_array_draws_exactly_the_numbers() -> None:
    markdown = icon_array("relief", _icon_array([73, 25]), str)
    soup = BeautifulSoup(markdown.split("</figure>")[0], "html.parser")
    panels = soup.select("svg")

    def people(panel: Any, kind: str) -> int:
        """People drawn by the rectangles filled with the pattern of `kind` (22 px a cell)."""
        group = panel.select_one(f'g[fill$="-{kind})"]')
        return sum(
            int(rect["width"]) // 22 * (int(rect["height"]) // 22) for rect in group.select("rect")
        )

    assert [people(p, "hit") for p in panels] == [73, 25]
    assert [people(p, "miss") for p in panels] == [27, 75]
    assert all(len(panel.find_all(True)) < 20 for panel in panels)  # not 100 shapes each
    assert panels[0]["role"] == "img"
    assert panels[0]["aria-label"] == "73 out of 100 people with group 0"
    assert (
        "**In words:** Out of 100 people like those in the study, about 73 had less pain"
        " with group 0, and about 25 with group 1[^a]." in markdown
    )
    assert "**The study:** 31 people." in markdown
    assert "**Its limits:** Small." in markdown


def test_timeline_places_events_by_time_and_lists_them() -> None:
    figure = validate(
        Timeline,
        {
            "title": "After a shot",
            "unit": "weeks",
            "length": 12,
            "events": [
                {"label": "Starts", "from": 1, "to": 2, "text": "in 1 to 2 weeks"},
                {"label": "Strongest", "from": 6, "text": "at 6 weeks"},
            ],
            "sources": ["a"],
        },
    )
    markdown = timeline("after", figure, str)
    soup = BeautifulSoup(markdown.split("</figure>")[0], "html.parser")
    point = soup.select_one("circle.timeline__point")
    span = soup.select_one("rect.timeline__range")
    assert float(point["cy"]) - float(span["y"]) == pytest.approx(5 * 30)
    assert float(span["height"]) == pytest.approx(30)
    assert "- **Starts:** in 1 to 2 weeks." in markdown
    assert "- **Strongest:** at 6 weeks[^a]." in markdown


@pytest.mark.parametrize(
    ("claim", "certainty", "fits"),
    [
        ("Botox makes little or no difference to neck pain.", "high", True),
        ("Botox probably makes little or no difference.", "high", False),
        ("Exercise probably reduces pain.", "moderate", True),
        ("Exercise reduces pain.", "moderate", False),
        ("Botox may reduce pain for a few weeks.", "low", True),
        ("Botox reduces pain.", "low", False),
        ("We are very uncertain whether it helps.", "very low", True),
        ("It may help.", "very low", False),
    ],
)
def test_claims_must_use_the_words_of_their_certainty(
    claim: str, certainty: str, fits: bool
) -> None:
    assert (grade_wording_problem(claim, certainty) is None) is fits


def test_marker_and_evidence_mistakes_are_reported(
    minimal_project: Path, run_sitegen: RunSitegen
) -> None:
    overview = minimal_project / "content_src/pages/overview.md"
    text = overview.read_text(encoding="utf-8")
    text = text.replace("[[icon-array:trial-relief]]", "[[icon-array:trial-relif]]")
    text = text.replace("[[timeline:effect]]", "[[timelines:effect]]")
    overview.write_text(text, encoding="utf-8")
    evidence = minimal_project / "content_src/evidence.yml"
    text = evidence.read_text(encoding="utf-8").replace("may ease", "eases")
    evidence.write_text(text.replace("[trial-2001]", "[trial-2010]"), encoding="utf-8")
    status, _, err = run_sitegen("check", "--project", minimal_project, "--today", "2026-11-22")
    assert status == 1
    assert (
        "content_src/pages/overview.md:20: unknown icon-array 'trial-relif'"
        " (did you mean 'trial-relief'?)" in err
    )
    assert "content_src/pages/overview.md:24: '[[timelines:effect]]' is not a marker" in err
    assert "content_src/evidence.yml:2: a claim of low certainty should say 'may'" in err
    assert (
        "content_src/evidence.yml:6: unknown source 'trial-2010' (did you mean 'trial-2001'?)"
        in err
    )
    assert "Traceback" not in err


def test_glossary_page_defines_every_term(minimal_project: Path, run_sitegen: RunSitegen) -> None:
    run_sitegen("generate", "--project", minimal_project, "--today", "2026-11-22")
    page = (minimal_project / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert re.search(
        r"^ *chronic \{ #chronic \}\n *:   Lasting three months or longer\.$", page, re.M
    )
    assert re.search(r"^ *placebo \{ #placebo \}\n *:   A dummy treatment", page, re.M)
