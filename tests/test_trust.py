"""Trust: people, clinical sign-off tied to the text, the feedback route and the publish gate.

The fixture project is a complete publication with made-up people; the real content names
no person and must fail the publish gate, saying what a publisher has to supply."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from conftest import FIXTURE_TODAY, ROOT, RunSitegen

SIGNED = "Clinical review: Clinically reviewed by Sam Fixture, MB ChB, FRCA on 22 November 2026."
NOT_SIGNED = "Clinical review: No clinician has reviewed this page yet."


@pytest.fixture
def publication(minimal_project: Path) -> Path:
    """The fixture project with a writer named on every page: a complete publication."""
    content = minimal_project / "content_src"
    for path in [*content.glob("pages/*.md"), content / "options" / "walking.yml"]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("reviewed_by: editors\n", WRITER, 1), encoding="utf-8")
    return minimal_project


WRITER = "reviewed_by: editors\nwritten_by: editors\n"


def _generate(project: Path, run_sitegen: RunSitegen) -> None:
    status, _, err = run_sitegen("generate", "--project", project, "--today", FIXTURE_TODAY)
    assert status == 0, err


def _structured(page: str) -> dict[str, object]:
    """The page's structured data, which MkDocs puts in the page's head."""
    front = yaml.safe_load(page.split("---\n")[1])
    data: dict[str, object] = json.loads(front["json_ld"])
    return data


def test_every_page_names_its_writer_reviewer_and_sign_off(
    publication: Path, run_sitegen: RunSitegen
) -> None:
    _generate(publication, run_sitegen)
    docs = publication / "docs"
    for path in sorted(docs.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert "Written and reviewed by: The test editors" in text, path
        assert (SIGNED if path.name == "index.md" else NOT_SIGNED) in text, path
        assert "Funding: a grant from the Fixture Health Trust" in text, path
        assert (
            "[Edit this page](https://github.com/fixture-health/guide/edit/main/content_src/"
            in (text)
        )
    overview = (docs / "index.md").read_text(encoding="utf-8")
    data = _structured(overview)
    assert data["author"] == {"@type": "Organization", "name": "The test editors"}
    assert data["reviewedBy"] == {
        "@type": "Person",
        "name": "Sam Fixture",
        "honorificSuffix": "MB ChB, FRCA",
    }
    assert data["lastReviewed"] == "2026-11-01"
    assert "Evidence searched up to: October 2026<br>" in (docs / "walking.md").read_text("utf-8")


def test_editing_a_signed_page_says_it_changed_since_its_review(
    publication: Path, run_sitegen: RunSitegen
) -> None:
    page = publication / "content_src" / "pages" / "overview.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("helped more than", "helped a bit more than"),
        encoding="utf-8",
    )
    _generate(publication, run_sitegen)
    overview = (publication / "docs" / "index.md").read_text(encoding="utf-8")
    assert SIGNED not in overview
    assert (
        "This page has changed since its clinical review by Sam Fixture, MB ChB, FRCA on"
        " 22 November 2026" in overview
    )
    assert _structured(overview)["reviewedBy"] == {
        "@type": "Organization",
        "name": "The test editors",
    }
    status, out, _ = run_sitegen("review", "--project", publication, "--today", FIXTURE_TODAY)
    assert status == 0
    changed = out.split("Pages changed since their clinical sign-off")[1]
    assert "content_src/pages/overview.md (signed by sam-fixture on 2026-11-22)" in changed
    assert "0 pages signed off as they stand; 5 never signed off." in changed

    # Signing it again shows the sign-off again, dated the day of the new review.
    status, out, err = run_sitegen(
        "sign-off", "overview", "--by", "sam-fixture", "--project", publication,
        "--today", "2026-11-23",
    )  # fmt: skip
    assert status == 0, err
    assert "Sam Fixture signed off content_src/pages/overview.md on 2026-11-23" in out
    status, _, err = run_sitegen("generate", "--project", publication, "--today", "2026-11-23")
    assert status == 0, err
    overview = (publication / "docs" / "index.md").read_text(encoding="utf-8")
    assert "Clinically reviewed by Sam Fixture, MB ChB, FRCA on 23 November 2026." in overview


def test_a_review_date_change_keeps_the_sign_off(
    publication: Path, run_sitegen: RunSitegen
) -> None:
    page = publication / "content_src" / "pages" / "overview.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("last_reviewed: 2026-11-01", "last_reviewed: 2026-11-20"), "utf-8")
    _generate(publication, run_sitegen)
    assert SIGNED in (publication / "docs" / "index.md").read_text(encoding="utf-8")


def test_changing_the_data_a_page_draws_undoes_its_sign_off(
    publication: Path, run_sitegen: RunSitegen
) -> None:
    evidence = publication / "content_src" / "evidence.yml"
    text = evidence.read_text(encoding="utf-8")
    evidence.write_text(text.replace("One small trial with 30 people", "One trial", 1), "utf-8")
    assert evidence.read_text(encoding="utf-8") != text
    _generate(publication, run_sitegen)
    assert SIGNED not in (publication / "docs" / "index.md").read_text(encoding="utf-8")


def test_only_a_clinician_in_people_yml_signs_a_page_off(
    publication: Path, run_sitegen: RunSitegen
) -> None:
    signoffs = publication / "content_src" / "signoffs.yml"
    before = signoffs.read_bytes()
    for page, person, message in (
        (
            "faq",
            "editors",
            "The test editors is not a clinician in people.yml (kind: person, clinician: true)",
        ),
        ("faq", "sam-fixtur", "'sam-fixtur' is not one of the people in people.yml"),
        ("overviw", "sam-fixture", "there is no page 'overviw' (did you mean 'overview'?)"),
    ):
        status, out, _ = run_sitegen(
            "sign-off", page, "--by", person, "--project", publication, "--today", FIXTURE_TODAY
        )
        assert status == 1
        assert message in out and "nothing was signed" in out
    assert signoffs.read_bytes() == before


def test_a_sign_off_by_someone_who_is_not_a_clinician_is_an_error(
    publication: Path, run_sitegen: RunSitegen
) -> None:
    signoffs = publication / "content_src" / "signoffs.yml"
    signoffs.write_text(
        signoffs.read_text(encoding="utf-8").replace("by: sam-fixture", "by: editors"), "utf-8"
    )
    status, _, err = run_sitegen("check", "--project", publication, "--today", FIXTURE_TODAY)
    assert status == 1
    assert (
        "content_src/signoffs.yml:6: The test editors is not a clinician in people.yml"
        " (kind: person, clinician: true): only a clinician signs a page off"
    ) in err


def test_report_a_problem_opens_a_filled_in_issue_about_the_page(
    publication: Path, run_sitegen: RunSitegen
) -> None:
    _generate(publication, run_sitegen)
    text = (publication / "docs" / "faq.md").read_text(encoding="utf-8")
    found = re.search(r"\[Report a problem with this page\]\(([^)\s]+)\)", text)
    assert found
    url = urlsplit(found.group(1))
    assert f"{url.scheme}://{url.netloc}{url.path}" == (
        "https://github.com/fixture-health/guide/issues/new"
    )
    query = parse_qs(url.query)
    assert query["title"] == ["A problem with the page: Questions"]
    assert query["body"][0].startswith(
        "Page: Questions\nAddress: https://guide.fixture-health.org/faq/\n"
        "Last reviewed: 1 November 2026\n"
    )


def test_the_publish_gate_passes_for_a_complete_publication(
    publication: Path, run_sitegen: RunSitegen
) -> None:
    status, out, err = run_sitegen(
        "check", "--publish", "--project", publication, "--today", FIXTURE_TODAY
    )
    assert status == 0, err
    assert "content is valid" in out


def test_the_publish_gate_lists_what_the_real_content_lacks(run_sitegen: RunSitegen) -> None:
    status, _, err = run_sitegen("check", "--publish", "--project", ROOT)
    assert status == 1
    found = [line for line in err.splitlines() if not line.startswith("sitegen:")]
    assert found == [
        "content_src/site.yml:1: no named editor: add the people who write and review pages to"
        " people.yml, by name",
        "content_src/site.yml:1: repo_url: give the repository that holds the site",
        "content_src/site.yml:8: no feedback route: give feedback: issue_url (an issue form) or"
        " email",
        "mkdocs.yml:1: site_url is not set: write the site's address, such as"
        " https://backpain.example.org/ (the sitemap and the pages' links to themselves need"
        " it)",
    ]
    # Without --publish the same content is a valid preview.
    status, _, err = run_sitegen("check", "--project", ROOT)
    assert status == 0, err


def test_the_gate_refuses_placeholder_addresses(publication: Path, run_sitegen: RunSitegen) -> None:
    settings = publication / "content_src" / "site.yml"
    text = settings.read_text(encoding="utf-8")
    text = text.replace("issue_url: https://github.com/fixture-health/guide/issues/new", "email:"
                        " editors@guide.example")  # fmt: skip
    settings.write_text(text, encoding="utf-8")
    config = publication / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("guide.fixture-health.org", "example.org"),
        encoding="utf-8",
    )
    status, _, err = run_sitegen(
        "check", "--publish", "--project", publication, "--today", FIXTURE_TODAY
    )
    assert status == 1
    assert "mkdocs.yml:1: site_url is a placeholder: https://example.org/" in err
    assert "a placeholder address: editors@guide.example" in err


@pytest.mark.browser
def test_every_page_has_a_working_report_a_problem_link(
    browser: object, publication: Path, run_sitegen: RunSitegen, tmp_path: Path
) -> None:
    """In a real browser, on every page of a built publication: the link is there, big
    enough to tap, and opens the issue form with the page's title and address filled in."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import Browser, Route

    from site_build import build_site, themed_fixture

    assert isinstance(browser, Browser)
    themed_fixture(publication, ROOT)
    _generate(publication, run_sitegen)
    site = tmp_path / "site"
    result = build_site(publication, site)
    assert result.returncode == 0, result.stderr
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    local = f"http://127.0.0.1:{server.server_address[1]}/"
    opened: list[str] = []

    def issue_form(route: Route) -> None:  # stands in for GitHub: nothing leaves the machine
        opened.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<h1>New issue</h1>")

    context = browser.new_context(viewport={"width": 360, "height": 740})
    context.route("https://github.com/**", issue_form)
    page = context.new_page()
    pages = {"": "A test overview", "faq/": "Questions", "walking/": "A walking programme"}
    try:
        for path, title in pages.items():
            page.goto(local + path)
            link = page.get_by_role("link", name="Report a problem with this page")
            assert link.count() == 1, path
            box = link.bounding_box()
            assert box is not None and box["height"] >= 24, (path, box)
            link.click()
            page.wait_for_url("https://github.com/**")
            query = parse_qs(urlsplit(opened[-1]).query)
            assert query["title"] == [f"A problem with the page: {title}"], path
            assert f"Address: https://guide.fixture-health.org/{path}\n" in query["body"][0]
    finally:
        context.close()
        server.shutdown()
        server.server_close()
