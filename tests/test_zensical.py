"""The same docs/ and mkdocs.yml build with Zensical: every page, its dates, sources, search."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, checked_content
from site_build import page_html
from sitegen.content.fields import format_day
from sitegen.content.layout import PAGES_WITHOUT_CLAIMS
from sitegen.content.model import Content

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def content() -> Content:
    return checked_content(ROOT)


def _nav_files() -> list[str]:
    """The files of mkdocs.yml's nav, in order, inside sections too."""

    def files(items: list[dict[str, object]]) -> list[str]:
        found: list[str] = []
        for item in items:
            for value in item.values():
                found += files(value) if isinstance(value, list) else [str(value)]
        return found

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return files(config["nav"])


def test_build_leaves_the_project_alone(zensical_site: Path) -> None:
    """Zensical keeps a cache next to its config: in its own copy, not in .cache/ here."""
    cache = ROOT / ".cache"
    assert not cache.exists() or [p.name for p in cache.iterdir()] == ["sitegen"]
    assert (zensical_site / "index.html").is_file()


def test_every_page_of_the_nav_is_built(content: Content, zensical_site: Path) -> None:
    assert _nav_files() == [page.output_name for page in content.pages]
    for page in content.pages:
        html = page_html(zensical_site, page.output_name)
        heading = " ".join(html.find("h1").get_text("").replace("¶", "").split())
        assert heading == page.meta.title, page.name


def test_every_page_shows_its_review_dates(content: Content, zensical_site: Path) -> None:
    for page in content.pages:
        text = page_html(zensical_site, page.output_name).get_text(" ", strip=True)
        expected = (
            f"Page last reviewed: {format_day(page.meta.last_reviewed)} ·"
            f" Next review due: {format_day(page.next_review_due)}"
        )
        assert expected in text, page.name


def test_every_page_lists_its_sources(content: Content, zensical_site: Path) -> None:
    for page in content.pages:
        if page.name in PAGES_WITHOUT_CLAIMS:
            continue
        html = page_html(zensical_site, page.output_name)
        heading = html.find(id="sources-for-this-page")
        assert heading is not None and heading.name == "h2", page.name
        assert "Sources for this page" in heading.get_text()
        cited = set(content.cited_keys(page))
        listed = {item["id"].removeprefix("fn:") for item in html.select("li[id^='fn:']")}
        assert listed == cited, page.name


def test_search_index_covers_every_page(content: Content, zensical_site: Path) -> None:
    index = json.loads((zensical_site / "search.json").read_text(encoding="utf-8"))
    items = index["items"]
    locations = {item["location"].split("#")[0] for item in items}
    for page in content.pages:
        stem = page.output_name.removesuffix(".md")
        location = "" if stem == "index" else f"{stem}/"
        assert location in locations, page.name
        titles = [item["title"] for item in items if item["location"] == location]
        assert page.meta.title in titles, page.name


def test_nothing_is_loaded_from_another_host(zensical_site: Path) -> None:
    loading = (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"))
    for path in sorted(zensical_site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in loading:
            for element in soup.find_all(tag):
                url = str(element.get(attr) or "")
                assert not url.startswith(("http:", "https:", "//")), (path, url)
