"""The preview reuses unchanged pages' HTML between builds, and builds the same site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import ROOT
from sitegen.commands.preview_builds import RenderedPages

pytestmark = pytest.mark.build

COPIED = ("docs", "overrides", "mkdocs.yml")


def _html(site: Path) -> dict[str, bytes]:
    """The site's pages and its search index."""
    found = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}
    found["search_index.json"] = (site / "search" / "search_index.json").read_bytes()
    return found


def _build(project: Path, site: Path, pages: RenderedPages | None = None) -> dict[str, bytes]:
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site), strict=False)
    if pages is None:
        build(config)
    else:
        with pages.reused_during_build():
            build(config)
    return _html(site)


def _copy(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        else:
            shutil.copy2(source, project / name)
    return project


def test_only_changed_pages_are_rendered_again_and_the_site_is_the_same(tmp_path: Path) -> None:
    project = _copy(tmp_path)
    pages = RenderedPages()
    first = _build(project, tmp_path / "preview", pages)
    assert pages.reused == 0
    faq = project / "docs" / "faq.md"
    faq.write_text(
        faq.read_text(encoding="utf-8").replace("# Questions people ask", "# Questions asked", 1),
        encoding="utf-8",
    )
    again = _build(project, tmp_path / "preview", pages)
    pages_count = len(list((project / "docs").rglob("*.md")))
    assert (pages.reused, pages.reused_entries) == (pages_count - 1, pages_count - 1)
    fresh = _build(project, tmp_path / "fresh")
    assert again == fresh
    # The edit shows on its page.
    assert again["faq/index.html"] != first["faq/index.html"]
    assert b"Questions asked" in again["faq/index.html"]
    # MkDocs' own functions are as they were after the build.
    from mkdocs.structure.pages import Page

    assert Page.render.__qualname__ == "Page.render"
    assert b"Questions asked" in again["search_index.json"]


def test_a_page_mkdocs_warned_about_warns_on_every_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = _copy(tmp_path)
    faq = project / "docs" / "faq.md"
    faq.write_text(faq.read_text(encoding="utf-8") + "\n[Gone](gone.md)\n", encoding="utf-8")
    pages = RenderedPages()
    for _ in range(2):
        caplog.clear()
        _build(project, tmp_path / "preview", pages)
        warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
        assert any("gone.md" in message for message in warned)
    assert pages.reused == len(list((project / "docs").rglob("*.md"))) - 1


def test_a_change_to_front_matter_alone_reindexes_the_page(tmp_path: Path) -> None:
    """The page's HTML is the same, and kept; its search boost, and so its entries, are new."""
    project = _copy(tmp_path)
    pages = RenderedPages()
    _build(project, tmp_path / "preview", pages)
    compare = project / "docs" / "compare.md"
    text = compare.read_text(encoding="utf-8")
    assert text.count("  boost: 1.5\n") == 1
    compare.write_text(text.replace("  boost: 1.5\n", "  boost: 7.25\n"), encoding="utf-8")
    again = _build(project, tmp_path / "preview", pages)
    pages_count = len(list((project / "docs").rglob("*.md")))
    assert (pages.reused, pages.reused_entries) == (pages_count, pages_count - 1)
    assert again == _build(project, tmp_path / "fresh")
    assert b'"boost":7.25' in again["search_index.json"]
