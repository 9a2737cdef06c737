"""The built site's own safety: a strict Content-Security-Policy, external links that
leak nothing, and no request to any host but the site's own."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, checked_content


def _pages(built_site: Path) -> list[tuple[str, BeautifulSoup]]:
    return [
        (path.relative_to(built_site).as_posix(), BeautifulSoup(path.read_bytes(), "html.parser"))
        for path in sorted(built_site.rglob("*.html"))
    ]


def _policy(soup: BeautifulSoup) -> dict[str, list[str]]:
    meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta is not None
    directives = [part.split() for part in str(meta["content"]).split(";") if part.strip()]
    return {name: values for name, *values in directives}


def test_every_page_has_a_strict_content_security_policy(built_site: Path) -> None:
    for name, soup in _pages(built_site):
        policy = _policy(soup)
        assert policy["default-src"] == ["'self'"], name
        assert policy["object-src"] == ["'none'"], name
        assert "'unsafe-inline'" not in policy["script-src"], name
        assert all(v == "'self'" or v.startswith("'sha256-") for v in policy["script-src"])
        # The policy comes before any script, so it covers them all.
        head = str(soup.head)
        assert head.index("Content-Security-Policy") < head.index("<script")


def test_every_inline_script_is_allowed_by_its_hash(built_site: Path) -> None:
    for name, soup in _pages(built_site):
        allowed = set(_policy(soup)["script-src"])
        for script in soup.find_all("script"):
            if script.get("src"):
                assert not urlsplit(str(script["src"])).netloc, (name, script["src"])
                continue
            if script.get("type") in {"application/json", "application/ld+json"}:
                continue  # data, never run
            digest = hashlib.sha256((script.string or "").encode("utf-8")).digest()
            token = f"'sha256-{base64.b64encode(digest).decode()}'"
            assert token in allowed, f"{name}: inline script not in the policy: {token}"


def test_external_links_carry_noopener_noreferrer(built_site: Path) -> None:
    external = 0
    for name, soup in _pages(built_site):
        for link in soup.find_all("a", href=True):
            if urlsplit(str(link["href"])).scheme in {"http", "https"}:
                external += 1
                assert {"noopener", "noreferrer"} <= set(link.get("rel") or []), (name, link)
    assert external > 20  # the references link out to DOIs, PubMed and guidelines


@pytest.mark.browser
def test_pages_and_search_request_nothing_from_other_hosts(
    browser: object, any_site_url: str
) -> None:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    content = checked_content(ROOT)
    origin = urlsplit(any_site_url).netloc
    context = browser.new_context()
    requests: list[str] = []
    violations: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for item in content.pages:
        stem = item.output_name.removesuffix(".md")
        page.goto(any_site_url + ("" if stem == "index" else f"{stem}/"))
        page.wait_for_load_state("networkidle")
    if page.locator("button.md-search__button").count():  # Zensical's search
        page.locator("button.md-search__button").click()
        page.keyboard.type("insurance")
        page.wait_for_timeout(1000)
        page.wait_for_load_state("networkidle")
    else:
        search = page.locator("input.md-search__input")
        search.click()
        search.press_sequentially("insurance")
        page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
        page.locator(".md-search-result__item a").first.click()
        page.wait_for_load_state("networkidle")
    context.close()
    hosts = {urlsplit(url).netloc for url in requests if urlsplit(url).scheme in {"http", "https"}}
    assert len(requests) > len(content.pages)
    assert hosts == {origin}, sorted(hosts)
    assert not violations, violations


def test_the_built_site_passes_the_html_allowlist(built_site: Path) -> None:
    from sitegen.commands.check_site import site_problems
    from sitegen.content.layout import Project

    problems = [str(problem) for problem in site_problems(built_site, Project(ROOT))]
    assert not problems, problems


#: Content that is allowed, though it looks like an attack: it must reach the page as text.
_TRICKY = {
    "content_src/pages/faq.md": [
        ("title: Questions", "title: 'Questions & \"answers\" it''s fine'"),
        (
            "Short answers to common questions.",
            'Type `<script>window.pwned = 1</script>` or `<img src=x onerror="window.pwned=2">`'
            " as text. &lt;script&gt;window.pwned = 3&lt;/script&gt; is text too. See"
            ' [a site](https://example.net/page "its title") and'
            " [a JavaScript guide](https://example.net/javascript:guide).\n\n"
            "```html\n<script>window.pwned = 4</script>\n```",
        ),
    ],
    "content_src/sources/trial-2001.yml": [
        (
            "note: Thirty people; the treatment helped more than a dummy one.",
            'note: "Thirty *people* [(overview.md)](overview.md); A&E; it helped."',
        ),
    ],
    "content_src/glossary.yml": [
        (
            "definition: A dummy treatment with no active medicine in it.",
            "definition: 'A \"dummy\" <em>treatment</em> &amp; nothing in it.'",
        ),
    ],
}


@pytest.mark.browser
@pytest.mark.build
def test_allowed_but_tricky_content_is_only_text_in_the_browser(
    browser: object, tmp_path: Path
) -> None:
    """Code, entities, quotes and links that look like attacks: the site builds, passes the
    allowlist, loads nothing from other hosts and runs none of it."""
    import functools
    import http.server
    import shutil
    import threading

    from playwright.sync_api import Browser

    from conftest import FIXTURES, run_in_process
    from site_build import build_site, themed_fixture
    from sitegen.commands.check_site import site_problems
    from sitegen.content.layout import Project

    assert isinstance(browser, Browser)
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    themed_fixture(project, ROOT)
    for file, edits in _TRICKY.items():
        path = project / file
        text = path.read_text(encoding="utf-8")
        for old, new in edits:
            assert old in text, old
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    glossary_definition = (project / "content_src/glossary.yml").read_text(encoding="utf-8")
    assert "<em>" in glossary_definition
    status, err = run_in_process("generate", "--project", str(project), "--today", "2026-11-22")
    assert status == 1 and "'definition' is plain text" in err  # < > refused in plain text
    text = glossary_definition.replace("<em>treatment</em>", "treatment")
    (project / "content_src/glossary.yml").write_text(text, encoding="utf-8")
    status, err = run_in_process("generate", "--project", str(project), "--today", "2026-11-22")
    assert status == 0, err
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    assert not [str(p) for p in site_problems(site, Project(project))]

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"127.0.0.1:{server.server_address[1]}"
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    try:
        for path in ("", "faq/", "sources/", "glossary/"):
            page.goto(f"http://{origin}/{path}")
            page.wait_for_load_state("networkidle")
            assert page.evaluate("typeof window.pwned") == "undefined", path
        page.goto(f"http://{origin}/faq/")
        body = page.locator("article").inner_text()
        assert "<script>window.pwned = 1</script>" in body
        assert "<script>window.pwned = 3</script>" in body
        assert page.title().startswith('Questions & "answers" it\'s')
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    hosts = {urlsplit(url).netloc for url in requests if urlsplit(url).scheme in {"http", "https"}}
    assert hosts == {origin}, sorted(hosts)
