"""A visitor on a phone, 360 x 800 px, in Chromium: urgent help on the first screen, short
pages, citations that are easy to tap and open in place, and figures that keep their
meaning in both colour schemes."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.content.model import Content

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 800}
#: "About 8 screens": the longest a page may be at 360 x 800, its sources folded away.
MAX_SCREENS = 8.5
#: Pages whose first screen shows the "Get help now" box.
URGENT_FIRST = ("", "faq/", "questions/")


@pytest.fixture(scope="module")
def content(real_content: Content) -> Content:
    return real_content


def _path(output_name: str) -> str:
    stem = output_name.removesuffix(".md")
    return "" if stem == "index" else f"{stem}/"


@pytest.fixture(scope="module")
def phone(browser: object) -> object:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", URGENT_FIRST)
def test_get_help_now_is_on_the_first_screen(phone: object, any_site_url: str, path: str) -> None:
    from playwright.sync_api import Page

    assert isinstance(phone, Page)
    phone.goto(any_site_url + path)
    box = phone.locator(".urgent-summary").bounding_box()
    assert box is not None, path
    assert box["y"] + box["height"] <= PHONE["height"], (path, box)  # wholly on screen
    link = phone.locator(".urgent-summary a", has_text="All the warning signs")
    assert link.get_attribute("href") == ("" if path == "" else "../") + "urgent-help/"


def test_get_help_now_is_first_in_the_menu(phone: object, site_url: str) -> None:
    from playwright.sync_api import Page

    assert isinstance(phone, Page)
    phone.goto(site_url + "compare/")
    phone.locator("label.md-header__button[for='__drawer']").click()
    links = phone.locator(".md-sidebar--primary .md-nav__list .md-nav__link")
    names = [text.strip() for text in links.all_inner_texts() if text.strip()]
    assert names[:2] == ["Overview", "Get help now"], names[:4]


def test_no_page_is_longer_than_about_8_screens(
    phone: object, site_url: str, content: Content
) -> None:
    from playwright.sync_api import Page

    assert isinstance(phone, Page)
    long = {}
    for item in content.pages:
        phone.goto(site_url + _path(item.output_name))
        screens = phone.evaluate("document.documentElement.scrollHeight") / PHONE["height"]
        if screens > MAX_SCREENS:
            long[item.name] = round(screens, 1)
    assert not long, f"longer than {MAX_SCREENS} screens at 360 x 800: {long}"


def test_every_citation_is_a_24px_target_and_runs_are_one_marker(
    phone: object, site_url: str, content: Content
) -> None:
    from playwright.sync_api import Page

    assert isinstance(phone, Page)
    small, runs = {}, {}
    for item in content.pages:
        phone.goto(site_url + _path(item.output_name))
        sizes = phone.eval_on_selector_all(
            'article sup[id^="fnref"]:not([hidden]) > a, article .cite-group > a',
            "links => links.map(a => { const r = a.getBoundingClientRect();"
            " return [r.width, r.height]; })",
        )
        tiny = [size for size in sizes if size[0] < 24 or size[1] < 24]
        if tiny:
            small[item.name] = tiny[:3]
        # Two markers side by side would be one run, shown as one marker.
        adjacent = phone.evaluate(
            """() => [...document.querySelectorAll('article sup:not([hidden])')].filter(s => {
                 let n = s.nextSibling;
                 while (n && n.nodeType === 3 && !n.textContent.trim()) n = n.nextSibling;
                 return n && n.nodeName === 'SUP' && !n.hidden;
               }).length"""
        )
        if adjacent:
            runs[item.name] = adjacent
    assert not small, f"citation markers under 24 x 24 px: {small}"
    assert not runs, f"runs of citation markers not grouped: {runs}"


def test_a_citation_opens_its_references_in_place(phone: object, site_url: str) -> None:
    from playwright.sync_api import Page

    assert isinstance(phone, Page)
    phone.goto(site_url)
    marker = phone.locator("article .cite-group > a").first
    marker.scroll_into_view_if_needed()
    before = phone.evaluate("window.scrollY")
    marker.click()
    popover = phone.locator(".cite-popover")
    assert popover.count() == 1 and popover.is_visible()
    assert marker.get_attribute("aria-expanded") == "true"
    items = popover.locator("li")
    assert items.count() >= 2  # every source of the run, in full
    assert "doi.org" in popover.inner_html() or "http" in popover.inner_html()
    # It opens where the reader is, not at the foot of the page (thousands of px below).
    assert abs(phone.evaluate("window.scrollY") - before) < PHONE["height"]
    phone.keyboard.press("Escape")
    assert phone.locator(".cite-popover").count() == 0
    assert marker.get_attribute("aria-expanded") == "false"


def test_a_glossary_word_shows_its_meaning_in_place(phone: object, site_url: str) -> None:
    """Reachable by keyboard and touch: a link, with the meaning as its title; a tap or Enter
    shows the meaning under the paragraph, with a link to the glossary, which opens at the
    word."""
    from playwright.sync_api import Page

    assert isinstance(phone, Page)
    phone.goto(site_url)
    term = phone.locator("article a.term").first
    meaning = str(term.get_attribute("title"))
    href = str(term.get_attribute("href"))
    term.focus()
    phone.keyboard.press("Enter")
    popover = phone.locator(".term-popover")
    assert popover.is_visible() and meaning in popover.inner_text()
    assert phone.url.rstrip("/") == site_url.rstrip("/")  # still on the page
    popover.locator("a", has_text="More in the glossary").click()
    phone.wait_for_load_state()
    target = phone.locator(f"[id='{href.split('#')[1]}']")
    assert target.is_visible()  # its folded group opened


def _contrast(foreground: tuple[int, int, int], background: tuple[int, int, int]) -> float:
    def luminance(rgb: tuple[int, int, int]) -> float:
        channels = []
        for value in rgb:
            c = value / 255
            channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _rgb(css: str) -> tuple[int, int, int]:
    numbers = css[css.index("(") + 1 : css.index(")")].split(",")
    red, green, blue = (round(float(n)) for n in numbers[:3])
    return red, green, blue


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_figures_keep_3_to_1_and_the_filled_marks_strongest(
    browser: object, site_url: str, scheme: str
) -> None:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + "botox/")
    background = _rgb(page.evaluate("getComputedStyle(document.body).backgroundColor"))
    hit = _rgb(page.evaluate("getComputedStyle(document.querySelector('.icon-array__hit')).fill"))
    miss = _rgb(
        page.evaluate("getComputedStyle(document.querySelector('.icon-array__miss')).stroke")
    )
    context.close()
    assert _contrast(hit, background) >= 3, (scheme, hit, background)
    assert _contrast(miss, background) >= 3, (scheme, miss, background)
    assert _contrast(hit, background) > _contrast(miss, background), scheme


def test_tables_are_cards_on_a_phone(phone: object, site_url: str) -> None:
    from playwright.sync_api import Page

    assert isinstance(phone, Page)
    phone.goto(site_url + "botox/")
    table = phone.locator("article table").first
    assert table.count() == 1
    assert (
        phone.evaluate("getComputedStyle(document.querySelector('article table thead')).display")
        == "none"
    )
    cell = phone.locator("article table tbody td").nth(1)
    assert cell.get_attribute("data-label")  # says which column it came from
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]


def test_the_404_page_has_a_way_on(phone: object, site_url: str, built_site: Path) -> None:
    from playwright.sync_api import Page

    assert isinstance(phone, Page)
    phone.goto(site_url + "404.html")
    assert phone.locator("a", has_text="Get help now").count() >= 1
    assert phone.locator("a", has_text="home page").count() == 1
    assert phone.locator("label.md-header__button[for='__search']").count() == 1


def test_without_javascript_the_page_says_search_needs_it(browser: object, site_url: str) -> None:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "faq/")
    note = page.locator(".no-js-note")
    assert note.is_visible() and "Search needs JavaScript" in note.inner_text()
    assert page.locator("sup[id^='fnref'] a").first.get_attribute("href", timeout=2000)
    context.close()
