"""The loaded content: pages, sources and data, frozen once read.

A Content is what every later stage works from. Records keep their file and line (see
origin.py); pages keep the scan of their Markdown (see markdown.py).
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from sitegen.content.layout import output_name
from sitegen.content.markdown import Citation, Marker
from sitegen.content.options import CONDITIONS, Guideline, Option
from sitegen.content.origin import Record
from sitegen.content.schema import (
    EvidenceClaim,
    Figures,
    GlossaryEntry,
    IconArray,
    MarkdownText,
    PageBody,
    PageMeta,
    SiteSettings,
    Source,
    Timeline,
)
from sitegen.problems import Location


@dataclass(frozen=True)
class Comparison:
    """The options for one condition, compared: what a [[compare:low-back]] marker draws."""

    condition: str
    options: tuple[Option, ...]


MarkerTarget = EvidenceClaim | IconArray | Timeline | Option | Comparison


@dataclass(frozen=True)
class NavEntry:
    """One entry of the nav in mkdocs.yml: the title shown in the menu and the file in docs/."""

    title: str
    file: str
    where: Location
    #: The title of the nav section the page is in, if any.
    section: str | None = None


@dataclass(frozen=True)
class Page:
    """A page of the site: front matter, Markdown body, and where they came from."""

    name: str
    path: str
    meta: PageMeta
    body: PageBody
    next_review_due: date

    @property
    def output_name(self) -> str:
        """The file in docs/ this page becomes."""
        return output_name(self.name)

    @property
    def body_first_line(self) -> int:
        return self.body.first_line

    def key_point_citations(self) -> list[Citation]:
        """The citations in the key points, each at its key point's line."""
        found = []
        for index, point in enumerate(self.meta.key_points):
            line = self.meta.where("key_points", index).line
            found += [Citation(c.key, line, c.column) for c in point.scan.citations]
        return found


@dataclass(frozen=True)
class Content:
    """Everything in content_src/ that could be read, and the names of what could not."""

    settings: SiteSettings
    sources: Mapping[str, Source]
    pages: tuple[Page, ...]
    glossary: tuple[GlossaryEntry, ...] = ()
    evidence: Mapping[str, EvidenceClaim] = field(default_factory=lambda: MappingProxyType({}))
    figures: Figures = field(default_factory=Figures)
    options: Mapping[str, Option] = field(default_factory=lambda: MappingProxyType({}))
    guidelines: Mapping[str, Guideline] = field(default_factory=lambda: MappingProxyType({}))
    #: The nav of mkdocs.yml: page order and menu titles (empty when there is no nav).
    nav: tuple[NavEntry, ...] = ()
    #: Names of all page files, including any that could not be loaded.
    page_files: frozenset[str] = frozenset()
    #: Ids of all source files, including any that could not be loaded.
    source_files: frozenset[str] = frozenset()
    #: Ids of all option files, including any that could not be loaded.
    option_files: frozenset[str] = frozenset()
    #: Data files that could not be read: rules about their contents wait until they can.
    unread_files: frozenset[str] = frozenset()
    #: Where each source's file is, as people see it.
    source_paths: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def page(self, name: str) -> Page | None:
        return next((p for p in self.pages if p.name == name), None)

    @functools.cached_property
    def nav_titles(self) -> Mapping[str, str]:
        """The menu title of each page, by its name, from mkdocs.yml's nav."""
        by_file = {entry.file: entry.title for entry in self.nav}
        return MappingProxyType(
            {page.name: by_file.get(page.output_name, page.meta.title) for page in self.pages}
        )

    def marker_data(self, kind: str) -> Mapping[str, MarkerTarget]:
        """What markers of `kind` can draw, by id."""
        data: dict[str, Mapping[str, MarkerTarget]] = {
            "evidence": self.evidence,
            "icon-array": self.figures.icon_arrays,
            "timeline": self.figures.timelines,
            "option": self.options,
            "compare": self.comparisons,
        }
        return data[kind]

    @functools.cached_property
    def comparisons(self) -> Mapping[str, Comparison]:
        """The options for each condition that any option covers."""
        found: dict[str, Comparison] = {}
        for condition in CONDITIONS:
            members = tuple(o for o in self.options.values() if condition in o.conditions)
            if members:
                found[condition] = Comparison(condition, members)
        return MappingProxyType(found)

    def marker_target(self, marker: Marker) -> MarkerTarget | None:
        """The data a marker draws, or None when there is none by that id."""
        return self.marker_data(marker.kind).get(marker.id)

    def citations(self, page: Page) -> list[Citation]:
        """Every source `page` cites, in order: key points, the body, and the data its
        markers draw (the sources of an evidence box or figure count where the marker is)."""
        found = page.key_point_citations() + list(page.body.scan.citations)
        for marker in page.body.scan.markers:
            target = self.marker_target(marker)
            if target is None:
                continue
            found += [
                Citation(key, marker.line, 1)
                for key in marker_citations(target)
                if key in self.sources
            ]
        return sorted(found, key=lambda c: (c.line, c.column))

    @functools.cached_property
    def data_texts(self) -> tuple[FieldValue, ...]:
        """Every Markdown text of the data files and front matter (page bodies are apart:
        see Page.body)."""
        return tuple(item for record in self.records() for item in markdown_fields(record))

    def records(self) -> Iterator[Record]:
        """Every record read from a data file or front matter."""
        yield self.settings
        yield from self.sources.values()
        yield from self.glossary
        yield from self.evidence.values()
        yield self.figures
        yield from self.options.values()
        yield from self.guidelines.values()
        yield from (page.meta for page in self.pages)

    def cited_keys(self, page: Page) -> list[str]:
        """Sources cited on the page, in order of first citation (key points first)."""
        return list(dict.fromkeys(c.key for c in self.citations(page)))


def _holds_markdown(annotation: object) -> bool:
    """Whether a field of this type can hold Markdown text, itself or in records inside it."""
    if isinstance(annotation, type):
        return issubclass(annotation, MarkdownText) or (
            issubclass(annotation, Record) and bool(_markdown_field_names(annotation))
        )
    return any(_holds_markdown(arg) for arg in typing.get_args(annotation))


@functools.cache
def _markdown_field_names(model: type[Record]) -> tuple[tuple[str, str], ...]:
    """(attribute, name in the file) of each field of `model` that can hold Markdown."""
    return tuple(
        (name, info.alias or name)
        for name, info in model.model_fields.items()
        if _holds_markdown(info.annotation)
    )


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


def plain_fields(content: Content) -> Iterator[FieldValue]:
    """Every plain-text value of the data files and front matter."""
    for record in content.records():
        yield from _plain_in(record)


def _plain_in(record: Record) -> Iterator[FieldValue]:
    for name, info in type(record).model_fields.items():
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
    for name in type(record).model_fields:
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
    texts = [getattr(target, name) for name in type(target).model_fields]
    inner = [c.key for text in texts if isinstance(text, MarkdownText) for c in text.scan.citations]
    return [*target.sources, *inner]


def card_citations(option: Option, comparison: Comparison) -> list[str]:
    """What an option's card in a comparison cites: its result for the condition, the rate
    of its common side effects, and what it involves (see render/options.py)."""
    result = option.benefit.get(comparison.condition)  # type: ignore[call-overload]
    found: list[str] = []
    if result is not None:
        if not result.has_numbers and result.claim is not None:
            found += [c.key for c in result.claim.scan.citations]
        found += result.sources
    harm = option.harms.common
    if harm.with_option is not None:
        found += harm.sources
    return found + [c.key for c in option.involves.visits.scan.citations]


def listed_sources(record: Record) -> Iterator[tuple[str, Location]]:
    """Each source id in a record's lists of sources, and in the records inside it, with its
    place; and the source a guideline names."""
    for name, info in type(record).model_fields.items():
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
