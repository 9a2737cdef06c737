"""The built site: every page with its dates, footnotes, sources and disclaimer; search."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from site_build import page_html
from sitegen.content.fields import format_day
from sitegen.content.layout import PAGES_WITHOUT_CLAIMS
from sitegen.content.model import Content


@pytest.fixture(scope="module")
def content(real_content: Content) -> Content:
    return real_content


def test_every_page_is_built_with_its_review_dates(content: Content, built_site: Path) -> None:
    for page in content.pages:
        html = page_html(built_site, page.output_name)
        text = html.get_text(" ", strip=True)
        heading = " ".join(html.find("h1").get_text("").replace("¶", "").split())
        assert heading == page.meta.title
        expected = (
            f"Page last reviewed: {format_day(page.meta.last_reviewed)} ·"
            f" Next review due: {format_day(page.next_review_due)}"
        )
        assert expected in text, page.name
        assert content.settings.disclaimer.split(".")[0] in text, page.name
        meta = html.find("meta", attrs={"name": "description"})
        assert meta is not None and meta["content"] == page.meta.description


def test_footnotes_resolve_to_full_references(content: Content, built_site: Path) -> None:
    for page in content.pages:
        html = page_html(built_site, page.output_name)
        refs = html.select("a.footnote-ref")
        if page.name in PAGES_WITHOUT_CLAIMS:
            continue
        assert refs, f"{page.name} has no citations"
        heading = html.find(id="sources-for-this-page")
        assert heading is not None and heading.name == "h2"
        for ref in refs:
            target = html.find(id=ref["href"].removeprefix("#"))
            assert target is not None and target.name == "li", ref
            source_id = target["id"].removeprefix("fn:")
            source = content.sources[source_id]
            assert source.title.rstrip(".")[:40] in target.get_text(), source_id
            assert target.find("a", href=f"../sources/#{source_id}") or target.find(
                "a", href=f"sources/#{source_id}"
            )


def test_sources_page_lists_every_source_with_backlinks(content: Content, built_site: Path) -> None:
    html = page_html(built_site, "sources.md")
    for source_id, source in content.sources.items():
        entry = html.find(id=source_id)
        assert entry is not None and entry.name == "h3", source_id
        details = entry.find_next("ul").get_text(" ", strip=True)
        assert f"Kind of source: {source.kind}" in details
        assert "We last checked it:" in details
        assert "Cited on:" in details


def test_glossary_terms_link_to_their_meaning_at_first_use_only(
    content: Content, built_site: Path
) -> None:
    """Each term is linked once a page, in its text (never in a heading or a reference), to
    its entry on the Glossary page, with its meaning as the link's tooltip."""
    definitions = {entry.term.lower(): entry.definition for entry in content.glossary}
    glossary = page_html(built_site, "glossary.md")
    anchors = {str(dt.get("id")) for dt in glossary.find_all("dt")}
    linked_pages = 0
    for page in content.pages:
        html = page_html(built_site, page.output_name)
        terms = html.select("article a.term")
        words = [a.get_text().lower() for a in terms]
        assert len(words) == len(set(words)), (page.name, words)  # first use only
        for link in terms:
            assert link["title"] == definitions[link.get_text().lower()]
            assert str(link["href"]).split("#")[1] in anchors
            assert not link.find_parent(["h1", "h2", "h3", "h4", "sup", "summary"])
            assert not link.find_parent(class_="footnote")
        assert not html.find("abbr"), page.name
        linked_pages += bool(terms)
    assert linked_pages > len(content.pages) // 2


def test_search_index_covers_every_page(content: Content, built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    for page in content.pages:
        stem = page.output_name.removesuffix(".md")
        assert ("" if stem == "index" else f"{stem}/") in locations, page.name


def test_nothing_is_loaded_from_another_host(built_site: Path) -> None:
    loading = (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"))
    for path in sorted(built_site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in loading:
            for element in soup.find_all(tag):
                url = str(element.get(attr) or "")
                assert not url.startswith(("http:", "https:", "//")), (path, url)


def test_no_page_shows_a_placeholder_address_or_link(built_site: Path) -> None:
    """Until a publisher gives real ones, the site shows no made-up address or repository."""
    placeholder = re.compile(r"[\w.-]+\.(example|invalid|test)\b|example\.(com|org|net)", re.I)
    for path in sorted(built_site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        text = soup.get_text(" ")
        links = [str(a.get("href") or "") for a in soup.find_all("a")]
        assert not placeholder.search(text), (path, placeholder.search(text))
        assert not [link for link in links if placeholder.search(link)], path
        assert soup.find("a", rel="edit") is None, path  # no repository given yet
