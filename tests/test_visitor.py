"""The visitor's experience in a real browser: accessible, findable, printable, light.

Everything runs in Debian's Chromium against the built site served on localhost.
"""

from __future__ import annotations

import gzip
import io
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python
import pytest
from bs4 import BeautifulSoup

from search_check import load_queries, search
from site_build import page_html
from sitegen.content.faq import split_faq
from sitegen.content.fields import format_day
from sitegen.content.model import Content
from sitegen.htmltext import html_to_text, markdown_to_html

pytestmark = pytest.mark.browser

AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
#: WCAG 2.2 A and AA, and axe's best practices (landmarks, headings, dialog names...).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PAGE_BUDGET_BYTES = 100_000
#: The Sources page lists every source in full, and grows with them: a reference page that
#: few visitors open on a phone (each page's own sources are at its foot). Its budget is
#: larger, and bench/weight.py reports how close it is.
REFERENCE_BUDGET_BYTES = {"sources": 150_000}


@pytest.fixture(scope="module")
def content(real_content: Content) -> Content:
    return real_content


def _url(site_url: str, output_name: str) -> str:
    stem = output_name.removesuffix(".md")
    return site_url + ("" if stem == "index" else f"{stem}/")


def _axe(page: object) -> list[dict[str, object]]:
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    page.add_script_tag(content=AXE_SCRIPT)
    violations: list[dict[str, object]] = page.evaluate(
        """async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))
            .violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}))""",
        WCAG_TAGS,
    )
    return violations


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
def test_no_axe_violations(
    browser: object, any_site_url: str, site_url: str, content: Content, scheme: str, width: int
) -> None:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, bypass_csp=True
    )
    page = context.new_page()
    found = {}
    for item in content.pages:
        page.goto(_url(any_site_url, item.output_name))
        page.wait_for_load_state("networkidle")
        violations = _axe(page)
        if violations:
            found[item.name] = violations
    # With the search dialog open and showing results (Material for MkDocs: Zensical's
    # search is another component, which these tests do not drive; see the README).
    if any_site_url != site_url:
        context.close()
        assert not found, json.dumps(found, indent=1)
        return
    page.goto(any_site_url)
    if width < 960:
        page.locator(".md-header__button[for='__search']").click()
    search_box = page.locator("input.md-search__input")
    search_box.click()
    search_box.press_sequentially("cost")
    page.locator(".md-search-result__item").first.wait_for(state="attached")
    page.wait_for_timeout(500)
    violations = _axe(page)
    if violations:
        found["search dialog"] = violations
    context.close()
    assert not found, json.dumps(found, indent=1)


def test_keyboard_alone_finds_and_follows_a_search_result(browser: object, site_url: str) -> None:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + "considerations/")
    page.keyboard.press("Tab")
    skip = page.evaluate(
        "document.activeElement.className + '|' + document.activeElement.textContent"
    )
    assert "md-skip" in skip and "Skip to content" in skip
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("/")  # the theme's shortcut to open search
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    page.keyboard.type("insurance")
    page.locator(".md-search-result__item").first.wait_for()  # shown, not only present
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.getAttribute('href') || ''")
    answers = next(q["answers"] for q in load_queries() if q["query"] == "insurance")
    assert isinstance(answers, list)
    assert any(urlsplit(focused).path.rstrip("/").endswith(a.split("/#")[0]) for a in answers)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.startswith(focused.split("#")[0]))
    page.close()


@pytest.mark.parametrize("text_size", ["100%", "200%"])
def test_no_page_scrolls_sideways_at_360px(
    browser: object, site_url: str, content: Content, text_size: str
) -> None:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    page = browser.new_page(viewport={"width": 360, "height": 800})
    wide = {}
    for item in content.pages:
        page.goto(_url(site_url, item.output_name))
        page.evaluate(f"document.documentElement.style.fontSize = '{text_size}'")
        page.wait_for_timeout(100)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            wide[item.name] = overflow
    page.close()
    assert not wide, f"pages wider than the screen (px): {wide}"


def test_visitors_queries_find_their_answer_in_the_top_3(browser: object, site_url: str) -> None:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url)
    queries = load_queries()
    assert len(queries) >= 30
    results = [search(page, str(q["query"]), list(q["answers"])) for q in queries]  # type: ignore[call-overload]
    page.close()
    missed = {r.query: r.top for r in results if r.rank() is None}
    top1 = sum(1 for r in results if r.rank() == 1)
    summary = f"top 3: {len(results) - len(missed)}/{len(results)}, top 1: {top1}/{len(results)}"
    assert not missed, f"{summary}; missed: {json.dumps(missed, indent=1)}"


def _pdf(browser: object, url: str, paper: str = "A4") -> tuple[int, str]:
    from playwright.sync_api import Browser
    from pypdf import PdfReader

    assert isinstance(browser, Browser)
    page = browser.new_page()
    page.goto(url)
    page.emulate_media(media="print")
    data = page.pdf(format=paper, print_background=False)
    page.close()
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


def test_print_keeps_sources_dates_and_link_targets(
    browser: object, site_url: str, content: Content
) -> None:
    for name in ("considerations.md", "faq.md"):
        item = next(p for p in content.pages if p.output_name == name)
        _, text = _pdf(browser, _url(site_url, name))
        flat = " ".join(text.split())
        assert "Sources for this page" in flat
        assert f"Page last reviewed: {format_day(item.meta.last_reviewed)}" in flat
        assert "https://doi.org/" in flat.replace(" ", "")  # link targets are printed
        assert "Search" not in flat.split(item.meta.title)[0]  # no header or search box


def test_questions_to_ask_fit_on_one_printed_page(browser: object, site_url: str) -> None:
    """On A4 and on US Letter, in type of 10 pt or more, with its writing lines."""
    from playwright.sync_api import Browser

    for paper in ("A4", "Letter"):
        pages, text = _pdf(browser, site_url + "questions/", paper)
        assert pages == 1, f"{pages} pages on {paper}"
        assert "Page last reviewed" in text
    assert isinstance(browser, Browser)
    page = browser.new_page()
    page.goto(site_url + "questions/")
    page.emulate_media(media="print")
    sizes = page.eval_on_selector_all(
        "article li, article p",
        "items => items.filter(i => !i.closest('.footnote, .admonition, .page-review'))"
        "  .map(i => parseFloat(getComputedStyle(i).fontSize))",
    )
    assert min(sizes) >= 13.3, min(sizes)  # 10 pt is 13.33 CSS pixels
    lines = page.eval_on_selector(".write-in", "e => getComputedStyle(e).borderBottomStyle")
    assert lines == "solid"  # drawn with a border, which prints (a background would not)
    page.close()


def _json_ld(html: BeautifulSoup) -> list[dict[str, object]]:
    script = html.find("script", attrs={"type": "application/ld+json"})
    assert script is not None
    data = json.loads(script.string or "")
    return data if isinstance(data, list) else [data]


def test_structured_data_equals_what_each_page_shows(content: Content, built_site: Path) -> None:
    for item in content.pages:
        html = page_html(built_site, item.output_name)
        shown = " ".join(html.get_text(" ").split())
        page_data = next(d for d in _json_ld(html) if d["@type"] == "MedicalWebPage")
        reviewed = format_day(item.meta.last_reviewed)
        assert page_data["lastReviewed"] == item.meta.last_reviewed.isoformat()
        assert f"Page last reviewed: {reviewed}" in shown
        reviewer = page_data["reviewedBy"]
        assert isinstance(reviewer, dict)
        assert f"reviewed by: {reviewer['name']}".lower() in shown.lower()
        assert page_data["audience"] == {"@type": "MedicalAudience", "audienceType": "Patient"}
        assert page_data["about"]
        assert page_data["name"] == item.meta.title
        og = {m["property"]: m["content"] for m in html.find_all("meta", property=True)}
        assert og["og:title"] == item.meta.title
        assert og["og:description"] == item.meta.description
        assert html.find("meta", attrs={"name": "description"})["content"] == item.meta.description


def _visible_answers(html: BeautifulSoup) -> dict[str, str]:
    answers = {}
    for heading in html.select("article h2"):
        question = heading.get_text(" ", strip=True).removesuffix("¶").strip()
        parts = []
        for sibling in heading.find_next_siblings():
            if sibling.name in {"h2", "div"} and (
                sibling.name == "h2" or "footnote" in (sibling.get("class") or [])
            ):
                break
            for ref in sibling.select("sup"):
                ref.decompose()
            parts.append(sibling.get_text(""))
        answers[question] = " ".join(" ".join(parts).split())
    return answers


def _normal(text: str) -> str:
    return re.sub(r"\s+([.,;:!?)])", r"\1", " ".join(text.split()))


def test_faq_structured_data_matches_the_visible_faq_word_for_word(
    content: Content, built_site: Path
) -> None:
    faq = next(p for p in content.pages if p.name == "faq")
    html = page_html(built_site, faq.output_name)
    data = next(d for d in _json_ld(html) if d["@type"] == "FAQPage")
    entities = data["mainEntity"]
    assert isinstance(entities, list)
    _, entries = split_faq(faq.body)
    assert [e["name"] for e in entities] == [entry.question for entry in entries]
    visible = _visible_answers(html)
    for entity in entities:
        shown = visible[entity["name"]]
        assert _normal(entity["acceptedAnswer"]["text"]) == _normal(shown), entity["name"]
    assert (
        html_to_text(markdown_to_html("**Bold** [link](x.md) A&amp;E&nbsp;.")) == "Bold link A&E."
    )
    assert html_to_text(markdown_to_html("*Neurology*. 2001.")) == "Neurology. 2001."


def test_first_view_of_each_page_is_under_100_kb(
    browser: object, site_url: str, content: Content
) -> None:
    from playwright.sync_api import Browser, Response

    assert isinstance(browser, Browser)
    weights = {}
    for item in content.pages:
        context = browser.new_context()
        page = context.new_page()
        loaded: list[Response] = []
        page.on("response", lambda response, seen=loaded: seen.append(response))
        page.goto(_url(site_url, item.output_name))
        page.wait_for_load_state("networkidle")
        urls = [r.url for r in loaded]
        assert not any(u.endswith("search_index.json") for u in urls), "index loaded early"
        weights[item.name] = sum(len(gzip.compress(r.body(), 6)) for r in loaded if r.ok)
        context.close()
    heavy = {
        name: size
        for name, size in weights.items()
        if size > REFERENCE_BUDGET_BYTES.get(name, PAGE_BUDGET_BYTES)
    }
    assert not heavy, f"over budget (bytes compressed): {heavy}"
