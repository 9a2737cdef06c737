"""`sitegen new-source`: a source file with every field explained, never published as a draft."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import RunSitegen, tree
from sitegen.authoring.draft import SourceDraft, render_source
from sitegen.content.layout import Project
from sitegen.content.load import load_content
from sitegen.content.origin import fields_of, validate
from sitegen.content.schema import Source
from sitegen.content.yamlfile import parse_yaml

NEW = "content_src/sources/neck-leaflet.yml"
FULL = (
    "new-source",
    "neck-leaflet",
    "--today",
    "2026-11-22",
    "--kind",
    "public health information",
    "--title",
    "Neck pain: what helps",
    "--author",
    "Smith, Anna B",
    "--author",
    "Back Care Society",
    "--container-title",
    "Back Care",
    "--publisher",
    "Back Care Society",
    "--issued",
    "2024-03",
    "--url",
    "https://www.example.org/neck-pain/",
    "--doi",
    "10.1000/leaflet.2024",
    "--pmid",
    "654321",
)


def _line_of(path: Path, start: str) -> int:
    """The line of `path` that starts with `start`: where a problem with that field is."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(start))


def _fill_in(path: Path) -> None:
    """Do what a person does with a draft: write every TODO value, drop the TODO notes."""
    lines = path.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith("# TODO")]
    text = "\n".join(kept) + "\n"
    text = re.sub(r"note: >-\n(  .*\n)+", "note: A leaflet for the public.\n", text)
    text = re.sub(r'note: ".*"\n', "note: A leaflet for the public.\n", text)
    text = re.sub(r'conflicts: ".*"\n', "conflicts: None known.\n", text)
    text = text.replace('- literal: "TODO: who wrote it"', "- literal: Back Care Society")
    path.write_text(text, encoding="utf-8")


def test_every_field_is_written_and_explained(
    minimal_project: Path, run_sitegen: RunSitegen
) -> None:
    status, out, err = run_sitegen(*FULL, "--project", minimal_project)
    assert status == 0, err
    assert f"sitegen: wrote {NEW}" in out
    assert "Then cite it in a page as [@neck-leaflet]." in out
    lines = (minimal_project / NEW).read_text(encoding="utf-8").splitlines()
    for name in [info.alias or name for name, info in fields_of(Source).items()]:
        if name == "id":
            continue  # the file name is the id
        at = next(
            (i for i, line in enumerate(lines) if re.match(rf"(# )?{re.escape(name)}:", line)),
            None,
        )
        assert at is not None, f"{name} is not in the file"
        assert lines[at - 1].startswith("# "), f"{name} has no explanation above it"
    assert "# volume:" in lines  # optional and unknown: shown, commented out
    doc = parse_yaml("\n".join(lines))
    assert doc.data["author"] == [
        {"family": "Smith", "given": "Anna B"},
        {"literal": "Back Care Society"},
    ]
    assert doc.data["accessed"] == "2026-11-22"
    assert doc.data["issued"] == "2024-03"
    assert doc.data["type"] == "webpage"
    assert doc.data["PMID"] == "654321"
    assert doc.data["note"].startswith("TODO: ")
    assert doc.data["conflicts"].startswith("TODO: ")


def test_the_draft_loads_but_check_fails_until_the_todos_are_done(
    minimal_project: Path, run_sitegen: RunSitegen
) -> None:
    status, _, err = run_sitegen(*FULL, "--project", minimal_project)
    assert status == 0, err
    content, problems = load_content(Project(minimal_project))
    assert content is not None
    assert not problems.errors, [str(p) for p in problems.errors]
    assert content.sources["neck-leaflet"].title == "Neck pain: what helps"

    args = ("--project", minimal_project, "--today", "2026-11-22")
    status, _, err = run_sitegen("generate", *args)
    assert status == 1
    assert (
        f"{NEW}:{_line_of(minimal_project / NEW, 'note:')}: this source is a draft: 'note' and"
        " 'conflicts' still say TODO; write them,"
        " act on each note marked TODO in the file, and delete the TODO markers" in err
    )
    assert not (minimal_project / "docs").exists()

    _fill_in(minimal_project / NEW)
    status, _, err = run_sitegen("check", *args)
    assert status == 0, err
    where = f"{NEW}:{_line_of(minimal_project / NEW, 'title:')}"
    assert f"{where}: warning: source 'neck-leaflet' is not cited on any page" in err


def test_unknown_author_and_date_are_to_dos(minimal_project: Path, run_sitegen: RunSitegen) -> None:
    status, out, err = run_sitegen(
        "new-source",
        "bare",
        "--project",
        minimal_project,
        "--today",
        "2026-11-22",
        "--kind",
        "guideline",
        "--title",
        "Low back pain",
    )
    assert status == 0, err
    assert "  - author: write each author as '- family:'" in out
    assert "  - issued: no date was given" in out
    text = (minimal_project / "content_src/sources/bare.yml").read_text(encoding="utf-8")
    assert 'issued: "no date shown"' in text
    assert "# TODO: no date was given: write the date the source shows" in text
    assert "type: report" in text  # the usual type for a guideline
    status, _, err = run_sitegen("check", "--project", minimal_project, "--today", "2026-11-22")
    assert status == 1
    where = f"bare.yml:{_line_of(minimal_project / 'content_src/sources/bare.yml', 'author:')}"
    assert f"{where}: this source is a draft: 'author', 'note' and 'conflicts' still say" in err


def test_no_author(minimal_project: Path, run_sitegen: RunSitegen) -> None:
    status, _, err = run_sitegen(
        "new-source",
        "anon",
        "--project",
        minimal_project,
        "--kind",
        "clinic blog",
        "--title",
        "Back pain: to try or not",
        "--no-author",
        "--issued",
        "no date shown",
    )
    assert status == 0, err
    doc = parse_yaml((minimal_project / "content_src/sources/anon.yml").read_text("utf-8"))
    assert doc.data["author"] == "no author named"
    assert doc.data["title"] == "Back pain: to try or not"
    assert doc.data["accessed"] == date.today().isoformat()  # the real date by default


@pytest.mark.parametrize(
    ("source_id", "message"),
    [
        ("trial-2001", "content_src/sources/trial-2001.yml already exists: choose another id"),
        ("Trial_2001", "'Trial_2001' cannot be a source id: use lowercase letters, digits and"),
        ("neck pain", "'neck pain' cannot be a source id"),
    ],
)
def test_existing_or_invalid_id_is_refused(
    source_id: str, message: str, minimal_project: Path, run_sitegen: RunSitegen
) -> None:
    before = tree(minimal_project)
    status, out, err = run_sitegen(
        "new-source",
        source_id,
        "--project",
        minimal_project,
        "--kind",
        "guideline",
        "--title",
        "T",
    )
    assert status == 1
    assert f"sitegen: {message}" in err
    assert out == ""
    assert tree(minimal_project) == before


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--kind", "randomised trial", "--kind cannot be 'randomised trial' (did you mean"),
        ("--issued", "03/04/16", "--issued: '03/04/16' is not a date: write YYYY-MM-DD, YYYY-MM"),
        ("--issued", "2016-02-30", "--issued: '2016-02-30' is not a real date"),
        ("--url", "www.example.org", "--url: 'www.example.org' is not a valid web address"),
        ("--doi", "doi.org/10.1000", "--doi: 'doi.org/10.1000' is not a valid DOI"),
        ("--pmid", "PMC123", "--pmid: 'PMC123' is not a valid PMID"),
        ("--author", ", Anna", "--author ', Anna': write 'Family, Given'"),
    ],
)
def test_bad_options_are_refused(
    option: str, value: str, message: str, minimal_project: Path, run_sitegen: RunSitegen
) -> None:
    args = {"--kind": "guideline", "--title": "T", option: value}
    flat = [part for pair in args.items() for part in pair]
    status, _, err = run_sitegen("new-source", "new-one", "--project", minimal_project, *flat)
    assert status == 1
    assert message in err, err
    assert not (minimal_project / "content_src/sources/new-one.yml").exists()


def test_author_and_no_author_cannot_both_be_given(
    minimal_project: Path, run_sitegen: RunSitegen
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run_sitegen(
            "new-source",
            "x",
            "--project",
            minimal_project,
            "--kind",
            "guideline",
            "--title",
            "T",
            "--author",
            "A, B",
            "--no-author",
        )
    assert exit_info.value.code == 2


printable = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=150
).filter(lambda text: text.strip() != "")


@given(title=printable, site=printable)
def test_any_title_is_written_so_that_it_reads_back_the_same(title: str, site: str) -> None:
    draft = SourceDraft(
        id="any", accessed=date(2026, 11, 22), title=title, container_title=site, kind="guideline"
    )
    data = parse_yaml(render_source(draft)).data
    assert data["title"] == title
    assert data["container-title"] == site
    validate(Source, {**data, "id": "any"})
