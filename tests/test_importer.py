"""`sitegen import`: a draft source from a saved article, read from the file alone."""

from __future__ import annotations

import re
import socket
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import trafilatura

from conftest import FIXTURE_TODAY, FIXTURES, RunSitegen, tree
from sitegen.authoring.article import byline_names, parse_date, person
from sitegen.authoring.dates import same_date
from sitegen.authoring.online import FetchError
from sitegen.commands.cli import main
from sitegen.content.layout import Project
from sitegen.content.load import load_content
from sitegen.content.schema import Person
from sitegen.content.yamlfile import parse_yaml

ARTICLES = FIXTURES / "articles"
HTML_ARTICLE = ARTICLES / "stiff-neck.html"
TEXT_ARTICLE = ARTICLES / "back-pain-questions.txt"


def _import(run_sitegen: RunSitegen, project: Path, *args: str | Path) -> tuple[int, str, str]:
    return run_sitegen("import", *args, "--project", project, "--today", FIXTURE_TODAY)


def _source(project: Path, source_id: str) -> tuple[str, dict[str, Any]]:
    text = (project / "content_src/sources" / f"{source_id}.yml").read_text(encoding="utf-8")
    return text, parse_yaml(text).data


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """No network: any connection fails the test. Returns what trafilatura was given."""

    def refuse(*args: object) -> None:
        raise AssertionError(f"tried to connect: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(trafilatura, "fetch_url", refuse)
    given: list[Any] = []
    real = trafilatura.extract_metadata

    def recording(filecontent: Any, *args: Any, **kwargs: Any) -> Any:
        given.append(filecontent)
        return real(filecontent, *args, **kwargs)

    monkeypatch.setattr(trafilatura, "extract_metadata", recording)
    return given


def test_html_article(minimal_project: Path, run_sitegen: RunSitegen, offline: list[Any]) -> None:
    status, out, err = _import(run_sitegen, minimal_project, HTML_ARTICLE)
    assert status == 0, err
    assert offline and str(offline[0]).startswith("<!DOCTYPE html>")  # the page, not a URL
    assert out.splitlines()[:8] == [
        "sitegen: read stiff-neck.html as HTML",
        "  title:      Can a Toxin Shot Loosen a Stiff Neck?",
        "  authors:    Maria Lopez; Sam Carter",
        "  site name:  Riverside Health Notes",
        "  published:  2015-06-08 (shown as 'June 8, 2015')",
        "  updated:    2016-03-22 (shown as '03/22/16')",
        "  address:    https://www.riverside-health.example.org/neck/toxin-shot-stiff-neck",
        "sitegen: wrote content_src/sources/lopez-2015.yml",
    ]
    text, data = _source(minimal_project, "lopez-2015")
    assert data["title"] == "Can a Toxin Shot Loosen a Stiff Neck?"
    assert data["author"] == [
        {"family": "Lopez", "given": "Maria"},
        {"family": "Carter", "given": "Sam"},
    ]
    assert data["container-title"] == "Riverside Health Notes"
    assert data["issued"] == "2015-06-08"
    assert data["updated"] == "2016-03-22"
    assert data["accessed"] == "2026-11-22"
    assert data["URL"] == "https://www.riverside-health.example.org/neck/toxin-shot-stiff-neck"
    assert data["type"] == "webpage"
    assert "# TODO: a guess (consumer article): check the kind of source" in text
    assert "# TODO: names as read from the article: Lopez, Maria; Carter, Sam; check them" in text


def test_plain_text_article(minimal_project: Path, run_sitegen: RunSitegen) -> None:
    status, out, err = _import(
        run_sitegen, minimal_project, TEXT_ARTICLE, "--kind", "consumer article"
    )
    assert status == 0, err
    assert "  updated:    2020-03-04 (shown as '03/04/20') ?" in out
    assert "  - URL: no web address was found in the file" in out
    text, data = _source(minimal_project, "lee-2019")
    assert data["title"] == "Five Questions to Ask Before a Back Injection"
    assert data["author"] == [{"family": "Lee", "given": "Jordan"}]  # no "Dr." and no "MD"
    assert data["issued"] == "2019-05-02"
    assert data["updated"] == "2020-03-04"
    assert data["container-title"].startswith("TODO: ")
    assert "URL" not in data
    assert "# TODO: a guess" not in text  # --kind was given
    ambiguous = text.split('updated: "2020-03-04"')[0].rsplit("\n\n", 1)[1]
    assert '# TODO: the article shows "03/04/20"' in ambiguous
    assert "4 March 2020" in ambiguous and "3 April 2020" in ambiguous


@pytest.mark.parametrize("article", [HTML_ARTICLE, TEXT_ARTICLE])
def test_the_draft_loads_and_only_its_todos_stop_check(
    article: Path, minimal_project: Path, run_sitegen: RunSitegen
) -> None:
    status, _, err = _import(run_sitegen, minimal_project, article, "--id", "draft")
    assert status == 0, err
    content, problems = load_content(Project(minimal_project))
    assert content is not None and "draft" in content.sources
    assert not problems.errors, [str(p) for p in problems.errors]
    status, _, err = run_sitegen("check", "--project", minimal_project, "--today", "2026-11-22")
    assert status == 1
    errors = [line for line in err.splitlines() if ": warning: " not in line]
    assert re.match(r"content_src/sources/draft.yml:\d+: this source is a draft: ", errors[0])
    assert errors[1:] == ["sitegen: 1 error; docs/ was not changed"]


def test_existing_and_invalid_ids_are_refused(
    minimal_project: Path, run_sitegen: RunSitegen
) -> None:
    before = tree(minimal_project)
    status, _, err = _import(run_sitegen, minimal_project, HTML_ARTICLE, "--id", "trial-2001")
    assert status == 1
    assert "content_src/sources/trial-2001.yml already exists: choose another id" in err
    status, _, err = _import(run_sitegen, minimal_project, HTML_ARTICLE, "--id", "Lopez 2015")
    assert status == 1
    assert "'Lopez 2015' cannot be a source id" in err
    status, _, err = _import(run_sitegen, minimal_project, HTML_ARTICLE, "--kind", "blog")
    assert status == 1
    assert "--kind cannot be 'blog'" in err
    assert tree(minimal_project) == before
    assert _import(run_sitegen, minimal_project, HTML_ARTICLE)[0] == 0
    status, _, err = _import(run_sitegen, minimal_project, HTML_ARTICLE)
    assert status == 1
    assert err == (
        "sitegen: not written: the same web address as content_src/sources/lopez-2015.yml"
        " (https://www.riverside-health.example.org/neck/toxin-shot-stiff-neck): one source,"
        " one record; update that record instead\n"
    )


def test_unreadable_files(minimal_project: Path, run_sitegen: RunSitegen, tmp_path: Path) -> None:
    status, _, err = _import(run_sitegen, minimal_project, tmp_path / "missing.html")
    assert status == 1
    assert "cannot read" in err and "No such file or directory" in err
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 article\n".encode("latin-1"))
    status, _, err = _import(run_sitegen, minimal_project, latin)
    assert status == 1
    assert "latin.txt is not UTF-8 text: save the article as UTF-8" in err


def test_page_without_metadata_leaves_todos(
    minimal_project: Path, run_sitegen: RunSitegen, tmp_path: Path
) -> None:
    page = tmp_path / "saved.htm"
    page.write_text(
        "<html><body><div><p>Some words about back pain, long enough to be an article body."
        "</p><p>More words about what helps and what does not.</p></div></body></html>",
        encoding="utf-8",
    )
    status, out, err = _import(run_sitegen, minimal_project, page, "--id", "bare")
    assert status == 0, err
    assert "  title:      not found" in out
    text, data = _source(minimal_project, "bare")
    assert data["title"].startswith("TODO: the title")
    assert data["author"] == [{"literal": "TODO: who wrote it"}]
    assert data["issued"] == "no date shown"
    assert "# TODO: no published date was found in the file" in text
    assert "# TODO: no web address was found in the file" in text


def test_dates_from_metadata_and_disagreements(
    minimal_project: Path, run_sitegen: RunSitegen, tmp_path: Path
) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<!-- saved from url=(0031)https://clinic.example.org/post -->\n"
        '<html><head><title>A clinic post</title><script type="application/ld+json">'
        '{"@type": "BlogPosting", "dateModified": "2021-07-09T10:00:00+00:00"}</script>'
        '<meta property="article:published_time" content="2020-01-15"></head>'
        "<body><article><h1>A clinic post</h1><p>Posted on 16 January 2020</p>"
        "<p>Some words about back pain, long enough to be an article body.</p>"
        "<p>Ellen Park</p></article></body></html>",
        encoding="utf-8",
    )
    status, _, err = _import(run_sitegen, minimal_project, page, "--id", "clinic")
    assert status == 0, err
    text, data = _source(minimal_project, "clinic")
    assert data["issued"] == "2020-01-16"  # as the page shows it
    assert data["updated"] == "2021-07-09"  # from the JSON-LD
    assert data["URL"] == "https://clinic.example.org/post"  # from the browser's note
    assert "the page shows '16 January 2020' but its metadata says '2020-01-15'" in text


def test_an_unlabelled_date_is_a_guess_to_check(
    minimal_project: Path, run_sitegen: RunSitegen, tmp_path: Path
) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Neck pain notes</title></head><body><article>"
        "<h1>Neck pain notes</h1><p>March 3, 2019</p>"
        "<p>Some words about neck pain, long enough to be an article body.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    status, _, err = _import(run_sitegen, minimal_project, page, "--id", "guess")
    assert status == 0, err
    text, data = _source(minimal_project, "guess")
    assert data["issued"] == "2019-03-03"
    assert "# TODO: no published date is labelled on the page; 3 March 2019 is a guess" in text


def test_a_signature_line_is_offered_as_the_author(
    minimal_project: Path, run_sitegen: RunSitegen, tmp_path: Path
) -> None:
    article = tmp_path / "signed.txt"
    article.write_text("A title\n\nSome text about back pain.\n\nEllen Park\n", encoding="utf-8")
    status, out, err = _import(run_sitegen, minimal_project, article, "--id", "signed")
    assert status == 0, err
    assert "the article ends with the line 'Ellen Park': if that is the author, write" in out
    assert "'- family: Park' and 'given: Ellen'" in out


@pytest.mark.parametrize(
    ("shown", "value", "other"),
    [
        ("03/22/16", "2016-03-22", None),
        ("22/03/16", "2016-03-22", None),  # only day/month makes sense
        ("03/04/16", "2016-03-04", "3 April 2016"),  # the US way, flagged
        ("04/04/2016", "2016-04-04", None),
        ("1/2/99", "1999-01-02", "1 February 1999"),
        ("2015-06-08T09:30:00Z", "2015-06-08", None),
        ("June 8, 2015", "2015-06-08", None),
        ("8 June 2015", "2015-06-08", None),
        ("Sept. 3rd, 2019", "2019-09-03", None),
        ("March 2016", "2016-03", None),
        ("2016", "2016", None),
    ],
)
def test_dates_become_iso_dates(shown: str, value: str, other: str | None) -> None:
    found = parse_date(shown, date(2026, 11, 22))
    assert found is not None
    assert found.value == value
    if other is None:
        assert found.doubt is None
    else:
        assert found.doubt is not None and other in found.doubt


@pytest.mark.parametrize("shown", ["13/13/16", "02/30/16", "Tuesday", "soon"])
def test_what_is_not_a_date(shown: str) -> None:
    assert parse_date(shown, date(2026, 11, 22)) is None


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Maria Lopez and Sam Carter", ["Maria Lopez", "Sam Carter"]),
        ("By Dr. Jordan Lee, MD", ["Jordan Lee"]),
        ("by: Ana de la Cruz, PhD; Tom Ng", ["Ana de la Cruz", "Tom Ng"]),
        ("By the way, this is not a byline.", []),
        ("By contrast, Botox costs more.", []),
    ],
)
def test_bylines(line: str, names: list[str]) -> None:
    assert byline_names(["Title", line]) == names


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Maria Lopez", Person(family="Lopez", given="Maria")),
        ("Ana de la Cruz", Person(family="de la Cruz", given="Ana")),
        ("Riverside Health Staff", Person(literal="Riverside Health Staff")),
        ("Madonna", Person(literal="Madonna")),
    ],
)
def test_names_become_csl_names(name: str, expected: Person) -> None:
    assert person(name) == expected


JOURNAL_ARTICLE = ARTICLES / "journal-article.html"
JOURNAL_URL = "https://journal.example.org/jnp/article/14/3/201"
SAVE_IT = "save the page from your browser and import the file: sitegen import FILE"


def test_a_journal_article_page(
    minimal_project: Path, run_sitegen: RunSitegen, offline: list[Any]
) -> None:
    """citation_*, Dublin Core and JSON-LD all name the same three authors: each is written
    once, as a person (Staff is a family name here, not an organisation)."""
    status, out, err = _import(run_sitegen, minimal_project, JOURNAL_ARTICLE)
    assert status == 0, err
    assert out.splitlines()[:8] == [
        "sitegen: read journal-article.html as HTML: a journal article",
        "  title:      Botulinum toxin for chronic neck pain: a pilot trial",
        "  authors:    Staff A, de la Cruz A, Ng T",
        "  journal:    Journal of Neck Pain 14(3):201-209",
        "  published:  2021-09-10",
        "  DOI:        10.1000/jnp.2021.0917",
        f"  address:    {JOURNAL_URL}",
        "sitegen: wrote content_src/sources/staff-2021.yml",
    ]
    text, data = _source(minimal_project, "staff-2021")
    assert data["type"] == "article-journal"
    assert data["kind"].startswith("TODO: ")  # a person chooses: trial, review ...
    assert data["author"] == [
        {"family": "Staff", "given": "Annika"},
        {"family": "de la Cruz", "given": "Ana"},
        {"family": "Ng", "given": "Tom"},
    ]
    assert data["container-title"] == "Journal of Neck Pain"
    assert (data["volume"], data["issue"], data["page"]) == ("14", "3", "201-209")
    assert data["issued"] == "2021-09-10"
    assert (data["DOI"], data["PMID"]) == ("10.1000/jnp.2021.0917", "34500001")
    assert data["URL"] == "https://doi.org/10.1000/jnp.2021.0917"
    # The page shows "10 September 2021", its tags say 2021/09/10: the same day.
    assert "disagree" not in text and "but its metadata says" not in text


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (
            '<meta name="DC.title" content="A trial"><meta name="DC.creator" content="Lee, Jo">'
            '<meta name="DC.identifier" content="https://doi.org/10.1000/dc.1">'
            '<meta name="DC.date" content="2020-02">',
            {
                "DOI": "10.1000/dc.1",
                "issued": "2020-02",
                "author": [{"family": "Lee", "given": "Jo"}],
            },
        ),
        (
            '<script type="application/ld+json">{"@graph": [{"@type": "MedicalScholarlyArticle",'
            ' "name": "A trial", "author": {"@type": "Person", "name": "Jo Lee"},'
            ' "identifier": {"@type": "PropertyValue", "propertyID": "DOI",'
            ' "value": "10.1000/ld.1"},'
            ' "datePublished": "2020-02-03", "pagination": "5-9"}]}</script>',
            {"DOI": "10.1000/ld.1", "issued": "2020-02-03", "page": "5-9"},
        ),
    ],
    ids=["Dublin Core", "JSON-LD"],
)
def test_dublin_core_and_json_ld_alone(
    tags: str,
    expected: dict[str, Any],
    minimal_project: Path,
    run_sitegen: RunSitegen,
    tmp_path: Path,
) -> None:
    page = tmp_path / "article.html"
    page.write_text(
        f"<html><head><title>A trial</title>{tags}</head><body><article><h1>A trial</h1>"
        "<p>Some words about a trial, long enough to be an article body.</p></article></body>"
        "</html>",
        encoding="utf-8",
    )
    status, _, err = _import(run_sitegen, minimal_project, page, "--id", "trial")
    assert status == 0, err
    _, data = _source(minimal_project, "trial")
    assert data["type"] == "article-journal"
    for key, value in expected.items():
        assert data[key] == value


def test_an_article_by_its_address(
    minimal_project: Path, run_sitegen: RunSitegen, capsys: pytest.CaptureFixture[str]
) -> None:
    asked: list[str] = []

    def fetch(url: str) -> bytes:
        asked.append(url)
        return JOURNAL_ARTICLE.read_bytes()

    argv = ["import", JOURNAL_URL, "--project", str(minimal_project), "--today", FIXTURE_TODAY]
    assert main(argv, fetch=fetch) == 0
    out = capsys.readouterr().out
    assert asked == [JOURNAL_URL]
    assert out.splitlines()[:2] == [
        f"Fetching {JOURNAL_URL} ...",
        f"sitegen: read {JOURNAL_URL} as HTML: a journal article",
    ]
    text, _ = _source(minimal_project, "staff-2021")
    assert f"drafted by sitegen import from {JOURNAL_URL}" in " ".join(text.split("\n# "))
    assert main(argv, fetch=fetch) == 1
    assert capsys.readouterr().err == (
        "sitegen: not written: the same DOI as content_src/sources/staff-2021.yml"
        " (10.1000/jnp.2021.0917): one source, one record; update that record instead\n"
    )


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (
            FetchError("Name or service not known"),
            f"could not reach journal.example.org (no network?): {SAVE_IT}",
        ),
        (
            FetchError("HTTP 403", 403),
            f"journal.example.org answered with an error (HTTP 403): try again later, or {SAVE_IT}",
        ),
        (
            FetchError("HTTP 404", 404),
            f"journal.example.org has no record of this address: check it, or {SAVE_IT}",
        ),
        (
            FetchError("the answer is larger than 5 MB", reached=True),
            "journal.example.org's answer about this address could not be read: try again"
            f" later, or {SAVE_IT}",
        ),
    ],
    ids=["offline", "refused", "not found", "too large"],
)
def test_an_address_that_cannot_be_fetched(
    error: FetchError, message: str, minimal_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def fetch(url: str) -> bytes:
        raise error

    before = tree(minimal_project)
    argv = ["import", JOURNAL_URL, "--project", str(minimal_project)]
    assert main(argv, fetch=fetch) == 1
    assert capsys.readouterr().err == f"sitegen: {message}\n"
    assert tree(minimal_project) == before


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("10 September 2021", "2021/09/10", True),
        ("2021-09-10", "2021", True),
        ("2021-09-10", "2021-09-11", False),
    ],
)
def test_one_date_written_two_ways_is_one_date(one: str, other: str, same: bool) -> None:
    today = date(2026, 11, 22)
    first, second = parse_date(one, today), parse_date(other, today)
    assert first is not None and second is not None
    assert same_date(first.value, second.value) is same
