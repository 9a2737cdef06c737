"""The built site in a real browser: Debian's Chromium, driven by Playwright."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_search_for_cost_finds_the_cost_section(browser: object, site_url: str) -> None:
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url)
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("cost")
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible(timeout=10_000)
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    # Result links carry the search term for highlighting: /considerations/?h=cost#cost-...
    assert any("/considerations/" in href and "#cost" in href for href in hrefs), hrefs
    page.close()
