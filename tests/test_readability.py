"""Readability scoring: body text only, offline, with a limit from the site settings."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from conftest import RunSitegen
from sitegen.readability import prose, score_text


def test_only_prose_is_scored() -> None:
    text = prose(
        "## A heading that is not scored\n\n"
        "A short line [@foster-2001].\n\n"
        "| Table | cells |\n| --- | --- |\n| are not | scored |\n\n"
        "- A list item\n\n"
        '!!! info "Box title"\n\n    Box text counts.\n'
    )
    assert text.splitlines() == ["A short line .", "A list item.", "Box text counts."]


def test_scoring_needs_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    easy = score_text("p", "We read this. It is short. The words are small.")
    hard = score_text(
        "p",
        "Onabotulinumtoxin A administration demonstrated statistically significant"
        " improvements in musculoskeletal symptomatology, notwithstanding methodological"
        " limitations characterising the investigations.",
    )
    assert easy.grade < 3 < 8 < hard.grade
    assert easy.ease > 80 > hard.ease
    assert easy.words == 10


def test_check_prints_the_table_and_fails_above_the_limit(
    minimal_project: Path, run_sitegen: RunSitegen
) -> None:
    args = ("check", "--project", minimal_project, "--today", "2026-11-22")
    status, out, _ = run_sitegen(*args)
    assert status == 0
    assert "content_src/pages/overview.md" in out.split("Readability")[1]
    settings = minimal_project / "content_src/site.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "readability_max_grade: 1\n", encoding="utf-8"
    )
    status, out, err = run_sitegen(*args)
    assert status == 1
    assert "content_src/pages/overview.md:1: reads at grade" in err
    assert "above the limit of 1" in err
    assert "above the limit" in out


def test_scores_equal_textstats_own(real_content: object) -> None:
    """The faster syllable lookup gives the scores textstat itself gives."""
    import textstat  # type: ignore[import-untyped]

    from sitegen.model import Content
    from sitegen.readability import page_prose

    assert isinstance(real_content, Content)
    for page in real_content.pages:
        text = page_prose(page, real_content)
        ours = score_text(page.path, text)
        assert ours.grade == pytest.approx(textstat.flesch_kincaid_grade(text), abs=0.051)
        assert ours.ease == pytest.approx(textstat.flesch_reading_ease(text), abs=0.051)
