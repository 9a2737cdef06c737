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
from sitegen.content.schema import GlossaryEntry, PageMeta, Source
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
