"""Walking the records of the model: the Markdown and plain texts in them, the sources they
cite, and what each marker's box or section cites."""

from __future__ import annotations

import typing
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from sitegen.content.options import Guideline, Option
from sitegen.content.origin import Record, fields_of
from sitegen.content.schema import UrgentHelp
from sitegen.content.targets import Comparison, MarkerTarget, Quiz, ValueList
from sitegen.content.text import MarkdownText
from sitegen.problems import Location


def _holds_markdown(annotation: object) -> bool:
    """Whether a field of this type can hold Markdown text, itself or in records inside it."""
    if isinstance(annotation, type):
        return issubclass(annotation, MarkdownText) or (
            issubclass(annotation, Record) and bool(_markdown_field_names(annotation))
        )
    return any(_holds_markdown(arg) for arg in typing.get_args(annotation))


def _markdown_field_names(model: type[Record]) -> tuple[tuple[str, str], ...]:
    """(attribute, name in the file) of each field of `model` that can hold Markdown."""
    found = _MARKDOWN_FIELDS.get(model)
    if found is None:
        found = _MARKDOWN_FIELDS[model] = tuple(
            (name, info.alias or name)
            for name, info in fields_of(model).items()
            if _holds_markdown(info.annotation)
        )
    return found


_MARKDOWN_FIELDS: dict[type[Record], tuple[tuple[str, str], ...]] = {}


@dataclass(frozen=True, slots=True)
class FieldValue:
    """A text in a record, and the keys of its field: its place is found only when asked."""

    value: str
    record: Record
    keys: tuple[str | int, ...]

    @property
    def where(self) -> Location:
        return self.record.where(*self.keys)

    @property
    def name(self) -> str:
        """The field's name in the file."""
        return str(self.keys[0])


def markdown_fields(record: Record) -> Iterator[FieldValue]:
    """Every Markdown text in `record` and the records inside it."""
    for name, key in _markdown_field_names(type(record)):
        yield from _markdown_in(getattr(record, name), record, (key,))


def _markdown_in(
    value: object, record: Record, keys: tuple[str | int, ...]
) -> Iterator[FieldValue]:
    if isinstance(value, MarkdownText):
        yield FieldValue(value, record, keys)
    elif isinstance(value, Record):
        yield from markdown_fields(value)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _markdown_in(item, record, (*keys, index))
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _markdown_in(item, record, (*keys, str(key)))


def plain_fields(records: Iterable[Record]) -> Iterator[FieldValue]:
    """Every plain-text value of the records (say, all those of the data files and front
    matter)."""
    for record in records:
        yield from _plain_in(record)


def _plain_in(record: Record) -> Iterator[FieldValue]:
    for name, info in fields_of(type(record)).items():
        key = info.alias or name
        value = getattr(record, name)
        if isinstance(value, str):
            if not isinstance(value, MarkdownText):
                yield FieldValue(value, record, (key,))
            continue
        if isinstance(value, Mapping):
            items: list[tuple[tuple[str | int, ...], object]] = [
                ((key, str(k)), item) for k, item in value.items()
            ]
        elif isinstance(value, list):
            items = [((key, index), item) for index, item in enumerate(value)]
        else:
            items = [((key,), value)]
        for keys, item in items:
            if isinstance(item, Record):
                yield from _plain_in(item)
            elif isinstance(item, str) and not isinstance(item, MarkdownText):
                yield FieldValue(item, record, keys)


_LISTED_SOURCES = frozenset({"sources", "noticeable_source"})


def record_citations(record: Record) -> list[str]:
    """Every source a record cites, in the order of its fields: in its texts, and in its
    lists of sources (`sources:`), and so on in the records inside it."""
    found: list[str] = []
    for name in fields_of(type(record)):
        value = getattr(record, name)
        if name in _LISTED_SOURCES and isinstance(value, list):
            found += [str(key) for key in value]
        else:
            found += _citations_in(value)
    return found


def _citations_in(value: object) -> list[str]:
    if isinstance(value, MarkdownText):
        return [citation.key for citation in value.scan.citations]
    if isinstance(value, Record):
        return record_citations(value)
    if isinstance(value, list | tuple):
        return [key for item in value for key in _citations_in(item)]
    if isinstance(value, Mapping):
        return [key for item in value.values() for key in _citations_in(item)]
    return []


def marker_citations(target: MarkerTarget) -> list[str]:
    """The sources a marker's box, picture or section cites."""
    if isinstance(target, Comparison):
        return [key for option in target.options for key in card_citations(option, target)]
    if isinstance(target, Option):
        return record_citations(target)
    if isinstance(target, ValueList | Quiz):
        return [key for item in target.items for key in record_citations(item)]
    if isinstance(target, UrgentHelp):
        return record_citations(target)
    texts = [getattr(target, name) for name in fields_of(type(target))]
    inner = [c.key for text in texts if isinstance(text, MarkdownText) for c in text.scan.citations]
    return [*target.sources, *inner]


def card_citations(option: Option, comparison: Comparison) -> list[str]:
    """What an option's card in a comparison cites, in reading order: its result for the
    condition (the claim, the numbers, other results), the rate of its common side effects,
    and what it involves (see render/compare.py)."""
    result = option.benefit.get(comparison.condition)  # type: ignore[call-overload]
    found: list[str] = []
    if result is not None:
        if result.claim is not None:
            found += [c.key for c in result.claim.scan.citations]
        found += result.sources
        if result.has_numbers and result.other_results is not None:
            found += [c.key for c in result.other_results.scan.citations]
    harm = option.harms.common
    if harm.with_option is not None:
        found += harm.sources
    found += [c.key for c in option.involves.visits.scan.citations]
    if option.involves.day_to_day is not None:
        found += [c.key for c in option.involves.day_to_day.scan.citations]
    return found


def listed_sources(record: Record) -> Iterator[tuple[str, Location]]:
    """Each source id in a record's lists of sources, and in the records inside it, with its
    place; and the source a guideline names."""
    for name, info in fields_of(type(record)).items():
        key = info.alias or name
        value = getattr(record, name)
        if name in _LISTED_SOURCES and isinstance(value, list):
            yield from ((str(item), record.where(key, i)) for i, item in enumerate(value))
        elif isinstance(value, Record):
            yield from listed_sources(value)
        elif isinstance(value, list | tuple):
            for item in value:
                if isinstance(item, Record):
                    yield from listed_sources(item)
        elif isinstance(value, Mapping):
            for item in value.values():
                if isinstance(item, Record):
                    yield from listed_sources(item)
                elif isinstance(item, Mapping):
                    for inner in item.values():
                        if isinstance(inner, Record):
                            yield from listed_sources(inner)
    if isinstance(record, Guideline):
        yield record.source, record.where("source")
