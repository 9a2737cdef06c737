"""`sitegen new-source --doi / --pmid`: a record from Crossref or PubMed, answered here from
responses in tests/fixtures/recorded/ (no test touches the network)."""

from __future__ import annotations

import json
import re
import socket
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURE_TODAY, FIXTURES, tree
from sitegen.authoring import online
from sitegen.authoring.online import FetchError, fetch_url
from sitegen.commands.cli import main
from sitegen.content.yamlfile import parse_yaml

RECORDED = FIXTURES / "recorded"
FOSTER_DOI = "10.1212/WNL.56.10.1290"
CROSSREF_FOSTER = "https://api.crossref.org/works/10.1212/WNL.56.10.1290"
CROSSREF_WASEEM = "https://api.crossref.org/works/10.1002/14651858.CD008257.pub2"
PUBMED_FOSTER = (
    "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/esummary.fcgi?db=pubmed&retmode=json&id=11376175"
)
ANSWERS = {
    CROSSREF_FOSTER: "crossref-10.1212-WNL.56.10.1290.json",
    CROSSREF_WASEEM: "crossref-10.1002-14651858.CD008257.pub2.json",
    PUBMED_FOSTER: "pubmed-esummary-11376175.json",
    PUBMED_FOSTER.replace("11376175", "99999999"): "pubmed-esummary-unknown.json",
}
BY_HAND = "write the record by hand with sitegen new-source ID --title ..."
Run = Callable[..., tuple[int, str, str]]


class Recorded:
    """A fetch that answers from the recorded responses, and remembers what it was asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, url: str) -> bytes:
        self.asked.append(url)
        if url not in ANSWERS:
            raise FetchError("HTTP 404", 404)
        return (RECORDED / ANSWERS[url]).read_bytes()


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to connect fails the test."""

    def refuse(*args: object) -> None:
        raise AssertionError(f"tried to connect: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], minimal_project: Path) -> Run:
    """sitegen in the fixture project, with a fetch (default: the recorded answers)."""

    def go(*args: str, fetch: Callable[[str], bytes] | None = None) -> tuple[int, str, str]:
        argv = [*args, "--project", str(minimal_project), "--today", FIXTURE_TODAY]
        status = main(argv, fetch=fetch or Recorded())
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return go


def _record(project: Path, source_id: str) -> tuple[str, dict[str, Any]]:
    text = (project / "content_src/sources" / f"{source_id}.yml").read_text(encoding="utf-8")
    return text, parse_yaml(text).data


def fill_in(path: Path, kind: str = "randomized trial") -> None:
    """What a person does with a draft: choose the kind, write note and conflicts."""
    text = path.read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("# TODO")) + "\n"
    text = re.sub(r'kind: ".*"\n', f"kind: {kind}\n", text)
    text = re.sub(r"note: >-\n(  .*\n)+", "note: A small trial.\n", text)
    text = re.sub(r'conflicts: ".*"\n', "conflicts: None known.\n", text)
    path.write_text(text, encoding="utf-8")


def test_a_doi_is_looked_up_at_crossref(run: Run, minimal_project: Path) -> None:
    fetch = Recorded()
    status, out, err = run("new-source", "--doi", FOSTER_DOI, fetch=fetch)
    assert status == 0, err
    assert fetch.asked == [CROSSREF_FOSTER]
    assert out.splitlines() == [
        "Looking up 10.1212/WNL.56.10.1290 at Crossref...",
        "  title:      Botulinum toxin A and chronic low back pain: A randomized, double-blind"
        " study",
        "  authors:    Foster L, Clapp L, Erickson M, Jabbari B",
        "  journal:    Neurology 56(10):1290-1293",
        "  issued:     2001-05-22",
        "sitegen: wrote content_src/sources/foster-2001.yml",
        "To do before it can be published (sitegen check fails until the TODOs are gone):",
        "  - kind: what kind of source this is, one of the kinds in content_src/README.md",
        "  - note: say in a sentence or two what this source is and what it says, and anything"
        " wrong or out of date in it",
        "  - conflicts: who wrote it or paid for it and what they gain, or: None known.",
        "Then cite it in a page as [@foster-2001].",
    ]
    text, data = _record(minimal_project, "foster-2001")
    assert text.startswith("# Source 'foster-2001', drafted by sitegen new-source from Crossref")
    assert data["type"] == "article-journal"
    assert data["author"] == [
        {"family": "Foster", "given": "L."},
        {"family": "Clapp", "given": "L."},
        {"family": "Erickson", "given": "M."},
        {"family": "Jabbari", "given": "B."},
    ]
    assert data["container-title"] == "Neurology"
    assert data["publisher"] == "Ovid Technologies (Wolters Kluwer Health)"
    assert (data["volume"], data["issue"], data["page"]) == ("56", "10", "1290-1293")
    assert data["issued"] == "2001-05-22"
    assert data["DOI"] == FOSTER_DOI  # as given, not in Crossref's lower case
    assert data["URL"] == f"https://doi.org/{FOSTER_DOI}"
    assert data["kind"].startswith("TODO: ")
    assert data["note"].startswith("TODO: ") and data["conflicts"].startswith("TODO: ")
    assert "PMID" not in data


def test_a_pmid_is_looked_up_at_pubmed(run: Run, minimal_project: Path) -> None:
    fetch = Recorded()
    status, out, err = run("new-source", "--pmid", "11376175", fetch=fetch)
    assert status == 0, err
    assert fetch.asked == [PUBMED_FOSTER]
    assert out.startswith("Looking up PMID 11376175 at PubMed...\n")
    assert "  - kind:" not in out  # PubMed says: Randomized Controlled Trial
    _, data = _record(minimal_project, "foster-2001")
    assert data["kind"] == "randomized trial"
    assert data["title"] == (
        "Botulinum toxin A and chronic low back pain: a randomized, double-blind study"
    )  # without PubMed's full stop
    assert data["author"][0] == {"family": "Foster", "given": "L"}
    assert data["page"] == "1290-1293"  # PubMed writes 1290-3
    assert data["PMID"] == "11376175"
    assert data["DOI"] == "10.1212/wnl.56.10.1290"
    assert data["issued"] == "2001-05-22"


def test_doi_and_pmid_together(run: Run, minimal_project: Path) -> None:
    fetch = Recorded()
    status, _, err = run("new-source", "--doi", FOSTER_DOI, "--pmid", "11376175", fetch=fetch)
    assert status == 0, err
    assert fetch.asked == [CROSSREF_FOSTER, PUBMED_FOSTER]
    _, data = _record(minimal_project, "foster-2001")
    assert data["publisher"] == "Ovid Technologies (Wolters Kluwer Health)"  # from Crossref
    assert data["kind"] == "randomized trial"  # from PubMed
    assert (data["DOI"], data["PMID"]) == (FOSTER_DOI, "11376175")


def test_a_second_doi_and_options_that_override(run: Run, minimal_project: Path) -> None:
    doi = "https://doi.org/10.1002/14651858.CD008257.pub2"  # pasted as a link
    status, _, err = run(
        "new-source", "--doi", doi, "--kind", "systematic review", "--publisher", "Wiley"
    )
    assert status == 0, err
    text, data = _record(minimal_project, "waseem-2011")
    assert data["kind"] == "systematic review"
    assert data["DOI"] == "10.1002/14651858.CD008257.pub2"
    assert data["container-title"] == "Cochrane Database of Systematic Reviews"
    assert len(data["author"]) == 6
    assert data["author"][-1] == {"family": "Furlan", "given": "Andrea D"}
    assert data["issued"] == "2011-01-19"
    assert "# page:" in text  # Crossref gives none: left as a comment


def test_the_id_is_made_unique_and_the_draft_passes_once_filled_in(
    run: Run, minimal_project: Path, run_sitegen: Run
) -> None:
    sources = minimal_project / "content_src/sources"
    other = (sources / "health-page.yml").read_text(encoding="utf-8")
    other = other.replace("title: Back pain", "title: Another Foster")
    (sources / "foster-2001.yml").write_text(other.replace("back-pain/", "foster/"), "utf-8")
    status, out, err = run("new-source", "--doi", FOSTER_DOI)
    assert status == 0, err
    assert "sitegen: wrote content_src/sources/foster-2001b.yml" in out
    status, _, err = run_sitegen("check", "--project", minimal_project, "--today", FIXTURE_TODAY)
    assert status == 1
    assert "foster-2001b.yml:11: this source is a draft: 'kind', 'note' and 'conflicts'" in err
    fill_in(sources / "foster-2001b.yml")
    status, _, err = run_sitegen("check", "--project", minimal_project, "--today", FIXTURE_TODAY)
    assert status == 0, err


def test_a_duplicate_is_refused_before_anything_is_asked(run: Run, minimal_project: Path) -> None:
    before = tree(minimal_project)
    fetch = Recorded()
    status, out, err = run("new-source", "--doi", "10.1000/TEST.2001", fetch=fetch)
    assert status == 1
    assert fetch.asked == [] and out == ""
    assert err == (
        "sitegen: not written: the same DOI as content_src/sources/trial-2001.yml"
        " (10.1000/TEST.2001): one source, one record; update that record instead\n"
    )
    status, _, err = run("new-source", "--doi", FOSTER_DOI)
    assert status == 0
    status, _, err = run("new-source", "--pmid", "11376175")  # PubMed gives the same DOI
    assert status == 1
    assert err == (
        "sitegen: not written: the same DOI as content_src/sources/foster-2001.yml"
        " (10.1212/wnl.56.10.1290): one source, one record; update that record instead\n"
    )
    assert len(tree(minimal_project)) == len(before) + 1


def _failing(error: FetchError) -> Callable[[str], bytes]:
    def fetch(url: str) -> bytes:
        raise error

    return fetch


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (
            ("--doi", FOSTER_DOI),
            FetchError("Name or service not known"),
            f"sitegen: could not reach Crossref (no network?): {BY_HAND}",
        ),
        (
            ("--pmid", "11376175"),
            FetchError("timed out"),
            f"sitegen: could not reach PubMed (no network?): {BY_HAND}",
        ),
        (
            ("--doi", "10.1000/no.such.work"),
            FetchError("HTTP 404", 404),
            f"sitegen: Crossref has no record of the DOI 10.1000/no.such.work: check it, or"
            f" {BY_HAND}",
        ),
        (
            ("--doi", FOSTER_DOI),
            FetchError("HTTP 503", 503),
            f"sitegen: Crossref answered with an error (HTTP 503): try again later, or {BY_HAND}",
        ),
        (
            ("--doi", FOSTER_DOI),
            FetchError("the answer is larger than 5 MB", reached=True),
            "sitegen: Crossref's answer about the DOI 10.1212/WNL.56.10.1290 could not be read:"
            f" try again later, or {BY_HAND}",
        ),
    ],
    ids=["offline", "time-out", "not found", "server error", "too large"],
)
def test_a_failed_look_up_is_one_line(
    args: tuple[str, ...], error: FetchError, message: str, run: Run, minimal_project: Path
) -> None:
    before = tree(minimal_project)
    status, _, err = run("new-source", *args, fetch=_failing(error))
    assert status == 1
    assert err == message + "\n"
    assert tree(minimal_project) == before


@pytest.mark.parametrize(
    ("args", "answer", "message"),
    [
        (
            ("--pmid", "99999999"),
            None,
            f"sitegen: PubMed has no record of PMID 99999999: check it, or {BY_HAND}",
        ),
        (
            ("--doi", FOSTER_DOI),
            b"<html>Service unavailable</html>",
            "sitegen: Crossref's answer about the DOI 10.1212/WNL.56.10.1290 could not be read:"
            f" try again later, or {BY_HAND}",
        ),
        (
            ("--pmid", "11376175"),
            b'{"header": {}, "esummaryresult": ["Database is not supported"]}',
            f"sitegen: PubMed's answer about PMID 11376175 could not be read: try again later,"
            f" or {BY_HAND}",
        ),
    ],
    ids=["unknown PMID", "not JSON", "not a summary"],
)
def test_answers_that_say_no(
    args: tuple[str, ...], answer: bytes | None, message: str, run: Run
) -> None:
    fetch = Recorded() if answer is None else (lambda url: answer)
    status, _, err = run("new-source", *args, fetch=fetch)
    assert status == 1
    assert err == message + "\n"


def test_what_is_fetched_is_data(run: Run, minimal_project: Path) -> None:
    """Markup, control characters and text-reordering characters never reach the file or
    the terminal; an organisation stays one author."""
    work = json.loads((RECORDED / ANSWERS[CROSSREF_FOSTER]).read_text(encoding="utf-8"))
    work["message"]["title"] = [
        "Botulinum <i>toxin</i> A<script>alert(1)</script>\x1b[31m and \u202eback pain\x07"
    ]
    work["message"]["author"] = [{"name": "Back <b>Pain</b> Trialists", "sequence": "first"}]
    work["message"]["page"] = "1290-1293\n# injected: yes"
    answer = json.dumps(work).encode()
    status, out, err = run("new-source", "--doi", FOSTER_DOI, fetch=lambda url: answer)
    assert status == 0, err
    assert "\x1b" not in out and "\u202e" not in out and "<" not in out
    text, data = _record(minimal_project, "back-pain-2001")
    assert data["title"] == "Botulinum toxin A and back pain"
    assert data["author"] == [{"literal": "Back Pain Trialists"}]
    assert data["page"] == "1290-1293 # injected: yes"
    assert "<" not in text and "\x1b" not in text and "\u202e" not in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("new-one", "--kind", "guideline"),
            "sitegen: give the source's id, --kind and --title, or look it up online with"
            " --doi or --pmid",
        ),
        (
            ("--kind", "guideline", "--title", "T"),
            "sitegen: give the new source's id first, as in: sitegen new-source foster-2001"
            " --kind KIND --title TITLE",
        ),
        (
            ("new-one", "--title", "T"),
            "sitegen: give --kind, one of: consumer article, clinic blog, randomized trial,"
            " observational study, systematic review, meta-analysis, guideline, drug label,"
            " regulatory document, insurance policy, price list, professional society"
            " assessment, public health information",
        ),
        (("--doi", "doi.org/10.1000"), "sitegen: --doi: 'doi.org/10.1000' is not a valid DOI"),
    ],
    ids=["nothing to go on", "no id", "no kind", "a bad DOI"],
)
def test_what_new_source_needs(args: tuple[str, ...], message: str, run: Run) -> None:
    fetch = Recorded()
    status, out, err = run("new-source", *args, fetch=fetch)
    assert status == 1
    assert err.startswith(message)
    assert out == "" and fetch.asked == []


def test_volume_issue_and_pages_are_written(run: Run, minimal_project: Path) -> None:
    status, _, err = run(
        "new-source",
        "lee-2020",
        "--kind",
        "randomized trial",
        "--title",
        "A trial",
        "--volume",
        "56",
        "--issue",
        "10",
        "--pages",
        "1290-1293",
    )
    assert status == 0, err
    text, data = _record(minimal_project, "lee-2020")
    assert (data["volume"], data["issue"], data["page"]) == ("56", "10", "1290-1293")
    assert 'volume: "56"' in text and 'issue: "10"' in text


class _Response:
    def __init__(self, body: bytes) -> None:
        self.body = body

    def __enter__(self) -> _Response:
        return self

    def __exit__(self, *args: object) -> None:
        pass

    def read(self, limit: int) -> bytes:
        return self.body[:limit]


@pytest.mark.parametrize(
    ("raised", "body", "status", "reached"),
    [
        (urllib.error.URLError("Name or service not known"), None, None, False),
        (TimeoutError("timed out"), None, None, False),
        (urllib.error.HTTPError("https://x", 404, "Not Found", None, None), None, 404, True),
        (None, b"x" * (online.MAX_BYTES + 1), None, True),
    ],
    ids=["no network", "time-out", "not found", "too large"],
)
def test_fetch_url_turns_every_failure_into_a_fetch_error(
    raised: Exception | None,
    body: bytes | None,
    status: int | None,
    reached: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def urlopen(request: urllib.request.Request, timeout: float) -> _Response:
        assert timeout == online.TIMEOUT
        assert request.get_header("User-agent", "").startswith("sitegen/")
        if raised is not None:
            raise raised
        return _Response(body or b"")

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    with pytest.raises(FetchError) as caught:
        fetch_url("https://api.crossref.org/works/10.1000/x")
    assert (caught.value.status, caught.value.reached) == (status, reached)


def test_fetch_url_asks_only_the_web() -> None:
    with pytest.raises(FetchError, match="not a web address"):
        fetch_url("file:///etc/passwd")


def test_more_than_one_kind_is_a_choice_to_check(run: Run, minimal_project: Path) -> None:
    answer = json.loads((RECORDED / ANSWERS[PUBMED_FOSTER]).read_text(encoding="utf-8"))
    answer["result"]["11376175"]["pubtype"] = [
        "Journal Article",
        "Meta-Analysis",
        "Systematic Review",
    ]
    body = json.dumps(answer).encode()
    status, out, err = run("new-source", "--pmid", "11376175", fetch=lambda url: body)
    assert status == 0, err
    note = (
        "the data calls it systematic review and meta-analysis: 'systematic review' was chosen;"
        " check it"
    )
    assert f"  - kind: {note}" in out.splitlines()
    text, data = _record(minimal_project, "foster-2001")
    assert data["kind"] == "systematic review"
    assert f"TODO: {note}" in " ".join(text.replace("\n# ", " ").split())
