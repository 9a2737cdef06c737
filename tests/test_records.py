"""Records: frozen dataclasses that pydantic validates, a slot for each field and no
dictionary (a large site loads tens of thousands), each knowing its file and lines."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest

from conftest import ROOT, checked_content
from sitegen.content.files import ContentFiles
from sitegen.content.origin import Record, as_data, fields_of, validate
from sitegen.content.schema import GlossaryEntry, PageMeta, Person, Source
from sitegen.content.walk import _plain_in
from sitegen.content.yamlfile import parse_yaml
from sitegen.problems import Problems


def _every_record(record: Record) -> list[Record]:
    """The record and every record inside it."""
    found = [record]
    for name in fields_of(type(record)):
        value = getattr(record, name)
        if isinstance(value, dict):
            items = list(value.values())
        else:
            items = list(value) if isinstance(value, list | tuple) else [value]
        for item in items:
            if isinstance(item, Record):
                found += _every_record(item)
    return found


def test_every_record_of_the_real_content_has_slots_and_its_lines() -> None:
    content = checked_content(ROOT)
    records = [inner for record in content.records() for inner in _every_record(record)]
    records += [page.meta for page in content.pages]
    kinds = {type(record) for record in records}
    assert {Source, GlossaryEntry, PageMeta} <= kinds and len(kinds) >= 15
    for record in records:
        assert not hasattr(record, "__dict__"), type(record)
        assert record.where().path.startswith("content_src/"), type(record)
        first = next(iter(fields_of(type(record))))
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(record, first, "changed")
    source = content.sources["foster-2001"]
    assert source.where("issued").line > 1
    assert pickle.loads(pickle.dumps(source)) == source  # as records come back from a child
    assert pickle.loads(pickle.dumps(source)).where("issued") == source.where("issued")
    # A record's place is not one of its fields, as data or in its texts.
    assert "_origin" not in as_data(source) and "_origin" not in fields_of(Source)
    assert all(field.keys[0] != "_origin" for field in _plain_in(source))


def test_a_file_cannot_give_a_record_its_place(tmp_path: Path) -> None:
    text = "term: Nerve\ndefinition: A fibre.\n_origin: elsewhere\n"
    problems = Problems()
    doc = parse_yaml(text)
    record = ContentFiles(tmp_path, problems).validate(
        GlossaryEntry, doc.data, doc, tmp_path / "glossary.yml"
    )
    assert record is None
    assert [p.message for p in problems.items] == ["unknown field '_origin'"]
    assert [p.where.line for p in problems.items] == [3]


def test_a_record_made_from_data_validates_it() -> None:
    entry = validate(GlossaryEntry, {"term": "Nerve", "definition": "A fibre."})
    assert (entry.term, entry.where().path) == ("Nerve", "(not from a file)")
    with pytest.raises(ValueError, match="definition"):
        validate(GlossaryEntry, {"term": "Nerve"})


def test_a_kind_of_record_must_be_made_by_record() -> None:
    class Forgotten(Record):
        name: str

    with pytest.raises(TypeError, match="Forgotten is not a record: decorate it with @record"):
        validate(Forgotten, {"name": "x"})
    with pytest.raises(TypeError, match="decorate it with @record"):
        fields_of(Forgotten)


def test_two_records_that_say_the_same_are_equal_wherever_they_are(tmp_path: Path) -> None:
    files = ContentFiles(tmp_path, Problems())
    made = []
    for text in ("family: Foster\ngiven: Lee\n", "\n\ngiven: Lee\nfamily: Foster\n"):
        doc = parse_yaml(text)
        made.append(files.validate(Person, doc.data, doc, tmp_path / "person.yml"))
    first, second = made
    assert first is not None and second is not None
    assert first.where("family") != second.where("family")
    assert first == second and hash(first) == hash(second)


def test_a_record_inside_a_record_given_as_text_is_named_at_its_line(tmp_path: Path) -> None:
    text = "title: T\ndescription: d\nlast_reviewed: 2026-01-01\nreviewed_by: x\n"
    text += "changes:\n  - a change\n"
    problems = Problems()
    doc = parse_yaml(text)
    ContentFiles(tmp_path, problems).validate(PageMeta, doc.data, doc, tmp_path / "page.yml")
    assert [(p.where.line, p.message) for p in problems.items] == [
        (6, "'changes.0': expected a list of fields (name: value), one per line")
    ]
