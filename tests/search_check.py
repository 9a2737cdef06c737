"""Typing visitors' queries into the real search box and reading the ranked results."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import Page

QUERIES = Path(__file__).with_name("search_queries.yml")


@dataclass(frozen=True)
class SearchResult:
    query: str
    answers: list[str]
    top: list[list[str]]  # for each of the first results, its page and section links

    def rank(self) -> int | None:
        """1-based rank of the first result that holds an answer, or None."""
        for position, links in enumerate(self.top, start=1):
            if any(_matches(link, answer) for link in links for answer in self.answers):
                return position
        return None


def _normalise(path: str) -> str:
    return "" if path in {"index/", "/"} else path.lstrip("/")


def _matches(link: str, answer: str) -> bool:
    page, _, section = answer.partition("#")
    parts = urlsplit(link)
    if _normalise(parts.path) != _normalise(page):
        return False
    return not section or parts.fragment == section


def load_queries() -> list[dict[str, object]]:
    with QUERIES.open(encoding="utf-8") as handle:
        loaded: list[dict[str, object]] = yaml.safe_load(handle)
    return loaded


def _wait_until_results_settle(page: Page) -> None:
    """Results update as the visitor types: wait until they stop changing."""
    snapshot = "document.querySelector('.md-search-result')?.innerText ?? ''"
    previous, stable = None, 0
    for _ in range(100):
        page.wait_for_timeout(100)
        current = page.evaluate(snapshot)
        ready = current and "Initializing" not in current and "Type to start" not in current
        stable = stable + 1 if ready and current == previous else 0
        if stable >= 3:
            return
        previous = current
    raise AssertionError("search results did not settle")


def search(page: Page, query: str, answers: list[str], limit: int = 3) -> SearchResult:
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query)
    _wait_until_results_settle(page)
    items = page.locator("li.md-search-result__item")
    top = []
    for index in range(min(limit, items.count())):
        anchors = items.nth(index).locator("a")
        top.append(
            [
                urlsplit(anchors.nth(i).get_attribute("href") or "").path
                + "#"
                + urlsplit(anchors.nth(i).get_attribute("href") or "").fragment
                for i in range(anchors.count())
            ]
        )
    return SearchResult(query, answers, top)
