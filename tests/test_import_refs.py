"""`sitegen import-refs`: a draft source record for each reference in an export from Zotero,
Mendeley or EndNote (CSL-JSON, BibTeX, RIS), read from the file alone."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURE_TODAY, FIXTURES, RunSitegen, tree
from sitegen.authoring import exports
from sitegen.content.yamlfile import parse_yaml
from test_lookup import fill_in

REFERENCES = FIXTURES / "references"
BIBTEX = REFERENCES / "zotero-library.bib"
RIS = REFERENCES / "endnote-export.ris"
CSL_JSON = REFERENCES / "mendeley-export.json"
EXPORT_HELP = (
    "export the references from Zotero, Mendeley or EndNote as CSL JSON (.json), BibTeX (.bib)"
    " or RIS (.ris)"
)
TO_DO = [
    "To do before it can be published (sitegen check fails until the TODOs are gone):",
    "  - kind: what kind of source this is, one of the kinds in content_src/README.md",
    "  - note: say in a sentence or two what this source is and what it says, and anything wrong"
    " or out of date in it",
    "  - conflicts: who wrote it or paid for it and what they gain, or: None known.",
    "Then cite each in a page as [@id], with its id (the file name without .yml).",
]


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError(f"tried to connect: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)


def _import(run_sitegen: RunSitegen, project: Path, path: Path) -> tuple[int, str, str]:
    return run_sitegen("import-refs", path, "--project", project, "--today", FIXTURE_TODAY)


def _record(project: Path, source_id: str) -> dict[str, Any]:
    path = project / "content_src/sources" / f"{source_id}.yml"
    data: dict[str, Any] = parse_yaml(path.read_text(encoding="utf-8")).data
    return data


def test_bibtex_with_two_records_accents_and_braces(
    minimal_project: Path, run_sitegen: RunSitegen
) -> None:
    status, out, err = _import(run_sitegen, minimal_project, BIBTEX)
    assert status == 0, err
    assert out.splitlines() == [
        "sitegen: read 2 references from zotero-library.bib (BibTeX)",
        "sitegen: wrote content_src/sources/foster-2001.yml (zotero-library.bib:2)",
        "  to do: kind, note, conflicts",
        "sitegen: wrote content_src/sources/muller-2019.yml (zotero-library.bib:19)",
        "  to do: kind, note, conflicts",
        *TO_DO,
    ]
    foster = _record(minimal_project, "foster-2001")
    assert foster["title"] == (
        "Botulinum toxin A and chronic low back pain: a randomized, double-blind study"
    )
    assert foster["author"][0] == {"family": "Foster", "given": "L."}
    assert (foster["volume"], foster["issue"], foster["page"]) == ("56", "10", "1290-1293")
    assert foster["issued"] == "2001-05"
    assert (foster["DOI"], foster["PMID"]) == ("10.1212/WNL.56.10.1290", "11376175")
    assert foster["type"] == "article-journal"
    muller = _record(minimal_project, "muller-2019")
    assert muller["title"] == (
        "Nackenschmerz in der Hausarztpraxis: Übersicht & Maßnahmen für Botox-Patienten"
    )
    assert muller["author"] == [
        {"family": "Müller", "given": "Jörg"},
        {"family": "García-López", "given": "María"},
        {"literal": "Deutsche Schmerzgesellschaft"},  # in braces: one organisation
        {"family": "van der Berg", "given": "Jan"},
    ]
    assert muller["page"] == "112-118"
    assert muller["issued"] == "2019-03"


def test_ris_from_endnote(minimal_project: Path, run_sitegen: RunSitegen) -> None:
    status, out, err = _import(run_sitegen, minimal_project, RIS)
    assert status == 0, err
    assert "sitegen: wrote content_src/sources/waseem-2011.yml (endnote-export.ris:1)" in out
    assert "sitegen: wrote content_src/sources/odegard-2024.yml (endnote-export.ris:20)" in out
    waseem = _record(minimal_project, "waseem-2011")
    assert waseem["container-title"] == "Cochrane Database of Systematic Reviews"
    assert waseem["author"][-1] == {"family": "Furlan", "given": "Andrea D."}
    assert waseem["issued"] == "2011-01-19"
    assert waseem["DOI"] == "10.1002/14651858.CD008257.pub2"
    page = _record(minimal_project, "odegard-2024")
    assert page["type"] == "webpage"
    assert page["author"] == [{"family": "Ødegård", "given": "Siri"}]
    assert page["issued"] == "2024-03"


def test_csl_json_from_mendeley(minimal_project: Path, run_sitegen: RunSitegen) -> None:
    status, out, err = _import(run_sitegen, minimal_project, CSL_JSON)
    assert status == 0, err
    assert out.splitlines()[:2] == [
        "sitegen: read 1 reference from mendeley-export.json (CSL-JSON)",
        "sitegen: wrote content_src/sources/van-tulder-2018.yml (mendeley-export.json:2)",
    ]
    data = _record(minimal_project, "van-tulder-2018")
    assert data["title"] == "Ångström-scale in vivo effects: a trial of neck injections"
    assert data["author"] == [
        {"family": "van Tulder", "given": "Maurits W."},
        {"literal": "Neck Pain Trialists Group"},
        {"family": "O'Brien", "given": "Siobhán"},
    ]
    assert data["PMID"] == "30000001"  # from Zotero's note
    assert data["page"] == "201-209"
    assert data["issued"] == "2018-07"


def test_the_records_pass_check_once_filled_in(
    minimal_project: Path, run_sitegen: RunSitegen
) -> None:
    for export in (BIBTEX, RIS, CSL_JSON):
        assert _import(run_sitegen, minimal_project, export)[0] == 0
    args = ("--project", minimal_project, "--today", FIXTURE_TODAY)
    status, _, err = run_sitegen("check", *args)
    assert status == 1
    assert err.splitlines()[-1] == "sitegen: 5 errors; docs/ was not changed"
    for path in sorted((minimal_project / "content_src/sources").glob("*.yml")):
        if "TODO" in path.read_text(encoding="utf-8"):
            fill_in(path)
    status, _, err = run_sitegen("check", *args)
    assert status == 0, err
    assert err.count("is not cited on any page") == 5


def test_a_reference_already_there_is_not_written_again(
    minimal_project: Path, run_sitegen: RunSitegen
) -> None:
    assert _import(run_sitegen, minimal_project, BIBTEX)[0] == 0
    before = tree(minimal_project)
    status, out, err = _import(run_sitegen, minimal_project, BIBTEX)
    assert status == 1
    assert out == "sitegen: read 2 references from zotero-library.bib (BibTeX)\n"
    assert err.splitlines() == [
        "sitegen: zotero-library.bib:2: not written: the same DOI as"
        " content_src/sources/foster-2001.yml (10.1212/WNL.56.10.1290): one source, one record;"
        " update that record instead",
        "sitegen: zotero-library.bib:19: not written: the same DOI as"
        " content_src/sources/muller-2019.yml (10.1000/schmerz.2019.0042): one source, one"
        " record; update that record instead",
        "sitegen: wrote 0 of 2 references; see above for the others",
    ]
    assert tree(minimal_project) == before


def test_the_others_are_still_written(
    minimal_project: Path, run_sitegen: RunSitegen, tmp_path: Path
) -> None:
    export = tmp_path / "two.ris"
    export.write_text(
        "TY  - JOUR\nAU  - Smith, Anna B\nTI  - A small trial of a treatment\nPY  - 2001\n"
        "ER  - \n\nTY  - JOUR\nAU  - Lee, Jordan\nTI  - Another trial\nPY  - 2020\nER  - \n",
        encoding="utf-8",
    )
    status, out, err = _import(run_sitegen, minimal_project, export)
    assert status == 1
    assert err.splitlines() == [
        "sitegen: two.ris:1: not written: the same title and year as"
        " content_src/sources/trial-2001.yml (A small trial of a treatment, 2001): one source,"
        " one record; update that record instead",
        "sitegen: wrote 1 of 2 references; see above for the others",
    ]
    assert "sitegen: wrote content_src/sources/lee-2020.yml (two.ris:7)" in out


UNREADABLE = {
    "unknown format": (
        "refs.txt",
        "Just some notes.\n",
        f"cannot tell what kind of file refs.txt is: {EXPORT_HELP}",
    ),
    "empty BibTeX": (
        "refs.bib",
        "% nothing here\n",
        f"found no references in refs.bib (read as BibTeX): {EXPORT_HELP}",
    ),
    "empty RIS": ("refs.ris", "", f"found no references in refs.ris (read as RIS): {EXPORT_HELP}"),
    "JSON missing a comma": (
        "refs.json",
        '[\n  {"title": "A"}\n  {"title": "B"}\n]',
        "refs.json:3:3: not valid JSON: expected ',' or ']'",
    ),
    "broken JSON": (
        "refs.json",
        '{"title": "A",\n}',
        "refs.json:2:1: not valid JSON: Expecting property name enclosed in double quotes",
    ),
    "not items": (
        "refs.json",
        "[1, 2]",
        'refs.json:1: not a CSL-JSON item: each reference is an object such as {"title": ...}',
    ),
}


@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_exports_that_cannot_be_read(
    case: str, minimal_project: Path, run_sitegen: RunSitegen, tmp_path: Path
) -> None:
    name, text, message = UNREADABLE[case]
    export = tmp_path / name
    export.write_text(text, encoding="utf-8")
    before = tree(minimal_project)
    status, out, err = _import(run_sitegen, minimal_project, export)
    assert status == 1
    assert err == f"sitegen: {message}\n"
    assert out == ""
    assert tree(minimal_project) == before


def test_files_that_cannot_be_read(
    minimal_project: Path,
    run_sitegen: RunSitegen,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    status, _, err = _import(run_sitegen, minimal_project, tmp_path / "missing.bib")
    assert (status, err) == (
        1,
        f"sitegen: cannot read {tmp_path / 'missing.bib'}: No such file or directory\n",
    )
    status, _, err = _import(run_sitegen, minimal_project, tmp_path)
    assert err == f"sitegen: {tmp_path} is not a file: {EXPORT_HELP}\n"
    latin = tmp_path / "latin.ris"
    latin.write_bytes("TY  - JOUR\nTI  - Caf\xe9\nER  - \n".encode("latin-1"))
    status, _, err = _import(run_sitegen, minimal_project, latin)
    assert err == f"sitegen: {latin} is not UTF-8 text: export it again as UTF-8\n"
    monkeypatch.setattr(exports, "MAX_EXPORT_BYTES", 10)
    status, _, err = _import(run_sitegen, minimal_project, BIBTEX)
    assert err == f"sitegen: {BIBTEX} is larger than 0 MB\n"


@pytest.mark.parametrize(
    ("module", "function", "export", "message"),
    [
        ("bibtexparser", "loads", BIBTEX, "zotero-library.bib: not BibTeX that can be read"),
        ("rispy", "loads", RIS, "endnote-export.ris: not RIS that can be read"),
    ],
    ids=["BibTeX", "RIS"],
)
def test_when_the_parser_gives_up(
    module: str,
    function: str,
    export: Path,
    message: str,
    minimal_project: Path,
    run_sitegen: RunSitegen,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise ValueError("unexpected token")

    monkeypatch.setattr(f"{module}.{function}", fail)
    status, _, err = _import(run_sitegen, minimal_project, export)
    assert status == 1
    assert err == (f"sitegen: {message}: export the references again from your reference manager\n")


def test_values_that_are_not_valid_are_left_out_with_a_note(
    minimal_project: Path, run_sitegen: RunSitegen, tmp_path: Path
) -> None:
    export = tmp_path / "odd.json"
    export.write_text(
        '[{"type": "article-journal", "title": "An odd record", "DOI": "doi.org/10.1000/x",'
        ' "URL": "www.example.org/x", "author": [{"family": "Lee", "given": "Jo"}],'
        ' "issued": {"date-parts": [[1850]]}}]',
        encoding="utf-8",
    )
    status, out, err = _import(run_sitegen, minimal_project, export)
    assert status == 0, err
    assert "  to do: kind, issued, DOI, URL, note, conflicts" in out
    for line in [
        "  - issued: the data gave '1850', which is not a valid date: check the source",
        "  - DOI: the data gave 'doi.org/10.1000/x', which is not a valid DOI: check the source",
        "  - URL: the data gave 'www.example.org/x', which is not a valid web address: check the"
        " source",
    ]:
        assert line in out.splitlines()
    text = (minimal_project / "content_src/sources/lee-1850.yml").read_text(encoding="utf-8")
    assert "# TODO: the data gave 'doi.org/10.1000/x', which is not a valid DOI" in text
    assert "\n# DOI:" in text and "\n# URL:" in text
